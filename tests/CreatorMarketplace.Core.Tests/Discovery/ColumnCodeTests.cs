using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;

namespace CreatorMarketplace.Tests.Discovery;

// The codes the in-memory catalog's filters compare first must keep the floats' order, or a row would be decided
// wrongly without its float being read.
public class ColumnCodeTests
{
    private static readonly int[] CodedColumns = [.. Enumerable.Range(0, ColumnCodes.Count)];

    [Property(MaxTest = 1_000)]
    public void Codes_keep_the_floats_order_in_every_column(float left, float right)
    {
        if (float.IsNaN(left) || float.IsNaN(right))
        {
            return;
        }

        var (low, high) = left <= right ? (left, right) : (right, left);
        foreach (var column in CodedColumns)
        {
            ColumnCodes.Of(column, low).ShouldBeLessThanOrEqualTo(ColumnCodes.Of(column, high), $"column {column}: {low} <= {high}");
        }
    }

    [Fact]
    public void Neighbouring_floats_keep_their_order_at_every_step_and_unknown_numbers_are_below_all()
    {
        // Either side of every power of two and of every 8- and 16-bit step of one, where codes change.
        float[] points =
        [
            0f, -0f, float.Epsilon, 1f / 65_536, 1f / 32_768, 1f / 4_096, 1f / 256, 0.03f, 0.5f, 1f, 2f, 3f, 255f, 256f,
            2_048f, 65_536f, 16_777_216f, 4_294_967_296f, 1e12f, float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, -1f,
        ];
        foreach (var column in CodedColumns)
        {
            foreach (var point in points)
            {
                var (below, at, above) = (MathF.BitDecrement(point), point, MathF.BitIncrement(point));
                ColumnCodes.Of(column, below).ShouldBeLessThanOrEqualTo(ColumnCodes.Of(column, at));
                ColumnCodes.Of(column, at).ShouldBeLessThanOrEqualTo(ColumnCodes.Of(column, above));
                ColumnCodes.Of(column, at).ShouldBeGreaterThan(ColumnCodes.Unknown);
            }

            ColumnCodes.Of(column, float.NaN).ShouldBe(ColumnCodes.Unknown);
            ColumnCodes.Of(column, -0f).ShouldBe(ColumnCodes.Of(column, 0f));
        }
    }

    [Fact]
    public void Whole_numbers_to_2048_and_shares_a_4096th_apart_have_codes_of_their_own()
    {
        // The steps the layout promises, so that bounds on the generated catalog leave almost no row to its float.
        for (var count = 1; count < 2_048; count++)
        {
            ColumnCodes.Of(NumberColumn.Followers, count).ShouldBeLessThan(ColumnCodes.Of(NumberColumn.Followers, count + 1));
        }

        var female = NumberColumn.Of(AudienceGender.Female);
        for (var step = 8; step < 4_096; step++)
        {
            ColumnCodes.Of(female, step / 4_096f).ShouldBeLessThan(ColumnCodes.Of(female, (step + 1) / 4_096f));
        }
    }

    [Property(MaxTest = 300)]
    public void A_bound_s_codes_decide_only_what_its_floats_decide(int seed)
    {
        // Inside by code implies inside by float; outside by code (neither inside nor equal) implies outside by float.
        var random = new Random(seed);
        var column = CodedColumns[random.Next(CodedColumns.Length)];
        float Value() => random.Next(8) switch
        {
            0 => float.NaN,
            1 => float.PositiveInfinity,
            2 => 0f,
            3 => random.Next(4_096),
            _ => (float)(random.NextDouble() * Math.Pow(2, random.Next(-16, 34))),
        };
        var (first, second) = (Value(), Value());
        var low = random.Next(3) == 0 || float.IsNaN(first) ? float.NegativeInfinity : first;
        var high = random.Next(3) == 0 || float.IsNaN(second) ? float.PositiveInfinity : second;
        var bound = new ColumnBound(column, low, high);
        var codes = new ushort[64];
        var floats = new float[64];
        for (var i = 0; i < 64; i++)
        {
            // Half the rows near a side, a unit or an ulp away.
            floats[i] = random.Next(4) switch
            {
                0 when !float.IsInfinity(low) => random.Next(2) == 0 ? MathF.BitDecrement(low) : MathF.BitIncrement(low),
                1 when !float.IsInfinity(high) => high + random.Next(-1, 2),
                _ => Value(),
            };
            codes[i] = ColumnCodes.Of(column, floats[i]);
        }

        var (inside, equal) = ColumnKernels.CompareScalar(ref codes[0], ColumnCodes.Of(bound));
        var (floatInside, floatEqual) = ColumnKernels.CompareScalar(ref floats[0], bound);

        (inside & ~floatInside).ShouldBe(0UL, "inside by code but not by float");
        (~(inside | equal) & (floatInside | floatEqual)).ShouldBe(0UL, "outside by code but not by float");
        (inside & equal).ShouldBe(0UL);
    }
}
