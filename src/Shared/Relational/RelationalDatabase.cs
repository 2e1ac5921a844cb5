using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace CreatorMarketplace.Storage.Relational;

// A database the relational stores keep their tables in, and its dialect: what differs between SQLite and
// PostgreSQL (opening a connection and migrating the schema, naming a table, reading a JSON column as text, binding
// ids, instants and documents, recognising a unique violation). Everything else, the SQL of every read and write
// included, is written once in this folder, which both store packages compile as internal code of their own.
internal abstract class RelationalDatabase
{
    private readonly SemaphoreSlim _migration = new(1, 1);

    // The transactions begun by BeginAsync, each with whether a statement has set its scope yet (it lasts to the
    // transaction's end). A provider may hand out the same transaction object for a connection's next transaction
    // (Npgsql does), so each begin starts a new entry.
    private readonly ConditionalWeakTable<DbTransaction, TransactionScope> _transactions = new();
    private volatile bool _migrated;

    // Whether this instance has migrated the schema (so the database exists).
    protected bool IsMigrated => _migrated;

    // Told by every save through this instance that wrote to the outbox, once it committed: wakes this instance's
    // change feed waits at once, whatever the database can notify.
    public ChangeSignal Saved { get; } = new();

    // A statement a save runs in its transaction just before it writes its events to the outbox, or null for none:
    // where transactions may commit in another order than they took their outbox positions, it makes them take
    // turns from here to their commit, and it asks the database to notify listeners on commit.
    public virtual string? BeforeOutboxAppend => null;

    // The statement that commits a save's transaction in the round trip of its outbox inserts, or null to commit it
    // with a call of its own: where saves take turns for the outbox (BeforeOutboxAppend), each then holds its turn
    // only while the database runs that round trip, not also while the client reads the answer and sends the commit
    // (on a busy machine the client's wait for a core, repeated by every save in the queue).
    public virtual string? CommitAfterOutboxAppend => null;

    // Whether the database enforces row-level security: its tables record each row's parties (RowScope), and each
    // transaction sets its scope (Scope).
    public virtual bool HasRowSecurity => false;

    // An insert's parties column and value, and an aggregate's parties as its parameter, where the tables record
    // them; nothing where not.
    public string PartiesColumn => HasRowSecurity ? ", parties" : "";

    public string PartiesValue => HasRowSecurity ? ", @parties" : "";

    public (string Name, object? Value)[] PartiesOf(object aggregate) => HasRowSecurity ? [("parties", RowScope.Of(aggregate))] : [];

    // The ledger's last sequence over every row, whatever the statement's scope may see.
    public virtual string LedgerLastSequence => $"(SELECT COALESCE(MAX(last_sequence), 0) FROM {Table("ledger_transactions")})";

    // The statement that binds the statement after it, in its transaction, to the store's scope, and the value of its
    // one parameter (@row_scope); null where the database has no row-level security. Asked once per transaction (a
    // statement outside one is a transaction of its own), so that a scope that changes is followed at once.
    protected virtual (string Statement, object Value)? Scope() => null;

    // Begins a transaction whose first statement sets the store's scope for all of it.
    public async ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (HasRowSecurity)
        {
            _transactions.AddOrUpdate(transaction, new TransactionScope());
        }

