using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

/// <summary>
/// A hostile TikTok echoes every secret the connector holds, in every encoding, in every field of its answers: no
/// result, exception or log line (of any level, message and values) may hold one in any encoding.
/// </summary>
public sealed class HostileAnswerTests : RegisteredTestBase
{
    // Before the refresh answers, the connector holds the stored tokens and the client secret.
    private static readonly string[] HeldAtRefresh = [AccessToken, RefreshToken, ClientSecret];

    // Each field: where the echo goes, and whether the call is made after a successful refresh (the secrets are
    // then all five) or into the refresh (the stored tokens and the client secret).
    private static readonly Dictionary<string, (bool AtRefresh, Func<string, Answer> Answer)> Fields = new(StringComparer.Ordinal)
    {
        ["error code"] = (false, echo => Answer.Envelope(400, $"bad_{echo}", "Bad.")),
        ["error message"] = (false, echo => Answer.Envelope(400, "invalid_params", $"not {echo}")),
        ["log id"] = (false, echo => Answer.Envelope(400, "invalid_params", "Bad.", logId: echo)),
        ["reason phrase"] = (false, echo => new Answer(502, "", Reason: $"Bad {echo}")),
        ["expired token message"] = (false, echo => Answer.Envelope(401, "access_token_expired", $"expired {echo}")),
        ["invalid token message"] = (false, echo => Answer.Envelope(401, "access_token_invalid", $"invalid {echo}")),
        ["log id of a 429"] = (false, echo => Answer.Envelope(429, "rate_limit_exceeded", "Slow down.", logId: echo) with { RetryAfter = "3" }),
        ["profile fields"] = (false, echo => Answer.Json(200, new { data = new { user = new { display_name = $"Jane {echo}", bio_description = echo, follower_count = 10 } }, error = new { code = "ok", message = "", log_id = echo } })),
        ["token error code"] = (true, echo => Answer.Json(400, new { error = $"bad_{echo}", error_description = "Bad.", log_id = "l" })),
        ["token error description"] = (true, echo => Answer.Json(400, new { error = "invalid_grant", error_description = $"revoked {echo}", log_id = "l" })),
        ["token log id"] = (true, echo => Answer.Json(400, new { error = "invalid_request", error_description = "Bad.", log_id = echo })),
        ["token reason phrase"] = (true, echo => new Answer(503, "", Reason: $"Bad {echo}")),
        ["token envelope"] = (true, echo => Answer.Envelope(400, $"bad_{echo}", $"not {echo}", logId: echo)),
    };

    public static TheoryData<string> EncodingNames() => [.. Echo.Encodings.Keys];

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var field in Fields.Keys)
        {
            foreach (var encoding in Echo.Encodings.Keys)
            {
                cases.Add(field, encoding);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task No_secret_leaves_the_connector_whatever_field_and_encoding_TikTok_echoes_it_in(string field, string encoding)
    {
        var (atRefresh, answer) = Fields[field];
        var held = atRefresh ? HeldAtRefresh : AllSecrets;
        var echo = string.Join(" and ", held.Select(Echo.Encodings[encoding]));
        Clock.Advance(Duration.FromDays(2));
        TikTok.On(FakeTikTok.Token, atRefresh ? answer(echo) : RenewedTokens);
        TikTok.On(FakeTikTok.UserInfo, atRefresh ? Answer.Ok("""{"user":{"display_name":"Jane","follower_count":10}}""") : answer(echo));
        var connector = Connector(time: Time);
        var real = Stopwatch.StartNew();

        var result = await WithTimePassing(() => connector.GetProfileAsync(Account, default));

        real.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2), "the waits run on the fake time");
        var texts = Logs.Lines.Append(result.ToString()).ToList();
        if (!result.Succeeded)
        {
            texts.Add(result.Failure!);
            texts.Add(Should.Throw<InvalidOperationException>(() => result.GetValueOrThrow()).ToString());
        }

        texts.ShouldContain(text => text.Contains("[redacted]", StringComparison.Ordinal), "the echo reached a result or a log line");
        Echo.Leaks(texts, AllSecrets).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(EncodingNames))]
    public async Task Through_the_registered_client_no_secret_reaches_its_HTTP_and_resilience_logs_either(string encoding)
    {
        var echo = string.Join(" and ", AllSecrets.Select(Echo.Encodings[encoding]));
        var hostile = Answer.Envelope(503, $"bad_{echo}", $"not {echo}", logId: echo) with
        {
            Reason = $"Bad {echo}",
            Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = $"Bearer error_description=\"{echo}\"" },
        };
        Clock.Advance(Duration.FromDays(2));
        TikTok.On(FakeTikTok.Token, RenewedTokens).On(FakeTikTok.UserInfo, hostile);
        await using var services = Register(time: Time, resilience: FarTimeouts);

        var result = await WithTimePassing(() => services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default));

        result.AsT4.Code.ShouldStartWith("bad_");
        result.AsT4.Code.ShouldContain("[redacted]");
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(4, "the first attempt and three retries");
        Logs.Lines.ShouldContain(line => line.Contains("System.Net.Http.HttpClient.CreatorMarketplace.Connectors.TikTok", StringComparison.Ordinal) && line.Contains("WWW-Authenticate", StringComparison.Ordinal));
        Logs.Lines.ShouldContain(line => line.Contains("Polly", StringComparison.Ordinal));
        Echo.Leaks(Logs.Lines.Append(result.ToString()), AllSecrets).ShouldBeEmpty();
    }
}
