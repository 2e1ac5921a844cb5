namespace CreatorMarketplace.Connectors.Instagram.Tests;

/// <summary>
/// The connector's requests, throttles and errors on its meter, tagged with the endpoint and the outcome only, and
/// cancellation. Other tests call the connector at the same time, so each count is at least this test's own.
/// </summary>
public sealed class TelemetryAndCancellationTests : InstagramTestBase
{
    [Fact]
    public async Task Calls_are_counted_by_endpoint_and_outcome_with_no_other_tag()
    {
        using var measurements = new ConnectorMeasurements(CreatorMarketplaceTelemetry.ConnectorsInstagram);
        Instagram.On(Graph.User, Graph.Profile(), Graph.Error(400, 80002, "Too many calls."));
        Instagram.On(Graph.Media("p1"), new Answer(200, "[]"));
        var connector = Connector();

        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        (await connector.GetProfileAsync(Account, default)).IsT3.ShouldBeTrue();
        (await connector.GetPostMetricsAsync(Account, ["p1"], default)).IsT3.ShouldBeTrue();

        var taken = measurements.Taken.ToList();
        taken.Where(m => m.Instrument == "creator_marketplace.connector.requests" && m.Endpoint == "user").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(2);
        taken.Where(m => m.Instrument == "creator_marketplace.connector.throttles" && m.Endpoint == "media/insights").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(1);
        taken.ShouldContain(m => m.Instrument == "creator_marketplace.connector.request.duration" && m.Endpoint == "user" && m.Outcome == "ok");
        taken.SelectMany(m => m.TagKeys).Distinct().Order(StringComparer.Ordinal).ToArray()
            .ShouldBe(["creator_marketplace.connector.endpoint", "creator_marketplace.outcome"]);
    }

    [Fact]
    public async Task Cancelling_a_call_throws_and_is_never_a_result()
    {
        Instagram.On(Graph.User, Graph.Profile() with { Delay = TimeSpan.FromSeconds(30) });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(async () => await Connector().GetProfileAsync(Account, cancellation.Token));
    }
}
