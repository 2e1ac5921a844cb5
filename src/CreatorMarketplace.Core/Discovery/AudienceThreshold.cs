namespace CreatorMarketplace.Discovery;

/// <summary>
/// "At least this share of the audience is in this bucket": followers in the US ≥ 30%, female ≥ 60%, aged 18-24 ≥ 25%.
/// The share is a plain fraction so that a query read from outside can be checked with every problem named.
/// </summary>
/// <typeparam name="TKey">The bucket type.</typeparam>
/// <param name="Bucket">The bucket.</param>
/// <param name="MinShare">The least share required, a fraction from 0 to 1.</param>
public readonly record struct AudienceThreshold<TKey>(TKey Bucket, double MinShare)
    where TKey : notnull
{
    /// <summary>Whether a breakdown meets the threshold; an unknown breakdown (null) never does.</summary>
    /// <param name="distribution">The audience breakdown, or null when not reported.</param>
    /// <returns>True when the bucket's share is at least <see cref="MinShare"/>.</returns>
    public bool IsMetBy(Distribution<TKey>? distribution) =>
        distribution is not null && distribution[Bucket].Fraction >= MinShare;
}