        return transaction;
    }

    // The scope a statement about to run must set: none when an earlier statement of its transaction (begun by
    // BeginAsync) set it, which from here it has, so the caller runs the statement.
    private (string Statement, object Value)? ScopeOf(DbTransaction? transaction)
    {
        if (transaction is not null && _transactions.TryGetValue(transaction, out var begun))
        {
            if (begun.IsSet)
            {
                return null;
            }

            begun.IsSet = true;
        }

        return Scope();
    }

    // Starts listening for the notification a save sends when it commits, where the database sends one; null where
    // it sends none and the change feed relies on its polling and on Saved.
    public virtual ValueTask<ChangeListener?> ListenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<ChangeListener?>(null);

    // An open connection to a migrated database; the first connection opened through this instance migrates it.
    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_migrated)
            {
                await _migration.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!_migrated)
                    {
                        await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
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

    // A command with its parameters, written @name in the SQL, each bound as the dialect stores its value.
    public DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (ScopeOf(transaction) is { } scope)
        {
            // Sent with the statement, in the same round trip and transaction.
            command.CommandText = scope.Statement + sql;
            AddParameters(command.Parameters, command.CreateParameter, [("row_scope", scope.Value)]);
        }

        AddParameters(command.Parameters, command.CreateParameter, parameters);
        return command;
    }

    // Runs one statement per row of parameters, in one round trip where the provider batches. first and last:
    // statements without parameters to run before and after them in the same round trip (none runs when there are
    // no rows).
    public async ValueTask ExecuteEachAsync(DbConnection connection, DbTransaction transaction, string sql, IEnumerable<(string Name, object? Value)[]> rows, CancellationToken cancellationToken, string? first = null, string? last = null)
    {
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            if (first is not null)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = first;
                batch.BatchCommands.Add(command);
            }

            foreach (var row in rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                AddParameters(command.Parameters, command.CreateParameter, row);

                batch.BatchCommands.Add(command);
            }

            if (batch.BatchCommands.Count > (first is null ? 0 : 1))
            {
                if (last is not null)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = last;
                    batch.BatchCommands.Add(command);
                }

                if (ScopeOf(transaction) is { } scope)
                {
                    var scoping = batch.CreateBatchCommand();
                    scoping.CommandText = scope.Statement;
                    AddParameters(scoping.Parameters, scoping.CreateParameter, [("row_scope", scope.Value)]);
                    batch.BatchCommands.Insert(0, scoping);
                }

                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var ran = false;
        foreach (var row in rows)
        {
            if (!ran && first is not null)
            {
                await using var before = Command(connection, transaction, first);
                await before.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            ran = true;
            await using var command = Command(connection, transaction, sql, row);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (ran && last is not null)
        {
            await using var after = Command(connection, transaction, last);
            await after.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void AddParameters(DbParameterCollection parameters, Func<DbParameter> create, (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            var parameter = create();
            parameter.ParameterName = name;
            Bind(parameter, value);
            parameters.Add(parameter);
        }
    }

    // Runs an erasure of personal data on the connection (its statements, in a transaction of its own when it has
    // several) and returns what it returns. Where the database keeps a deleted or overwritten row's bytes in its file
    // until they are reused, the dialect overwrites them (SQLite).
    public virtual ValueTask<T> EraseAsync<T>(DbConnection connection, Func<ValueTask<T>> erase, CancellationToken cancellationToken) => erase();

    // The number a query of one row and column gives, 0 for none.
    public static long Number(object? scalar) =>
        scalar is null or DBNull ? 0 : Convert.ToInt64(scalar, CultureInfo.InvariantCulture);

    // A table's name as the SQL writes it.
    public abstract string Table(string name);

    // A JSON column in a select list, read back as the text written.
    public abstract string Text(string column);

    // A condition that an id column holds one of the ids of the parameter @ids, bound to a Guid[].
    public abstract string IsOneOfIds(string column);

    // Whether a statement failed on a unique key (a primary key included).
    public abstract bool IsUniqueViolation(DbException exception);

    // The store's outbox lease, its renewals timed by time (RenewedLease).
    public abstract IOutboxLease CreateOutboxLease(TimeProvider time);

    // An instant a column holds, as Bind stored it.
    public abstract NodaTime.Instant GetInstant(DbDataReader reader, int ordinal);

    // Sets a parameter to a value as the database stores it: a Guid, a Guid[], an Instant, a StoredDocument or a plain
    // value.
    protected abstract void Bind(DbParameter parameter, object? value);

    // Opens a connection, the database's settings made.
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    // Brings the schema to this release's version, once per instance; refuses a schema from a newer release.
    protected abstract ValueTask MigrateAsync(DbConnection connection, CancellationToken cancellationToken);
}

// Whether a transaction's scope is set.
internal sealed class TransactionScope
{
    public bool IsSet { get; set; }
}

// A JSON document, bound as the database's JSON type where it has one.
internal readonly record struct StoredDocument(string Json);

// A connection that listens for the notifications saves send on commit, for one wait of the change feed.
internal abstract class ChangeListener : IAsyncDisposable
{
    // Completes when a notification arrives; throws OperationCanceledException when cancelled first, after which
    // the listener is disposed of, not used again.
    public abstract Task NextAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

// An in-process signal: each Pulse completes the task that waits for the next one.
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Completes at the first pulse after it was read.
    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
}
