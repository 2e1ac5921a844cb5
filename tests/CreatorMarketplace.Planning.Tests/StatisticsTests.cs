using FsCheck.Fluent;
using CreatorMarketplace.Planning;

namespace CreatorMarketplace.Planning.Tests;

/// <summary>The formulas against published worked examples, and their laws.</summary>
public class StatisticsTests
{
    // Newcombe RG (1998), "Two-sided confidence intervals for the single proportion: comparison of seven methods",
    // Statistics in Medicine 17:857–872, table I, method 3 (Wilson score without continuity correction), 95%.
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_matches_Newcombe_1998(long successes, long trials, double lower, double upper)
    {
        var interval = Statistics.Wilson(successes, trials, 0.05);

        interval.Estimate.ShouldBe((double)successes / trials, 1e-12);
        interval.Lower.ShouldBe(lower, 0.00005);
        interval.Upper.ShouldBe(upper, 0.00005);
    }

    // Newcombe RG (1998), "Interval estimation for the difference between independent proportions: comparison of
    // eleven methods", Statistics in Medicine 17:873–890, table II, method 10 (hybrid score without continuity
    // correction), 95%, examples (a) to (h).
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(6, 7, 2, 7, 0.0582, 0.8062)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)]
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)]
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000)]
    public void Newcombe_hybrid_score_matches_Newcombe_1998(long x1, long n1, long x2, long n2, double lower, double upper)
    {
        var difference = Statistics.Newcombe(Statistics.Wilson(x1, n1, 0.05), Statistics.Wilson(x2, n2, 0.05));

        difference.Estimate.ShouldBe(((double)x1 / n1) - ((double)x2 / n2), 1e-12);
        difference.Lower.ShouldBe(lower, 0.00005);
        difference.Upper.ShouldBe(upper, 0.00005);
    }

    [Fact]
    public void Sample_size_matches_R_power_prop_test()
    {
        // R's documentation of power.prop.test: power.prop.test(p1 = .50, p2 = .75, power = .90) gives n = 76.7 per
        // group. Independently: p̄ = 0.625, z.975 = 1.959964, z.90 = 1.281552,
        // (1.959964·√(2·0.625·0.375) + 1.281552·√(0.25 + 0.1875))² ÷ 0.25² = (1.341893 + 0.847667)² ÷ 0.0625 = 76.7069.
        Statistics.SampleSize(0.50, 0.75, 0.05, 0.90).ShouldBe(76.7069, 0.0001);
    }

    [Fact]
    public void Holm_matches_R_p_adjust()
    {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.02, 0.05), "holm") = 0.05 0.09 0.09 0.08 0.09. By hand (Holm 1979): sorted
        // 0.01·5 = 0.05, 0.02·4 = 0.08, 0.03·3 = 0.09, 0.04·2 = 0.08 → 0.09 (monotone), 0.05·1 = 0.05 → 0.09.
        var adjusted = Statistics.Holm([0.01, 0.04, 0.03, 0.02, 0.05]);

        adjusted.Zip(new[] { 0.05, 0.09, 0.09, 0.08, 0.09 }).ShouldAllBe(pair => Math.Abs(pair.First - pair.Second) < 1e-12);
    }

    [Fact]
    public void Two_proportion_p_value_matches_the_chi_squared_test()
    {
        // The z-test is the chi-squared test of the 2×2 table without continuity correction (X² = z², R's
        // prop.test(c(56, 48), c(70, 80), correct = FALSE)). By hand: p̄ = 104/150 = 0.693333,
        // z = (0.8 − 0.6) ÷ √(0.693333·0.306667·(1/70 + 1/80)) = 2.65017, X² = 7.0234, p = 2·Φ(−2.65017) = 0.008045.
        Statistics.TwoProportionPValue(56, 70, 48, 80).ShouldBe(0.008045, 0.000001);
    }

    [Theory]
    [InlineData(0L, 0L, 0L, 0L)]
    [InlineData(5L, 10L, 0L, 0L)]
    [InlineData(0L, 0L, 3L, 7L)]
    public void An_arm_of_no_trials_differs_from_nothing(long successes1, long trials1, long successes2, long trials2)
    {
        // The pooled rate of no trials was 0 ÷ 0: a NaN p-value.
        Statistics.TwoProportionPValue(successes1, trials1, successes2, trials2).ShouldBe(1d);
    }

    [Fact]
    public void Two_proportion_p_value_sums_huge_counts_without_overflow()
    {
        // trials₁ + trials₂ of two arms of long.MaxValue overflowed a long. In doubles: p̄ = 0.375, z ≈ 1.1·10⁹, p = 0.
        Statistics.TwoProportionPValue(long.MaxValue / 2, long.MaxValue, long.MaxValue / 4, long.MaxValue).ShouldBe(0d);
        Statistics.TwoProportionPValue(long.MaxValue / 2, long.MaxValue, long.MaxValue / 2, long.MaxValue).ShouldBe(1d);
    }

    // References: the root of the regularised incomplete beta I_x(a, b) = p, bisected at 50 digits with mpmath's
    // betainc. Rare conversions over many views (a small, b huge) and the ordinary cases alike; MathNet's Beta.InvCDF
    // gave 2⁻⁴⁰ = 9.09e-13 for the first, 15% low, stopping at an absolute tolerance.
    [Theory]
    [InlineData(11d, 9_999_999_999_991d, 0.5, 1.0668522403834892e-12)]
    [InlineData(11d, 9_999_999_999_991d, 0.1, 7.0207465947113270e-13)]
    [InlineData(11d, 9_999_999_999_991d, 0.9, 1.5406641171970812e-12)]
    [InlineData(1d, 1e9, 1e-6, 1.0000005000003328e-15)]
    [InlineData(0.3, 1e9, 0.1, 3.2372462193668398e-13)]
    [InlineData(2.5, 1e5, 0.9, 4.6180371794263540e-5)]
    [InlineData(11d, 3e5, 0.5, 3.5560516373889811e-5)]
    [InlineData(101d, 1e7, 0.1, 8.8352792040436937e-6)]
    [InlineData(1_000d, 1e6, 0.5, 9.9866868351266843e-4)]
    [InlineData(11d, 1d, 0.5, 0.93893091066170635)]
    [InlineData(500d, 500d, 0.1, 0.47974014814895582)]
    [InlineData(1_001d, 1e13, 0.9, 1.0417545689712933e-10)]
    [InlineData(11d, 9.2e18, 0.5, 1.1596220004169909e-18)]
    public void Beta_quantiles_are_accurate_to_a_relative_tolerance(double a, double b, double p, double expected)
    {
        Statistics.BetaQuantile(a, b, p).ShouldBe(expected, expected * 1e-9);
    }

    [Fact]
    public void The_two_sided_z_is_finite_for_every_level_below_1()
    {
        // z₀.₉ = 1.281552 (R: qnorm(0.9)); at 1 − 2⁻⁵³, 1 − (1 − level)/2 rounds to 1 and z(1) = ∞, while the z is
        // √2·erf⁻¹(1 − 2⁻⁵³) = 8.292361 (mpmath); at 10⁻¹⁷ it rounds to ½ and z(½) = 0, while the z is 1.25·10⁻¹⁷.
        Statistics.TwoSidedZ(0.8).ShouldBe(1.2815516, 1e-7);
        Statistics.TwoSidedZ(0.99999999999999989).ShouldBe(8.2923611, 1e-6);
        Statistics.TwoSidedZ(1e-17).ShouldBe(1.2533141e-17, 1e-24);
    }

    [Property(MaxTest = 500)]
    public Property Wilson_holds_the_estimate_and_stays_within_0_and_1(NonNegativeInt successes, NonNegativeInt failures, PositiveInt percentAlpha)
    {
        var trials = (long)successes.Get + failures.Get;
        var interval = Statistics.Wilson(successes.Get, trials, Math.Min(percentAlpha.Get, 99) / 100d);

        return (interval.Lower >= 0d && interval.Upper <= 1d).Label("within [0, 1]")
            .And(interval.Contains(interval.Estimate).Label("holds the estimate"));
    }

    [Property(MaxTest = 500)]
    public Property Newcombe_holds_the_difference_and_stays_within_minus_1_and_1(NonNegativeInt x1, PositiveInt n1, NonNegativeInt x2, PositiveInt n2)
    {
        var (s1, s2) = (Math.Min(x1.Get, n1.Get), Math.Min(x2.Get, n2.Get));
        var difference = Statistics.Newcombe(Statistics.Wilson(s1, n1.Get, 0.05), Statistics.Wilson(s2, n2.Get, 0.05));

        return (difference.Lower >= -1d && difference.Upper <= 1d).Label("within [-1, 1]")
            .And(difference.Contains(difference.Estimate).Label("holds the difference"));
    }

    [Property(MaxTest = 500)]
    public Property Holm_never_lowers_a_p_value_and_keeps_their_order(NormalFloat[] raw)
    {
        var pValues = raw.Select(p => Math.Abs(p.Get) % 1d).ToArray();
        var adjusted = Statistics.Holm(pValues);
        var order = Enumerable.Range(0, pValues.Length).OrderBy(i => pValues[i]).ToArray();

        return adjusted.Select((p, i) => p >= pValues[i] && p <= 1d).All(held => held).Label("raw ≤ adjusted ≤ 1")
            .And(order.Zip(order.Skip(1)).All(pair => adjusted[pair.First] <= adjusted[pair.Second]).Label("monotone in the raw order"));
    }

    [Property(MaxTest = 200)]
    public Property Sample_size_falls_as_the_effect_grows(PositiveInt baselinePercent, PositiveInt effectPercent)
    {
        var baseline = Math.Min(baselinePercent.Get, 80) / 100d;
        var effect = Math.Min(effectPercent.Get, 9) / 100d;

        return (Statistics.SampleSize(baseline, baseline + effect, 0.05, 0.8) > Statistics.SampleSize(baseline, baseline + effect + 0.1, 0.05, 0.8)).ToProperty();
    }
}
