using Microsoft.Data.Sqlite;

namespace CreatorMarketplace.Storage.Sqlite;

// The database's schema, as numbered migrations. PRAGMA user_version holds the last one applied; each migration
// runs in the same transaction as the bump of that number, so a crash leaves the schema at one version or the next.
internal static class SqliteSchema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE aggregates (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            schema_version INTEGER NOT NULL CHECK (schema_version >= 1),
            document TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        ) WITHOUT ROWID;

        CREATE TABLE outbox (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL UNIQUE,
            aggregate TEXT NOT NULL,
            aggregate_id TEXT NOT NULL,
            aggregate_version INTEGER NOT NULL,
            event_type TEXT NOT NULL,
            payload TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            delivered_at TEXT NULL
        );
        CREATE INDEX outbox_pending ON outbox (sequence) WHERE delivered_at IS NULL;

        CREATE TABLE ledger_transactions (
            key TEXT NOT NULL PRIMARY KEY,
            first_sequence INTEGER NOT NULL UNIQUE CHECK (first_sequence >= 1),
            last_sequence INTEGER NOT NULL UNIQUE CHECK (last_sequence >= first_sequence),
            posted_at TEXT NOT NULL,
            document TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TRIGGER ledger_transactions_append_only_update BEFORE UPDATE ON ledger_transactions
        BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only: correct one by appending a reversal'); END;
        CREATE TRIGGER ledger_transactions_append_only_delete BEFORE DELETE ON ledger_transactions
        BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only: correct one by appending a reversal'); END;
        """,
        """
        CREATE TABLE post_metrics (
            platform TEXT NOT NULL,
            post_id TEXT NOT NULL,
            captured_at TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (platform, post_id, captured_at)
        ) WITHOUT ROWID;
        """,

        // An event-sourced aggregate's history, one row per event, appended to by each save.
        """
        CREATE TABLE aggregate_events (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            position INTEGER NOT NULL CHECK (position >= 1),
            event TEXT NOT NULL,
            PRIMARY KEY (kind, id, position)
        ) WITHOUT ROWID;
        """,

        // Failed deliveries and dead letters: an event is pending while it is neither delivered nor dead-lettered.
        """
        ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
        ALTER TABLE outbox ADD COLUMN last_error_type TEXT NULL;
        ALTER TABLE outbox ADD COLUMN dead_lettered_at TEXT NULL;
        DROP INDEX outbox_pending;
        CREATE INDEX outbox_pending ON outbox (sequence) WHERE delivered_at IS NULL AND dead_lettered_at IS NULL;
        CREATE INDEX outbox_dead_letters ON outbox (sequence) WHERE dead_lettered_at IS NOT NULL;
        """,

        // The outbox lease (SqliteOutboxLease): its holder and when it expires, in Unix milliseconds.
        """
        CREATE TABLE outbox_lease (
            name TEXT NOT NULL PRIMARY KEY,
            holder TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,

        // Creators' personal data (ICreatorIdentityStore), apart from everything else so that it can be erased.
        """
        CREATE TABLE creator_identities (
            creator_id TEXT NOT NULL PRIMARY KEY,
            document TEXT NOT NULL
        ) WITHOUT ROWID;
        """,

        // Who saved an event's aggregate through a store opened for them; null for a save through the store itself,
        // and for the rows written before (nobody known).
        """
        ALTER TABLE outbox ADD COLUMN acted_by TEXT NULL;
        """,
    ];

    public static async ValueTask MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // WAL cannot be switched on inside a transaction; it is a property of the file and stays on once set.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var applied = await UserVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (applied > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' has schema version {applied}, newer than version {Migrations.Length} that this release knows; open it with a newer release.");
        }

        for (var version = applied + 1; version <= Migrations.Length; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version - 1], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {version};", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async ValueTask<int> UserVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async ValueTask ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
