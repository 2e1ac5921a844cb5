using System.Collections.Concurrent;
using System.Diagnostics;
using CreatorMarketplace.Discovery;

namespace CreatorMarketplace.Storage.Tests;

// The change feed: every change in position order, delivered or not, resumable after any position, per aggregate
// in the order of its saves, never passing a change by, and a wait that wakes on a save and times out otherwise.
public abstract partial class MarketplaceStoreContract
{
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Makes the store's save transactions stay open a while after they took their outbox positions, each for its
    /// own random time, so that they would commit out of position order if nothing stopped them; a store whose
    /// transactions cannot commit out of order (one writer at a time) does nothing.
    /// </summary>
    protected virtual Task HoldCommitsOpenAsync(IMarketplaceStore store) => Task.CompletedTask;

    [SkippableFact]
    public async Task An_empty_store_has_no_changes_and_its_head_is_0()
    {
        var store = await CreateStoreAsync();

        (await store.Changes.ReadAsync(0)).ShouldBeEmpty();
        (await store.Changes.ReadAsync(1_000, pageSize: 1)).ShouldBeEmpty();
        (await store.Changes.HeadAsync()).ShouldBe(0);
        (await store.Changes.WaitAsync(0, TimeSpan.Zero)).ShouldBeFalse();
    }

