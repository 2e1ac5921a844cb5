using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Serialization;
using Npgsql;

namespace CreatorMarketplace.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL store: every aggregate as a JSON document with its version, the outbox and the escrow ledger,
/// in tables of one schema, over an <see cref="NpgsqlDataSource"/> the application owns (and disposes).
/// </summary>
/// <remarks>
/// <para>
/// Each save is one transaction: the aggregate's document and version, and its events in the outbox, are written
/// together or not at all. A save with a stale version changes no row and is a <see cref="Conflict"/>: the
/// version check is part of the <c>UPDATE</c>, so two servers saving at once cannot both win.
/// </para>
/// <para>
/// The schema is created and migrated on first use (or by <see cref="MigrateAsync"/>), under an advisory lock.
/// The store is safe to use from several threads and from several processes.
/// </para>
/// </remarks>
public sealed class PostgreSqlMarketplaceStore : IMarketplaceStore
{
    private readonly PostgreSqlDatabase _database;

    /// <summary>Creates the store; nothing is opened until first use.</summary>
    /// <param name="dataSource">The data source; the application keeps owning it.</param>
    /// <param name="options">Where the tables are and in which stored forms; the defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is null.</exception>
    /// <exception cref="DomainValidationException">An option is malformed.</exception>
    public PostgreSqlMarketplaceStore(NpgsqlDataSource dataSource, PostgreSqlStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new PostgreSqlStoreOptions();
        options.Validate();
        _database = new PostgreSqlDatabase(dataSource, options.Schema);
        var formats = options.Formats;
        Creators = new PostgreSqlRepository<Creator, CreatorId, CreatorSnapshot>(this, formats.Creator);
        Campaigns = new PostgreSqlRepository<Campaign, CampaignId, CampaignSnapshot>(this, formats.Campaign);
        Collaborations = new PostgreSqlRepository<Collaboration, CollaborationId, CollaborationSnapshot>(this, formats.Collaboration);
        Contracts = new PostgreSqlRepository<Contract, ContractId, ContractSnapshot>(this, formats.Contract);
        Invoices = new PostgreSqlRepository<Invoice, InvoiceId, InvoiceSnapshot>(this, formats.Invoice);
        Shortlists = new PostgreSqlRepository<Shortlist, ShortlistId, ShortlistSnapshot>(this, formats.Shortlist);
        SavedSearches = new PostgreSqlRepository<SavedSearch, SavedSearchId, SavedSearchSnapshot>(this, formats.SavedSearch);
        Outbox = new PostgreSqlOutbox(this);
        Ledger = new PostgreSqlLedgerStore(this);
        PostMetrics = new PostgreSqlPostMetricsStore(this);
    }

    /// <summary>The data source the store connects through.</summary>
    public NpgsqlDataSource DataSource => _database.DataSource;

    /// <summary>The schema that holds the store's tables.</summary>
    public string Schema => _database.Schema;

    /// <summary>The schema version this release migrates to.</summary>
    public static int SchemaVersion => PostgreSqlSchema.Version;

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
    public ILedgerStore Ledger { get; }

    /// <inheritdoc />
    public IPostMetricsStore PostMetrics { get; }

    /// <summary>
    /// Creates the schema and brings it to <see cref="SchemaVersion"/> now, rather than on first use. Safe to call
    /// more than once, and from several processes at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the migration; a migration is applied whole or not at all.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="InvalidOperationException">The schema was migrated by a newer release.</exception>
    public async ValueTask MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    // An open connection to a migrated schema.
    internal ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenAsync(cancellationToken);

    // A table's name, qualified with the store's schema.
    internal string Table(string name) => _database.Table(name);
}
