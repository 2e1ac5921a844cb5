using System.Globalization;
using Ardalis.SmartEnum;

namespace CreatorMarketplace.Scoring;

/// <summary>A part of the composite creator score.</summary>
public sealed class ScoreComponent : SmartEnum<ScoreComponent, int>
{
    /// <summary>Engagement rate as a percentile rank among peers.</summary>
    public static readonly ScoreComponent EngagementVsPeers = new("engagement vs peers", 1);

    /// <summary>How well the audience matches a campaign's target distribution.</summary>
    public static readonly ScoreComponent AudienceFit = new("audience fit", 2);

    /// <summary>Plays watched to the end.</summary>
    public static readonly ScoreComponent CompletionRate = new("completion rate", 3);

    /// <summary>Median views per follower.</summary>
    public static readonly ScoreComponent ViewsToFollowers = new("views to followers", 4);

    /// <summary>Past brand collaborations.</summary>
    public static readonly ScoreComponent CollaborationHistory = new("collaboration history", 5);

    /// <summary>The responsive badge.</summary>
    public static readonly ScoreComponent Responsiveness = new("responsiveness", 6);

    /// <summary>How genuine the audience looks (credibility, follower spikes, like/comment ratios).</summary>
    public static readonly ScoreComponent Authenticity = new("authenticity", 7);

