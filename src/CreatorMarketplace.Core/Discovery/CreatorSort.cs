using Ardalis.SmartEnum;

namespace CreatorMarketplace.Discovery;

/// <summary>How search results are ordered; ties are always broken by creator id, so paging is stable.</summary>
public sealed class CreatorSort : SmartEnum<CreatorSort, int>
{
    /// <summary>
    /// Best match first: with a keyword, a handle match ranks above a name match above a bio match; within a rank
    /// (and without a keyword) larger audiences come first.
    /// </summary>
    public static readonly CreatorSort Relevance = new(nameof(Relevance), 1);

    /// <summary>By follower count.</summary>
    public static readonly CreatorSort Followers = new(nameof(Followers), 2);

    /// <summary>By median views; creators whose median is unknown come last.</summary>
    public static readonly CreatorSort MedianViews = new(nameof(MedianViews), 3);

    /// <summary>By engagement rate; creators whose rate is unknown come last.</summary>
    public static readonly CreatorSort EngagementRate = new(nameof(EngagementRate), 4);

    /// <summary>
    /// By the query's <see cref="CreatorQuery.Score"/>, largest first unless ascending; creators it cannot rate come
    /// last.
    /// </summary>
    public static readonly CreatorSort Score = new(nameof(Score), 5);

    private CreatorSort(string name, int value)
        : base(name, value)
    {
    }
}
