namespace CreatorMarketplace.Metrics;

/// <summary>
/// One named, versioned definition of engagement rate. The industry computes it in several ways that give
/// different numbers for the same creator; each is kept apart, with its source, so a report says which it uses.
/// </summary>
public sealed class EngagementRate
{
    private readonly Func<IReadOnlyList<PostMetrics>, Ratio> _compute;

    private EngagementRate(string name, int version, string formula, string source, Func<IReadOnlyList<PostMetrics>, Ratio> compute)
    {
        Name = name;
        Version = version;
        Formula = formula;
        Source = source;
        _compute = compute;
    }

    /// <summary>TikTok's report: (likes + comments + shares) ÷ views, summed over the posts given.</summary>
    public static EngagementRate TikTokReport { get; } = new(
        "tiktok-report", 1, "(likes + comments + shares) ÷ views", "TikTok analytics",
        posts => Ratio.Sum(posts.Select(p => Ratio.Of(p.Engagements, p.Views))).Ratio);

    /// <summary>HypeAuditor (TikTok): (likes + comments + shares) ÷ views over the 30 most recent posts.</summary>
    public static EngagementRate HypeAuditor { get; } = new(
        "hypeauditor-tiktok", 1, "Σ(likes + comments + shares) ÷ Σviews over the last 30 posts", "HypeAuditor",
        posts => Ratio.Sum(posts.OrderByDescending(p => p.PostedAt).Take(30).Select(p => Ratio.Of(p.Engagements, p.Views))).Ratio);

    /// <summary>Modash (TikTok, YouTube): average likes ÷ average views, each over the posts that report it.</summary>
    public static EngagementRate ModashAverage { get; } = new(
        "modash-average", 1, "mean(likes) ÷ mean(views)", "Modash",
        posts => Ratio.Of(Mean(posts.Select(p => p.Likes)), Mean(posts.Select(p => p.Views))));

    /// <summary>Modash (Instagram): median likes ÷ followers (the newest follower count reported).</summary>
    public static EngagementRate ModashMedian { get; } = new(
        "modash-median", 1, "median(likes) ÷ followers", "Modash",
        posts => Ratio.Of(Median(posts.Select(p => p.Likes)), posts.OrderByDescending(p => p.CapturedAt).Select(p => p.Followers).FirstOrDefault(f => f is not null)));

    /// <summary>Traackr: total engagements ÷ potential reach (the sum of the followers at each post).</summary>
    public static EngagementRate Traackr { get; } = new(
        "traackr", 1, "Σ(likes + comments + shares) ÷ Σfollowers", "Traackr",
        posts => Ratio.Sum(posts.Select(p => Ratio.Of(p.Engagements, p.Followers))).Ratio);

    /// <summary>Every definition, to choose from.</summary>
    public static IReadOnlyList<EngagementRate> All { get; } = [TikTokReport, HypeAuditor, ModashAverage, ModashMedian, Traackr];

    /// <summary>The definition's name, for example <c>tiktok-report</c>.</summary>
    public string Name { get; }

    /// <summary>The definition's version; a changed formula gets a new version, never a silent change.</summary>
    public int Version { get; }

    /// <summary>The formula, in words.</summary>
    public string Formula { get; }

    /// <summary>Who publishes it.</summary>
    public string Source { get; }

    /// <summary>The definition with a name.</summary>
    /// <param name="name">The name, for example <c>traackr</c>.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentException">No definition has that name.</exception>
    public static EngagementRate Named(string name) =>
        All.FirstOrDefault(definition => definition.Name == name)
        ?? throw DomainValidationException.Of(nameof(name), "metrics.unknown_engagement_rate", $"no engagement-rate definition is named {ErrorText.Quote(name)}; there are {string.Join(", ", All.Select(d => d.Name))}.");

    /// <summary>Computes the rate over a creator's posts (the newest snapshot of each).</summary>
    /// <param name="posts">The posts.</param>
    /// <returns>The rate; undefined when the numbers it needs were not reported or the denominator is zero.</returns>
    public Ratio Of(IReadOnlyList<PostMetrics> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        return _compute(posts);
    }

    /// <summary>Formats the definition, for example <c>"tiktok-report v1: (likes + comments + shares) ÷ views (TikTok analytics)"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name} v{Version}: {Formula} ({Source})";

    private static double? Mean(IEnumerable<long?> values)
    {
        var known = values.OfType<long>().ToArray();
        return known.Length == 0 ? null : known.Average(v => (double)v);
    }

    private static double? Median(IEnumerable<long?> values)
    {
        var known = values.OfType<long>().Select(v => (double)v).Order().ToArray();
        return known.Length == 0 ? null : Quantile.Of(known, 0.5);
    }
}
