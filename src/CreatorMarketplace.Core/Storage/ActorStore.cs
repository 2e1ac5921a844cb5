using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;
using NodaTime;

namespace CreatorMarketplace.Storage;

/// <summary>
/// A store as one actor sees it (<see cref="MarketplaceStoreAccess.For"/>): the repositories of what workspaces own
/// (campaigns, collaborations, contracts, shortlists, saved searches, invoices), the ledger, the outbox and creators'
/// personal data, each decided by
/// <see cref="AccessControl"/> at the clock's instant. What the actor may not view is not found (null, and left out
/// of bulk reads), never forbidden, so that no reply tells another workspace's resource exists; a save the actor may
/// not make throws <see cref="AccessDeniedException"/> with every reason.
/// </summary>
/// <remarks>
/// A resource belongs to the workspaces that stand for its brand and, where it has one, its creator
/// (<see cref="AccessControl.WorkspacesOf(BrandId)"/>): a collaboration and a contract are reached through either party.
/// Viewing needs <see cref="Permission.View"/>; saving a campaign, collaboration, shortlist or saved search needs
/// <see cref="Permission.ManageCampaigns"/>, a contract <see cref="Permission.AmendContracts"/> or
/// <see cref="Permission.SignContracts"/>; a creator's personal data needs <see cref="Permission.ManageProfile"/> in
/// the creator's own account, to read it as to change or erase it. Invoices belong to their parties' workspaces and
/// need <see cref="Permission.ViewFinances"/> to view; the ledger (<see cref="ActorLedger"/>) shows the transactions on
/// the actor's workspaces' accounts and appends what their permissions allow; the outbox (<see cref="ActorOutbox"/>)
/// shows messages about what the actor may view. Post metrics are the platforms' public figures and stay unscoped.
/// A permitted save records the actor on every event it writes (<see cref="OutboxMessage.ActedBy"/>), in the same
/// transaction, so that the outbox and the change feed tell who signed a contract or changed a campaign.
/// </remarks>
public sealed class ActorStore
{
    internal ActorStore(IMarketplaceStore store, AccessControl access, ActorId actor, IClock clock)
    {
        var scope = new AccessScope(access, actor, clock);
        (_store, _scope, _access, _clock) = (store, scope, access, clock);

        // Where the database can, it enforces the actor's tenancy a second time, under the checks below.
        store = store is IRowScopedStore rowScoped ? rowScoped.ScopedTo(scope.Parties) : store;
        Actor = actor;
        Campaigns = new ScopedRepository<Campaign, CampaignId>(store.Campaigns, scope, campaign => access.WorkspacesOf(campaign.Brand), [Permission.ManageCampaigns]);
        Collaborations = new ScopedRepository<Collaboration, CollaborationId>(
            store.Collaborations, scope, collaboration => [.. access.WorkspacesOf(collaboration.Brand), .. access.WorkspacesOf(collaboration.Creator)], [Permission.ManageCampaigns]);
        Contracts = new ScopedRepository<Contract, ContractId>(
            store.Contracts, scope, contract => [.. access.WorkspacesOf(contract.Brand), .. access.WorkspacesOf(contract.Creator)], [Permission.AmendContracts, Permission.SignContracts]);
        Shortlists = new ScopedRepository<Shortlist, ShortlistId>(store.Shortlists, scope, shortlist => access.WorkspacesOf(shortlist.Owner), [Permission.ManageCampaigns]);
        SavedSearches = new ScopedRepository<SavedSearch, SavedSearchId>(store.SavedSearches, scope, search => access.WorkspacesOf(search.Owner), [Permission.ManageCampaigns]);
        Identities = new ScopedIdentities(store.Identities, scope, access);
        Invoices = new ScopedRepository<Invoice, InvoiceId>(store.Invoices, scope, invoice => OwnersOf(access, invoice.Parties), [Permission.ManageCampaigns], Permission.ViewFinances);
        Ledger = new ActorLedger(store.Ledger, store.Collaborations, scope);
        Outbox = new ActorOutbox(store.Outbox, this, scope);
    }

    private readonly IMarketplaceStore _store;
    private readonly AccessScope _scope;
    private readonly AccessControl _access;
    private readonly IClock _clock;

    /// <summary>Who acts.</summary>
    public ActorId Actor { get; }

    /// <summary>The campaigns of the actor's workspaces.</summary>
    public IRepository<Campaign, CampaignId> Campaigns { get; }

    /// <summary>The collaborations the actor's workspaces are a party to.</summary>
    public IRepository<Collaboration, CollaborationId> Collaborations { get; }

    /// <summary>The contracts the actor's workspaces are a party to.</summary>
    public IRepository<Contract, ContractId> Contracts { get; }

    /// <summary>The shortlists of the actor's workspaces.</summary>
    public IRepository<Shortlist, ShortlistId> Shortlists { get; }

    /// <summary>The saved searches of the actor's workspaces.</summary>
    public IRepository<SavedSearch, SavedSearchId> SavedSearches { get; }

