using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Payments;
using NodaTime;
using NodaTime.Testing;
using static CreatorMarketplace.Tests.Campaigns.CampaignFixtures;

namespace CreatorMarketplace.Tests.Payments;

public class CollaborationPaymentsTests
{
    private static readonly FeePolicy Fees = new(0.1m, null, MidpointRounding.AwayFromZero);

    private static (Collaboration Collaboration, Contract Contract, FakeClock Clock) Agreed(string paymentTerms)
    {
        var clock = Clock();
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        collaboration.MakeOffer(Actor.Brand, Offer(800m), Now + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        collaboration.MakeOffer(Actor.Creator, Offer(1_000m), Now + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        collaboration.AcceptOffer(Actor.Brand, 2, clock).ThrowIfNotAllowed();
        return (collaboration, AttachSignedContract(collaboration, clock, paymentTerms), clock);
    }

    private static void HandleAll(CollaborationPayments payments, Collaboration collaboration, Contract contract, IClock clock)
    {
        foreach (var e in collaboration.History)
        {
            payments.Handle(e, contract, clock).ShouldAllBe(result => result.IsPosted);
        }
    }

    // An agreed collaboration at a price, with a contract for the same fee on the given terms.
    private static (Collaboration Collaboration, Contract Contract, FakeClock Clock) AgreedAt(decimal price, string paymentTerms)
    {
        var clock = Clock();
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        collaboration.MakeOffer(Actor.Brand, Offer(price), Now + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        collaboration.AcceptOffer(Actor.Creator, 1, clock).ThrowIfNotAllowed();
        return (collaboration, AttachSignedContract(collaboration, clock, paymentTerms, price), clock);
    }

    private static void ApproveAll(Collaboration collaboration, IClock clock)
    {
        foreach (var name in new[] { "launch-video", "teaser" })
        {
            collaboration.SubmitDraft(name, "v1", clock).ThrowIfNotAllowed();
            collaboration.ApproveContent(name, clock).ThrowIfNotAllowed();
        }
    }

    [Theory]
    [InlineData("upfront-30")]
    [InlineData("milestones")]
    public void A_gifted_collaboration_moves_no_money_and_its_events_are_handled_without_error(string paymentTerms)
    {
        var ledger = new EscrowLedger();
        var payments = new CollaborationPayments(ledger, Fees, RefundPolicy.Default);
        var (collaboration, contract, clock) = AgreedAt(0m, paymentTerms);
        ApproveAll(collaboration, clock);

        foreach (var e in collaboration.History)
        {
            payments.Handle(e, contract, clock).ShouldBeEmpty(e.GetType().Name);
        }

        ledger.Transactions.ShouldBeEmpty();
    }

    [Fact]
    public void An_instalment_of_nothing_releases_nothing_and_the_rest_is_released_whole()
    {
        // USD 0.01 over two milestones: one of USD 0.01 and one of nothing.
        var ledger = new EscrowLedger();
        var payments = new CollaborationPayments(ledger, FeePolicy.None, RefundPolicy.Default);
        var (collaboration, contract, clock) = AgreedAt(0.01m, "milestones");
        ApproveAll(collaboration, clock);

        HandleAll(payments, collaboration, contract, clock);

        ledger.Transactions.Select(t => t.Kind).ShouldBe(["charge", "release"]);
        ledger.Balance(LedgerAccount.Escrow(collaboration.Id), Currency.USD).IsZero.ShouldBeTrue();
        ledger.Balance(LedgerAccount.CreatorPayable(Maya), Currency.USD).ShouldBe(Money.Of(0.01m, Currency.USD));
    }

    [Fact]
    public void A_brand_cancelling_after_the_creator_missed_the_deadline_gets_everything_back_without_a_kill_fee()
    {
        var ledger = new EscrowLedger();
        var payments = new CollaborationPayments(ledger, FeePolicy.None, RefundPolicy.Default);
        var (collaboration, contract, clock) = AgreedAt(1_000m, "net-30");
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        collaboration.RequestRevision("teaser", "wrong product", clock).ThrowIfNotAllowed();
        clock.AdvanceDays(40);
        collaboration.Deliverables.ShouldAllBe(d => d.Window.End < clock.GetCurrentInstant() && d.Post == null);
        collaboration.Cancel(Actor.Brand, "the creator missed the deadline", clock).ThrowIfNotAllowed();

        HandleAll(payments, collaboration, contract, clock);

        ledger.Balance(LedgerAccount.Refunds(Glow), Currency.USD).ShouldBe(Money.Of(1_000m, Currency.USD));
        ledger.Balance(LedgerAccount.CreatorPayable(Maya), Currency.USD).IsZero.ShouldBeTrue();
        RefundPolicy.Default.Split(Money.Of(1_000m, Currency.USD), RefundCase.CreatorMissedDeadline, Money.Of(250m, Currency.USD))
            .ShouldBe((Money.Of(1_000m, Currency.USD), Money.Of(0m, Currency.USD)), "a kill fee is the brand's to pay when it cancels, not a missed deadline's");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_amendment_signed_after_the_contract_is_attached_leaves_nothing_in_escrow_and_pays_the_agreed_price(bool handledLate)
    {
        // 30% on signing, then amended to pay per deliverable at a higher fee: the collaboration still works to the
        // version it attached, with the price its escrow holds.
        var ledger = new EscrowLedger();
        var payments = new CollaborationPayments(ledger, FeePolicy.None, RefundPolicy.Default);
        var (collaboration, contract, clock) = AgreedAt(1_000m, "upfront-30");
        if (!handledLate)
        {
            HandleAll(payments, collaboration, contract, clock);
            ledger.Balance(LedgerAccount.CreatorPayable(Maya), Currency.USD).ShouldBe(Money.Of(300m, Currency.USD));
        }

        contract.Amend(contract.InForce!.Terms with { PaymentTerms = new PaymentTermsReference("milestones"), Fee = Money.Of(1_200m, Currency.USD) }, "paid per deliverable", clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Brand, "Ana Brandt", 2, clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Creator, "Maya Makes", 2, clock).ThrowIfNotAllowed();
        contract.InForce!.Number.ShouldBe(2);
        ApproveAll(collaboration, clock);

        HandleAll(payments, collaboration, contract, clock);

        collaboration.ContractVersion.ShouldBe(1);
        ledger.Balance(LedgerAccount.Escrow(collaboration.Id), Currency.USD).IsZero.ShouldBeTrue();
        ledger.Balance(LedgerAccount.CreatorPayable(Maya), Currency.USD).ShouldBe(Money.Of(1_000m, Currency.USD));
    }

    [Fact]
    public void An_event_handled_with_a_contract_that_never_had_the_version_attached_is_refused_and_posts_nothing()
    {
        var ledger = new EscrowLedger();
        var payments = new CollaborationPayments(ledger, FeePolicy.None, RefundPolicy.Default);
        var (collaboration, contract, clock) = AgreedAt(1_000m, "upfront-30");
        var attached = collaboration.History.OfType<ContractAttached>().Single();

        Should.Throw<DomainValidationException>(() => payments.Handle(attached with { ContractVersion = 2 }, contract, clock)).Errors.ShouldHaveSingleItem().Code.ShouldBe("payments.contract_version_unknown");
        Should.Throw<DomainValidationException>(() => payments.Handle(attached with { ContractVersion = 0 }, contract, clock));
        ledger.Transactions.ShouldBeEmpty();
    }

    [Fact]
    public void A_gifted_collaboration_cancelled_refunds_nothing()
    {
        var ledger = new EscrowLedger();
        var payments = new CollaborationPayments(ledger, FeePolicy.None, RefundPolicy.Default);
        var (collaboration, contract, clock) = AgreedAt(0m, "net-30");
        collaboration.Cancel(Actor.Brand, "campaign paused", clock).ThrowIfNotAllowed();

        payments.Handle(collaboration.History.OfType<CollaborationCancelled>().Single(), contract, clock).ShouldBeEmpty();
        ledger.Transactions.ShouldBeEmpty();
    }

    [Fact]
    public void The_counter_price_is_charged_and_released_on_approval_less_the_fee_and_handling_twice_posts_once()
    {
        var ledger = new EscrowLedger();
        var payments = new CollaborationPayments(ledger, Fees, RefundPolicy.Default);
        var (collaboration, contract, clock) = Agreed("net-30");
        foreach (var name in new[] { "launch-video", "teaser" })
        {
            collaboration.SubmitDraft(name, "v1", clock).ThrowIfNotAllowed();
            collaboration.ApproveContent(name, clock).ThrowIfNotAllowed();
        }

        HandleAll(payments, collaboration, contract, clock);
        HandleAll(payments, collaboration, contract, clock);

        ledger.Balance(LedgerAccount.BrandFunding(Glow), Currency.USD).ShouldBe(Money.Of(-1_000m, Currency.USD));
        ledger.Balance(LedgerAccount.Escrow(collaboration.Id), Currency.USD).IsZero.ShouldBeTrue();
        ledger.Balance(LedgerAccount.CreatorPayable(Maya), Currency.USD).ShouldBe(Money.Of(900m, Currency.USD));
        ledger.Transactions.Select(t => t.Kind).ShouldBe(["charge", "release"]);
    }

    [Fact]
    public void An_event_handled_late_releases_what_it_made_due_then_whatever_the_collaboration_did_since()
    {
        var ledger = new EscrowLedger();
        var payments = new CollaborationPayments(ledger, FeePolicy.None, RefundPolicy.Default);
        var (collaboration, contract, clock) = Agreed("net-30");
        foreach (var name in new[] { "launch-video", "teaser" })
        {
            collaboration.SubmitDraft(name, "v1", clock).ThrowIfNotAllowed();
            collaboration.ApproveContent(name, clock).ThrowIfNotAllowed();
        }

        var approvals = collaboration.History.OfType<ContentApproved>().ToList();
        payments.Handle(collaboration.History.OfType<OfferAccepted>().Single(), null, clock).ShouldAllBe(result => result.IsPosted);

        // The first approval, delivered by an outbox after the second: one deliverable of two was approved then.
        payments.Handle(approvals[0], contract, clock).ShouldBeEmpty();
        ledger.Balance(LedgerAccount.Escrow(collaboration.Id), Currency.USD).ShouldBe(Money.Of(1_000m, Currency.USD));
        payments.Handle(approvals[1], contract, clock).ShouldHaveSingleItem().IsPosted.ShouldBeTrue();
        ledger.Balance(LedgerAccount.CreatorPayable(Maya), Currency.USD).ShouldBe(Money.Of(1_000m, Currency.USD));
    }

    [Fact]
    public void A_cancellation_before_any_agreement_moves_no_money_and_one_after_carries_the_price_it_refunds()
    {
        var clock = Clock();
        var early = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        early.Cancel(Actor.Brand, "campaign paused", clock).ThrowIfNotAllowed();
        var (agreed, _, _) = Agreed("net-30");
        agreed.Cancel(Actor.Creator, "no longer available", clock).ThrowIfNotAllowed();

        var before = early.History.OfType<CollaborationCancelled>().Single();
        var after = agreed.History.OfType<CollaborationCancelled>().Single();

        before.AgreedPrice.ShouldBeNull();
        new CollaborationPayments(new EscrowLedger(), FeePolicy.None, RefundPolicy.Default).Handle(before, null, clock).ShouldBeEmpty();
        (after.Brand, after.Creator, after.AgreedPrice).ShouldBe((Glow, Maya, Money.Of(1_000m, Currency.USD)));
    }

    [Fact]
    public void Milestone_terms_release_each_deliverables_share_on_its_approval_including_auto_approval()
    {
        var ledger = new EscrowLedger();
        var payments = new CollaborationPayments(ledger, FeePolicy.None, RefundPolicy.Default);
        var (collaboration, contract, clock) = Agreed("milestones");
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        clock.AdvanceDays(14);
        collaboration.ApplyAutoApprovals(clock).GetValueOrThrow();

        HandleAll(payments, collaboration, contract, clock);

        ledger.Balance(LedgerAccount.CreatorPayable(Maya), Currency.USD).ShouldBe(Money.Of(500m, Currency.USD));
        ledger.Balance(LedgerAccount.Escrow(collaboration.Id), Currency.USD).ShouldBe(Money.Of(500m, Currency.USD));
    }

    [Fact]
    public void An_upfront_share_is_released_when_the_contract_is_attached()
    {
        var ledger = new EscrowLedger();
        var payments = new CollaborationPayments(ledger, FeePolicy.None, RefundPolicy.Default);
        var (collaboration, contract, clock) = Agreed("upfront-30");

        HandleAll(payments, collaboration, contract, clock);

        ledger.Balance(LedgerAccount.CreatorPayable(Maya), Currency.USD).ShouldBe(Money.Of(300m, Currency.USD));
    }

    [Fact]
    public void A_cancellation_after_submission_refunds_90_percent_of_what_is_held()
    {
        var ledger = new EscrowLedger();
        var payments = new CollaborationPayments(ledger, FeePolicy.None, RefundPolicy.Default);
        var (collaboration, contract, clock) = Agreed("net-30");
        collaboration.SubmitDraft("teaser", "v1", clock).ThrowIfNotAllowed();
        collaboration.Cancel(Actor.Brand, "campaign paused", clock).ThrowIfNotAllowed();

        HandleAll(payments, collaboration, contract, clock);

        ledger.Balance(LedgerAccount.Refunds(Glow), Currency.USD).ShouldBe(Money.Of(900m, Currency.USD));
        ledger.Balance(LedgerAccount.CreatorPayable(Maya), Currency.USD).ShouldBe(Money.Of(100m, Currency.USD));
    }
}
