using Npgsql;

namespace CreatorMarketplace.Storage.PostgreSql;

// The store's tables, as numbered migrations recorded in a table of their own. Each migration runs in one
// transaction with its record, under an advisory lock, so instances starting together apply it once.
//
// Documents are json, not jsonb: jsonb reorders an object's members, and the order of a distribution's buckets
// is part of its meaning (the first listed wins a tie), so a document must come back exactly as written. Queries
// use the indexed columns beside the documents.
internal static class PostgreSqlSchema
{
    private static readonly Func<string, string>[] Migrations =
    [
        schema => $"""
            CREATE TABLE "{schema}".aggregates (
                kind text NOT NULL,
                id uuid NOT NULL,
                version bigint NOT NULL CHECK (version >= 1),
                schema_version integer NOT NULL CHECK (schema_version >= 1),
                document json NOT NULL,
                PRIMARY KEY (kind, id)
            );

            CREATE TABLE "{schema}".outbox (
                sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                event_id uuid NOT NULL UNIQUE,
                aggregate text NOT NULL,
                aggregate_id uuid NOT NULL,
                aggregate_version bigint NOT NULL,
                event_type text NOT NULL,
                payload json NOT NULL,
                occurred_at timestamptz NOT NULL,
                delivered_at timestamptz NULL
            );
            CREATE INDEX outbox_pending ON "{schema}".outbox (sequence) WHERE delivered_at IS NULL;

            CREATE TABLE "{schema}".ledger_transactions (
                key text NOT NULL PRIMARY KEY,
                first_sequence bigint NOT NULL UNIQUE CHECK (first_sequence >= 1),
                last_sequence bigint NOT NULL UNIQUE CHECK (last_sequence >= first_sequence),
                posted_at timestamptz NOT NULL,
                document json NOT NULL
            );
            CREATE FUNCTION "{schema}".refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'ledger transactions are append-only: correct one by appending a reversal';
            END
            $$;
            CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON "{schema}".ledger_transactions
                FOR EACH ROW EXECUTE FUNCTION "{schema}".refuse_ledger_change();
            CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON "{schema}".ledger_transactions
                FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".refuse_ledger_change();
            """,
    ];

    public static int Version => Migrations.Length;

    public static async ValueTask MigrateAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"""
            SELECT pg_advisory_xact_lock(hashtext('creator_marketplace.migrate.{schema}'));
            CREATE SCHEMA IF NOT EXISTS "{schema}";
            CREATE TABLE IF NOT EXISTS "{schema}".schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            """, cancellationToken).ConfigureAwait(false);
        await using var current = new NpgsqlCommand($"""SELECT COALESCE(MAX(version), 0) FROM "{schema}".schema_migrations;""", connection, transaction);
        var applied = (int)(await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (applied > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The schema \"{schema}\" has version {applied}, newer than version {Migrations.Length} that this release knows; use a newer release.");
        }

        for (var version = applied + 1; version <= Migrations.Length; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version - 1](schema), cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"""INSERT INTO "{schema}".schema_migrations (version) VALUES ({version});""", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
