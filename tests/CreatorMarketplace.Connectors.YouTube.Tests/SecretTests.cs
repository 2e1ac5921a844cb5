using System.Text.Json;

namespace CreatorMarketplace.Connectors.YouTube.Tests;

/// <summary>Google echoing the tokens, the API key or the client secret back: no result and no log line holds one.</summary>
public sealed class SecretTests : YouTubeTestBase
{
    public static TheoryData<string> Encodings => new(Echo.Encodings.Keys);

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Secrets_echoed_in_an_error_are_redacted_from_the_result_and_the_logs(string encoding)
    {
        var echoed = string.Join(" ", HeldSecrets.Select(Echo.Encodings[encoding]));
        Google.On(FakeYouTube.Videos, Answer.GoogleError(400, "bad " + echoed, "You sent " + echoed, "youtube.video") with { Reason = "Bad " + echoed });

        var result = await Connector().GetPostMetricsAsync(Account, ["v1"], default);

        var error = result.AsT4;
        Echo.Leaks([error.Code, error.Message], HeldSecrets).ShouldBeEmpty();
        error.Message.ShouldContain("[redacted]");
        Echo.Leaks(Logs.Lines, HeldSecrets).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Secrets_echoed_in_the_data_or_by_the_token_endpoint_are_redacted(string encoding)
    {
        var echoed = string.Join(" ", AllSecrets.Select(Echo.Encodings[encoding]));
        var held = string.Join(" ", HeldSecrets.Select(Echo.Encodings[encoding]));
        Google.On(FakeYouTube.Videos, Answer.Json(200, new { items = new[] { new { id = "v1", snippet = new { publishedAt = held } } } }));
        Google.On(FakeYouTube.Channels, Answer.GoogleError(401, "authError", "expired"), Answer.Json(200, new { items = new[] { new { id = ChannelId, snippet = new { title = "Jane " + echoed, description = echoed }, statistics = new { subscriberCount = "1" } } } }));
        Google.On(FakeYouTube.Token, RenewedTokens);

        // The metrics first, while the old tokens are held; the profile's refresh brings the new one.
        var malformed = await Connector().GetPostMetricsAsync(Account, ["v1"], default);
        var profile = (await Connector().GetProfileAsync(Account, default)).GetValueOrThrow();

        Echo.Leaks([profile.DisplayName, profile.Bio!, malformed.AsT5.Reason], AllSecrets).ShouldBeEmpty();
        Echo.Leaks(Logs.Lines, AllSecrets).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refresh_answer_echoing_the_secrets_is_redacted()
    {
        Google.On(FakeYouTube.Channels, Answer.GoogleError(401, "authError", "expired"));
        Google.On(FakeYouTube.Token, Answer.Json(400, new { error = "invalid_grant", error_description = JsonSerializer.Serialize(HeldSecrets) }));

        var result = await Connector().GetProfileAsync(Account, default);

        Echo.Leaks([result.AsT2.Reason], HeldSecrets).ShouldBeEmpty();
        Echo.Leaks(Logs.Lines, HeldSecrets).ShouldBeEmpty();
    }
}
