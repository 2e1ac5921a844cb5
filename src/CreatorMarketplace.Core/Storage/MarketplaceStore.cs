using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;

namespace CreatorMarketplace.Storage;

/// <summary>
/// The members of an <see cref="IMarketplaceStore"/>, declared once: a store says how it makes a repository
/// (<see cref="IRepositoryFactory"/>) and hands over its outbox, change feed, outbox lease, ledger, post metrics and creators' personal data, and this base makes one
/// repository per aggregate. Adding an aggregate is an edit here and in the port, not in every store.
/// </summary>
public abstract class MarketplaceStore : IMarketplaceStore
{
    /// <summary>Makes every repository through <paramref name="repositories"/> and keeps the other members.</summary>
    /// <param name="repositories">Makes the store's repository for each aggregate.</param>
    /// <param name="outbox">The outbox the repositories' saves write to.</param>
    /// <param name="changes">The ordered feed of what the saves wrote to the outbox.</param>
    /// <param name="outboxLease">The right to deliver the outbox, held by one instance at a time.</param>
    /// <param name="ledger">The escrow ledger's transactions.</param>
    /// <param name="postMetrics">Post metrics snapshots.</param>
    /// <param name="identities">Creators' personal data.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    protected MarketplaceStore(IRepositoryFactory repositories, IOutbox outbox, IChangeFeed changes, IOutboxLease outboxLease, ILedgerStore ledger, IPostMetricsStore postMetrics, ICreatorIdentityStore identities)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(outboxLease);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(postMetrics);
        ArgumentNullException.ThrowIfNull(identities);
        Creators = repositories.Create<Creator, CreatorId, CreatorSnapshot>();
        Campaigns = repositories.Create<Campaign, CampaignId, CampaignSnapshot>();
        Collaborations = repositories.Create<Collaboration, CollaborationId, CollaborationSnapshot>();
        Contracts = repositories.Create<Contract, ContractId, ContractSnapshot>();
        Invoices = repositories.Create<Invoice, InvoiceId, InvoiceSnapshot>();
        Shortlists = repositories.Create<Shortlist, ShortlistId, ShortlistSnapshot>();
        SavedSearches = repositories.Create<SavedSearch, SavedSearchId, SavedSearchSnapshot>();
        Outbox = outbox;
        Changes = changes;
        OutboxLease = outboxLease;
        Ledger = ledger;
        PostMetrics = postMetrics;
        Identities = identities;
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
    public IOutbox Outbox { get; }

    /// <inheritdoc />
    public IChangeFeed Changes { get; }

    /// <inheritdoc />
    public IOutboxLease OutboxLease { get; }

    /// <inheritdoc />
    public ILedgerStore Ledger { get; }

    /// <inheritdoc />
    public IPostMetricsStore PostMetrics { get; }

    /// <inheritdoc />
    public ICreatorIdentityStore Identities { get; }
}
