using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace CreatorMarketplace;

/// <summary>
/// Folds text for keyword matching: lower case, Latin letters without diacritics, so "José" matches "jose" and
/// "Straße" matches "strasse". The table is the library's own, so matching is the same whether or not the host
/// runs with invariant globalization (where Unicode normalization is not available).
/// </summary>
/// <remarks>
/// A discovery query's keyword rank (<c>CreatorQuery.KeywordRank</c>) matches the folded keyword as an ordinal
/// substring of the folded handles, display name and bio. A catalog that keeps folded text beside its listings (a
/// database column) folds with this method, so that it finds exactly what the query defines. Disclosure hashtags
/// and excluded keywords are compared folded too, which is why the folding is the kernel's and not one context's.
/// </remarks>
public static class KeywordText
{
    // Each letter of Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional that decomposes to an
    // ASCII letter plus marks, paired by position with that letter.
    private const string Accented =
        "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪ" +
        "īĬĭĮįİıĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞ" +
        "ǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥ" +
        "ḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉ" +
        "ẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳ" +
        "ỴỵỶỷỸỹ";

    private const string Bases =
        "aaaaaaceeeeiiiidnoooooouuuuyaaaaaaceeeeiiiidnoooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiii" +
        "iiiiiiijjkkkllllllllllnnnnnnnoooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzsoouuaaiioouuuuuuuuuua" +
        "aaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhh" +
        "hhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwww" +
        "xxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyy" +
        "yyyyyy";

    private static readonly Dictionary<char, string> Folds = BuildFolds();

    /// <summary>Folds text: lower case, and Latin letters with diacritics replaced by their base letters.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The folded text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = ArrayPool<char>.Shared.Rent(MaxFoldedLength(text.Length));
        try
        {
            return new string(buffer, 0, FoldInto<char>(text, buffer));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The most characters <see cref="Fold"/> makes of text this long: a letter folds to at most two ("ß" to "ss").</summary>
    private static int MaxFoldedLength(int length) => checked(length * 2);

    /// <summary>The most bytes <see cref="FoldIntoUtf8"/> writes for text this long: a character's folded form takes at most three (a letter's lower case).</summary>
    internal static int MaxFoldedUtf8Length(int length) => checked(length * 3);

    /// <summary>
    /// Writes the UTF-8 of <see cref="Fold"/>'s form of <paramref name="text"/>, whole UTF-16 (a lone surrogate
    /// becomes U+FFFD, as a transcoder makes it), into <paramref name="into"/>, which has room for
    /// <see cref="MaxFoldedUtf8Length"/> bytes, and returns how many it wrote: the folding and the transcoding in one pass.
    /// </summary>
    internal static int FoldIntoUtf8(ReadOnlySpan<char> text, Span<byte> into) => FoldInto<byte>(text, into);

    // Writes the folded form of text into a buffer with room for MaxFoldedLength characters, or MaxFoldedUtf8Length
    // bytes, and returns how many it wrote (the type tests are constants to the compiler).
    private static int FoldInto<T>(ReadOnlySpan<char> text, Span<T> into)
        where T : unmanaged
    {
        var length = 0;
        for (var at = 0; at < text.Length; at++)
        {
            // Runs of ASCII, most of most text, are lowered many characters at a time; the loop below takes the
            // character the run stopped at.
            var lowered = 0;
            _ = typeof(T) == typeof(char)
                ? Ascii.ToLower(text[at..], MemoryMarshal.Cast<T, char>(into[length..]), out lowered)
                : Ascii.ToLower(text[at..], MemoryMarshal.Cast<T, byte>(into[length..]), out lowered);
            (at, length) = (at + lowered, length + lowered);
            if (at == text.Length)
            {
                break;
            }

            var c = text[at];
            if (Folds.TryGetValue(c, out var replacement))
            {
                // ASCII letters: a byte a character either way.
                if (typeof(T) == typeof(char))
                {
                    replacement.CopyTo(MemoryMarshal.Cast<T, char>(into[length..]));
                }
                else
                {
                    _ = Ascii.FromUtf16(replacement, MemoryMarshal.Cast<T, byte>(into[length..]), out _);
                }

                length += replacement.Length;
            }
            else if (c is < '\u0300' or > '\u036F')
            {
                // Anything else but a combining mark keeps its lower-case form (a surrogate's is itself).
                if (typeof(T) == typeof(char))
                {
                    MemoryMarshal.Cast<T, char>(into)[length++] = char.ToLowerInvariant(c);
                }
                else
                {
                    var rune = char.IsHighSurrogate(c) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1])
                        ? new Rune(c, text[++at])
                        : Rune.TryCreate(char.ToLowerInvariant(c), out var lower) ? lower : Rune.ReplacementChar;
                    length += rune.EncodeToUtf8(MemoryMarshal.Cast<T, byte>(into[length..]));
                }
            }
        }

        return length;
    }

    private static Dictionary<char, string> BuildFolds()
    {
        var folds = new Dictionary<char, string>
        {
            ['ß'] = "ss",
            ['Æ'] = "ae",
            ['æ'] = "ae",
            ['Œ'] = "oe",
            ['œ'] = "oe",
            ['Þ'] = "th",
            ['þ'] = "th",
        };
        for (var i = 0; i < Accented.Length; i++)
        {
            folds[Accented[i]] = Bases[i].ToString();
        }

        // A letter outside the table whose lower case is in it folds as that lower case: the capital sharp s
        // "ẞ" as "ß" (to "ss"), the Angstrom sign "Å" as "å" (to "a"). Without these, folding would leave a letter
        // that folds again, and Fold(Fold(text)) would differ from Fold(text).
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            if (!folds.ContainsKey(c) && folds.TryGetValue(char.ToLowerInvariant(c), out var folded))
            {
                folds[c] = folded;
            }
        }

        return folds;
    }
}
