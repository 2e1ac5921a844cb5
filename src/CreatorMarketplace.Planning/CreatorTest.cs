using System.Globalization;
using CreatorMarketplace.Metrics;
using MathNet.Numerics.Random;

namespace CreatorMarketplace.Planning;

/// <summary>
/// The design of a creator test: two or more arms (creators, briefs, content approaches or audience segments) compared
/// on one metric, planned to detect a given difference with a given significance level and power. The design fixes,
/// before the test starts, the sample every arm needs; <see cref="Analyse"/> gives a verdict only once every arm has
/// it. The formulas and their sources are in docs/planning.md.
/// </summary>
public sealed class CreatorTest
{
    /// <summary>The posterior draws and bootstrap resamples <see cref="Analyse"/> takes unless told otherwise.</summary>
    public const int DefaultDraws = 20_000;

    /// <summary>The most trials per arm a test can plan for: a trillion.</summary>
    public const long MaximumSampleSizePerArm = 1_000_000_000_000;

    private CreatorTest(string name, IReadOnlyList<TestArm> arms, TestMetric metric, double baseline, double minimumDetectableEffect, double significanceLevel, double power, double plannedSampleSize)
    {
        Name = name;
        Arms = arms;
        Metric = metric;
        Baseline = baseline;
        MinimumDetectableEffect = minimumDetectableEffect;
        SignificanceLevel = significanceLevel;
        Power = power;
        Comparisons = (int)ComparisonsOf(arms.Count);

        // The tolerance keeps a whole number from rounding up; a power barely above a test of none's plans a fraction of one.
        SampleSizePerArm = Math.Max(1L, (long)Math.Ceiling(plannedSampleSize - 1e-9));
    }

    /// <summary>The test's name.</summary>
    public string Name { get; }

    /// <summary>The arms, in the order results list them.</summary>
    public IReadOnlyList<TestArm> Arms { get; }

    /// <summary>What the test measures.</summary>
    public TestMetric Metric { get; }

    /// <summary>The rate expected of an arm: the proportion, or for cost per acquisition the conversion rate per visit.</summary>
    public double Baseline { get; }

    /// <summary>The smallest difference in rate worth detecting, in absolute terms (0.01 is one percentage point).</summary>
    public double MinimumDetectableEffect { get; }

    /// <summary>The family-wise significance level α, two-sided, over every comparison.</summary>
    public double SignificanceLevel { get; }

    /// <summary>The power: the chance of detecting a true difference of <see cref="MinimumDetectableEffect"/>.</summary>
    public double Power { get; }

    /// <summary>How many pairs of arms the verdict compares: k(k − 1) ÷ 2 for k arms.</summary>
    public int Comparisons { get; }

    /// <summary>
    /// The significance level each comparison is planned at: α ÷ <see cref="Comparisons"/>, the strictest threshold of
    /// Holm's procedure, so that the power holds for every comparison however the others turn out.
    /// </summary>
    public double PlannedSignificanceLevel => SignificanceLevel / Comparisons;

    /// <summary>The trials each arm needs before a verdict, rounded up.</summary>
    public long SampleSizePerArm { get; }

    /// <summary>Designs a test.</summary>
    /// <param name="name">The test's name.</param>
    /// <param name="arms">Two or more arms with distinct names.</param>
    /// <param name="metric">What the test measures.</param>
    /// <param name="baseline">The rate expected of an arm, above 0 and below 1.</param>
    /// <param name="minimumDetectableEffect">The smallest difference in rate worth detecting, above 0, with <c>baseline + minimumDetectableEffect ≤ 1</c>.</param>
    /// <param name="significanceLevel">The family-wise significance level, above 0 and below 1; 0.05 unless given.</param>
    /// <param name="power">
    /// The power, below 1 and above what a test of no trials already has, Φ(−z₁₋α′/₂·√(2·p̄·q̄) ÷ √(p₁q₁ + p₂q₂)) (about
    /// α′/2); 0.8 unless given.
    /// </param>
    /// <returns>The design.</returns>
    /// <exception cref="DomainValidationException">An input breaks a rule; every error names its field.</exception>
    public static CreatorTest Create(string name, IReadOnlyList<TestArm> arms, TestMetric metric, double baseline, double minimumDetectableEffect, double significanceLevel = 0.05, double power = 0.8)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var errors = new ErrorCollector();
        if (errors.Require(!string.IsNullOrWhiteSpace(name), nameof(name), "planning.test_name_required", "a test has a name."))
        {
            errors.RequireText(TextRule.SingleLine, name, nameof(name));
        }

