using CreatorMarketplace.Metrics;
using NodaTime;

namespace CreatorMarketplace.Connectors.Instagram.Tests;

public sealed class MetricsTests : InstagramTestBase
{
    [Fact]
    public async Task A_reel_gets_the_reel_metrics_mapped_and_its_watch_time()
    {
        Instagram.On(Graph.Media("r1"), Graph.MediaObject("r1", "REELS", "VIDEO", "2026-11-29T12:00:00+0000"));
        Instagram.On(Graph.MediaInsights("r1"), Graph.Insights("r1", ("reach", 900), ("views", 1500), ("likes", 120), ("comments", 14), ("saved", 30), ("shares", 9), ("ig_reels_avg_watch_time", 6400)));

        var metrics = (await Connector().GetPostMetricsAsync(Account, ["r1"], default)).GetValueOrThrow().ShouldHaveSingleItem();

        metrics.ShouldBe(new PostMetrics
        {
            PostId = "r1",
            Platform = Platform.Instagram,
            Kind = PostKind.Video,
            PostedAt = Instant.FromUtc(2026, 11, 29, 12, 0),
            CapturedAt = Now,
            Reach = 900,
            Views = 1500,
            Likes = 120,
            Comments = 14,
            Saves = 30,
            Shares = 9,
            AverageViewTime = Duration.FromMilliseconds(6400),
        });
        Instagram.To(Graph.MediaInsights("r1")).ShouldHaveSingleItem().Query.ShouldBe("?metric=" + InstagramConnector.ReelMetrics);
    }

    [Theory]
    [InlineData("IMAGE")]
    [InlineData("CAROUSEL_ALBUM")]
    public async Task Images_and_carousels_are_static_with_the_feed_metrics(string mediaType)
    {
        Instagram.On(Graph.Media("p1"), Graph.MediaObject("p1", "FEED", mediaType, "2026-11-20T08:00:00+0000"));
        Instagram.On(Graph.MediaInsights("p1"), Graph.Insights("p1", ("reach", 500), ("views", 700), ("saved", 12), ("shares", 2)));

        var metrics = (await Connector().GetPostMetricsAsync(Account, ["p1"], default)).GetValueOrThrow().ShouldHaveSingleItem();

        metrics.Kind.ShouldBe(PostKind.Static);
        metrics.Views.ShouldBe(700);
        metrics.Saves.ShouldBe(12);

        // Not in the insights: the media's own counts.
        metrics.Likes.ShouldBe(40);
        metrics.Comments.ShouldBe(3);
        metrics.AverageViewTime.ShouldBeNull();
        Instagram.To(Graph.MediaInsights("p1")).ShouldHaveSingleItem().Query.ShouldBe("?metric=" + InstagramConnector.FeedMetrics);
    }

    [Fact]
    public async Task A_story_within_24_hours_gets_the_story_metrics()
    {
        Instagram.On(Graph.Media("s1"), Graph.MediaObject("s1", "STORY", "IMAGE", Iso(Now - Duration.FromHours(23)), likes: null, comments: null));
        Instagram.On(Graph.MediaInsights("s1"), Graph.Insights("s1", ("reach", 80), ("views", 95), ("shares", 1)));

        var metrics = (await Connector().GetPostMetricsAsync(Account, ["s1"], default)).GetValueOrThrow().ShouldHaveSingleItem();

        metrics.Kind.ShouldBe(PostKind.Story);
        metrics.Views.ShouldBe(95);
        metrics.Likes.ShouldBeNull();
        Instagram.To(Graph.MediaInsights("s1")).ShouldHaveSingleItem().Query.ShouldBe("?metric=" + InstagramConnector.StoryMetrics);
    }

