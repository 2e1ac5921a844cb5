using System.Collections.Concurrent;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using CreatorMarketplace.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.DependencyInjection.Tests;

public sealed class OutboxDispatcherHostingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "creator-marketplace-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 30, 9, 0), Duration.FromSeconds(1));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_hosted_dispatcher_delivers_every_event_in_order_as_it_is_saved()
    {
        var publisher = new RecordingPublisher("one");
        await using var provider = Services(b => b.UseInMemory(), publisher).BuildServiceProvider();
        var store = provider.GetRequiredService<IMarketplaceStore>();
        var dispatcher = provider.GetServices<IHostedService>().ShouldHaveSingleItem();

        await SaveShortlistsAsync(store, "Early", 3);
        await dispatcher.StartAsync(CancellationToken.None);
        await SaveShortlistsAsync(store, "Late", 3);
        await EventuallyAsync(() => publisher.Delivered.Count == 6);
        await dispatcher.StopAsync(CancellationToken.None);

        publisher.Delivered.Select(d => d.Message.Sequence).ShouldBe([1L, 2L, 3L, 4L, 5L, 6L]);
        (await store.Outbox.ReadPendingAsync(10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refused_event_is_retried_with_doubling_backoff_then_dead_lettered_the_later_ones_delivered_and_a_retry_delivers_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var publisher = new RecordingPublisher("one", time) { Refusing = { "Refused 0" } };
        var services = Services(b => b.UseInMemory(), publisher, o => (o.MaxAttempts, o.MinBackoff, o.MaxBackoff, o.PollingInterval) = (3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)));
        await using var provider = services.AddSingleton<TimeProvider>(time).BuildServiceProvider();
        var store = provider.GetRequiredService<IMarketplaceStore>();
        var dispatcher = provider.GetServices<IHostedService>().ShouldHaveSingleItem();
        await SaveShortlistsAsync(store, "Refused", 1);
        await SaveShortlistsAsync(store, "Accepted", 2);

        await dispatcher.StartAsync(CancellationToken.None);
        await EventuallyAsync(() => publisher.Delivered.Count == 2, time, TimeSpan.FromMilliseconds(100));

        publisher.Refusals.Count.ShouldBe(3);
        (publisher.Refusals[1] - publisher.Refusals[0]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        (publisher.Refusals[2] - publisher.Refusals[1]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2), "the back-off doubles");
        publisher.Delivered.Select(d => Name(d.Message)).ShouldBe(["Accepted 0", "Accepted 1"], "later events are delivered once it is dead-lettered");
        var letter = (await store.Outbox.ReadDeadLettersAsync(10)).ShouldHaveSingleItem();
        letter.Attempts.ShouldBe(3);
        letter.LastErrorType.ShouldBe(typeof(TimeoutException).FullName);

        publisher.Refusing.Clear();
        (await store.Outbox.RetryAllDeadLettersAsync()).ShouldBe(1);
        await EventuallyAsync(() => publisher.Delivered.Count == 3, time, TimeSpan.FromSeconds(10));
        await dispatcher.StopAsync(CancellationToken.None);

        Name(publisher.Delivered[2].Message).ShouldBe("Refused 0", "a retried dead letter is delivered at the next poll");
        (await store.Outbox.ReadDeadLettersAsync(10)).ShouldBeEmpty();
        (await store.Outbox.ReadPendingAsync(10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Stopping_cancels_the_publish_under_way_keeps_what_was_delivered_marked_and_releases_the_lease()
    {
        var publisher = new RecordingPublisher("one") { Blocking = { "List 1" } };
        await using var provider = Services(b => b.UseInMemory(), publisher).BuildServiceProvider();
        var store = provider.GetRequiredService<IMarketplaceStore>();
        var dispatcher = provider.GetServices<IHostedService>().ShouldHaveSingleItem();
        await SaveShortlistsAsync(store, "List", 3);

        await dispatcher.StartAsync(CancellationToken.None);
        await EventuallyAsync(() => publisher.Blocked == 1);
        (await store.OutboxLease.TryAcquireAsync(TimeSpan.FromSeconds(1))).ShouldBeNull("the running dispatcher holds it");
        await dispatcher.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        publisher.Delivered.Select(d => Name(d.Message)).ShouldBe(["List 0"]);
        (await store.Outbox.ReadPendingAsync(10)).Select(Name).ShouldBe(["List 1", "List 2"], "the delivered one is marked; the cancelled one is pending, not a failure");
        (await store.Outbox.ReadDeadLettersAsync(10)).ShouldBeEmpty();
        await using var lease = (await store.OutboxLease.TryAcquireAsync(TimeSpan.FromSeconds(1))).ShouldNotBeNull("stopping released it");
    }

    [Fact]
    public async Task Losing_the_lease_cancels_the_publish_under_way_and_delivering_resumes_only_once_the_lease_is_taken_again()
    {
        var publisher = new RecordingPublisher("one") { Blocking = { "List 1" } };
        var lease = new ControlledLease();
        var inner = new InMemoryMarketplaceStore();
        await using var provider = Services(b => b.UseStore(_ => new StoreWithLease(inner, lease)), publisher, o => o.PollingInterval = TimeSpan.FromMilliseconds(20)).BuildServiceProvider();
        var dispatcher = provider.GetServices<IHostedService>().ShouldHaveSingleItem();
        await SaveShortlistsAsync(inner, "List", 3);

        await dispatcher.StartAsync(CancellationToken.None);
        await EventuallyAsync(() => publisher.Blocked == 1);
        lease.Available = false;
        await lease.LoseAsync();
        await EventuallyAsync(() => lease.Tries >= 3);

        publisher.Delivered.Select(d => Name(d.Message)).ShouldBe(["List 0"], "the publish under way was cancelled");
        (await inner.Outbox.ReadPendingAsync(10)).Select(Name).ShouldBe(["List 1", "List 2"], "what was delivered stays marked");

        publisher.Blocking.Clear();
        lease.Available = true;
        await EventuallyAsync(() => publisher.Delivered.Count == 3);
        await dispatcher.StopAsync(CancellationToken.None);
        publisher.Delivered.Select(d => Name(d.Message)).ShouldBe(["List 0", "List 1", "List 2"]);
    }

    [Fact]
    public async Task Two_hosted_dispatchers_over_one_sqlite_file_deliver_one_at_a_time_and_the_other_takes_over_when_the_holder_stops()
    {
        var path = Path.Combine(_folder, "shared.db");
        var deliveries = new ConcurrentQueue<(string Instance, OutboxMessage Message)>();
        var concurrency = new Concurrency();
        var first = Services(b => b.UseSqlite(o => (o.Path, o.ChangePollingInterval) = (path, TimeSpan.FromMilliseconds(20))), new RecordingPublisher("first", deliveries: deliveries, concurrency: concurrency), Quick).BuildServiceProvider();
        await using var second = Services(b => b.UseSqlite(o => (o.Path, o.ChangePollingInterval) = (path, TimeSpan.FromMilliseconds(20))), new RecordingPublisher("second", deliveries: deliveries, concurrency: concurrency), Quick).BuildServiceProvider();
        var firstDispatcher = first.GetServices<IHostedService>().ShouldHaveSingleItem();
        var secondDispatcher = second.GetServices<IHostedService>().ShouldHaveSingleItem();
        var store = second.GetRequiredService<IMarketplaceStore>();

        await firstDispatcher.StartAsync(CancellationToken.None);
        var shortlists = await SaveShortlistsAsync(store, "Before", 5);
        await EventuallyAsync(() => deliveries.Count >= 5);
        await secondDispatcher.StartAsync(CancellationToken.None);
        await RenameAsync(store, shortlists, "While both run", 4);
        await EventuallyAsync(() => deliveries.Count >= 25);
        deliveries.Select(d => d.Instance).Distinct().ShouldBe(["first"], "the holder delivers, the other waits");

        await firstDispatcher.StopAsync(CancellationToken.None);
        await first.DisposeAsync();
        await RenameAsync(store, shortlists, "After the first stopped", 4);
        await EventuallyAsync(async () => (await store.Outbox.ReadPendingAsync(1)).Count == 0 && deliveries.Count >= 45);
        await secondDispatcher.StopAsync(CancellationToken.None);

        deliveries.Skip(25).Select(d => d.Instance).Distinct().ShouldBe(["second"], "the other took over");
        concurrency.Most.ShouldBe(1, "one instance delivers at a time");
        var all = await store.Changes.ReadAsync(0);
        all.Count.ShouldBe(45);
        deliveries.Select(d => d.Message.EventId).Distinct().Count().ShouldBe(45, "every event at least once");
        foreach (var aggregate in deliveries.GroupBy(d => d.Message.AggregateId))
        {
            var versions = aggregate.Select(d => d.Message.AggregateVersion).ToList();
            versions.ShouldBe(versions.Order().ToList(), "in order per aggregate");
        }
    }

    [Fact]
    public void Bad_dispatcher_options_fail_at_start_naming_each_option_and_rule()
    {
        using var provider = Services(b => b.UseInMemory(), new RecordingPublisher("one"), o => (o.BatchSize, o.MaxAttempts, o.MinBackoff, o.MaxBackoff, o.LeaseRenewalInterval, o.PollingInterval) =
            (0, 1_001, TimeSpan.FromMinutes(2), TimeSpan.FromDays(2), TimeSpan.Zero, TimeSpan.FromHours(2))).BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Failures.ShouldBe([
            "OutboxDispatcherOptions.batchSize: a pass reads from 1 to 10,000 events at a time. (outbox_dispatcher.batch_size_out_of_range)",
            "OutboxDispatcherOptions.maxAttempts: an event is dead-lettered after 1 to 1,000 failed attempts. (outbox_dispatcher.max_attempts_out_of_range)",
            "OutboxDispatcherOptions.maxBackoff: the longest back-off is at most a day. (outbox_dispatcher.max_backoff_out_of_range)",
            "OutboxDispatcherOptions.leaseRenewalInterval: the lease's renewal interval is more than zero and at most an hour. (outbox_dispatcher.lease_renewal_interval_out_of_range)",
            "OutboxDispatcherOptions.pollingInterval: the polling interval is at least a millisecond and at most an hour. (outbox_dispatcher.polling_interval_out_of_range)",
        ]);
        using var backwards = Services(b => b.UseInMemory(), new RecordingPublisher("one"), o => (o.MinBackoff, o.MaxBackoff) = (TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1))).BuildServiceProvider();
        Should.Throw<OptionsValidationException>(() => backwards.GetRequiredService<IStartupValidator>().Validate()).Failures.ShouldHaveSingleItem().ShouldStartWith("OutboxDispatcherOptions.minBackoff:");
    }

    [Fact]
    public void The_hosted_dispatcher_needs_a_publisher_and_is_registered_once()
    {
        var services = new ServiceCollection().AddCreatorMarketplace(b => b.UseInMemory().AddOutboxDispatcher().AddOutboxDispatcher());
        using var provider = services.BuildServiceProvider();

        // The catalog follower's hosted service and the dispatcher's, once each.
        services.Count(d => d.ServiceType == typeof(IHostedService)).ShouldBe(2);
        Should.Throw<InvalidOperationException>(() => provider.GetServices<IHostedService>().ToList()).Message
            .ShouldBe("AddOutboxDispatcher: no IOutboxPublisher is registered; add one with AddCreatorMarketplace(b => b.AddOutboxPublisher<TPublisher>()).");
    }

    [Fact]
    public async Task A_store_error_while_the_dispatcher_waits_for_the_next_change_is_backed_off_and_delivering_goes_on()
    {
        var publisher = new RecordingPublisher("one");
        var store = new UnreachableFeedStore(new InMemoryMarketplaceStore(), failures: 3, failWaits: true);
        await using var provider = Services(b => b.UseStore(_ => store), publisher, Quick).BuildServiceProvider();
        var dispatcher = (BackgroundService)provider.GetServices<IHostedService>().ShouldHaveSingleItem();

        await SaveShortlistsAsync(store, "Before", 1);
        await dispatcher.StartAsync(CancellationToken.None);
        await EventuallyAsync(() => store.Calls > 3 && publisher.Delivered.Count == 1);
        await SaveShortlistsAsync(store, "After", 1);
        await EventuallyAsync(() => publisher.Delivered.Count == 2);
        var running = dispatcher.ExecuteTask!.IsCompleted;
        await dispatcher.StopAsync(CancellationToken.None);

        running.ShouldBeFalse("the dispatcher went on after the store's errors");
        publisher.Delivered.Select(d => Name(d.Message)).ShouldBe(["Before 0", "After 0"]);
    }

    // Quick to poll and retry. The lease is renewed each second, so that it lasts three: a holder held up a few hundred
    // milliseconds on a busy machine (other test processes starting) keeps it; a holder that stops releases it at once.
    private static void Quick(OutboxDispatcherOptions options) =>
        (options.LeaseRenewalInterval, options.PollingInterval, options.MinBackoff) = (TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(10));

    private IServiceCollection Services(Action<CreatorMarketplaceBuilder> store, RecordingPublisher publisher, Action<OutboxDispatcherOptions>? configure = null) =>
        new ServiceCollection()
            .AddSingleton<IClock>(_clock)
            .AddSingleton<IOutboxPublisher>(publisher)
            .AddCreatorMarketplace(b =>
            {
                // The dispatcher alone among the hosted services: the catalog follower is tested on its own.
                store(b);
                b.FollowStoreWithCatalog(false).AddOutboxDispatcher(configure);
            });

    private async Task<List<Shortlist>> SaveShortlistsAsync(IMarketplaceStore store, string name, int count)
    {
        var shortlists = new List<Shortlist>();
        for (var i = 0; i < count; i++)
        {
            var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), $"{name} {i}", _clock);
            (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
            shortlists.Add(shortlist);
        }

        return shortlists;
    }

    private async Task RenameAsync(IMarketplaceStore store, List<Shortlist> shortlists, string name, int times)
    {
        for (var round = 0; round < times; round++)
        {
            for (var i = 0; i < shortlists.Count; i++)
            {
                var shortlist = shortlists[i];
                shortlist.Rename($"{name} {round}.{i}", _clock);
                (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
            }
        }
    }

    private static string Name(OutboxMessage message) => message.Event switch
    {
        ShortlistCreated created => created.Name,
        ShortlistRenamed renamed => renamed.Name,
        _ => message.Event.GetType().Name,
    };

    private static Task EventuallyAsync(Func<bool> condition) => EventuallyAsync(() => Task.FromResult(condition()));

    // Waits, in real time, until the condition holds; with a fake clock, moves it on a step between looks.
    private static async Task EventuallyAsync(Func<Task<bool>> condition, FakeTimeProvider? time = null, TimeSpan step = default)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            await Task.Delay(10, patience.Token);
            time?.Advance(step);
        }
    }

    private static Task EventuallyAsync(Func<bool> condition, FakeTimeProvider time, TimeSpan step) => EventuallyAsync(() => Task.FromResult(condition()), time, step);

    // A lease the test takes away and gives back.
    private sealed class ControlledLease : IOutboxLease
    {
        private CancellationTokenSource _lost = new();
        private int _tries;

        public volatile bool Available = true;

        public int Tries => Volatile.Read(ref _tries);

        public Task LoseAsync() => _lost.CancelAsync();

        public ValueTask<IHeldLease?> TryAcquireAsync(TimeSpan renewalInterval, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _tries);
            if (!Available)
            {
                return ValueTask.FromResult<IHeldLease?>(null);
            }

            _lost = new CancellationTokenSource();
            return ValueTask.FromResult<IHeldLease?>(new Held(_lost.Token));
        }

        private sealed class Held(CancellationToken lost) : IHeldLease
        {
            public CancellationToken Lost => lost;

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    // An in-memory store whose outbox lease the test controls.
    private sealed class StoreWithLease(InMemoryMarketplaceStore inner, IOutboxLease lease) : ForwardingStore(inner)
    {
        public override IOutboxLease OutboxLease => lease;
    }

    private sealed class Concurrency
    {
        private int _now;
        private int _most;

        public int Most => _most;

        public void Enter()
        {
            var now = Interlocked.Increment(ref _now);
            int most;
            while (now > (most = _most) && Interlocked.CompareExchange(ref _most, now, most) != most)
            {
            }
        }

        public void Leave() => Interlocked.Decrement(ref _now);
    }

    private sealed class RecordingPublisher(string instance, TimeProvider? time = null, ConcurrentQueue<(string Instance, OutboxMessage Message)>? deliveries = null, Concurrency? concurrency = null) : IOutboxPublisher
    {
        private int _blocked;

        public ConcurrentQueue<(string Instance, OutboxMessage Message)> All { get; } = deliveries ?? new();

        public List<(string Instance, OutboxMessage Message)> Delivered => [.. All.Where(d => d.Instance == instance)];

        public HashSet<string> Refusing { get; } = [];

        public HashSet<string> Blocking { get; } = [];

        public List<DateTimeOffset> Refusals { get; } = [];

        public int Blocked => Volatile.Read(ref _blocked);

        public async ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            concurrency?.Enter();
            try
            {
                if (Refusing.Contains(Name(message)))
                {
                    Refusals.Add((time ?? TimeProvider.System).GetUtcNow());
                    throw new TimeoutException("the bus at Host=bus;Password=hunter2 timed out");
                }

                if (Blocking.Contains(Name(message)))
                {
                    Interlocked.Increment(ref _blocked);
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                await Task.Yield();
                All.Enqueue((instance, message));
            }
            finally
            {
                concurrency?.Leave();
            }
        }
    }
}
