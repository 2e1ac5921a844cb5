using System.Globalization;
using CreatorMarketplace.Planning;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// Step 12: a creator test. Three creators get the same brief and a tracking link each; the test fixes, before it
/// starts, the visits each needs to detect one percentage point of conversion at 80% power, refuses to call a winner
/// halfway, and then gives its verdict on cost per acquisition: each creator's cost with its interval, every pair
/// compared with Holm's correction, and the probability that each is best.
/// </summary>
internal static class CreatorTestStep
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Run(TextWriter output)
    {
        output.WriteLine("Step 12: a creator test");
        var test = CreatorTest.Create(
            "spring-glow-creators",
            [
                new TestArm("maya", TestArmKind.Creator, "@maya.makes, unboxing video"),
                new TestArm("leo", TestArmKind.Creator, "@leo.glows, get-ready-with-me video"),
                new TestArm("ana", TestArmKind.Creator, "@ana.skin, routine video"),
            ],
            TestMetric.CostPerAcquisition(Currency.USD),
            baseline: 0.05,
            minimumDetectableEffect: 0.01,
            significanceLevel: 0.05,
            power: 0.8);
        output.WriteLine($"  {test}: {test.Comparisons} comparisons, each planned at α = {test.PlannedSignificanceLevel.ToString("0.0000", Invariant)}");

        // Halfway through, the brand asks who is winning; the test names what each arm still lacks instead.
        var halfway = test.Analyse(
        [
            new ArmObservation("maya", 5_600, 341, Money.Of(3_000m, Currency.USD)),
            new ArmObservation("leo", 6_100, 290, Money.Of(3_000m, Currency.USD)),
            new ArmObservation("ana", 4_900, 262, Money.Of(3_000m, Currency.USD)),
        ]);
        output.WriteLine($"  halfway: {halfway}");

        var verdict = test.Analyse(
        [
            new ArmObservation("maya", 11_240, 668, Money.Of(6_000m, Currency.USD)),
            new ArmObservation("leo", 11_870, 561, Money.Of(6_000m, Currency.USD)),
            new ArmObservation("ana", 10_960, 579, Money.Of(6_000m, Currency.USD)),
        ],
            seed: 2027);
        verdict.Switch(result => Write(result, output), incomplete => output.WriteLine($"  {incomplete}"));
        output.WriteLine();
    }

    private static void Write(TestResult result, TextWriter output)
    {
        new ReportTable(
            $"Arms ({result.Test.Metric}, {Percent(1d - result.Test.SignificanceLevel, "0")} intervals)",
            ["arm", "stands for", "visits", "conversions", "conversion rate (Wilson)", "USD per acquisition (bootstrap)", "P(best)"],
            [.. result.Arms.Select(arm => new[]
            {
                arm.Arm.Name, arm.Arm.Description, arm.Trials.ToString("N0", Invariant), arm.Successes.ToString("N0", Invariant),
                arm.Rate.ToPercentString(), Cost(arm.CostPerAcquisition), Percent(arm.ProbabilityBest, "0.0"),
            })],
            TextColumns: 2).Write(output);
        new ReportTable(
            "Comparisons (Holm-corrected)",
            ["first − second", "difference in USD per acquisition", "p", "Holm p", "better"],
            [.. result.Comparisons.Select(comparison => new[]
            {
                $"{comparison.First.Name} − {comparison.Second.Name}",
                $"{Usd(comparison.Difference.Estimate)} [{Usd(comparison.Difference.Lower)}, {Usd(comparison.Difference.Upper)}]",
                comparison.PValue.ToString("0.0000", Invariant), comparison.AdjustedPValue.ToString("0.0000", Invariant),
                comparison.Better?.Name ?? "not significant",
            })],
            TextColumns: 1).Write(output);
        output.WriteLine($"  verdict: {result} (seed {result.Seed}, {result.Draws:N0} draws)");
    }

    private static string Cost(CostInterval? cost) =>
        cost is { } known ? $"{Usd(known.Estimate.Amount)} [{Usd(known.Lower)}, {Usd(known.Upper)}]" : "n/a";

    private static string Percent(double share, string format) => (share * 100d).ToString(format, Invariant) + "%";

    private static string Usd(decimal? amount) => amount is { } value ? value.ToString("0.00", Invariant) : "unbounded";

    private static string Usd(double amount) => double.IsFinite(amount) ? amount.ToString("0.00", Invariant) : amount > 0 ? "+∞" : "−∞";
}
