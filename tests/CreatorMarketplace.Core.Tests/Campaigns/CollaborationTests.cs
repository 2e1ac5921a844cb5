using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Payments;
using NodaTime;
using NodaTime.Testing;
using static CreatorMarketplace.Tests.Campaigns.CampaignFixtures;

namespace CreatorMarketplace.Tests.Campaigns;

public class CollaborationTests
{
    private static readonly DisclosureResult Disclosed = new([]);

    [Fact]
    public void A_collaboration_runs_from_invitation_through_a_counter_offer_to_a_verified_post()
    {
        var clock = Clock();
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();

        collaboration.MakeOffer(Actor.Brand, Offer(800m), Now + Duration.FromDays(3), clock).IsDone.ShouldBeTrue();
        collaboration.MakeOffer(Actor.Creator, Offer(1_000m), Now + Duration.FromDays(3), clock).IsDone.ShouldBeTrue();
        collaboration.Offers.Select(o => o.Status).ShouldBe([OfferStatus.Countered, OfferStatus.Open]);
        collaboration.AcceptOffer(Actor.Brand, 2, clock).IsDone.ShouldBeTrue();
        collaboration.AgreedOffer!.Terms.Price.ShouldBe(Money.Of(1_000m, Currency.USD));
        collaboration.AttachContract(SignedContract(clock, Money.Of(1_000m, Currency.USD)), [], clock).IsDone.ShouldBeTrue();

        foreach (var name in new[] { "launch-video", "teaser" })
        {
            collaboration.SubmitDraft(name, $"s3://drafts/{name}-1.mp4", clock).IsDone.ShouldBeTrue();
        }

        collaboration.RequestRevision("launch-video", "show the texture closer", clock).IsDone.ShouldBeTrue();
        collaboration.SubmitDraft("launch-video", "s3://drafts/launch-video-2.mp4", clock).IsDone.ShouldBeTrue();
        collaboration.ApproveContent("launch-video", clock).IsDone.ShouldBeTrue();
        collaboration.ApproveContent("teaser", clock).IsDone.ShouldBeTrue();
        clock.AdvanceDays(2);
        foreach (var (name, id) in new[] { ("launch-video", "7301"), ("teaser", "7302") })
        {
            collaboration.RecordPost(name, new PostRecord(id, new Uri($"https://www.tiktok.com/@maya.makes/video/{id}"), clock.GetCurrentInstant()), clock).IsDone.ShouldBeTrue();
            collaboration.Verify(name, live: true, Disclosed, Actor.Brand, clock).IsDone.ShouldBeTrue();
        }

        collaboration.Status.ShouldBe(CollaborationStatus.Completed);
        collaboration.Deliverable("launch-video").Drafts.Select(d => d.Review).ShouldBe([ReviewState.ContentReviewFailed, ReviewState.Succeeded]);
        collaboration.AuditTrail.Select(a => a.Action).ShouldBe([
            "invite", "make offer", "make offer", "accept offer", "attach contract", "submit draft", "submit draft", "review content", "submit draft",
            "review content", "review content", "record post", "verify", "record post", "verify", "complete",
        ]);
        collaboration.AuditTrail[7].ShouldBe(new AuditEntry(Actor.Brand, Now, "review content", "in production; launch-video: content reviewing, teaser: content reviewing", "in production; launch-video: content review failed, teaser: content reviewing"));
    }

    [Fact]
    public void Revisions_are_bounded_by_the_contracts_rounds()
    {
        var clock = Clock();
        var collaboration = InProduction(clock, rounds: 1);
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        collaboration.RequestRevision("teaser", "shorter", clock).IsDone.ShouldBeTrue();
        collaboration.SubmitDraft("teaser", "v2", clock).ThrowIfNotAllowed();

        var refusal = collaboration.RequestRevision("teaser", "shorter still", clock).Refusal;

        refusal.ShouldBe(new NotAllowed("review content", "in production", "the one revision round of teaser is used; approve the draft or cancel."));
        collaboration.Deliverable("teaser").RevisionsRequested.ShouldBe(1);
    }

