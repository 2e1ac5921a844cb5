using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

public sealed class ProfileTests : TikTokTestBase
{
    private const string User = """
        {"user":{"open_id":"open-id-1","union_id":"union-1","avatar_url":"https://p16.example/a.jpg","display_name":"Jane Doe",
        "bio_description":"Food and travel","is_verified":true,"follower_count":125000,"following_count":310,"likes_count":4200000,"video_count":512}}
        """;

    [Fact]
    public async Task The_user_info_becomes_the_profile_with_the_numbers_TikTok_gives_and_the_rest_null()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Ok(User));

        var profile = (await Connector().GetProfileAsync(Account, default)).GetValueOrThrow();

        profile.DisplayName.ShouldBe("Jane Doe");
        profile.Bio.ShouldBe("Food and travel");
        profile.Stats!.Followers.ShouldBe(125000);
        profile.Stats!.AsOf.ShouldBe(Now);
        profile.Stats!.AverageViews.ShouldBeNull();
        profile.Stats!.EngagementRate.ShouldBeNull();
        profile.Stats!.ViewsLast30Days.ShouldBeNull();
        profile.Following.ShouldBe(310);
        profile.Likes.ShouldBe(4200000);
        profile.Posts.ShouldBe(512);
        profile.Verified.ShouldBe(true);
        var request = TikTok.Received.ShouldHaveSingleItem();
        request.Method.ShouldBe("GET");
        request.Path.ShouldBe(FakeTikTok.UserInfo);
        request.Query.ShouldBe("?fields=open_id,union_id,avatar_url,display_name,bio_description,is_verified,follower_count,following_count,likes_count,video_count");
        request.Authorization.ShouldBe($"Bearer {AccessToken}");
    }

    [Fact]
    public async Task An_empty_bio_and_counts_TikTok_leaves_out_stay_null()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Ok("""{"user":{"display_name":"Jane","bio_description":"","follower_count":0}}"""));

        var profile = (await Connector().GetProfileAsync(Account, default)).GetValueOrThrow();

        profile.Bio.ShouldBeNull();
        profile.Stats!.Followers.ShouldBe(0);
        profile.Following.ShouldBeNull();
        profile.Likes.ShouldBeNull();
        profile.Posts.ShouldBeNull();
        profile.Verified.ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"user":{"display_name":"Jane"}}""", "data.user.follower_count is missing.")]
    [InlineData("""{"user":{"display_name":"Jane","follower_count":-5}}""", "data.user.follower_count: followers may not be negative, got -5. (stats.negative)")]
    [InlineData("""{"user":{"display_name":"Jane","follower_count":"many"}}""", "data.user.follower_count: expected a whole number, got a string.")]
    [InlineData("""{"user":{"display_name":"Jane","follower_count":1.5}}""", "data.user.follower_count: expected a whole number, got 1.5.")]
    [InlineData("""{"user":{"display_name":"Jane","follower_count":10,"likes_count":-1}}""", "data.user.likes_count: a count is never negative, got -1.")]
    [InlineData("""{"user":{"display_name":"Jane","follower_count":10,"is_verified":"yes"}}""", "data.user.is_verified: expected true or false, got a string.")]
    [InlineData("""{"user":{"follower_count":10}}""", "data.user.display_name is missing.")]
    [InlineData("""{"account":{}}""", "data.user is missing.")]
    public async Task Data_out_of_shape_or_breaking_a_rule_is_malformed_naming_the_path(string data, string reason)
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Ok(data));

        var result = await Connector().GetProfileAsync(Account, default);

        result.IsT5.ShouldBeTrue(result.ToString());
        result.AsT5.Reason.ShouldBe(reason);
    }

    [Theory]
    [InlineData("<html>oops</html>", "the response is not JSON")]
    [InlineData("""{"data":{"user":{}}""", "the response is not JSON")]
    [InlineData("[1,2]", "the response is not a JSON object.")]
    [InlineData("""{"data":{"user":{}}}""", "error is missing.")]
    [InlineData("""{"error":{"message":""}}""", "error.code is missing.")]
    [InlineData("""{"error":{"code":"ok"}}""", "data is missing.")]
    public async Task A_response_that_is_not_the_envelope_is_malformed(string body, string reason)
    {
        TikTok.On(FakeTikTok.UserInfo, new Answer(200, body));

        var result = await Connector().GetProfileAsync(Account, default);

        result.IsT5.ShouldBeTrue(result.ToString());
        result.AsT5.Reason.ShouldStartWith(reason);
    }

    [Fact]
    public async Task The_audience_is_unknown_without_asking_TikTok()
    {
        var audience = (await Connector().GetAudienceAsync(Account, default)).GetValueOrThrow();

        audience.ShouldBeSameAs(Audience.Unknown);
        TikTok.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_account_on_another_platform_is_a_programmer_error()
    {
        var instagram = new ConnectedAccount(Account.Creator, new Handle(Platform.Instagram, "jane.doe"));
        var connector = Connector();

        (await Should.ThrowAsync<ArgumentException>(async () => await connector.GetProfileAsync(instagram, default))).ParamName.ShouldBe("account");
        Should.Throw<ArgumentException>(() => connector.ListPostsAsync(instagram, null, default)).ParamName.ShouldBe("account");
        connector.Platform.ShouldBe(Platform.TikTok);
        TikTok.Received.ShouldBeEmpty();
    }
}
