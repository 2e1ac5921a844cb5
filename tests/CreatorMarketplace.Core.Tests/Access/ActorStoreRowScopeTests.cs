using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Access;

/// <summary>A store whose database can bind its statements to an actor's parties is scoped so when opened for the actor.</summary>
public class ActorStoreRowScopeTests
{
    private static readonly Instant Since = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant Until = Instant.FromUtc(2026, 7, 1, 0, 0);

    [Fact]
    public async Task An_actors_store_reads_through_the_scoped_store_whose_parties_are_those_of_the_workspaces_the_actor_may_view_now()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 6, 1, 12, 0));
        var campaigns = AggregateGenerators.Campaigns().Sample(20, new Rnd(7UL), 30).DistinctBy(campaign => campaign.Brand).Take(2).ToArray();
        var creator = EntityId.New<CreatorId>(clock);
        var (acme, globex, agency, maya) = (WorkspaceId.From(Guid.NewGuid()), WorkspaceId.From(Guid.NewGuid()), WorkspaceId.From(Guid.NewGuid()), WorkspaceId.From(Guid.NewGuid()));
        var (manager, planner, author, leaver) = (ActorId.From(Guid.NewGuid()), ActorId.From(Guid.NewGuid()), ActorId.From(Guid.NewGuid()), ActorId.From(Guid.NewGuid()));
        var access = AccessControl.Create(
            AccessPolicy.Default,
            [
                Workspace.ForBrand(acme, "Acme", campaigns[0].Brand),
                Workspace.ForBrand(globex, "Globex", campaigns[1].Brand),
                Workspace.ForAgency(agency, "Agency"),
                Workspace.ForCreator(maya, "Maya", creator),
            ],
            [
                Membership.Create(manager, acme, "campaign-manager", Since),
                Membership.Create(planner, agency, "campaign-manager", Since),
                Membership.Create(author, maya, "creator", Since),
                Membership.Create(leaver, globex, "viewer", Since, Until),
            ],
            [AccessGrant.Create(AccessGrantId.From(Guid.NewGuid()), agency, acme, [Permission.View], Since)]);
        var store = new RowScopedStore();
        (await store.Campaigns.SaveAsync(campaigns[0])).IsSaved.ShouldBeTrue();
        (await store.Scoped.Campaigns.SaveAsync(campaigns[1])).IsSaved.ShouldBeTrue();

        var managers = store.For(manager, access, clock);
        store.Parties.ShouldNotBeNull()().ShouldBe([campaigns[0].Brand.Value]);
        (await managers.Campaigns.FindAsync(campaigns[0].Id)).ShouldBeNull("the actor's store reads the scoped store, which does not hold it");
        (await managers.Campaigns.FindAsync(campaigns[1].Id)).ShouldBeNull("and the library's own check still applies over it");

        store.For(planner, access, clock);
        store.Parties!().ShouldBe([campaigns[0].Brand.Value], "an agency's member sees the client brand through the grant");
        store.For(author, access, clock);
        store.Parties!().ShouldBe([creator.Value]);

        // Asked again at each use: a membership that ends takes its parties with it from then on.
        store.For(leaver, access, clock);
        var leavers = store.Parties!;
        leavers().ShouldBe([campaigns[1].Brand.Value]);
        clock.Reset(Until);
        leavers().ShouldBeEmpty();
    }

    // Records the parties function it is scoped with and hands out a store of its own.
    private sealed class RowScopedStore() : ForwardingStore(new InMemoryMarketplaceStore()), IRowScopedStore
    {
        public InMemoryMarketplaceStore Scoped { get; } = new();

        public Func<IReadOnlyCollection<Guid>>? Parties { get; private set; }

        public IMarketplaceStore ScopedTo(Func<IReadOnlyCollection<Guid>> parties)
        {
            Parties = parties;
            return Scoped;
        }
    }
}
