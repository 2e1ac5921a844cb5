using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;

namespace CreatorMarketplace.Storage.InMemory;

/// <summary>
/// The reference store: everything in memory, for tests, samples and applications that keep nothing between runs.
/// It keeps the same promises as the durable stores (snapshots, not live objects; optimistic concurrency; events
/// in the outbox in the same step as their aggregate; an append-only ledger with unique keys) and passes the same
/// contract tests. Safe to use from several threads.
/// </summary>
public sealed class InMemoryMarketplaceStore : IMarketplaceStore
{
    // One lock for the whole store: a save changes a repository and the outbox together, as a transaction would.
    private readonly object _gate = new();
    private readonly InMemoryOutbox _outbox;

    /// <summary>Creates an empty store.</summary>
    public InMemoryMarketplaceStore()
    {
        _outbox = new InMemoryOutbox(_gate);
        Creators = new InMemoryRepository<Creator, CreatorId, CreatorSnapshot>(_gate, _outbox);
        Campaigns = new InMemoryRepository<Campaign, CampaignId, CampaignSnapshot>(_gate, _outbox);
        Collaborations = new InMemoryRepository<Collaboration, CollaborationId, CollaborationSnapshot>(_gate, _outbox);
        Contracts = new InMemoryRepository<Contract, ContractId, ContractSnapshot>(_gate, _outbox);
        Invoices = new InMemoryRepository<Invoice, InvoiceId, InvoiceSnapshot>(_gate, _outbox);
        Shortlists = new InMemoryRepository<Shortlist, ShortlistId, ShortlistSnapshot>(_gate, _outbox);
        SavedSearches = new InMemoryRepository<SavedSearch, SavedSearchId, SavedSearchSnapshot>(_gate, _outbox);
        Ledger = new InMemoryLedgerStore();
        PostMetrics = new InMemoryPostMetricsStore();
    }

    /// <inheritdoc />
    public IRepository<Creator, CreatorId> Creators { get; }

    /// <inheritdoc />
    public IRepository<Campaign, CampaignId> Campaigns { get; }

    /// <inheritdoc />
    public IRepository<Collaboration, CollaborationId> Collaborations { get; }

    /// <inheritdoc />
    public IRepository<Contract, ContractId> Contracts { get; }

    /// <inheritdoc />
    public IRepository<Invoice, InvoiceId> Invoices { get; }

    /// <inheritdoc />
    public IRepository<Shortlist, ShortlistId> Shortlists { get; }

    /// <inheritdoc />
    public IRepository<SavedSearch, SavedSearchId> SavedSearches { get; }

    /// <inheritdoc />
    public IOutbox Outbox => _outbox;

    /// <inheritdoc />
    public ILedgerStore Ledger { get; }

    /// <inheritdoc />
    public IPostMetricsStore PostMetrics { get; }
}
