using System.Globalization;
using Ardalis.SmartEnum;
using CreatorMarketplace.Connectors;
using CreatorMarketplace.Metrics;

namespace CreatorMarketplace.Testing;

/// <summary>How a <see cref="SimulatedPlatform"/> behaves: its paging, its rate budget, its posts and its faults.</summary>
public sealed record SimulatedPlatformOptions
{
    /// <summary>The most posts in one page of <see cref="SimulatedPlatform.ListPostsAsync"/>, 1 to 1,000; 20 unless set (TikTok's largest page).</summary>
    public int PageSize { get; init; } = 20;

    /// <summary>
    /// The calls the platform answers within any simulated minute, one or more; 600 unless set (TikTok's limit).
    /// Calls beyond it are <see cref="RateLimited"/> until the oldest call of the minute is a minute old.
    /// </summary>
    public int RequestsPerMinute { get; init; } = 600;

    /// <summary>How far before an account's numbers were read its posts reach back, zero to ten years; 90 days unless set.</summary>
    public Duration History { get; init; } = Duration.FromDays(90);

    /// <summary>The share of posts that are paid, 0 to 1; 0.15 unless set. Most of them carry a disclosure hashtag, some the branded-content flag.</summary>
    public double SponsoredShare { get; init; } = 0.15;

    /// <summary>The share of posts the platform takes down an hour to a week after they went live, 0 to 1; none unless set.</summary>
    public double TakenDownShare { get; init; }

    /// <summary>
    /// On Instagram, the share of posts that are stories, 0 to 1: seen within a day, by fewer, without likes or saves
    /// reported. None unless set (and none on other platforms), so that a seed gives the posts it always gave.
    /// </summary>
    public double StoryShare { get; init; }

    /// <summary>
    /// The calls the platform answers in a day, as YouTube's daily quota; null (no quota) unless set. Calls beyond it
    /// are <see cref="RateLimited"/> until the quota resets at midnight, Pacific time, as YouTube's does.
    /// </summary>
    public int? DailyQuota { get; init; }

    /// <summary>How often each fault happens by chance; none unless set.</summary>
    public SimulatedFaultRates FaultRates { get; init; } = SimulatedFaultRates.None;

    /// <summary>The first option out of range, as a rule naming it; null when every option is valid.</summary>
    internal string? Problem()
    {
        if (PageSize is < 1 or > 1_000)
        {
            return $"PageSize is 1 to 1,000, got {PageSize}.";
        }

        if (RequestsPerMinute < 1)
        {
            return $"RequestsPerMinute is at least 1, got {RequestsPerMinute}.";
        }

        if (History < Duration.Zero || History > Duration.FromDays(3_660))
        {
            return $"History is zero to ten years, got {History}.";
        }

        if (!IsShare(SponsoredShare) || !IsShare(TakenDownShare))
        {
            return $"SponsoredShare and TakenDownShare are 0 to 1, got {Format(SponsoredShare)} and {Format(TakenDownShare)}.";
        }

        if (!IsShare(StoryShare))
        {
            return $"StoryShare is 0 to 1, got {Format(StoryShare)}.";
        }

        if (DailyQuota < 1)
        {
            return $"DailyQuota is at least 1, got {DailyQuota}.";
        }

        if (FaultRates is null)
        {
            return "FaultRates is required (SimulatedFaultRates.None for none).";
        }

        foreach (var (fault, rate) in FaultRates.All)
        {
            if (!IsShare(rate))
            {
                return $"FaultRates.{fault.Name} is 0 to 1, got {Format(rate)}.";
            }
        }

        var total = FaultRates.All.Sum(pair => pair.Rate);
        // A little room for the rounding of sums such as 0.1 + 0.2 + 0.7.
        return total <= 1 + 1e-9 ? null : $"the FaultRates add up to at most 1, got {Format(total)}.";
    }

    private static bool IsShare(double value) => double.IsFinite(value) && value is >= 0 and <= 1;

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The chance, 0 to 1, that a call meets each fault; together at most 1. Which calls meet one is decided by the
/// seed, the account, the kind of call and how many calls of that kind the account made before, so a run repeats
/// exactly.
/// </summary>
public sealed record SimulatedFaultRates
{
    /// <summary>No faults.</summary>
    public static SimulatedFaultRates None { get; } = new();

