using CreatorMarketplace.Discovery.InMemory;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>
/// The bit helper's transpose, which turns 64 rows' words of pair buckets into a word of each bucket's bitmap, and its
/// extraction, which packs a word's living rows' bits as a compaction renumbers them.
/// </summary>
public sealed class BitsTests
{
    [Property(MaxTest = 200)]
    public void A_transposed_square_holds_bit_j_of_word_i_at_bit_i_of_word_j(int seed, byte density)
    {
        // Dense, sparse and empty squares: a density of 0 leaves every word empty, 255 nearly every bit set.
        var random = new Random(seed);
        var square = new ulong[Bits.PerWord];
        for (var bit = 0; bit < Bits.PerWord * Bits.PerWord; bit++)
        {
            if (random.Next(255) < density)
            {
                square[bit / Bits.PerWord] |= 1UL << (bit % Bits.PerWord);
            }
        }

        var transposed = (ulong[])square.Clone();
        Bits.Transpose(transposed);

        for (var word = 0; word < Bits.PerWord; word++)
        {
            for (var bit = 0; bit < Bits.PerWord; bit++)
            {
                ((transposed[bit] >> word) & 1).ShouldBe((square[word] >> bit) & 1, $"bit {bit} of word {word}");
            }
        }

        Bits.Transpose(transposed);
        transposed.ShouldBe(square, "transposed twice");
    }

    [Property(MaxTest = 300)]
    public void Extracting_packs_the_masked_bits_low_in_their_order(ulong value, ulong mask, bool dense)
    {
        // FsCheck's numbers are mostly small: a dense mask, as a word of mostly living rows, half the time.
        mask = dense ? ~mask : mask;
        var expected = 0UL;
        var packed = 0;
        for (var bit = 0; bit < Bits.PerWord; bit++)
        {
            if (((mask >> bit) & 1) != 0)
            {
                expected |= ((value >> bit) & 1) << packed++;
            }
        }

        Bits.Extract(value, mask).ShouldBe(expected);
        Bits.ExtractEachBit(value, mask).ShouldBe(expected, "without PEXT");
    }

    [Fact]
    public void Only_the_first_64_words_of_a_longer_span_are_transposed()
    {
        // The load transposes squares that lie side by side in one buffer: each leaves its neighbours alone.
        var words = new ulong[3 * Bits.PerWord];
        words.AsSpan().Fill(ulong.MaxValue);
        words[Bits.PerWord] = 1; // word 0 of the middle square: only its bit 0

        Bits.Transpose(words.AsSpan(Bits.PerWord));

        // Bit j of the middle's word 0 was clear for every j but 0: each word but the first lost its bit 0.
        words[..Bits.PerWord].ShouldAllBe(word => word == ulong.MaxValue);
        words[Bits.PerWord].ShouldBe(ulong.MaxValue);
        words[(Bits.PerWord + 1)..(2 * Bits.PerWord)].ShouldAllBe(word => word == ~1UL);
        words[(2 * Bits.PerWord)..].ShouldAllBe(word => word == ulong.MaxValue);
    }
}
