using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace CreatorMarketplace.Planning;

// The two seeded simulations of a creator test: draws from each arm's posterior, and resamples of its conversions.
internal static class Resampling
{
    /// <summary>
    /// The probability that each arm is best: each arm's rate drawn from its Beta(1 + successes, 1 + failures)
    /// posterior (a uniform prior updated by binomial counts), <paramref name="draws"/> times, counting which arm wins
    /// each draw. An arm's score for a draw is its rate, or for cost per acquisition its expected conversions per unit
    /// of spend (trials × rate ÷ spend), so that the cheapest acquisition wins. Arms tied for a draw's best score (arms
    /// of no spend all score +∞) share it, each winning 1/k of it.
    /// </summary>
    public static double[] ProbabilityBest(IReadOnlyList<ArmObservation> arms, bool perSpend, int draws, int seed)
    {
        var random = new MersenneTwister(seed, threadSafe: false);
        var wins = new double[arms.Count];
        var scores = new double[arms.Count];
        for (var draw = 0; draw < draws; draw++)
        {
            var (bestScore, tied) = (double.NegativeInfinity, 0);
            for (var arm = 0; arm < arms.Count; arm++)
            {
                var observed = arms[arm];
                var rate = Beta.Sample(random, 1d + observed.Successes, 1d + (observed.Trials - observed.Successes));
                var score = scores[arm] = perSpend ? PerSpend(observed, rate) : rate;
                (bestScore, tied) = score > bestScore ? (score, 1) : (bestScore, tied + (score == bestScore ? 1 : 0));
            }

            // A tie goes to no arm in particular: handing it to the first would make it best by its place alone.
            for (var arm = 0; arm < arms.Count; arm++)
            {
                wins[arm] += scores[arm] == bestScore ? 1d / tied : 0d;
            }
        }

        return [.. wins.Select(share => share / draws)];
    }

    /// <summary>
    /// Resamples of an arm's conversions for the percentile bootstrap: resampling its visits with replacement gives
    /// Binomial(trials, p̂) conversions, drawn here by inverting that distribution's cumulative probabilities,
    /// tabulated once over every count at least 10⁻²⁰ as likely as the most likely one, so that a draw costs one
    /// binary search whatever the number of visits. The spend is the arm's own and is not resampled.
    /// </summary>
    public static long[] Conversions(ArmObservation arm, int resamples, MersenneTwister random)
    {
        var counts = new long[resamples];
        if (arm.Successes == 0 || arm.Successes == arm.Trials)
        {
            Array.Fill(counts, arm.Successes); // p̂ is 0 or 1: every resample is the sample
            return counts;
        }

        var (first, cumulative) = Cumulative(arm.Successes, arm.Trials);
        for (var i = 0; i < resamples; i++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            counts[i] = first + (index >= 0 ? index : Math.Min(~index, cumulative.Length - 1));
        }

        return counts;
    }

    // Probabilities relative to the mode's, by the ratio of neighbouring binomial terms, P(k + 1) ÷ P(k) =
    // (n − k) ÷ (k + 1) · p ÷ (1 − p), walked out from the mode until a term is below 10⁻²⁰ of it.
    private static (long First, double[] Cumulative) Cumulative(long successes, long trials)
    {
        double n = trials, p = (double)successes / trials, odds = p / (1d - p);
        var mode = (long)Math.Floor((n + 1d) * p);
        var below = new List<double>();
        for (double k = mode, weight = 1d; k > 0 && (weight *= k / ((n - k + 1d) * odds)) >= Negligible; k--)
        {
            below.Add(weight);
        }

        var above = new List<double>();
        for (double k = mode, weight = 1d; k < n && (weight *= (n - k) / (k + 1d) * odds) >= Negligible; k++)
        {
            above.Add(weight);
        }

        below.Reverse();
        var cumulative = new double[below.Count + 1 + above.Count];
        var total = 0d;
        var index = 0;
        foreach (var weight in below.Append(1d).Concat(above))
        {
            cumulative[index++] = total += weight;
        }

        return (mode - below.Count, cumulative);
    }

    private const double Negligible = 1e-20;

    private static double PerSpend(ArmObservation arm, double rate) =>
        arm.Spend.GetValueOrDefault().Amount is var spend && spend == 0m ? double.PositiveInfinity : arm.Trials * rate / (double)spend;
}
