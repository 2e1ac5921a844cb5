using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
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
}
