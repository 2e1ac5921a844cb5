using CreatorMarketplace.Serialization;
using CreatorMarketplace.Storage.Relational;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
/// One transaction writes at a time, so saves commit in the order of their outbox positions and the change feed
/// (<see cref="MarketplaceStore.Changes"/>) never passes a change by. A wait of the feed is woken at once by a save
/// through the same instance and finds saves through other instances or processes by polling
/// (<see cref="SqliteStoreOptions.ChangePollingInterval"/>).
/// </para>
/// <para>
/// One instance per file is enough for an application and is safe to use from several threads; connections are
/// pooled. Several processes may share the file: SQLite lets one of them write at a time.
/// </para>
/// </remarks>
public sealed class SqliteMarketplaceStore : MarketplaceStore, ICreatorRecordEraser, IMessageExpirer, IAsyncDisposable, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly ICreatorRecordEraser _eraser;
    private readonly IMessageExpirer _messageExpirer;

    /// <summary>Creates the store; nothing is opened until first use.</summary>
    /// <param name="options">Where the file is and how to open it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="DomainValidationException">An option is missing or out of range.</exception>
    public SqliteMarketplaceStore(SqliteStoreOptions options)
        : this(options, TimeProvider.System)
    {
    }

    /// <summary>Creates the store, timing its change feed's waits by <paramref name="timeProvider"/>; nothing is opened until first use.</summary>
    /// <param name="options">Where the file is and how to open it.</param>
    /// <param name="timeProvider">Times the change feed's waits and polling.</param>
    /// <param name="logger">Where failed saves and loads and conflicts are logged (aggregates' ids only); none when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DomainValidationException">An option is missing or out of range.</exception>
    public SqliteMarketplaceStore(SqliteStoreOptions options, TimeProvider timeProvider, ILogger<SqliteMarketplaceStore>? logger = null)
        : this(new RelationalStoreParts<SqliteDatabase>(Database(options), options.Formats, options.ChangePollingInterval, timeProvider, SqliteTelemetry.Store, logger ?? (ILogger)NullLogger.Instance))
    {
    }

    private SqliteMarketplaceStore(RelationalStoreParts<SqliteDatabase> parts)
        : base(parts.Repositories, parts.Outbox, parts.Outbox, parts.OutboxLease, parts.Ledger, parts.PostMetrics, parts.Identities)
    {
        _database = parts.Database;
        _eraser = parts.Eraser;
        _messageExpirer = parts.MessageExpirer;
    }

    /// <summary>The database file's full path.</summary>
    public string Path => _database.Path;

    /// <summary>The schema version this release migrates a database to.</summary>
    public static int SchemaVersion => SqliteSchema.Migrations.Length;

    /// <summary>
    /// Creates the file and brings its schema to <see cref="SchemaVersion"/> now, rather than on first use. Safe to
    /// call more than once, and from several processes at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the migration; a migration is applied whole or not at all.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="InvalidOperationException">The database was migrated by a newer release.</exception>
    public async ValueTask MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the pooled connections to the file.</summary>
    public void Dispose() => _database.ClearPool();

    /// <summary>Releases the pooled connections to the file.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    ValueTask<bool> ICreatorRecordEraser.EraseRecordsAsync(CreatorErasureRequest request, CancellationToken cancellationToken) =>
        _eraser.EraseRecordsAsync(request, cancellationToken);

    /// <inheritdoc />
    ValueTask<int> IMessageExpirer.ExpireMessagesAsync(MessageExpiry expiry, CancellationToken cancellationToken) =>
        _messageExpirer.ExpireMessagesAsync(expiry, cancellationToken);

    private static SqliteDatabase Database(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new SqliteDatabase(options);
    }
}
