using System.Text.Json;
using CreatorMarketplace.Metrics;
using FsCheck.Fluent;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

/// <summary>
/// The pieces every connector package shares (compiled into this one as into the others), pinned where each
/// connector's own tests reach them only at a few points.
/// </summary>
public sealed class SharedConnectorCodeTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 1, 12, 0);

    [Property]
    public Property A_count_is_refused_exactly_when_it_is_outside_its_range(int value, int min, NonNegativeInt width)
    {
        var max = (int)Math.Min((long)min + width.Get, int.MaxValue);
        var errors = new ErrorCollector();

        errors.RequireWithin(value, min, max, "count", "test.count_out_of_range", "out of range");

        return (errors.HasErrors == (value < min || value > max)).Label($"refused: {errors.HasErrors}, for {value} in [{min}, {max}]");
    }

    [Theory]
    [InlineData(null, "refresh", "accessToken", "accessToken: an access token is required.")]
    [InlineData(" \t", "refresh", "accessToken", "accessToken: an access token is required.")]
    [InlineData("access", "", "refreshToken", "refreshToken: a refresh token is required.")]
    public void A_blank_token_is_refused_naming_its_argument(string? access, string refresh, string argument, string message)
    {
        var refused = Should.Throw<ArgumentException>(() => new TikTokTokens(access!, Now, refresh, Now));

        refused.ParamName.ShouldBe(argument);
        refused.Message.ShouldStartWith(message);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(60, false)]
    [InlineData(61, true)]
    public void A_time_is_refused_below_zero_and_above_its_most(int seconds, bool refused)
    {
        var errors = new ErrorCollector();

        errors.RequireUpTo(TimeSpan.FromSeconds(seconds), TimeSpan.FromMinutes(1), "wait", "test.wait_out_of_range", "zero to a minute");

        errors.HasErrors.ShouldBe(refused);
    }

    [Theory]
    [InlineData("https://api.example.test/", false)]
    [InlineData("http://127.0.0.1:8080/v2", false)]
    [InlineData("ftp://api.example.test/", true)]
    [InlineData("api.example.test/v2", true)]
    [InlineData(null, true)]
    public void An_address_must_be_absolute_http_or_https(string? address, bool refused)
    {
        var errors = new ErrorCollector();

        errors.RequireHttpAddress(address is null ? null : new Uri(address, UriKind.RelativeOrAbsolute), "baseAddress", "test.base_address_invalid", "absolute http or https");

        errors.HasErrors.ShouldBe(refused);
        if (refused)
        {
            errors.Errors.ShouldHaveSingleItem().Code.ShouldBe("test.base_address_invalid");
        }
    }

    [Theory]
    [InlineData("https://api.example.test/v2", "https://api.example.test/v2/")]
    [InlineData("https://api.example.test/v2/", "https://api.example.test/v2/")]
    [InlineData("https://api.example.test", "https://api.example.test/")]
    public void An_address_as_a_folder_ends_with_one_slash(string address, string folder) =>
        ConnectorExchange.Folder(new Uri(address)).AbsoluteUri.ShouldBe(folder);

    [Theory]
    [InlineData(1, true)]
    [InlineData(366 * 86_400, true)]
    [InlineData(0, false)]
    [InlineData(-5, false)]
    [InlineData((366 * 86_400) + 1, false)]
    public void A_token_lifetime_is_more_than_zero_and_at_most_the_longest(long seconds, bool taken)
    {
        var body = Body($$"""{"expires_in": {{seconds}}}""");

        if (taken)
        {
            body.TokenLifetime("expires_in", Duration.FromDays(366), "a year").ShouldBe(Duration.FromSeconds(seconds));
        }
        else
        {
            Should.Throw<MalformedResponseException>(() => body.TokenLifetime("expires_in", Duration.FromDays(366), "a year"))
                .Message.ShouldBe($"expires_in: a token's lifetime is more than 0 and at most a year in seconds, got {seconds}.");
        }
    }

    [Theory]
    [InlineData(61, false)]
    [InlineData(60, true)]
    [InlineData(0, true)]
    [InlineData(-1, true)]
    public void A_token_is_due_from_its_margin_before_it_expires(int secondsLeft, bool due)
    {
        var tokens = new TikTokTokens("at", Now + Duration.FromSeconds(secondsLeft), "rt", Now + Duration.FromDays(1));

        TokenRefresh.IsDue(tokens, Now, Duration.FromMinutes(1)).ShouldBe(due);
    }

    [Fact]
    public void A_call_holds_every_token_of_the_authorisation_as_a_secret()
    {
        var secrets = new Secrets("client-secret-value");

        secrets.Add(new TikTokTokens("act.access-token-value", Now, "rft.refresh-token-value", Now));

        secrets.Redact("act.access-token-value rft.refresh-token-value client-secret-value").ShouldBe("[redacted] [redacted] [redacted]");
    }

    [Fact]
    public async Task A_metrics_call_asks_each_post_once_and_asks_nothing_for_no_posts()
    {
        var asked = new List<string[]>();
        ValueTask<ConnectorResult<IReadOnlyList<PostMetrics>>> Fetch(string[] ids)
        {
            asked.Add(ids);
            return ValueTask.FromResult<ConnectorResult<IReadOnlyList<PostMetrics>>>(Array.Empty<PostMetrics>());
        }

        (await PostSnapshots.OfDistinctAsync([], 20, "the call", Fetch)).AsT0.ShouldBeEmpty();
        (await PostSnapshots.OfDistinctAsync(["a", "b", "a"], 20, "the call", Fetch)).AsT0.ShouldBeEmpty();

        asked.ShouldHaveSingleItem().ShouldBe(["a", "b"]);
        Should.Throw<ArgumentException>(() => PostSnapshots.OfDistinctAsync(["a", "b"], 1, "the call", Fetch)).ParamName.ShouldBe("postIds");
    }

    [Fact]
    public void A_post_is_checked_from_the_item_with_its_id_and_is_gone_when_none_has_it()
    {
        var items = Body("""{"items": [{"id": "a"}, {"id": "b"}]}""").Array("items").Items().ToArray();
        var check = (JsonAt item) => new PostCheck(item.String("id"), Live: true, Caption: null, BrandedContentFlag: null, Now);

        PostSnapshots.Check(items, "b", check).AsT0.PostId.ShouldBe("b");
        PostSnapshots.Check(items, "c", check).AsT1.What.ShouldBe("post c");
    }

    [Theory]
    [InlineData("""{"data": 1}""", null)]
    [InlineData("""[1]""", "the response is not a JSON object.")]
    [InlineData(null, "the response is not JSON: cut short")]
    public void A_reply_reads_its_answer_as_an_object_or_says_why_not(string? json, string? refusal)
    {
        var reply = new ConnectorReply(200, "OK") { NotJson = json is null ? "cut short" : null };
        if (json is not null)
        {
            using var document = JsonDocument.Parse(json);
            reply.Root = document.RootElement.Clone();
        }

        (reply.Body(new Secrets("s")) is null).ShouldBe(refusal is not null);
        if (refusal is not null)
        {
            reply.NotAnObject("response").Reason.ShouldBe(refusal);
        }
    }

    private static JsonAt Body(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new JsonAt(document.RootElement.Clone(), "", new Secrets("secret"));
    }
}
