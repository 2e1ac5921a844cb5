using System.Globalization;
using Ardalis.SmartEnum;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery;

/// <summary>The weights and full-mark values of a <see cref="CatalogScore"/>.</summary>
/// <param name="EngagementRate">The weight of the engagement rate.</param>
/// <param name="ViewsToFollowers">The weight of median views per follower.</param>
/// <param name="PastCampaigns">The weight of past campaigns.</param>
/// <param name="AudienceFit">The weight of the audience's fit to the target.</param>
/// <param name="EngagementRateAtFull">The engagement rate that earns full marks.</param>
/// <param name="ViewsToFollowersAtFull">The views per follower that earn full marks.</param>
/// <param name="PastCampaignsAtFull">The past campaigns that earn full marks.</param>
public sealed record CatalogScoreWeights(
    double EngagementRate = 35,
    double ViewsToFollowers = 25,
    double PastCampaigns = 10,
    double AudienceFit = 30,
    double EngagementRateAtFull = 0.1,
    double ViewsToFollowersAtFull = 0.5,
    double PastCampaignsAtFull = 10);

/// <summary>
/// A creator score that the in-memory catalog computes on its columns, vectorised and without allocating per
/// creator: a weighted mean, times 100, of the engagement rate, median views per follower and past campaigns (each
/// divided by the value that earns full marks and capped at 1), and the audience's fit to a target gender and age
/// distribution (the overlap Σ min(target, audience), averaged over the dimensions targeted). A component whose
/// numbers are not reported is left out and the other weights share the score.
/// </summary>
/// <remarks>
/// <see cref="Score"/> computes the same formula exactly, in double precision, from a listing; it is what a
/// search's order means. The catalog ranks on the float form and orders the rows near the cut-off exactly, so the
/// answers are those of <see cref="Score"/>.
/// </remarks>
public sealed class CatalogScore : ICreatorScore, IEquatable<CatalogScore>
{
    // The buckets in the order their overlaps are summed (that of SmartEnum's List), taken once: List makes a new
    // collection on each call, and a scored search computes the fit of every row near its cut-off.
    private static readonly AudienceGender[] Genders = [.. AudienceGender.List];
    private static readonly AgeBucket[] Ages = [.. AgeBucket.List];

    private readonly double[] _genderTarget;
    private readonly double[] _ageTarget;

    private CatalogScore(CatalogScoreWeights weights, Distribution<AudienceGender>? gender, Distribution<AgeBucket>? age)
    {
        Weights = weights;
        TargetGender = gender;
        TargetAge = age;
        _genderTarget = gender is null ? [] : [.. AudienceGender.List.OrderBy(g => g.Value).Select(g => gender[g].Fraction)];
        _ageTarget = age is null ? [] : [.. AgeBucket.List.OrderBy(a => a.Value).Select(a => age[a].Fraction)];
    }

    /// <inheritdoc />
    public string Name => "catalog score";

    /// <summary>The weights and full-mark values.</summary>
    public CatalogScoreWeights Weights { get; }

    /// <summary>The target gender distribution, if any.</summary>
    public Distribution<AudienceGender>? TargetGender { get; }

    /// <summary>The target age distribution, if any.</summary>
    public Distribution<AgeBucket>? TargetAge { get; }

    /// <summary>The least weight above 0, and the least full-mark value, a score takes.</summary>
    /// <remarks>
    /// The catalog ranks on the score's float form (single precision) before it orders the rows near a page's edge
    /// exactly: within these bounds neither a weight nor the reciprocal of a full mark overflows or underflows a float,
    /// which would make a known score look unknown (a rate of 0 times an infinite scale is NaN).
    /// </remarks>
    public const double LeastValue = 1e-6;

    /// <summary>The greatest weight, and the greatest full-mark value, a score takes (see <see cref="LeastValue"/>).</summary>
    public const double MostValue = 1e6;

