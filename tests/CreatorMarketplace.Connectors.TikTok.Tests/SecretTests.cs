using CreatorMarketplace.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

public sealed class SecretTests : TikTokTestBase
{
    [Fact]
    public async Task No_token_or_secret_reaches_a_result_or_a_log_line_even_when_TikTok_echoes_them()
    {
        TikTok
            .On(FakeTikTok.UserInfo, Answer.Error(401, "access_token_expired", $"token {AccessToken} expired"), Answer.Error(400, "invalid_params", $"bad {NewAccessToken} and {ClientSecret}"))
            .On(FakeTikTok.Token, RenewedTokens, new Answer(400, $$"""{"error":"invalid_grant","error_description":"{{NewRefreshToken}} was revoked"}"""))
            .On(FakeTikTok.VideoList, new Answer(200, $"{NewAccessToken} is not JSON"));
        var connector = Connector();
        var outcomes = new List<string>();

        var first = await connector.GetProfileAsync(Account, default);
        outcomes.Add(first.ToString());
        outcomes.Add((await connector.ListPostsAsync(Account, null, default).SingleAsync()).ToString());
        Clock.Advance(Duration.FromDays(2));
        var refused = await connector.GetPostMetricsAsync(Account, ["v1"], default);
        outcomes.Add(refused.ToString());
        outcomes.Add(Should.Throw<InvalidOperationException>(() => refused.GetValueOrThrow()).Message);
        outcomes.Add((await Tokens.GetAsync(Account, default))!.ToString());

        first.AsT4.Message.ShouldBe($"bad [redacted] and [redacted] (log id {Answer.LogId})");
        refused.AsT2.Reason.ShouldBe("the token refresh was refused: invalid_grant: [redacted] was revoked");
        Logs.Lines.ShouldContain(line => line.Contains($"Refreshed the TikTok access token of creator {Account.Creator}", StringComparison.Ordinal));
        Logs.Lines.ShouldNotContain(line => line.Contains("jane.doe", StringComparison.Ordinal), "a log names the creator by id, never by handle");
        Logs.Lines.ShouldContain(line => line.Contains("failed", StringComparison.Ordinal));
        ShouldHoldNoSecret(outcomes.Concat(Logs.Lines));
    }

    [Fact]
    public async Task An_error_code_that_echoes_the_token_is_redacted_in_the_result_and_the_debug_log()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Envelope(400, $"bad_{AccessToken}", "Bad."));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT4.Code.ShouldBe("bad_[redacted]");
        Logs.Lines.ShouldContain(line => line.StartsWith("Debug", StringComparison.Ordinal) && line.Contains("code bad_[redacted]", StringComparison.Ordinal));
        ShouldHoldNoSecret(Logs.Lines.Append(result.ToString()));
    }

    [Fact]
    public async Task A_log_id_that_echoes_the_token_is_redacted_in_the_result_and_the_debug_log()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Envelope(400, "invalid_params", "Bad.", logId: AccessToken));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT4.Message.ShouldBe("Bad. (log id [redacted])");
        Logs.Lines.ShouldContain(line => line.StartsWith("Debug", StringComparison.Ordinal) && line.Contains("(log id [redacted])", StringComparison.Ordinal));
        ShouldHoldNoSecret(Logs.Lines.Append(result.ToString()));
    }

    [Fact]
    public async Task The_token_endpoints_error_code_that_echoes_the_refresh_token_is_redacted()
    {
        TikTok.On(FakeTikTok.Token, Answer.Json(400, new { error = $"bad_{RefreshToken}", error_description = "Bad." }));
        Clock.Advance(Duration.FromDays(2));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT4.Code.ShouldBe("bad_[redacted]");
        ShouldHoldNoSecret(Logs.Lines.Append(result.ToString()));
    }

    [Theory]
    [InlineData("message")]
    [InlineData("error_description")]
    [InlineData("log_id")]
    [InlineData("reason")]
    public async Task A_url_encoded_token_is_redacted_from_the_result_and_the_warning_log(string field)
    {
        var echoed = Uri.EscapeDataString(AccessToken);
        echoed.ShouldStartWith("act.A%2Bc%2F");
        var refreshing = field == "error_description";
        TikTok.On(FakeTikTok.Token, Answer.Json(400, new { error = "invalid_request", error_description = $"not {echoed}" }));
        TikTok.On(FakeTikTok.UserInfo, field switch
        {
            "message" => Answer.Envelope(400, "invalid_params", $"not {echoed}"),
            "log_id" => Answer.Envelope(400, "invalid_params", "Bad.", logId: echoed),
            _ => new Answer(502, "", Reason: $"not {echoed}"),
        });
        if (refreshing)
        {
            Clock.Advance(Duration.FromDays(2));
        }

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT4.Message.ShouldContain("[redacted]");
        Logs.Lines.ShouldContain(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("[redacted]", StringComparison.Ordinal));
        ShouldHoldNoSecret(Logs.Lines.Append(result.ToString()));
    }

    [Fact]
    public void The_tokens_text_and_the_options_complaints_leave_the_secrets_out()
    {
        var text = ValidTokens.ToString();

        text.ShouldContain("AccessToken = [redacted]");
        text.ShouldContain("RefreshToken = [redacted]");
        text.ShouldContain("AccessTokenExpiresAt = 2026-12-01T12:00:00Z");
        var invalid = Should.Throw<DomainValidationException>(() => Options(options => options.RequestsPerMinute = 601).Validate());
        var blank = Should.Throw<ArgumentException>(() => new TikTokTokens(" ", Now, RefreshToken, Now));
        ShouldHoldNoSecret([text, invalid.ToString(), blank.ToString(), Options().ToString()!]);
    }

    [Fact]
    public async Task The_HTTP_logs_of_the_registered_client_leave_the_bearer_and_the_form_out()
    {
        TikTok.On(FakeTikTok.Token, RenewedTokens).On(FakeTikTok.UserInfo, Answer.Ok("""{"user":{"display_name":"Jane","follower_count":10}}"""));
        Clock.Advance(Duration.FromDays(2));
        await using var services = new ServiceCollection()
            .AddSingleton<IClock>(Clock)
            .AddSingleton<IConnectorTokenStore<TikTokTokens>>(Tokens)
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace))
            .AddCreatorMarketplace(builder => builder.UseInMemory().AddTikTokConnector(options =>
            {
                options.BaseAddress = TikTok.BaseAddress;
                options.ClientKey = "client-key";
                options.ClientSecret = ClientSecret;
            }))
            .BuildServiceProvider();

        (await services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();

        Logs.Lines.ShouldContain(line => line.Contains("System.Net.Http.HttpClient.CreatorMarketplace.Connectors.TikTok", StringComparison.Ordinal) && line.Contains("Authorization", StringComparison.Ordinal));
        ShouldHoldNoSecret(Logs.Lines);
        services.GetRequiredService<IOptions<TikTokConnectorOptions>>().Value.ToString()!.ShouldNotContain(ClientSecret);
    }

    private static void ShouldHoldNoSecret(IEnumerable<string> texts)
    {
        var all = texts.ToList();
        all.ShouldNotBeEmpty();
        Echo.Leaks(all, AllSecrets).ShouldBeEmpty();
    }
}
