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
    [Fact]
    public async Task A_long_token_echoed_in_a_count_or_as_a_member_given_twice_is_not_shown_in_part()
    {
        // Google's access tokens run to about 200 characters: cut to a prefix before redaction, one would not be found.
        var token = "ya29.a0AfB_byC" + string.Concat(Enumerable.Range(0, 180).Select(i => (char)('a' + (i * 7 % 26))));
        Tokens.Put(Account, new YouTubeTokens(token, Now + Duration.FromHours(1), RefreshToken, "s"));
        Google.On(
            FakeYouTube.Channels,
            Answer.Items("channel", Channel($$"""{"viewCount":"1","subscriberCount":"{{token}}","hiddenSubscriberCount":false,"videoCount":"5"}""")),
            new Answer(200, $$"""{"items":[],"{{token}}":1,"{{token}}":2}"""));

        var inCount = await Connector().GetProfileAsync(Account, default);
        var asName = await Connector().GetProfileAsync(Account, default);

        inCount.AsT5.Reason.ShouldEndWith("expected a count as a string of digits, got a string of 196 characters.");
        asName.AsT5.Reason.ShouldBe("the response is not JSON: a member name of 194 characters is given twice.");
        Logs.Lines.Append(inCount.AsT5.Reason).Append(asName.AsT5.Reason).Where(line => line.Contains(token[..20], StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
