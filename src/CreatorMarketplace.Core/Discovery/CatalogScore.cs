using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    private readonly double[] _genderTarget;
    private readonly double[] _ageTarget;

    // The float form: weights, reciprocal full marks, and only the audience buckets the target gives a share (a
    // bucket with no target share adds min(share, 0) = 0, so its column need not be read; every targeted dimension
    // has one, as its shares sum to 1).
    private readonly float _rateWeight, _ratioWeight, _pastWeight, _fitWeight;
    private readonly float _rateScale, _ratioScale, _pastScale;
    private readonly int[] _fitColumns;
    private readonly float[] _fitTargets;
    private readonly float _perDimension;

    private CatalogScore(CatalogScoreWeights weights, Distribution<AudienceGender>? gender, Distribution<AgeBucket>? age)
    {
        Weights = weights;
        TargetGender = gender;
        TargetAge = age;
        _genderTarget = gender is null ? [] : [.. AudienceGender.List.OrderBy(g => g.Value).Select(g => gender[g].Fraction)];
        _ageTarget = age is null ? [] : [.. AgeBucket.List.OrderBy(a => a.Value).Select(a => age[a].Fraction)];
        var dimensions = (gender is null ? 0 : 1) + (age is null ? 0 : 1);
        (_rateWeight, _ratioWeight, _pastWeight, _fitWeight) = ((float)weights.EngagementRate, (float)weights.ViewsToFollowers, (float)weights.PastCampaigns, (float)weights.AudienceFit);
        (_rateScale, _ratioScale, _pastScale) = ((float)(1 / weights.EngagementRateAtFull), (float)(1 / weights.ViewsToFollowersAtFull), (float)(1 / weights.PastCampaignsAtFull));
        var buckets = _genderTarget.Select((share, i) => (Column: InMemory.NumberColumn.FirstGender + i, Share: share))
            .Concat(_ageTarget.Select((share, i) => (Column: InMemory.NumberColumn.FirstAge + i, Share: share)))
            .Where(bucket => bucket.Share > 0)
            .ToArray();
        _fitTargets = [.. buckets.Select(bucket => (float)bucket.Share)];
        _perDimension = 1f / Math.Max(dimensions, 1);
        _fitColumns = [.. buckets.Select(bucket => bucket.Column)];
    }

    /// <inheritdoc />
    public string Name => "catalog score";

    /// <summary>The weights and full-mark values.</summary>
    public CatalogScoreWeights Weights { get; }

    /// <summary>The target gender distribution, if any.</summary>
    public Distribution<AudienceGender>? TargetGender { get; }

    /// <summary>The target age distribution, if any.</summary>
    public Distribution<AgeBucket>? TargetAge { get; }

    /// <summary>Makes a score, checking every weight and full-mark value.</summary>
    /// <param name="weights">Finite weights of zero or more, at least one above zero; positive full-mark values.</param>
    /// <param name="targetGender">The campaign's target genders, for audience fit.</param>
    /// <param name="targetAge">The campaign's target ages, for audience fit.</param>
    /// <returns>The score, or every problem.</returns>
    public static Validated<CatalogScore> Create(CatalogScoreWeights weights, Distribution<AudienceGender>? targetGender = null, Distribution<AgeBucket>? targetAge = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var errors = new ErrorCollector();
        foreach (var (field, value) in new[] { (nameof(weights.EngagementRate), weights.EngagementRate), (nameof(weights.ViewsToFollowers), weights.ViewsToFollowers), (nameof(weights.PastCampaigns), weights.PastCampaigns), (nameof(weights.AudienceFit), weights.AudienceFit) })
        {
            errors.Require(double.IsFinite(value) && value >= 0, field, "scoring.weight_invalid", $"a weight is a finite number of zero or more, got {value}.");
        }

        errors.Require(weights.EngagementRate + weights.ViewsToFollowers + weights.PastCampaigns + weights.AudienceFit > 0, "weights", "scoring.weights_all_zero", "at least one component must weigh more than zero.");
        foreach (var (field, value) in new[] { (nameof(weights.EngagementRateAtFull), weights.EngagementRateAtFull), (nameof(weights.ViewsToFollowersAtFull), weights.ViewsToFollowersAtFull), (nameof(weights.PastCampaignsAtFull), weights.PastCampaignsAtFull) })
        {
            errors.Require(double.IsFinite(value) && value > 0, field, "scoring.normaliser_invalid", $"a full-mark value is positive, got {value}.");
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

    // The float form of 64 consecutive rows of a chunk's columns, eight at a time; NaN for a row with nothing to judge.
    // Only the rows in `rows` need a score: eight rows none of which is wanted are not read, so a search whose matches
    // are scattered reads about one cache line per match and column rather than every line of the word.
    internal void ScoreRows(float[][] numbers, int start, Span<float> scores, ulong rows = ulong.MaxValue)
    {
        for (var i = 0; i < 64; i += Vector256<float>.Count)
        {
            if (((rows >> i) & 0xFF) != 0)
            {
                ScoreEight(numbers, start + i, scores[i..]);
            }
        }
    }

    // Scores the eight rows from `row` of a chunk's columns.
    private void ScoreEight(float[][] numbers, int row, Span<float> scores)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            for (var i = 0; i < Vector256<float>.Count; i++)
            {
                scores[i] = ScoreOne(numbers, row + i);
            }

            return;
        }

        var zero = Vector256<float>.Zero;
        var numerator = zero;
        var denominator = zero;
        if (_rateWeight > 0)
        {
            var r = Load(numbers[InMemory.NumberColumn.EngagementRate], row);
            Accumulate(ref numerator, ref denominator, _rateWeight, r * Vector256.Create(_rateScale), Vector256.Equals(r, r));
        }

        if (_ratioWeight > 0)
        {
            var m = Load(numbers[InMemory.NumberColumn.MedianViews], row);
            var f = Load(numbers[InMemory.NumberColumn.Followers], row);
            Accumulate(ref numerator, ref denominator, _ratioWeight, m / f * Vector256.Create(_ratioScale), Vector256.Equals(m, m) & Vector256.GreaterThan(f, zero));
        }

        if (_pastWeight > 0)
        {
            Accumulate(ref numerator, ref denominator, _pastWeight, Load(numbers[InMemory.NumberColumn.PastCampaigns], row) * Vector256.Create(_pastScale), Vector256<float>.AllBitsSet);
        }

        if (_fitWeight > 0)
        {
            // An unreported breakdown is NaN in every bucket, so a targeted bucket's column also says it is known.
            var sum = zero;
            var known = Vector256<float>.AllBitsSet;
            for (var bucket = 0; bucket < _fitTargets.Length; bucket++)
            {
                var share = Load(numbers[_fitColumns[bucket]], row);
                known &= Vector256.Equals(share, share);
                sum += Vector256.Min(share, Vector256.Create(_fitTargets[bucket]));
            }

            Accumulate(ref numerator, ref denominator, _fitWeight, sum * Vector256.Create(_perDimension), known);
        }

        var score = Vector256.Create(100f) * numerator / denominator;
        Vector256.ConditionalSelect(Vector256.GreaterThan(denominator, zero), score, Vector256.Create(float.NaN))
            .StoreUnsafe(ref MemoryMarshal.GetReference(scores));
    }

    private static Vector256<float> Load(float[] column, int offset) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref Vector256<float> numerator, ref Vector256<float> denominator, float weight, Vector256<float> scaled, Vector256<float> known)
    {
        var unit = Vector256.Min(Vector256.Max(scaled, Vector256<float>.Zero), Vector256.Create(1f));
        numerator += Vector256.ConditionalSelect(known, unit * Vector256.Create(weight), Vector256<float>.Zero);
        denominator += Vector256.ConditionalSelect(known, Vector256.Create(weight), Vector256<float>.Zero);
    }

    private float ScoreOne(float[][] numbers, int row)
    {
        float numerator = 0, denominator = 0;
        void Add(float weight, float scaled, bool known)
        {
            if (weight > 0 && known)
            {
                numerator += weight * Math.Min(Math.Max(scaled, 0f), 1f);
                denominator += weight;
            }
        }

        var rate = numbers[InMemory.NumberColumn.EngagementRate][row];
        var median = numbers[InMemory.NumberColumn.MedianViews][row];
        var followers = numbers[InMemory.NumberColumn.Followers][row];
        Add(_rateWeight, rate * _rateScale, !float.IsNaN(rate));
        Add(_ratioWeight, median / followers * _ratioScale, !float.IsNaN(median) && followers > 0);
        Add(_pastWeight, numbers[InMemory.NumberColumn.PastCampaigns][row] * _pastScale, true);
        if (_fitWeight > 0)
        {
            var known = true;
            float sum = 0;
            for (var bucket = 0; bucket < _fitTargets.Length; bucket++)
            {
                var share = numbers[_fitColumns[bucket]][row];
                known &= !float.IsNaN(share);
                sum += Math.Min(share, _fitTargets[bucket]);
            }

            Add(_fitWeight, sum * _perDimension, known);
        }

        return denominator > 0 ? 100 * numerator / denominator : float.NaN;
    }

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
            sum += AudienceGender.List.Sum(g => Math.Min(gender[g].Fraction, _genderTarget[g.Value - 1]));
        }

        if (_ageTarget.Length > 0)
        {
            if (audience.Age is not { } age)
            {
                return null;
            }

            dimensions++;
            sum += AgeBucket.List.Sum(a => Math.Min(age[a].Fraction, _ageTarget[a.Value - 1]));
        }

        return Math.Min(sum / dimensions, 1);
    }
}
