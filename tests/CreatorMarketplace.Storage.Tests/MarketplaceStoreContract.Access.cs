using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Payments;
using FsCheck.Fluent;
using NodaTime;

namespace CreatorMarketplace.Storage.Tests;

public abstract partial class MarketplaceStoreContract
{
    [SkippableFact]
    public async Task A_store_opened_for_an_actor_finds_reads_and_saves_only_what_the_actors_workspaces_own()
    {
        var store = await CreateStoreAsync();
        var campaigns = AggregateGenerators.Campaigns().Sample(20, new Rnd(11UL), 30).DistinctBy(campaign => campaign.Brand).Take(2).ToArray();
        var (ours, theirs) = (WorkspaceId.From(Guid.NewGuid()), WorkspaceId.From(Guid.NewGuid()));
        var (member, stranger) = (ActorId.From(Guid.NewGuid()), ActorId.From(Guid.NewGuid()));
        var access = AccessControl.Create(
            AccessPolicy.Default,
            [Workspace.ForBrand(ours, "Ours", campaigns[0].Brand), Workspace.ForBrand(theirs, "Theirs", campaigns[1].Brand)],
            [Membership.Create(member, ours, "campaign-manager", Start), Membership.Create(stranger, theirs, "viewer", Start)],
            []);
        foreach (var campaign in campaigns)
        {
            (await store.Campaigns.SaveAsync(campaign)).IsSaved.ShouldBeTrue();
        }

        var mine = store.For(member, access, Clock);
        (await mine.Campaigns.FindAsync(campaigns[0].Id)).ShouldNotBeNull();
        (await mine.Campaigns.FindAsync(campaigns[1].Id)).ShouldBeNull();
        var read = new List<CampaignId>();
        await foreach (var stored in mine.Campaigns.ReadAsync(pageSize: 1))
        {
            read.Add(stored.Id);
        }

        read.ShouldBe([campaigns[0].Id]);
        var again = (await store.Campaigns.FindAsync(campaigns[0].Id))!;
        (await mine.Campaigns.SaveAsync(again)).IsSaved.ShouldBeTrue();
        var refused = await Should.ThrowAsync<AccessDeniedException>(async () => await store.For(stranger, access, Clock).Campaigns.SaveAsync((await store.Campaigns.FindAsync(campaigns[0].Id))!));
        refused.Denial.CanView.ShouldBeFalse();
    }

