using System.Text.Json;
using CreatorMarketplace.Metrics;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

public sealed class PostMetricsTests : TikTokTestBase
{
    private static readonly Instant Posted = Instant.FromUtc(2026, 11, 20, 18, 0);

    [Fact]
    public async Task The_video_query_gives_one_checked_snapshot_per_video_found_in_the_order_asked()
    {
        TikTok.On(FakeTikTok.VideoQuery, Answer.Ok($$"""
            {"videos":[
              {"id":"v2","create_time":{{Posted.ToUnixTimeSeconds()}},"title":"Two","view_count":900,"like_count":90,"comment_count":9,"share_count":3},
              {"id":"v1","create_time":{{Posted.ToUnixTimeSeconds()}},"view_count":1000,"like_count":100}
            ]}
            """));

        var metrics = (await Connector().GetPostMetricsAsync(Account, ["v1", "v2", "gone", "v1"], default)).GetValueOrThrow();

        metrics.Select(snapshot => snapshot.PostId).ShouldBe(["v1", "v2"], "v1 asked first; 'gone' is no longer on TikTok");
        var v1 = metrics[0];
        v1.Platform.ShouldBe(Platform.TikTok);
        v1.Kind.ShouldBe(PostKind.Video);
        v1.PostedAt.ShouldBe(Posted);
        v1.CapturedAt.ShouldBe(Now);
        v1.Views.ShouldBe(1000);
        v1.Likes.ShouldBe(100);
        v1.Comments.ShouldBeNull("TikTok did not report it");
        v1.Shares.ShouldBeNull();
        v1.Engagements.ShouldBeNull();
        v1.Saves.ShouldBeNull();
        v1.Reach.ShouldBeNull();
        metrics[1].Engagements.ShouldBe(102);

        var request = TikTok.To(FakeTikTok.VideoQuery).ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Query.ShouldBe("?fields=id,create_time,title,video_description,share_url,view_count,like_count,comment_count,share_count");
        var ids = JsonDocument.Parse(request.Body).RootElement.GetProperty("filters").GetProperty("video_ids").EnumerateArray().Select(id => id.GetString());
        ids.ShouldBe(["v1", "v2", "gone"]);
    }

    [Fact]
    public async Task More_than_twenty_ids_is_a_programmer_error_naming_postIds()
    {
        var connector = Connector();
        var ids = Enumerable.Range(1, 21).Select(i => $"v{i}").ToArray();

        var error = await Should.ThrowAsync<ArgumentException>(async () => await connector.GetPostMetricsAsync(Account, ids, default));

        error.ParamName.ShouldBe("postIds");
        error.Message.ShouldContain("at most 20");
        connector.MaxPostsPerMetricsCall.ShouldBe(20);
        (await Should.ThrowAsync<ArgumentException>(async () => await connector.GetPostMetricsAsync(Account, ["v1", " "], default))).ParamName.ShouldBe("postIds");
        TikTok.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Twenty_ids_go_in_one_call_and_none_go_in_none()
    {
        TikTok.On(FakeTikTok.VideoQuery, Answer.Ok("""{"videos":[]}"""));
        var connector = Connector();

        (await connector.GetPostMetricsAsync(Account, [], default)).GetValueOrThrow().ShouldBeEmpty();
        TikTok.Received.ShouldBeEmpty();
        (await connector.GetPostMetricsAsync(Account, Enumerable.Range(1, 20).Select(i => $"v{i}").ToArray(), default)).GetValueOrThrow().ShouldBeEmpty();
        TikTok.Received.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("\"view_count\":-1", "data.videos[0].view_count: a count is never negative, got -1. (metrics.negative)")]
    [InlineData("\"share_count\":-7", "data.videos[0].share_count: a count is never negative, got -7. (metrics.negative)")]
    [InlineData("\"like_count\":\"12\"", "data.videos[0].like_count: expected a whole number, got a string.")]
    [InlineData("\"comment_count\":99999999999999999999", "data.videos[0].comment_count: expected a whole number, got 99999999999999999999.")]
    public async Task A_snapshot_breaking_a_rule_makes_the_call_malformed_naming_the_field(string field, string reason)
    {
        TikTok.On(FakeTikTok.VideoQuery, Answer.Ok($$"""{"videos":[{"id":"v1","create_time":{{Posted.ToUnixTimeSeconds()}},{{field}}}]}"""));

        var result = await Connector().GetPostMetricsAsync(Account, ["v1"], default);

        result.IsT5.ShouldBeTrue(result.ToString());
        result.AsT5.Reason.ShouldBe(reason);
    }

    [Fact]
    public async Task A_video_posted_after_now_is_malformed_naming_create_time()
    {
        TikTok.On(FakeTikTok.VideoQuery, Answer.Ok($$"""{"videos":[{"id":"v1","create_time":{{(Now + Duration.FromHours(1)).ToUnixTimeSeconds()}}}]}"""));

        var result = await Connector().GetPostMetricsAsync(Account, ["v1"], default);

        result.AsT5.Reason.ShouldStartWith("data.videos[0].create_time: numbers cannot be captured");
        result.AsT5.Reason.ShouldEndWith("(metrics.captured_before_posting)");
    }

    [Fact]
    public async Task A_video_not_asked_for_is_malformed()
    {
        TikTok.On(FakeTikTok.VideoQuery, Answer.Ok($$"""{"videos":[{"id":"other","create_time":{{Posted.ToUnixTimeSeconds()}}}]}"""));

        var result = await Connector().GetPostMetricsAsync(Account, ["v1"], default);

        result.AsT5.Reason.ShouldBe("data.videos[0].id: 'other' was not asked for, or came twice.");
    }
}
