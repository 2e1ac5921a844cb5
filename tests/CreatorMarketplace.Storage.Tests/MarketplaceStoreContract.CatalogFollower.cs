using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Tests.Discovery;
using NodaTime.Testing;

namespace CreatorMarketplace.Storage.Tests;

// A catalog following the store: loaded from what the store holds, then kept up to date by its change feed, losing
// nothing saved during the load, resumable after a stop, and never stopped by a creator it cannot take.
public abstract partial class MarketplaceStoreContract
{
    /// <summary>Stores the creator (new, never saved) so that this store cannot read it back; its change is on the feed.</summary>
    protected abstract Task StoreUnreadableAsync(IMarketplaceStore store, Creator creator);

    [SkippableFact]
    public async Task A_follower_loads_the_creators_the_store_holds_and_finds_later_saves()
    {
        var store = await CreateStoreAsync();
        var generator = new CreatorGenerator(31, Clock);
        var creators = await SaveNewCreatorsAsync(store, generator, 12);
        var catalog = new InMemoryCreatorCatalog();
        var follower = new CatalogFollower(store, catalog, TimeProvider.System, pageSize: 5);
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);

        await follower.WaitUntilCaughtUpAsync().WaitAsync(LongWait);
        catalog.Count.ShouldBe(12);
        follower.Position.ShouldBe(await store.Changes.HeadAsync());
        await ShouldAnswerAsTheStoreAsync(store, catalog);

        var later = await SaveNewCreatorsAsync(store, generator, 3);
        var changed = (await store.Creators.FindAsync(creators[4].Id)).ShouldNotBeNull();
        changed.SetOnVacation(!changed.OnVacation, Clock);
        (await store.Creators.SaveAsync(changed)).IsSaved.ShouldBeTrue();
        await follower.WaitUntilCaughtUpAsync().WaitAsync(LongWait);

        (await catalog.FindAsync(later[2].Id)).ShouldNotBeNull().Version.ShouldBe(1);
        (await catalog.FindAsync(changed.Id)).ShouldNotBeNull().Version.ShouldBe(changed.Version);
        var found = (await catalog.SearchAsync(new CreatorQuery { PageSize = 100 })).AsT0;
        found.TotalCount.ShouldBe(15);
        found.Items.Select(listing => listing.Id).ShouldContain(later[0].Id);
        await ShouldAnswerAsTheStoreAsync(store, catalog);
        follower.Status.Faults.ShouldBe(0);

