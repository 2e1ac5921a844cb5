namespace CreatorMarketplace.Connectors.YouTube.Tests;

/// <summary>
/// The connector's calls on its own meter, tagged with the endpoint and the outcome only. Other tests call the
/// connector at the same time, so each count is at least this test's own.
/// </summary>
public sealed class TelemetryTests : YouTubeTestBase
{
    [Fact]
    public async Task A_call_a_call_over_the_quota_and_a_failed_call_are_counted_by_endpoint_with_no_other_tag()
    {
        using var measurements = new ConnectorMeasurements(CreatorMarketplaceTelemetry.ConnectorsYouTube);
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel()));
        Google.On(FakeYouTube.Videos, Answer.Items("video", Video("other")));
        var connector = Connector(options => options.DailyQuota = 2);

        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        (await connector.GetPostMetricsAsync(Account, ["v1"], default)).IsT5.ShouldBeTrue();
        (await connector.GetProfileAsync(Account, default)).IsT3.ShouldBeTrue();

        var taken = measurements.Taken.ToList();
        taken.Where(m => m.Instrument == "creator_marketplace.connector.requests" && m.Endpoint == "channels.list").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(2);
        taken.Where(m => m.Instrument == "creator_marketplace.connector.throttles" && m.Endpoint == "channels.list").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(1);
        taken.Where(m => m.Instrument == "creator_marketplace.connector.errors" && m.Endpoint == "videos.list").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(1);
        taken.ShouldContain(m => m.Instrument == "creator_marketplace.connector.request.duration" && m.Endpoint == "channels.list" && m.Outcome == "ok");
        // No token, key, URL or account is ever a tag.
        taken.SelectMany(m => m.TagKeys).Distinct().Order(StringComparer.Ordinal).ToArray()
            .ShouldBe(["creator_marketplace.connector.endpoint", "creator_marketplace.outcome"]);
    }
}
