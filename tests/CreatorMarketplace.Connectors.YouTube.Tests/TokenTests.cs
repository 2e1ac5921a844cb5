using System.Web;

namespace CreatorMarketplace.Connectors.YouTube.Tests;

public sealed class TokenTests : YouTubeTestBase
{
    private static readonly Answer Expired = Answer.GoogleError(401, "authError", "Request had invalid authentication credentials.", "global");

    [Fact]
    public async Task A_refused_token_is_refreshed_once_with_Googles_token_endpoint_saved_and_the_call_tried_again()
    {
        Google.On(FakeYouTube.Channels, Expired, Answer.Items("channel", Channel()));
        Google.On(FakeYouTube.Token, RenewedTokens);

        var profile = await Connector().GetProfileAsync(Account, default);

        profile.Succeeded.ShouldBeTrue();
        var refresh = Google.To(FakeYouTube.Token).ShouldHaveSingleItem();
        refresh.Method.ShouldBe("POST");
        var form = HttpUtility.ParseQueryString(refresh.Body);
        (form["grant_type"], form["refresh_token"], form["client_id"], form["client_secret"]).ShouldBe(("refresh_token", RefreshToken, "client-id.apps.googleusercontent.com", ClientSecret));
        Google.To(FakeYouTube.Channels).Select(request => request.Authorization).ShouldBe([$"Bearer {AccessToken}", $"Bearer {NewAccessToken}"]);
        var saved = Tokens.Saved.ShouldHaveSingleItem();
        (saved.AccessToken, saved.RefreshToken, saved.AccessTokenExpiresAt).ShouldBe((NewAccessToken, RefreshToken, Now + Duration.FromSeconds(3599)));
    }

    [Fact]
    public async Task A_token_refused_again_after_the_refresh_is_unauthorized_without_a_second_refresh()
    {
        Google.On(FakeYouTube.Channels, Expired);
        Google.On(FakeYouTube.Token, RenewedTokens);

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT2.Reason.ShouldBe("authError: Request had invalid authentication credentials.");
        Google.To(FakeYouTube.Token).ShouldHaveSingleItem();
        Google.To(FakeYouTube.Channels).Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_expiring_token_is_refreshed_before_the_call()
    {
        Tokens.Put(Account, new YouTubeTokens(AccessToken, Now + Duration.FromSeconds(30), RefreshToken));
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel()));
        Google.On(FakeYouTube.Token, RenewedTokens);

        (await Connector().GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();

        Google.To(FakeYouTube.Channels).ShouldHaveSingleItem().Authorization.ShouldBe($"Bearer {NewAccessToken}");
    }

    [Fact]
    public async Task Calls_that_find_the_token_due_together_refresh_it_once_and_all_use_the_new_one()
    {
        Tokens.Put(Account, new YouTubeTokens(AccessToken, Now + Duration.FromSeconds(30), RefreshToken));
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel()));
        Google.On(FakeYouTube.Token, RenewedTokens with { Delay = TimeSpan.FromMilliseconds(300) });
        var connector = Connector();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => connector.GetProfileAsync(Account, default).AsTask()));

        results.ShouldAllBe(result => result.Succeeded);
        Google.To(FakeYouTube.Token).ShouldHaveSingleItem();
        Tokens.Saved.ShouldHaveSingleItem();
        Google.To(FakeYouTube.Channels).ShouldAllBe(request => request.Authorization == $"Bearer {NewAccessToken}");
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_unauthorized_and_nothing_is_saved()
    {
        Google.On(FakeYouTube.Channels, Expired);
        Google.On(FakeYouTube.Token, new Answer(400, """{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"""));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT2.Reason.ShouldBe("the token refresh was refused: invalid_grant: Token has been expired or revoked.");
        Tokens.Saved.ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_an_OAuth_client_a_refused_token_is_unauthorized_and_no_refresh_is_tried()
    {
        Google.On(FakeYouTube.Channels, Expired);

        var result = await Connector(options => (options.ClientId, options.ClientSecret) = ("", "")).GetProfileAsync(Account, default);

        result.IsT2.ShouldBeTrue();
        Google.To(FakeYouTube.Token).ShouldBeEmpty();
    }

    [Fact]
    public void The_tokens_text_leaves_the_tokens_out()
    {
        var text = ValidTokens.ToString();

        Echo.Leaks([text], AllSecrets).ShouldBeEmpty();
        text.ShouldContain("AccessToken = [redacted]");
    }
}
