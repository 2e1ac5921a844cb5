using System.Runtime.CompilerServices;

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
        // Gathered as bits: a text repeats pairs, and pairs share buckets.
        buckets = buckets[..Words];
        buckets.Clear();
        for (var i = 1; i < text.Length; i++)
        {
            var bucket = BucketOf(text[i - 1], text[i]);
            buckets[Bits.WordOf(bucket)] |= Bits.Bit(bucket);
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
