using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// The keyword index: each adjacent pair of bytes of a row's folded text (<see cref="FoldedText.Utf8"/>) is hashed to
/// one of <see cref="Buckets"/> buckets, and the row has a bit in each of its buckets' bitmaps, key bitmaps like any
/// other (<see cref="CatalogKeys.PairOrdinal"/>). A row whose text holds the keyword holds each of the keyword's pairs,
/// so a keyword search keeps only the rows with every one of its buckets before it reads any text; the rows a
/// bucket shared with other pairs lets through are dropped by the ordinal search that confirms each candidate.
/// </summary>
/// <remarks>
/// Pairs across the NUL after each part are marked too: a superset costs a few bits and no answer, and leaves the
/// loop with no branch. The hash is multiplicative, the 16-bit pair times the 32-bit golden ratio, its top 8 bits the
/// bucket: the 1,521 pairs of lower-case Latin letters, digits, '.', '_' and space fill all 256 buckets, at most 10
/// to one, and UTF-8's lead and continuation bytes spread alike.
/// </remarks>
internal static class TextPairs
{
    /// <summary>How many buckets the pairs are hashed to, and so how many bitmaps a chunk keeps for them.</summary>
    public const int Buckets = 256;

    private const uint Multiplier = 0x9E3779B1;

    // A bucket's mark in BucketsOf's table: the byte's top bit, as a vector's most significant bits are read.
    private const byte Mark = 0x80;

    /// <summary>The bucket of the pair of bytes <paramref name="first"/>, <paramref name="second"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BucketOf(byte first, byte second) => (int)(unchecked((uint)((first << 8) | second) * Multiplier) >> 24);

    /// <summary>How many 64-bit words <see cref="BucketsOf"/> writes: a bit a bucket.</summary>
    public const int Words = Buckets / Bits.PerWord;

    /// <summary>
    /// Writes into <paramref name="buckets"/> (<see cref="Words"/> words) the buckets of the adjacent pairs of bytes of
    /// <paramref name="text"/> as bits, bucket <c>b</c> bit <c>b % 64</c> of word <c>b / 64</c>: what a row's pair
    /// bitmaps are set from (<see cref="CatalogChunk"/>), gathered where the text was just folded rather than by the writer.
    /// </summary>
    public static void BucketsOf(ReadOnlySpan<byte> text, Span<ulong> buckets)
    {
        // Each pair marks its bucket's byte in a table of them: stores that wait for nothing, where setting a bit
        // reads its word first and a text's pairs often fall in the same word one after another (a third less time
        // for a text of 170 bytes). The marks (the byte's top bit) are then taken 16 at a time into the words.
        buckets = buckets[..Words];
        Span<byte> marked = stackalloc byte[Buckets];
        marked.Clear();
        for (var i = 1; i < text.Length; i++)
        {
            marked[BucketOf(text[i - 1], text[i])] = Mark;
        }

        for (var word = 0; word < Words; word++)
        {
            var bits = 0UL;
            for (var part = 0; part < Bits.PerWord / Vector128<byte>.Count; part++)
            {
                var marks = Vector128.Create<byte>(marked.Slice((word * Bits.PerWord) + (part * Vector128<byte>.Count), Vector128<byte>.Count));
                bits |= (ulong)marks.ExtractMostSignificantBits() << (part * Vector128<byte>.Count);
            }

            buckets[word] = bits;
        }
    }

    /// <summary>
    /// Writes into <paramref name="ordinals"/> (room for <see cref="Buckets"/>) the ordinals of the bitmaps a row whose
    /// folded text is <paramref name="text"/> is in, one for each bucket of its adjacent pairs of bytes, each once;
    /// returns how many. A keyword's are the bitmaps a row must be in to hold it: none for a keyword of one byte.
    /// </summary>
    public static int OrdinalsOf(ReadOnlySpan<byte> text, Span<int> ordinals)
    {
        Span<ulong> buckets = stackalloc ulong[Words];
        BucketsOf(text, buckets);
        var count = 0;
        for (var word = 0; word < buckets.Length; word++)
        {
            for (var set = buckets[word]; set != 0; set &= set - 1)
            {
                ordinals[count++] = CatalogKeys.PairOrdinal(Bits.LowestRow(word, set));
            }
        }

        return count;
    }
}
