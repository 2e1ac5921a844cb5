using CreatorMarketplace.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

public sealed class SecretTests : TikTokTestBase
{
    private static readonly string[] Secrets = [AccessToken, RefreshToken, NewAccessToken, NewRefreshToken, ClientSecret];

    [Fact]
    public async Task No_token_or_secret_reaches_a_result_or_a_log_line_even_when_TikTok_echoes_them()
    {
        TikTok
            .On(FakeTikTok.UserInfo, Answer.Error(401, "access_token_expired", $"token {AccessToken} expired"), Answer.Error(400, "invalid_params", $"bad {NewAccessToken} and {ClientSecret}"))
            .On(FakeTikTok.Token, Refreshed(), new Answer(400, $$"""{"error":"invalid_grant","error_description":"{{NewRefreshToken}} was revoked"}"""))
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
        Logs.Lines.ShouldContain(line => line.Contains("Refreshed the TikTok access token of @jane.doe", StringComparison.Ordinal));
        Logs.Lines.ShouldContain(line => line.Contains("failed", StringComparison.Ordinal));
        ShouldHoldNoSecret(outcomes.Concat(Logs.Lines));
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
        TikTok.On(FakeTikTok.Token, Refreshed()).On(FakeTikTok.UserInfo, Answer.Ok("""{"user":{"display_name":"Jane","follower_count":10}}"""));
        Clock.Advance(Duration.FromDays(2));
        await using var services = new ServiceCollection()
            .AddSingleton<IClock>(Clock)
            .AddSingleton<ITikTokTokenStore>(Tokens)
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

    private static Answer Refreshed() => new(200, $$"""
        {"access_token":"{{NewAccessToken}}","expires_in":86400,"refresh_expires_in":31536000,"refresh_token":"{{NewRefreshToken}}","token_type":"Bearer"}
        """);

    private static void ShouldHoldNoSecret(IEnumerable<string> texts)
    {
        var all = texts.ToList();
        all.ShouldNotBeEmpty();
        foreach (var secret in Secrets)
        {
            all.ShouldAllBe(text => !text.Contains(secret, StringComparison.Ordinal), $"'{secret}' leaked");
        }
    }
}