    /// <summary>Makes a score, checking every weight and full-mark value.</summary>
    /// <param name="weights">
    /// Weights of 0 or from <see cref="LeastValue"/> to <see cref="MostValue"/>, at least one above zero; full-mark
    /// values from <see cref="LeastValue"/> to <see cref="MostValue"/>.
    /// </param>
    /// <param name="targetGender">The campaign's target genders, for audience fit.</param>
    /// <param name="targetAge">The campaign's target ages, for audience fit.</param>
    /// <returns>The score, or every problem.</returns>
    public static Validated<CatalogScore> Create(CatalogScoreWeights weights, Distribution<AudienceGender>? targetGender = null, Distribution<AgeBucket>? targetAge = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var errors = new ErrorCollector();
        foreach (var (field, value) in new[] { (nameof(weights.EngagementRate), weights.EngagementRate), (nameof(weights.ViewsToFollowers), weights.ViewsToFollowers), (nameof(weights.PastCampaigns), weights.PastCampaigns), (nameof(weights.AudienceFit), weights.AudienceFit) })
        {
            errors.Require(value == 0 || value is >= LeastValue and <= MostValue, field, "scoring.weight_invalid", string.Create(CultureInfo.InvariantCulture, $"a weight is 0 or from {LeastValue} to {MostValue}, got {value}."));
        }

        errors.Require(weights.EngagementRate + weights.ViewsToFollowers + weights.PastCampaigns + weights.AudienceFit > 0, "weights", "scoring.weights_all_zero", "at least one component must weigh more than zero.");
        foreach (var (field, value) in new[] { (nameof(weights.EngagementRateAtFull), weights.EngagementRateAtFull), (nameof(weights.ViewsToFollowersAtFull), weights.ViewsToFollowersAtFull), (nameof(weights.PastCampaignsAtFull), weights.PastCampaignsAtFull) })
        {
            errors.Require(value is >= LeastValue and <= MostValue, field, "scoring.normaliser_invalid", string.Create(CultureInfo.InvariantCulture, $"a full-mark value is from {LeastValue} to {MostValue}, got {value}."));
        }

        errors.Require(weights.AudienceFit == 0 || targetGender is not null || targetAge is not null, nameof(weights.AudienceFit), "scoring.target_missing", "audience fit needs a target gender or age distribution.");
        return errors.ToResult(() => new CatalogScore(weights, targetGender, targetAge));
    }

    /// <summary>Whether both scores weigh and target the same, so that they rank every creator alike.</summary>
    /// <param name="other">The other score.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(CatalogScore? other) =>
        other is not null && Weights == other.Weights && Equals(TargetGender, other.TargetGender) && Equals(TargetAge, other.TargetAge);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CatalogScore);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Weights, TargetGender?.Count, TargetAge?.Count);

    /// <summary>The exact score of a listing, from 0 to 100.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>The score, or null when no weighted component could be judged.</returns>
    public double? Score(CreatorListing creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        var stats = creator.PrimaryAccount.Stats;
        double numerator = 0, denominator = 0;
        void Add(double weight, double? value, double atFull)
        {
            if (weight > 0 && value is { } known && double.IsFinite(known))
            {
                numerator += weight * Math.Clamp(known / atFull, 0, 1);
                denominator += weight;
            }
        }

        Add(Weights.EngagementRate, stats.EngagementRate, Weights.EngagementRateAtFull);
        Add(Weights.ViewsToFollowers, stats.MedianViews is { } median && stats.Followers > 0 ? (double)median / stats.Followers : null, Weights.ViewsToFollowersAtFull);
        Add(Weights.PastCampaigns, creator.PastCampaignCount, Weights.PastCampaignsAtFull);
        Add(Weights.AudienceFit, Fit(creator.Audience), 1);
        return denominator > 0 ? 100 * numerator / denominator : null;
    }

    /// <summary>Formats the score's recipe.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"catalog score: engagement {Weights.EngagementRate} (full at {Weights.EngagementRateAtFull}), views/followers {Weights.ViewsToFollowers} (full at {Weights.ViewsToFollowersAtFull}), past campaigns {Weights.PastCampaigns} (full at {Weights.PastCampaignsAtFull}), audience fit {Weights.AudienceFit}");

    private double? Fit(Audience audience)
    {
        if (_genderTarget.Length == 0 && _ageTarget.Length == 0)
        {
            return null;
        }

        double sum = 0;
        var dimensions = 0;
        if (_genderTarget.Length > 0)
        {
            if (audience.Gender is not { } gender)
            {
                return null;
            }

            dimensions++;
            sum += Overlap(Genders, gender, _genderTarget);
        }

        if (_ageTarget.Length > 0)
        {
            if (audience.Age is not { } age)
            {
                return null;
            }

            dimensions++;
            sum += Overlap(Ages, age, _ageTarget);
        }

        return Math.Min(sum / dimensions, 1);
    }

    // Σ min(audience, target) over the buckets, in their order; the target's shares are indexed by bucket value - 1.
    private static double Overlap<TBucket>(TBucket[] buckets, Distribution<TBucket> audience, double[] target)
        where TBucket : SmartEnum<TBucket, int>
    {
        var overlap = 0d;
        foreach (var bucket in buckets)
        {
            overlap += Math.Min(audience[bucket].Fraction, target[bucket.Value - 1]);
        }

        return overlap;
    }
}
