using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery;

/// <summary>
/// How alike two creators are, from 0 (nothing in common) to 1, with the part each signal contributed, so that
/// "similar creators" can be explained. Signals a creator lacks (an audience breakdown not reported) are left out
/// and the remaining weights rescaled: missing is not zero.
/// </summary>
/// <param name="Score">The weighted similarity, from 0 to 1.</param>
/// <param name="Components">Each signal used, with its similarity (0..1) and its weight after rescaling.</param>
public sealed record CreatorSimilarity(double Score, IReadOnlyList<SimilarityComponent> Components)
{
    /// <summary>The weight of content-label overlap (Jaccard index).</summary>
    public const double LabelWeight = 0.4;

    /// <summary>The weight of audience-country overlap (the sum over countries of the smaller share).</summary>
    public const double AudienceCountryWeight = 0.3;

    /// <summary>The weight of audience-gender overlap.</summary>
    public const double AudienceGenderWeight = 0.1;

    /// <summary>The weight of audience-age overlap.</summary>
    public const double AudienceAgeWeight = 0.1;

    /// <summary>The weight of tier closeness (1 for the same tier, falling by 0.2 per tier apart).</summary>
    public const double TierWeight = 0.1;

    /// <summary>Compares two creators.</summary>
    /// <param name="left">A creator.</param>
    /// <param name="right">Another creator.</param>
    /// <returns>The similarity and its explanation.</returns>
    public static CreatorSimilarity Between(CreatorListing left, CreatorListing right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var raw = new List<(string Name, double Similarity, double Weight)>
        {
            ("labels", Jaccard(left.Profile.ContentLabels, right.Profile.ContentLabels), LabelWeight),
            ("tier", 1d - (Math.Abs(left.Tier.Value - right.Tier.Value) / 5d), TierWeight),
        };
        AddOverlap(raw, "audience countries", left.Audience.Countries, right.Audience.Countries, AudienceCountryWeight);
        AddOverlap(raw, "audience gender", left.Audience.Gender, right.Audience.Gender, AudienceGenderWeight);
        AddOverlap(raw, "audience age", left.Audience.Age, right.Audience.Age, AudienceAgeWeight);

        var totalWeight = raw.Sum(component => component.Weight);
        var components = raw.Select(c => new SimilarityComponent(c.Name, c.Similarity, c.Weight / totalWeight)).ToArray();
        return new CreatorSimilarity(Math.Clamp(components.Sum(c => c.Similarity * c.Weight), 0d, 1d), components);
    }

    /// <summary>The <paramref name="count"/> candidates most like <paramref name="target"/>, most similar first (ties by id), the target itself left out.</summary>
    /// <param name="target">The creator to match.</param>
    /// <param name="candidates">The creators to choose from.</param>
    /// <param name="count">How many to return, at least 1.</param>
    /// <returns>The most similar candidates with their similarity.</returns>
    public static IReadOnlyList<(CreatorListing Creator, CreatorSimilarity Similarity)> MostSimilar(CreatorListing target, IEnumerable<CreatorListing> candidates, int count)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return candidates
            .Where(candidate => candidate.Id != target.Id)
            .Select(candidate => (Creator: candidate, Similarity: Between(target, candidate)))
            .OrderByDescending(pair => pair.Similarity.Score)
            .ThenBy(pair => pair.Creator.Id)
            .Take(count)
            .ToArray();
    }

    private static double Jaccard<T>(IReadOnlyCollection<T> left, IReadOnlyCollection<T> right)
    {
        if (left.Count == 0 && right.Count == 0)
        {
            return 1d;
        }

        var union = left.Union(right).Count();
        return (double)left.Intersect(right).Count() / union;
    }

    private static void AddOverlap<TKey>(List<(string, double, double)> components, string name, Distribution<TKey>? left, Distribution<TKey>? right, double weight)
        where TKey : notnull
    {
        if (left is null || right is null)
        {
            return;
        }

        var overlap = left.Keys.Union(right.Keys).Sum(key => Math.Min(left[key].Fraction, right[key].Fraction));
        components.Add((name, Math.Clamp(overlap, 0d, 1d), weight));
    }
}

/// <summary>One signal of a <see cref="CreatorSimilarity"/>.</summary>
/// <param name="Name">The signal: <c>labels</c>, <c>tier</c>, <c>audience countries</c>, <c>audience gender</c> or <c>audience age</c>.</param>
/// <param name="Similarity">How alike the two creators are on this signal, from 0 to 1.</param>
/// <param name="Weight">The signal's share of the score, after leaving out missing signals.</param>
public sealed record SimilarityComponent(string Name, double Similarity, double Weight);
