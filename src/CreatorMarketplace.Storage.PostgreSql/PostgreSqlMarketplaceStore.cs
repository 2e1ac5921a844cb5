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
public sealed class PostgreSqlMarketplaceStore : MarketplaceStore
{
    private readonly PostgreSqlDatabase _database;

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
        : this(new RelationalStoreParts<PostgreSqlDatabase>(
            Database(dataSource, options ??= new PostgreSqlStoreOptions()), options.Formats, options.ChangePollingInterval, timeProvider, PostgreSqlTelemetry.Store, logger ?? (ILogger)NullLogger.Instance))
    {
    }

    private PostgreSqlMarketplaceStore(RelationalStoreParts<PostgreSqlDatabase> parts)
        : base(parts.Repositories, parts.Outbox, parts.Outbox, parts.OutboxLease, parts.Ledger, parts.PostMetrics, parts.Identities) =>
        _database = parts.Database;

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

    private static PostgreSqlDatabase Database(NpgsqlDataSource dataSource, PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options.Validate();
        return new PostgreSqlDatabase(dataSource, options.Schema);
    }
}