    [SkippableFact]
    public async Task The_feed_gives_every_change_after_a_position_in_order_delivered_or_not()
    {
        var store = await CreateStoreAsync();
        await SaveShortlistsAsync(store, 3);
        var first = NewShortlist("Renamed later");
        (await store.Shortlists.SaveAsync(first)).IsSaved.ShouldBeTrue();
        first.Rename("Renamed", Clock);
        (await store.Shortlists.SaveAsync(first)).IsSaved.ShouldBeTrue();
        var pending = await store.Outbox.ReadPendingAsync(100);
        await store.Outbox.MarkDeliveredAsync([pending[0].EventId, pending[3].EventId], Clock.GetCurrentInstant());

        var all = await store.Changes.ReadAsync(0);

        all.Select(c => c.EventId).ShouldBe(pending.Select(m => m.EventId), "a follower is not the dispatcher: delivered changes stay in the feed");
        all.Select(c => c.Sequence).ShouldBe(pending.Select(m => m.Sequence));
        all.Select(c => c.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        all[^1].Event.ShouldBeOfType<ShortlistRenamed>().Name.ShouldBe("Renamed");
        all[^1].AggregateVersion.ShouldBe(2);
        (await store.Changes.HeadAsync()).ShouldBe(all[^1].Sequence);
        (await store.Changes.ReadAsync(all[1].Sequence)).Select(c => c.EventId).ShouldBe(all.Skip(2).Select(c => c.EventId));
        (await store.Changes.ReadAsync(all[1].Sequence, pageSize: 2)).Select(c => c.EventId).ShouldBe(all.Skip(2).Take(2).Select(c => c.EventId));
        (await store.Changes.ReadAsync(all[^1].Sequence)).ShouldBeEmpty();
        (await store.Changes.ReadAsync(all[^1].Sequence + 1_000)).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task The_feed_refuses_a_negative_position_a_page_size_out_of_range_and_a_negative_timeout()
    {
        var store = await CreateStoreAsync();

        (await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await store.Changes.ReadAsync(-1))).ParamName.ShouldBe("afterPosition");
        (await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await store.Changes.ReadAsync(0, pageSize: 0))).ParamName.ShouldBe("pageSize");
        (await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await store.Changes.ReadAsync(0, pageSize: BulkRead.MaxPageSize + 1))).ParamName.ShouldBe("pageSize");
        (await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await store.Changes.WaitAsync(-1, TimeSpan.Zero))).ParamName.ShouldBe("afterPosition");
        (await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await store.Changes.WaitAsync(0, TimeSpan.FromMilliseconds(-2)))).ParamName.ShouldBe("timeout");
    }

    [SkippableFact]
    public async Task An_aggregates_changes_come_in_the_order_its_saves_stored_them_through_any_instance()
    {
        var store = await CreateStoreAsync();
        var stores = new[] { store, await OpenAgainAsync(store) };
        var shortlists = Enumerable.Range(0, 3).Select(i => NewShortlist($"List {i}")).ToArray();
        foreach (var shortlist in shortlists)
        {
            (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        }

        // Each round renames every shortlist through alternating instances, loading it fresh each time.
        for (var round = 1; round <= 4; round++)
        {
            foreach (var (shortlist, i) in shortlists.Select((s, i) => (s, i)))
            {
                var own = stores[(round + i) % 2];
                var loaded = (await own.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull();
                loaded.Rename($"List {i} round {round}", Clock);
                (await own.Shortlists.SaveAsync(loaded)).IsSaved.ShouldBeTrue();
            }
        }

        var changes = await stores[1].Changes.ReadAsync(0);

        changes.Count.ShouldBe(3 + (3 * 4));
        foreach (var (shortlist, i) in shortlists.Select((s, i) => (s, i)))
        {
            var own = changes.Where(c => c.AggregateId == shortlist.Id.Value).ToArray();
            own.Select(c => c.AggregateVersion).ShouldBe([1L, 2L, 3L, 4L, 5L]);
            own.Skip(1).Select(c => ((ShortlistRenamed)c.Event).Name).ShouldBe(Enumerable.Range(1, 4).Select(round => $"List {i} round {round}"));
        }
    }

    [SkippableFact]
    public async Task A_follower_resumed_after_the_position_it_reached_reads_exactly_the_rest()
    {
        var store = await CreateStoreAsync();
        await SaveShortlistsAsync(store, 17);
        var all = await store.Changes.ReadAsync(0, BulkRead.MaxPageSize);
        var random = new Random(20261204);

        for (var trial = 0; trial < 20; trial++)
        {
            // Reads in pages of a random size up to a random point, then resumes after the last position applied.
            var pageSize = random.Next(1, 6);
            var stopAfter = random.Next(0, all.Count + 1);
            long position = 0;
            var applied = new List<OutboxMessage>();
            while (applied.Count < stopAfter)
            {
                var page = await store.Changes.ReadAsync(position, pageSize);
                foreach (var change in page.Take(stopAfter - applied.Count))
                {
                    applied.Add(change);
                    position = change.Sequence;
                }
            }

            var rest = await ReadToEndAsync(store.Changes, position, pageSize);

            applied.Concat(rest).Select(c => c.EventId).ShouldBe(all.Select(c => c.EventId), $"page size {pageSize}, stopped after {stopAfter}");
        }
    }

    [SkippableFact]
    public async Task A_wait_returns_at_once_when_a_change_after_the_position_is_stored()
    {
        var store = await CreateStoreAsync();
        (await store.Shortlists.SaveAsync(NewShortlist())).IsSaved.ShouldBeTrue();
        var head = await store.Changes.HeadAsync();

        (await store.Changes.WaitAsync(0, TimeSpan.Zero)).ShouldBeTrue();
        (await store.Changes.WaitAsync(head - 1, LongWait)).ShouldBeTrue();
        (await store.Changes.WaitAsync(head, TimeSpan.Zero)).ShouldBeFalse();
    }

    [SkippableFact]
    public async Task A_wait_wakes_when_the_same_instance_saves()
    {
        var store = await CreateStoreAsync();
        var head = await store.Changes.HeadAsync();
        var wait = store.Changes.WaitAsync(head, LongWait).AsTask();
        await Task.Delay(100);
        wait.IsCompleted.ShouldBeFalse("nothing was saved yet");
        var clock = Stopwatch.StartNew();

        (await store.Shortlists.SaveAsync(NewShortlist())).IsSaved.ShouldBeTrue();

        (await wait).ShouldBeTrue();
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "a save wakes the waits of its own instance at once, not at a poll");
        (await store.Changes.ReadAsync(head)).ShouldNotBeEmpty();
    }

    [SkippableFact]
    public async Task A_wait_wakes_when_another_instance_over_the_same_data_saves()
    {
        var store = await CreateStoreAsync();
        var other = await OpenAgainAsync(store);
        var head = await other.Changes.HeadAsync();
        var wait = other.Changes.WaitAsync(head, LongWait).AsTask();
        await Task.Delay(100);
        wait.IsCompleted.ShouldBeFalse("nothing was saved yet");

        (await store.Shortlists.SaveAsync(NewShortlist())).IsSaved.ShouldBeTrue();

        (await wait).ShouldBeTrue();
        (await other.Changes.ReadAsync(head)).ShouldNotBeEmpty();
    }

    [SkippableFact]
    public async Task A_wait_with_nothing_saved_times_out()
    {
        var store = await CreateStoreAsync();
        (await store.Shortlists.SaveAsync(NewShortlist())).IsSaved.ShouldBeTrue();
        var head = await store.Changes.HeadAsync();
        var clock = Stopwatch.StartNew();

        (await store.Changes.WaitAsync(head, TimeSpan.FromMilliseconds(300))).ShouldBeFalse();

        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
    }

    [SkippableFact]
    public async Task A_cancelled_wait_throws()
    {
        var store = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var later = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(async () => await store.Changes.WaitAsync(0, LongWait, cancelled.Token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await store.Changes.WaitAsync(0, Timeout.InfiniteTimeSpan, later.Token));
    }

    // Writers save at once through two instances while their transactions commit in any order they can; a follower
    // polls all the while and must see every change exactly once, in position order, none passed by.
    [SkippableFact]
    public async Task A_follower_polling_during_concurrent_saves_sees_every_change_once_in_position_order()
    {
        var store = await CreateStoreAsync();
        var stores = new[] { store, await OpenAgainAsync(store) };
        await HoldCommitsOpenAsync(store);
        const int Writers = 6;
        const int SavesEach = 20;

        var seen = new List<OutboxMessage>();
        using var writing = new CancellationTokenSource();
        var follower = Task.Run(async () =>
        {
            long position = 0;
            while (true)
            {
                var done = writing.IsCancellationRequested;
                var page = await stores[1].Changes.ReadAsync(position, pageSize: 7);
                seen.AddRange(page);
                if (page.Count > 0)
                {
                    position = page[^1].Sequence;
                }
                else if (done)
                {
                    return;
                }
            }
        });
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < SavesEach; i++)
            {
                (await stores[w % 2].Shortlists.SaveAsync(NewShortlist($"Writer {w} list {i}"))).IsSaved.ShouldBeTrue();
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await writing.CancelAsync();
        await follower;

        var stored = await ReadToEndAsync(store.Changes, 0, BulkRead.MaxPageSize);
        stored.Count.ShouldBe(Writers * SavesEach);
        seen.Select(c => c.Sequence).ShouldBe(stored.Select(c => c.Sequence), "the follower saw every change once, in position order");
        seen.Select(c => c.Sequence).ShouldBeInOrder(SortDirection.Ascending);
    }

    // The loop docs/storage.md shows ("The change feed"), compiled and run here.
    [SkippableFact]
    public async Task The_documented_follower_applies_every_change_as_it_is_saved()
    {
        var store = await CreateStoreAsync();
        var names = new ConcurrentDictionary<Guid, (long Version, string Name)>();
        using var cancellation = new CancellationTokenSource();
        var cancellationToken = cancellation.Token;
        void Apply(OutboxMessage change)
        {
            // Keeps only a newer version, so a change applied again changes nothing.
            if (change.Event is ShortlistCreated or ShortlistRenamed && (!names.TryGetValue(change.AggregateId, out var known) || known.Version < change.AggregateVersion))
            {
                names[change.AggregateId] = (change.AggregateVersion, change.Event is ShortlistRenamed renamed ? renamed.Name : ((ShortlistCreated)change.Event).Name);
            }
        }

        var shortlist = NewShortlist("Before");
        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        var follower = Task.Run(async () =>
        {
            #region follower
            long position = 0;                                     // the last position applied, kept with the read model
            while (!cancellationToken.IsCancellationRequested)
            {
                var changes = await store.Changes.ReadAsync(position, pageSize: 500, cancellationToken);
                foreach (var change in changes)
                {
                    Apply(change);                                 // keeps only newer versions: a repeat is harmless
                    position = change.Sequence;
                }

                if (changes.Count < 500)
                {
                    await store.Changes.WaitAsync(position, TimeSpan.FromSeconds(30), cancellationToken);
                }
            }
            #endregion
        });
        shortlist.Rename("After", Clock);
        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();

        var applied = Stopwatch.StartNew();
        while (!(names.TryGetValue(shortlist.Id.Value, out var name) && name.Name == "After") && applied.Elapsed < LongWait && !follower.IsCompleted)
        {
            await Task.Delay(10);
        }

        await cancellation.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(follower);
        names[shortlist.Id.Value].ShouldBe((2L, "After"));
        names.Count.ShouldBe(1);
    }

    private static async Task<List<OutboxMessage>> ReadToEndAsync(IChangeFeed feed, long position, int pageSize)
    {
        var read = new List<OutboxMessage>();
        while (true)
        {
            var page = await feed.ReadAsync(position, pageSize);
            read.AddRange(page);
            if (page.Count < pageSize)
            {
                return read;
            }

            position = page[^1].Sequence;
        }
    }
}
