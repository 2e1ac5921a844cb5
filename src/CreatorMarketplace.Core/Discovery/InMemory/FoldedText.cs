using System.Text;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// What a keyword is matched against in one row, folded once when the row is written (<see cref="KeywordText.Fold"/>):
/// the handles, the display name and the bio in one UTF-8 text, each part followed by NUL, with where the name and
/// the bio start. A valid keyword holds no NUL, so no match spans two parts, and the part of the first match is the
/// keyword rank of <see cref="CreatorQuery.KeywordRank"/>: a handle before the name before the bio.
/// </summary>
/// <remarks>
/// UTF-8 takes half the memory of a string for the mostly Latin text folding leaves. Matching its bytes is matching
/// the characters ordinally: the text and the keyword are whole UTF-16 (the text rule refuses half a surrogate
/// pair in both), and in UTF-8 no character's bytes occur inside another's, so a match starts and ends on
/// characters.
/// <para>
/// <see cref="ListingCodec.EncodeRow"/> writes a row's folded text before its encoded listing, and the chunk keeps
/// it in pages of its own (<see cref="RowPages"/>): the UTF-8 length, where the name and the bio start, and the
/// bytes, so that a million rows hold no array of their own for the collector to trace, and a keyword search reads
/// the texts packed together without reading the listings.
/// </para>
/// </remarks>
internal readonly ref struct FoldedText
{
    private const char Separator = '\0';

    private FoldedText(ReadOnlySpan<byte> utf8, int nameStart, int bioStart)
    {
        Utf8 = utf8;
        NameStart = nameStart;
        BioStart = bioStart;
    }

    /// <summary>The folded parts, each followed by NUL, in UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8 { get; }

    /// <summary>The byte where the display name starts: the handles lie before.</summary>
    public int NameStart { get; }

    /// <summary>The byte where the bio starts.</summary>
    public int BioStart { get; }

    /// <summary>A listing's text folded, as a row keeps it (for a check of one listing).</summary>
    public static FoldedText Of(CreatorListing listing)
    {
        var bytes = new ListingBytes();
        Write(listing, bytes);
        return Read(bytes.Written.Span, out _);
    }

    /// <summary>Appends a listing's folded text to <paramref name="output"/>, in the form <see cref="Read"/> reads.</summary>
    public static void Write(CreatorListing listing, ListingBytes output)
    {
        var (profile, accounts) = (listing.Profile, listing.Accounts);
        var room = KeywordText.MaxFoldedUtf8Length(profile.DisplayName.Length) + KeywordText.MaxFoldedUtf8Length(profile.Bio.Length) + 2;
        for (var i = 0; i < accounts.Count; i++)
        {
            room += KeywordText.MaxFoldedUtf8Length(accounts[i].Handle.Value.Length) + 1;
        }

        // Each part folded straight into UTF-8, past room for the three lengths, and moved back behind them once
        // they are known.
        var start = output.Length;
        var bytes = output.Grow(start, (3 * ListingCodec.MaxVarintLength) + room);
        var utf8 = bytes[(start + (3 * ListingCodec.MaxVarintLength))..];
        var length = 0;
        for (var i = 0; i < accounts.Count; i++)
        {
            length = AppendPart(utf8, length, accounts[i].Handle.Value);
        }

        var nameStart = length;
        length = AppendPart(utf8, length, profile.DisplayName);
        var bioStart = length;
        length = AppendPart(utf8, length, profile.Bio);
        var at = start + ListingCodec.WriteVarint(bytes[start..], (ulong)length);
        at += ListingCodec.WriteVarint(bytes[at..], (ulong)nameStart);
        at += ListingCodec.WriteVarint(bytes[at..], (ulong)bioStart);
        utf8[..length].CopyTo(bytes[at..]);
        output.Length = at + length;
    }

    /// <summary>The folded text <see cref="Write"/> wrote at the start of <paramref name="written"/>, and how many bytes it takes.</summary>
    public static FoldedText Read(ReadOnlySpan<byte> written, out int length)
    {
        var at = 0;
        var utf8Length = (int)ListingCodec.ReadVarint(written, ref at);
        var nameStart = (int)ListingCodec.ReadVarint(written, ref at);
        var bioStart = (int)ListingCodec.ReadVarint(written, ref at);
        length = at + utf8Length;
        return new FoldedText(written.Slice(at, utf8Length), nameStart, bioStart);
    }

    // Folds a part into UTF-8 after the first length bytes, followed by NUL; returns the new length.
    private static int AppendPart(Span<byte> utf8, int length, string part)
    {
        length += KeywordText.FoldIntoUtf8(part, utf8[length..]);
        utf8[length] = (byte)Separator;
        return length + 1;
    }

    /// <summary>A keyword as <see cref="RankOf"/> takes it: folded, in UTF-8.</summary>
    public static byte[] Keyword(string keyword) => Encoding.UTF8.GetBytes(new CreatorQueryTerm.Keyword(keyword).Folded);

    /// <summary>The rank of a <see cref="Keyword"/> holding no NUL: 3 in a handle, 2 in the name, 1 in the bio, else 0.</summary>
    public int RankOf(ReadOnlySpan<byte> keyword)
    {
        var at = Utf8.IndexOf(keyword);
        return at < 0 ? 0 : at < NameStart ? 3 : at < BioStart ? 2 : 1;
    }
}
