using CreatorMarketplace.Metrics;

namespace CreatorMarketplace.Connectors.YouTube.Tests;

public sealed class PostMetricsTests : YouTubeTestBase
{
    [Fact]
    public async Task Fifty_videos_are_asked_in_one_call_and_each_snapshot_comes_back_in_the_order_asked()
    {
        var ids = Enumerable.Range(1, 50).Select(n => $"vid{n:00}").ToArray();
        Google.On(FakeYouTube.Videos, Answer.Items("video", string.Join(",", ids.Reverse().Select(id => Video(id)))));

        var metrics = (await Connector().GetPostMetricsAsync(Account, ids, default)).GetValueOrThrow();

        metrics.Select(snapshot => snapshot.PostId).ShouldBe(ids);
        var first = metrics[0];
        (first.Platform, first.Kind, first.PostedAt, first.CapturedAt).ShouldBe((Platform.YouTube, PostKind.Video, Instant.FromUtc(2026, 11, 20, 18, 30), Now));
        (first.Views, first.Likes, first.Comments, first.Shares, first.Saves).ShouldBe((1000L, 100L, 10L, null, null));
        var request = Google.Received.ShouldHaveSingleItem();
        request.Query.ShouldBe("?part=snippet,statistics,contentDetails&id=" + Uri.EscapeDataString(string.Join(",", ids)));
    }

    [Fact]
    public void More_than_fifty_videos_are_refused_before_anything_is_sent()
    {
        var connector = Connector();

        connector.MaxPostsPerMetricsCall.ShouldBe(50);
        Should.Throw<ArgumentException>(() => connector.GetPostMetricsAsync(Account, Enumerable.Range(0, 51).Select(n => $"v{n}").ToArray(), default))
            .Message.ShouldContain("at most 50");
        Google.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Likes_and_comments_the_owner_hides_stay_null_never_zero()
    {
        Google.On(FakeYouTube.Videos, Answer.Items("video", Video("v1", """{"viewCount":"1000","favoriteCount":"0"}""")));

        var snapshot = (await Connector().GetPostMetricsAsync(Account, ["v1"], default)).GetValueOrThrow().ShouldHaveSingleItem();

        (snapshot.Views, snapshot.Likes, snapshot.Comments).ShouldBe((1000L, null, null));
    }

    [Fact]
    public async Task A_video_YouTube_no_longer_has_is_left_out_and_one_not_asked_for_is_malformed()
    {
        Google.On(FakeYouTube.Videos, Answer.Items("video", Video("v1")), Answer.Items("video", Video("v1") + "," + Video("other")));

        var found = (await Connector().GetPostMetricsAsync(Account, ["v1", "gone"], default)).GetValueOrThrow();
        var unasked = await Connector().GetPostMetricsAsync(Account, ["v1"], default);

        found.ShouldHaveSingleItem().PostId.ShouldBe("v1");
        unasked.AsT5.Reason.ShouldBe("items[1].id: 'other' was not asked for, or came twice.");
    }

    [Fact]
    public async Task A_count_out_of_shape_is_malformed_data_naming_the_path()
    {
        Google.On(FakeYouTube.Videos, Answer.Items("video", Video("v1", """{"viewCount":"lots"}""")));

        var result = await Connector().GetPostMetricsAsync(Account, ["v1"], default);

        result.AsT5.Reason.ShouldBe("items[0].statistics.viewCount: expected a count as a string of digits, got \"lots\".");
    }
}
