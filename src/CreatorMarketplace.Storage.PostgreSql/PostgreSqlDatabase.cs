using System.Data.Common;
using CreatorMarketplace.Storage.Relational;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace CreatorMarketplace.Storage.PostgreSql;

// PostgreSQL's dialect of the relational store: a schema of one data source, with uuid ids, timestamptz instants
// and json documents. The store and the catalog each hold one, and whichever opens a connection first applies the
// migrations (under the advisory lock) for both.
//
// The outbox's sequence is an identity, taken when a row is inserted, while transactions commit in any order: a
// save that took position 10 could commit after one that took 11, and a follower that read 11 would pass 10 by. So
// a save takes a transaction-scoped advisory lock of the schema's outbox just before it inserts its events, and
// holds it to its commit, which it sends in the same round trip as the lock and the inserts: saves with events take
// positions in the order they commit, a reader that sees a position sees every one before it, and a save holds the
// lock only while the server runs that round trip. In the same statement the save notifies the schema's channel, which
// PostgreSQL delivers when the transaction commits and not at all when it rolls back.
//
// The first statement of each transaction of the store runs after a call that sets the transaction's row scope
// (RowScope), in the same round trip: all rows for the store itself, or the parties a scoped store's function gives,
// asked once per transaction.
internal sealed class PostgreSqlDatabase : RelationalDatabase
{
    private const string UniqueViolation = "23505";

    private readonly Func<IReadOnlyCollection<Guid>>? _parties;
    private readonly PostgreSqlDatabase? _unscoped;
    private readonly string _scopeTo;

    public PostgreSqlDatabase(NpgsqlDataSource dataSource, string schema)
        : this(dataSource, schema, null, null)
    {
    }

    private PostgreSqlDatabase(NpgsqlDataSource dataSource, string schema, Func<IReadOnlyCollection<Guid>>? parties, PostgreSqlDatabase? unscoped)
    {
        DataSource = dataSource;
        Schema = schema;
        BeforeOutboxAppend = $"SELECT pg_advisory_xact_lock(hashtext('creator_marketplace.outbox.{schema}')), pg_notify('{schema}', '');";
        LedgerLastSequence = $"\"{schema}\".ledger_last_sequence()";
        _scopeTo = $"CALL \"{schema}\".scope_to(@row_scope);";
        _parties = parties;
        _unscoped = unscoped;
    }

    public override string? BeforeOutboxAppend { get; }

    // Npgsql follows the transaction's state from the server's answers, so a transaction a statement committed is
    // complete to it: its dispose does not roll it back.
    public override string? CommitAfterOutboxAppend => "COMMIT;";

    public override bool HasRowSecurity => true;

    public override string LedgerLastSequence { get; }

    // The same schema, its statements seeing only the rows of the parties the function gives.
    public PostgreSqlDatabase ScopedTo(Func<IReadOnlyCollection<Guid>> parties) => new(DataSource, Schema, parties, _unscoped ?? this);

    public NpgsqlDataSource DataSource { get; }

    public string Schema { get; }

    // An open connection to a migrated schema, for the catalog's own commands.
    public async ValueTask<NpgsqlConnection> OpenNpgsqlAsync(CancellationToken cancellationToken) =>
        (NpgsqlConnection)await OpenAsync(cancellationToken).ConfigureAwait(false);

    // A table's name, qualified with the schema.
    public override string Table(string name) => $"\"{Schema}\".{name}";

    public override string Text(string column) => $"{column}::text";

    // A Guid[] is bound as a uuid[].
    public override string IsOneOfIds(string column) => $"{column} = ANY(@ids)";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: UniqueViolation };

    // A connection of its own that listens on the schema's channel (the schema's name, at most 63 characters as a
    // channel's name must be), returned to the pool when the wait ends; Npgsql resets it there, UNLISTEN included.
    public override async ValueTask<ChangeListener?> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var listen = new NpgsqlCommand($"LISTEN \"{Schema}\";", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new Listener(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override IOutboxLease CreateOutboxLease(TimeProvider time) => new PostgreSqlOutboxLease(this, time);

    public override Instant GetInstant(DbDataReader reader, int ordinal) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    protected override void Bind(DbParameter parameter, object? value)
    {
        switch (value)
        {
            case null:
                parameter.Value = DBNull.Value;
                break;
            case Instant instant:
                parameter.Value = instant.ToDateTimeUtc();
                break;
            case StoredDocument document:
                ((NpgsqlParameter)parameter).NpgsqlDbType = NpgsqlDbType.Json;
                parameter.Value = document.Json;
                break;
            default:
                parameter.Value = value;
                break;
        }
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override (string Statement, object Value)? Scope() =>
        (_scopeTo, _parties is null ? RowScope.All : RowScope.Value(_parties()));

    // A scoped instance, opened once per actor, migrates only where the store's own instance has not.
    protected override ValueTask MigrateAsync(DbConnection connection, CancellationToken cancellationToken) =>
        _unscoped is { IsMigrated: true } ? ValueTask.CompletedTask : PostgreSqlSchema.MigrateAsync((NpgsqlConnection)connection, Schema, cancellationToken);

    private sealed class Listener(NpgsqlConnection connection) : ChangeListener
    {
        public override Task NextAsync(CancellationToken cancellationToken) => connection.WaitAsync(cancellationToken);

        public override ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
