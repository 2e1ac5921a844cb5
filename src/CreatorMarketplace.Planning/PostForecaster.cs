using System.Globalization;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Scoring;
using MathNet.Numerics.Distributions;
using NodaTime;

namespace CreatorMarketplace.Planning;

/// <summary>
/// Forecasts the views or engagements a creator's next post of a kind reaches once settled, with a prediction
/// interval: log-normal on the creator's recent settled posts of that kind (the t-based interval of a new observation), or, with fewer
/// than <see cref="MinimumPosts"/> such posts, log-normal fitted to her peers' settled posts. The formulas and their
/// sources are in docs/planning.md.
/// </summary>
public static class PostForecaster
{
    /// <summary>The fewest settled posts of the kind a forecast rests on the creator's own history with: 8.</summary>
    public const int MinimumPosts = 8;

    /// <summary>The most recent settled posts of the kind a forecast reads: 30.</summary>
    public const int MaximumPosts = 30;

    /// <summary>The probability a prediction interval holds the post's count unless told otherwise: 0.8.</summary>
    public const double DefaultLevel = 0.8;

    /// <summary>
    /// How long after going live a post's numbers count as settled: 30 days. A younger post's are still rising and
    /// would pull the forecast down.
    /// </summary>
    public static Duration SettledAfter { get; } = Duration.FromDays(30);

    /// <summary>Forecasts the views or engagements of a creator's next post of a kind.</summary>
    /// <param name="history">The creator's posts, each with its snapshots; posts of other kinds, unsettled or without the count are left out.</param>
    /// <param name="kind">The kind of post the deliverable is.</param>
    /// <param name="metric">What to forecast.</param>
    /// <param name="peers">Benchmarks of the count per settled post among peers (<see cref="PeerPosts"/>), for a creator with fewer than <see cref="MinimumPosts"/> posts; null for none.</param>
    /// <param name="group">The creator's peer group in <paramref name="peers"/>.</param>
    /// <param name="price">The price of the post, to give the cost per view or engagement; null for none.</param>
    /// <param name="level">The probability the interval holds the post's count, above 0 and below 1; 0.8 unless given.</param>
    /// <returns>The forecast.</returns>
    /// <exception cref="DomainValidationException">An input breaks a rule, or there is too little to forecast from; every error names its field.</exception>
    public static PostForecast Forecast(IReadOnlyList<PostMetricsHistory> history, PostKind kind, ForecastMetric metric, PeerBenchmarks? peers = null, PeerGroup? group = null, Money? price = null, double level = DefaultLevel)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(metric);
        var errors = new ErrorCollector();
        errors.Require(history is not null, nameof(history), "planning.history_required", "a forecast needs the creator's posts, empty if she has none.");
        errors.Require(double.IsFinite(level) && level is > 0d and < 1d, nameof(level), "planning.level_invalid", $"the interval's level is a finite number above 0 and below 1, got {level.ToString(CultureInfo.InvariantCulture)}.");
        // default(Money) has no currency to read: it equals only itself.
        if (price is { } cost && errors.Require(cost != default, nameof(price), "planning.price_without_currency", "the price is an amount in a currency, not default(Money), which has none."))
        {
            errors.Require(cost.Amount >= 0m, nameof(price), "planning.price_negative", $"the price is zero or more, got {cost}.");
        }

        errors.ThrowIfAny();
        var posts = Settled(history!, kind, metric).OrderByDescending(post => post.PostedAt).ToList();
        if (posts.Count >= MinimumPosts)
        {
            return FromHistory(metric, posts.Take(MaximumPosts).ToList(), posts.Count, level, price);
        }

