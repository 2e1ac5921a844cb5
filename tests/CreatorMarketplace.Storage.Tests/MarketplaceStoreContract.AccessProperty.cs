using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Storage.Tests;

public abstract partial class MarketplaceStoreContract
{
    private static readonly string[] TeamRoles = ["owner", "admin", "campaign-manager", "legal", "finance", "analyst", "viewer"];

    /// <summary>
    /// Over random worlds of brands, creators, an agency, members with random roles (some ended) and grants of random
    /// scope (some revoked), with campaigns, shortlists, contracts, collaborations, invoices, ledger transactions and
    /// personal data in the store: every find, bulk read and save through a store opened for any actor (and for an
    /// unknown one) does exactly what the access decision says, a refusal tells no more than whether the actor may view,
    /// and a refused save or append changes nothing.
    /// </summary>
    [SkippableFact]
    public async Task Through_every_store_api_an_actor_reaches_exactly_what_the_decisions_permit()
    {
        var store = await CreateStoreAsync();
        var terms = AggregateGenerators.Contracts().Sample(5, new Rnd(31UL), 30).First().ToSnapshot().Versions[0].Terms;
        var campaigns = AggregateGenerators.Campaigns().Sample(20, new Rnd(32UL), 30).ToArray();
        var cases = 0;
        var last = 0L;
        for (var seed = 1; seed <= 8; seed++)
        {
            var random = new Random(seed);
            var world = AccessWorld.Random(random);
            var now = new FakeClock(AccessWorld.Now);
            var resources = new List<(string Kind, Guid Id, IReadOnlyList<WorkspaceId> Owners)>();
            var payers = new Dictionary<Guid, IReadOnlyList<WorkspaceId>>(); // a charge is decided where its money comes from
            foreach (var brand in world.Brands)
            {
                var campaign = Campaign.Create(CampaignId.From(Guid.NewGuid()), brand, campaigns[random.Next(campaigns.Length)].Plan, Clock);
                (await store.Campaigns.SaveAsync(campaign)).IsSaved.ShouldBeTrue();
                resources.Add((nameof(Campaign), campaign.Id.Value, world.Access.WorkspacesOf(brand)));
                var shortlist = Shortlist.Create(ShortlistId.From(Guid.NewGuid()), brand, "picks", Clock);
                (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
                resources.Add((nameof(Shortlist), shortlist.Id.Value, world.Access.WorkspacesOf(brand)));
                foreach (var creator in world.Creators)
                {
                    IReadOnlyList<WorkspaceId> both = [.. world.Access.WorkspacesOf(brand), .. world.Access.WorkspacesOf(creator)];
                    var contract = Contract.Draft(ContractId.From(Guid.NewGuid()), brand, creator, terms, Clock);
                    (await store.Contracts.SaveAsync(contract)).IsSaved.ShouldBeTrue();
                    resources.Add((nameof(Contract), contract.Id.Value, both));
                    var collaboration = Collaboration.FromHistory(
                        [new CollaborationOpened(CollaborationId.From(Guid.NewGuid()), Actor.Brand, Start, CampaignId.From(Guid.NewGuid()), brand, creator, [], CollaborationPolicy.Default)]);
                    (await store.Collaborations.SaveAsync(collaboration)).IsSaved.ShouldBeTrue();
                    resources.Add((nameof(Collaboration), collaboration.Id.Value, both));
                    var invoice = Invoice.Draft(InvoiceId.From(Guid.NewGuid()), "Creator", "Brand", Currency.USD, new LocalDate(2026, 12, 31), InvoiceParties.Between(brand, creator));
                    (await store.Invoices.SaveAsync(invoice)).IsSaved.ShouldBeTrue();
                    resources.Add((nameof(Invoice), invoice.Id.Value, both));
                    var charge = new EscrowLedger().Charge($"charge-{Guid.NewGuid()}", collaboration.Id, brand, Money.Of(100m, Currency.USD), Clock).GetValueOrThrow();
                    last = (await store.Ledger.AppendAsync(charge, last)).AsT0.LastSequence;
                    resources.Add(("Ledger", collaboration.Id.Value, both));
                    payers[collaboration.Id.Value] = world.Access.WorkspacesOf(brand);
                }
            }

            foreach (var creator in world.Creators)
            {
                await store.Identities.SaveAsync(new CreatorIdentity(creator, "Someone", "someone@example.com"));
            }

            foreach (var actor in world.Actors.Append(ActorId.From(Guid.NewGuid())))
            {
                var mine = store.For(actor, world.Access, now);
                bool Permitted(Permission permission, IReadOnlyList<WorkspaceId> owners) =>
                    owners.Count > 0 && world.Access.Decide(actor, permission, owners, now.GetCurrentInstant()).IsPermitted;

                foreach (var (kind, id, owners) in resources)
                {
                    var (read, write) = kind switch
                    {
                        nameof(Invoice) or "Ledger" => (Permission.ViewFinances, kind == "Ledger" ? [Permission.Fund] : new[] { Permission.ManageCampaigns }),
                        nameof(Contract) => (Permission.View, [Permission.AmendContracts, Permission.SignContracts]),
                        _ => (Permission.View, new[] { Permission.ManageCampaigns }),
                    };
                    var visible = Permitted(read, owners);
                    var writable = write.Any(permission => Permitted(permission, kind == "Ledger" ? payers[id] : owners));
                    var context = $"world {seed}, {actor}, {kind} {id}";
                    (await FoundThrough(mine, kind, id)).ShouldBe(visible, context);
                    var before = await StoredVersion(store, kind, id);
                    try
                    {
                        await SaveThrough(mine, store, kind, id, last, Clock);
                        writable.ShouldBeTrue($"{context}: saved without permission");
                        if (kind == "Ledger")
                        {
                            last = await LastSequence(store);
                        }
                    }
                    catch (AccessDeniedException refused)
                    {
                        writable.ShouldBeFalse($"{context}: refused with permission: {refused.Denial}");
                        refused.Denial.CanView.ShouldBe(Permitted(Permission.View, owners), $"{context}: a refusal tells only whether the actor may view");
                        (await StoredVersion(store, kind, id)).ShouldBe(before, $"{context}: a refused save changed the store");
                    }

                    cases++;
                }

                foreach (var creator in world.Creators)
                {
                    ((await mine.Identities.FindAsync(creator)) is not null).ShouldBe(Permitted(Permission.ManageProfile, world.Access.WorkspacesOf(creator)));
                    cases++;
                }

                (await ReadIds(mine.Campaigns.ReadAsync())).Intersect(Ids(resources, nameof(Campaign))).Order()
                    .ShouldBe(resources.Where(r => r.Kind == nameof(Campaign) && Permitted(Permission.View, r.Owners)).Select(r => r.Id).Order());
                (await ReadIds(mine.Invoices.ReadAsync())).Intersect(Ids(resources, nameof(Invoice))).Order()
                    .ShouldBe(resources.Where(r => r.Kind == nameof(Invoice) && Permitted(Permission.ViewFinances, r.Owners)).Select(r => r.Id).Order());
            }
        }

        cases.ShouldBeGreaterThanOrEqualTo(1_000);
    }

    private static IEnumerable<Guid> Ids(List<(string Kind, Guid Id, IReadOnlyList<WorkspaceId> Owners)> resources, string kind) =>
        resources.Where(r => r.Kind == kind).Select(r => r.Id);

    private static async Task<List<Guid>> ReadIds<TAggregate, TId>(IAsyncEnumerable<StoredAggregate<TAggregate, TId>> read)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId>
    {
        var ids = new List<Guid>();
        await foreach (var stored in read)
        {
            ids.Add(stored.Id.Value);
        }

        return ids;
    }

    private static async Task<bool> FoundThrough(ActorStore mine, string kind, Guid id) => kind switch
    {
        nameof(Campaign) => await mine.Campaigns.FindAsync(CampaignId.From(id)) is not null,
        nameof(Shortlist) => await mine.Shortlists.FindAsync(ShortlistId.From(id)) is not null,
        nameof(Contract) => await mine.Contracts.FindAsync(ContractId.From(id)) is not null,
        nameof(Collaboration) => await mine.Collaborations.FindAsync(CollaborationId.From(id)) is not null,
        nameof(Invoice) => await mine.Invoices.FindAsync(InvoiceId.From(id)) is not null,
        _ => await ContainsCharge(mine.Ledger, id),
    };

    private static async Task<bool> ContainsCharge(ILedgerStore ledger, Guid collaboration)
    {
        await foreach (var transaction in ledger.ReadAsync())
        {
            if (transaction.Kind == "charge" && transaction.Entries[0].To == LedgerAccount.Escrow(CollaborationId.From(collaboration)))
            {
                return true;
            }
        }

        return false;
    }

    // Saves, through the actor's store, what the store itself holds: a ledger "resource" is funded again instead.
    private static async Task SaveThrough(ActorStore mine, IMarketplaceStore store, string kind, Guid id, long last, IClock clock)
    {
        switch (kind)
        {
            case nameof(Campaign): await mine.Campaigns.SaveAsync((await store.Campaigns.FindAsync(CampaignId.From(id)))!); break;
            case nameof(Shortlist): await mine.Shortlists.SaveAsync((await store.Shortlists.FindAsync(ShortlistId.From(id)))!); break;
            case nameof(Contract): await mine.Contracts.SaveAsync((await store.Contracts.FindAsync(ContractId.From(id)))!); break;
            case nameof(Collaboration): await mine.Collaborations.SaveAsync((await store.Collaborations.FindAsync(CollaborationId.From(id)))!); break;
            case nameof(Invoice): await mine.Invoices.SaveAsync((await store.Invoices.FindAsync(InvoiceId.From(id)))!); break;
            default:
                var collaboration = (await store.Collaborations.FindAsync(CollaborationId.From(id)))!;
                var charge = new EscrowLedger().Charge($"again-{Guid.NewGuid()}", collaboration.Id, collaboration.Brand, Money.Of(1m, Currency.USD), clock).GetValueOrThrow();
                (await mine.Ledger.AppendAsync(charge, last)).IsAppended.ShouldBeTrue();
                break;
        }
    }

    private static async Task<long> StoredVersion(IMarketplaceStore store, string kind, Guid id) => kind switch
    {
        nameof(Campaign) => (await store.Campaigns.FindAsync(CampaignId.From(id)))!.Version,
        nameof(Shortlist) => (await store.Shortlists.FindAsync(ShortlistId.From(id)))!.Version,
        nameof(Contract) => (await store.Contracts.FindAsync(ContractId.From(id)))!.Version,
        nameof(Collaboration) => (await store.Collaborations.FindAsync(CollaborationId.From(id)))!.Version,
        nameof(Invoice) => (await store.Invoices.FindAsync(InvoiceId.From(id)))!.Version,
        _ => await LastSequence(store),
    };

    private static async Task<long> LastSequence(IMarketplaceStore store)
    {
        var last = 0L;
        await foreach (var transaction in store.Ledger.ReadAsync())
        {
            last = transaction.Entries[^1].Sequence;
        }

        return last;
    }

    private sealed record AccessWorld(AccessControl Access, BrandId[] Brands, CreatorId[] Creators, ActorId[] Actors)
    {
        public static readonly Instant Now = Instant.FromUtc(2026, 12, 10, 12, 0);

        public static AccessWorld Random(Random random)
        {
            var since = Now - Duration.FromDays(30);
            var brands = Enumerable.Range(0, random.Next(2, 4)).Select(_ => BrandId.From(Guid.NewGuid())).ToArray();
            var creators = Enumerable.Range(0, random.Next(1, 3)).Select(_ => CreatorId.From(Guid.NewGuid())).ToArray();
            var brandSpaces = brands.Select((brand, i) => Workspace.ForBrand(WorkspaceId.From(Guid.NewGuid()), $"brand {i}", brand)).ToArray();
            var creatorSpaces = creators.Select((creator, i) => Workspace.ForCreator(WorkspaceId.From(Guid.NewGuid()), $"creator {i}", creator)).ToArray();
            var agency = Workspace.ForAgency(WorkspaceId.From(Guid.NewGuid()), "agency");
            var actors = Enumerable.Range(0, random.Next(4, 8)).Select(_ => ActorId.From(Guid.NewGuid())).ToArray();
            var memberships = new List<Membership>();
            foreach (var actor in actors)
            {
                var (space, role) = random.Next(4) switch
                {
                    0 => (agency, TeamRoles[random.Next(TeamRoles.Length)]),
                    1 => (creatorSpaces[random.Next(creatorSpaces.Length)], random.Next(3) == 0 ? "viewer" : "creator"),
                    _ => (brandSpaces[random.Next(brandSpaces.Length)], TeamRoles[random.Next(TeamRoles.Length)]),
                };
                var membership = Membership.Create(actor, space.Id, role, since);
                memberships.Add(random.Next(6) == 0 ? membership.EndedAt(Now - Duration.FromDays(1)) : membership);
            }

            var grants = brandSpaces.Where(_ => random.Next(3) > 0).Select(client =>
            {
                var grant = AccessGrant.Create(
                    AccessGrantId.From(Guid.NewGuid()), agency.Id, client.Id, Permission.List.Where(_ => random.Next(2) == 0).DefaultIfEmpty(Permission.View), since);
                return random.Next(5) == 0 ? grant.RevokedOn(Now - Duration.FromDays(2)) : grant;
            }).ToArray();
            return new(AccessControl.Create(AccessPolicy.Default, [.. brandSpaces, .. creatorSpaces, agency], memberships, grants), brands, creators, actors);
        }
    }
}
