using NodaTime;

namespace CreatorMarketplace.Connectors.Instagram.Tests;

public sealed class ProfileAndPagingTests : InstagramTestBase
{
    [Fact]
    public async Task The_user_fields_become_the_profile_and_what_Instagram_does_not_give_stays_null()
    {
        Instagram.On(Graph.User, Graph.Profile());

        var profile = (await Connector().GetProfileAsync(Account, default)).GetValueOrThrow();

        profile.DisplayName.ShouldBe("Jane Doe");
        profile.Bio.ShouldBe("Travel and food.");
        profile.Stats!.Followers.ShouldBe(12_500);
        profile.Stats.AsOf.ShouldBe(Now);
        profile.Following.ShouldBe(310);
        profile.Posts.ShouldBe(128);
        profile.Likes.ShouldBeNull();
        profile.Verified.ShouldBeNull();
        var request = Instagram.Received.ShouldHaveSingleItem();
        request.Query.ShouldBe("?fields=" + InstagramConnector.UserFields);
        request.Authorization.ShouldBe($"Bearer {AccessToken}");
    }

    [Theory]
    [InlineData("""{"username":"jane"}""", "followers_count is missing.")]
    [InlineData("""{"username":"jane","followers_count":-1}""", "followers_count: followers may not be negative, got -1. (stats.negative)")]
    [InlineData("""{"username":"jane","followers_count":10,"media_count":-2}""", "media_count: a count is never negative, got -2.")]
    [InlineData("""{"followers_count":10}""", "username is missing.")]
    [InlineData("""[1,2]""", "the response is not a JSON object.")]
    public async Task A_profile_out_of_shape_is_malformed_data_naming_the_path(string body, string reason)
    {
        Instagram.On(Graph.User, new Answer(200, body));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT5.Reason.ShouldBe(reason);
    }

    [Fact]
    public async Task Media_pages_follow_the_after_cursor_while_paging_next_is_given()
    {
        Instagram.On(
            Graph.MediaList,
            Graph.Ok(new
            {
                data = new[] { new { id = "m1", caption = "First", media_type = "IMAGE", media_product_type = "FEED", permalink = "https://www.instagram.com/p/m1/", timestamp = "2026-11-29T10:00:00+0000" } },
                paging = new { cursors = new { before = "QVFIUb", after = "QVFIUa1" }, next = $"https://graph.facebook.com/v23.0/{Graph.UserId}/media?access_token={AccessToken}&after=QVFIUa1" },
            }),
            Graph.Ok(new
            {
                data = new[] { new { id = "m2", caption = "", media_type = "VIDEO", media_product_type = "REELS", permalink = "https://www.instagram.com/reel/m2/", timestamp = "2026-11-28T09:30:00+0000" } },
                paging = new { cursors = new { before = "QVFIUa1", after = "QVFIUa2" } },
            }));

        var pages = await Connector(options => options.PageSize = 1).ListPostsAsync(Account, null, default).ToListAsync();

        pages.Count.ShouldBe(2);
        var first = pages[0].GetValueOrThrow();
        first.NextCursor.ShouldBe("QVFIUa1");
        first.Posts.ShouldHaveSingleItem().ShouldBe(new PlatformPost("m1", Instant.FromUtc(2026, 11, 29, 10, 0), "First", new Uri("https://www.instagram.com/p/m1/")));
        var second = pages[1].GetValueOrThrow();
        second.HasMore.ShouldBeFalse();
        second.Posts[0].Caption.ShouldBeNull();
        var requests = Instagram.To(Graph.MediaList);
        requests[0].Query.ShouldBe($"?fields={InstagramConnector.MediaFields}&limit=1");
        requests[1].Query.ShouldBe($"?fields={InstagramConnector.MediaFields}&limit=1&after=QVFIUa1");
        requests.ShouldAllBe(request => request.Authorization == $"Bearer {AccessToken}");
    }

    [Fact]
    public async Task A_listing_resumes_from_a_cursor_and_a_cursor_that_does_not_move_is_malformed()
    {
        Instagram.On(Graph.MediaList, Graph.Ok(new
        {
            data = Array.Empty<object>(),
            paging = new { cursors = new { after = "QVFIUa1" }, next = "https://graph.facebook.com/next" },
        }));

        var page = await Connector().ListPostsAsync(Account, "QVFIUa1", default).SingleAsync();

        page.AsT5.Reason.ShouldBe("paging.cursors.after: the cursor does not lead past the page asked for while paging.next is given.");
        Instagram.Received.ShouldHaveSingleItem().Query.ShouldEndWith("&after=QVFIUa1");
    }

    [Fact]
    public async Task Cursors_that_go_round_in_a_circle_end_the_listing_as_malformed()
    {
        object Page(string id, string after) => new
        {
            data = new[] { new { id, media_type = "IMAGE", media_product_type = "FEED", timestamp = "2026-11-29T10:00:00+0000" } },
            paging = new { cursors = new { after }, next = "https://graph.facebook.com/next" },
        };
        Instagram.On(Graph.MediaList, Graph.Ok(Page("m2", "QVFIUb")), Graph.Ok(Page("m1", "QVFIUa")), Graph.Ok(Page("m2", "QVFIUb")));

        var pages = await Connector().ListPostsAsync(Account, "QVFIUa", default).Take(10).ToListAsync();

        pages.Count.ShouldBe(2);
        pages[1].AsT5.Reason.ShouldBe("paging.cursors.after: the cursor does not lead past the page asked for while paging.next is given.");
    }

    [Theory]
    [InlineData("2026-11-29 10:00")]
    [InlineData("yesterday")]
    [InlineData("9999-12-31T23:59:59-1800")]
    public async Task A_timestamp_that_is_not_ISO_8601_is_malformed(string timestamp)
    {
        Instagram.On(Graph.MediaList, Graph.Ok(new { data = new[] { new { id = "m1", timestamp } } }));

        var page = await Connector().ListPostsAsync(Account, null, default).SingleAsync();

        page.AsT5.Reason.ShouldBe($"data[0].timestamp: '{timestamp}' is not a time such as 2026-11-30T12:00:00+0000.");
    }

    [Fact]
    public async Task Calls_check_the_account_before_anything_is_sent()
    {
        var connector = Connector();
        var tiktok = Account with { Handle = new Handle(Platform.TikTok, "@jane") };
        var noId = Account with { ExternalId = null };

        await Should.ThrowAsync<ArgumentException>(async () => await connector.GetProfileAsync(tiktok, default));
        await Should.ThrowAsync<ArgumentException>(async () => await connector.GetProfileAsync(noId, default));
        Should.Throw<ArgumentException>(() => connector.ListPostsAsync(Account, " ", default));
        await Should.ThrowAsync<ArgumentException>(async () => await connector.GetPostMetricsAsync(Account, Enumerable.Range(0, 11).Select(i => $"m{i}").ToArray(), default));
        await Should.ThrowAsync<ArgumentException>(async () => await connector.DiscoverAsync(Account, "bad name){id}", default));
        Instagram.Received.ShouldBeEmpty();
        connector.MaxPostsPerMetricsCall.ShouldBe(10);
        connector.Platform.ShouldBe(Platform.Instagram);
    }
}