        var quartiles = group is { } known ? peers?.QuartilesOf(known) : null;
        errors.Require(quartiles is { Count: >= MinimumPosts }, nameof(peers), "planning.history_too_thin", $"the creator has {posts.Count} settled {kind.Name.ToLowerInvariant()} posts with {metric.Name}, fewer than the {MinimumPosts} a forecast needs, and her peer group has {quartiles?.Count ?? 0}.");
        errors.ThrowIfAny();
        return FromPeers(metric, quartiles!, group!.Value, posts.Count, level, price);
    }

    /// <summary>
    /// Benchmarks of a count per settled post, one value per post, each in its creator's peer group: what
    /// <see cref="Forecast"/> falls back on for a creator with too few posts.
    /// </summary>
    /// <param name="posts">Peers' posts, each with its creator's group.</param>
    /// <param name="kind">The kind of post.</param>
    /// <param name="metric">What to count.</param>
    /// <returns>The benchmarks.</returns>
    public static PeerBenchmarks PeerPosts(IEnumerable<(PeerGroup Group, PostMetricsHistory Post)> posts, PostKind kind, ForecastMetric metric)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(metric);
        return PeerBenchmarks.Build(posts.SelectMany(peer => Settled([peer.Post], kind, metric).Select(post => (peer.Group, (double?)post.Count))));
    }

    // The newest snapshot of each post of the kind captured SettledAfter or more after it went live, with its count.
    private static IEnumerable<(Instant PostedAt, long Count)> Settled(IEnumerable<PostMetricsHistory> history, PostKind kind, ForecastMetric metric) =>
        history
            .Select(post => post?.Latest)
            .Where(latest => latest is not null && latest.Kind == kind && latest.CapturedAt - latest.PostedAt >= SettledAfter)
            .Select(latest => (latest!.PostedAt, Count: metric.Count(latest)))
            .Where(post => post.Count is not null)
            .Select(post => (post.PostedAt, post.Count!.Value));

    private static PostForecast FromHistory(ForecastMetric metric, List<(Instant PostedAt, long Count)> posts, int settled, double level, Money? price)
    {
        // ln(1 + count) keeps a post with none in the model; the +1 is negligible for any post worth forecasting.
        var logs = posts.Select(post => double.LogP1(post.Count)).ToArray();
        var n = logs.Length;
        var mean = logs.Average();
        var deviation = Math.Sqrt(logs.Sum(log => (log - mean) * (log - mean)) / (n - 1));
        var t = StudentT.InvCDF(0d, 1d, n - 1, 1d - ((1d - level) / 2d));
        var half = t * deviation * Math.Sqrt(1d + (1d / n));
        var method = string.Create(CultureInfo.InvariantCulture, $"log-normal on the creator's {n} most recent settled posts: ln(1 + {metric.Name}) has mean {mean:0.###} and standard deviation {deviation:0.###}; the interval is mean ± t({n - 1}) × sd × √(1 + 1/{n})");
        return Build(metric, mean, mean - half, mean + half, level, price, ForecastBasis.CreatorHistory, n, settled, new NodaTime.Interval(posts[^1].PostedAt, posts[0].PostedAt), null, method);
    }

    private static PostForecast FromPeers(ForecastMetric metric, Quartiles quartiles, PeerGroup group, int settled, double level, Money? price)
    {
        // A log-normal's quartiles sit at μ ± 0.674σ, so the log quartiles give its location and spread.
        var median = double.LogP1(quartiles.P50);
        var deviation = (double.LogP1(quartiles.P75) - double.LogP1(quartiles.P25)) / (2d * Statistics.Z(0.75));
        var half = Statistics.TwoSidedZ(level) * deviation; // finite for every level below 1, so no ∞ · 0 when σ is 0
        var method = string.Create(CultureInfo.InvariantCulture, $"log-normal fitted to the quartiles of {quartiles.Count} settled posts of peers {group} (the creator has {settled}, fewer than {MinimumPosts}): ln(1 + {metric.Name}) has median {median:0.###} and standard deviation {deviation:0.###}; the interval is median ± z × sd");
        return Build(metric, median, median - half, median + half, level, price, ForecastBasis.PeerBenchmark, quartiles.Count, settled, null, group, method);
    }

    private static PostForecast Build(ForecastMetric metric, double centre, double lower, double upper, double level, Money? price, ForecastBasis basis, int posts, int settled, NodaTime.Interval? window, PeerGroup? group, string method)
    {
        var expected = new Interval(Whole(centre), Whole(lower), Whole(upper));
        var costPerResult = price is { } cost ? CostInterval.Of(cost, expected, metric.Cost) : (CostInterval?)null;
        return new PostForecast(metric, expected, level, costPerResult, basis, posts, settled, window, group, method);
    }

    // Back from ln(1 + count) to a whole count, never below none, and within a long so that a cost can divide by it.
    private static double Whole(double log) => Math.Clamp(Math.Round(double.ExpM1(log)), 0d, 1e18);
}
