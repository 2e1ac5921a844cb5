namespace CreatorMarketplace.Connectors.TikTok.Tests;

/// <summary>
/// The connector's requests, throttles, errors and durations on its meter, tagged with the endpoint and the outcome
/// only. Other tests call the connector at the same time, so each count is at least this test's own.
/// </summary>
public sealed class TelemetryTests : TikTokTestBase
{
    private static readonly Answer Profile = Answer.Ok("""{"user":{"display_name":"Jane","follower_count":10}}""");

    [Fact]
    public async Task A_call_a_throttled_call_and_a_failed_call_are_counted_by_endpoint_with_no_other_tag()
    {
        using var measurements = new ConnectorMeasurements(CreatorMarketplaceTelemetry.ConnectorsTikTok);
        TikTok.On(FakeTikTok.UserInfo, Profile, new Answer(429, "", RetryAfter: "120"));
        var connector = Connector();

        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        (await connector.GetProfileAsync(Account, default)).IsT3.ShouldBeTrue();
        TikTok.On(FakeTikTok.VideoQuery, Answer.Ok("""{"videos":[{"id":"other","create_time":1700000000}]}"""));
        (await connector.GetPostMetricsAsync(Account, ["v1"], default)).IsT5.ShouldBeTrue();

        var taken = measurements.Taken.ToList();
        taken.Where(m => m.Instrument == "creator_marketplace.connector.requests" && m.Endpoint == "user/info").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(2);
        taken.Where(m => m.Instrument == "creator_marketplace.connector.throttles" && m.Endpoint == "user/info").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(1);
        taken.Where(m => m.Instrument == "creator_marketplace.connector.errors" && m.Endpoint == "video/query").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(1);
        taken.ShouldContain(m => m.Instrument == "creator_marketplace.connector.request.duration" && m.Endpoint == "user/info" && m.Outcome == "rate_limited");
        taken.ShouldContain(m => m.Instrument == "creator_marketplace.connector.request.duration" && m.Endpoint == "user/info" && m.Outcome == "ok");
        // No token, URL or account is ever a tag.
        taken.SelectMany(m => m.TagKeys).Distinct().Order(StringComparer.Ordinal).ToArray()
            .ShouldBe(["creator_marketplace.connector.endpoint", "creator_marketplace.outcome"]);
    }
}
