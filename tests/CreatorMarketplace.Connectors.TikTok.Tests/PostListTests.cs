using System.Text.Json;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

public sealed class PostListTests : TikTokTestBase
{
    private static readonly Instant Posted = Instant.FromUtc(2026, 11, 1, 9, 30);

    [Fact]
    public async Task The_listing_follows_TikToks_cursor_over_every_page_until_has_more_is_false()
    {
        TikTok.On(
            FakeTikTok.VideoList,
            Answer.Ok(Page(1700000003000, true, Video("v5", 0, "Fifth", "desc five"), Video("v4", 1, "Fourth", ""))),
            Answer.Ok(Page(1700000001000, true, Video("v3", 2, "Third", null))),
            Answer.Ok(Page(0, false, Video("v2", 3, null, null), Video("v1", 4, "First", "desc one"))));

        var pages = await Connector().ListPostsAsync(Account, null, default).ToListAsync();

        pages.Count.ShouldBe(3);
        pages.ShouldAllBe(page => page.Succeeded);
        pages.Select(page => page.AsT0.NextCursor).ShouldBe(["1700000003000", "1700000001000", null]);
        pages[2].AsT0.HasMore.ShouldBeFalse();
        var posts = pages.SelectMany(page => page.AsT0.Posts).ToList();
        posts.Select(post => post.Id).ShouldBe(["v5", "v4", "v3", "v2", "v1"]);
        posts[0].ShouldBe(new PlatformPost("v5", Posted, "desc five", new Uri("https://www.tiktok.com/@jane.doe/video/v5")));
        posts[1].Caption.ShouldBe("Fourth", "the title stands in for an empty description");
        posts[3].Caption.ShouldBeNull();
        posts[4].PostedAt.ShouldBe(Posted - Duration.FromDays(4));

        var bodies = TikTok.To(FakeTikTok.VideoList).Select(request => JsonDocument.Parse(request.Body).RootElement).ToList();
        bodies.Count.ShouldBe(3);
        bodies[0].GetProperty("max_count").GetInt32().ShouldBe(20);
        bodies[0].TryGetProperty("cursor", out _).ShouldBeFalse();
        bodies[1].GetProperty("cursor").GetInt64().ShouldBe(1700000003000);
        bodies[2].GetProperty("cursor").GetInt64().ShouldBe(1700000001000);
        TikTok.To(FakeTikTok.VideoList)[0].Query.ShouldBe("?fields=id,create_time,title,video_description,share_url");
        TikTok.To(FakeTikTok.VideoList)[0].ContentType.ShouldBe("application/json; charset=utf-8");
    }

    [Fact]
    public async Task A_listing_resumes_from_a_cursor_with_the_page_size_asked()
    {
        TikTok.On(FakeTikTok.VideoList, Answer.Ok(Page(0, false, Video("v1", 0, "One", null))));

        var page = (await Connector(options => options.PageSize = 5).ListPostsAsync(Account, "1700000001000", default).SingleAsync()).GetValueOrThrow();

        page.Posts.ShouldHaveSingleItem().Id.ShouldBe("v1");
        var body = JsonDocument.Parse(TikTok.To(FakeTikTok.VideoList).ShouldHaveSingleItem().Body).RootElement;
        body.GetProperty("cursor").GetInt64().ShouldBe(1700000001000);
        body.GetProperty("max_count").GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task A_listing_ends_after_its_first_failure_and_the_last_page_tells_where_to_resume()
    {
        TikTok.On(
            FakeTikTok.VideoList,
            Answer.Ok(Page(1700000003000, true, Video("v5", 0, "Fifth", null))),
            Answer.Error(400, "invalid_params", "cursor out of range"));

        var pages = await Connector().ListPostsAsync(Account, null, default).ToListAsync();

        pages.Count.ShouldBe(2);
        pages[0].AsT0.NextCursor.ShouldBe("1700000003000");
        pages[1].AsT4.ShouldBe(new PlatformError("invalid_params", $"cursor out of range (log id {Answer.LogId})", Retryable: false));
    }

    [Fact]
    public async Task A_cursor_that_leads_back_to_a_page_already_listed_ends_the_listing_as_malformed()
    {
        // null, then 3000, 2000, 3000: each differs from the cursor asked, yet the listing would go round for ever.
        TikTok.On(
            FakeTikTok.VideoList,
            [.. Enumerable.Range(0, 12).Select(i => Answer.Ok(Page(i % 2 == 0 ? 1700000003000 : 1700000002000, true, Video($"v{i}", i, "Post", null))))]);

        var pages = await Connector().ListPostsAsync(Account, null, default).Take(12).ToListAsync();

        pages.Count.ShouldBe(3);
        pages.Take(2).Select(page => page.AsT0.NextCursor).ShouldBe(["1700000003000", "1700000002000"]);
        pages[2].AsT5.Reason.ShouldBe("data.cursor: 1700000003000 does not lead past the pages listed (1700000002000 was asked for) while has_more is true.");
    }

    [Theory]
    [InlineData("""{"videos":[],"has_more":true,"cursor":1700000001000}""", "data.cursor: 1700000001000 does not lead past the pages listed (1700000001000 was asked for) while has_more is true.")]
    [InlineData("""{"videos":[],"has_more":true}""", "data.cursor is missing.")]
    [InlineData("""{"videos":[{"id":"v1"}],"has_more":false}""", "data.videos[0].create_time is missing.")]
    [InlineData("""{"videos":[{"id":7,"create_time":1}],"has_more":false}""", "data.videos[0].id: expected a string, got a number.")]
    [InlineData("""{"videos":[{"id":"v1","create_time":1,"share_url":"not a url"}],"has_more":false}""", "data.videos[0].share_url: expected an absolute http or https address.")]
    [InlineData("""{"videos":{},"has_more":false}""", "data.videos: expected an array, got an object.")]
    [InlineData("""{"videos":[]}""", "data.has_more is missing.")]
    public async Task A_page_out_of_shape_is_malformed_naming_the_path(string data, string reason)
    {
        TikTok.On(FakeTikTok.VideoList, Answer.Ok(data));

        var page = await Connector().ListPostsAsync(Account, "1700000001000", default).SingleAsync();

        page.IsT5.ShouldBeTrue(page.ToString());
        page.AsT5.Reason.ShouldBe(reason);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("")]
    public void A_cursor_this_connector_did_not_give_is_refused_at_once(string cursor)
    {
        Should.Throw<ArgumentException>(() => Connector().ListPostsAsync(Account, cursor, default)).ParamName.ShouldBe("cursor");
    }

    private static string Page(long cursor, bool hasMore, params string[] videos) =>
        $$"""{"videos":[{{string.Join(",", videos)}}],"cursor":{{cursor}},"has_more":{{(hasMore ? "true" : "false")}}}""";

    private static string Video(string id, int daysBefore, string? title, string? description) =>
        $$"""{"id":"{{id}}","create_time":{{(Posted - Duration.FromDays(daysBefore)).ToUnixTimeSeconds()}},"title":{{Quote(title)}},"video_description":{{Quote(description)}},"share_url":"https://www.tiktok.com/@jane.doe/video/{{id}}"}""";

    private static string Quote(string? text) => text is null ? "null" : JsonSerializer.Serialize(text);
}
