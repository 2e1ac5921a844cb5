using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace CreatorMarketplace.Planning;

// The formulas of docs/planning.md, each with its source; the tests hold each to a published worked example.
internal static class Statistics
{
    /// <summary>The standard normal quantile.</summary>
    public static double Z(double probability) => Normal.InvCDF(0d, 1d, probability);

    /// <summary>
    /// The z of a two-sided interval at a level, P(|Z| ≤ z) = level: √2·erf⁻¹(level), which is z₁₋₍₁₋level₎/₂ without
    /// forming 1 − (1 − level)/2, a sum that rounds to 1 (z = ∞) for a level just below 1 and to ½ (z = 0) near 0.
    /// </summary>
    public static double TwoSidedZ(double level) => Math.Sqrt(2d) * SpecialFunctions.ErfInv(level);

    /// <summary>
    /// The sample per arm of a two-sided two-proportion test, normal approximation without continuity correction
    /// (Fleiss, Levin and Paik, Statistical Methods for Rates and Proportions, 3rd ed., 2003, the formula before its
    /// continuity correction; the n that R's <c>power.prop.test</c> solves for): n = (z₁₋α/₂·√(2·p̄·q̄) + z₁₋β·√(p₁q₁ + p₂q₂))² ÷ (p₁ − p₂)².
    /// </summary>
    public static double SampleSize(double p1, double p2, double alpha, double power)
    {
        var mean = (p1 + p2) / 2d;
        var root = (Z(1d - (alpha / 2d)) * Math.Sqrt(2d * mean * (1d - mean))) + (Z(power) * Math.Sqrt((p1 * (1d - p1)) + (p2 * (1d - p2))));
        return root * root / ((p1 - p2) * (p1 - p2));
    }

    /// <summary>
    /// The power a test of no trials has by the formula of <see cref="SampleSize"/>: Φ(−z₁₋α/₂·√(2·p̄·q̄) ÷ √(p₁q₁ + p₂q₂)),
    /// where its bracket is 0. At or below it the bracket is not positive, and squaring it would make the sample grow
    /// again as the power asked for falls; R's <c>power.prop.test</c> has no sample there either.
    /// </summary>
    public static double PowerWithoutTrials(double p1, double p2, double alpha)
    {
        var mean = (p1 + p2) / 2d;
        return Normal.CDF(0d, 1d, -Z(1d - (alpha / 2d)) * Math.Sqrt(2d * mean * (1d - mean)) / Math.Sqrt((p1 * (1d - p1)) + (p2 * (1d - p2))));
    }

    /// <summary>
    /// Wilson's score interval (Wilson 1927; method 3 of Newcombe 1998, Statistics in Medicine 17:857–872):
    /// (2x + z² ± z·√(z² + 4x(1 − p̂))) ÷ (2(n + z²)). For n = 0 it is [0, 1] around nothing: the estimate is 0.
    /// </summary>
    public static Interval Wilson(long successes, long trials, double alpha)
    {
        if (trials == 0)
        {
            return new(0d, 0d, 1d);
        }

        double x = successes, n = trials, z = Z(1d - (alpha / 2d)), z2 = z * z, p = x / n;
        var centre = ((2d * x) + z2) / (2d * (n + z2));
        var half = z * Math.Sqrt(z2 + (4d * x * (1d - p))) / (2d * (n + z2));

        // Clamped against rounding only: the exact bounds lie in [0, 1] and around p̂.
        return new(p, Math.Clamp(Math.Min(centre - half, p), 0d, 1d), Math.Clamp(Math.Max(centre + half, p), 0d, 1d));
    }

    /// <summary>
    /// Newcombe's hybrid score interval for p₁ − p₂ (method 10 of Newcombe 1998, Statistics in Medicine 17:873–890),
    /// from each proportion's Wilson interval (l, u): [d − √((p₁ − l₁)² + (u₂ − p₂)²), d + √((u₁ − p₁)² + (p₂ − l₂)²)].
    /// </summary>
    public static Interval Newcombe(Interval first, Interval second)
    {
        var difference = first.Estimate - second.Estimate;
        var below = Math.Sqrt(Square(first.Estimate - first.Lower) + Square(second.Upper - second.Estimate));
        var above = Math.Sqrt(Square(first.Upper - first.Estimate) + Square(second.Estimate - second.Lower));
        return new(difference, Math.Max(difference - below, -1d), Math.Min(difference + above, 1d));
    }

