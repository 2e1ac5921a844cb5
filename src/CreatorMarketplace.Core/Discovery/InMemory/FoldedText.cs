using System.Buffers;
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
/// </remarks>
/// <param name="Utf8">The folded parts, each followed by NUL, in UTF-8.</param>
/// <param name="NameStart">The byte where the display name starts: the handles lie before.</param>
/// <param name="BioStart">The byte where the bio starts.</param>
internal readonly record struct FoldedText(byte[] Utf8, int NameStart, int BioStart)
{
    private const char Separator = '\0';

    public static FoldedText Of(CreatorListing listing)
    {
        // Folded into a pooled buffer, so that the UTF-8 array is the only allocation.
        var profile = listing.Profile;
        var capacity = KeywordText.MaxFoldedLength(profile.DisplayName.Length) + KeywordText.MaxFoldedLength(profile.Bio.Length) + 2;
        foreach (var account in listing.Accounts)
        {
            capacity += KeywordText.MaxFoldedLength(account.Handle.Value.Length) + 1;
        }

        var buffer = ArrayPool<char>.Shared.Rent(capacity);
        try
        {
            var length = 0;
            foreach (var account in listing.Accounts)
            {
                length = AppendPart(buffer, length, account.Handle.Value);
            }

            var nameStart = length;
            length = AppendPart(buffer, length, profile.DisplayName);
            var bioStart = length;
            length = AppendPart(buffer, length, profile.Bio);
            var folded = buffer.AsSpan(0, length);
            var utf8 = new byte[Encoding.UTF8.GetByteCount(folded)];
            Encoding.UTF8.GetBytes(folded, utf8);
            return new FoldedText(utf8, Encoding.UTF8.GetByteCount(folded[..nameStart]), Encoding.UTF8.GetByteCount(folded[..bioStart]));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    // Folds a part into the buffer after the first length characters, followed by NUL; returns the new length.
    private static int AppendPart(char[] buffer, int length, string part)
    {
        length += KeywordText.FoldInto(part, buffer.AsSpan(length));
        buffer[length] = Separator;
        return length + 1;
    }

    /// <summary>A keyword as <see cref="RankOf"/> takes it: folded, in UTF-8.</summary>
    public static byte[] Keyword(string keyword) => Encoding.UTF8.GetBytes(new CreatorQueryTerm.Keyword(keyword).Folded);

    /// <summary>The rank of a <see cref="Keyword"/> holding no NUL: 3 in a handle, 2 in the name, 1 in the bio, else 0.</summary>
    public int RankOf(ReadOnlySpan<byte> keyword)
    {
        var at = Utf8.AsSpan().IndexOf(keyword);
        return at < 0 ? 0 : at < NameStart ? 3 : at < BioStart ? 2 : 1;
    }
}
