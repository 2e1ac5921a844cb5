using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Telemetry;

/// <summary>
/// Core's instruments, read with a <see cref="MeterListener"/> as any listener reads them. Other tests measure on the
/// same meter at the same time, so each test looks for what it alone can have caused, or for at least its own part.
/// </summary>
public sealed class CoreTelemetryTests
{
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 12, 4, 9, 0), Duration.FromSeconds(1));

    [Fact]
    public async Task A_search_of_the_in_memory_catalog_records_its_duration_and_candidates()
    {
        using var measurements = new Measurements();
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(new CreatorGenerator(21, _clock).Generate(37).Select(creator => creator.ToListing())).ShouldBe(37);

        var page = (await catalog.SearchAsync(new CreatorQuery { PageSize = 5 })).AsT0;

        page.TotalCount.ShouldBe(37);
        measurements.Of("creator_marketplace.search.candidates").ShouldContain(m => m.Value == 37 && m.Tag("creator_marketplace.catalog") == "in_memory");
        measurements.Of("creator_marketplace.search.duration").ShouldContain(m => m.Value >= 0 && m.Tag("creator_marketplace.catalog") == "in_memory");
    }

    [Fact]
    public async Task A_save_and_a_load_of_the_in_memory_store_record_their_outcomes_and_a_conflict_is_counted()
    {
        using var measurements = new Measurements();
        var store = new InMemoryMarketplaceStore();
        var creator = new CreatorGenerator(22, _clock).NextNew();
        (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        var stale = (await store.Creators.FindAsync(creator.Id))!;
        var fresh = (await store.Creators.FindAsync(creator.Id))!;
        (await store.Creators.SaveAsync(fresh)).IsSaved.ShouldBeTrue();

        (await store.Creators.SaveAsync(stale)).IsSaved.ShouldBeFalse();

        var saves = measurements.Of("creator_marketplace.store.save.duration").Where(m => m.Tag("creator_marketplace.aggregate") == "Creator").ToList();
        saves.ShouldContain(m => m.Tag("creator_marketplace.outcome") == "saved");
        saves.ShouldContain(m => m.Tag("creator_marketplace.outcome") == "conflict");
        measurements.Of("creator_marketplace.store.load.duration").ShouldContain(m => m.Tag("creator_marketplace.aggregate") == "Creator" && m.Tag("creator_marketplace.outcome") == "found");
        measurements.Of("creator_marketplace.store.conflicts").ShouldContain(m => m.Value == 1 && m.Tag("creator_marketplace.aggregate") == "Creator");
    }

    [Fact]
    public async Task A_dispatch_counts_the_events_it_delivers_and_the_attempts_that_fail()
    {
        using var measurements = new Measurements();
        var store = new InMemoryMarketplaceStore();
        for (var i = 0; i < 3; i++)
        {
            (await store.Shortlists.SaveAsync(Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), $"List {i}", _clock))).IsSaved.ShouldBeTrue();
        }

        (await new OutboxDispatcher(store.Outbox, new Refusing(), _clock, maxAttempts: 1).DispatchPendingAsync()).DeadLettered.ShouldBe(3);

        measurements.Of("creator_marketplace.outbox.failed").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(3);
        measurements.Of("creator_marketplace.outbox.dead_lettered").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(3);
        foreach (var deadLetter in await store.Outbox.ReadDeadLettersAsync(10))
        {
            (await store.Outbox.RetryDeadLetterAsync(deadLetter.Message.EventId)).ShouldBeTrue();
        }

        (await new OutboxDispatcher(store.Outbox, new Accepting(), _clock).DispatchPendingAsync()).Delivered.ShouldBe(3);
        measurements.Of("creator_marketplace.outbox.delivered").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task The_backlog_gauges_read_what_the_last_pass_left_pending_and_dead_lettered_and_its_age()
    {
        using var measurements = new Measurements();
        var store = new InMemoryMarketplaceStore();
        for (var i = 0; i < 2; i++)
        {
            (await store.Shortlists.SaveAsync(Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), $"List {i}", _clock))).IsSaved.ShouldBeTrue();
        }

        // One refused attempt of two allowed: the first event stays pending, and the pass stops at it.
        var clock = new FakeClock(_clock.GetCurrentInstant() + Duration.FromMinutes(5));
        (await new OutboxDispatcher(store.Outbox, new Refusing(), clock, maxAttempts: 2).DispatchPendingAsync()).Failure.ShouldNotBeNull();
        measurements.Observe();

        measurements.Of("creator_marketplace.outbox.pending").ShouldContain(m => m.Value == 2);
        measurements.Of("creator_marketplace.outbox.dead_letters").ShouldContain(m => m.Value == 0);
        measurements.Of("creator_marketplace.outbox.oldest_pending.age").ShouldContain(m => m.Value >= 5 * 60);
    }

    [Fact]
    public async Task The_lag_gauge_reads_how_far_a_running_follower_is_behind_and_applied_changes_are_counted()
    {
        using var measurements = new Measurements();
        var store = new InMemoryMarketplaceStore();
        (await store.Creators.SaveAsync(new CreatorGenerator(23, _clock).NextNew())).IsSaved.ShouldBeTrue();
        for (var i = 0; i < 500; i++)
        {
            (await store.Shortlists.SaveAsync(Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), $"List {i}", _clock))).IsSaved.ShouldBeTrue();
        }

        var head = await store.Changes.HeadAsync();
        var catalog = new HeldCatalog();
        var follower = new CatalogFollower(store, catalog, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);
        await catalog.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // Held in its load, at position 0: the whole feed behind it.
        measurements.Observe();
        measurements.Of("creator_marketplace.follower.lag").ShouldContain(m => m.Value >= head);

        catalog.Release.SetResult();
        await follower.WaitUntilCaughtUpAsync().WaitAsync(TimeSpan.FromSeconds(20));
        (await store.Creators.SaveAsync(new CreatorGenerator(24, _clock).NextNew())).IsSaved.ShouldBeTrue();
        await follower.WaitUntilCaughtUpAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);

        measurements.Of("creator_marketplace.follower.applied").Sum(m => m.Value).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_compaction_that_writers_wait_for_records_its_duration_and_the_rows_it_dropped()
    {
        using var measurements = new Measurements();
        using var spans = new CompactionSpans();
        var creators = new CreatorGenerator(25, _clock).Generate(100).ToList();
        var catalog = new InMemoryCreatorCatalog();
        foreach (var creator in creators)
        {
            (await catalog.UpsertAsync(creator.ToListing())).ShouldBeTrue();
        }

        // Each round retires a row of every creator: the 1,025th retired row, more than the catalog's first 1,024
        // rows and than its 100 living ones, sets off a compaction that drops them all; 75 upserts follow it.
        foreach (var listing in NewerVersions(creators, rounds: 11))
        {
            (await catalog.UpsertAsync(listing)).ShouldBeTrue();
        }

        catalog.RowsWritten.ShouldBe(175);
        var span = spans.Taken.ShouldHaveSingleItem();
        span.GetTagItem("creator_marketplace.compaction.dropped_rows").ShouldBe(1_025);
        span.GetTagItem("creator_marketplace.compaction.kept_rows").ShouldBe(100);
        measurements.Of("creator_marketplace.catalog.compaction.dropped_rows").ShouldContain(m => m.Value == 1_025);
        measurements.Of("creator_marketplace.catalog.compaction.duration").ShouldContain(m => m.Value > 0);
    }

    [Fact]
    public async Task A_compaction_that_fails_marks_its_span_failed_and_records_its_duration_with_the_error_type()
    {
        using var measurements = new Measurements();
        using var spans = new CompactionSpans();
        var creators = new CreatorGenerator(27, _clock).Generate(100).ToList();
        // A type no other test's compaction throws: the meter is the process's.
        var catalog = new InMemoryCreatorCatalog { CompactionStarting = () => throw new InsufficientMemoryException("no memory for the new chunks") };
        foreach (var creator in creators)
        {
            (await catalog.UpsertAsync(creator.ToListing())).ShouldBeTrue();
        }

        foreach (var listing in NewerVersions(creators, rounds: 11))
        {
            (await catalog.UpsertAsync(listing)).ShouldBeTrue();
        }

        var span = spans.Taken.ShouldHaveSingleItem();
        span.Status.ShouldBe(ActivityStatusCode.Error);
        span.GetTagItem("error.type").ShouldBe(typeof(InsufficientMemoryException).FullName);
        span.GetTagItem("creator_marketplace.compaction.dropped_rows").ShouldBeNull();
        span.Events.ShouldBeEmpty("the exception's message is not recorded");
        measurements.Of("creator_marketplace.catalog.compaction.duration").ShouldContain(m => m.Tag("error.type") == typeof(InsufficientMemoryException).FullName);
    }

    [Fact]
    public void The_compactions_of_a_loads_own_rows_are_not_reported_as_writers_waits()
    {
        using var spans = new CompactionSpans();
        var creators = new CreatorGenerator(26, _clock).Generate(100).ToList();
        var listings = NewerVersions(creators, rounds: 12).ToList();
        var catalog = new InMemoryCreatorCatalog();

        // 1,100 of the rows the load writes into its own catalog are retired there, and compacted away before the
        // catalog is published: no writer of this catalog waits for that.
        catalog.Load(listings).ShouldBe(100);

        catalog.RowsWritten.ShouldBe(100);
        spans.Taken.ShouldBeEmpty();
    }

    // Rounds of a newer version of every creator, each taken as it is made.
    private IEnumerable<CreatorListing> NewerVersions(List<Creator> creators, int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            foreach (var creator in creators)
            {
                creator.SetOnVacation(!creator.OnVacation, _clock);
                creator.MarkStored(creator.Version + 1);
                yield return creator.ToListing();
            }
        }
    }

    private sealed class Refusing : IOutboxPublisher
    {
        public ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken) => throw new InvalidOperationException("refused");
    }

    private sealed class Accepting : IOutboxPublisher
    {
        public ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    // A catalog whose first upsert waits until released, so that a follower stays in its load.
    private sealed class HeldCatalog : ICreatorCatalog
    {
        private readonly InMemoryCreatorCatalog _inner = new();

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<bool> UpsertAsync(CreatorListing listing, CancellationToken cancellationToken = default)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return await _inner.UpsertAsync(listing, cancellationToken);
        }

        public ValueTask<bool> RemoveAsync(CreatorId creator, CancellationToken cancellationToken = default) => _inner.RemoveAsync(creator, cancellationToken);

        public ValueTask<CreatorListing?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default) => _inner.FindAsync(creator, cancellationToken);

        public ValueTask<CreatorSearchResult> SearchAsync(CreatorQuery query, CancellationToken cancellationToken = default) => _inner.SearchAsync(query, cancellationToken);
    }

    /// <summary>The compaction spans of Core's source that start while alive, under a parent span of their own.</summary>
    private sealed class CompactionSpans : IDisposable
    {
        private readonly Activity _parent = new Activity("test").Start();
        private readonly ConcurrentQueue<Activity> _taken = new();
        private readonly ActivityListener _listener;

        public CompactionSpans()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == CreatorMarketplaceTelemetry.Core,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.OperationName == "creator_marketplace.catalog.compaction" && activity.ParentId == _parent.Id)
                    {
                        _taken.Enqueue(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> Taken => [.. _taken];

        public void Dispose()
        {
            _listener.Dispose();
            _parent.Dispose();
        }
    }

    /// <summary>Every measurement of Core's meter while alive, as doubles with their tags.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _taken = new();

        public Measurements()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CreatorMarketplaceTelemetry.Core)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _taken.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _taken.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.Start();
        }

        public void Observe() => _listener.RecordObservableInstruments();

        public IEnumerable<Taken> Of(string instrument) =>
            _taken.Where(m => m.Instrument == instrument).Select(m => new Taken(m.Value, m.Tags)).ToList();

        public void Dispose() => _listener.Dispose();

        public sealed record Taken(double Value, KeyValuePair<string, object?>[] Tags)
        {
            public string? Tag(string name) => Tags.FirstOrDefault(tag => tag.Key == name).Value as string;
        }
    }
}