    [Fact]
    public async Task A_story_past_24_hours_is_not_asked_for_insights_and_its_numbers_are_not_reported()
    {
        Instagram.On(Graph.Media("s2"), Graph.MediaObject("s2", "STORY", "VIDEO", Iso(Now - Duration.FromHours(24)), likes: null, comments: null));

        var metrics = (await Connector().GetPostMetricsAsync(Account, ["s2"], default)).GetValueOrThrow().ShouldHaveSingleItem();

        metrics.Kind.ShouldBe(PostKind.Story);
        metrics.Views.ShouldBeNull();
        metrics.Reach.ShouldBeNull();
        metrics.Shares.ShouldBeNull();
        Instagram.To(Graph.MediaInsights("s2")).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_ad_is_not_asked_for_media_insights()
    {
        Instagram.On(Graph.Media("ad1"), Graph.MediaObject("ad1", "AD", "VIDEO", "2026-11-29T08:00:00+0000"));

        var metrics = (await Connector().GetPostMetricsAsync(Account, ["ad1"], default)).GetValueOrThrow().ShouldHaveSingleItem();

        metrics.Kind.ShouldBe(PostKind.Video);
        metrics.Views.ShouldBeNull();
        metrics.Likes.ShouldBe(40);
        Instagram.To(Graph.MediaInsights("ad1")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Too_few_viewers_for_insights_leaves_the_numbers_null_not_zero()
    {
        Instagram.On(Graph.Media("p2"), Graph.MediaObject("p2", "FEED", "IMAGE", "2026-11-29T08:00:00+0000", likes: null));
        Instagram.On(Graph.MediaInsights("p2"), Graph.Error(400, 10, "(#10) Not enough viewers for the media to show insights", type: "OAuthException"));

        var metrics = (await Connector().GetPostMetricsAsync(Account, ["p2"], default)).GetValueOrThrow().ShouldHaveSingleItem();

        metrics.Views.ShouldBeNull();
        metrics.Likes.ShouldBeNull();
        metrics.Comments.ShouldBe(3);
    }

    [Fact]
    public async Task Missing_metrics_stay_null_a_deleted_media_is_left_out_and_the_order_asked_is_kept()
    {
        Instagram.On(Graph.Media("a"), Graph.MediaObject("a", "FEED", "IMAGE", "2026-11-29T08:00:00+0000"));
        Instagram.On(Graph.MediaInsights("a"), Graph.Ok(new { data = Array.Empty<object>() }));
        Instagram.On(Graph.Media("gone"), Graph.Error(400, 100, "Unsupported get request. Object with ID 'gone' does not exist.", subcode: 33, type: "GraphMethodException"));
        Instagram.On(Graph.Media("b"), Graph.MediaObject("b", "REELS", "VIDEO", "2026-11-28T08:00:00+0000"));
        Instagram.On(Graph.MediaInsights("b"), Graph.Ok(new { data = new[] { new { name = "views", total_value = new { value = 77 } } } }));

        var metrics = (await Connector().GetPostMetricsAsync(Account, ["b", "gone", "a", "b"], default)).GetValueOrThrow();

        metrics.Select(snapshot => snapshot.PostId).ShouldBe(["b", "a"]);
        metrics[0].Views.ShouldBe(77);
        metrics[1].Views.ShouldBeNull();
        metrics[1].Reach.ShouldBeNull();
        metrics[1].Likes.ShouldBe(40);
    }

    [Theory]
    [InlineData(9223372036854775807L)]
    [InlineData(86400001L)]
    public async Task A_reel_watch_time_beyond_a_day_is_malformed_data_naming_the_path(long milliseconds)
    {
        Instagram.On(Graph.Media("r1"), Graph.MediaObject("r1", "REELS", "VIDEO", "2026-11-29T12:00:00+0000"));
        Instagram.On(Graph.MediaInsights("r1"), new Answer(200, $$"""{"data":[{"name":"ig_reels_avg_watch_time","values":[{"value":{{milliseconds}}}]}]}"""));

        var result = await Connector().GetPostMetricsAsync(Account, ["r1"], default);

        result.AsT5.Reason.ShouldBe($"data[0].values[0].value: an average watch time is at most a day in milliseconds, got {milliseconds}.");
    }

    [Theory]
    [InlineData("""{"data":[{"name":"views","values":[{"value":-4}]}]}""", "data[0].values[0].value: a count is never negative, got -4.")]
    [InlineData("""{"data":[{"name":"views","values":[{"value":"lots"}]}]}""", "data[0].values[0].value: expected a whole number, got a string.")]
    [InlineData("""{"data":[{"values":[{"value":1}]}]}""", "data[0].name is missing.")]
    [InlineData("""{"metrics":[]}""", "data is missing.")]
    [InlineData("""{"data":[{"name":"views","values":[{"value":5}]},{"name":"views","values":[{"value":900}]}]}""", "data[1].name: 'views' came twice.")]
    public async Task Insights_out_of_shape_are_malformed_data_naming_the_path(string body, string reason)
    {
        Instagram.On(Graph.Media("p3"), Graph.MediaObject("p3", "FEED", "IMAGE", "2026-11-29T08:00:00+0000"));
        Instagram.On(Graph.MediaInsights("p3"), new Answer(200, body));

        var result = await Connector().GetPostMetricsAsync(Account, ["p3"], default);

        result.AsT5.Reason.ShouldBe(reason);
    }

    [Fact]
    public async Task A_media_posted_after_now_breaks_a_rule_and_is_malformed()
    {
        Instagram.On(Graph.Media("f1"), Graph.MediaObject("f1", "FEED", "IMAGE", Iso(Now + Duration.FromHours(1))));
        Instagram.On(Graph.MediaInsights("f1"), Graph.Insights("f1", ("views", 1)));

        var result = await Connector().GetPostMetricsAsync(Account, ["f1"], default);

        result.AsT5.Reason.ShouldStartWith("timestamp: ");
        result.AsT5.Reason.ShouldContain("metrics.captured_before_posting");
    }

    [Fact]
    public async Task Verify_gives_the_caption_and_a_deleted_media_is_not_found()
    {
        Instagram.On(Graph.Media("p1"), Graph.MediaObject("p1", "FEED", "IMAGE", "2026-11-29T08:00:00+0000"));
        Instagram.On(Graph.Media("gone"), Graph.Error(400, 100, "Unsupported get request.", subcode: 33, type: "GraphMethodException"));
        var connector = Connector();

        var check = (await connector.VerifyPostAsync(Account, "p1", default)).GetValueOrThrow();
        var gone = await connector.VerifyPostAsync(Account, "gone", default);

        check.ShouldBe(new PostCheck("p1", Live: true, "New post #ad", BrandedContentFlag: null, Now));
        gone.AsT1.What.ShouldBe("post gone");
    }
}
