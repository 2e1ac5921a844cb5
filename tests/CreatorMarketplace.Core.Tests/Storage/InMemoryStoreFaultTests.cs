using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using CreatorMarketplace.Tests.Payments;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Storage;

/// <summary>
/// A save, a ledger append or a failed delivery's record that fails on the way, as an allocation can, leaves the
/// in-memory store exactly as it was: no snapshot without its events in the outbox, no transaction without its key,
/// no number skipped or used twice, no attempt counted.
/// </summary>
public sealed class InMemoryStoreFaultTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 12, 7, 12, 0));

    [Fact]
    public async Task A_save_whose_outbox_append_fails_stores_neither_the_snapshot_nor_its_events()
    {
        var (outbox, creators) = NewStore();
        var creator = new CreatorGenerator(3, Clock).NextNew();
        var events = creator.PendingEvents.Count;
        events.ShouldBeGreaterThan(0);

        outbox.TakingRoom = () => throw new OutOfMemoryException("the outbox's room");
        await Should.ThrowAsync<OutOfMemoryException>(async () => await creators.SaveAsync(creator));

        (await creators.FindAsync(creator.Id)).ShouldBeNull();
        (await creators.ReadAsync().ToListAsync()).ShouldBeEmpty();
        (await outbox.ReadAsync(0)).ShouldBeEmpty();
        (await outbox.HeadAsync()).ShouldBe(0);

        // The same aggregate saves once the fault is gone, as the first version, its events numbered from the first.
        outbox.TakingRoom = null;
        var saved = await creators.SaveAsync(creator);
        saved.IsSaved.ShouldBeTrue();
        saved.AsT0.Version.ShouldBe(1);
        (await outbox.ReadAsync(0)).Select(message => message.Sequence).ShouldBe(Enumerable.Range(1, events).Select(position => (long)position));
    }

    [Fact]
    public async Task An_update_whose_outbox_append_fails_leaves_the_stored_version_and_the_feed_as_they_were()
    {
        var (outbox, creators) = NewStore();
        var creator = new CreatorGenerator(5, Clock).NextNew();
        (await creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        var stored = (await creators.FindAsync(creator.Id))!.ToListing();
        var feed = await outbox.ReadAsync(0);

        var changed = (await creators.FindAsync(creator.Id))!;
        changed.ChangeProfile(changed.ToListing().Profile with { Bio = "Now filming in Lisbon." }, Clock);
        outbox.TakingRoom = () => throw new OutOfMemoryException("the outbox's room");
        await Should.ThrowAsync<OutOfMemoryException>(async () => await creators.SaveAsync(changed));

        var found = (await creators.FindAsync(creator.Id))!;
        found.Version.ShouldBe(1);
        found.ToListing().ShouldBe(stored);
        (await outbox.ReadAsync(0)).ShouldBe(feed);

        outbox.TakingRoom = null;
        (await creators.SaveAsync(changed)).AsT0.Version.ShouldBe(2);
        (await creators.FindAsync(creator.Id))!.ToListing().Profile.Bio.ShouldBe("Now filming in Lisbon.");
        var update = await outbox.ReadAsync(feed[^1].Sequence);
        update.ShouldNotBeEmpty();
        update.ShouldAllBe(message => message.AggregateVersion == 2);
    }

    [Fact]
    public async Task A_ledger_append_that_fails_records_nothing_and_the_next_one_numbers_on_without_a_gap()
    {
        var ledger = new InMemoryLedgerStore();
        var escrow = new EscrowLedger();
        var first = escrow.Charge("charge-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, Money.FromMinorUnits(5_000, Currency.USD), Clock).GetValueOrThrow();
        var second = escrow.Charge("charge-2", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, Money.FromMinorUnits(700, Currency.USD), Clock).GetValueOrThrow();
        var appended = (await ledger.AppendAsync(first, 0)).AsT0;

        ledger.TakingRoom = () => throw new OutOfMemoryException("the ledger's room");
        await Should.ThrowAsync<OutOfMemoryException>(async () => await ledger.AppendAsync(second, appended.LastSequence));

        (await ledger.FindAsync("charge-2")).ShouldBeNull();
        (await ledger.ReadAsync().ToListAsync()).ShouldBe([appended.Transaction]);

        // Neither the key nor the numbers were taken: the same append succeeds, right after the first.
        ledger.TakingRoom = null;
        var retried = (await ledger.AppendAsync(second, appended.LastSequence)).AsT0;
        retried.Transaction.Entries[0].Sequence.ShouldBe(appended.LastSequence + 1);
        (await ledger.ReadAsync().ToListAsync()).ShouldBe([appended.Transaction, retried.Transaction]);
    }

    [Fact]
    public async Task A_failed_delivery_whose_dead_letter_cannot_be_recorded_counts_no_attempt()
    {
        var (outbox, creators) = NewStore();
        (await creators.SaveAsync(new CreatorGenerator(7, Clock).NextNew())).IsSaved.ShouldBeTrue();
        var message = (await outbox.ReadPendingAsync(1))[0];
        (await outbox.RecordFailedAttemptAsync(message.EventId, "System.TimeoutException", Clock.GetCurrentInstant(), maxAttempts: 2)).ShouldBeFalse();

        outbox.TakingRoom = () => throw new OutOfMemoryException("the dead letters' room");
        await Should.ThrowAsync<OutOfMemoryException>(async () => await outbox.RecordFailedAttemptAsync(message.EventId, "System.TimeoutException", Clock.GetCurrentInstant(), maxAttempts: 2));
        (await outbox.ReadDeadLettersAsync(10)).ShouldBeEmpty();
        (await outbox.ReadPendingAsync(1))[0].EventId.ShouldBe(message.EventId);

        // The second failure is still the second: it dead-letters the event after two attempts, not three.
        outbox.TakingRoom = null;
        (await outbox.RecordFailedAttemptAsync(message.EventId, "System.TimeoutException", Clock.GetCurrentInstant(), maxAttempts: 2)).ShouldBeTrue();
        (await outbox.ReadDeadLettersAsync(10)).ShouldHaveSingleItem().Attempts.ShouldBe(2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task An_erasure_that_fails_on_the_way_erases_nothing_and_erasing_again_erases_it_all(int failingRoom)
    {
        var store = new InMemoryMarketplaceStore();
        var (creator, collaboration) = await StoreCreatorWithACollaborationAsync(store, Clock);
        var before = await StateOfAsync(store, creator.Id, collaboration.Id);
        before.Identity.ShouldNotBeNull();
        before.Messages.ShouldContain(body => body.Contains("Quillfeather", StringComparison.Ordinal));

        // The outbox's replaced events are made first, then the room for CreatorErased: failing at either changes nothing.
        var outbox = (InMemoryOutbox)store.Outbox;
        var rooms = 0;
        outbox.TakingRoom = () =>
        {
            if (++rooms == failingRoom)
            {
                throw new OutOfMemoryException("the erasure's room");
            }
        };
        await Should.ThrowAsync<OutOfMemoryException>(async () => await store.EraseCreatorAsync(creator.Id, null, Clock));
        rooms.ShouldBe(failingRoom);
        (await StateOfAsync(store, creator.Id, collaboration.Id)).ShouldBe(before);

        outbox.TakingRoom = null;
        (await store.EraseCreatorAsync(creator.Id, null, Clock)).IsT0.ShouldBeTrue("erased by this call");
        var after = await StateOfAsync(store, creator.Id, collaboration.Id);
        (after.Identity, after.Creator).ShouldBe((null, null));
        after.Messages.ShouldNotContain(body => body.Contains("Quillfeather", StringComparison.Ordinal));
        after.Changes.Count.ShouldBe(before.Changes.Count + 1);
        after.Changes[^1].ShouldBeOfType<CreatorErased>().Creator.ShouldBe(creator.Id);
        (await store.EraseCreatorAsync(creator.Id, null, Clock)).IsT1.ShouldBeTrue("erased once, whole: nothing is left to erase");
    }

    [Fact]
    public async Task An_expiry_that_fails_on_the_way_expires_nothing_and_running_it_again_expires_it_all()
    {
        var store = new InMemoryMarketplaceStore();
        var clock = new FakeClock(Clock.GetCurrentInstant());
        var (creator, collaboration) = await StoreCreatorWithACollaborationAsync(store, clock);
        clock.Advance(Duration.FromDays(40));
        var policy = MessageRetentionPolicy.Create("chat", [MessageRetentionVersion.Create(Instant.MinValue, 30)]);
        var before = await StateOfAsync(store, creator.Id, collaboration.Id);

        var outbox = (InMemoryOutbox)store.Outbox;
        outbox.TakingRoom = () => throw new OutOfMemoryException("the expiry's room");
        await Should.ThrowAsync<OutOfMemoryException>(async () => await store.ExpireMessagesAsync(policy, clock));
        (await StateOfAsync(store, creator.Id, collaboration.Id)).ShouldBe(before);

        outbox.TakingRoom = null;
        (await store.ExpireMessagesAsync(policy, clock)).Collaborations.ShouldBe(1);
        var after = await StateOfAsync(store, creator.Id, collaboration.Id);
        after.Messages.ShouldNotContain(body => body.Contains("Quillfeather", StringComparison.Ordinal));
        after.Changes.OfType<MessageSent>().ShouldNotContain(sent => sent.Message.Body.Contains("Quillfeather", StringComparison.Ordinal));
    }

    // A creator with personal data and a profile changed once, and a collaboration of hers with a message naming her,
    // sent after everything else in its history, as a history runs forward in time.
    private static async Task<(Creator Creator, Collaboration Collaboration)> StoreCreatorWithACollaborationAsync(InMemoryMarketplaceStore store, FakeClock clock)
    {
        var collaboration = AggregateGenerators.Collaborations().Sample(60, new Rnd(2026_12_07UL), 60)
            .First(c => c.Version == 0 && c.History[^1].OccurredAt <= clock.GetCurrentInstant() && c.SendMessage(Actor.Creator, "Thanks! Quillfeather Loaves", clock).IsDone);
        var generated = new CreatorGenerator(23, clock).Next();
        var creator = Creator.Register(collaboration.Creator, generated.Profile with { DisplayName = "Quillfeather Bakes" }, generated.PrimaryAccount, clock);
        (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        creator.ChangeProfile(generated.Profile with { DisplayName = "Quillfeather Loaves" }, clock);
        (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        await store.Identities.SaveAsync(new CreatorIdentity(creator.Id, "Matilda Quillfeather", "matilda@example.com"));
        (await store.Collaborations.SaveAsync(collaboration)).IsSaved.ShouldBeTrue();
        return (creator, collaboration);
    }

    // What the store holds of the creator and the collaboration, and every event its feed and outbox hold.
    private static async Task<StoreState> StateOfAsync(InMemoryMarketplaceStore store, CreatorId creator, CollaborationId collaboration)
    {
        var changes = await store.Changes.ReadAsync(0, BulkRead.MaxPageSize);
        var pending = await store.Outbox.ReadPendingAsync(1_000);
        pending.ShouldBe(changes, "nothing was delivered");
        return new StoreState(
            await store.Identities.FindAsync(creator),
            (await store.Creators.FindAsync(creator))?.ToListing(),
            [.. (await store.Collaborations.FindAsync(collaboration)).ShouldNotBeNull().Messages.Select(message => message.Body)],
            [.. changes.Select(change => change.Event)]);
    }

    private sealed record StoreState(CreatorIdentity? Identity, CreatorListing? Creator, IReadOnlyList<string> Messages, IReadOnlyList<IDomainEvent> Changes)
    {
        public bool Equals(StoreState? other) =>
            other is not null && Equals(Identity, other.Identity) && Equals(Creator, other.Creator) && Messages.SequenceEqual(other.Messages)
            && Changes.SequenceEqual(other.Changes, ReferenceEqualityComparer.Instance);

        public override int GetHashCode() => HashCode.Combine(Identity, Creator, Messages.Count, Changes.Count);
    }

    // A store's creators and the outbox their saves append to, under one lock, as InMemoryMarketplaceStore holds them.
    private static (InMemoryOutbox Outbox, InMemoryRepository<Creator, CreatorId, CreatorSnapshot> Creators) NewStore()
    {
        var gate = new object();
        var outbox = new InMemoryOutbox(gate, TimeProvider.System);
        return (outbox, new InMemoryRepository<Creator, CreatorId, CreatorSnapshot>(gate, outbox));
    }
}