    [Fact]
    public void A_draft_the_brand_leaves_unreviewed_for_14_days_is_approved_by_the_clock()
    {
        var clock = Clock();
        var collaboration = InProduction(clock);
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        var submitted = clock.GetCurrentInstant();

        clock.Reset(submitted + Duration.FromDays(14) - Duration.Epsilon);
        collaboration.ApplyAutoApprovals(clock).AsT0.ShouldBeEmpty();
        clock.Reset(submitted + Duration.FromDays(14));
        collaboration.RequestRevision("teaser", "too late", clock).Refusal!.Reason.ShouldBe($"draft 1 of teaser counts as approved since {submitted + Duration.FromDays(14)}, 14 days after it was submitted without a review.");
        collaboration.ApplyAutoApprovals(clock).AsT0.ShouldBe(["teaser"]);

        collaboration.Deliverable("teaser").IsApproved.ShouldBeTrue();
        collaboration.AuditTrail[^1].Actor.ShouldBe(Actor.System);
        collaboration.AuditTrail[^1].Action.ShouldBe("auto-approve");
    }

    [Fact]
    public void With_paid_rights_an_approved_draft_also_passes_the_ad_review()
    {
        var clock = Clock();
        var collaboration = InProduction(clock, paid: true);
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        collaboration.ApproveContent("teaser", clock).ThrowIfNotAllowed();
        collaboration.Deliverable("teaser").Review.ShouldBe(ReviewState.AdReviewing);

        collaboration.RecordAdReview("teaser", passed: false, "music not licensed for ads", clock).IsDone.ShouldBeTrue();
        collaboration.Deliverable("teaser").Review.ShouldBe(ReviewState.AdReviewFailed);
        collaboration.SubmitDraft("teaser", "v2", clock).IsDone.ShouldBeTrue();
        collaboration.ApproveContent("teaser", clock).ThrowIfNotAllowed();
        collaboration.RecordAdReview("teaser", passed: true, null, clock).ThrowIfNotAllowed();

        collaboration.Deliverable("teaser").Review.ShouldBe(ReviewState.Succeeded);
        collaboration.Deliverable("teaser").RevisionsRequested.ShouldBe(0);
        ReviewState.ContentReviewing.Next.ShouldBe([ReviewState.ContentReviewFailed, ReviewState.AdReviewing, ReviewState.Succeeded]);
    }

    [Fact]
    public void A_post_must_be_approved_and_inside_the_contracts_window()
    {
        var clock = Clock();
        var collaboration = InProduction(clock);
        var window = collaboration.Deliverable("teaser").Window;
        PostRecord Post(Instant at) => new("7302", new Uri("https://www.tiktok.com/@maya.makes/video/7302"), at);

        collaboration.RecordPost("teaser", Post(Now), clock).Refusal!.Reason.ShouldBe("teaser is no review; only an approved draft may be posted.");
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        collaboration.ApproveContent("teaser", clock).ThrowIfNotAllowed();
        clock.Reset(window.Start + Duration.FromDays(1));
        collaboration.RecordPost("teaser", Post(window.Start - Duration.Epsilon), clock).Refusal!.Reason.ShouldStartWith("posted at 2027-01-05T14:59:59Z, outside teaser's window");

        collaboration.RecordPost("teaser", Post(window.Start), clock).IsDone.ShouldBeTrue();
        Should.Throw<ArgumentException>(() => collaboration.RecordPost("launch-video", Post(clock.GetCurrentInstant() + Duration.FromSeconds(1)), clock));
    }

    [Fact]
    public void A_post_without_a_url_is_refused_naming_the_field()
    {
        var clock = Clock();
        var collaboration = InProduction(clock);
        clock.AdvanceDays(2);
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        collaboration.ApproveContent("teaser", clock).ThrowIfNotAllowed();
        var before = Fingerprint(collaboration);

        var error = Should.Throw<DomainValidationException>(() => collaboration.RecordPost("teaser", new PostRecord("7302", null!, clock.GetCurrentInstant()), clock));

        error.Errors.ShouldHaveSingleItem().ShouldBe(new DomainError("post.Url", "collaboration.post_url_missing", "a post says where it can be seen."));
        Fingerprint(collaboration).ShouldBe(before);
    }

    [Fact]
    public void A_post_that_went_live_before_the_approved_draft_was_submitted_is_not_that_draft()
    {
        var clock = Clock();
        var collaboration = InProduction(clock);
        var window = collaboration.Deliverable("teaser").Window;
        clock.Reset(window.Start + Duration.FromDays(2));
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        var submitted = clock.GetCurrentInstant();
        clock.AdvanceDays(1);
        collaboration.ApproveContent("teaser", clock).ThrowIfNotAllowed();
        PostRecord Post(Instant at) => new("7302", new Uri("https://www.tiktok.com/@maya.makes/video/7302"), at);

        collaboration.RecordPost("teaser", Post(submitted - Duration.Epsilon), clock).Refusal!.Reason
            .ShouldBe($"posted at {submitted - Duration.Epsilon}, before draft 1 of teaser, the one approved, was submitted at {submitted}.");
        collaboration.Deliverable("teaser").Post.ShouldBeNull();

        collaboration.RecordPost("teaser", Post(submitted), clock).IsDone.ShouldBeTrue();
    }