        await StopAsync(stop, run);
    }

    [SkippableFact]
    public async Task Creators_saved_while_the_follower_loads_are_not_lost()
    {
        var store = await CreateStoreAsync();
        var generator = new CreatorGenerator(37, Clock);
        var creators = await SaveNewCreatorsAsync(store, generator, 10);
        var ordered = creators.Select(c => c.Id).Order().ToList();
        var savedDuringLoad = new List<CreatorId>();
        var head = await store.Changes.HeadAsync();
        CatalogFollower? follower = null;
        CatalogFollowerStatus? whileLoading = null;

        // On the third listing loaded: a new creator, and a change to one already loaded and to one not yet read.
        var catalog = new CatalogDuringLoad(new InMemoryCreatorCatalog(), upserts: 3, async () =>
        {
            whileLoading = follower!.Status;
            savedDuringLoad.AddRange((await SaveNewCreatorsAsync(store, generator, 1)).Select(c => c.Id));
            foreach (var id in new[] { ordered[0], ordered[^1] })
            {
                var creator = (await store.Creators.FindAsync(id)).ShouldNotBeNull();
                creator.SetOnVacation(!creator.OnVacation, Clock);
                (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
            }
        });
        follower = new CatalogFollower(store, catalog, TimeProvider.System, pageSize: 2);
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);

        await follower.WaitUntilCaughtUpAsync().WaitAsync(LongWait);
        catalog.Hooked.ShouldBeTrue();
        whileLoading.ShouldNotBeNull();
        whileLoading.State.ShouldBe(CatalogFollowerState.Loading);
        whileLoading.Head.ShouldBe(head, "the head the load started from tells how far behind it is");
        whileLoading.IsCaughtUp.ShouldBeFalse();

        // The head now holds the saves made during the load, which the first wait may have been called before.
        await follower.WaitUntilCaughtUpAsync().WaitAsync(LongWait);
        (await catalog.FindAsync(savedDuringLoad.ShouldHaveSingleItem())).ShouldNotBeNull();
        (await catalog.FindAsync(ordered[0])).ShouldNotBeNull().Version.ShouldBe(2);
        (await catalog.FindAsync(ordered[^1])).ShouldNotBeNull().Version.ShouldBe(2);
        await ShouldAnswerAsTheStoreAsync(store, catalog);

        await StopAsync(stop, run);
    }

    [SkippableFact]
    public async Task A_follower_stopped_during_writes_and_resumed_answers_as_the_reference_catalog_over_the_store()
    {
        var store = await CreateStoreAsync();
        var other = await OpenAgainAsync(store);
        await SaveNewCreatorsAsync(store, new CreatorGenerator(41, Clock), 10);
        var catalog = new InMemoryCreatorCatalog();

        // The follower reads through the second instance, which polls for what the first one saves.
        var follower = new CatalogFollower(other, catalog, TimeProvider.System, pageSize: 7);
        using var first = new CancellationTokenSource();
        var run = follower.RunAsync(first.Token);
        var writers = Task.WhenAll(
            Task.Run(() => WriteCreatorsAsync(store, seed: 1, saves: 60)),
            Task.Run(() => WriteCreatorsAsync(other, seed: 2, saves: 60)));

        await follower.WaitUntilCaughtUpAsync().WaitAsync(LongWait);
        await StopAsync(first, run);
        follower.Status.State.ShouldBe(CatalogFollowerState.Stopped);
        var stoppedAt = follower.Position;

        using var second = new CancellationTokenSource();
        var resumed = follower.RunAsync(second.Token);
        await writers;
        await follower.WaitUntilCaughtUpAsync().WaitAsync(LongWait);

        follower.Position.ShouldBeGreaterThanOrEqualTo(stoppedAt);
        follower.Position.ShouldBe(await store.Changes.HeadAsync());
        follower.Status.Faults.ShouldBe(0);
        catalog.Count.ShouldBe(await store.Creators.ReadListingsAsync().CountAsync());
        await ShouldAnswerAsTheStoreAsync(store, catalog);

        await StopAsync(second, resumed);
    }

    [SkippableFact]
    public async Task A_creator_the_store_cannot_read_is_reported_with_its_position_and_the_follower_goes_on()
    {
        var store = await CreateStoreAsync();
        var generator = new CreatorGenerator(43, Clock);
        await SaveNewCreatorsAsync(store, generator, 3);
        var unreadAtLoad = generator.NextNew();
        await StoreUnreadableAsync(store, unreadAtLoad);
        await SaveNewCreatorsAsync(store, generator, 2);
        var start = await store.Changes.HeadAsync();
        var catalog = new InMemoryCreatorCatalog();
        var follower = new CatalogFollower(store, catalog, TimeProvider.System, pageSize: 2);
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);
        await follower.WaitUntilCaughtUpAsync().WaitAsync(LongWait);
        await StopAsync(stop, run);

        var atLoad = follower.RecentFaults.ShouldHaveSingleItem();
        atLoad.Creator.ShouldBe(unreadAtLoad.Id.Value);
        atLoad.Position.ShouldBe(start, "a fault met while loading is reported at the position the load started from");
        atLoad.Reason.ShouldStartWith(nameof(UnreadableAggregateException) + ": ");
        catalog.Count.ShouldBe(5, "the creators after the unreadable one are loaded");

        // Stored while the follower is stopped: a store may write an unreadable creator in two steps (the in-memory
        // test store saves it, then spoils it), which a running follower could read between.
        var unreadLater = generator.NextNew();
        await StoreUnreadableAsync(store, unreadLater);
        var after = await SaveNewCreatorsAsync(store, generator, 1);
        using var restart = new CancellationTokenSource();
        run = follower.RunAsync(restart.Token);
        await follower.WaitUntilCaughtUpAsync().WaitAsync(LongWait);

        var changes = await store.Changes.ReadAsync(start);
        // Reported once for each page its changes are read in.
        var later = follower.RecentFaults.Skip(1).ToList();
        later.ShouldNotBeEmpty();
        later.ShouldAllBe(fault => fault.Creator == unreadLater.Id.Value);
        later[^1].Position.ShouldBe(changes.Last(change => change.AggregateId == unreadLater.Id.Value).Sequence);
        later.Select(fault => fault.Position).ShouldBeSubsetOf(changes.Where(change => change.AggregateId == unreadLater.Id.Value).Select(change => change.Sequence));
        follower.Status.Faults.ShouldBe(1 + later.Count);
        follower.Status.State.ShouldBe(CatalogFollowerState.Following);
        (await catalog.FindAsync(after[0].Id)).ShouldNotBeNull("the change after the fault is applied");
        (await catalog.FindAsync(unreadLater.Id)).ShouldBeNull();

        await StopAsync(restart, run);
    }

    // Stops a run as a host does: cancelled, it ends by throwing OperationCanceledException.
    private static async Task StopAsync(CancellationTokenSource stop, Task run)
    {
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);
    }

    private static async Task<List<Creator>> SaveNewCreatorsAsync(IMarketplaceStore store, CreatorGenerator generator, int count)
    {
        var creators = new List<Creator>();
        for (var i = 0; i < count; i++)
        {
            var creator = generator.NextNew();
            (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
            creators.Add(creator);
        }

        return creators;
    }

    // One writer: new creators, and changes to the ones it saved, each on its own clock.
    private static async Task WriteCreatorsAsync(IMarketplaceStore store, int seed, int saves)
    {
        var clock = new FakeClock(Start, NodaTime.Duration.FromSeconds(1));
        var generator = new CreatorGenerator(seed, clock);
        var random = new Random(seed);
        var mine = new List<CreatorId>();
        for (var i = 0; i < saves; i++)
        {
            if (mine.Count == 0 || random.Next(3) == 0)
            {
                mine.AddRange((await SaveNewCreatorsAsync(store, generator, 1)).Select(c => c.Id));
                continue;
            }

            var creator = (await store.Creators.FindAsync(mine[random.Next(mine.Count)])).ShouldNotBeNull();
            creator.SetOnVacation(!creator.OnVacation, clock);
            (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }
    }

    // The catalog answers every search as ReferenceCreatorCatalog does over the store's latest listings.
    private static async Task ShouldAnswerAsTheStoreAsync(IMarketplaceStore store, ICreatorCatalog catalog)
    {
        var reference = new ReferenceCreatorCatalog();
        await foreach (var listing in store.Creators.ReadListingsAsync())
        {
            (await reference.UpsertAsync(listing)).ShouldBeTrue();
        }

        var random = new Random(20261204);
        var queries = Enumerable.Range(0, 12).Select(_ => CreatorCatalogContract.RandomQuery(random)).Prepend(new CreatorQuery { PageSize = 1_000 });
        foreach (var query in queries)
        {
            (await CreatorCatalogContract.AnswerAsync(catalog, query)).ShouldBe(await CreatorCatalogContract.AnswerAsync(reference, query), query.ToString());
        }
    }

    // A catalog that runs an action once, on its nth upsert: the follower upserts while it loads into a catalog that
    // is not in memory, so the action runs in the middle of the load.
    private sealed class CatalogDuringLoad(ICreatorCatalog inner, int upserts, Func<Task> action) : ICreatorCatalog
    {
        private int _upserts;

        public bool Hooked { get; private set; }

        public async ValueTask<bool> UpsertAsync(CreatorListing listing, CancellationToken cancellationToken = default)
        {
            if (++_upserts == upserts)
            {
                Hooked = true;
                await action();
            }

            return await inner.UpsertAsync(listing, cancellationToken);
        }

        public ValueTask<bool> RemoveAsync(CreatorId creator, CancellationToken cancellationToken = default) => inner.RemoveAsync(creator, cancellationToken);

        public ValueTask<CreatorListing?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default) => inner.FindAsync(creator, cancellationToken);

        public ValueTask<CreatorSearchResult> SearchAsync(CreatorQuery query, CancellationToken cancellationToken = default) => inner.SearchAsync(query, cancellationToken);
    }
}
