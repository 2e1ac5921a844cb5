using CreatorMarketplace.Metrics;
using OneOf;

namespace CreatorMarketplace.Planning;

/// <summary>An arm that has not reached its planned sample yet.</summary>
/// <param name="Arm">The arm.</param>
/// <param name="Observed">The trials it has.</param>
/// <param name="Planned">The trials it needs.</param>
public sealed record ArmShortfall(TestArm Arm, long Observed, long Planned)
{
    /// <summary>How many trials it still lacks.</summary>
    public long Missing => Planned - Observed;

    /// <summary>Formats the shortfall, for example <c>"maya lacks 1,200 of 8,158 visits"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Arm.Name} lacks {Missing:N0} of {Planned:N0}";
}

/// <summary>
/// No verdict yet: at least one arm has not reached its planned sample, and a verdict called early (peeking) would
/// declare a winner by chance far more often than the significance level promises.
/// </summary>
/// <param name="Shortfalls">Every arm short of its planned sample, in the design's order.</param>
public sealed record SampleIncomplete(IReadOnlyList<ArmShortfall> Shortfalls)
{
    /// <summary>Formats the refusal, naming each arm and what it lacks.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => "no verdict before the planned sample: " + string.Join("; ", Shortfalls);
}

/// <summary>One arm's result.</summary>
/// <param name="Arm">The arm.</param>
/// <param name="Trials">Its trials.</param>
/// <param name="Successes">Its successes.</param>
/// <param name="Rate">Its success rate with Wilson's score interval.</param>
/// <param name="CostPerAcquisition">Its cost per acquisition with a percentile bootstrap interval; null unless the metric is cost per acquisition.</param>
/// <param name="ProbabilityBest">The posterior probability that it is the best arm.</param>
public sealed record ArmResult(TestArm Arm, long Trials, long Successes, Interval Rate, CostInterval? CostPerAcquisition, double ProbabilityBest);

/// <summary>
/// Two arms compared: the difference of the first's metric and the second's, with its interval, and its p-value
/// before and after Holm's correction for every comparison in the test.
/// </summary>
/// <param name="First">The first arm.</param>
/// <param name="Second">The second arm.</param>
/// <param name="Difference">
/// The first arm's metric minus the second's: of rates with Newcombe's hybrid score interval, or of costs per
/// acquisition with a percentile bootstrap interval (in the test's currency; a bound is infinite when, at that
/// percentile, an arm had no conversion).
/// </param>
/// <param name="PValue">The two-sided p-value of the comparison alone.</param>
/// <param name="AdjustedPValue">The p-value adjusted by Holm's step-down procedure.</param>
/// <param name="Better">The better arm when the adjusted p-value is at most the significance level; null otherwise.</param>
public sealed record ArmComparison(TestArm First, TestArm Second, Interval Difference, double PValue, double AdjustedPValue, TestArm? Better)
{
    /// <summary>Whether the difference is significant after the correction.</summary>
    public bool IsSignificant => Better is not null;
}

/// <summary>The verdict of a creator test whose every arm reached its planned sample.</summary>
/// <param name="Test">The test's design.</param>
/// <param name="Arms">Each arm's result, in the design's order.</param>
/// <param name="Comparisons">Every pair of arms, in the design's order.</param>
/// <param name="Seed">The seed of the posterior draws and the bootstrap, which the same inputs reproduce.</param>
/// <param name="Draws">How many posterior draws and bootstrap resamples were taken.</param>
public sealed record TestResult(CreatorTest Test, IReadOnlyList<ArmResult> Arms, IReadOnlyList<ArmComparison> Comparisons, int Seed, int Draws)
{
    /// <summary>The arm significantly better than every other arm after the correction, or null when none is.</summary>
    public TestArm? Winner =>
        Test.Arms.FirstOrDefault(arm => Comparisons.Where(c => c.First == arm || c.Second == arm).All(c => c.Better == arm));

    /// <summary>Formats the verdict, for example <c>"maya wins"</c> or <c>"no arm is significantly better than every other"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Winner is { } winner ? $"{winner.Name} wins on {Test.Metric.Name}" : $"no arm is significantly better than every other on {Test.Metric.Name}";
}

/// <summary>The outcome of <see cref="CreatorTest.Analyse"/>: a verdict, or a refusal to give one before the planned sample.</summary>
[Union]
public sealed partial class TestVerdict : OneOfBase<TestResult, SampleIncomplete>
{
    /// <summary>Whether the test has a verdict.</summary>
    public bool IsDecided => IsT0;

    /// <summary>Formats the outcome.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Match(result => result.ToString(), incomplete => incomplete.ToString());
}
