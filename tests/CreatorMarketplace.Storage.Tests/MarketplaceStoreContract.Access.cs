using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
using FsCheck.Fluent;

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
}
