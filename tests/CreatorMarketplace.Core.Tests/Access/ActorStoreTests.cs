using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Access;

/// <summary>A store opened for an actor shows and takes only what the actor's workspaces own.</summary>
public class ActorStoreTests
{
    private static readonly Instant Since = Instant.FromUtc(2026, 1, 1, 0, 0);
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 6, 1, 12, 0));
    private readonly InMemoryMarketplaceStore _store = new();
    private readonly Campaign _acmeCampaign;
    private readonly Campaign _globexCampaign;
    private readonly Contract _contract;
    private readonly AccessControl _access;
    private readonly (ActorId Manager, ActorId Viewer, ActorId GlobexOwner, ActorId Planner, ActorId Creator) _actors =
        (Actor(1), Actor(2), Actor(3), Actor(4), Actor(5));

    private readonly (WorkspaceId Acme, WorkspaceId Globex, WorkspaceId Agency, WorkspaceId Creator) _spaces =
        (Space(1), Space(2), Space(3), Space(4));

    public ActorStoreTests()
    {
        var campaigns = AggregateGenerators.Campaigns().Sample(20, new Rnd(5UL), 30).DistinctBy(campaign => campaign.Brand).Take(2).ToArray();
        (_acmeCampaign, _globexCampaign) = (campaigns[0], campaigns[1]);
        var generated = AggregateGenerators.Contracts().Sample(5, new Rnd(6UL), 30).First();
        _contract = Contract.Draft(EntityId.New<ContractId>(_clock), _acmeCampaign.Brand, generated.Creator, generated.ToSnapshot().Versions[0].Terms, _clock);
        _access = AccessControl.Create(
            AccessPolicy.Default,
            [
                Workspace.ForBrand(_spaces.Acme, "Acme", _acmeCampaign.Brand),
                Workspace.ForBrand(_spaces.Globex, "Globex", _globexCampaign.Brand),
                Workspace.ForAgency(_spaces.Agency, "Agency"),
                Workspace.ForCreator(_spaces.Creator, "Maya", _contract.Creator),
            ],
            [
                Membership.Create(_actors.Manager, _spaces.Acme, "campaign-manager", Since),
                Membership.Create(_actors.Viewer, _spaces.Acme, "viewer", Since),
                Membership.Create(_actors.GlobexOwner, _spaces.Globex, "owner", Since),
                Membership.Create(_actors.Planner, _spaces.Agency, "campaign-manager", Since),
                Membership.Create(_actors.Creator, _spaces.Creator, "creator", Since),
            ],
            [AccessGrant.Create(AccessGrantId.From(Guid.NewGuid()), _spaces.Agency, _spaces.Acme, [Permission.View, Permission.ManageCampaigns], Since)]);
    }

    private static ActorId Actor(int n) => ActorId.From(Guid.Parse($"00000000-0000-0000-0005-{n:D12}"));

    private static WorkspaceId Space(int n) => WorkspaceId.From(Guid.Parse($"00000000-0000-0000-0006-{n:D12}"));

    private async Task SaveAll()
    {
        (await _store.Campaigns.SaveAsync(_acmeCampaign)).IsSaved.ShouldBeTrue();
        (await _store.Campaigns.SaveAsync(_globexCampaign)).IsSaved.ShouldBeTrue();
        (await _store.Contracts.SaveAsync(_contract)).IsSaved.ShouldBeTrue();
    }

    private ActorStore For(ActorId actor) => _store.For(actor, _access, _clock);

    [Fact]
    public async Task A_member_sees_their_workspaces_resources_and_another_brands_are_not_found()
    {
        await SaveAll();
        var manager = For(_actors.Manager);

        (await manager.Campaigns.FindAsync(_acmeCampaign.Id)).ShouldNotBeNull();
        (await manager.Campaigns.FindAsync(_globexCampaign.Id)).ShouldBeNull("another brand's campaign reads as not found");
        (await Read(manager.Campaigns)).ShouldBe([_acmeCampaign.Id]);
        (await Read(For(_actors.GlobexOwner).Campaigns)).ShouldBe([_globexCampaign.Id]);
        (await Read(For(ActorId.From(Guid.NewGuid())).Campaigns)).ShouldBeEmpty("an unknown actor sees nothing");
    }

    [Fact]
    public async Task An_agency_reaches_its_clients_resources_through_the_grant_alone()
    {
        await SaveAll();
        var planner = For(_actors.Planner);

        (await planner.Campaigns.FindAsync(_acmeCampaign.Id)).ShouldNotBeNull();
        (await planner.Campaigns.FindAsync(_globexCampaign.Id)).ShouldBeNull();
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(_clock), _acmeCampaign.Brand, "Summer", _clock);
        (await planner.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        (await For(_actors.Manager).Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull("Acme's own members see what the agency made for Acme");
        (await For(_actors.GlobexOwner).Shortlists.FindAsync(shortlist.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task A_save_the_actor_may_not_make_is_refused_as_forbidden_or_as_not_found_and_stores_nothing()
    {
        await SaveAll();
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(_clock), _acmeCampaign.Brand, "Winter", _clock);

        var forbidden = await Should.ThrowAsync<AccessDeniedException>(async () => await For(_actors.Viewer).Shortlists.SaveAsync(shortlist));
        forbidden.Denial.CanView.ShouldBeTrue();
        forbidden.Denial.Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.role_lacks_permission");
        var hidden = await Should.ThrowAsync<AccessDeniedException>(async () => await For(_actors.GlobexOwner).Shortlists.SaveAsync(shortlist));
        hidden.Denial.CanView.ShouldBeFalse("Globex may not learn that Acme has shortlists");
        (await _store.Shortlists.FindAsync(shortlist.Id)).ShouldBeNull("a refused save stores nothing");
    }

    [Fact]
    public async Task Another_workspaces_aggregate_cannot_be_taken_over_by_saving_a_copy_that_names_ones_own_brand()
    {
        await SaveAll();
        var stored = (await _store.Campaigns.FindAsync(_globexCampaign.Id))!;
        var forged = Campaign.FromSnapshot(stored.ToSnapshot() with { Brand = _acmeCampaign.Brand }, stored.Version);

        var refused = await Should.ThrowAsync<AccessDeniedException>(async () => await For(_actors.Manager).Campaigns.SaveAsync(forged));

        refused.Denial.CanView.ShouldBeFalse("Acme may not learn that the campaign exists");
        (await _store.Campaigns.FindAsync(_globexCampaign.Id))!.Brand.ShouldBe(_globexCampaign.Brand, "nothing was saved");
    }

    [Fact]
    public async Task A_contract_is_reached_through_either_party_and_saved_by_those_who_sign_or_amend()
    {
        await SaveAll();

        (await For(_actors.Creator).Contracts.FindAsync(_contract.Id)).ShouldNotBeNull("the creator is a party");
        (await For(_actors.Manager).Contracts.FindAsync(_contract.Id)).ShouldNotBeNull("so is the brand");
        (await For(_actors.Planner).Contracts.FindAsync(_contract.Id)).ShouldNotBeNull("the agency views Acme's resources through its grant");
        (await For(_actors.GlobexOwner).Contracts.FindAsync(_contract.Id)).ShouldBeNull();
        var loaded = (await _store.Contracts.FindAsync(_contract.Id))!;
        (await For(_actors.Creator).Contracts.SaveAsync(loaded)).IsSaved.ShouldBeTrue("a creator signs");
        var refused = await Should.ThrowAsync<AccessDeniedException>(async () => await For(_actors.Manager).Contracts.SaveAsync((await _store.Contracts.FindAsync(_contract.Id))!));
        refused.Denial.Reasons.Select(reason => reason.Code).ShouldBe(["access.role_lacks_permission", "access.not_a_member", "access.role_lacks_permission", "access.not_a_member"]);
        refused.Denial.WouldPermit.ShouldContain(would => would.Contains("legal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_creators_personal_data_is_theirs_alone()
    {
        var identity = new CreatorIdentity(_contract.Creator, "Maya Lindqvist", "maya@example.com");
        var creator = For(_actors.Creator);

        await creator.Identities.SaveAsync(identity);
        (await creator.Identities.FindAsync(_contract.Creator)).ShouldBe(identity);
        (await For(_actors.Manager).Identities.FindAsync(_contract.Creator)).ShouldBeNull("a brand working with her does not read her personal data");
        var refused = await Should.ThrowAsync<AccessDeniedException>(async () => await For(_actors.Manager).Identities.EraseAsync(_contract.Creator));
        refused.Denial.CanView.ShouldBeFalse();
        (await _store.Identities.FindAsync(_contract.Creator)).ShouldBe(identity, "a refused erasure erases nothing");
        (await creator.Identities.EraseAsync(_contract.Creator)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_creator_erases_herself_and_a_brand_working_with_her_may_not()
    {
        await _store.Identities.SaveAsync(new CreatorIdentity(_contract.Creator, "Maya Lindqvist", "maya@example.com"));

        var refused = await Should.ThrowAsync<AccessDeniedException>(async () => await For(_actors.Manager).EraseCreatorAsync(_contract.Creator, catalog: null));
        refused.Denial.CanView.ShouldBeFalse();
        (await _store.Identities.FindAsync(_contract.Creator)).ShouldNotBeNull("a refused erasure erases nothing");

        (await For(_actors.Creator).EraseCreatorAsync(_contract.Creator, catalog: null)).IsT0.ShouldBeTrue();
        (await _store.Identities.FindAsync(_contract.Creator)).ShouldBeNull();
        (await For(_actors.Creator).EraseCreatorAsync(_contract.Creator, catalog: null)).IsT1.ShouldBeTrue("erasing twice is harmless");
    }

    [Fact]
    public async Task A_save_hands_the_actor_to_the_store_on_the_aggregate_and_takes_it_back_when_the_store_fails()
    {
        var failing = new FailingCampaigns(_store);

        await Should.ThrowAsync<TimeoutException>(async () => await failing.For(_actors.Manager, _access, _clock).Campaigns.SaveAsync(_acmeCampaign));

        failing.SavedBy.ShouldBe(_actors.Manager);
        _acmeCampaign.PendingActor.ShouldBeNull("a save that was not stored does not leave the actor on the aggregate");
        (await _store.Campaigns.SaveAsync(_acmeCampaign)).IsSaved.ShouldBeTrue();
        (await _store.Changes.ReadAsync(0)).ShouldAllBe(change => change.ActedBy == null, "a later save through the store itself records nobody");
    }

    [Fact]
    public void Bad_arguments_are_refused_at_the_call()
    {
        Should.Throw<ArgumentNullException>(() => ((IMarketplaceStore)null!).For(_actors.Manager, _access, _clock));
        Should.Throw<ArgumentNullException>(() => _store.For(_actors.Manager, null!, _clock));
        Should.Throw<ArgumentOutOfRangeException>(() => For(_actors.Manager).Campaigns.ReadAsync(pageSize: 0));
    }

    private static async Task<List<CampaignId>> Read(IRepository<Campaign, CampaignId> campaigns)
    {
        var ids = new List<CampaignId>();
        await foreach (var stored in campaigns.ReadAsync())
        {
            ids.Add(stored.Id);
        }

        return ids;
    }

    // A store whose campaigns' saves fail, as a database that does not answer, noting who the aggregate says acts.
    private sealed class FailingCampaigns(IMarketplaceStore inner) : ForwardingStore(inner), IMarketplaceStore, IRepository<Campaign, CampaignId>
    {
        public ActorId? SavedBy { get; private set; }

        IRepository<Campaign, CampaignId> IMarketplaceStore.Campaigns => this;

        public ValueTask<Campaign?> FindAsync(CampaignId id, CancellationToken cancellationToken = default) => Inner.Campaigns.FindAsync(id, cancellationToken);

        public ValueTask<SaveResult> SaveAsync(Campaign aggregate, CancellationToken cancellationToken = default)
        {
            SavedBy = aggregate.PendingActor;
            throw new TimeoutException("the database did not answer");
        }

        public IAsyncEnumerable<StoredAggregate<Campaign, CampaignId>> ReadAsync(CampaignId? afterId = null, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default) =>
            Inner.Campaigns.ReadAsync(afterId, pageSize, cancellationToken);
    }
}
