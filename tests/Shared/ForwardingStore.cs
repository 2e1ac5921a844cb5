using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Storage;

namespace CreatorMarketplace.Tests;

/// <summary>
/// A store that hands every part to another, for test stores that replace one part (a slow repository, a failing
/// change feed, a lease the test controls). Compiled into each test project that needs it.
/// </summary>
internal abstract class ForwardingStore(IMarketplaceStore inner) : IMarketplaceStore
{
    protected IMarketplaceStore Inner => inner;

    public virtual IRepository<Creator, CreatorId> Creators => inner.Creators;

    public IRepository<Campaign, CampaignId> Campaigns => inner.Campaigns;

    public IRepository<Collaboration, CollaborationId> Collaborations => inner.Collaborations;

    public IRepository<Contract, ContractId> Contracts => inner.Contracts;

    public IRepository<Invoice, InvoiceId> Invoices => inner.Invoices;

    public IRepository<Shortlist, ShortlistId> Shortlists => inner.Shortlists;

    public IRepository<SavedSearch, SavedSearchId> SavedSearches => inner.SavedSearches;

    public IOutbox Outbox => inner.Outbox;

    public virtual IChangeFeed Changes => inner.Changes;

    public virtual IOutboxLease OutboxLease => inner.OutboxLease;

    public ILedgerStore Ledger => inner.Ledger;

    public IPostMetricsStore PostMetrics => inner.PostMetrics;

    public ICreatorIdentityStore Identities => inner.Identities;
}

/// <summary>
/// A store whose change feed cannot be reached for its first <c>failures</c> calls of one kind, reading the head or
/// (<c>failWaits</c>) waiting for a change, as a database down for a moment; every other call is the inner store's.
/// </summary>
internal sealed class UnreachableFeedStore(IMarketplaceStore inner, int failures, bool failWaits = false) : ForwardingStore(inner), IChangeFeed
{
    private int _calls;

    /// <summary>The calls of the kind that fails so far, those that failed included.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public override IChangeFeed Changes => this;

    public ValueTask<IReadOnlyList<OutboxMessage>> ReadAsync(long afterPosition, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default) =>
        Inner.Changes.ReadAsync(afterPosition, pageSize, cancellationToken);

    public ValueTask<long> HeadAsync(CancellationToken cancellationToken = default) =>
        !failWaits && Fails() ? throw Unreachable() : Inner.Changes.HeadAsync(cancellationToken);

    public ValueTask<bool> WaitAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        failWaits && Fails() ? throw Unreachable() : Inner.Changes.WaitAsync(afterPosition, timeout, cancellationToken);

    private bool Fails() => Interlocked.Increment(ref _calls) <= failures;

    private static InvalidOperationException Unreachable() => new("the database cannot be reached");
}
