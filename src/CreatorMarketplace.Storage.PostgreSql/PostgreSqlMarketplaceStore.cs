using CreatorMarketplace.Storage.Relational;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
/// Its change feed (<see cref="MarketplaceStore.Changes"/>) never passes a change by: a save with events takes a
/// transaction-scoped advisory lock of the schema's outbox just before inserting them and holds it to its commit, so
/// saves commit in the order of their outbox positions, and it notifies the schema's channel, which PostgreSQL
/// delivers on commit to waiting followers.
/// </para>
/// <para>
/// The schema is created and migrated on first use (or by <see cref="MigrateAsync"/>), under an advisory lock.
/// The store is safe to use from several threads and from several processes.
/// </para>
/// </remarks>
public sealed class PostgreSqlMarketplaceStore : MarketplaceStore, IRowScopedStore, ICreatorRecordEraser, IMessageExpirer
{
    private readonly PostgreSqlDatabase _database;
    private readonly ICreatorRecordEraser _eraser;
    private readonly IMessageExpirer _messageExpirer;
    private readonly Func<PostgreSqlDatabase, RelationalStoreParts<PostgreSqlDatabase>> _parts;

    /// <summary>Creates the store; nothing is opened until first use.</summary>
    /// <param name="dataSource">The data source; the application keeps owning it.</param>
    /// <param name="options">Where the tables are and in which stored forms; the defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is null.</exception>
    /// <exception cref="DomainValidationException">An option is malformed.</exception>
    public PostgreSqlMarketplaceStore(NpgsqlDataSource dataSource, PostgreSqlStoreOptions? options = null)
        : this(dataSource, options, TimeProvider.System)
    {
    }

    /// <summary>Creates the store, timing its change feed's waits by <paramref name="timeProvider"/>; nothing is opened until first use.</summary>
    /// <param name="dataSource">The data source; the application keeps owning it.</param>
    /// <param name="options">Where the tables are and in which stored forms; the defaults when null.</param>
    /// <param name="timeProvider">Times the change feed's waits and polling.</param>
    /// <param name="logger">Where failed saves and loads and conflicts are logged (aggregates' ids only); none when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> or <paramref name="timeProvider"/> is null.</exception>
    /// <exception cref="DomainValidationException">An option is malformed.</exception>
    public PostgreSqlMarketplaceStore(NpgsqlDataSource dataSource, PostgreSqlStoreOptions? options, TimeProvider timeProvider, ILogger<PostgreSqlMarketplaceStore>? logger = null)
        : this(Database(dataSource, options ??= new PostgreSqlStoreOptions()), Parts(options, timeProvider, logger))
    {
    }

    private PostgreSqlMarketplaceStore(PostgreSqlDatabase database, Func<PostgreSqlDatabase, RelationalStoreParts<PostgreSqlDatabase>> parts)
        : this(parts(database), parts)
    {
    }

    private PostgreSqlMarketplaceStore(RelationalStoreParts<PostgreSqlDatabase> parts, Func<PostgreSqlDatabase, RelationalStoreParts<PostgreSqlDatabase>> makeParts)
        : base(parts.Repositories, parts.Outbox, parts.Outbox, parts.OutboxLease, parts.Ledger, parts.PostMetrics, parts.Identities)
    {
        _database = parts.Database;
        _eraser = parts.Eraser;
        _messageExpirer = parts.MessageExpirer;
        _parts = makeParts;
    }

    /// <summary>The data source the store connects through.</summary>
    public NpgsqlDataSource DataSource => _database.DataSource;

    /// <summary>The schema that holds the store's tables.</summary>
    public string Schema => _database.Schema;

    /// <summary>The schema version this release migrates to.</summary>
    public static int SchemaVersion => PostgreSqlSchema.Version;

    /// <summary>
    /// Creates the schema and brings it to <see cref="SchemaVersion"/> now, rather than on first use. Safe to call
    /// more than once, and from several processes at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the migration; a migration is applied whole or not at all.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="InvalidOperationException">The schema was migrated by a newer release.</exception>
    public async ValueTask MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The same store, whose every statement PostgreSQL's row-level security binds to the rows of the parties (brands
    /// and creators) that <paramref name="parties"/> gives, asked once per transaction: another party's aggregate is not
    /// found, and is left out of bulk reads, the outbox, the change feed and the ledger. Creators stay readable by
    /// all. <see cref="MarketplaceStoreAccess.For"/> scopes the store so for an actor.
    /// </summary>
    /// <param name="parties">The ids of the brands and creators whose rows are visible; none sees nothing.</param>
    /// <returns>The scoped store, over the same data source and schema.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parties"/> is null.</exception>
    public IMarketplaceStore ScopedTo(Func<IReadOnlyCollection<Guid>> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        return new PostgreSqlMarketplaceStore(_database.ScopedTo(parties), _parts);
    }

    // What the store hands MarketplaceStore over a database: the same for the store and each of its scoped copies.
    private static Func<PostgreSqlDatabase, RelationalStoreParts<PostgreSqlDatabase>> Parts(PostgreSqlStoreOptions options, TimeProvider timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return database => new RelationalStoreParts<PostgreSqlDatabase>(
            database, options.Formats, options.ChangePollingInterval, timeProvider, PostgreSqlTelemetry.Store, logger ?? NullLogger.Instance);
    }

    /// <inheritdoc />
    ValueTask<bool> ICreatorRecordEraser.EraseRecordsAsync(CreatorErasureRequest request, CancellationToken cancellationToken) =>
        _eraser.EraseRecordsAsync(request, cancellationToken);

    /// <inheritdoc />
    ValueTask<int> IMessageExpirer.ExpireMessagesAsync(MessageExpiry expiry, CancellationToken cancellationToken) =>
        _messageExpirer.ExpireMessagesAsync(expiry, cancellationToken);

    private static PostgreSqlDatabase Database(NpgsqlDataSource dataSource, PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options.Validate();
        return new PostgreSqlDatabase(dataSource, options.Schema);
    }
}