    /// <summary>
    /// The two-sided p-value of the pooled two-proportion z-test (the chi-squared test of a 2×2 table without
    /// continuity correction; R's <c>prop.test(correct = FALSE)</c>): z = (p₁ − p₂) ÷ √(p̄(1 − p̄)(1/n₁ + 1/n₂)).
    /// </summary>
    public static double TwoProportionPValue(long successes1, long trials1, long successes2, long trials2)
    {
        if (trials1 == 0 || trials2 == 0)
        {
            return 1d; // an arm with no trial has no rate to differ by
        }

        // Summed in doubles: two arms' counts, each up to long.MaxValue, overflow a long.
        var pooled = ((double)successes1 + successes2) / ((double)trials1 + trials2);
        var variance = pooled * (1d - pooled) * ((1d / trials1) + (1d / trials2));
        if (variance <= 0d)
        {
            return 1d; // every trial failed or every one succeeded: the arms cannot differ
        }

        var z = (((double)successes1 / trials1) - ((double)successes2 / trials2)) / Math.Sqrt(variance);
        return Math.Min(1d, 2d * Normal.CDF(0d, 1d, -Math.Abs(z)));
    }

    /// <summary>
    /// Holm's step-down adjustment (Holm 1979, Scandinavian Journal of Statistics 6:65–70), as R's
    /// <c>p.adjust(method = "holm")</c>: the i-th smallest of m p-values becomes max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎).
    /// </summary>
    public static double[] Holm(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var running = 0d;
        for (var rank = 0; rank < m; rank++)
        {
            running = Math.Max(running, Math.Min(1d, (m - rank) * pValues[order[rank]]));
            adjusted[order[rank]] = running;
        }

        return adjusted;
    }

    /// <summary>
    /// The p-quantile of Beta(a, b), to about 10⁻⁹ relative however small it is (MathNet's <c>Beta.InvCDF</c> stops at
    /// an absolute tolerance, and its distribution function loses its digits to cancellation once a + b is in the
    /// billions). For b at least 30,000 times a, and a up to a million, T = −ln(1 − X) has the density
    /// ∝ t^(a−1)·e^(−(b + (a − 1)/2)·t)·(1 + (a − 1)·t²/24 + …), so (b + (a − 1)/2)·T is Gamma(a, 1) to within
    /// about (a/b)² (exactly so for a = 1), and x = 1 − e^(−g/(b + (a − 1)/2)) from the gamma quantile g. Otherwise the
    /// beta's own distribution function is accurate, and is inverted. Either is bisected on the logarithm, so that the
    /// root is found to a relative tolerance. The upper tail of a above b is the lower tail of its complement.
    /// </summary>
    public static double BetaQuantile(double a, double b, double p)
    {
        if (a > b)
        {
            return 1d - BetaQuantile(b, a, 1d - p);
        }

        // The gamma's series takes about √a terms: past a million conversions the beta is bisected instead.
        if (b >= 30_000d * Math.Max(a, 1d) && a <= 1e6)
        {
            var gamma = Bisect(y => SpecialFunctions.GammaLowerRegularized(a, y), p, Math.Log(double.MaxValue));
            return -SpecialFunctions.Expm1(-gamma / (b + ((a - 1d) / 2d)));
        }

        return Bisect(x => SpecialFunctions.BetaRegularized(a, b, x), p, 0d);
    }

    /// <summary>The order statistic a percentile bootstrap reads: the ⌈B·q⌉-th smallest of B sorted values (at least the first).</summary>
    public static int PercentileIndex(int count, double quantile) =>
        Math.Clamp((int)Math.Ceiling((count * quantile) - 1e-9) - 1, 0, count - 1);

    private static double Square(double value) => value * value;

    // The positive root of an increasing distribution function, bisected on ln x from the smallest double to e^upper:
    // 100 halvings of that range leave it within 10⁻²⁷ of the root's logarithm.
    private static double Bisect(Func<double, double> distribution, double p, double upper)
    {
        double lower = Math.Log(double.Epsilon), higher = upper;
        for (var i = 0; i < 100; i++)
        {
            var middle = (lower + higher) / 2d;
            if (middle <= lower || middle >= higher)
            {
                break;
            }

            (lower, higher) = distribution(Math.Exp(middle)) < p ? (middle, higher) : (lower, middle);
        }

        return Math.Exp((lower + higher) / 2d);
    }
}
