using NodaTime;

namespace CreatorMarketplace.Connectors.Instagram.Tests;

public sealed class TokenAndRateLimitTests : InstagramTestBase
{
    [Fact]
    public async Task An_invalid_token_is_exchanged_once_saved_and_the_call_tried_again()
    {
        Instagram.On(Graph.User, Graph.Error(400, 190, "Error validating access token: Session has expired.", subcode: 463), Graph.Profile());
        Instagram.On(Graph.Exchange, Graph.Renewed(NewAccessToken));

        var profile = await Connector().GetProfileAsync(Account, default);

        profile.Succeeded.ShouldBeTrue();
        var saved = Tokens.Saved.ShouldHaveSingleItem();
        saved.AccessToken.ShouldBe(NewAccessToken);
        saved.ExpiresAt.ShouldBe(Now + Duration.FromDays(60));
        Instagram.To(Graph.User).Select(request => request.Authorization).ShouldBe([$"Bearer {AccessToken}", $"Bearer {NewAccessToken}"]);
        var exchange = Instagram.To(Graph.Exchange).ShouldHaveSingleItem();
        exchange.Method.ShouldBe("POST");
        exchange.Query.ShouldBeEmpty();
        var form = exchange.Body.Split('&').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => System.Net.WebUtility.UrlDecode(pair[1]));
        form.ShouldBe(new Dictionary<string, string>
        {
            ["grant_type"] = "fb_exchange_token",
            ["client_id"] = "app-id-1",
            ["client_secret"] = AppSecret,
            ["fb_exchange_token"] = AccessToken,
        });
    }

    [Fact]
    public async Task A_token_still_refused_after_the_exchange_is_unauthorized()
    {
        Instagram.On(Graph.User, Graph.Error(400, 190, "Invalid OAuth access token."));
        Instagram.On(Graph.Exchange, Graph.Renewed(NewAccessToken));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT2.Reason.ShouldBe("190: Invalid OAuth access token. (fbtrace_id AbCdEfTrace)");
        Instagram.To(Graph.User).Count.ShouldBe(2);
        Instagram.To(Graph.Exchange).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_token_the_user_revoked_is_unauthorized_without_an_exchange()
    {
        Instagram.On(Graph.User, Graph.Error(400, 190, "The user has not authorized application.", subcode: 458));

        var result = await Connector().GetProfileAsync(Account, default);

        result.IsT2.ShouldBeTrue();
        Instagram.To(Graph.Exchange).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_token_near_its_expiry_is_exchanged_before_the_call_and_an_expired_one_is_unauthorized_without_a_call()
    {
        Tokens.Put(Account, new InstagramTokens(AccessToken, Now + Duration.FromDays(3)));
        Instagram.On(Graph.User, Graph.Profile());
        Instagram.On(Graph.Exchange, Graph.Renewed(NewAccessToken));

        (await Connector().GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();

        Instagram.To(Graph.User).ShouldHaveSingleItem().Authorization.ShouldBe($"Bearer {NewAccessToken}");
        Tokens.Put(Account, new InstagramTokens(AccessToken, Now - Duration.FromSeconds(1)));
        (await Connector().GetProfileAsync(Account, default)).AsT2.Reason.ShouldContain("expired");
        Instagram.To(Graph.User).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Calls_that_find_the_token_due_together_exchange_it_once_and_all_use_the_new_one()
    {
        Tokens.Put(Account, new InstagramTokens(AccessToken, Now + Duration.FromDays(1)));
        Instagram.On(Graph.User, Graph.Profile());
        Instagram.On(Graph.Exchange, Graph.Renewed(NewAccessToken) with { Delay = TimeSpan.FromMilliseconds(300) });
        var connector = Connector();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => connector.GetProfileAsync(Account, default).AsTask()));

        results.ShouldAllBe(result => result.Succeeded);
        Instagram.To(Graph.Exchange).Count.ShouldBe(1);
        Tokens.Saved.ShouldHaveSingleItem();
        Instagram.To(Graph.User).ShouldAllBe(request => request.Authorization == $"Bearer {NewAccessToken}");
    }

    [Fact]
    public async Task No_stored_token_is_unauthorized_without_a_call()
    {
        var stranger = Account with { Creator = EntityId.New<CreatorId>(Clock) };

        (await Connector().GetProfileAsync(stranger, default)).IsT2.ShouldBeTrue();

        Instagram.Received.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("X-Business-Use-Case-Usage", """{"17841400000000001":[{"type":"instagram","call_count":100,"total_cputime":12,"total_time":20,"estimated_time_to_regain_access":19}]}""", 19)]
    [InlineData("X-Business-Use-Case-Usage", """{"17841400000000001":[{"type":"instagram","call_count":40,"total_cputime":100,"total_time":20,"estimated_time_to_regain_access":0}]}""", 60)]
    [InlineData("X-App-Usage", """{"call_count":100,"total_time":25,"total_cputime":25}""", 60)]
    public async Task A_usage_header_at_100_percent_stops_calls_for_the_account_until_access_is_regained(string header, string usage, int minutes)
    {
        Instagram.On(Graph.User, Graph.Profile() with { Headers = new Dictionary<string, string> { [header] = usage } });
        var connector = Connector();

        var answered = await connector.GetProfileAsync(Account, default);
        var next = await connector.GetProfileAsync(Account, default);

        answered.Succeeded.ShouldBeTrue();
        next.AsT3.RetryAfter.ShouldBe(Duration.FromMinutes(minutes));
        Instagram.Received.Count.ShouldBe(1);
        Clock.Advance(Duration.FromMinutes(minutes));
        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Usage_below_the_limit_or_out_of_shape_stops_nothing()
    {
        Instagram.On(
            Graph.User,
            Graph.Profile() with { Headers = new Dictionary<string, string> { ["X-Business-Use-Case-Usage"] = """{"1":[{"call_count":99,"total_cputime":5,"total_time":5}]}""" } },
            Graph.Profile() with { Headers = new Dictionary<string, string> { ["X-App-Usage"] = "not json" } },
            Graph.Profile());
        var connector = Connector();

        for (var i = 0; i < 3; i++)
        {
            (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData("""{"call_count":1e400,"total_time":25,"total_cputime":25}""", 60)]
    [InlineData("""{"1":[{"call_count":100,"estimated_time_to_regain_access":1e400}]}""", 60)]
    [InlineData("""{"1":[{"call_count":100,"estimated_time_to_regain_access":-5}]}""", 60)]
    [InlineData("""{"1":[{"call_count":100,"estimated_time_to_regain_access":5e9}]}""", 1440)]
    [InlineData("""{"1":[{"call_count":100,"estimated_time_to_regain_access":1e9}]}""", 1440)]
    public async Task A_usage_header_with_numbers_out_of_range_is_waited_out_no_longer_than_a_day(string usage, int minutes)
    {
        Instagram.On(Graph.User, Graph.Profile() with { Headers = new Dictionary<string, string> { ["X-Business-Use-Case-Usage"] = usage } });
        var connector = Connector();

        var answered = await connector.GetProfileAsync(Account, default);
        var next = await connector.GetProfileAsync(Account, default);

        answered.Succeeded.ShouldBeTrue();
        next.AsT3.RetryAfter.ShouldBe(Duration.FromMinutes(minutes));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(17)]
    [InlineData(32)]
    [InlineData(613)]
    [InlineData(80002)]
    public async Task A_rate_limit_code_is_rate_limited_with_the_time_to_regain_access_and_nothing_more_is_sent(int code)
    {
        Instagram.On(Graph.User, Graph.Error(400, code, "(#4) Application request limit reached", type: "OAuthException") with
        {
            Headers = new Dictionary<string, string> { ["X-Business-Use-Case-Usage"] = """{"1":[{"type":"instagram","call_count":100,"estimated_time_to_regain_access":7}]}""" },
        });
        var connector = Connector();

        var limited = await connector.GetProfileAsync(Account, default);
        var again = await connector.VerifyPostAsync(Account, "p1", default);

        limited.AsT3.RetryAfter.ShouldBe(Duration.FromMinutes(7));
        again.AsT3.RetryAfter.ShouldBe(Duration.FromMinutes(7));
        Instagram.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Another_account_is_not_stopped_by_one_account_at_its_limit()
    {
        var other = new ConnectedAccount(EntityId.New<CreatorId>(Clock), new Handle(Platform.Instagram, "@other"), "17841400000000002");
        Tokens.Put(other, new InstagramTokens(AccessToken, Now + Duration.FromDays(50)));
        Instagram.On(Graph.User, Graph.Error(400, 80002, "There have been too many calls to this Instagram account."));
        Instagram.On("/v23.0/17841400000000002", Graph.Profile());
        var connector = Connector();

        (await connector.GetProfileAsync(Account, default)).AsT3.RetryAfter.ShouldBe(Duration.FromHours(1));
        (await connector.GetProfileAsync(other, default)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task The_connector_own_budget_per_account_is_rate_limited_without_a_call()
    {
        Instagram.On(Graph.User, Graph.Profile());
        var connector = Connector(options => options.RequestsPerMinute = 2);

        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        var third = await connector.GetProfileAsync(Account, default);

        third.AsT3.RetryAfter.ShouldBe(Duration.FromMinutes(1));
        Instagram.Received.Count.ShouldBe(2);
    }
}