    private ScoreComponent(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>
/// What a creator brings to each component, before weighting. A null input means the component could not be
/// judged (a number was not reported): it is left out of the score, and the explanation says so.
/// </summary>
public sealed record ScoreInputs
{
    /// <summary>The engagement rate's percentile rank among peers, 0–100.</summary>
    public double? EngagementPercentile { get; init; }

    /// <summary>The audience's overlap with the campaign's target, 0–1 (see <see cref="AudienceFit"/>).</summary>
    public double? AudienceFit { get; init; }

    /// <summary>The completion rate, 0–1.</summary>
    public double? CompletionRate { get; init; }

    /// <summary>Median views ÷ followers.</summary>
    public double? ViewsToFollowers { get; init; }

    /// <summary>Past campaigns.</summary>
    public int? PastCampaigns { get; init; }

    /// <summary>Whether the creator has the responsive badge.</summary>
    public bool? Responsive { get; init; }

    /// <summary>The authenticity assessment, 0–1 (see <see cref="Authenticity"/>).</summary>
    public double? Authenticity { get; init; }
}

/// <summary>What a component added to a score.</summary>
/// <param name="Component">The component.</param>
/// <param name="Input">The creator's input, as text (<c>"not reported"</c> when missing).</param>
/// <param name="Normalised">The input on a 0–1 scale; null when not scored.</param>
/// <param name="Weight">The component's share of the weights that were scored, 0–1.</param>
/// <param name="Points">Its contribution to the 0–100 score.</param>
public sealed record ScoreContribution(ScoreComponent Component, string Input, double? Normalised, double Weight, double Points)
{
    /// <summary>Formats the contribution, for example <c>"audience fit: 0.72 → 0.72 × 30% = 21.6 points"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Normalised is { } normalised
            ? $"{Component}: {Input} → {normalised.ToString("0.00", CultureInfo.InvariantCulture)} × {(Weight * 100).ToString("0", CultureInfo.InvariantCulture)}% = {Points.ToString("0.0", CultureInfo.InvariantCulture)} points"
            : $"{Component}: {Input}, not scored";
}

/// <summary>A creator's composite score, 0–100, with every component's contribution.</summary>
/// <param name="Value">The score, 0–100; null when no component could be scored.</param>
/// <param name="Contributions">One per weighted component, in the model's order.</param>
public sealed record CreatorScore(double? Value, IReadOnlyList<ScoreContribution> Contributions)
{
    /// <summary>Formats the score and its explanation, one contribution per line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{(Value is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) : "unscored")}{Environment.NewLine}{string.Join(Environment.NewLine, Contributions.Select(c => $"  {c}"))}";
}

/// <summary>
/// How inputs become 0–1 component values: the value that earns full marks for each open-ended input.
/// </summary>
/// <param name="ViewsToFollowersAtFull">Views per follower that earn full marks (0.5 by default).</param>
/// <param name="CompletionRateAtFull">The completion rate that earns full marks (0.6).</param>
/// <param name="PastCampaignsAtFull">Past campaigns that earn full marks (10).</param>
public sealed record ScoringNormalisers(double ViewsToFollowersAtFull = 0.5, double CompletionRateAtFull = 0.6, int PastCampaignsAtFull = 10);

/// <summary>
/// A composite creator score: a weighted mean of components on a 0–1 scale, times 100. Components whose input is
/// missing are left out and the remaining weights share the score, so a missing number neither helps nor hurts.
/// Weights and normalisers are checked when the model is made. The score is deterministic, within 0–100, and never
/// falls when a positively weighted component improves.
/// </summary>
public sealed class ScoringModel
{
    private readonly (ScoreComponent Component, double Weight)[] _weights;

    private ScoringModel((ScoreComponent, double)[] weights, ScoringNormalisers normalisers)
    {
        _weights = weights;
        Normalisers = normalisers;
    }

    /// <summary>
    /// The default weights: engagement vs peers 25, audience fit 25, completion rate 10, views to followers 15,
    /// collaboration history 10, responsiveness 5, authenticity 10.
    /// </summary>
    public static ScoringModel Default { get; } = Create(new Dictionary<ScoreComponent, double>
    {
        [ScoreComponent.EngagementVsPeers] = 25,
        [ScoreComponent.AudienceFit] = 25,
        [ScoreComponent.CompletionRate] = 10,
        [ScoreComponent.ViewsToFollowers] = 15,
        [ScoreComponent.CollaborationHistory] = 10,
        [ScoreComponent.Responsiveness] = 5,
        [ScoreComponent.Authenticity] = 10,
    }).GetValueOrThrow();

    /// <summary>The normalisers.</summary>
    public ScoringNormalisers Normalisers { get; }

    /// <summary>The weights, in component order.</summary>
    public IReadOnlyList<(ScoreComponent Component, double Weight)> Weights => _weights;

    /// <summary>Makes a model, checking every weight and normaliser.</summary>
    /// <param name="weights">A weight per component: finite and zero or more, at least one above zero. Components not listed weigh nothing.</param>
    /// <param name="normalisers">The normalisers; the defaults when null. Each must be positive.</param>
    /// <returns>The model, or every problem.</returns>
    public static Validated<ScoringModel> Create(IReadOnlyDictionary<ScoreComponent, double> weights, ScoringNormalisers? normalisers = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var n = normalisers ?? new ScoringNormalisers();
        var errors = new ErrorCollector();
        foreach (var (component, weight) in weights)
        {
            errors.Require(double.IsFinite(weight) && weight >= 0, $"weights[{component}]", "scoring.weight_invalid", $"a weight is a finite number of zero or more, got {weight}.");
        }

        errors.Require(weights.Values.Any(weight => weight > 0), "weights", "scoring.weights_all_zero", "at least one component must weigh more than zero.");
        errors.Require(double.IsFinite(weights.Values.Where(double.IsFinite).Sum()), "weights", "scoring.weights_too_large", "the weights add up to more than a double holds; scale them down.");
        errors.Require(double.IsFinite(n.ViewsToFollowersAtFull) && n.ViewsToFollowersAtFull > 0, nameof(ScoringNormalisers.ViewsToFollowersAtFull), "scoring.normaliser_invalid", "the views per follower for full marks must be positive.");
        errors.Require(double.IsFinite(n.CompletionRateAtFull) && n.CompletionRateAtFull is > 0 and <= 1, nameof(ScoringNormalisers.CompletionRateAtFull), "scoring.normaliser_invalid", "the completion rate for full marks is above 0 and at most 1.");
        errors.Require(n.PastCampaignsAtFull > 0, nameof(ScoringNormalisers.PastCampaignsAtFull), "scoring.normaliser_invalid", "the past campaigns for full marks must be positive.");
        return errors.ToResult(() => new ScoringModel(
            [.. weights.Where(pair => pair.Value > 0).OrderBy(pair => pair.Key.Value).Select(pair => (pair.Key, pair.Value))],
            n));
    }

    /// <summary>Scores a creator, explaining every component's contribution.</summary>
    /// <param name="inputs">The creator's inputs.</param>
    /// <returns>The score.</returns>
    public CreatorScore Score(ScoreInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var judged = _weights.Select(w => (w.Component, w.Weight, Judge(w.Component, inputs))).ToArray();
        var total = judged.Where(j => j.Item3.Normalised is not null).Sum(j => j.Weight);
        var contributions = judged.Select(j =>
        {
            var (component, weight, (input, normalised)) = j;
            var share = normalised is null || total == 0 ? 0 : weight / total;
            return new ScoreContribution(component, input, normalised, share, normalised is { } value ? value * share * 100 : 0);
        }).ToArray();
        return new(total == 0 ? null : Math.Clamp(contributions.Sum(c => c.Points), 0, 100), contributions);
    }

    private (string Input, double? Normalised) Judge(ScoreComponent component, ScoreInputs inputs)
    {
        static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
        static (string, double?) Missing() => ("not reported", null);

        // A NaN judges nothing, as a null does; an infinite ratio (views over no followers) is as good as can be.
        static double? Known(double? value) => value is { } known && !double.IsNaN(known) ? known : null;
        static double Unit(double value) => Math.Clamp(value, 0, 1);
        if (component == ScoreComponent.EngagementVsPeers)
        {
            return Known(inputs.EngagementPercentile) is { } p ? ($"percentile {Text(p)}", Unit(p / 100)) : Missing();
        }

        if (component == ScoreComponent.AudienceFit)
        {
            return Known(inputs.AudienceFit) is { } fit ? (Text(fit), Unit(fit)) : Missing();
        }

        if (component == ScoreComponent.CompletionRate)
        {
            return Known(inputs.CompletionRate) is { } rate ? (Text(rate), Unit(rate / Normalisers.CompletionRateAtFull)) : Missing();
        }

        if (component == ScoreComponent.ViewsToFollowers)
        {
            return Known(inputs.ViewsToFollowers) is { } ratio ? (Text(ratio), Unit(ratio / Normalisers.ViewsToFollowersAtFull)) : Missing();
        }

        if (component == ScoreComponent.CollaborationHistory)
        {
            return inputs.PastCampaigns is { } count ? ($"{count} campaigns", Unit((double)count / Normalisers.PastCampaignsAtFull)) : Missing();
        }

        if (component == ScoreComponent.Responsiveness)
        {
            return inputs.Responsive is { } responsive ? (responsive ? "badge" : "no badge", responsive ? 1 : 0) : Missing();
        }

        return Known(inputs.Authenticity) is { } authenticity ? (Text(authenticity), Unit(authenticity)) : Missing();
    }
}

/// <summary>Audience fit: the overlap between a campaign's target distribution and a creator's audience.</summary>
public static class AudienceFit
{
    /// <summary>
    /// The histogram intersection Σ min(target, audience) over the buckets: 1 when the audience is exactly the
    /// target, 0 when they share nothing.
    /// </summary>
    /// <typeparam name="TKey">The bucket (country, age, gender).</typeparam>
    /// <param name="target">The campaign's target distribution.</param>
    /// <param name="audience">The creator's audience; null when not reported.</param>
    /// <returns>The overlap from 0 to 1, or null when the audience is not reported.</returns>
    public static double? Of<TKey>(Distribution<TKey> target, Distribution<TKey>? audience)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(target);
        return audience is null ? null : Math.Clamp(target.Sum(bucket => Math.Min(bucket.Value.Fraction, audience[bucket.Key].Fraction)), 0, 1);
    }
}
