using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage.PostgreSql;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>
/// The PostgreSQL package's spans and instruments on its own source and meter: a search of its catalog and a save,
/// a conflict and a load of its store. Other tests use the same meter at the same time, so each check looks for
/// what this test alone causes.
/// </summary>
public sealed class PostgreSqlTelemetryTests : IAsyncLifetime
{
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 12, 4, 9, 0), Duration.FromSeconds(1));
    private readonly List<string> _schemas = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => PostgreSqlServer.DropAsync(_schemas);

    [SkippableFact]
    public async Task A_search_and_a_save_are_measured_and_traced_on_the_packages_meter_and_source()
    {
        var schema = PostgreSqlServer.NewSchema();
        _schemas.Add(schema);
        var options = new PostgreSqlStoreOptions { Schema = schema };
        var catalog = new PostgreSqlCreatorCatalog(PostgreSqlServer.DataSource(), options);
        var store = new PostgreSqlMarketplaceStore(PostgreSqlServer.DataSource(), options);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CreatorMarketplaceTelemetry.StoragePostgreSql,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == CreatorMarketplaceTelemetry.StoragePostgreSql)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        meters.Start();

        var creators = new CreatorGenerator(41, _clock).Generate(23).ToList();
        foreach (var creator in creators)
        {
            (await catalog.UpsertAsync(creator.ToListing())).ShouldBeTrue();
        }

        (await catalog.SearchAsync(new CreatorQuery { PageSize = 4 })).AsT0.TotalCount.ShouldBe(23);
        var saved = new CreatorGenerator(42, _clock).NextNew();
        (await store.Creators.SaveAsync(saved)).IsSaved.ShouldBeTrue();
        var stale = (await store.Creators.FindAsync(saved.Id))!;
        (await store.Creators.SaveAsync((await store.Creators.FindAsync(saved.Id))!)).IsSaved.ShouldBeTrue();
        (await store.Creators.SaveAsync(stale)).IsSaved.ShouldBeFalse();

        measurements.ShouldContain(m => m.Instrument == "creator_marketplace.search.candidates" && m.Value == 23 && Tag(m.Tags, "creator_marketplace.catalog") == "postgresql");
        measurements.ShouldContain(m => m.Instrument == "creator_marketplace.search.duration" && Tag(m.Tags, "creator_marketplace.catalog") == "postgresql");
        spans.ShouldContain(s => s.OperationName == "creator_marketplace.search" && Equals(s.GetTagItem("creator_marketplace.search.candidates"), 23) && Equals(s.GetTagItem("creator_marketplace.search.result_count"), 4));
        measurements.ShouldContain(m => m.Instrument == "creator_marketplace.store.save.duration" && Tag(m.Tags, "creator_marketplace.outcome") == "conflict" && Tag(m.Tags, "creator_marketplace.aggregate") == "Creator");
        measurements.ShouldContain(m => m.Instrument == "creator_marketplace.store.load.duration" && Tag(m.Tags, "creator_marketplace.outcome") == "found");
        measurements.ShouldContain(m => m.Instrument == "creator_marketplace.store.conflicts" && Tag(m.Tags, "creator_marketplace.aggregate") == "Creator");
        spans.ShouldContain(s => s.OperationName == "creator_marketplace.store.save" && Equals(s.GetTagItem("creator_marketplace.outcome"), "conflict"));
    }

    private static string? Tag(KeyValuePair<string, object?>[] tags, string name) => tags.FirstOrDefault(tag => tag.Key == name).Value as string;
}
