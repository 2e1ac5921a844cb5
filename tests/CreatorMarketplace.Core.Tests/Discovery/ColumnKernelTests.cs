using System.Runtime.Intrinsics;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;

namespace CreatorMarketplace.Tests.Discovery;

// Every width of every kernel against its scalar form, on random data, whatever this machine accelerates: a width
// the machine lacks runs in software, with the same answers, so each is tested everywhere.
public class ColumnKernelTests
{
    // Few distinct values, so that rows often equal a bound; NaN (unreported) and the infinities among them.
    private static readonly float[] Values = [float.NaN, float.NegativeInfinity, 0f, 0.25f, 1f, 3f, 1e7f, 16_777_217f, float.PositiveInfinity];

    private static float[] Column(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => random.Next(3) == 0 ? (float)random.NextDouble() * 10 : Values[random.Next(Values.Length)])];

    [Property(MaxTest = 300)]
    public void Bounds_compare_alike_at_every_width(int seed)
    {
        var random = new Random(seed);
        var column = Column(random, 64 + 16);
        var start = random.Next(17);
        var low = random.Next(3) == 0 ? float.NegativeInfinity : Values[random.Next(2, Values.Length - 1)];
        var high = random.Next(3) == 0 ? float.PositiveInfinity : Math.Max(low, Values[random.Next(2, Values.Length - 1)]);
        var bound = new ColumnBound(NumberColumn.Followers, low, high);
        ref var first = ref column[start];

        var scalar = ColumnKernels.CompareScalar(ref first, bound);

        ColumnKernels.Compare<Width128<float>, Vector128<float>>(ref first, bound).ShouldBe(scalar);
        ColumnKernels.Compare<Width256<float>, Vector256<float>>(ref first, bound).ShouldBe(scalar);
        ColumnKernels.Compare<Width512<float>, Vector512<float>>(ref first, bound).ShouldBe(scalar);
        ColumnKernels.Compare(column, start, bound).ShouldBe(scalar);
    }

    // A column of whole numbers (followers, views, prices in minor units, past campaigns) under whole bounds: below
    // 2^24 a float equal to a bound's is the bound itself, decided on the column; above, neighbouring numbers share
    // a float and only the listing can tell them apart.
    [Property(MaxTest = 500)]
    public void A_whole_number_is_decided_on_its_float_wherever_no_other_whole_number_shares_it(int seed)
    {
        long[] near = [0, 3, 10_000, (1 << 24) - 1, 1 << 24, (1 << 24) + 1, (1 << 24) + 2, (1L << 25) + 3, 5_000_000_000];
        var random = new Random(seed);
        long Pick() => random.Next(3) == 0 ? random.NextInt64(0, 1L << 26) : near[random.Next(near.Length)] + random.Next(-1, 2);
        var value = Pick();
        long? low = random.Next(4) == 0 ? null : random.Next(3) == 0 ? value : Pick();
        long? high = random.Next(4) == 0 ? null : Math.Max(low ?? 0, random.Next(3) == 0 ? value : Pick());
        var bound = new ColumnBound(NumberColumn.Followers, low ?? float.NegativeInfinity, high ?? float.PositiveInfinity, WholeNumbers: true);

        var (inside, equal) = bound.Decide(value);

        var exactlyInside = (low is null || value >= low) && (high is null || value <= high);
        if (!equal)
        {
            inside.ShouldBe(exactlyInside, $"{value} in [{low}, {high}]");
        }

        if (value < 1 << 24)
        {
            equal.ShouldBeFalse($"{value} in [{low}, {high}] is decided on its float");
        }
    }

    // Engagement rates and their bounds are decimals that no float holds: a rate equal to a bound, or a hair either
    // side of it, has the bound's float. The column's exact rates decide those rows, as the term's range does, and
    // leave none of them to be decoded; an unreported rate (NaN) is in no range a term pushes down (one end at least).
    [Property(MaxTest = 500)]
    public void A_rate_whose_float_equals_a_bound_is_decided_on_the_exact_rate(int seed)
    {
        double[] decimals = [0, 0.01, 0.03, 0.05, 0.1, 0.333, 1];
        var random = new Random(seed);
        double Near()
        {
            var value = decimals[random.Next(decimals.Length)];
            return random.Next(3) switch { 0 when value > 0 => Math.BitDecrement(value), 1 => Math.BitIncrement(value), _ => value };
        }

        var rate = random.Next(8) == 0 ? double.NaN : Near();
        double Bound() => random.Next(2) == 0 && !double.IsNaN(rate) ? rate : Near();
        double? low = random.Next(3) == 0 ? null : Bound();
        double? high = random.Next(3) == 0 && low is not null ? null : Math.Max(low ?? 0, Bound()); // a term bounds one end at least
        var range = new NumberRange<double>(low, high);
        var bound = new ColumnBound(NumberColumn.EngagementRate, low is { } l ? (float)l : float.NegativeInfinity, high is { } h ? (float)h : float.PositiveInfinity, Exact: range);

        var (inside, equal) = bound.Decide((float)rate, [rate], 0);

        equal.ShouldBeFalse($"{rate:R} in [{low:R}, {high:R}] is decided");
        inside.ShouldBe(range.Contains(double.IsNaN(rate) ? null : rate), $"{rate:R} in [{low:R}, {high:R}]");
        bound.Decide((float)rate, exact: null, 0).ShouldBe(bound.Decide((float)rate), "without exact values, the float alone decides");
    }

    [Property(MaxTest = 300)]
    public void Code_bounds_compare_alike_at_every_width(int seed)
    {
        // Few distinct codes, so that rows often equal a side: unknown (0), the least, the greatest and a few between.
        ushort[] values = [ColumnCodes.Unknown, 1, 2, 300, 301, 0x7FFF, 0x8000, 0x8001, ushort.MaxValue - 1, ushort.MaxValue];
        var random = new Random(seed);
        var codes = Enumerable.Range(0, 64 + 16).Select(_ => values[random.Next(values.Length)]).ToArray();
        var start = random.Next(17);
        var sides = (BoundSides)random.Next(3);
        var low = sides == BoundSides.High ? ColumnCodes.Unknown : values[random.Next(1, values.Length)];
        var high = sides == BoundSides.Low ? ushort.MaxValue : Math.Max(low, values[random.Next(1, values.Length)]);
        var bound = new CodeBound(low, high, sides);
        ref var first = ref codes[start];

        var scalar = ColumnKernels.CompareScalar(ref first, bound);

        ColumnKernels.Compare<Width128<ushort>, Vector128<ushort>>(ref first, bound).ShouldBe(scalar);
        ColumnKernels.Compare<Width256<ushort>, Vector256<ushort>>(ref first, bound).ShouldBe(scalar);
        ColumnKernels.Compare<Width512<ushort>, Vector512<ushort>>(ref first, bound).ShouldBe(scalar);
        ColumnKernels.Compare(codes, start, bound).ShouldBe(scalar);

        // And the scalar form is what the bound means: unknown numbers never inside, a side equal only when finite.
        for (var i = 0; i < 64; i++)
        {
            var code = codes[start + i];
            var inside = code != ColumnCodes.Unknown && (sides == BoundSides.High || code > low) && (sides == BoundSides.Low || code < high);
            var equal = (sides != BoundSides.High && code == low) || (sides != BoundSides.Low && code == high);
            ((scalar.Inside >> i) & 1).ShouldBe(inside ? 1UL : 0UL);
            ((scalar.Equal >> i) & 1).ShouldBe(equal ? 1UL : 0UL);
        }
    }

    [Property(MaxTest = 300)]
    public void Masks_pass_alike_at_every_width(int seed)
    {
        var random = new Random(seed);
        var column = Column(random, 64 + 16);
        var start = random.Next(17);
        var operand = Values[random.Next(Values.Length)];
        ref var first = ref column[start];

        foreach (var test in Enum.GetValues<FloatTest>())
        {
            var scalar = ColumnKernels.MaskScalar(ref first, test, operand);

            ColumnKernels.Mask<Width128<float>, Vector128<float>>(ref first, test, operand).ShouldBe(scalar, test.ToString());
            ColumnKernels.Mask<Width256<float>, Vector256<float>>(ref first, test, operand).ShouldBe(scalar, test.ToString());
            ColumnKernels.Mask<Width512<float>, Vector512<float>>(ref first, test, operand).ShouldBe(scalar, test.ToString());
            ColumnKernels.Mask(column, start, test, operand).ShouldBe(scalar, test.ToString());
        }
    }

    [Property(MaxTest = 300)]
    public void Any_of_bitmaps_narrows_alike_at_every_width(int seed)
    {
        var random = new Random(seed);
        var words = random.Next(40);
        var count = random.Next(1, 5);
        var bitmaps = Enumerable.Range(0, count + 1).Select(_ => Enumerable.Range(0, words).Select(_ => (ulong)random.NextInt64() & (ulong)random.NextInt64()).ToArray()).ToArray<ulong[]?>();
        var match = Enumerable.Range(0, words).Select(_ => (ulong)random.NextInt64() | (ulong)random.NextInt64()).ToArray();
        var expected = match.Select((bits, word) => bits & bitmaps.Take(count).Aggregate(0UL, (any, bitmap) => any | bitmap![word])).ToArray();

        ulong[] Narrowed(Func<Span<ulong>, int> vectors)
        {
            var narrowed = match.ToArray();
            ColumnKernels.AndAnyOfScalar(narrowed, bitmaps, count, vectors(narrowed));
            return narrowed;
        }

        Narrowed(_ => 0).ShouldBe(expected);
        Narrowed(words => ColumnKernels.AndAnyOf<Width128<ulong>, Vector128<ulong>>(words, bitmaps, count)).ShouldBe(expected);
        Narrowed(words => ColumnKernels.AndAnyOf<Width256<ulong>, Vector256<ulong>>(words, bitmaps, count)).ShouldBe(expected);
        Narrowed(words => ColumnKernels.AndAnyOf<Width512<ulong>, Vector512<ulong>>(words, bitmaps, count)).ShouldBe(expected);
        Narrowed(words =>
        {
            ColumnKernels.AndAnyOf(words, bitmaps, count);
            return words.Length;
        }).ShouldBe(expected);
    }

    [Property(MaxTest = 200)]
    public void Column_scores_are_the_same_floats_at_every_width(int seed)
    {
        var random = new Random(seed);
        var score = new ColumnScore(CreatorCatalogContract.RandomCatalogScore(random));

        // Catalog-like columns: counts and shares, some unreported, some followers zero.
        var numbers = Enumerable.Range(0, NumberColumn.Count).Select(column => Enumerable.Range(0, 64 + 16).Select(_ => random.Next(6) switch
        {
            0 => float.NaN,
            1 => 0f,
            _ => column >= NumberColumn.FirstGender ? (float)random.NextDouble() : (float)(random.NextDouble() * 1e6),
        }).ToArray()).ToArray();
        var start = random.Next(17);
        var rows = (ulong)random.NextInt64() | (random.Next(2) == 0 ? ulong.MaxValue : 0);

        float[] Scored(Action<float[]> scoreRows)
        {
            var scores = new float[64];
            scoreRows(scores);
            return [.. Enumerable.Range(0, 64).Where(i => ((rows >> i) & 1) != 0).Select(i => scores[i])];
        }

        var scalar = Scored(scores => score.ScoreRowsScalar(numbers, start, scores, rows));

        Scored(scores => score.ScoreRows<Width128<float>, Vector128<float>>(numbers, start, scores, rows)).ShouldBe(scalar);
        Scored(scores => score.ScoreRows<Width256<float>, Vector256<float>>(numbers, start, scores, rows)).ShouldBe(scalar);
        Scored(scores => score.ScoreRows<Width512<float>, Vector512<float>>(numbers, start, scores, rows)).ShouldBe(scalar);
        Scored(scores => score.ScoreRows(numbers, start, scores, rows)).ShouldBe(scalar);
    }

    // A search ranked on a score looks one by one only at the rows of a word that may still make its page: those at
    // least as good as the threshold in the page's direction, and those without a score.
    [Property(MaxTest = 300)]
    public void The_rows_that_may_make_a_page_are_the_same_at_every_width(int seed, bool descending)
    {
        var random = new Random(seed);
        var scores = Column(random, 64);
        var threshold = random.Next(4) == 0 ? float.NegativeInfinity : (random.Next(2) == 0 ? 1 : -1) * Values[random.Next(2, Values.Length)];
        var expected = Enumerable.Range(0, 64)
            .Where(i => float.IsNaN(scores[i]) || (descending ? scores[i] : -scores[i]) >= threshold)
            .Aggregate(0UL, (rows, i) => rows | (1UL << i));

        CatalogSearch.MayMakePageScalar(scores, threshold, descending).ShouldBe(expected);
        CatalogSearch.MayMakePage<Width128<float>, Vector128<float>>(scores, threshold, descending).ShouldBe(expected);
        CatalogSearch.MayMakePage<Width256<float>, Vector256<float>>(scores, threshold, descending).ShouldBe(expected);
        CatalogSearch.MayMakePage<Width512<float>, Vector512<float>>(scores, threshold, descending).ShouldBe(expected);
        CatalogSearch.MayMakePage(scores, threshold, descending).ShouldBe(expected);
    }
}
