using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// Row bitmaps in one place: rows are kept 64 to a <see cref="ulong"/> word, row <c>64w + i</c> being bit <c>i</c> of
/// word <c>w</c>. Every shift and mask of the in-memory catalog's bitmaps is written here once, with its bounds
/// asserted in debug builds.
/// </summary>
internal static class Bits
{
    /// <summary>The rows a word holds.</summary>
    public const int PerWord = 64;

    private const int WordShift = 6;

    /// <summary>The words that hold <paramref name="rows"/> rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WordsFor(int rows)
    {
        Debug.Assert(rows >= 0, "a count of rows is not negative");
        return (rows + (PerWord - 1)) >> WordShift;
    }

    /// <summary>The word holding a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WordOf(int row)
    {
        Debug.Assert(row >= 0, "a row is not negative");
        return row >> WordShift;
    }

    /// <summary>The rows before word <paramref name="word"/>: the first row of that word, and the rows that many words hold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RowsBefore(int word)
    {
        Debug.Assert(word is >= 0 and <= int.MaxValue >> WordShift, "a word number is within the rows an int counts");
        return word << WordShift;
    }

    /// <summary>A row's bit in its word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bit(int row) => 1UL << (row & (PerWord - 1));

    /// <summary>The bits, in its word, of the rows before <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Before(int row) => Bit(row) - 1;

    /// <summary>The lowest set bit of a word that has one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong LowestBit(ulong bits)
    {
        Debug.Assert(bits != 0, "the word has a set bit");
        return bits & (~bits + 1);
    }

    /// <summary>The row of the lowest set bit of word <paramref name="word"/>, which has one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LowestRow(int word, ulong bits)
    {
        Debug.Assert(bits != 0, "the word has a set bit");
        return RowsBefore(word) + BitOperations.TrailingZeroCount(bits);
    }

    /// <summary>Whether a row's bit is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSet(ulong[] bitmap, int row) => (bitmap[WordOf(row)] & Bit(row)) != 0;

    /// <summary>Sets a row's bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(ulong[] bitmap, int row) => bitmap[WordOf(row)] |= Bit(row);

    /// <summary>Clears a row's bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(ulong[] bitmap, int row) => bitmap[WordOf(row)] &= ~Bit(row);

    /// <summary>
    /// Transposes a square of 64 by 64 bits in place: bit <c>j</c> of word <c>i</c> trades places with bit <c>i</c> of
    /// word <c>j</c>. Words of a row's keys (a bit a key) become words of a key's rows (a bit a row), 64 rows at a
    /// time, in a few hundred operations rather than one a set bit. Halves of ever smaller blocks trade places, as in
    /// Hacker's Delight's transpose.
    /// </summary>
    public static void Transpose(Span<ulong> square)
    {
        square = square[..PerWord];
        var mask = 0x0000_0000_FFFF_FFFFUL;
        for (var half = PerWord / 2; half != 0; half >>= 1, mask ^= mask << half)
        {
            // Each word with the half's bit clear, and its partner half a block below: the upper half of the first's
            // bits trades places with the lower half of the partner's.
            for (var word = 0; word < PerWord; word = ((word | half) + 1) & ~half)
            {
                var swapped = ((square[word] >> half) ^ square[word | half]) & mask;
                square[word | half] ^= swapped;
                square[word] ^= swapped << half;
            }
        }
    }

    /// <summary>
    /// The bits of <paramref name="value"/> where <paramref name="mask"/> has a bit set, packed into the low bits in
    /// their order (BMI2's PEXT): the bits of a word's living rows, renumbered as a compaction renumbers the rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Extract(ulong value, ulong mask) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.ParallelBitExtract(value, mask) : ExtractEachBit(value, mask);

    /// <summary><see cref="Extract"/> a bit at a time, where the processor has no PEXT.</summary>
    public static ulong ExtractEachBit(ulong value, ulong mask)
    {
        var extracted = 0UL;
        for (var bit = 0; mask != 0; mask &= mask - 1, bit++)
        {
            extracted |= ((value >> BitOperations.TrailingZeroCount(mask)) & 1) << bit;
        }

        return extracted;
    }

    /// <summary>How many bits the words have set.</summary>
    public static int Count(ReadOnlySpan<ulong> words)
    {
        var count = 0;
        foreach (var word in words)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }
}
