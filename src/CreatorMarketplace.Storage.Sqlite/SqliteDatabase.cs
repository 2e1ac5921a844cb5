using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CreatorMarketplace.Storage.Relational;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Storage.Sqlite;

// SQLite's dialect of the relational store: one file, ids and instants as text, JSON as text.
internal sealed class SqliteDatabase : RelationalDatabase
{
    // The native connections whose settings are made, forgotten with them.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Prepared = new();

    private const int Constraint = 19;
    private const int PrimaryKeyConstraint = 1555;
    private const int UniqueConstraint = 2067;

    private readonly string _connectionString;

    public SqliteDatabase(SqliteStoreOptions options)
    {
        Path = System.IO.Path.GetFullPath(options.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    public string Path { get; }

    public override string Table(string name) => name;

    public override string Text(string column) => column;

    // A Guid[] is bound as a JSON array of the ids' text, one value per id whatever their number.
    public override string IsOneOfIds(string column) => $"{column} IN (SELECT value FROM json_each(@ids))";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: Constraint, SqliteExtendedErrorCode: PrimaryKeyConstraint or UniqueConstraint };

    // Releases the pooled connections to the file.
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public override IOutboxLease CreateOutboxLease(TimeProvider time) => new SqliteOutboxLease(this, time);

    public override Instant GetInstant(DbDataReader reader, int ordinal) =>
        InstantPattern.ExtendedIso.Parse(reader.GetString(ordinal)).Value;

    protected override void Bind(DbParameter parameter, object? value) =>
        parameter.Value = value switch
        {
            null => DBNull.Value,
            Guid id => id.ToString("D"),
            Guid[] ids => JsonSerializer.Serialize(Array.ConvertAll(ids, id => id.ToString("D"))),
            Instant instant => InstantPattern.ExtendedIso.Format(instant),
            StoredDocument document => document.Json,
            _ => value,
        };

    // SQLite keeps a deleted row's bytes in its page, and the pages that held it in the write-ahead log, until they are
    // reused: with secure_delete the deletion overwrites them with zeros. That is not enough alone: a page split or a
    // rewrite made before, without it, may have left copies of the row in the unused space of other pages (a root
    // page that became an interior page keeps its old rows there). VACUUM rebuilds the file from its live rows
    // alone, so no copy outlives it; it costs a rewrite of the whole file, which an erasure, rare, can pay. A
    // checkpoint that truncates the log then drops the frames written before (it cannot while another connection
    // still reads an older snapshot; the log is then truncated by a later erasure or overwritten as it is reused).
    public override async ValueTask<T> EraseAsync<T>(DbConnection connection, Func<ValueTask<T>> erase, CancellationToken cancellationToken)
    {
        await using (var secure = Command(connection, null, "PRAGMA secure_delete = ON;"))
        {
            await secure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var erased = await erase().ConfigureAwait(false);
            await using (var vacuum = Command(connection, null, "VACUUM;"))
            {
                await vacuum.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await using var checkpoint = Command(connection, null, "PRAGMA wal_checkpoint(TRUNCATE);");
            await checkpoint.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            return erased;
        }
        finally
        {
            // The pool keeps the connection and its settings: later deletions need not pay for the zeroing.
            await using var usual = Command(connection, null, "PRAGMA secure_delete = OFF;");
            await usual.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!IsMigrated && !string.IsNullOrEmpty(directory))
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

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override ValueTask MigrateAsync(DbConnection connection, CancellationToken cancellationToken) =>
        SqliteSchema.MigrateAsync((SqliteConnection)connection, cancellationToken);
}