    /// <summary>The personal data of the creators whose profile the actor manages (their own).</summary>
    public ICreatorIdentityStore Identities { get; }

    /// <summary>
    /// Invoices and credit notes between the actor's brands and creators (<see cref="Invoice.Parties"/>): viewing one
    /// needs <see cref="Permission.ViewFinances"/>, drafting, issuing and settling one <see cref="Permission.ManageCampaigns"/>.
    /// An invoice without parties belongs to no workspace and is seen by none.
    /// </summary>
    public IRepository<Invoice, InvoiceId> Invoices { get; }

    /// <summary>The ledger as the actor sees and may write it (<see cref="ActorLedger"/>).</summary>
    public ActorLedger Ledger { get; }

    /// <summary>The outbox's messages about what the actor may view (<see cref="ActorOutbox"/>).</summary>
    public ActorOutbox Outbox { get; }

    /// <summary>
    /// Erases a creator across the store (<see cref="CreatorErasure.EraseCreatorAsync"/>), when the actor manages the
    /// creator's own profile (<see cref="Permission.ManageProfile"/> in the creator's account): a creator asks to be
    /// forgotten. The erasure itself runs over the whole store, unscoped, as it rewrites rows no actor's scope reaches.
    /// </summary>
    /// <param name="creator">The creator.</param>
    /// <param name="catalog">The catalog to remove the creator's listing from; null when the application keeps none.</param>
    /// <param name="cancellationToken">Cancels the erasure.</param>
    /// <returns>Erased, nothing to erase, or refused while money is held for the creator.</returns>
    /// <exception cref="AccessDeniedException">The actor does not manage the creator's profile; nothing changed.</exception>
    public ValueTask<CreatorErasureResult> EraseCreatorAsync(CreatorId creator, ICreatorCatalog? catalog, CancellationToken cancellationToken = default)
    {
        _scope.Require([Permission.ManageProfile], _access.WorkspacesOf(creator), $"the erasure of creator {creator}");
        return _store.EraseCreatorAsync(creator, catalog, _clock, cancellationToken);
    }

    private static IReadOnlyList<WorkspaceId> OwnersOf(AccessControl access, InvoiceParties? parties) =>
        [.. parties?.Brand is { } brand ? access.WorkspacesOf(brand) : [], .. parties?.Creator is { } creator ? access.WorkspacesOf(creator) : []];
}

/// <summary>Opens a store for an actor.</summary>
public static class MarketplaceStoreAccess
{
    /// <summary>The store as an actor sees it: only what the actor's workspaces own, decided at the clock's instant.</summary>
    /// <param name="store">The store.</param>
    /// <param name="actor">Who acts.</param>
    /// <param name="access">Who may do what.</param>
    /// <param name="clock">The clock decisions are made at.</param>
    /// <returns>The actor's view of the store.</returns>
    /// <exception cref="ArgumentNullException">The store, the access control or the clock is null.</exception>
    public static ActorStore For(this IMarketplaceStore store, ActorId actor, AccessControl access, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(clock);
        return new ActorStore(store, access, actor, clock);
    }
}

// One actor's decisions at the clock's instant. A resource of no workspace is nobody's here: it is neither seen nor
// written.
internal sealed class AccessScope(AccessControl access, ActorId actor, IClock clock)
{
    public AccessControl Access => access;

    public ActorId Actor => actor;

    public bool May(Permission permission, IReadOnlyList<WorkspaceId> owners) =>
        owners.Count > 0 && access.Decide(actor, permission, owners, clock.GetCurrentInstant()).IsPermitted;

    // Permitted by any of the permissions, or the exception that says why none permits it.
    public void Require(IReadOnlyList<Permission> permissions, IReadOnlyList<WorkspaceId> owners, string what)
    {
        if (owners.Count == 0)
        {
            throw new AccessDeniedException(new AccessDenied([new AccessDenial(null, "access.no_owner", $"{what} belongs to no workspace here.")], [], CanView: false));
        }

        var now = clock.GetCurrentInstant();
        var denials = new List<AccessDenied>();
        foreach (var permission in permissions)
        {
            var decision = access.Decide(actor, permission, owners, now);
            if (decision.IsPermitted)
            {
                return;
            }

            denials.Add(decision.AsT1);
        }

        throw new AccessDeniedException(new AccessDenied(
            [.. denials.SelectMany(denial => denial.Reasons)],
            [.. denials.SelectMany(denial => denial.WouldPermit).Distinct()],
            denials.Exists(denial => denial.CanView)));
    }

    // Moving money: permitted on its own, or with the second approver the four-eyes rule asks for above its threshold.
    public void RequireMoney(Permission permission, IReadOnlyList<WorkspaceId> owners, Money amount, ActorId? approver, string what)
    {
        Require([permission], owners, what);
        var now = clock.GetCurrentInstant();
        var decision = approver is { } second
            ? access.DecideApproved(actor, second, permission, owners, now, amount)
            : access.Decide(actor, permission, owners, now, amount);
        decision.Switch(
            _ => { },
            denied => throw new AccessDeniedException(denied),
            required => throw new AccessDeniedException(new AccessDenied(
                [new AccessDenial(required.Permitted.Workspace, "access.second_approver_required", $"{what} moves {amount}, above the four-eyes threshold{(required.Threshold is { } threshold ? $" of {threshold}" : "")}: it needs a second approver.")],
                ["a second approver (ActorLedger.ApprovedBy)"],
                CanView: true)));
    }

