using FsCheck.Fluent;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Storage;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>
/// What every <see cref="IMarketplaceStore"/> promises. Each store's test class derives from this one and says only
/// how to make an empty store.
/// </summary>
public abstract partial class MarketplaceStoreContract
{
    protected static readonly Instant Start = Instant.FromUtc(2026, 11, 30, 9, 0);

    protected FakeClock Clock { get; } = new(Start, Duration.FromSeconds(1));

    /// <summary>Makes an empty store; each call gives one that shares nothing with earlier ones.</summary>
    protected abstract Task<IMarketplaceStore> CreateStoreAsync();

    /// <summary>
    /// A second store over the same data, as a second process or server would open it; the in-memory store can only
    /// share itself.
    /// </summary>
    protected virtual Task<IMarketplaceStore> OpenAgainAsync(IMarketplaceStore store) => Task.FromResult(store);

    private Shortlist NewShortlist(string name = "Spring launch") =>
        Shortlist.Create(EntityId.New<ShortlistId>(Clock), EntityId.New<BrandId>(Clock), name, Clock);

    [SkippableFact]
    public async Task Finding_an_id_never_stored_gives_null()
    {
        var store = await CreateStoreAsync();

        (await store.Shortlists.FindAsync(EntityId.New<ShortlistId>(Clock))).ShouldBeNull();
        (await store.Shortlists.FindAsync(default)).ShouldBeNull("no aggregate has a default id");
    }

