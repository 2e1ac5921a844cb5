using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Access;

/// <summary>The ledger, invoices and outbox of a store opened for an actor: finances seen and moved only as permitted.</summary>
public class ActorLedgerTests
{
    private static readonly Instant Since = Instant.FromUtc(2026, 1, 1, 0, 0);
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 6, 1, 12, 0));
    private readonly InMemoryMarketplaceStore _store = new();
    private readonly Collaboration _collaboration;
    private readonly BrandId _globex = BrandId.From(Guid.Parse("00000000-0000-0000-0007-000000000001"));
    private readonly AccessControl _access;
    private readonly (ActorId Finance, ActorId Controller, ActorId Viewer, ActorId GlobexOwner, ActorId Creator) _actors =
        (Actor(1), Actor(2), Actor(3), Actor(4), Actor(5));

    public ActorLedgerTests()
    {
        _collaboration = AggregateGenerators.Collaborations().Sample(5, new Rnd(21UL), 30).First();
        var (acme, globex, maya) = (Space(1), Space(2), Space(3));
        var roles = AccessPolicy.Default.Versions[0].Roles;
        var fourEyes = FourEyesRule.Create([Permission.Release, Permission.Refund], [Money.Of(1_000m, Currency.USD)]);
        _access = AccessControl.Create(
            AccessPolicy.Create("four-eyes", [AccessPolicyVersion.Create(Instant.MinValue, roles, fourEyes)]),
            [
                Workspace.ForBrand(acme, "Acme", _collaboration.Brand),
                Workspace.ForBrand(globex, "Globex", _globex),
                Workspace.ForCreator(maya, "Maya", _collaboration.Creator),
            ],
            [
                Membership.Create(_actors.Finance, acme, "finance", Since),
                Membership.Create(_actors.Controller, acme, "finance", Since),
                Membership.Create(_actors.Viewer, acme, "viewer", Since),
                Membership.Create(_actors.GlobexOwner, globex, "owner", Since),
                Membership.Create(_actors.Creator, maya, "creator", Since),
            ],
            []);
    }

    private static ActorId Actor(int n) => ActorId.From(Guid.Parse($"00000000-0000-0000-0008-{n:D12}"));

    private static WorkspaceId Space(int n) => WorkspaceId.From(Guid.Parse($"00000000-0000-0000-0009-{n:D12}"));

    private ActorStore For(ActorId actor) => _store.For(actor, _access, _clock);

    private LedgerTransaction Charge(string key, decimal amount, BrandId? brand = null) =>
        new EscrowLedger().Charge(key, _collaboration.Id, brand ?? _collaboration.Brand, Money.Of(amount, Currency.USD), _clock).GetValueOrThrow();

    private async Task<LedgerTransaction> ChargedAsync(decimal amount)
    {
        (await _store.Collaborations.SaveAsync(_collaboration)).IsSaved.ShouldBeTrue();
        var charge = Charge("charge-1", amount);
        (await For(_actors.Finance).Ledger.AppendAsync(charge, 0)).IsAppended.ShouldBeTrue();
        return charge;
    }

    private static async Task<List<string>> Keys(ILedgerStore ledger)
    {
        var keys = new List<string>();
        await foreach (var transaction in ledger.ReadAsync())
        {
            keys.Add(transaction.Key);
        }

        return keys;
    }

    [Fact]
    public async Task Finance_funds_the_escrow_and_both_parties_see_it_while_another_brand_and_a_viewer_do_not()
    {
        await ChargedAsync(500m);

        (await Keys(For(_actors.Finance).Ledger)).ShouldBe(["charge-1"]);
        (await Keys(For(_actors.Creator).Ledger)).ShouldBe(["charge-1"], "the escrow of her collaboration is hers to see too");
        (await Keys(For(_actors.GlobexOwner).Ledger)).ShouldBeEmpty();
        (await Keys(For(_actors.Viewer).Ledger)).ShouldBeEmpty("viewing finances needs view-finances");
        (await For(_actors.GlobexOwner).Ledger.FindAsync("charge-1")).ShouldBeNull();
        (await For(_actors.Finance).Ledger.FindAsync("charge-1")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Moving_money_without_the_permission_is_refused_and_appends_nothing()
    {
        (await _store.Collaborations.SaveAsync(_collaboration)).IsSaved.ShouldBeTrue();

        var viewer = await Should.ThrowAsync<AccessDeniedException>(async () => await For(_actors.Viewer).Ledger.AppendAsync(Charge("charge-1", 500m), 0));
        viewer.Denial.CanView.ShouldBeTrue();
        viewer.Denial.Reasons.ShouldContain(reason => reason.Code == "access.role_lacks_permission");
        var stranger = await Should.ThrowAsync<AccessDeniedException>(async () => await For(_actors.GlobexOwner).Ledger.AppendAsync(Charge("charge-1", 500m), 0));
        stranger.Denial.CanView.ShouldBeFalse("Globex may not learn of Acme's collaboration");
        var creator = await Should.ThrowAsync<AccessDeniedException>(async () => await For(_actors.Creator).Ledger.AppendAsync(Charge("charge-1", 500m), 0));
        creator.Denial.WouldPermit.ShouldContain(would => would.Contains("finance", StringComparison.Ordinal));
        (await Keys(_store.Ledger)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_release_above_the_four_eyes_threshold_needs_another_permitted_approver()
    {
        await ChargedAsync(5_000m);
        var transaction = EscrowLedger.FromTransactions([(await _store.Ledger.FindAsync("charge-1"))!])
            .Release("release-1", _collaboration.Id, _collaboration.Creator, Money.Of(2_000m, Currency.USD), FeePolicy.None, _clock).GetValueOrThrow();
        var last = (await _store.Ledger.FindAsync("charge-1"))!.Entries[^1].Sequence;
        var ledger = For(_actors.Finance).Ledger;

        var alone = await Should.ThrowAsync<AccessDeniedException>(async () => await ledger.AppendAsync(transaction, last));
        alone.Denial.Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.second_approver_required");
        alone.Denial.Reasons[0].Message.ShouldContain("above the four-eyes threshold of USD 1000.00");
        (await Should.ThrowAsync<AccessDeniedException>(async () => await ledger.ApprovedBy(_actors.Finance).AppendAsync(transaction, last)))
            .Denial.Reasons.ShouldContain(reason => reason.Code == "access.approver_is_actor");
        (await Should.ThrowAsync<AccessDeniedException>(async () => await ledger.ApprovedBy(_actors.Viewer).AppendAsync(transaction, last)))
            .Denial.Reasons.ShouldContain(reason => reason.Code == "access.approver_not_permitted");
        (await Keys(_store.Ledger)).ShouldBe(["charge-1"], "nothing refused was appended");

        var appended = (await ledger.ApprovedBy(_actors.Controller).AppendAsync(transaction, last)).AsT0.Transaction;
        (await Keys(_store.Ledger)).ShouldBe(["charge-1", "release-1"]);
        (appended.ActedBy, appended.ApprovedBy).ShouldBe((_actors.Finance, _actors.Controller), "the ledger records who released and who approved");
        appended.ShouldBe(transaction, "who acted is a record about the transaction, not part of what it does");
        var funds = EscrowLedger.FromTransactions([(await _store.Ledger.FindAsync("charge-1"))!]);
        funds.Adopt((await _store.Ledger.FindAsync("charge-1"))!);
        ((await _store.Ledger.FindAsync("charge-1"))!.ActedBy).ShouldBe(_actors.Finance);
    }

    [Fact]
    public void Who_acted_is_checked_and_leaves_the_transaction_equal()
    {
        var charge = Charge("charge-1", 10m);

        var acted = charge.WithActors(_actors.Finance, _actors.Controller);

        (acted.ActedBy, acted.ApprovedBy, acted.Entries).ShouldBe((_actors.Finance, _actors.Controller, charge.Entries));
        acted.ShouldBe(charge);
        acted.GetHashCode().ShouldBe(charge.GetHashCode());
        acted.NumberedAfter(7).ActedBy.ShouldBe(_actors.Finance, "numbering keeps who acted");
        Should.Throw<DomainValidationException>(() => charge.WithActors(_actors.Finance, _actors.Finance)).Errors.ShouldHaveSingleItem().Code.ShouldBe("ledger.approver_is_actor");
        Should.Throw<DomainValidationException>(() => new LedgerTransaction("k", "charge", charge.Entries.Select(e => e with { Transaction = "k" }).ToArray(), charge.PostedAt, approvedBy: _actors.Controller))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("ledger.approver_without_actor");
    }

    [Fact]
    public async Task A_transaction_that_is_not_what_its_kind_moves_or_that_moves_escrow_to_another_party_is_refused()
    {
        var charge = await ChargedAsync(500m);
        var last = charge.Entries[^1].Sequence;
        var finance = For(_actors.Finance).Ledger;
        var amount = Money.Of(100m, Currency.USD);
        LedgerTransaction Hand(string key, string kind, LedgerAccount from, LedgerAccount to, Money money, string? reverses = null) =>
            new(key, kind, [new LedgerEntry(1, key, from, to, money, _clock.GetCurrentInstant(), "by hand")], _clock.GetCurrentInstant(), reverses);
        async Task<AccessDenied> Refused(ILedgerStore ledger, LedgerTransaction transaction) =>
            (await Should.ThrowAsync<AccessDeniedException>(async () => await ledger.AppendAsync(transaction, last))).Denial;

        var disguised = await Refused(finance, Hand("fake-charge", "charge", LedgerAccount.Escrow(_collaboration.Id), LedgerAccount.CreatorPayable(_collaboration.Creator), amount));
        disguised.Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.ledger_entries_mismatch", "a release labelled a charge");
        disguised.CanView.ShouldBeTrue();
        var elsewhere = EscrowLedger.FromTransactions([(await _store.Ledger.FindAsync("charge-1"))!])
            .Release("release-1", _collaboration.Id, CreatorId.From(Guid.NewGuid()), amount, FeePolicy.None, _clock).GetValueOrThrow();
        (await Refused(finance, elsewhere)).Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.ledger_parties_mismatch", "escrow paid to another creator");
        (await Refused(finance, Hand("orphan", "charge", LedgerAccount.BrandFunding(_collaboration.Brand), LedgerAccount.Escrow(CollaborationId.From(Guid.NewGuid())), amount)))
            .Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.ledger_collaboration_unknown");
        (await Refused(finance, Hand("skewed", "correction", LedgerAccount.Escrow(_collaboration.Id), LedgerAccount.BrandFunding(_collaboration.Brand), amount, reverses: "charge-1")))
            .Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.ledger_entries_mismatch", "a correction reverses what it corrects, entry for entry");
        (await Refused(finance, Hand("odd", "gift", LedgerAccount.BrandFunding(_collaboration.Brand), LedgerAccount.Escrow(_collaboration.Id), amount)))
            .Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.ledger_kind_unknown");
        (await Keys(_store.Ledger)).ShouldBe(["charge-1"], "nothing refused was appended");

        var correction = EscrowLedger.FromTransactions([(await _store.Ledger.FindAsync("charge-1"))!]).Correct("fix-1", "charge-1", "charged twice", _clock).GetValueOrThrow();
        (await finance.AppendAsync(correction, last)).IsAppended.ShouldBeTrue("a correction is allowed as what it reverses is");
    }

    [Fact]
    public async Task A_grant_to_fund_two_clients_cannot_move_one_clients_money_into_the_others_collaboration()
    {
        var agency = WorkspaceId.From(Guid.NewGuid());
        var planner = ActorId.From(Guid.NewGuid());
        var globexDeal = Collaboration.FromHistory([new CollaborationOpened(CollaborationId.From(Guid.NewGuid()), CreatorMarketplace.Campaigns.Actor.Brand, Since, CampaignId.From(Guid.NewGuid()), _globex, _collaboration.Creator, [], CollaborationPolicy.Default)]);
        (await _store.Collaborations.SaveAsync(globexDeal)).IsSaved.ShouldBeTrue();
        var spaces = _access.Workspaces;
        var access = AccessControl.Create(
            _access.Policy,
            [.. spaces, Workspace.ForAgency(agency, "Agency")],
            [.. _access.Memberships, Membership.Create(planner, agency, "finance", Since)],
            [.. spaces.Where(space => space.Brand is not null).Select(client => AccessGrant.Create(AccessGrantId.From(Guid.NewGuid()), agency, client.Id, [Permission.View, Permission.ViewFinances, Permission.Fund], Since))]);
        var ledger = _store.For(planner, access, _clock).Ledger;

        var crossed = new EscrowLedger().Charge("crossed", globexDeal.Id, _collaboration.Brand, Money.Of(50m, Currency.USD), _clock).GetValueOrThrow();
        (await Should.ThrowAsync<AccessDeniedException>(async () => await ledger.AppendAsync(crossed, 0))).Denial.Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.ledger_parties_mismatch");
        var own = new EscrowLedger().Charge("own", globexDeal.Id, _globex, Money.Of(50m, Currency.USD), _clock).GetValueOrThrow();
        (await ledger.AppendAsync(own, 0)).IsAppended.ShouldBeTrue("Globex's money into Globex's collaboration, through the grant");
    }

    [Fact]
    public async Task A_key_another_workspace_used_is_refused_without_showing_its_transaction()
    {
        await ChargedAsync(500m);
        var theirs = _collaboration.Id;
        var globexDeal = Collaboration.FromHistory([new CollaborationOpened(CollaborationId.From(Guid.NewGuid()), CreatorMarketplace.Campaigns.Actor.Brand, Since, CampaignId.From(Guid.NewGuid()), _globex, CreatorId.From(Guid.NewGuid()), [], CollaborationPolicy.Default)]);
        (await _store.Collaborations.SaveAsync(globexDeal)).IsSaved.ShouldBeTrue();
        var mine = new EscrowLedger().Charge("charge-1", globexDeal.Id, _globex, Money.Of(10m, Currency.USD), _clock).GetValueOrThrow();

        var refused = await Should.ThrowAsync<AccessDeniedException>(async () => await For(_actors.GlobexOwner).Ledger.AppendAsync(mine, 0));

        refused.Denial.Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.ledger_key_taken");
        refused.Message.ShouldNotContain(theirs.ToString());
        refused.Message.ShouldNotContain("500");
    }

    [Fact]
    public async Task Invoices_are_seen_by_their_parties_with_view_finances_and_drafted_by_those_who_manage_campaigns()
    {
        var between = Invoice.Draft(InvoiceId.From(Guid.NewGuid()), "Maya Makes LLC", "Acme", Currency.USD, new LocalDate(2026, 7, 1), InvoiceParties.Between(_collaboration.Brand, _collaboration.Creator));
        var nobodys = Invoice.Draft(InvoiceId.From(Guid.NewGuid()), "Platform", "Acme", Currency.USD, new LocalDate(2026, 7, 1));
        (await For(_actors.Creator).Invoices.SaveAsync(between)).IsSaved.ShouldBeTrue("the creator drafts her invoice");
        (await _store.Invoices.SaveAsync(nobodys)).IsSaved.ShouldBeTrue();

        (await For(_actors.Finance).Invoices.FindAsync(between.Id)).ShouldNotBeNull();
        (await For(_actors.Viewer).Invoices.FindAsync(between.Id)).ShouldBeNull("invoices are finances");
        (await For(_actors.GlobexOwner).Invoices.FindAsync(between.Id)).ShouldBeNull();
        (await For(_actors.Finance).Invoices.FindAsync(nobodys.Id)).ShouldBeNull("an invoice without parties is no workspace's");
        (await Should.ThrowAsync<AccessDeniedException>(async () => await For(_actors.GlobexOwner).Invoices.SaveAsync(
            Invoice.Draft(InvoiceId.From(Guid.NewGuid()), "Globex", "Maya", Currency.USD, new LocalDate(2026, 7, 1), InvoiceParties.Between(_collaboration.Brand, _collaboration.Creator)))))
            .Denial.CanView.ShouldBeFalse();
    }

    [Fact]
    public async Task The_outbox_shows_an_actor_only_messages_about_what_they_may_view()
    {
        var campaign = AggregateGenerators.Campaigns().Sample(40, new Rnd(22UL), 30).First(campaign => campaign.PendingEvents.Count > 0 && campaign.Brand != _collaboration.Brand);
        _collaboration.PendingEvents.ShouldNotBeEmpty();
        (await _store.Collaborations.SaveAsync(_collaboration)).IsSaved.ShouldBeTrue();
        (await _store.Campaigns.SaveAsync(campaign)).IsSaved.ShouldBeTrue();
        var pending = await _store.Outbox.ReadPendingAsync(1_000);
        pending.Select(message => message.AggregateId).Distinct().Count().ShouldBe(2);

        var finance = await For(_actors.Finance).Outbox.ReadPendingAsync(1_000);
        finance.ShouldNotBeEmpty();
        finance.ShouldAllBe(message => message.AggregateId == _collaboration.Id.Value);
        finance.Count.ShouldBe(pending.Count(message => message.AggregateId == _collaboration.Id.Value));
        (await For(_actors.Creator).Outbox.ReadPendingAsync(1_000)).Count.ShouldBe(finance.Count, "the creator is a party to the collaboration");
        (await For(_actors.GlobexOwner).Outbox.ReadPendingAsync(1_000)).ShouldBeEmpty();
        (await For(_actors.GlobexOwner).Outbox.ReadDeadLettersAsync(1_000)).ShouldBeEmpty();
    }
}
