using CreatorMarketplace.Metrics;
using FsCheck.Fluent;
using NodaTime;

namespace CreatorMarketplace.Tests.Metrics;

public class MetricsTests
{
    private static readonly Instant Posted = Instant.FromUtc(2027, 1, 10, 18, 0);

    private static PostMetrics Post(string id, long? views, long? likes, long? comments = 0, long? shares = 0, long? followers = 10_000, int daysAgo = 0, PostKind? kind = null, Platform? platform = null) => new()
    {
        PostId = id,
        Platform = platform ?? Platform.TikTok,
        Kind = kind ?? PostKind.Video,
        PostedAt = Posted - Duration.FromDays(daysAgo),
        CapturedAt = Posted + Duration.FromDays(7),
        Followers = followers,
        Views = views,
        Likes = likes,
        Comments = comments,
        Shares = shares,
    };

    private static readonly PostMetrics[] Posts =
    [
        Post("a", views: 10_000, likes: 800, comments: 100, shares: 100, followers: 20_000, daysAgo: 2),
        Post("b", views: 1_000, likes: 300, comments: 0, shares: 0, followers: 20_000, daysAgo: 1),
        Post("c", views: null, likes: 50, comments: 5, shares: 5, followers: 20_000),
    ];

    [Fact]
    public void Each_engagement_rate_definition_gives_its_own_number()
    {
        EngagementRate.TikTokReport.Of(Posts).Value!.Value.ShouldBe(1_300d / 11_000d, 1e-12);
        EngagementRate.ModashAverage.Of(Posts).Value!.Value.ShouldBe(((800d + 300 + 50) / 3) / 5_500d, 1e-12);
        EngagementRate.ModashMedian.Of(Posts).Value!.Value.ShouldBe(300d / 20_000d, 1e-12);
        EngagementRate.Traackr.Of(Posts).Value!.Value.ShouldBe(1_360d / 60_000d, 1e-12);
        EngagementRate.Named("tiktok-report").ShouldBeSameAs(EngagementRate.TikTokReport);
        Should.Throw<ArgumentException>(() => EngagementRate.Named("average-of-averages"));
    }

    [Fact]
    public void HypeAuditor_takes_the_30_most_recent_posts()
    {
        var posts = Enumerable.Range(0, 40).Select(i => Post($"p{i}", views: 1_000, likes: i < 30 ? 100 : 0, daysAgo: i)).ToArray();

        EngagementRate.HypeAuditor.Of(posts).Value.ShouldBe(0.1);
        EngagementRate.TikTokReport.Of(posts).Value.ShouldBe(0.075);
    }

    [Fact]
    public void Missing_is_not_zero_and_nothing_divides_by_zero()
    {
        Post("x", views: 0, likes: 0).CompletionRate.IsDefined.ShouldBeFalse();
        Post("x", views: null, likes: 0).CompletionRate.IsKnown.ShouldBeFalse();
        EngagementRate.TikTokReport.Of([Post("x", views: null, likes: 10)]).ToString().ShouldBe("undefined");
        EngagementRate.TikTokReport.Of([Post("x", views: 100, likes: null)]).IsKnown.ShouldBeFalse();
        EngagementRate.ModashMedian.Of([]).Value.ShouldBeNull();
        CostMetrics.Cpv(Money.Of(100m, Currency.USD), 0).ToString().ShouldBe("undefined per view");
        CostMetrics.Cpm(Money.Of(100m, Currency.USD), null).IsDefined.ShouldBeFalse();
        CostMetrics.Roas(Money.Of(100m, Currency.USD), Money.Zero(Currency.USD)).IsDefined.ShouldBeFalse();
    }

    [Fact]
    public void Cost_metrics_are_cost_over_results()
    {
        var cost = Money.Of(1_500m, Currency.USD);

        CostMetrics.Cpm(cost, 300_000).ToString().ShouldBe("USD 5 per 1,000 impressions");
        CostMetrics.Cpv(cost, 120_000).ToString().ShouldBe("USD 0.0125 per view");
        CostMetrics.Cpa(cost, 40).Amount.ShouldBe(37.5m);
        CostMetrics.Roas(Money.Of(4_500m, Currency.USD), cost).Value.ShouldBe(3d);
        CostMetrics.Roi(Money.Of(4_500m, Currency.USD), cost).Value.ShouldBe(2d);
        Should.Throw<CurrencyMismatchException>(() => CostMetrics.Roas(Money.Of(1m, Currency.EUR), cost));
    }

    [Fact]
    public void Earned_media_value_follows_the_published_formula_per_kind_with_floor_and_cap()
    {
        var rates = EmvRates.Default;

        rates.Of(Post("v", views: 1_000_000, likes: 0)).ShouldBe(Money.Of(5_000m, Currency.USD));
        rates.Of(Post("s", views: null, likes: 9_000, comments: 500, shares: 500, kind: PostKind.Static, platform: Platform.Instagram)).ShouldBe(Money.Of(870m, Currency.USD));
        rates.Of(Post("st", views: null, likes: null, followers: 100_000, kind: PostKind.Story, platform: Platform.Instagram)).ShouldBe(Money.Of(30m, Currency.USD));
        rates.Of(Post("tiny", views: 10, likes: 0)).ShouldBe(Money.Of(25m, Currency.USD));
        rates.Of(Post("huge", views: 10_000_000_000_000, likes: 0)).ShouldBe(Money.Of(10_000_000m, Currency.USD));
        rates.Of(Post("nope", views: null, likes: 0)).ShouldBeNull();
        rates.Of(Post("x", views: 100, likes: 0, platform: Platform.Snapchat)).ShouldBeNull();
    }