    [SkippableFact]
    public async Task A_saved_aggregate_is_stored_at_version_1_with_its_events_and_loads_as_it_was()
    {
        var store = await CreateStoreAsync();
        var shortlist = NewShortlist();
        shortlist.Add(EntityId.New<CreatorId>(Clock), Clock, ["beauty"], "first pick");
        var expected = shortlist.ToSnapshot();

        var result = await store.Shortlists.SaveAsync(shortlist);

        result.AsT0.ShouldBe(new Saved(1, 2));
        shortlist.Version.ShouldBe(1);
        shortlist.PendingEvents.ShouldBeEmpty();
        var loaded = (await store.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull();
        loaded.ShouldNotBeSameAs(shortlist);
        loaded.Version.ShouldBe(1);
        loaded.PendingEvents.ShouldBeEmpty();
        Same.Json(loaded.ToSnapshot()).ShouldBe(Same.Json(expected));
    }

    [SkippableFact]
    public async Task Each_save_raises_the_version_by_one()
    {
        var store = await CreateStoreAsync();
        var shortlist = NewShortlist();
        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();

        shortlist.Rename("Summer launch", Clock);
        var second = await store.Shortlists.SaveAsync(shortlist);
        var loaded = (await store.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull();
        loaded.Rename("Autumn launch", Clock);
        var third = await store.Shortlists.SaveAsync(loaded);

        second.AsT0.Version.ShouldBe(2);
        third.AsT0.Version.ShouldBe(3);
        (await store.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull().Name.ShouldBe("Autumn launch");
    }

    [SkippableFact]
    public async Task Saving_a_stale_version_is_a_conflict_that_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var original = NewShortlist();
        (await store.Shortlists.SaveAsync(original)).IsSaved.ShouldBeTrue();
        var first = (await store.Shortlists.FindAsync(original.Id)).ShouldNotBeNull();
        var second = (await store.Shortlists.FindAsync(original.Id)).ShouldNotBeNull();
        first.Rename("First writer", Clock);
        second.Rename("Second writer", Clock);
        (await store.Shortlists.SaveAsync(first)).IsSaved.ShouldBeTrue();
        var pendingBefore = await store.Outbox.ReadPendingAsync(100);

        var result = await store.Shortlists.SaveAsync(second);

        result.Conflict.ShouldBe(new Conflict("Shortlist", original.Id.Value, 1, 2));
        second.Version.ShouldBe(1, "a refused save leaves the aggregate as it was");
        second.PendingEvents.ShouldHaveSingleItem().ShouldBeOfType<ShortlistRenamed>().Name.ShouldBe("Second writer");
        var stored = (await store.Shortlists.FindAsync(original.Id)).ShouldNotBeNull();
        stored.Name.ShouldBe("First writer");
        stored.Version.ShouldBe(2);
        (await store.Outbox.ReadPendingAsync(100)).Count.ShouldBe(pendingBefore.Count, "a refused save writes no events");
    }

    [SkippableFact]
    public async Task A_new_aggregate_whose_id_is_taken_is_a_conflict()
    {
        var store = await CreateStoreAsync();
        var shortlist = NewShortlist();
        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        var impostor = Shortlist.Create(shortlist.Id, EntityId.New<BrandId>(Clock), "Impostor", Clock);

        var result = await store.Shortlists.SaveAsync(impostor);

        result.Conflict.ShouldNotBeNull().ExpectedVersion.ShouldBe(0);
        result.Conflict!.StoredVersion.ShouldBe(1);
        (await store.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull().Name.ShouldBe("Spring launch");
    }

    [SkippableFact]
    public async Task A_loaded_aggregate_shares_nothing_with_the_store()
    {
        var store = await CreateStoreAsync();
        var shortlist = NewShortlist();
        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();

        shortlist.Add(EntityId.New<CreatorId>(Clock), Clock);
        var loaded = (await store.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull();
        loaded.Add(EntityId.New<CreatorId>(Clock), Clock);

        (await store.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull().Entries.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task A_cancelled_save_stores_nothing()
    {
        var store = await CreateStoreAsync();
        var shortlist = NewShortlist();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () => await store.Shortlists.SaveAsync(shortlist, cancelled.Token));

        shortlist.Version.ShouldBe(0);
        shortlist.PendingEvents.ShouldHaveSingleItem();
        (await store.Shortlists.FindAsync(shortlist.Id)).ShouldBeNull();
        (await store.Outbox.ReadPendingAsync(10)).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Saved_events_wait_in_the_outbox_in_order_with_their_aggregate_and_version()
    {
        var store = await CreateStoreAsync();
        var shortlist = NewShortlist();
        var creator = EntityId.New<CreatorId>(Clock);
        shortlist.Add(creator, Clock);
        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        shortlist.Remove(creator, Clock).ShouldBeTrue();
        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();

        var pending = await store.Outbox.ReadPendingAsync(10);

        pending.Select(m => m.Event.GetType()).ShouldBe([typeof(ShortlistCreated), typeof(ShortlistEntryAdded), typeof(ShortlistEntryRemoved)]);
        pending.Select(m => m.AggregateVersion).ShouldBe([1L, 1L, 2L]);
        pending.ShouldAllBe(m => m.Aggregate == "Shortlist" && m.AggregateId == shortlist.Id.Value);
        pending.Select(m => m.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        pending.Select(m => m.EventId).Distinct().Count().ShouldBe(3);
        ((ShortlistEntryAdded)pending[1].Event).Entry.Creator.ShouldBe(creator);
        pending[0].OccurredAt.ShouldBe(shortlist.CreatedAt);
        (await store.Outbox.ReadPendingAsync(2)).Select(m => m.EventId).ShouldBe(pending.Take(2).Select(m => m.EventId));
    }

    [SkippableFact]
    public async Task Delivered_events_are_not_read_again()
    {
        var store = await CreateStoreAsync();
        (await store.Shortlists.SaveAsync(NewShortlist("One"))).IsSaved.ShouldBeTrue();
        (await store.Shortlists.SaveAsync(NewShortlist("Two"))).IsSaved.ShouldBeTrue();
        var pending = await store.Outbox.ReadPendingAsync(10);

        await store.Outbox.MarkDeliveredAsync([pending[0].EventId, Guid.NewGuid()], Clock.GetCurrentInstant());
        await store.Outbox.MarkDeliveredAsync([pending[0].EventId], Clock.GetCurrentInstant());

        (await store.Outbox.ReadPendingAsync(10)).ShouldHaveSingleItem().EventId.ShouldBe(pending[1].EventId);
    }

    [SkippableFact]
    public async Task The_dispatcher_delivers_every_event_at_least_once_and_in_order_despite_a_failing_publisher()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            (await store.Shortlists.SaveAsync(NewShortlist($"List {i}"))).IsSaved.ShouldBeTrue();
        }

        var publisher = new FlakyPublisher(failOnCall: 3);
        var dispatcher = new OutboxDispatcher(store.Outbox, publisher, Clock, batchSize: 2);

        var first = await dispatcher.DispatchPendingAsync();
        var second = await dispatcher.DispatchPendingAsync();

        first.Delivered.ShouldBe(2);
        first.Failure.ShouldNotBeNull().Exception.Message.ShouldBe("publisher down");
        second.ShouldBe(new DispatchReport(3, 0, null));
        publisher.Delivered.Select(m => ((ShortlistCreated)m.Event).Name).ShouldBe(["List 0", "List 1", "List 2", "List 3", "List 4"]);
        publisher.Attempts.Count(id => id == first.Failure!.Message.EventId).ShouldBe(2, "the failed event is tried again under the same id");
        (await store.Outbox.ReadPendingAsync(10)).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task A_collaboration_saved_again_loads_with_each_event_once_in_order()
    {
        var store = await CreateStoreAsync();
        var (collaboration, clock) = Collaborations.TakingMessages();
        (await store.Collaborations.SaveAsync(collaboration)).IsSaved.ShouldBeTrue();

        for (var i = 0; i < 3; i++)
        {
            var loaded = (await store.Collaborations.FindAsync(collaboration.Id)).ShouldNotBeNull();
            loaded.SendMessage(Actor.Brand, $"Message {i}", clock).IsDone.ShouldBeTrue();
            (await store.Collaborations.SaveAsync(loaded)).IsSaved.ShouldBeTrue();
            collaboration = loaded;
        }

        var stored = (await store.Collaborations.FindAsync(collaboration.Id)).ShouldNotBeNull();
        stored.Version.ShouldBe(4);
        Same.Json(stored.ToSnapshot()).ShouldBe(Same.Json(collaboration.ToSnapshot()));
    }

    [SkippableFact]
    public async Task Concurrent_writers_one_wins_the_others_conflict_and_retrying_loses_nothing()
    {
        var store = await CreateStoreAsync();
        var stores = new[] { store, await OpenAgainAsync(store) };
        var shortlist = NewShortlist();
        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        var creators = Enumerable.Range(0, 8).Select(_ => EntityId.New<CreatorId>(Clock)).ToArray();
        var conflicts = 0;

        // Every writer loads, waits until all have loaded, then saves: exactly one first save can win.
        var waiting = creators.Length;
        var allLoaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = creators.Select((creator, i) => Task.Run(async () =>
        {
            // Half the writers go through the second store, as another process would.
            var own = stores[i % 2];
            var first = true;
            while (true)
            {
                var loaded = (await own.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull();
                loaded.Add(creator, Clock);
                if (first)
                {
                    if (Interlocked.Decrement(ref waiting) == 0)
                    {
                        allLoaded.SetResult();
                    }

                    await allLoaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
                    first = false;
                }

                var result = await own.Shortlists.SaveAsync(loaded);
                if (result.IsSaved)
                {
                    return;
                }

                Interlocked.Increment(ref conflicts);
            }
        })).ToArray();
        await Task.WhenAll(writers);

        conflicts.ShouldBeGreaterThanOrEqualTo(creators.Length - 1);
        var stored = (await store.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull();
        stored.Version.ShouldBe(1 + creators.Length);
        stored.Entries.Select(e => e.Creator).ShouldBe(creators, ignoreOrder: true);
        (await store.Outbox.ReadPendingAsync(100)).Count(m => m.Event is ShortlistEntryAdded).ShouldBe(creators.Length);
    }

    [SkippableFact]
    public Task Campaigns_in_every_state_are_stored_and_loaded_exactly_with_their_events() =>
        RoundTripAsync(store => store.Campaigns, AggregateGenerators.Campaigns(), campaign => campaign.ToSnapshot());

    [SkippableFact]
    public Task Contracts_in_every_state_are_stored_and_loaded_exactly_with_their_events() =>
        RoundTripAsync(store => store.Contracts, AggregateGenerators.Contracts(), contract => contract.ToSnapshot());

    [SkippableFact]
    public Task Collaborations_in_every_state_are_stored_and_loaded_exactly_with_their_events() =>
        RoundTripAsync(store => store.Collaborations, AggregateGenerators.Collaborations(), collaboration => collaboration.ToSnapshot());

    [SkippableFact]
    public Task Creators_in_every_state_are_stored_and_loaded_exactly_with_their_events() =>
        RoundTripAsync(store => store.Creators, AggregateGenerators.Creators(), creator => creator.ToSnapshot());

    [SkippableFact]
    public Task Invoices_in_every_state_are_stored_and_loaded_exactly_with_their_events() =>
        RoundTripAsync(store => store.Invoices, AggregateGenerators.Invoices(), invoice => invoice.ToSnapshot());

    [SkippableFact]
    public Task Saved_searches_are_stored_and_loaded_exactly_with_their_events() =>
        RoundTripAsync(store => store.SavedSearches, AggregateGenerators.SavedSearches(), search => search.ToSnapshot());

    // Saves aggregates driven through random commands, loads each back and compares every member and every event
    // through their JSON; then saves each loaded one again, which must raise its version.
    private async Task RoundTripAsync<TAggregate, TId>(Func<IMarketplaceStore, IRepository<TAggregate, TId>> repository, Gen<TAggregate> generator, Func<TAggregate, object> snapshot)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId>
    {
        var store = await CreateStoreAsync();
        var aggregates = generator.Sample(12, new Rnd(20261130), 50);
        var events = new List<string>();
        foreach (var aggregate in aggregates)
        {
            var expected = Same.Json(snapshot(aggregate));
            var pending = aggregate.PendingEvents.Count;
            events.AddRange(aggregate.PendingEvents.Select(Same.Json));

            (await repository(store).SaveAsync(aggregate)).AsT0.ShouldBe(new Saved(1, pending));
            var loaded = (await repository(store).FindAsync(aggregate.Id)).ShouldNotBeNull();
            Same.Json(snapshot(loaded)).ShouldBe(expected);
            (await repository(store).SaveAsync(loaded)).AsT0.ShouldBe(new Saved(2, 0));
            Same.Json(snapshot((await repository(store).FindAsync(aggregate.Id)).ShouldNotBeNull())).ShouldBe(expected);
        }

        var outbox = await store.Outbox.ReadPendingAsync(10_000);
        outbox.Select(message => Same.Json(message.Event)).ShouldBe(events);
        outbox.ShouldAllBe(message => message.AggregateVersion == 1);
    }

    [SkippableFact]
    public async Task Ledger_transactions_are_appended_in_order_and_found_by_key()
    {
        var store = await CreateStoreAsync();
        var (charge, release) = TwoTransactions();

        var first = await store.Ledger.AppendAsync(charge, 0);
        var second = await store.Ledger.AppendAsync(release, 1);

        first.AsT0.LastSequence.ShouldBe(1);
        second.AsT0.LastSequence.ShouldBe(3);
        Same.Json(await store.Ledger.FindAsync("release-1")).ShouldBe(Same.Json(release));
        (await store.Ledger.FindAsync("unknown")).ShouldBeNull();
        var all = await ReadAll(store.Ledger);
        all.Select(t => t.Key).ShouldBe(["charge-1", "release-1"]);
        Same.Json(all[1]).ShouldBe(Same.Json(release));
        (await ReadAll(store.Ledger, afterSequence: 1)).ShouldHaveSingleItem().Key.ShouldBe("release-1");
    }

    [SkippableFact]
    public async Task A_ledger_key_is_used_once_and_a_repeat_gives_the_stored_transaction()
    {
        var store = await CreateStoreAsync();
        var (charge, _) = TwoTransactions();
        (await store.Ledger.AppendAsync(charge, 0)).IsAppended.ShouldBeTrue();
        var repeat = Posting(charge.Key, charge.Entries[0] with { Sequence = 2, Memo = "other" }, kind: "other");

        var result = await store.Ledger.AppendAsync(repeat, 1);

        result.IsAppended.ShouldBeFalse();
        Same.Json(result.AsT1.Transaction).ShouldBe(Same.Json(charge));
        (await ReadAll(store.Ledger)).ShouldHaveSingleItem();
    }

    [SkippableFact]
    public async Task Racing_appends_record_a_key_once_and_a_number_once()
    {
        var store = await CreateStoreAsync();
        var stores = new[] { store, await OpenAgainAsync(store) };
        var (charge, _) = TwoTransactions();

        // Eight writers, half through the second store, append the same transaction at once, then eight others a
        // transaction each under keys of their own after the same entry: each key and each number is taken once.
        var repeats = await Race(i => stores[i % 2].Ledger.AppendAsync(charge, 0).AsTask());
        var rivals = await Race(i => stores[i % 2].Ledger.AppendAsync(
            Posting($"rival-{i}", charge.Entries[0] with { Transaction = $"rival-{i}", Sequence = 2 }), 1).AsTask());

        repeats.Count(r => r.IsAppended).ShouldBe(1);
        repeats.Where(r => !r.IsAppended).ShouldAllBe(r => r.IsT1 && r.AsT1.Transaction.Key == "charge-1");
        rivals.Count(r => r.IsAppended).ShouldBe(1);
        rivals.Where(r => !r.IsAppended).ShouldAllBe(r => r.IsT2 && r.AsT2.ExpectedLastSequence == 1 && r.AsT2.StoredLastSequence == 2);
        (await ReadAll(store.Ledger)).Select(t => t.Entries[0].Sequence).ShouldBe([1, 2]);

        static async Task<LedgerAppendResult[]> Race(Func<int, Task<LedgerAppendResult>> append)
        {
            using var start = new ManualResetEventSlim();
            var appends = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                start.Wait(TimeSpan.FromSeconds(30));
                return await append(i);
            })).ToArray();
            start.Set();
            return await Task.WhenAll(appends);
        }
    }

    [SkippableFact]
    public async Task A_transaction_decided_after_another_entry_than_the_last_is_a_conflict_and_appends_nothing()
    {
        var store = await CreateStoreAsync();
        var (charge, release) = TwoTransactions();

        var early = await store.Ledger.AppendAsync(release, 1);
        (await store.Ledger.AppendAsync(charge, 0)).IsAppended.ShouldBeTrue();
        var stale = await store.Ledger.AppendAsync(Posting("charge-2", charge.Entries[0] with { Transaction = "charge-2" }), 0);

        early.AsT2.ShouldBe(new LedgerConflict("release-1", 1, 0));
        stale.AsT2.ShouldBe(new LedgerConflict("charge-2", 0, 1));
        (await ReadAll(store.Ledger)).Select(t => t.Key).ShouldBe(["charge-1"]);
    }

    [SkippableFact]
    public async Task The_store_numbers_the_entries_on_from_its_last_one()
    {
        var store = await CreateStoreAsync();
        var (charge, release) = TwoTransactions();
        (await store.Ledger.AppendAsync(charge, 0)).IsAppended.ShouldBeTrue();
        var numberedElsewhere = new LedgerTransaction(release.Key, release.Kind, [.. release.Entries.Select((e, i) => e with { Sequence = 40 + i })], release.PostedAt, release.Reverses, release.Command);

        var appended = await store.Ledger.AppendAsync(numberedElsewhere, 1);

        appended.AsT0.ShouldBe(new Appended(release, 3));
        Same.Json(await store.Ledger.FindAsync(release.Key)).ShouldBe(Same.Json(release));
        (await ReadAll(store.Ledger)).SelectMany(t => t.Entries).Select(e => e.Sequence).ShouldBe([1, 2, 3]);
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await store.Ledger.AppendAsync(Posting("charge-2", charge.Entries[0] with { Transaction = "charge-2" }), -1));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await store.Ledger.AppendAsync(Posting("charge-2", charge.Entries[0] with { Transaction = "charge-2" }), long.MaxValue));
        await Should.ThrowAsync<ArgumentNullException>(async () => await store.Ledger.AppendAsync(null!, 0));
        (await ReadAll(store.Ledger)).Count.ShouldBe(2);
    }

    [SkippableFact]
    public async Task Two_writers_releasing_the_same_escrow_from_one_ledger_state_cannot_both_append()
    {
        var store = await CreateStoreAsync();
        var stores = new[] { store, await OpenAgainAsync(store) };
        var (charge, _) = TwoTransactions();
        (await store.Ledger.AppendAsync(charge, 0)).IsAppended.ShouldBeTrue();
        var collaboration = CollaborationId.From(charge.Entries[0].To.Owner);

        // Each writer restores the ledger from its store and releases all of the escrow under a key of its own.
        var releases = await Task.WhenAll(stores.Select(async (writer, i) =>
        {
            var ledger = EscrowLedger.FromTransactions(await ReadAll(writer.Ledger));
            var position = ledger.LastSequence;
            var release = ledger.Release($"release-{i}", collaboration, EntityId.New<CreatorId>(Clock), Money.Parse("USD 500.00"), FeePolicy.None, Clock).GetValueOrThrow();
            return (Writer: writer, Release: release, Position: position);
        }));
        var results = await Task.WhenAll(releases.Select(r => r.Writer.Ledger.AppendAsync(r.Release, r.Position).AsTask()));

        releases.ShouldAllBe(r => r.Position == 1);
        results.Count(r => r.IsAppended).ShouldBe(1);
        results.Single(r => !r.IsAppended).AsT2.ShouldSatisfyAllConditions(c => c.ExpectedLastSequence.ShouldBe(1), c => c.StoredLastSequence.ShouldBe(2));
        var restored = EscrowLedger.FromTransactions(await ReadAll(store.Ledger));
        restored.Balance(LedgerAccount.Escrow(collaboration), Currency.USD).IsZero.ShouldBeTrue();
        restored.Transactions.Count(t => t.Kind == "release").ShouldBe(1, "escrow is released once");
    }

    [SkippableFact]
    public async Task A_malformed_ledger_transaction_is_refused_naming_each_problem()
    {
        var store = await CreateStoreAsync();
        var (charge, _) = TwoTransactions();
        var entry = charge.Entries[0];

        // Refused where it is made, so that no store ever sees it.
        var error = Should.Throw<DomainValidationException>(() => new LedgerTransaction(" ", "charge", [entry, entry with { Sequence = 5 }], Start));

        error.Errors.Select(e => e.Field).ShouldBe(["key", "entries[0].transaction", "entries[1].transaction", "entries[1].sequence"]);
        (await ReadAll(store.Ledger)).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task A_creators_personal_data_is_kept_replaced_and_erased_for_good()
    {
        var store = await CreateStoreAsync();
        var maya = EntityId.New<CreatorId>(Clock);
        var other = EntityId.New<CreatorId>(Clock);
        var identity = new CreatorIdentity(maya, "Maya Lindqvist", "maya@example.com") { TaxId = new SecretReference("tok_tax_1", "6789") };

        (await store.Identities.FindAsync(maya)).ShouldBeNull();
        await store.Identities.SaveAsync(identity);
        await store.Identities.SaveAsync(new CreatorIdentity(other, "Ola Berg", "ola@example.com"));
        var again = await OpenAgainAsync(store);
        (await again.Identities.FindAsync(maya)).ShouldBe(identity);
        var moved = identity with { PayoutAccount = new SecretReference("tok_bank_2", "4321") };
        await again.Identities.SaveAsync(moved);
        (await again.Identities.FindAsync(maya)).ShouldBe(moved);

        (await again.Identities.EraseAsync(maya)).ShouldBeTrue();
        (await again.Identities.EraseAsync(maya)).ShouldBeFalse("erasing twice is harmless");
        (await again.Identities.FindAsync(maya)).ShouldBeNull();
        (await (await OpenAgainAsync(again)).Identities.FindAsync(maya)).ShouldBeNull();
        (await again.Identities.FindAsync(other)).ShouldNotBeNull("erasing one creator leaves the others");
        await Should.ThrowAsync<ArgumentNullException>(async () => await again.Identities.SaveAsync(null!));
    }

    [SkippableFact]
    public async Task Post_metrics_snapshots_are_kept_once_per_capture_in_capture_order()
    {
        var store = await CreateStoreAsync();
        var posted = Start - Duration.FromDays(3);
        PostMetrics Snapshot(int hours, long views, int milliseconds = 0) => new()
        {
            PostId = "7301542987100",
            Platform = Platform.TikTok,
            Kind = PostKind.Video,
            PostedAt = posted,
            CapturedAt = Start + Duration.FromHours(hours) + Duration.FromMilliseconds(milliseconds),
            Views = views,
            Likes = views / 10,
            Comments = 12,
            Shares = 3,
            ViewsBySource = new Dictionary<TrafficSource, long> { [TrafficSource.List.First()] = views },
        };

        (await store.PostMetrics.AddAsync(Snapshot(2, 2_000))).ShouldBeTrue();
        (await store.PostMetrics.AddAsync(Snapshot(1, 1_000))).ShouldBeTrue();
        (await store.PostMetrics.AddAsync(Snapshot(2, 9_999))).ShouldBeFalse("one snapshot per capture instant: a retried write stores nothing");
        var refused = await Should.ThrowAsync<DomainValidationException>(async () => await store.PostMetrics.AddAsync(Snapshot(3, 100) with { Comments = -1 }));

        // Within one second too: captures written as 09:00:00.51Z, 09:00:00Z and 09:00:00.5Z.
        (await store.PostMetrics.AddAsync(Snapshot(4, 4_510, milliseconds: 510))).ShouldBeTrue();
        (await store.PostMetrics.AddAsync(Snapshot(4, 4_000))).ShouldBeTrue();
        (await store.PostMetrics.AddAsync(Snapshot(4, 4_500, milliseconds: 500))).ShouldBeTrue();

        var history = await store.PostMetrics.HistoryAsync(Platform.TikTok, "7301542987100");
        history.Select(Same.Json).ShouldBe([.. new[] { Snapshot(1, 1_000), Snapshot(2, 2_000), Snapshot(4, 4_000), Snapshot(4, 4_500, 500), Snapshot(4, 4_510, 510) }.Select(Same.Json)]);
        refused.Errors.ShouldHaveSingleItem().Field.ShouldBe("Comments");
        (await store.PostMetrics.HistoryAsync(Platform.Instagram, "7301542987100")).ShouldBeEmpty();
    }

    private (LedgerTransaction Charge, LedgerTransaction Release) TwoTransactions()
    {
        var ledger = new EscrowLedger();
        var collaboration = EntityId.New<CollaborationId>(Clock);
        var charge = ledger.Charge("charge-1", collaboration, EntityId.New<BrandId>(Clock), Money.Parse("USD 500.00"), Clock).GetValueOrThrow();
        var release = ledger.Release("release-1", collaboration, EntityId.New<CreatorId>(Clock), Money.Parse("USD 200.00"), new FeePolicy(0.1m, null, MidpointRounding.ToEven), Clock).GetValueOrThrow();
        return (charge, release);
    }

    // A charge of one entry under the key given.
    private static LedgerTransaction Posting(string key, LedgerEntry entry, string kind = "charge") =>
        new(key, kind, [entry], entry.PostedAt);

    private static async Task<List<LedgerTransaction>> ReadAll(ILedgerStore ledger, long afterSequence = 0)
    {
        var all = new List<LedgerTransaction>();
        await foreach (var transaction in ledger.ReadAsync(afterSequence))
        {
            all.Add(transaction);
        }

        return all;
    }

    protected sealed class FlakyPublisher(int failOnCall) : IOutboxPublisher
    {
        private int _calls;

        public List<OutboxMessage> Delivered { get; } = [];

        public List<Guid> Attempts { get; } = [];

        public ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Attempts.Add(message.EventId);
            if (++_calls == failOnCall)
            {
                throw new InvalidOperationException("publisher down");
            }

            Delivered.Add(message);
            return ValueTask.CompletedTask;
        }
    }
}
