using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using CreatorMarketplace.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using static CreatorMarketplace.DependencyInjection.CreatorMarketplaceHealthChecksBuilderExtensions;

namespace CreatorMarketplace.DependencyInjection.Tests;

public sealed class HealthCheckTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_store_check_is_healthy_while_the_store_answers_and_unhealthy_when_it_cannot_be_reached()
    {
        var store = new GatedStore();
        await using var provider = Provider(store);

        var healthy = await CheckAsync(provider, StoreCheck);
        store.Down = true;
        var unhealthy = await CheckAsync(provider, StoreCheck);

        healthy.Status.ShouldBe(HealthStatus.Healthy);
        unhealthy.Status.ShouldBe(HealthStatus.Unhealthy);
        unhealthy.Description.ShouldBe("The store cannot be reached (System.InvalidOperationException).");
        unhealthy.Exception.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_outbox_check_grades_the_age_of_the_oldest_pending_event()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T09:00:00Z"));
        await using var provider = Provider(new GatedStore(), time, o => (o.OutboxDegradedAge, o.OutboxUnhealthyAge) = (TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)));
        var clock = provider.GetRequiredService<IClock>();
        var empty = await CheckAsync(provider, OutboxCheck);
        (await provider.GetRequiredService<IRepository<Shortlist, ShortlistId>>().SaveAsync(Shortlist.Create(EntityId.New<ShortlistId>(clock), EntityId.New<BrandId>(clock), "Waiting", clock))).IsSaved.ShouldBeTrue();

        time.Advance(TimeSpan.FromSeconds(59));
        var young = await CheckAsync(provider, OutboxCheck);
        time.Advance(TimeSpan.FromSeconds(1));
        var degraded = await CheckAsync(provider, OutboxCheck);
        time.Advance(TimeSpan.FromMinutes(9));
        var unhealthy = await CheckAsync(provider, OutboxCheck);
        var pending = await provider.GetRequiredService<IOutbox>().ReadPendingAsync(10);
        await provider.GetRequiredService<IOutbox>().MarkDeliveredAsync([.. pending.Select(message => message.EventId)], clock.GetCurrentInstant());
        var delivered = await CheckAsync(provider, OutboxCheck);

        (empty.Status, young.Status, degraded.Status, unhealthy.Status, delivered.Status)
            .ShouldBe((HealthStatus.Healthy, HealthStatus.Healthy, HealthStatus.Degraded, HealthStatus.Unhealthy, HealthStatus.Healthy));
        unhealthy.Description.ShouldBe("1 event(s) pending, the oldest for 00:10:00; 0 dead-lettered.");
        unhealthy.Data["pending"].ShouldBe(1L);
    }

    // The thresholds are set around how far behind a creator's save leaves a follower held up before applying it.
    [Theory]
    [InlineData(HealthStatus.Healthy)]
    [InlineData(HealthStatus.Degraded)]
    [InlineData(HealthStatus.Unhealthy)]
    public async Task The_follower_check_grades_how_far_behind_the_follower_is(HealthStatus expected)
    {
        var store = new GatedStore();
        var behind = 0L;
        await using var provider = Provider(store, configure: o => (o.FollowerDegradedBehind, o.FollowerUnhealthyBehind) = expected switch
        {
            HealthStatus.Healthy => (behind + 1, behind + 2),
            HealthStatus.Degraded => (behind, behind + 1),
            _ => (1, behind),
        });
        var follower = provider.GetRequiredService<CatalogFollower>();
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);
        await follower.WaitUntilCaughtUpAsync().WaitAsync(Patience);

        store.HoldUpCreatorReads();
        (await store.Creators.SaveAsync(new CreatorGenerator(31, provider.GetRequiredService<IClock>()).NextNew())).IsSaved.ShouldBeTrue();
        var head = await store.Changes.HeadAsync();
        while (follower.Status.Head < head)
        {
            await Task.Delay(10);
        }

        behind = follower.Status.Behind;
        var result = await CheckAsync(provider, FollowerCheck);
        store.LetCreatorReadsThrough();
        await StopAsync(stop, run);

        behind.ShouldBeGreaterThan(0, "the follower read the change and waits to apply it");
        result.Status.ShouldBe(expected);
        result.Data["behind"].ShouldBe(behind);
    }

    [Fact]
    public async Task The_follower_check_is_degraded_before_the_follower_loads_and_unhealthy_while_it_cannot_reach_the_store()
    {
        var store = new GatedStore { Down = true };
        await using var provider = Provider(store);
        var follower = provider.GetRequiredService<CatalogFollower>();
        (await CheckAsync(provider, FollowerCheck)).Status.ShouldBe(HealthStatus.Degraded, "not loaded yet");
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);
        while (follower.Status.State != CatalogFollowerState.Unavailable)
        {
            await Task.Delay(10);
        }

        var result = await CheckAsync(provider, FollowerCheck);
        await StopAsync(stop, run);

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldStartWith("The catalog cannot follow the store after 1 failure(s):");
    }

    [Fact]
    public void Bad_thresholds_fail_at_start_naming_each_option_and_rule()
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddCreatorMarketplace(b => b.UseInMemory())
            .AddHealthChecks().AddCreatorMarketplaceChecks(o => (o.OutboxDegradedAge, o.FollowerDegradedBehind, o.FollowerUnhealthyBehind) = (TimeSpan.Zero, 10, 5))
            .Services.BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate()).Failures.ShouldBe([
            "CreatorMarketplaceHealthCheckOptions.outboxDegradedAge: the outbox's degraded age is more than zero. (health.outbox_degraded_age_out_of_range)",
            "CreatorMarketplaceHealthCheckOptions.followerUnhealthyBehind: the follower's unhealthy lag is at least its degraded lag. (health.follower_unhealthy_behind_out_of_range)",
        ]);
    }

    private static ServiceProvider Provider(GatedStore store, TimeProvider? time = null, Action<CreatorMarketplaceHealthCheckOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        return services
            .AddCreatorMarketplace(b => b.UseStore(_ => store).FollowStoreWithCatalog(false))
            .AddHealthChecks().AddCreatorMarketplaceChecks(configure)
            .Services.BuildServiceProvider();
    }

    // A follower's run ends in a cancellation when stopped.
    private static async Task StopAsync(CancellationTokenSource stop, Task run)
    {
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run.WaitAsync(Patience));
    }

    private static async Task<HealthReportEntry> CheckAsync(IServiceProvider provider, string name) =>
        (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(registration => registration.Name == name)).Entries[name];

    // An in-memory store whose change feed can be taken down and whose creator reads can be held up.
    private sealed class GatedStore() : ForwardingStore(new InMemoryMarketplaceStore(TimeProvider.System)), IChangeFeed, IRepository<Creator, CreatorId>
    {
        private volatile TaskCompletionSource? _heldUp;

        public bool Down { get; set; }

        public override IChangeFeed Changes => this;

        public override IRepository<Creator, CreatorId> Creators => this;

        public void HoldUpCreatorReads() => _heldUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void LetCreatorReadsThrough() => _heldUp?.TrySetResult();

        public ValueTask<IReadOnlyList<OutboxMessage>> ReadAsync(long afterPosition, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default) =>
            Down ? throw new InvalidOperationException("the database cannot be reached") : Inner.Changes.ReadAsync(afterPosition, pageSize, cancellationToken);

        public ValueTask<long> HeadAsync(CancellationToken cancellationToken = default) =>
            Down ? throw new InvalidOperationException("the database cannot be reached") : Inner.Changes.HeadAsync(cancellationToken);

        public ValueTask<bool> WaitAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken = default) =>
            Inner.Changes.WaitAsync(afterPosition, timeout, cancellationToken);

        public ValueTask<Creator?> FindAsync(CreatorId id, CancellationToken cancellationToken = default) => Inner.Creators.FindAsync(id, cancellationToken);

        public ValueTask<SaveResult> SaveAsync(Creator aggregate, CancellationToken cancellationToken = default) => Inner.Creators.SaveAsync(aggregate, cancellationToken);

        // The follower reads a changed creator through the bulk read.
        public async IAsyncEnumerable<StoredAggregate<Creator, CreatorId>> ReadAsync(
            CreatorId? afterId = null,
            int pageSize = BulkRead.DefaultPageSize,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (_heldUp is { } heldUp)
            {
                await heldUp.Task.WaitAsync(cancellationToken);
            }

            await foreach (var stored in Inner.Creators.ReadAsync(afterId, pageSize, cancellationToken))
            {
                yield return stored;
            }
        }
    }
}
