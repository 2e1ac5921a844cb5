using System.Web;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

public sealed class TokenTests : TikTokTestBase
{
    private static readonly Answer Refreshed = new(200, $$"""
        {"access_token":"{{NewAccessToken}}","expires_in":86400,"open_id":"open-id-1","refresh_expires_in":31536000,
        "refresh_token":"{{NewRefreshToken}}","scope":"user.info.basic,user.info.stats,video.list","token_type":"Bearer"}
        """);

    private static readonly Answer Profile = Answer.Ok("""{"user":{"display_name":"Jane","follower_count":10}}""");

    [Fact]
    public async Task A_token_expired_by_the_clock_is_refreshed_first_and_the_new_tokens_saved()
    {
        TikTok.On(FakeTikTok.Token, Refreshed).On(FakeTikTok.UserInfo, Profile);
        Clock.Advance(Duration.FromHours(24));

        (await Connector().GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();

        TikTok.Received.Select(request => request.Path).ShouldBe([FakeTikTok.Token, FakeTikTok.UserInfo]);
        var refresh = TikTok.To(FakeTikTok.Token).Single();
        refresh.Method.ShouldBe("POST");
        refresh.ContentType.ShouldBe("application/x-www-form-urlencoded");
        refresh.Authorization.ShouldBeNull();
        var form = HttpUtility.ParseQueryString(refresh.Body);
        form["grant_type"].ShouldBe("refresh_token");
        form["client_key"].ShouldBe("client-key");
        form["client_secret"].ShouldBe(ClientSecret);
        form["refresh_token"].ShouldBe(RefreshToken);
        TikTok.To(FakeTikTok.UserInfo).Single().Authorization.ShouldBe($"Bearer {NewAccessToken}");

        var saved = Tokens.Saved.ShouldHaveSingleItem();
        saved.AccessToken.ShouldBe(NewAccessToken);
        saved.RefreshToken.ShouldBe(NewRefreshToken);
        saved.AccessTokenExpiresAt.ShouldBe(Clock.GetCurrentInstant() + Duration.FromSeconds(86400));
        saved.RefreshTokenExpiresAt.ShouldBe(Clock.GetCurrentInstant() + Duration.FromSeconds(31536000));
        saved.Scope.ShouldBe("user.info.basic,user.info.stats,video.list");
        (await Tokens.GetAsync(Account, default)).ShouldBe(saved);
    }

    [Fact]
    public async Task A_token_is_refreshed_within_the_margin_before_it_expires()
    {
        TikTok.On(FakeTikTok.Token, Refreshed).On(FakeTikTok.UserInfo, Profile);
        Clock.Advance(Duration.FromHours(24) - Duration.FromSeconds(30));

        (await Connector().GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();

        TikTok.To(FakeTikTok.Token).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_token_TikTok_calls_expired_is_refreshed_once_and_the_call_tried_again()
    {
        TikTok.On(FakeTikTok.Token, Refreshed).On(FakeTikTok.UserInfo, Answer.Error(401, "access_token_expired", "The access token expired."), Profile);

        (await Connector().GetProfileAsync(Account, default)).GetValueOrThrow().DisplayName.ShouldBe("Jane");

        TikTok.Received.Select(request => request.Path).ShouldBe([FakeTikTok.UserInfo, FakeTikTok.Token, FakeTikTok.UserInfo]);
        TikTok.To(FakeTikTok.UserInfo).Select(request => request.Authorization).ShouldBe([$"Bearer {AccessToken}", $"Bearer {NewAccessToken}"]);
        Tokens.Saved.ShouldHaveSingleItem().AccessToken.ShouldBe(NewAccessToken);
    }

    [Fact]
    public async Task A_token_still_expired_after_the_refresh_is_unauthorized_after_one_refresh()
    {
        TikTok.On(FakeTikTok.Token, Refreshed).On(FakeTikTok.UserInfo, Answer.Error(401, "access_token_expired", "Expired."));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT2.Reason.ShouldBe($"access_token_expired: Expired. (log id {Answer.LogId})");
        TikTok.To(FakeTikTok.Token).Count.ShouldBe(1);
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_refused_refresh_is_unauthorized_and_saves_nothing()
    {
        TikTok.On(FakeTikTok.Token, new Answer(400, """{"error":"invalid_grant","error_description":"Refresh token is invalid or expired.","log_id":"L1"}"""));
        Clock.Advance(Duration.FromDays(2));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT2.Reason.ShouldBe("the token refresh was refused: invalid_grant: Refresh token is invalid or expired. (log id L1)");
        Tokens.Saved.ShouldBeEmpty();
        TikTok.To(FakeTikTok.UserInfo).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(400, """{"error":"invalid_client","error_description":"Client key or secret is wrong."}""", "invalid_client", false)]
    [InlineData(503, "Service Unavailable", "http_503", true)]
    [InlineData(200, """{"access_token":"act.x","expires_in":0,"refresh_token":"rft.y","refresh_expires_in":10}""", null, false)]
    public async Task A_refresh_that_fails_otherwise_is_a_platform_error_or_malformed(int status, string body, string? code, bool retryable)
    {
        TikTok.On(FakeTikTok.Token, new Answer(status, body));
        Clock.Advance(Duration.FromDays(2));

        var result = await Connector().GetProfileAsync(Account, default);

        if (code is null)
        {
            result.AsT5.Reason.ShouldBe("expires_in: a token's lifetime is more than 0 and at most 10 years in seconds, got 0.");
        }
        else
        {
            result.AsT4.Code.ShouldBe(code);
            result.AsT4.Retryable.ShouldBe(retryable);
        }

        Tokens.Saved.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_expired_refresh_token_is_unauthorized_without_a_call()
    {
        Clock.Advance(Duration.FromDays(366));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT2.Reason.ShouldBe("the refresh token expired; the creator connects the account again.");
        TikTok.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Calls_that_find_the_token_expired_at_once_refresh_it_once()
    {
        TikTok.On(FakeTikTok.Token, Refreshed with { Delay = TimeSpan.FromMilliseconds(200) }).On(FakeTikTok.UserInfo, Profile);
        Clock.Advance(Duration.FromDays(2));
        var connector = Connector();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => connector.GetProfileAsync(Account, default).AsTask()));

        results.ShouldAllBe(result => result.Succeeded);
        TikTok.To(FakeTikTok.Token).Count.ShouldBe(1);
        Tokens.Saved.Count.ShouldBe(1);
        TikTok.To(FakeTikTok.UserInfo).ShouldAllBe(request => request.Authorization == $"Bearer {NewAccessToken}");
    }
}
