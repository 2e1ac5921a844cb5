using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Serialization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace CreatorMarketplace.Storage.Sqlite;

/// <summary>
/// The embedded durable store: every aggregate, the outbox and the escrow ledger in one SQLite file. The file is
/// created and its schema migrated on first use (or by <see cref="MigrateAsync"/>); it runs in WAL mode, so readers
/// never wait for the writer.
/// </summary>
/// <remarks>
/// <para>
/// Each save is one transaction: the aggregate's document, its version and its events in the outbox are written
/// together or not at all, also when the process dies halfway. Aggregates are stored as JSON documents in their
/// <see cref="SnapshotSchema{TSnapshot}">stored form</see>, with the schema version beside them.
/// </para>
/// <para>
/// One instance per file is enough for an application and is safe to use from several threads; connections are
/// pooled. Several processes may share the file: SQLite lets one of them write at a time.
/// </para>
/// </remarks>
public sealed class SqliteMarketplaceStore : IMarketplaceStore, IAsyncDisposable, IDisposable
{
    // The native connections whose settings are made, forgotten with them.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Prepared = new();

    private readonly string _connectionString;
    private readonly SemaphoreSlim _migration = new(1, 1);
    private volatile bool _migrated;

    /// <summary>Creates the store; nothing is opened until first use.</summary>
    /// <param name="options">Where the file is and how to open it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="DomainValidationException">An option is missing or out of range.</exception>
    public SqliteMarketplaceStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Path = System.IO.Path.GetFullPath(options.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        var formats = options.Formats;
        var outbox = new SqliteOutbox(this);
        Outbox = outbox;
        Creators = new SqliteRepository<Creator, CreatorId, CreatorSnapshot>(this, formats.Creator);
        Campaigns = new SqliteRepository<Campaign, CampaignId, CampaignSnapshot>(this, formats.Campaign);
        Collaborations = new SqliteRepository<Collaboration, CollaborationId, CollaborationSnapshot>(this, formats.Collaboration);
        Contracts = new SqliteRepository<Contract, ContractId, ContractSnapshot>(this, formats.Contract);
        Invoices = new SqliteRepository<Invoice, InvoiceId, InvoiceSnapshot>(this, formats.Invoice);
        Shortlists = new SqliteRepository<Shortlist, ShortlistId, ShortlistSnapshot>(this, formats.Shortlist);
        SavedSearches = new SqliteRepository<SavedSearch, SavedSearchId, SavedSearchSnapshot>(this, formats.SavedSearch);
        Ledger = new SqliteLedgerStore(this);
        PostMetrics = new SqlitePostMetricsStore(this);
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>The schema version this release migrates a database to.</summary>
    public static int SchemaVersion => SqliteSchema.Migrations.Length;

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
    /// Creates the file and brings its schema to <see cref="SchemaVersion"/> now, rather than on first use. Safe to
    /// call more than once, and from several processes at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the migration; a migration is applied whole or not at all.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="InvalidOperationException">The database was migrated by a newer release.</exception>
    public async ValueTask MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the pooled connections to the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        _migration.Dispose();
    }

    /// <summary>Releases the pooled connections to the file.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    // An open connection to a migrated database.
    internal async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!_migrated && !string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Settings of the native connection, which the pool keeps open: set once when it is new, not on every
            // open. NORMAL is durable against a crashed process in WAL mode (a power cut may lose the last commits,
            // never half of one).
            if (connection.Handle is { } handle && !Prepared.TryGetValue(handle, out _))
            {
                await using var pragmas = connection.CreateCommand();
                pragmas.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                Prepared.AddOrUpdate(handle, handle);
            }

            if (!_migrated)
            {
                await _migration.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!_migrated)
                    {
                        await SqliteSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                        _migrated = true;
                    }
                }
                finally
                {
                    _migration.Release();
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
