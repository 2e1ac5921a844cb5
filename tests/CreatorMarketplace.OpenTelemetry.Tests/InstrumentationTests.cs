using System.Diagnostics;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using CreatorMarketplace.Storage.Sqlite;
using NodaTime;
using NodaTime.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CreatorMarketplace.OpenTelemetry.Tests;

/// <summary>
/// A search, a save and a dispatch, each under a parent span of the test's own, produce the spans and the
/// measurements docs/observability.md lists, with its tags, through AddCreatorMarketplaceInstrumentation and the
/// SDK's in-memory exporters. The tests of this class run one at a time, so the meters measure only them.
/// </summary>
public sealed class InstrumentationTests : IDisposable
{
    private static readonly ActivitySource Test = new("CreatorMarketplace.OpenTelemetry.Tests");

    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 12, 4, 9, 0), Duration.FromSeconds(1));
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _meters;

    public InstrumentationTests()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(Test.Name).AddCreatorMarketplaceInstrumentation().AddInMemoryExporter(_spans).Build()!;
        _meters = Sdk.CreateMeterProviderBuilder().AddCreatorMarketplaceInstrumentation().AddInMemoryExporter(_metrics).Build()!;
    }

    [Fact]
    public async Task A_search_makes_a_span_with_the_catalog_and_counts_and_records_its_duration_and_candidates()
    {
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(new CreatorGenerator(31, _clock).Generate(12).Select(creator => creator.ToListing()));

        using (var parent = Test.StartActivity("test"))
        {
            (await catalog.SearchAsync(new CreatorQuery { PageSize = 5 })).AsT0.TotalCount.ShouldBe(12);
        }

        var span = Spans("creator_marketplace.search").ShouldHaveSingleItem();
        span.Source.Name.ShouldBe(CreatorMarketplaceTelemetry.Core);
        span.GetTagItem("creator_marketplace.catalog").ShouldBe("in_memory");
        span.GetTagItem("creator_marketplace.search.result_count").ShouldBe(5);
        span.GetTagItem("creator_marketplace.search.candidates").ShouldBe(12);
        span.TagObjects.Select(tag => tag.Key).ShouldBe(["creator_marketplace.catalog", "creator_marketplace.search.result_count", "creator_marketplace.search.candidates"], ignoreOrder: true);

        var candidates = Points("creator_marketplace.search.candidates").ShouldHaveSingleItem();
        candidates.Unit.ShouldBe("{creator}");
        candidates.Tags.ShouldBe(new Dictionary<string, object?> { ["creator_marketplace.catalog"] = "in_memory" });
        candidates.Count.ShouldBe(1);
        candidates.Sum.ShouldBe(12);
        var duration = Points("creator_marketplace.search.duration").ShouldHaveSingleItem();
        duration.Unit.ShouldBe("s");
        duration.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Saves_and_loads_in_the_in_memory_and_sqlite_stores_make_spans_and_durations_tagged_with_aggregate_and_outcome()
    {
        var path = Path.Combine(Path.GetTempPath(), $"creator-marketplace-otel-{Guid.NewGuid():N}.db");
        try
        {
            await using var sqlite = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = path });
            IMarketplaceStore[] stores = [new InMemoryMarketplaceStore(), sqlite];
            using (var parent = Test.StartActivity("test"))
            {
                foreach (var store in stores)
                {
                    var creator = new CreatorGenerator(32, _clock).NextNew();
                    (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
                    var stale = (await store.Creators.FindAsync(creator.Id))!;
                    (await store.Creators.SaveAsync((await store.Creators.FindAsync(creator.Id))!)).IsSaved.ShouldBeTrue();
                    (await store.Creators.SaveAsync(stale)).IsSaved.ShouldBeFalse();
                    (await store.Creators.FindAsync(EntityId.New<CreatorId>(_clock))).ShouldBeNull();
                }
            }

            foreach (var source in new[] { CreatorMarketplaceTelemetry.Core, CreatorMarketplaceTelemetry.StorageSqlite })
            {
                Spans("creator_marketplace.store.save").Where(s => s.Source.Name == source).Select(s => s.GetTagItem("creator_marketplace.outcome"))
                    .ShouldBe(["saved", "saved", "conflict"]);
                Spans("creator_marketplace.store.load").Where(s => s.Source.Name == source).Select(s => s.GetTagItem("creator_marketplace.outcome"))
                    .ShouldBe(["found", "found", "not_found"]);
                Spans("creator_marketplace.store.save").Where(s => s.Source.Name == source).ShouldAllBe(s => (string?)s.GetTagItem("creator_marketplace.aggregate") == "Creator");

                var saves = Points("creator_marketplace.store.save.duration", source);
                saves.ShouldAllBe(p => p.Unit == "s" && (string?)p.Tags["creator_marketplace.aggregate"] == "Creator");
                saves.Single(p => (string?)p.Tags["creator_marketplace.outcome"] == "saved").Count.ShouldBe(2);
                saves.Single(p => (string?)p.Tags["creator_marketplace.outcome"] == "conflict").Count.ShouldBe(1);
                Points("creator_marketplace.store.load.duration", source).Single(p => (string?)p.Tags["creator_marketplace.outcome"] == "not_found").Count.ShouldBe(1);
                Points("creator_marketplace.store.conflicts", source).ShouldHaveSingleItem().Sum.ShouldBe(1);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task A_dispatch_makes_a_span_with_what_it_delivered_and_counts_deliveries_failures_and_dead_letters()
    {
        var store = new InMemoryMarketplaceStore();
        for (var i = 0; i < 4; i++)
        {
            (await store.Shortlists.SaveAsync(Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), $"List {i}", _clock))).IsSaved.ShouldBeTrue();
        }

        using (var parent = Test.StartActivity("test"))
        {
            var refusedOnce = 0;
            var report = await new OutboxDispatcher(store.Outbox, new Publisher(_ => refusedOnce++ == 0), _clock, maxAttempts: 1).DispatchPendingAsync();
            report.ShouldBe(new DispatchReport(3, 1, null));
        }

        var span = Spans("creator_marketplace.outbox.dispatch").ShouldHaveSingleItem();
        span.GetTagItem("creator_marketplace.outbox.delivered").ShouldBe(3);
        span.GetTagItem("creator_marketplace.outbox.dead_lettered").ShouldBe(1);
        span.Status.ShouldBe(ActivityStatusCode.Unset);
        Points("creator_marketplace.outbox.delivered").ShouldHaveSingleItem().Sum.ShouldBe(3);
        Points("creator_marketplace.outbox.failed").ShouldHaveSingleItem().Sum.ShouldBe(1);
        Points("creator_marketplace.outbox.dead_lettered").ShouldHaveSingleItem().Sum.ShouldBe(1);
        Points("creator_marketplace.outbox.delivered").Single().Unit.ShouldBe("{event}");
        Points("creator_marketplace.ledger.transactions").ShouldBeEmpty();
    }

    [Fact]
    public void Every_source_and_meter_name_is_the_package_it_belongs_to()
    {
        CreatorMarketplaceTelemetry.Names.ShouldBe([
            "CreatorMarketplace.Core",
            "CreatorMarketplace.Storage.Sqlite",
            "CreatorMarketplace.Storage.PostgreSql",
            "CreatorMarketplace.Connectors.TikTok",
            "CreatorMarketplace.Connectors.YouTube",
            "CreatorMarketplace.Connectors.Instagram",
        ]);
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _meters.Dispose();
    }

    // The spans of the library exported so far, of one name.
    private List<Activity> Spans(string name)
    {
        _tracing.ForceFlush();
        return _spans.Where(span => span.OperationName == name).ToList();
    }

    // The points of one instrument exported at a flush now (cumulative), optionally of one meter.
    private List<Point> Points(string instrument, string meter = CreatorMarketplaceTelemetry.Core)
    {
        _metrics.Clear();
        _meters.ForceFlush();
        var points = new List<Point>();
        foreach (var metric in _metrics.Where(m => m.Name == instrument && m.MeterName == meter))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                var (count, sum) = metric.MetricType switch
                {
                    MetricType.Histogram => (point.GetHistogramCount(), point.GetHistogramSum()),
                    MetricType.LongSum => (1L, point.GetSumLong()),
                    _ => (1L, point.GetSumDouble()),
                };
                points.Add(new Point(metric.Unit, tags, count, sum));
            }
        }

        return points;
    }

    private sealed record Point(string Unit, Dictionary<string, object?> Tags, long Count, double Sum);

    private sealed class Publisher(Func<OutboxMessage, bool> refuses) : IOutboxPublisher
    {
        public ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            refuses(message) ? throw new InvalidOperationException("refused") : ValueTask.CompletedTask;
    }
}
