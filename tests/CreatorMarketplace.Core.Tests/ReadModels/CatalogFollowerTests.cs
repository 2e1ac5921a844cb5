using System.Collections.Concurrent;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using CreatorMarketplace.Tests.Discovery;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.ReadModels;

/// <summary>
/// The catalog follower over the in-memory store: replays are harmless, a fault stops nothing else, and a store that
/// fails is retried with back-off and reported. The contract over every store is in the storage tests.
/// </summary>
public sealed class CatalogFollowerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 12, 4, 9, 0), Duration.FromSeconds(1));

    [Property(MaxTest = 40)]
    public Property Following_again_from_any_earlier_position_ends_with_the_catalog_that_following_once_gives(NonNegativeInt seed)
    {
        var random = new Random(seed.Get);
        var store = new InMemoryMarketplaceStore();
        var generator = new CreatorGenerator(seed.Get, _clock);
        var ids = new List<CreatorId>();
        var steps = random.Next(1, 30);
        var split = random.Next(0, steps + 1);
        var replayed = new InMemoryCreatorCatalog();

        SaveSteps(store, generator, ids, random, split);
        var first = new CatalogFollower(store, replayed, TimeProvider.System, pageSize: random.Next(1, 5), resumeAfter: 0);
        FollowUntilCaughtUpAsync(first).GetAwaiter().GetResult();
        SaveSteps(store, generator, ids, random, steps - split);

        // Resumed from an earlier position than the one reached: the changes in between are applied again.
        var again = new CatalogFollower(store, replayed, TimeProvider.System, pageSize: random.Next(1, 5), resumeAfter: random.NextInt64(0, first.Position + 1));
        FollowUntilCaughtUpAsync(again).GetAwaiter().GetResult();
        var head = store.Changes.HeadAsync().AsTask().GetAwaiter().GetResult();
        var overlapping = new CatalogFollower(store, replayed, TimeProvider.System, resumeAfter: random.NextInt64(0, head + 1));
        FollowUntilCaughtUpAsync(overlapping).GetAwaiter().GetResult();

        var once = new InMemoryCreatorCatalog();
        FollowUntilCaughtUpAsync(new CatalogFollower(store, once, TimeProvider.System)).GetAwaiter().GetResult();

        var queries = Enumerable.Range(0, 5).Select(_ => CreatorCatalogContract.RandomQuery(random)).Append(new CreatorQuery { PageSize = 100 }).ToList();
        return (replayed.Count == once.Count).Label($"count {replayed.Count} == {once.Count}")
            .And((once.Count == ids.Count).Label($"every creator saved is in the catalog: {once.Count} of {ids.Count}"))
            .And(ids.All(id => Equals(Find(replayed, id), Find(once, id))).Label("every creator at the same version"))
            .And(queries.All(query => Answer(replayed, query) == Answer(once, query)).Label("every search answers the same"));
    }

    [Fact]
    public async Task A_store_that_fails_is_retried_with_a_growing_capped_back_off_and_reported_unavailable_until_it_answers()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T09:00:00Z"));
        var inner = new InMemoryMarketplaceStore(time);
        foreach (var creator in NewCreators(3, 5))
        {
            (await inner.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        var store = new UnreachableFeedStore(inner, failures: 3);
        var catalog = new InMemoryCreatorCatalog();
        var follower = new CatalogFollower(store, catalog, time);
        follower.Status.State.ShouldBe(CatalogFollowerState.Starting);
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);

        await Eventually(() => follower.Status.Failures == 1);
        var unavailable = follower.Status;
        unavailable.State.ShouldBe(CatalogFollowerState.Unavailable);
        unavailable.LastError.ShouldBe("InvalidOperationException: the database cannot be reached");
        unavailable.IsCaughtUp.ShouldBeFalse();
        catalog.Count.ShouldBe(0, "an unreachable store is reported, not shown as an empty catalog that is up to date");

        // The first delay is 0.5 to 1 second, the second 1 to 2 seconds: the follower retries only once it passes.
        time.Advance(TimeSpan.FromMilliseconds(400));
        await Task.Delay(50);
        follower.Status.Failures.ShouldBe(1);
        time.Advance(TimeSpan.FromMilliseconds(600));
        await Eventually(() => follower.Status.Failures == 2);
        time.Advance(TimeSpan.FromMilliseconds(900));
        await Task.Delay(50);
        follower.Status.Failures.ShouldBe(2);
        time.Advance(TimeSpan.FromMilliseconds(1_100));
        await Eventually(() => follower.Status.Failures == 3);
        store.Calls.ShouldBe(3);

        time.Advance(TimeSpan.FromSeconds(4));
        await follower.WaitUntilCaughtUpAsync().WaitAsync(Patience);

        // Caught up once the load's position is the head; CaughtUpAt is set by the next read that finds nothing after
        // it, which may come a moment later.
        await Eventually(() => follower.Status.CaughtUpAt is not null);
        var following = follower.Status;
        following.State.ShouldBe(CatalogFollowerState.Following);
        following.Failures.ShouldBe(0);
        following.LastError.ShouldBeNull();
        following.IsCaughtUp.ShouldBeTrue();
        following.Behind.ShouldBe(0);
        following.CaughtUpAt.ShouldBe(Instant.FromDateTimeOffset(time.GetUtcNow()));
        catalog.Count.ShouldBe(5);

        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);
        follower.Status.State.ShouldBe(CatalogFollowerState.Stopped);
    }

    // A write the in-memory catalog fails (out of memory, here a fault before it publishes) is undone, and the
    // follower, which counts it as a failure rather than a refused listing, applies it again after its back-off.
    [Fact]
    public async Task A_change_whose_catalog_write_fails_is_applied_again_after_the_back_off()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T09:00:00Z"));
        var store = new InMemoryMarketplaceStore(time);
        var creators = NewCreators(17, 6);
        foreach (var creator in creators)
        {
            (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        var catalog = new InMemoryCreatorCatalog();
        var follower = new CatalogFollower(store, catalog, time);
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);
        await follower.WaitUntilCaughtUpAsync().WaitAsync(Patience);

        var faults = 1;
        catalog.Publishing = () =>
        {
            if (Interlocked.Decrement(ref faults) >= 0)
            {
                throw new OutOfMemoryException("no memory for the row");
            }
        };
        var changed = creators[0];
        changed.SetOnVacation(!changed.OnVacation, _clock);
        (await store.Creators.SaveAsync(changed)).IsSaved.ShouldBeTrue();
        await Eventually(() => follower.Status.Failures == 1);
        follower.Status.LastError.ShouldBe("OutOfMemoryException: no memory for the row");
        follower.Status.Faults.ShouldBe(0, "a failed write is not a refused listing");
        Find(catalog, changed.Id).ShouldNotBeNull().Version.ShouldBe(changed.Version - 1, "the failed write left the catalog as it was");

        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => Find(catalog, changed.Id)?.Version == changed.Version);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);

        var once = new InMemoryCreatorCatalog();
        await FollowUntilCaughtUpAsync(new CatalogFollower(store, once, TimeProvider.System));
        foreach (var creator in creators)
        {
            Find(catalog, creator.Id).ShouldBe(Find(once, creator.Id));
        }

        var query = new CreatorQuery { Sort = CreatorSort.Followers, PageSize = 100, IncludeFacets = true };
        Answer(catalog, query).ShouldBe(Answer(once, query));
    }

    [Fact]
    public async Task The_back_off_is_capped_at_a_minute()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T09:00:00Z"));
        var store = new UnreachableFeedStore(new InMemoryMarketplaceStore(time), failures: int.MaxValue);
        var follower = new CatalogFollower(store, new InMemoryCreatorCatalog(), time);
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);

        for (var failures = 1; failures <= 10; failures++)
        {
            await Eventually(() => follower.Status.Failures == failures);
            time.Advance(CatalogFollower.MaxRetryDelay);
        }

        await Eventually(() => follower.Status.Failures == 11);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Lag_tells_how_far_behind_and_how_old_the_newest_applied_change_is()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T09:00:00Z"));
        var store = new InMemoryMarketplaceStore(time);
        var creators = NewCreators(5, 3);
        foreach (var creator in creators)
        {
            (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        var newest = (await store.Changes.ReadAsync(0)).Last();
        var follower = new CatalogFollower(store, new InMemoryCreatorCatalog(), time, resumeAfter: 0);
        follower.Status.ShouldBe(new CatalogFollowerStatus(CatalogFollowerState.Starting, 0, 0, Instant.FromDateTimeOffset(time.GetUtcNow()), null, null, 0, 0, null));
        await FollowUntilCaughtUpAsync(follower);
        time.Advance(TimeSpan.FromSeconds(90));

        var status = follower.Status;
        status.Position.ShouldBe(newest.Sequence);
        status.Head.ShouldBe(newest.Sequence);
        status.Behind.ShouldBe(0);
        status.NewestAppliedAt.ShouldBe(newest.OccurredAt);
        status.SinceNewestApplied.ShouldBe(Instant.FromDateTimeOffset(time.GetUtcNow()) - newest.OccurredAt);
        status.SinceCaughtUp.ShouldBe(Duration.FromSeconds(90));
        (status with { Head = status.Position + 7 }).Behind.ShouldBe(7);
    }

    [Fact]
    public async Task A_listing_the_catalog_refuses_is_reported_with_its_position_and_the_follower_goes_on()
    {
        var store = new InMemoryMarketplaceStore();
        var creators = NewCreators(11, 4);
        var refused = creators[1];
        (await store.Creators.SaveAsync(creators[0])).IsSaved.ShouldBeTrue();
        var catalog = new RecordingCatalog(refused.Id);
        var follower = new CatalogFollower(store, catalog, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);
        await follower.WaitUntilCaughtUpAsync().WaitAsync(Patience);

        foreach (var creator in creators.Skip(1))
        {
            (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        await follower.WaitUntilCaughtUpAsync().WaitAsync(Patience);
        var changes = await store.Changes.ReadAsync(0);
        var fault = follower.RecentFaults.ShouldHaveSingleItem();
        fault.Creator.ShouldBe(refused.Id.Value);
        fault.Position.ShouldBe(changes.Last(change => change.AggregateId == refused.Id.Value).Sequence);
        fault.Reason.ShouldStartWith("DomainValidationException: ");
        fault.Reason.ShouldContain("the catalog refuses this creator");
        follower.Status.Faults.ShouldBe(1);
        follower.Status.State.ShouldBe(CatalogFollowerState.Following);
        (await catalog.FindAsync(creators[2].Id)).ShouldNotBeNull("the changes after the fault are applied");
        (await catalog.FindAsync(creators[3].Id)).ShouldNotBeNull();
        (await catalog.FindAsync(refused.Id)).ShouldBeNull();

        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task A_creator_changed_many_times_in_a_page_is_read_and_upserted_once_at_its_newest_version()
    {
        var store = new InMemoryMarketplaceStore();
        var creator = new CreatorGenerator(13, _clock).NextNew();
        (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        for (var i = 0; i < 4; i++)
        {
            creator.SetOnVacation(!creator.OnVacation, _clock);
            (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        var catalog = new RecordingCatalog(default);
        await FollowUntilCaughtUpAsync(new CatalogFollower(store, catalog, TimeProvider.System, resumeAfter: 0));

        catalog.Upserts.ShouldBe([(creator.Id, 5L)]);
    }

    [Fact]
    public async Task A_creator_the_store_cannot_read_in_a_pages_find_is_reported_and_the_creators_after_it_are_read_again_and_applied()
    {
        var inner = new InMemoryMarketplaceStore();
        var creators = NewCreators(18, 5).OrderBy(c => c.Id).ToArray();
        foreach (var creator in creators)
        {
            (await inner.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        var store = new RecordingReadsStore(inner) { Unreadable = creators[2].Id };
        var catalog = new InMemoryCreatorCatalog();
        var follower = new CatalogFollower(store, catalog, TimeProvider.System, resumeAfter: 0);
        await FollowUntilCaughtUpAsync(follower);

        var finds = store.FindsOfMany.ToArray();
        finds.Length.ShouldBe(2);
        finds[1].ShouldBe([creators[3].Id, creators[4].Id], "read again from the ids after the unreadable one");
        follower.RecentFaults.ShouldHaveSingleItem().Creator.ShouldBe(creators[2].Id.Value);
        (await catalog.FindAsync(creators[2].Id)).ShouldBeNull();
        foreach (var creator in creators.Where((_, i) => i != 2))
        {
            (await catalog.FindAsync(creator.Id)).ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task After_a_page_short_of_full_the_follower_waits_for_a_change_instead_of_reading_an_empty_page()
    {
        var inner = new InMemoryMarketplaceStore();
        foreach (var creator in NewCreators(19, 3))
        {
            (await inner.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        var head = await inner.Changes.HeadAsync();
        var store = new RecordingFeedStore(inner);
        var catalog = new InMemoryCreatorCatalog();
        var follower = new CatalogFollower(store, catalog, TimeProvider.System, resumeAfter: 0);
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);
        await follower.WaitUntilCaughtUpAsync().WaitAsync(Patience);
        for (var tries = 0; store.Calls.Count < 2; tries++)
        {
            tries.ShouldBeLessThan(500, "the follower goes on to wait within 5 s");
            await Task.Delay(10);
        }

        // Caught up, nothing is written: the follower is waiting.
        store.Calls.Take(2).ShouldBe(["read after 0", $"wait after {head}"], "a short page held every change there was");
        (await catalog.SearchAsync(new CreatorQuery())).AsT0.TotalCount.ShouldBe(3);

        // A change written now ends the wait, and is read and applied.
        var added = NewCreators(20, 1)[0];
        (await inner.Creators.SaveAsync(added)).IsSaved.ShouldBeTrue();
        await follower.WaitUntilCaughtUpAsync().WaitAsync(Patience);
        (await catalog.FindAsync(added.Id)).ShouldNotBeNull();
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task The_creators_changed_in_a_page_are_read_from_the_store_in_one_find_and_all_applied()
    {
        var inner = new InMemoryMarketplaceStore();
        var creators = NewCreators(17, 6);
        foreach (var creator in creators)
        {
            (await inner.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        var changed = (await inner.Creators.FindAsync(creators[2].Id)).ShouldNotBeNull();
        changed.ChangeProfile(changed.Profile with { Bio = "Changed in the same page" }, _clock);
        (await inner.Creators.SaveAsync(changed)).IsSaved.ShouldBeTrue();
        var store = new RecordingReadsStore(inner);
        var catalog = new InMemoryCreatorCatalog();
        await FollowUntilCaughtUpAsync(new CatalogFollower(store, catalog, TimeProvider.System, resumeAfter: 0));

        // One round trip in a database for the page, each creator asked for once however many changes it has there.
        var finds = store.FindsOfMany.ToArray();
        finds.Length.ShouldBe(1);
        finds[0].Order().ShouldBe(creators.Select(c => c.Id).Order());
        store.BulkReads.ShouldBe(0, "no creator is read on its own");
        foreach (var creator in creators)
        {
            (await catalog.FindAsync(creator.Id)).ShouldNotBeNull().Version.ShouldBe(creator.Id == creators[2].Id ? 2 : 1);
        }
    }

    [Fact]
    public async Task Arguments_are_checked_naming_the_argument_and_one_run_at_a_time()
    {
        var store = new InMemoryMarketplaceStore();
        var catalog = new InMemoryCreatorCatalog();

        Should.Throw<ArgumentNullException>(() => new CatalogFollower(null!, catalog, TimeProvider.System)).ParamName.ShouldBe("store");
        Should.Throw<ArgumentNullException>(() => new CatalogFollower(store, null!, TimeProvider.System)).ParamName.ShouldBe("catalog");
        Should.Throw<ArgumentNullException>(() => new CatalogFollower(store, catalog, null!)).ParamName.ShouldBe("timeProvider");
        Should.Throw<ArgumentOutOfRangeException>(() => new CatalogFollower(store, catalog, TimeProvider.System, pageSize: 0)).ParamName.ShouldBe("pageSize");
        Should.Throw<ArgumentOutOfRangeException>(() => new CatalogFollower(store, catalog, TimeProvider.System, pageSize: BulkRead.MaxPageSize + 1)).ParamName.ShouldBe("pageSize");
        Should.Throw<ArgumentOutOfRangeException>(() => new CatalogFollower(store, catalog, TimeProvider.System, resumeAfter: -1)).Message.ShouldContain("resumeAfter");

        var follower = new CatalogFollower(store, catalog, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);
        await Should.ThrowAsync<InvalidOperationException>(() => follower.RunAsync(stop.Token));
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task A_catalog_that_keeps_a_checkpoint_is_loaded_once_and_a_follower_started_again_resumes_after_it()
    {
        var store = new InMemoryMarketplaceStore();
        var creators = NewCreators(11, 4);
        foreach (var creator in creators)
        {
            (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        var catalog = new CheckpointedCatalog();
        await FollowUntilCaughtUpAsync(new CatalogFollower(store, catalog, TimeProvider.System, pageSize: 2));
        var loaded = await store.Changes.HeadAsync();
        catalog.Upserts.Count.ShouldBe(4);
        catalog.Saves.ShouldBe([loaded], "the position is saved once the load is done");

        // Saved while no follower runs: a follower started again applies these changes alone, without a reload.
        var changed = creators[2];
        changed.SetOnVacation(!changed.OnVacation, _clock);
        (await store.Creators.SaveAsync(changed)).IsSaved.ShouldBeTrue();
        var added = NewCreators(12, 1)[0];
        (await store.Creators.SaveAsync(added)).IsSaved.ShouldBeTrue();
        var again = new CatalogFollower(store, catalog, TimeProvider.System);
        await FollowUntilCaughtUpAsync(again);

        catalog.Upserts.Skip(4).ShouldBe([(changed.Id, changed.Version), (added.Id, added.Version)]);
        var head = await store.Changes.HeadAsync();
        again.Position.ShouldBe(head);
        (await catalog.ReadCheckpointAsync()).ShouldBe(head);
        (await catalog.FindAsync(changed.Id)).ShouldNotBeNull().OnVacation.ShouldBe(changed.OnVacation);
        (await catalog.FindAsync(added.Id)).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_checkpoint_beyond_the_stores_head_is_reported_unavailable_and_nothing_is_applied_over_it()
    {
        var store = new InMemoryMarketplaceStore();
        foreach (var creator in NewCreators(13, 2))
        {
            (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        var catalog = new CheckpointedCatalog();
        await catalog.SaveCheckpointAsync(1_000);
        var follower = new CatalogFollower(store, catalog, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);

        await Eventually(() => follower.Status.Failures == 1);
        follower.Status.State.ShouldBe(CatalogFollowerState.Unavailable);
        var head = await store.Changes.HeadAsync();
        follower.Status.LastError.ShouldBe(
            $"InvalidOperationException: The catalog's checkpoint, position 1000, is beyond the store's head, position {head}: it was saved while following another store. Empty the catalog and clear its checkpoint.");
        catalog.Upserts.ShouldBeEmpty();
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task A_position_to_resume_after_beyond_the_stores_head_is_reported_unavailable_and_no_change_is_skipped()
    {
        var store = new InMemoryMarketplaceStore();
        var creators = NewCreators(17, 2);
        (await store.Creators.SaveAsync(creators[0])).IsSaved.ShouldBeTrue();
        var head = await store.Changes.HeadAsync();
        var catalog = new CheckpointedCatalog();
        var follower = new CatalogFollower(store, catalog, TimeProvider.System, resumeAfter: head + 1_000);
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);

        await Eventually(() => follower.Status.Failures == 1);
        (await store.Creators.SaveAsync(creators[1])).IsSaved.ShouldBeTrue();

        (follower.Status.State, follower.Status.IsCaughtUp).ShouldBe((CatalogFollowerState.Unavailable, false));
        follower.Status.LastError.ShouldBe(
            $"InvalidOperationException: The position to resume after, {head + 1_000}, is beyond the store's head, position {head}: the catalog cannot hold this store's changes up to it. Empty the catalog and follow without resumeAfter, so that it is loaded.");
        catalog.Upserts.ShouldBeEmpty();
        (await catalog.ReadCheckpointAsync()).ShouldBeNull("nothing was saved over a position the store never reached");
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);
    }

    internal static async Task FollowUntilCaughtUpAsync(CatalogFollower follower)
    {
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);
        await follower.WaitUntilCaughtUpAsync().WaitAsync(Patience);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);
    }

    private void SaveSteps(InMemoryMarketplaceStore store, CreatorGenerator generator, List<CreatorId> ids, Random random, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            if (ids.Count == 0 || random.Next(3) == 0)
            {
                var creator = generator.NextNew();
                store.Creators.SaveAsync(creator).AsTask().GetAwaiter().GetResult().IsSaved.ShouldBeTrue();
                ids.Add(creator.Id);
            }
            else
            {
                var creator = store.Creators.FindAsync(ids[random.Next(ids.Count)]).AsTask().GetAwaiter().GetResult().ShouldNotBeNull();
                creator.SetOnVacation(!creator.OnVacation, _clock);
                store.Creators.SaveAsync(creator).AsTask().GetAwaiter().GetResult().IsSaved.ShouldBeTrue();
            }
        }
    }

    private List<Creator> NewCreators(int seed, int count)
    {
        var generator = new CreatorGenerator(seed, _clock);
        return [.. Enumerable.Range(0, count).Select(_ => generator.NextNew())];
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition did not hold in time");
            await Task.Delay(5);
        }
    }

    private static CreatorListing? Find(ICreatorCatalog catalog, CreatorId id) => catalog.FindAsync(id).AsTask().GetAwaiter().GetResult();

    private static string Answer(ICreatorCatalog catalog, CreatorQuery query) => CreatorCatalogContract.AnswerAsync(catalog, query).GetAwaiter().GetResult();

    // A catalog that records every upsert, and whose rules refuse one creator if named.
    private class RecordingCatalog(CreatorId? refused = null) : ICreatorCatalog
    {
        private readonly InMemoryCreatorCatalog _inner = new();

        public List<(CreatorId, long)> Upserts { get; } = [];

        public ValueTask<bool> UpsertAsync(CreatorListing listing, CancellationToken cancellationToken = default)
        {
            if (listing.Id == refused)
            {
                throw new DomainValidationException([new DomainError("profile", "catalog.refused", "the catalog refuses this creator")], "listing");
            }

            Upserts.Add((listing.Id, listing.Version));
            return _inner.UpsertAsync(listing, cancellationToken);
        }

        public ValueTask<bool> RemoveAsync(CreatorId creator, CancellationToken cancellationToken = default) => _inner.RemoveAsync(creator, cancellationToken);

        public ValueTask<CreatorListing?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default) => _inner.FindAsync(creator, cancellationToken);

        public ValueTask<CreatorSearchResult> SearchAsync(CreatorQuery query, CancellationToken cancellationToken = default) => _inner.SearchAsync(query, cancellationToken);
    }

    // A catalog that keeps a checkpoint, as a durable one does, with the same rule: the saved position never moves back.
    private sealed class CheckpointedCatalog : RecordingCatalog, ICatalogCheckpoint
    {
        private long? _checkpoint;

        public List<long> Saves { get; } = [];

        public ValueTask<long?> ReadCheckpointAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_checkpoint);

        public ValueTask SaveCheckpointAsync(long position, CancellationToken cancellationToken = default)
        {
            Saves.Add(position);
            _checkpoint = Math.Max(_checkpoint ?? 0, position);
            return ValueTask.CompletedTask;
        }
    }

    // A store that records the creators' reads: each find of many with the ids it was asked for, and each bulk read.
    private sealed class RecordingReadsStore(IMarketplaceStore inner) : ForwardingStore(inner), IRepository<Creator, CreatorId>
    {
        public ConcurrentQueue<CreatorId[]> FindsOfMany { get; } = new();

        public int BulkReads => Volatile.Read(ref _bulkReads);

        private int _bulkReads;

        public override IRepository<Creator, CreatorId> Creators => this;

        public ValueTask<Creator?> FindAsync(CreatorId id, CancellationToken cancellationToken = default) => Inner.Creators.FindAsync(id, cancellationToken);

        public ValueTask<SaveResult> SaveAsync(Creator aggregate, CancellationToken cancellationToken = default) => Inner.Creators.SaveAsync(aggregate, cancellationToken);

        public IAsyncEnumerable<StoredAggregate<Creator, CreatorId>> ReadAsync(CreatorId? afterId = null, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _bulkReads);
            return Inner.Creators.ReadAsync(afterId, pageSize, cancellationToken);
        }

        // A creator whose stored form this store cannot read: a find of many stops there, as the port says.
        public CreatorId? Unreadable { get; init; }

        public IAsyncEnumerable<StoredAggregate<Creator, CreatorId>> FindManyAsync(IEnumerable<CreatorId> ids, CancellationToken cancellationToken = default)
        {
            var asked = ids.ToArray();
            FindsOfMany.Enqueue(asked);
            return FoundAsync(Inner.Creators.FindManyAsync(asked, cancellationToken));
        }

        private async IAsyncEnumerable<StoredAggregate<Creator, CreatorId>> FoundAsync(IAsyncEnumerable<StoredAggregate<Creator, CreatorId>> found)
        {
            await foreach (var stored in found)
            {
                if (stored.Id == Unreadable)
                {
                    throw new UnreadableAggregateException(nameof(Creator), stored.Id.Value, stored.Version, new System.Text.Json.JsonException("written by a newer release"));
                }

                yield return stored;
            }
        }
    }

    // A store that records its change feed's reads and waits, with the position each was after.
    private sealed class RecordingFeedStore(IMarketplaceStore inner) : ForwardingStore(inner), IChangeFeed
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public override IChangeFeed Changes => this;

        public ValueTask<IReadOnlyList<OutboxMessage>> ReadAsync(long afterPosition, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default)
        {
            Calls.Enqueue($"read after {afterPosition}");
            return Inner.Changes.ReadAsync(afterPosition, pageSize, cancellationToken);
        }

        public ValueTask<long> HeadAsync(CancellationToken cancellationToken = default) => Inner.Changes.HeadAsync(cancellationToken);

        public ValueTask<bool> WaitAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            Calls.Enqueue($"wait after {afterPosition}");
            return Inner.Changes.WaitAsync(afterPosition, timeout, cancellationToken);
        }
    }
}
