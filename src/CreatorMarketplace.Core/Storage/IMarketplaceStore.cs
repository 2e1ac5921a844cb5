using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;

namespace CreatorMarketplace.Storage;

/// <summary>
/// A store for everything the library keeps: one repository per aggregate, the outbox their saves write to and the
/// ordered feed of the same changes, the escrow ledger and post metrics snapshots. The in-memory store, the SQLite store and the PostgreSQL store all implement it and pass the same
/// contract tests.
/// </summary>
public interface IMarketplaceStore
{
    /// <summary>Creators.</summary>
    IRepository<Creator, CreatorId> Creators { get; }

    /// <summary>Campaigns.</summary>
    IRepository<Campaign, CampaignId> Campaigns { get; }

    /// <summary>Collaborations.</summary>
    IRepository<Collaboration, CollaborationId> Collaborations { get; }

    /// <summary>Contracts.</summary>
    IRepository<Contract, ContractId> Contracts { get; }

    /// <summary>Invoices and credit notes.</summary>
    IRepository<Invoice, InvoiceId> Invoices { get; }

    /// <summary>Shortlists.</summary>
    IRepository<Shortlist, ShortlistId> Shortlists { get; }

    /// <summary>Saved searches.</summary>
    IRepository<SavedSearch, SavedSearchId> SavedSearches { get; }

    /// <summary>The domain events every save wrote, for <see cref="OutboxDispatcher"/>.</summary>
    IOutbox Outbox { get; }

    /// <summary>The changes every save wrote, in order, for the read models that follow the store.</summary>
    IChangeFeed Changes { get; }

    /// <summary>The right to deliver the outbox, held by one instance at a time (<see cref="IOutboxLease"/>).</summary>
    IOutboxLease OutboxLease { get; }

    /// <summary>The escrow ledger's transactions.</summary>
    ILedgerStore Ledger { get; }

    /// <summary>Post metrics snapshots, as a sync captured them.</summary>
    IPostMetricsStore PostMetrics { get; }

    /// <summary>Creators' personal data, apart from everything else so that it can be erased.</summary>
    ICreatorIdentityStore Identities { get; }
}
