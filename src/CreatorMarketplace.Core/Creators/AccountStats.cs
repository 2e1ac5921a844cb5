using System.Globalization;
using NodaTime;

namespace CreatorMarketplace.Creators;

/// <summary>
/// A platform account's headline numbers as of one instant. A number the platform did not report is null —
/// missing is not zero — except the follower count, which every platform reports.
/// </summary>
public sealed record AccountStats
{
    private AccountStats(Instant asOf, long followers)
    {
        AsOf = asOf;
        Followers = followers;
    }

    /// <summary>When the numbers were read.</summary>
    public Instant AsOf { get; }

    /// <summary>The follower count.</summary>
    public long Followers { get; }

    /// <summary>The follower tier of <see cref="Followers"/>.</summary>
    public FollowerTier Tier => FollowerTier.For(Followers);

    /// <summary>The average views per recent post, if reported.</summary>
    public long? AverageViews { get; private init; }

    /// <summary>The median views per recent post, if reported.</summary>
    public long? MedianViews { get; private init; }

    /// <summary>The engagement rate as the platform or the application computes it (a fraction, usually below 1), if known.</summary>
    public double? EngagementRate { get; private init; }

    /// <summary>The follower growth over the last 30 days as a fraction of the followers before (0.05 = +5%), if known; may be negative.</summary>
    public double? FollowerGrowthRate { get; private init; }

    /// <summary>The number of posts published in the last 30 days, if known.</summary>
    public int? PostsLast30Days { get; private init; }

    /// <summary>The views of all posts in the last 30 days together, if known (eligibility rules ask for a minimum).</summary>
    public long? ViewsLast30Days { get; private init; }

    /// <summary>Creates the numbers, checking each one and naming every one that is out of range.</summary>
    /// <param name="asOf">When the numbers were read.</param>
    /// <param name="followers">The follower count, zero or more.</param>
    /// <param name="averageViews">The average views per recent post, zero or more, or null.</param>
    /// <param name="medianViews">The median views per recent post, zero or more, or null.</param>
    /// <param name="engagementRate">The engagement rate, a finite number of zero or more, or null.</param>
    /// <param name="followerGrowthRate">The 30-day follower growth, a finite number of at least −1, or null.</param>
    /// <param name="postsLast30Days">The posts in the last 30 days, zero or more, or null.</param>
    /// <param name="viewsLast30Days">The views of the posts in the last 30 days together, zero or more, or null.</param>
    /// <returns>The numbers.</returns>
    /// <exception cref="DomainValidationException">A number is out of range; every such number is named.</exception>
    public static AccountStats Create(
        Instant asOf,
        long followers,
        long? averageViews = null,
        long? medianViews = null,
        double? engagementRate = null,
        double? followerGrowthRate = null,
        int? postsLast30Days = null,
        long? viewsLast30Days = null)
    {
        // Each message is worded only when its number is refused: reading a stored creator makes these by the
        // million, and formatting seven messages cost more than the rest of the reading.
        var errors = new ErrorCollector();
        if (followers < 0)
        {
            errors.Add(nameof(followers), "stats.negative", $"followers may not be negative, got {followers}.");
        }

        if (averageViews < 0)
        {
            errors.Add(nameof(averageViews), "stats.negative", $"average views may not be negative, got {averageViews}.");
        }

        if (medianViews < 0)
        {
            errors.Add(nameof(medianViews), "stats.negative", $"median views may not be negative, got {medianViews}.");
        }

        if (engagementRate is { } rate && !(double.IsFinite(rate) && rate >= 0))
        {
            errors.Add(nameof(engagementRate), "stats.rate_out_of_range", $"the engagement rate must be a finite number of at least 0, got {Format(engagementRate)}.");
        }

        if (followerGrowthRate is { } growth && !(double.IsFinite(growth) && growth >= -1))
        {
            errors.Add(
                nameof(followerGrowthRate),
                "stats.rate_out_of_range",
                $"the follower growth rate must be a finite number of at least -1 (all followers lost), got {Format(followerGrowthRate)}.");
        }

        if (postsLast30Days < 0)
        {
            errors.Add(nameof(postsLast30Days), "stats.negative", $"posts in the last 30 days may not be negative, got {postsLast30Days}.");
        }

        if (viewsLast30Days < 0)
        {
            errors.Add(nameof(viewsLast30Days), "stats.negative", $"views in the last 30 days may not be negative, got {viewsLast30Days}.");
        }

        errors.ThrowIfAny();
        return new AccountStats(asOf, followers)
        {
            AverageViews = averageViews,
            MedianViews = medianViews,
            EngagementRate = engagementRate,
            FollowerGrowthRate = followerGrowthRate,
            PostsLast30Days = postsLast30Days,
            ViewsLast30Days = viewsLast30Days,
        };
    }

    private static string Format(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";
}
