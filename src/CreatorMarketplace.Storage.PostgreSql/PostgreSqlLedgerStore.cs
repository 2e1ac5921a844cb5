using System.Runtime.CompilerServices;
using System.Text.Json;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace CreatorMarketplace.Storage.PostgreSql;

// The ledger table: one row per transaction, its key and its entries' number range unique, changes refused by triggers.
internal sealed class PostgreSqlLedgerStore : ILedgerStore
{
    private const string UniqueViolation = "23505";
    private readonly PostgreSqlMarketplaceStore _store;

    public PostgreSqlLedgerStore(PostgreSqlMarketplaceStore store) => _store = store;

    public async ValueTask<LedgerAppendResult> AppendAsync(LedgerTransaction transaction, CancellationToken cancellationToken = default)
    {
        LedgerTransactionRules.ThrowIfMalformed(transaction);
        var document = StoredJson.Write(transaction);
        var first = transaction.Entries[0].Sequence;
        var last = transaction.Entries[^1].Sequence;

        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (await FindAsync(connection, transaction.Key, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            return new AlreadyRecorded(recorded);
        }

        // The unique keys decide between writers racing here; the numbers are checked in the same statement.
        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO {_store.Table("ledger_transactions")} (key, first_sequence, last_sequence, posted_at, document)
            SELECT @key, @first, @last, @postedAt, @document
            WHERE @first = (SELECT COALESCE(MAX(last_sequence), 0) + 1 FROM {_store.Table("ledger_transactions")});
            """,
            connection);
        insert.Parameters.AddWithValue("key", transaction.Key);
        insert.Parameters.AddWithValue("first", first);
        insert.Parameters.AddWithValue("last", last);
        insert.Parameters.AddWithValue("postedAt", transaction.PostedAt.ToDateTimeUtc());
        insert.Parameters.AddWithValue("document", NpgsqlDbType.Json, document);
        try
        {
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return new Appended(transaction with { Entries = transaction.Entries.ToArray() }, last);
            }
        }
        catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
        {
            // Another writer appended first: with this key, or at these numbers.
            if (await FindAsync(connection, transaction.Key, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                return new AlreadyRecorded(raced);
            }
        }

        return new LedgerConflict(transaction.Key, await NextSequenceAsync(connection, cancellationToken).ConfigureAwait(false), first);
    }

    public async ValueTask<LedgerTransaction?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, key, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<LedgerTransaction> ReadAsync(long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT document::text FROM {_store.Table("ledger_transactions")} WHERE last_sequence > @after ORDER BY first_sequence;",
            connection);
        command.Parameters.AddWithValue("after", afterSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader.GetString(0));
        }
    }

    private async ValueTask<LedgerTransaction?> FindAsync(NpgsqlConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT document::text FROM {_store.Table("ledger_transactions")} WHERE key = @key;", connection);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string document ? Read(document) : null;
    }

    private async ValueTask<long> NextSequenceAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT COALESCE(MAX(last_sequence), 0) + 1 FROM {_store.Table("ledger_transactions")};", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static LedgerTransaction Read(string document) =>
        StoredJson.Read<LedgerTransaction>(document);
}