        ValidateArms(arms, errors);
        RequireProportion(errors, baseline, nameof(baseline), "planning.baseline_invalid", "the baseline rate is a finite number above 0 and below 1");
        if (errors.Require(double.IsFinite(minimumDetectableEffect) && minimumDetectableEffect > 0d, nameof(minimumDetectableEffect), "planning.effect_invalid", $"the minimum detectable effect is a finite number above 0, got {Show(minimumDetectableEffect)}.")
            && double.IsFinite(baseline))
        {
            errors.Require(baseline + minimumDetectableEffect <= 1d, nameof(minimumDetectableEffect), "planning.effect_invalid", $"the baseline plus the minimum detectable effect is at most 1, got {Show(baseline + minimumDetectableEffect)}.");
        }

        RequireProportion(errors, significanceLevel, nameof(significanceLevel), "planning.significance_invalid", "the significance level is a finite number above 0 and below 1");
        RequireProportion(errors, power, nameof(power), "planning.power_invalid", "the power is a finite number above 0 and below 1");
        errors.ThrowIfAny();

        // Checked once the inputs are sound. A power no test needs a trial for has no sample, and an effect too small
        // for any test would overflow the count of trials.
        var alpha = significanceLevel / ComparisonsOf(arms.Count);
        var least = Statistics.PowerWithoutTrials(baseline, baseline + minimumDetectableEffect, alpha);
        errors.Require(power > least, nameof(power), "planning.power_too_low", $"the power is above {Show(least)}, what a test of no trials already has at this baseline, effect and significance level, got {Show(power)}.");
        errors.ThrowIfAny();
        var planned = Statistics.SampleSize(baseline, baseline + minimumDetectableEffect, alpha, power);
        errors.Require(planned <= MaximumSampleSizePerArm, nameof(minimumDetectableEffect), "planning.effect_too_small", $"an effect of {Show(minimumDetectableEffect)} needs {planned:0.###E+0} trials per arm, more than the {MaximumSampleSizePerArm:N0} a test can plan.");
        errors.ThrowIfAny();
        return new(name, [.. arms], metric, baseline, minimumDetectableEffect, significanceLevel, power, planned);
    }

    /// <summary>
    /// The verdict from what each arm observed, or a refusal naming every arm short of its planned sample. The
    /// posterior draws and the bootstrap are seeded, so the same observations and seed give the same verdict.
    /// </summary>
    /// <param name="observations">One observation per arm, in any order.</param>
    /// <param name="seed">The seed of the posterior draws and the bootstrap.</param>
    /// <param name="draws">How many posterior draws and bootstrap resamples to take, at least 1,000.</param>
    /// <returns>The verdict, or <see cref="SampleIncomplete"/>.</returns>
    /// <exception cref="DomainValidationException">An observation breaks a rule; every error names its field.</exception>
    public TestVerdict Analyse(IReadOnlyList<ArmObservation> observations, int seed = 1, int draws = DefaultDraws)
    {
        var ordered = Validate(observations, draws);
        var shortfalls = ordered
            .Select((observed, i) => new ArmShortfall(Arms[i], observed.Trials, SampleSizePerArm))
            .Where(shortfall => shortfall.Missing > 0)
            .ToList();
        if (shortfalls.Count > 0)
        {
            return new SampleIncomplete(shortfalls);
        }

        var rates = ordered.Select(observed => Statistics.Wilson(observed.Successes, observed.Trials, SignificanceLevel)).ToArray();
        var probabilityBest = Resampling.ProbabilityBest(ordered, Metric.IsCostPerAcquisition, draws, seed);
        var costs = Metric.IsCostPerAcquisition ? CostsPerAcquisition(ordered, draws, seed) : null;
        var arms = ordered
            .Select((observed, i) => new ArmResult(Arms[i], observed.Trials, observed.Successes, rates[i], costs?.Intervals[i], probabilityBest[i]))
            .ToArray();
        return new TestResult(this, arms, Compare(ordered, rates, costs), seed, draws);
    }

    /// <summary>Formats the design, for example <c>"hooks: 3 arms on conversion rate, 8,158 visits each"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {Arms.Count} arms on {Metric.Name}, {SampleSizePerArm:N0} {Metric.Trials} each";

    private IReadOnlyList<ArmComparison> Compare(IReadOnlyList<ArmObservation> observed, Interval[] rates, Costs? costs)
    {
        var pairs = new List<(int First, int Second, Interval Difference, double PValue)>();
        for (var first = 0; first < Arms.Count; first++)
        {
            for (var second = first + 1; second < Arms.Count; second++)
            {
                var (difference, pValue) = costs?.Compare(first, second) ?? (
                    Statistics.Newcombe(rates[first], rates[second]),
                    Statistics.TwoProportionPValue(observed[first].Successes, observed[first].Trials, observed[second].Successes, observed[second].Trials));
                pairs.Add((first, second, difference, pValue));
            }
        }

        var adjusted = Statistics.Holm([.. pairs.Select(pair => pair.PValue)]);
        return [.. pairs.Select((pair, i) => new ArmComparison(
            Arms[pair.First],
            Arms[pair.Second],
            pair.Difference,
            pair.PValue,
            adjusted[i],
            adjusted[i] > SignificanceLevel || pair.Difference.Estimate == 0d ? null
                : (pair.Difference.Estimate > 0d) != Metric.IsCostPerAcquisition ? Arms[pair.First] : Arms[pair.Second]))];
    }

    private Costs CostsPerAcquisition(IReadOnlyList<ArmObservation> observed, int resamples, int seed)
    {
        // Seeded apart from the posterior draws, so that changing one simulation leaves the other as it was.
        var random = new MersenneTwister(unchecked(seed + 1), threadSafe: false);
        return new Costs(observed, [.. observed.Select(arm => Resampling.Conversions(arm, resamples, random))], SignificanceLevel);
    }

    private IReadOnlyList<ArmObservation> Validate(IReadOnlyList<ArmObservation> observations, int draws)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var errors = new ErrorCollector();
        errors.Require(draws >= 1_000, nameof(draws), "planning.draws_invalid", $"a verdict takes at least 1,000 draws, got {draws}.");
        var byArm = new Dictionary<string, ArmObservation>(StringComparer.Ordinal);
        for (var i = 0; i < observations.Count; i++)
        {
            var at = errors.At($"{nameof(observations)}[{i}]");
            if (observations[i] is not { } observed)
            {
                at.Add("", "planning.observation_required", "an observation is not null.");
                continue;
            }

            if (!Arms.Any(arm => arm.Name == observed.Arm))
            {
                at.Add(nameof(ArmObservation.Arm), "planning.unknown_arm", $"the test has no arm named {ErrorText.Quote(observed.Arm)}; it has {string.Join(", ", Arms.Select(arm => arm.Name))}.");
            }
            else if (!byArm.TryAdd(observed.Arm, observed))
            {
                at.Add(nameof(ArmObservation.Arm), "planning.duplicate_arm", $"arm {ErrorText.Quote(observed.Arm)} is observed once, not twice.");
            }

            at.Require(observed.Trials >= 0, nameof(ArmObservation.Trials), "planning.count_negative", $"the {Metric.Trials} are zero or more, got {observed.Trials}.");
            if (at.Require(observed.Successes >= 0, nameof(ArmObservation.Successes), "planning.count_negative", $"the {Metric.Successes} are zero or more, got {observed.Successes}."))
            {
                at.Require(observed.Successes <= observed.Trials, nameof(ArmObservation.Successes), "planning.successes_above_trials", $"the {Metric.Successes} ({observed.Successes}) are at most the {Metric.Trials} ({observed.Trials}).");
            }

            if (Metric.Currency is { } currency && at.Require(observed.Spend is not null, nameof(ArmObservation.Spend), "planning.spend_required", "a cost-per-acquisition test needs each arm's spend."))
            {
                var spend = observed.Spend!.Value;
                // default(Money) has no currency to read: it equals only itself.
                if (at.Require(spend != default, nameof(ArmObservation.Spend), "planning.spend_without_currency", "the spend is an amount in a currency, not default(Money), which has none.")
                    && at.Require(spend.Currency == currency, nameof(ArmObservation.Spend), "planning.spend_currency", $"the spend is in the test's currency, {currency.Code}, not {spend.Currency.Code}."))
                {
                    at.Require(spend.Amount >= 0m, nameof(ArmObservation.Spend), "planning.spend_negative", $"the spend is zero or more, got {spend}.");
                }
            }
        }

        foreach (var missing in Arms.Where(arm => !byArm.ContainsKey(arm.Name)))
        {
            errors.Add(nameof(observations), "planning.arm_not_observed", $"arm {ErrorText.Quote(missing.Name)} has no observation; every arm of the test needs one.");
        }

        errors.ThrowIfAny(nameof(observations));
        return [.. Arms.Select(arm => byArm[arm.Name])];
    }

    private static void ValidateArms(IReadOnlyList<TestArm> arms, ErrorCollector errors)
    {
        if (!errors.Require(arms is not null, nameof(arms), "planning.arms_required", "a test has arms."))
        {
            return;
        }

        errors.Require(arms!.Count >= 2, nameof(arms), "planning.too_few_arms", $"a test compares two or more arms, got {arms.Count}.");
        errors.Require(arms.Count <= MaximumArms, nameof(arms), "planning.too_many_arms", string.Create(CultureInfo.InvariantCulture, $"a test has at most {MaximumArms:N0} arms, so that an int counts its k(k − 1) ÷ 2 comparisons, got {arms.Count:N0}."));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < arms.Count; i++)
        {
            var at = errors.At($"{nameof(arms)}[{i}]");
            if (arms[i] is not { } arm)
            {
                at.Add("", "planning.arm_required", "an arm is not null.");
                continue;
            }

            if (at.Require(!string.IsNullOrWhiteSpace(arm.Name), nameof(TestArm.Name), "planning.arm_name_required", "an arm has a name.")
                && at.RequireText(TextRule.SingleLine, arm.Name, nameof(TestArm.Name)))
            {
                at.Require(names.Add(arm.Name), nameof(TestArm.Name), "planning.duplicate_arm", $"arm names are distinct; {ErrorText.Quote(arm.Name)} is used twice.");
            }

            at.Require(Enum.IsDefined(arm.Kind), nameof(TestArm.Kind), "planning.arm_kind_invalid", $"{(int)arm.Kind} is not a kind of arm.");
            if (at.Require(!string.IsNullOrWhiteSpace(arm.Description), nameof(TestArm.Description), "planning.arm_description_required", "an arm says what it stands for."))
            {
                at.RequireText(TextRule.SingleLine, arm.Description, nameof(TestArm.Description));
            }
        }
    }

    // In a long: k(k − 1) passes int.MaxValue from 46,342 arms, before the halving brings it back.
    private static long ComparisonsOf(int arms) => (long)arms * (arms - 1) / 2;

    // The most arms whose comparisons an int counts: 65,536 make 2,147,450,880, and 65,537 too many.
    private const int MaximumArms = 65_536;

    private static void RequireProportion(ErrorCollector errors, double value, string field, string code, string rule) =>
        errors.Require(double.IsFinite(value) && value is > 0d and < 1d, field, code, $"{rule}, got {Show(value)}.");

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // Each arm's resampled conversions, side by side: resample b of every arm is read together, so differences pair up.
    private sealed class Costs
    {
        private readonly IReadOnlyList<ArmObservation> _arms;
        private readonly double[][] _resampledCosts;
        private readonly double _alpha;

        public Costs(IReadOnlyList<ArmObservation> arms, long[][] resampled, double alpha)
        {
            _arms = arms;
            _alpha = alpha;
            Intervals = [.. arms.Select((arm, i) => CostIntervalOf(arm, resampled[i], alpha))];

            // Each resample's cost once per arm, rather than once per pair it is compared in.
            _resampledCosts = [.. resampled.Select((counts, arm) => counts.Select(count => Cost(arm, count)).ToArray())];
        }

        public CostInterval[] Intervals { get; }

        /// <summary>
        /// The difference of two arms' costs with its percentile interval, and its two-sided bootstrap p-value: twice
        /// the smaller share of resamples on either side of no difference, at most 1.
        /// </summary>
        public (Interval Difference, double PValue) Compare(int first, int second)
        {
            var count = _resampledCosts[first].Length;
            var differences = new double[count];
            int below = 0, above = 0;
            for (var b = 0; b < count; b++)
            {
                var difference = differences[b] = Difference(_resampledCosts[first][b], _resampledCosts[second][b]);
                below += difference <= 0d ? 1 : 0;
                above += difference >= 0d ? 1 : 0;
            }

            Array.Sort(differences);
            var interval = new Interval(
                Difference(Cost(first, _arms[first].Successes), Cost(second, _arms[second].Successes)),
                differences[Statistics.PercentileIndex(count, _alpha / 2d)],
                differences[Statistics.PercentileIndex(count, 1d - (_alpha / 2d))]);
            return (interval, Math.Min(1d, 2d * Math.Min(below, above) / count));
        }

        private static CostInterval CostIntervalOf(ArmObservation arm, long[] resampled, double alpha)
        {
            var sorted = resampled.Order().ToArray();
            var spend = arm.Spend.GetValueOrDefault();

            // Cost falls as conversions rise: the cost's lower bound is the spend over the upper percentile of conversions.
            var most = sorted[Statistics.PercentileIndex(sorted.Length, 1d - (alpha / 2d))];
            var fewest = sorted[Statistics.PercentileIndex(sorted.Length, alpha / 2d)];
            return new(CostMetrics.Cpa(spend, arm.Successes), most == 0 ? null : spend.Amount / most, fewest == 0 ? null : spend.Amount / fewest);
        }

        // An arm with no conversion costs infinitely much per acquisition; two such arms do not differ.
        private static double Difference(double first, double second) => first == second ? 0d : first - second;

        private double Cost(int arm, long conversions) =>
            conversions == 0 ? double.PositiveInfinity : (double)(_arms[arm].Spend.GetValueOrDefault().Amount / conversions);
    }
}