    // The brands and creators of the workspaces the actor may do anything in now: the rows a row-scoped store lets
    // through. Any permission, not only viewing: a grant may include viewing finances or managing campaigns without
    // viewing, and the library's checks above decide each permission.
    // Only the actor's own workspaces and their agencies' clients can permit anything, so only they are decided on:
    // this runs once per transaction, over an access control that may hold every workspace of the marketplace.
    public IReadOnlyCollection<Guid> Parties()
    {
        var now = clock.GetCurrentInstant();
        var own = access.Memberships.Where(membership => membership.Actor == actor).Select(membership => membership.Workspace).ToHashSet();
        own.UnionWith(access.Grants.Where(grant => own.Contains(grant.Agency)).Select(grant => grant.Client).ToArray());
        var parties = new HashSet<Guid>();
        foreach (var workspace in access.Workspaces)
        {
            if (own.Contains(workspace.Id)
                && (workspace.Brand is not null || workspace.Creator is not null)
                && Permission.List.Any(permission => access.Decide(actor, permission, [workspace.Id], now).IsPermitted))
            {
                if (workspace.Brand is { } brand)
                {
                    parties.Add(brand.Value);
                }

                if (workspace.Creator is { } creator)
                {
                    parties.Add(creator.Value);
                }
            }
        }

        return parties;
    }
}

// A repository that finds, reads and saves only what the scope's actor may.
internal sealed class ScopedRepository<TAggregate, TId>(
    IRepository<TAggregate, TId> inner, AccessScope scope, Func<TAggregate, IReadOnlyList<WorkspaceId>> owners, Permission[] write, Permission? read = null)
    : IRepository<TAggregate, TId>
    where TAggregate : AggregateRoot<TId>
    where TId : struct, IEntityId<TId>
{
    private readonly Permission _read = read ?? Permission.View;

    public async ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default)
    {
        var found = await inner.FindAsync(id, cancellationToken).ConfigureAwait(false);
        return found is not null && scope.May(_read, owners(found)) ? found : null;
    }

    // The owners of the aggregate as saved and, for one the store holds, as stored: otherwise an actor could save a
    // copy of another workspace's aggregate naming their own brand, and take it over.
    public async ValueTask<SaveResult> SaveAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var what = $"{typeof(TAggregate).Name} {aggregate.Id}";
        scope.Require(write, owners(aggregate), what);
        if (await inner.FindAsync(aggregate.Id, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            scope.Require(write, owners(stored), what);
        }

        // Rides on the aggregate through whatever wraps the store, to be written with the save's events; a save that
        // is not stored does not keep it.
        aggregate.PendingActor = scope.Actor;
        try
        {
            return await inner.SaveAsync(aggregate, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            aggregate.PendingActor = null;
        }
    }

    // The store's read is made at the call, so that a page size or ids out of range are refused there, as the port says.
    public IAsyncEnumerable<StoredAggregate<TAggregate, TId>> ReadAsync(TId? afterId = null, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default) =>
        Visible(inner.ReadAsync(afterId, pageSize, cancellationToken), cancellationToken);

    public IAsyncEnumerable<StoredAggregate<TAggregate, TId>> FindManyAsync(IEnumerable<TId> ids, CancellationToken cancellationToken = default) =>
        Visible(inner.FindManyAsync(ids, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<StoredAggregate<TAggregate, TId>> Visible(
        IAsyncEnumerable<StoredAggregate<TAggregate, TId>> read, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var stored in read.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (scope.May(_read, owners(stored.Aggregate)))
            {
                yield return stored;
            }
        }
    }
}

// Personal data, for the creator's own account alone: reading it needs the same permission as changing it.
internal sealed class ScopedIdentities(ICreatorIdentityStore inner, AccessScope scope, AccessControl access) : ICreatorIdentityStore
{
    private static readonly Permission[] Manage = [Permission.ManageProfile];

    public async ValueTask<CreatorIdentity?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default) =>
        scope.May(Permission.ManageProfile, access.WorkspacesOf(creator)) ? await inner.FindAsync(creator, cancellationToken).ConfigureAwait(false) : null;

    public ValueTask SaveAsync(CreatorIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        scope.Require(Manage, access.WorkspacesOf(identity.Creator), $"the personal data of creator {identity.Creator}");
        return inner.SaveAsync(identity, cancellationToken);
    }

    public ValueTask<bool> EraseAsync(CreatorId creator, CancellationToken cancellationToken = default)
    {
        scope.Require(Manage, access.WorkspacesOf(creator), $"the personal data of creator {creator}");
        return inner.EraseAsync(creator, cancellationToken);
    }
}
