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