    [SkippableFact]
    public async Task A_store_opened_for_an_actor_shows_the_ledger_and_invoices_of_the_actors_workspaces_and_moves_money_only_as_permitted()
    {
        var store = await CreateStoreAsync();
        var collaboration = AggregateGenerators.Collaborations().Sample(5, new Rnd(12UL), 30).First();
        (await store.Collaborations.SaveAsync(collaboration)).IsSaved.ShouldBeTrue();
        var (ours, theirs) = (WorkspaceId.From(Guid.NewGuid()), WorkspaceId.From(Guid.NewGuid()));
        var (finance, stranger) = (ActorId.From(Guid.NewGuid()), ActorId.From(Guid.NewGuid()));
        var access = AccessControl.Create(
            AccessPolicy.Default,
            [Workspace.ForBrand(ours, "Ours", collaboration.Brand), Workspace.ForBrand(theirs, "Theirs", BrandId.From(Guid.NewGuid()))],
            [Membership.Create(finance, ours, "finance", Start), Membership.Create(stranger, theirs, "owner", Start)],
            []);
        var charge = new EscrowLedger().Charge("charge-1", collaboration.Id, collaboration.Brand, Money.Of(250m, Currency.USD), Clock).GetValueOrThrow();
        var invoice = Invoice.Draft(InvoiceId.From(Guid.NewGuid()), "Creator", "Brand", Currency.USD, new LocalDate(2026, 7, 1), new InvoiceParties(collaboration.Brand, null));

        (await Should.ThrowAsync<AccessDeniedException>(async () => await store.For(stranger, access, Clock).Ledger.AppendAsync(charge, 0))).Denial.CanView.ShouldBeFalse();
        (await store.For(finance, access, Clock).Ledger.AppendAsync(charge, 0)).IsAppended.ShouldBeTrue();
        (await store.Invoices.SaveAsync(invoice)).IsSaved.ShouldBeTrue();

        var recorded = (await store.Ledger.FindAsync("charge-1")).ShouldNotBeNull();
        (recorded.ActedBy, recorded.ApprovedBy).ShouldBe((finance, null), "the store records who appended it");
        (await store.For(finance, access, Clock).Ledger.FindAsync("charge-1")).ShouldNotBeNull();
        (await store.For(stranger, access, Clock).Ledger.FindAsync("charge-1")).ShouldBeNull();
        (await store.For(finance, access, Clock).Invoices.FindAsync(invoice.Id))!.Parties.ShouldBe(invoice.Parties, "the parties are stored with the invoice");
        (await store.For(stranger, access, Clock).Invoices.FindAsync(invoice.Id)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task A_save_through_an_actor_records_who_acted_on_its_events_and_a_save_through_the_store_records_nobody()
    {
        var store = await CreateStoreAsync();
        var drafted = AggregateGenerators.Contracts().Sample(20, new Rnd(13UL), 1)[0];
        var contract = Contract.Draft(EntityId.New<ContractId>(Clock), drafted.Brand, drafted.Creator, drafted.ToSnapshot().Versions[0].Terms, Clock);
        (await store.Contracts.SaveAsync(contract)).IsSaved.ShouldBeTrue();
        var brand = WorkspaceId.From(Guid.NewGuid());
        var (legal, planner) = (ActorId.From(Guid.NewGuid()), ActorId.From(Guid.NewGuid()));
        var access = AccessControl.Create(
            AccessPolicy.Default,
            [Workspace.ForBrand(brand, "Brand", contract.Brand)],
            [Membership.Create(legal, brand, "legal", Start), Membership.Create(planner, brand, "campaign-manager", Start)],
            []);

        var amended = (await store.For(legal, access, Clock).Contracts.FindAsync(contract.Id)).ShouldNotBeNull();
        amended.Amend(amended.Current.Terms with { Fee = Money.Of(12_345.67m, Currency.USD) }, "fee raised after review", Clock).ThrowIfNotAllowed();
        (await store.For(legal, access, Clock).Contracts.SaveAsync(amended)).IsSaved.ShouldBeTrue();
        amended.PendingActor.ShouldBeNull("a stored aggregate carries no actor on");
        var campaign = Campaign.Create(EntityId.New<CampaignId>(Clock), contract.Brand, AggregateGenerators.Campaigns().Sample(20, new Rnd(14UL), 1)[0].Plan, Clock);
        (await store.For(planner, access, Clock).Campaigns.SaveAsync(campaign)).IsSaved.ShouldBeTrue();

        var changes = await store.Changes.ReadAsync(0, BulkRead.MaxPageSize);
        changes.Where(m => m.AggregateId == contract.Id.Value).Select(m => (m.AggregateVersion, m.Event.GetType(), m.ActedBy))
            .ShouldBe([(1L, typeof(ContractDrafted), (ActorId?)null), (2L, typeof(ContractAmended), legal)]);
        changes.Where(m => m.AggregateId == campaign.Id.Value).Select(m => m.ActedBy).ShouldAllBe(acted => acted == planner);
        changes.Where(m => m.AggregateId == campaign.Id.Value).ShouldNotBeEmpty();
        (await store.Outbox.ReadPendingAsync(BulkRead.MaxPageSize)).Select(m => (m.EventId, m.ActedBy)).ShouldBe(changes.Select(m => (m.EventId, m.ActedBy)), "the outbox reads the same record");

        // Refused for lack of permission (a campaign manager may not amend), or a conflict: nothing recorded, nothing changed.
        var refused = (await store.Contracts.FindAsync(contract.Id))!;
        refused.Amend(refused.Current.Terms with { Fee = Money.Of(23_456.78m, Currency.USD) }, "fee raised again", Clock).ThrowIfNotAllowed();
        (await Should.ThrowAsync<AccessDeniedException>(async () => await store.For(planner, access, Clock).Contracts.SaveAsync(refused))).Denial.CanView.ShouldBeTrue();
        var stale = Contract.FromSnapshot(refused.ToSnapshot(), 1);
        (await store.For(legal, access, Clock).Contracts.SaveAsync(stale)).IsSaved.ShouldBeFalse();
        (refused.PendingActor, stale.PendingActor).ShouldBe((null, null));
        (await store.Changes.ReadAsync(0, BulkRead.MaxPageSize)).Select(m => (m.EventId, m.ActedBy)).ShouldBe(changes.Select(m => (m.EventId, m.ActedBy)));
        (await store.Contracts.FindAsync(contract.Id))!.Version.ShouldBe(2);
    }

    // A brand's workspace whose one member manages its campaigns: enough to save through an actor.
    internal static (AccessControl Access, ActorId Manager) ManagedBy(BrandId brand)
    {
        var (workspace, manager) = (WorkspaceId.From(Guid.NewGuid()), ActorId.From(Guid.NewGuid()));
        return (AccessControl.Create(AccessPolicy.Default, [Workspace.ForBrand(workspace, "Brand", brand)], [Membership.Create(manager, workspace, "campaign-manager", Start)], []), manager);
    }
}
