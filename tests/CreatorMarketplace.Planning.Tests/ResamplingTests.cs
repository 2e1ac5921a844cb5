using CreatorMarketplace.Planning;
using FsCheck.Fluent;
using MathNet.Numerics.Random;

namespace CreatorMarketplace.Planning.Tests;

public class ResamplingTests
{
    [Theory]
    [InlineData(1_000L, 3L)]
    [InlineData(11_000L, 660L)]
    [InlineData(2_000_000_000L, 1_000_000L)]
    public void Resampled_conversions_have_the_binomial_mean_and_variance(long trials, long successes)
    {
        var resampled = Resampling.Conversions(new ArmObservation("maya", trials, successes), 40_000, new MersenneTwister(5, threadSafe: false));

        // Binomial(n, p̂): mean x, variance x(1 − p̂); 40,000 draws put the sample mean within 4 standard errors.
        var p = (double)successes / trials;
        var variance = successes * (1d - p);
        var mean = resampled.Average(count => (double)count);
        mean.ShouldBe(successes, 4d * Math.Sqrt(variance / 40_000));
        resampled.Average(count => (count - mean) * (count - mean)).ShouldBe(variance, 0.05 * variance);
        resampled.ShouldAllBe(count => count >= 0 && count <= trials);
    }

    [Property(MaxTest = 100)]
    public Property The_same_seed_gives_the_same_bootstrap(PositiveInt trials, NonNegativeInt successes, int seed)
    {
        var observed = new ArmObservation("maya", trials.Get, Math.Min(successes.Get, trials.Get));

        var first = Resampling.Conversions(observed, 1_000, new MersenneTwister(seed, threadSafe: false));
        var again = Resampling.Conversions(observed, 1_000, new MersenneTwister(seed, threadSafe: false));

        return first.SequenceEqual(again).Label("same draws")
            .And(first.All(count => count >= 0 && count <= trials.Get).Label("within 0 and the trials"));
    }
}
