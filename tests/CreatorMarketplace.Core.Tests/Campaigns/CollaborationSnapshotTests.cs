using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Compliance;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;
using static CreatorMarketplace.Tests.Campaigns.CampaignFixtures;

namespace CreatorMarketplace.Tests.Campaigns;

public class CollaborationSnapshotTests
{
    [Property(MaxTest = 200)]
    public Property A_collaboration_restored_from_its_snapshot_holds_the_same_at_the_stored_version() =>
        Prop.ForAll(
            (from collaboration in AggregateGenerators.Collaborations() from version in Gen.Choose(1, int.MaxValue) select (collaboration, version)).ToArbitrary(),
            sample =>
            {
                var (collaboration, version) = sample;

                var restored = Collaboration.FromSnapshot(collaboration.ToSnapshot(), version);

                restored.ToSnapshot().ShouldBeEquivalentTo(collaboration.ToSnapshot());
                Fingerprint(restored, withPending: false).ShouldBe(Fingerprint(collaboration, withPending: false));
                restored.Version.ShouldBe(version);
                restored.PendingEvents.ShouldBeEmpty();
            });

    [Fact]
    public void A_restored_collaboration_answers_the_next_commands_as_the_original_does()
    {
        var clock = Clock();
        var collaboration = InProduction(clock, rounds: 1);
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        collaboration.RequestRevision("teaser", "shorter", clock).ThrowIfNotAllowed();
        clock.AdvanceHours(3);
        collaboration.SubmitDraft("teaser", "v2", clock).ThrowIfNotAllowed();
        collaboration.SubmitDraft("launch-video", "v1", clock).ThrowIfNotAllowed();
        collaboration.SendMessage(Actor.Creator, "Both drafts are up", clock, ["s3://drafts/teaser-2.mp4"]).ThrowIfNotAllowed();

        var restored = Collaboration.FromSnapshot(collaboration.ToSnapshot(), 12);

        restored.RequestRevision("teaser", "shorter still", clock).Refusal.ShouldNotBeNull().ShouldBe(collaboration.RequestRevision("teaser", "shorter still", clock).Refusal);
        restored.UnreadBy(Actor.Brand).ShouldBe(collaboration.UnreadBy(Actor.Brand));
        restored.UnreadBy(Actor.Brand).ShouldBe(1);
        clock.AdvanceDays(14);
        restored.ApplyAutoApprovals(clock).AsT0.ShouldBe(["launch-video", "teaser"]);
        collaboration.ApplyAutoApprovals(clock).AsT0.ShouldBe(["launch-video", "teaser"]);
        restored.ReadMessages(Actor.Brand, clock).IsDone.ShouldBeTrue();
        collaboration.ReadMessages(Actor.Brand, clock).IsDone.ShouldBeTrue();

        restored.ToSnapshot().ShouldBeEquivalentTo(collaboration.ToSnapshot());
        Fingerprint(restored, withPending: false).ShouldBe(Fingerprint(collaboration, withPending: false));
        restored.PendingEvents.Select(e => e.GetType().Name).ShouldBe(["ContentApproved", "ContentApproved", "MessagesRead"]);
    }

    [Fact]
    public void A_collaboration_is_loaded_from_its_snapshot_as_from_its_history_by_applying_the_stored_events()
    {
        var clock = Clock();
        var collaboration = InProduction(clock, rounds: 1);
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        collaboration.SendMessage(Actor.Creator, "Draft is up", clock, ["s3://drafts/teaser-1.mp4"]).ThrowIfNotAllowed();
        var snapshot = collaboration.ToSnapshot();

        var restored = Collaboration.FromSnapshot(snapshot, 4);
        var rebuilt = Collaboration.FromHistory(snapshot.History, 4);

        // The commands run to check the history are not what the loaded collaboration is made of: its events are.
        restored.History.Count.ShouldBe(snapshot.History.Count);
        restored.History.Zip(snapshot.History).ShouldAllBe(pair => ReferenceEquals(pair.First, pair.Second));
        rebuilt.History.Zip(snapshot.History).ShouldAllBe(pair => ReferenceEquals(pair.First, pair.Second));
        Fingerprint(restored, withPending: false).ShouldBe(Fingerprint(rebuilt, withPending: false));
    }

