namespace CreatorMarketplace.Connectors.YouTube.Tests;

public sealed class PostListTests : YouTubeTestBase
{
    private static string Item(string videoId, string published = "2026-11-20T18:30:00Z") => $$$"""
        {"kind":"youtube#playlistItem","etag":"e","id":"PLI{{{videoId}}}",
         "snippet":{"publishedAt":"2026-11-20T18:31:00Z","channelId":"{{{ChannelId}}}","title":"Video {{{videoId}}}","description":"","playlistId":"{{{UploadsPlaylist}}}","position":0,"resourceId":{"kind":"youtube#video","videoId":"{{{videoId}}}"}},
         "contentDetails":{"videoId":"{{{videoId}}}","videoPublishedAt":"{{{published}}}"}}
        """;

    [Fact]
    public async Task The_uploads_playlist_is_listed_page_by_page_following_the_page_token()
    {
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel()));
        Google.On(
            FakeYouTube.PlaylistItems,
            Answer.Items("playlistItem", Item("v3") + "," + Item("v2", "2026-11-19T08:00:00.000Z"), "\"nextPageToken\":\"EAAaBlBUOkNBSQ\","),
            Answer.Items("playlistItem", Item("v1", "2026-11-18T08:00:00+01:00")));

        var pages = await Connector(options => options.PageSize = 2).ListPostsAsync(Account, null, default).ToListAsync();

        pages.Count.ShouldBe(2);
        var first = pages[0].GetValueOrThrow();
        first.Posts.Select(post => post.Id).ShouldBe(["v3", "v2"]);
        first.Posts[0].PostedAt.ShouldBe(Instant.FromUtc(2026, 11, 20, 18, 30));
        first.Posts[0].Caption.ShouldBe("Video v3");
        first.Posts[0].Url.ShouldBe(new Uri("https://www.youtube.com/watch?v=v3"));
        first.Posts[1].PostedAt.ShouldBe(Instant.FromUtc(2026, 11, 19, 8, 0));
        first.NextCursor.ShouldBe("EAAaBlBUOkNBSQ");
        var last = pages[1].GetValueOrThrow();
        last.Posts.ShouldHaveSingleItem().PostedAt.ShouldBe(Instant.FromUtc(2026, 11, 18, 7, 0));
        last.HasMore.ShouldBeFalse();
        var asked = Google.To(FakeYouTube.PlaylistItems);
        asked[0].Query.ShouldBe($"?part=snippet,contentDetails&playlistId={UploadsPlaylist}&maxResults=2");
        asked[1].Query.ShouldBe($"?part=snippet,contentDetails&playlistId={UploadsPlaylist}&maxResults=2&pageToken=EAAaBlBUOkNBSQ");
    }

    [Fact]
    public async Task A_listing_resumes_from_a_cursor_it_gave()
    {
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel()));
        Google.On(FakeYouTube.PlaylistItems, Answer.Items("playlistItem", Item("v1")));

        var page = (await Connector().ListPostsAsync(Account, "EAAaBlBUOkNBSQ", default).ToListAsync()).ShouldHaveSingleItem().GetValueOrThrow();

        page.Posts.ShouldHaveSingleItem().Id.ShouldBe("v1");
        Google.To(FakeYouTube.PlaylistItems).ShouldHaveSingleItem().Query.ShouldEndWith("&pageToken=EAAaBlBUOkNBSQ");
    }

    [Fact]
    public async Task A_page_token_that_does_not_move_ends_the_listing_as_malformed_data()
    {
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel()));
        Google.On(FakeYouTube.PlaylistItems, Answer.Items("playlistItem", Item("v1"), "\"nextPageToken\":\"SAME\","));

        var pages = await Connector().ListPostsAsync(Account, "SAME", default).ToListAsync();

        pages.ShouldHaveSingleItem().AsT5.Reason.ShouldBe("nextPageToken: 'SAME' does not lead past the page asked for (SAME).");
    }

    [Fact]
    public async Task Page_tokens_that_go_round_in_a_circle_end_the_listing_as_malformed_data()
    {
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel()));
        Google.On(
            FakeYouTube.PlaylistItems,
            Answer.Items("playlistItem", Item("v2"), "\"nextPageToken\":\"PAGEB\","),
            Answer.Items("playlistItem", Item("v1"), "\"nextPageToken\":\"PAGEA\","),
            Answer.Items("playlistItem", Item("v2"), "\"nextPageToken\":\"PAGEB\","));

        var pages = await Connector().ListPostsAsync(Account, "PAGEA", default).Take(10).ToListAsync();

        pages.Count.ShouldBe(2);
        pages[1].AsT5.Reason.ShouldBe("nextPageToken: 'PAGEA' does not lead past the page asked for (PAGEB).");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a&key=x")]
    public void A_cursor_the_connector_did_not_give_is_refused(string cursor) =>
        Should.Throw<ArgumentException>(() => Connector().ListPostsAsync(Account, cursor, default));

    [Theory]
    [InlineData("20 Nov 2026")]
    [InlineData("9999-12-31T23:59:59-18:00")]
    public async Task A_time_out_of_shape_is_malformed_data_naming_the_path(string published)
    {
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel()));
        Google.On(FakeYouTube.PlaylistItems, Answer.Items("playlistItem", Item("v1", published)));

        var pages = await Connector().ListPostsAsync(Account, null, default).ToListAsync();

        pages.ShouldHaveSingleItem().AsT5.Reason.ShouldBe($"items[0].contentDetails.videoPublishedAt: '{published}' is not an RFC 3339 time.");
    }
}