    /// <summary>The chance of <see cref="SimulatedFault.RateLimited"/>.</summary>
    public double RateLimited { get; init; }

    /// <summary>The chance of <see cref="SimulatedFault.Timeout"/>.</summary>
    public double Timeout { get; init; }

    /// <summary>The chance of <see cref="SimulatedFault.ServerError"/>.</summary>
    public double ServerError { get; init; }

    /// <summary>The chance of <see cref="SimulatedFault.TokenExpired"/>.</summary>
    public double TokenExpired { get; init; }

    /// <summary>The chance of <see cref="SimulatedFault.MalformedData"/>.</summary>
    public double MalformedData { get; init; }

    /// <summary>The chance of <see cref="SimulatedFault.CorruptNumbers"/>, for post metrics calls only.</summary>
    public double CorruptNumbers { get; init; }

    /// <summary>Each fault with its chance, in the order a call's draw meets them.</summary>
    internal IEnumerable<(SimulatedFault Fault, double Rate)> All =>
    [
        (SimulatedFault.RateLimited, RateLimited), (SimulatedFault.Timeout, Timeout), (SimulatedFault.ServerError, ServerError),
        (SimulatedFault.TokenExpired, TokenExpired), (SimulatedFault.MalformedData, MalformedData), (SimulatedFault.CorruptNumbers, CorruptNumbers),
    ];
}

/// <summary>A fault the simulated platform can give, and the outcome it takes.</summary>
public sealed class SimulatedFault : SmartEnum<SimulatedFault, int>
{
    /// <summary><see cref="Connectors.RateLimited"/>, retry after 1 to 60 seconds (the rate budget gives it too).</summary>
    public static readonly SimulatedFault RateLimited = new(nameof(RateLimited), 1);

    /// <summary>The platform did not answer in time: <see cref="PlatformError"/> <c>timeout</c>, retryable.</summary>
    public static readonly SimulatedFault Timeout = new(nameof(Timeout), 2);

    /// <summary>The platform failed: <see cref="PlatformError"/> <c>internal_error</c>, retryable.</summary>
    public static readonly SimulatedFault ServerError = new(nameof(ServerError), 3);

    /// <summary>
    /// The account's token expires: this call and every later one for the account are <see cref="Unauthorized"/>
    /// until <see cref="SimulatedPlatform.Reconnect"/>.
    /// </summary>
    public static readonly SimulatedFault TokenExpired = new(nameof(TokenExpired), 4);

    /// <summary>The answer is not in the documented shape: <see cref="Connectors.MalformedData"/> naming the field.</summary>
    public static readonly SimulatedFault MalformedData = new(nameof(MalformedData), 5);

    /// <summary>
    /// For post metrics calls only: the call succeeds, but one snapshot's numbers break their rules (likes above
    /// views, and a part above its whole, a negative count or a capture before the post), so that
    /// <see cref="PostMetrics.Validate"/> names a problem. It is the consumer's own check that must catch it.
    /// </summary>
    public static readonly SimulatedFault CorruptNumbers = new(nameof(CorruptNumbers), 6);

    private SimulatedFault(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>A kind of call to the simulated platform, for counting calls and aiming faults.</summary>
public sealed class SimulatedCall : SmartEnum<SimulatedCall, int>
{
    /// <summary><see cref="SimulatedPlatform.GetProfileAsync"/>.</summary>
    public static readonly SimulatedCall Profile = new(nameof(Profile), 1);

    /// <summary><see cref="SimulatedPlatform.GetAudienceAsync"/>.</summary>
    public static readonly SimulatedCall Audience = new(nameof(Audience), 2);

    /// <summary>One page of <see cref="SimulatedPlatform.ListPostsAsync"/>: each page is a call.</summary>
    public static readonly SimulatedCall ListPosts = new(nameof(ListPosts), 3);

    /// <summary><see cref="SimulatedPlatform.GetPostMetricsAsync"/>.</summary>
    public static readonly SimulatedCall PostMetrics = new(nameof(PostMetrics), 4);

    /// <summary><see cref="SimulatedPlatform.VerifyPostAsync"/>.</summary>
    public static readonly SimulatedCall VerifyPost = new(nameof(VerifyPost), 5);

    private SimulatedCall(string name, int value)
        : base(name, value)
    {
    }
}