    [Fact]
    public void A_snapshot_that_breaks_the_rules_is_refused_with_every_problem_named()
    {
        var clock = Clock();
        var collaboration = Negotiated(clock);
        var history = collaboration.History;
        var snapshot = collaboration.ToSnapshot() with
        {
            History = [.. history.Take(4), (OfferAccepted)history[4] with { Price = Money.Of(900m, Currency.USD) }, history[2] with { Collaboration = EntityId.New<CollaborationId>(clock) }, null!],
        };

        var error = Should.Throw<DomainValidationException>(() => Collaboration.FromSnapshot(snapshot, 1));

        error.ParamName.ShouldBe("snapshot");
        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe([
            ("History[5].Collaboration", "collaboration.foreign_event"),
            ("History[6]", "snapshot.event_missing"),
            ("History[4]", "collaboration.event_mismatch"),
        ]);
        Should.Throw<DomainValidationException>(() => Collaboration.FromSnapshot(collaboration.ToSnapshot() with { Id = default, History = [.. history.Skip(1)] }, 1))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("Id", "snapshot.id_empty"), ("History[0]", "collaboration.history_unopened")]);
        Should.Throw<ArgumentOutOfRangeException>(() => Collaboration.FromSnapshot(collaboration.ToSnapshot(), 0));
    }

    [Fact]
    public void A_history_no_sequence_of_commands_could_record_is_refused_at_the_first_event_that_does_not_follow()
    {
        var clock = Clock();
        var negotiated = Negotiated(clock);
        var id = negotiated.Id;
        var completed = Completed(clock);

        DomainError Refusal(CollaborationSnapshot snapshot) => Should.Throw<DomainValidationException>(() => Collaboration.FromSnapshot(snapshot, 1)).Errors.ShouldHaveSingleItem();

        Refusal(negotiated.ToSnapshot() with { History = [.. negotiated.History, new CollaborationDeclined(id, Actor.Creator, Now, "no"), new MessagesRead(id, Actor.Brand, Now, 1)] })
            .ShouldBe(new DomainError("History[5]", "collaboration.event_refused", "decline is not allowed while agreed: a collaboration that is agreed allows only attach contract, cancel, send message, read messages."));
        Refusal(negotiated.ToSnapshot() with { History = [.. negotiated.History, new MessagesRead(id, Actor.System, Now, 1)] })
            .ShouldBe(new DomainError("History[5]", "collaboration.event_invalid", "reader: only the brand or the creator can do this, not the system. (Parameter 'reader')"));
        Refusal(negotiated.ToSnapshot() with { History = [.. negotiated.History, new CollaborationCompleted(id, Actor.Brand, Now)] })
            .ShouldBe(new DomainError("History[5]", "collaboration.event_invalid", "no command records a CollaborationCompleted at this point. (Parameter 'stored')"));
        Refusal(completed.ToSnapshot() with { History = [.. completed.History.SkipLast(1)] })
            .ShouldBe(new DomainError("History", "collaboration.history_cut", $"the history ends before {completed.History[^1]}, which the event before it records with it."));
    }

    [Fact]
    public void A_history_that_goes_back_in_time_is_refused_at_the_event_dated_too_early()
    {
        var clock = Clock();
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        collaboration.MakeOffer(Actor.Brand, Offer(1_000m), Now + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        var id = collaboration.Id;
        var acceptedTheDayBefore = new OfferAccepted(id, Actor.Creator, Now - Duration.FromDays(1), 1, Money.Of(1_000m, Currency.USD), Glow);
        var early = Now - Duration.FromDays(365);
        var sentBeforeTheOpening = new MessageSent(id, Actor.Creator, early, new Message(1, Actor.Creator, early, "hello from the past", []));

        foreach (var forged in new CollaborationEvent[] { acceptedTheDayBefore, sentBeforeTheOpening })
        {
            var error = Should.Throw<DomainValidationException>(() => Collaboration.FromSnapshot(new CollaborationSnapshot(id, [.. collaboration.History, forged]), 1)).Errors.ShouldHaveSingleItem();

            (error.Field, error.Code).ShouldBe(("History[2].OccurredAt", "collaboration.history_out_of_order"));
            Should.Throw<ArgumentException>(() => Collaboration.FromHistory([.. collaboration.History, forged]));
        }
    }

    [Fact]
    public void A_stored_opening_is_refused_without_a_creator_or_under_a_policy_no_collaboration_opens_under()
    {
        var clock = Clock();
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        var opened = (CollaborationOpened)collaboration.History[0];

        foreach (var forged in new[] { opened with { Creator = default }, opened with { Policy = new CollaborationPolicy(Duration.FromDays(-1)) } })
        {
            var error = Should.Throw<DomainValidationException>(() => Collaboration.FromSnapshot(new CollaborationSnapshot(collaboration.Id, [forged]), 1)).Errors.ShouldHaveSingleItem();

            (error.Field, error.Code).ShouldBe(("History[0]", "collaboration.event_invalid"));
        }
    }

    // Invited; the brand offers 800, the creator asks and counters with 1,000, which the brand accepts.
    private static Collaboration Negotiated(FakeClock clock)
    {
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        collaboration.MakeOffer(Actor.Brand, Offer(800m), Now + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        collaboration.SendMessage(Actor.Creator, "Could you do 1,000?", clock).ThrowIfNotAllowed();
        collaboration.MakeOffer(Actor.Creator, Offer(1_000m), Now + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        collaboration.AcceptOffer(Actor.Brand, 2, clock).ThrowIfNotAllowed();
        return collaboration;
    }

    // Both deliverables approved, posted and verified.
    private static Collaboration Completed(FakeClock clock)
    {
        var collaboration = InProduction(clock);
        foreach (var name in new[] { "launch-video", "teaser" })
        {
            collaboration.SubmitDraft(name, $"s3://drafts/{name}-1.mp4", clock).ThrowIfNotAllowed();
            collaboration.ApproveContent(name, clock).ThrowIfNotAllowed();
        }

        clock.AdvanceDays(2);
        foreach (var name in new[] { "launch-video", "teaser" })
        {
            collaboration.RecordPost(name, new PostRecord("7301", new Uri("https://www.tiktok.com/@maya.makes/video/7301"), clock.GetCurrentInstant()), clock).ThrowIfNotAllowed();
            collaboration.Verify(name, live: true, new DisclosureResult([]), Actor.Brand, clock).ThrowIfNotAllowed();
        }

        collaboration.Status.ShouldBe(CollaborationStatus.Completed);
        return collaboration;
    }
}