    [Fact]
    public void A_snapshot_names_every_impossible_number()
    {
        var bad = Post("x", views: 100, likes: -1) with { CompletedViews = 101, CapturedAt = Posted - Duration.FromDays(1) };

        bad.Validate().Select(e => (e.Field, e.Code)).ShouldBe([
            ("CapturedAt", "metrics.captured_before_posting"),
            ("Likes", "metrics.negative"),
            ("CompletedViews", "metrics.part_exceeds_views"),
        ]);
    }

    [Fact]
    public void Organic_or_paid_plays_beyond_the_plays_negative_counts_by_source_or_in_ads_and_engagements_beyond_64_bits_are_refused()
    {
        var post = Post("p", views: 100, likes: 0) with
        {
            OrganicViews = 101,
            PaidViews = 400,
            ViewsBySource = new Dictionary<TrafficSource, long> { [TrafficSource.ForYou] = -50 },
            Ads = new AdMetrics(Impressions: -10, Clicks: 3, Conversions: -1, Spend: null, Revenue: null),
        };
        var huge = Post("q", views: long.MaxValue, likes: long.MaxValue, comments: 1, shares: 0);

        post.Validate().Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("ViewsBySource[ForYou]", "metrics.negative"),
            ("Ads.Impressions", "metrics.negative"),
            ("Ads.Conversions", "metrics.negative"),
            ("OrganicViews", "metrics.part_exceeds_views"),
            ("PaidViews", "metrics.part_exceeds_views"),
        ]);
        huge.Validate().ShouldHaveSingleItem().ShouldBe(new DomainError("Engagements", "metrics.engagements_too_large", $"likes, comments and shares add up to more than {long.MaxValue}."));
        (huge with { Comments = 0 }).Validate().ShouldBeEmpty();
    }

    [Fact]
    public void The_earned_media_value_of_a_count_too_large_for_money_is_the_cap()
    {
        var post = Post("p", views: long.MaxValue, likes: 0, platform: Platform.YouTube);

        EmvRates.Default.Of(post).ShouldBe(EmvRates.Default.CapPerPost);
    }

    [Property]
    public Property A_roll_up_is_the_ratio_of_the_raw_sums_never_the_mean_of_ratios(NonNegativeInt[] engagements, PositiveInt[] views)
    {
        var n = Math.Min(engagements.Length, views.Length);
        var ratios = Enumerable.Range(0, n).Select(i => Ratio.Of(engagements[i].Get, views[i].Get)).ToArray();

        var rollUp = Ratio.Sum(ratios);

        var expected = n == 0 ? (double?)null : engagements.Take(n).Sum(e => (double)e.Get) / views.Take(n).Sum(v => (double)v.Get);
        return (rollUp.Covered == n).Label("rollUp.Covered == n")
            .And((expected is null ? !rollUp.Ratio.IsKnown : Math.Abs(rollUp.Ratio.Value!.Value - expected.Value) <= 1e-12 * Math.Max(1, expected.Value)).Label("A roll up is the ratio of the raw sums never the mean of ratios (2)"));
    }

    [Property]
    public Property An_undefined_ratio_never_yields_nan_or_infinity(double numerator, double denominator) =>
        (Ratio.Of(numerator, denominator).Value is not { } value || double.IsFinite(value)).Label("Ratio.Of(numerator, denominator).Value is not { } value || double.IsFinite(value)");
}

public class PostMetricsHistoryTests
{
    private static readonly Instant Posted = Instant.FromUtc(2027, 1, 10, 18, 0);

    private static PostMetrics Snapshot(int hours, long? views) => new()
    {
        PostId = "7301",
        Platform = Platform.TikTok,
        Kind = PostKind.Video,
        PostedAt = Posted,
        CapturedAt = Posted + Duration.FromHours(hours),
        Views = views,
    };

    [Fact]
    public void Snapshots_only_move_forward_and_growth_is_measured_between_the_snapshots_in_force()
    {
        var history = new PostMetricsHistory("7301");

        history.Add(Snapshot(1, 1_000)).ShouldBeTrue();
        history.Add(Snapshot(24, 20_000)).ShouldBeTrue();
        history.Add(Snapshot(12, 5_000)).ShouldBeFalse();
        history.Add(Snapshot(48, null)).ShouldBeTrue();

        history.Latest!.Views.ShouldBeNull();
        history.AsOf(Posted + Duration.FromHours(30))!.Views.ShouldBe(20_000);
        history.Growth(m => m.Views, Posted + Duration.FromHours(2), Posted + Duration.FromHours(30)).ShouldBe(19_000);
        history.Growth(m => m.Views, Posted + Duration.FromHours(2), Posted + Duration.FromHours(50)).ShouldBeNull();
        history.Growth(m => m.Views, Posted, Posted + Duration.FromHours(30)).ShouldBeNull();
        Should.Throw<ArgumentException>(() => history.Growth(m => m.Views, Posted + Duration.FromHours(30), Posted + Duration.FromHours(2)))
            .ParamName.ShouldBe("from");
    }

    [Fact]
    public void A_snapshot_of_another_post_or_with_impossible_numbers_is_refused()
    {
        var history = new PostMetricsHistory("7301");

        Should.Throw<DomainValidationException>(() => history.Add(Snapshot(1, -5) with { PostId = "9999" }))
            .Errors.Select(e => e.Field).ShouldBe(["Views", "PostId"]);
        history.Snapshots.ShouldBeEmpty();
    }
}