    [Fact]
    public void A_failed_verification_is_recorded_and_can_be_repeated()
    {
        var clock = Clock();
        var collaboration = InProduction(clock);
        clock.AdvanceDays(2);
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        collaboration.ApproveContent("teaser", clock).ThrowIfNotAllowed();
        collaboration.RecordPost("teaser", new PostRecord("7302", new Uri("https://www.tiktok.com/@maya.makes/video/7302"), clock.GetCurrentInstant()), clock).ThrowIfNotAllowed();
        var missing = DisclosureRules.Default.Check("new serum", brandedContentFlag: true, [Country.US]);

        collaboration.Verify("teaser", live: true, missing, Actor.Brand, clock).IsDone.ShouldBeTrue();
        collaboration.Deliverable("teaser").IsVerified.ShouldBeFalse();
        collaboration.Verify("teaser", live: true, Disclosed, Actor.Brand, clock).IsDone.ShouldBeTrue();

        collaboration.Deliverable("teaser").IsVerified.ShouldBeTrue();
        collaboration.Status.ShouldBe(CollaborationStatus.InProduction);
        collaboration.Verify("teaser", live: true, Disclosed, Actor.Brand, clock).Refusal!.Reason.ShouldBe("teaser has already passed its verification.");
    }

    [Fact]
    public void An_offer_expires_and_only_the_other_party_may_accept_it()
    {
        var clock = Clock();
        var collaboration = Collaboration.Apply(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        collaboration.MakeOffer(Actor.Creator, Offer(1_200m), Now + Duration.FromDays(2), clock).ThrowIfNotAllowed();

        collaboration.AcceptOffer(Actor.Creator, 1, clock).Refusal!.Reason.ShouldBe("offer 1 is the creator's own.");
        collaboration.MakeOffer(Actor.Creator, Offer(1_100m), Now + Duration.FromDays(2), clock).Refusal!.Reason.ShouldBe("the creator's offer 1 is still open; withdraw it first.");
        clock.AdvanceDays(2);
        collaboration.AcceptOffer(Actor.Brand, 1, clock).Refusal!.Reason.ShouldBe($"offer 1 is expired since {Now + Duration.FromDays(2)}.");
        collaboration.Offers[0].StatusAt(clock.GetCurrentInstant()).ShouldBe(OfferStatus.Expired);
        Should.Throw<ArgumentOutOfRangeException>(() => collaboration.AcceptOffer(Actor.Brand, 2, clock));
    }

    // The brand's offer 1 expired, and its offer 2 open: what a counter-offer of the creator's answers.
    private static (Collaboration Collaboration, FakeClock Clock) BrandOfferExpiredThenMadeAgain()
    {
        var clock = Clock();
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        collaboration.MakeOffer(Actor.Brand, Offer(800m), Now + Duration.FromDays(1), clock).ThrowIfNotAllowed();
        clock.AdvanceDays(2);
        collaboration.MakeOffer(Actor.Brand, Offer(900m), clock.GetCurrentInstant() + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        return (collaboration, clock);
    }

    [Fact]
    public void A_counter_offer_answers_the_other_partys_open_offer_not_an_expired_one()
    {
        var (collaboration, clock) = BrandOfferExpiredThenMadeAgain();

        collaboration.MakeOffer(Actor.Creator, Offer(1_000m), clock.GetCurrentInstant() + Duration.FromDays(3), clock).ThrowIfNotAllowed();

        collaboration.Offers.Select(offer => offer.StatusAt(clock.GetCurrentInstant())).ShouldBe([OfferStatus.Expired, OfferStatus.Countered, OfferStatus.Open]);
        collaboration.AcceptOffer(Actor.Creator, 2, clock).IsDone.ShouldBeFalse();
        Collaboration.FromHistory(collaboration.History).Offers.Select(offer => offer.Status).ShouldBe(collaboration.Offers.Select(offer => offer.Status));
    }

    [Fact]
    public void Once_an_offer_is_accepted_no_other_offer_is_left_open()
    {
        var (collaboration, clock) = BrandOfferExpiredThenMadeAgain();
        collaboration.MakeOffer(Actor.Creator, Offer(1_000m), clock.GetCurrentInstant() + Duration.FromDays(3), clock).ThrowIfNotAllowed();

        collaboration.AcceptOffer(Actor.Brand, 3, clock).ThrowIfNotAllowed();

        collaboration.Status.ShouldBe(CollaborationStatus.Agreed);
        collaboration.Offers.Count(offer => offer.StatusAt(clock.GetCurrentInstant()) == OfferStatus.Open).ShouldBe(0);
    }

    [Fact]
    public void An_offer_holds_at_most_the_deliverables_of_one_order()
    {
        var clock = Clock();
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        BriefDeliverable Videos(int quantity) => new(DeliverableType.ShortVideo, Platform.TikTok, quantity, new LocalDate(2027, 1, 20));

        var error = Should.Throw<DomainValidationException>(() => collaboration.MakeOffer(Actor.Brand, Offer(1_000m) with { Deliverables = [Videos(6), Videos(5)] }, Now + Duration.FromDays(3), clock));

        error.Errors.ShouldHaveSingleItem().ShouldBe(new DomainError("Deliverables", "offer.too_many_deliverables", $"an order holds at most {CreatorMarketplace.Campaigns.Brief.MaxDeliverablesPerOrder} deliverables, the offer asks for 11."));
        collaboration.Offers.ShouldBeEmpty();
        collaboration.MakeOffer(Actor.Brand, Offer(1_000m) with { Deliverables = [Videos(6), Videos(4)] }, Now + Duration.FromDays(3), clock).IsDone.ShouldBeTrue();
    }

    [Fact]
    public void An_offers_deliverable_names_its_type_and_platform_and_each_problem_names_its_index()
    {
        var clock = Clock();
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        var terms = Offer(1_000m) with
        {
            Deliverables = [new BriefDeliverable(DeliverableType.ShortVideo, Platform.TikTok, 1, new LocalDate(2027, 1, 20)), new BriefDeliverable(null!, null!, 0, new LocalDate(2027, 1, 20))],
        };

        var error = Should.Throw<DomainValidationException>(() => collaboration.MakeOffer(Actor.Brand, terms, Now + Duration.FromDays(3), clock));

        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe([
            ("Deliverables[1].Type", "offer.null"),
            ("Deliverables[1].Platform", "offer.null"),
            ("Deliverables[1].Quantity", "offer.out_of_range"),
        ]);
        collaboration.Offers.ShouldBeEmpty();
    }

    [Fact]
    public void An_offer_keeps_its_terms_whatever_the_caller_does_to_the_arrays_it_passed()
    {
        var clock = Clock();
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        var deliverables = new[] { new BriefDeliverable(DeliverableType.ShortVideo, Platform.TikTok, 1, new LocalDate(2027, 1, 20)) };
        var channels = new[] { UsageChannel.Organic };
        var rights = new[] { Offer(1_000m).Rights[0] with { Channels = channels } };
        collaboration.MakeOffer(Actor.Brand, Offer(1_000m) with { Deliverables = deliverables, Rights = rights }, Now + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        collaboration.AcceptOffer(Actor.Creator, 1, clock).ThrowIfNotAllowed();

        deliverables[0] = deliverables[0] with { Quantity = 9 };
        channels[0] = UsageChannel.PaidAmplification;
        rights[0] = rights[0] with { Territories = Territories.Worldwide };

        var agreed = collaboration.AgreedOffer!.Terms;
        agreed.Deliverables.ShouldHaveSingleItem().Quantity.ShouldBe(1);
        agreed.Rights.ShouldHaveSingleItem().Channels.ShouldBe([UsageChannel.Organic]);
        agreed.Rights[0].Territories.ShouldBe(Territories.Of(Country.US));
    }

    [Fact]
    public void Attaching_a_contract_checks_the_creators_exclusivities()
    {
        var clock = Clock();
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        collaboration.MakeOffer(Actor.Brand, Offer(1_000m), Now + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        collaboration.AcceptOffer(Actor.Creator, 1, clock).ThrowIfNotAllowed();
        var rivals = SignedContract(clock, Money.Of(5_000m, Currency.USD), brand: Rival, exclusivity: new Exclusivity { Categories = [Cosmetics], Start = Now, End = Now + Duration.FromDays(90) });

        var refusal = collaboration.AttachContract(SignedContract(clock, Money.Of(1_000m, Currency.USD)), [rivals], clock).Refusal;

        refusal!.Reason.ShouldStartWith($"the creator is under exclusivity: contract {rivals.Id}: category cosmetics is exclusive to brand {Rival}");
        collaboration.Status.ShouldBe(CollaborationStatus.Agreed);
        Should.Throw<DomainValidationException>(() => collaboration.AttachContract(SignedContract(clock, Money.Of(900m, Currency.USD)), [], clock))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("collaboration.fee_mismatch");
    }

    [Fact]
    public void A_terminated_contract_binds_no_one_and_cannot_be_attached()
    {
        var clock = Clock();
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        collaboration.MakeOffer(Actor.Brand, Offer(1_000m), Now + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        collaboration.AcceptOffer(Actor.Creator, 1, clock).ThrowIfNotAllowed();
        var contract = SignedContract(clock, Money.Of(1_000m, Currency.USD));
        contract.Terminate(ContractParty.Brand, "deal is off", clock).ThrowIfNotAllowed();
        var before = Fingerprint(collaboration);

        var refusal = collaboration.AttachContract(contract, [], clock).Refusal;

        refusal.ShouldBe(new NotAllowed("attach contract", "agreed", $"contract {contract.Id} is terminated and binds neither party."));
        Fingerprint(collaboration).ShouldBe(before);
    }

    [Fact]
    public void A_cancellation_once_a_posting_window_closed_with_nothing_posted_is_after_a_missed_deadline()
    {
        // The windows open a day from the clock's start and close 30 days later.
        var clock = Clock();
        var missed = InProduction(clock);
        var approvedUnposted = InProduction(clock);
        var inTime = InProduction(clock);
        missed.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        missed.RequestRevision("teaser", "wrong product", clock).ThrowIfNotAllowed();
        foreach (var name in new[] { "launch-video", "teaser" })
        {
            approvedUnposted.SubmitDraft(name, "v1", clock).ThrowIfNotAllowed();
            approvedUnposted.ApproveContent(name, clock).ThrowIfNotAllowed();
        }

        inTime.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        var closes = missed.Deliverables.Min(deliverable => deliverable.Window.End);
        clock.Reset(closes - Duration.Epsilon);
        inTime.Cancel(Actor.Brand, "campaign paused", clock).ThrowIfNotAllowed();
        clock.Reset(closes);
        missed.Cancel(Actor.Brand, "nothing was posted", clock).ThrowIfNotAllowed();
        approvedUnposted.Cancel(Actor.Brand, "nothing was posted", clock).ThrowIfNotAllowed();

        (inTime.Cancellation!.Stage, missed.Cancellation!.Stage, approvedUnposted.Cancellation!.Stage)
            .ShouldBe((CancellationStage.AfterSubmission, CancellationStage.AfterMissedDeadline, CancellationStage.AfterMissedDeadline));
        RefundCase.Of(missed.Cancellation).ShouldBe(RefundCase.CreatorMissedDeadline);
        RefundCase.Of(missed.Cancellation with { By = Actor.Creator }).ShouldBe(RefundCase.CreatorCancelled);
    }

    [Fact]
    public void Cancelling_records_the_stage_reached_and_ends_the_thread()
    {
        var clock = Clock();
        var collaboration = InProduction(clock);
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        collaboration.SendMessage(Actor.Brand, "Loving it so far!", clock, ["s3://notes/1.pdf"]).ThrowIfNotAllowed();

        collaboration.Cancel(Actor.Brand, "campaign paused", clock).IsDone.ShouldBeTrue();

        collaboration.Cancellation!.Stage.ShouldBe(CancellationStage.AfterSubmission);
        collaboration.SendMessage(Actor.Creator, "Hello?", clock).Refusal!.State.ShouldBe("cancelled");
        collaboration.UnreadBy(Actor.Creator).ShouldBe(1);
        collaboration.ReadMessages(Actor.Creator, clock).IsDone.ShouldBeTrue();
        collaboration.UnreadBy(Actor.Creator).ShouldBe(0);
    }

    [Fact]
    public void Drafts_left_unreviewed_past_the_auto_approval_period_count_as_approved_for_a_cancellation_before_the_job_runs()
    {
        var clock = Clock();
        var organic = InProduction(clock);
        var paid = InProduction(clock, paid: true);
        foreach (var collaboration in new[] { organic, paid })
        {
            collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
            collaboration.SubmitDraft("launch-video", "v1", clock).ThrowIfNotAllowed();
        }

        clock.AdvanceDays(15);
        organic.Cancel(Actor.Brand, "changed our mind", clock).ThrowIfNotAllowed();
        paid.Cancel(Actor.Brand, "changed our mind", clock).ThrowIfNotAllowed();

        // No refund once the work counts as approved; with paid rights the ad review still lies ahead.
        organic.Cancellation!.Stage.ShouldBe(CancellationStage.AfterApproval);
        RefundCase.Of(organic.Cancellation).ShouldBe(RefundCase.BrandCancelledAfterApproval);
        paid.Cancellation!.Stage.ShouldBe(CancellationStage.AfterSubmission);
        Collaboration.FromSnapshot(organic.ToSnapshot(), 1).Cancellation.ShouldBe(organic.Cancellation);
    }

    [Fact]
    public void A_collaboration_opens_only_under_an_auto_approval_period_of_more_than_zero_and_at_most_a_year()
    {
        var clock = Clock();
        var campaign = Recruiting(clock);
        DomainError Refusal(Duration period) =>
            Should.Throw<DomainValidationException>(() => Collaboration.Invite(EntityId.New<CollaborationId>(clock), campaign, Maya, clock, new CollaborationPolicy(period))).Errors.ShouldHaveSingleItem();

        foreach (var period in new[] { Duration.FromDays(-1), Duration.Zero, CollaborationPolicy.MostAutoApprovalAfter + Duration.Epsilon, Duration.MaxValue })
        {
            var error = Refusal(period);
            (error.Field, error.Code).ShouldBe(("policy.AutoApprovalAfter", "collaboration.auto_approval_out_of_range"));
        }

        Should.Throw<DomainValidationException>(() => new CollaborationOpener(new CollaborationPolicy(Duration.MaxValue), clock)).ParamName.ShouldBe("policy");
        var longest = Collaboration.Apply(EntityId.New<CollaborationId>(clock), campaign, Maya, clock, new CollaborationPolicy(CollaborationPolicy.MostAutoApprovalAfter)).GetValueOrThrow();
        longest.MakeOffer(Actor.Creator, Offer(1_000m), Now + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        longest.AcceptOffer(Actor.Brand, 1, clock).ThrowIfNotAllowed();
        longest.AttachContract(SignedContract(clock, Money.Of(1_000m, Currency.USD)), [], clock).ThrowIfNotAllowed();
        longest.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        longest.RequestRevision("teaser", "shorter", clock).IsDone.ShouldBeTrue();
    }

    [Fact]
    public void A_collaboration_is_with_a_creator_named_by_id()
    {
        var clock = Clock();
        var campaign = Recruiting(clock);
        var refusal = new DomainError("creator", "collaboration.creator_missing", "a collaboration is with a creator, named by its id.");

        Should.Throw<DomainValidationException>(() => Collaboration.Invite(EntityId.New<CollaborationId>(clock), campaign, default, clock)).Errors.ShouldBe([refusal]);
        Should.Throw<DomainValidationException>(() => Collaboration.Apply(EntityId.New<CollaborationId>(clock), campaign, default, clock)).Errors.ShouldBe([refusal]);
    }

    [Fact]
    public void A_campaign_that_is_not_recruiting_takes_no_creators()
    {
        var clock = Clock();
        var draft = Campaign.Create(EntityId.New<CampaignId>(clock), Glow, Plan(), clock);

        Collaboration.Invite(EntityId.New<CollaborationId>(clock), draft, Maya, clock).Refusal.ShouldBe(new NotAllowed("invite", "draft", "the campaign takes creators only while recruiting or running."));
    }

    [Fact]
    public void Replaying_the_history_rebuilds_the_same_collaboration()
    {
        var clock = Clock();
        var collaboration = InProduction(clock);
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        collaboration.SendMessage(Actor.Creator, "Draft is up", clock).ThrowIfNotAllowed();

        var replayed = Collaboration.FromHistory(collaboration.History);

        Fingerprint(replayed, withPending: false).ShouldBe(Fingerprint(collaboration, withPending: false));
        replayed.PendingEvents.ShouldBeEmpty();
        Should.Throw<ArgumentException>(() => Collaboration.FromHistory(collaboration.History.Skip(1)));
    }
}
