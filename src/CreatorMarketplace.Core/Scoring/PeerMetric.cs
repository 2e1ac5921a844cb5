using Ardalis.SmartEnum;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Scoring;

/// <summary>A number of a creator's primary account that peers are benchmarked on.</summary>
public sealed class PeerMetric : SmartEnum<PeerMetric>
{
    /// <summary>The engagement rate the platform reports.</summary>
    public static readonly PeerMetric EngagementRate = new(nameof(EngagementRate), 1, stats => stats.EngagementRate);

    /// <summary>The median views per post.</summary>
    public static readonly PeerMetric MedianViews = new(nameof(MedianViews), 2, stats => stats.MedianViews);

    /// <summary>The average views per post.</summary>
    public static readonly PeerMetric AverageViews = new(nameof(AverageViews), 3, stats => stats.AverageViews);

    /// <summary>The followers.</summary>
    public static readonly PeerMetric Followers = new(nameof(Followers), 4, stats => stats.Followers);

    private readonly Func<AccountStats, double?> _valueOf;

    private PeerMetric(string name, int value, Func<AccountStats, double?> valueOf)
        : base(name, value) => _valueOf = valueOf;

    /// <summary>The creator's value, or null when the platform does not report it.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>The value of the primary account.</returns>
    public double? ValueOf(CreatorListing creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        return _valueOf(creator.PrimaryAccount.Stats);
    }
}
