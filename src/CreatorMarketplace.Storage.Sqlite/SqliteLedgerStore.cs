using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Serialization;
using Microsoft.Data.Sqlite;

namespace CreatorMarketplace.Storage.Sqlite;

// The ledger table: one row per transaction, its entries' number range unique, updates and deletes refused by triggers.
internal sealed class SqliteLedgerStore : ILedgerStore
{
    private readonly SqliteMarketplaceStore _store;

    public SqliteLedgerStore(SqliteMarketplaceStore store) => _store = store;

    public async ValueTask<LedgerAppendResult> AppendAsync(LedgerTransaction transaction, CancellationToken cancellationToken = default)
    {
        LedgerTransactionRules.ThrowIfMalformed(transaction);
        var document = StoredJson.Write(transaction);
        var first = transaction.Entries[0].Sequence;
        var last = transaction.Entries[^1].Sequence;

        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var write = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await FindAsync(connection, write, transaction.Key, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            return new AlreadyRecorded(recorded);
        }

        await using (var next = connection.Command(write, "SELECT COALESCE(MAX(last_sequence), 0) + 1 FROM ledger_transactions;"))
        {
            var expected = Convert.ToInt64(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (first != expected)
            {
                return new LedgerConflict(transaction.Key, expected, first);
            }
        }

        await using (var insert = connection.Command(
            write,
            "INSERT INTO ledger_transactions (key, first_sequence, last_sequence, posted_at, document) VALUES ($key, $first, $last, $postedAt, $document);",
            ("$key", transaction.Key),
            ("$first", first),
            ("$last", last),
            ("$postedAt", SqliteCommands.Text(transaction.PostedAt)),
            ("$document", document)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new Appended(transaction with { Entries = transaction.Entries.ToArray() }, last);
    }

    public async ValueTask<LedgerTransaction?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, null, key, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<LedgerTransaction> ReadAsync(long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            null,
            "SELECT document FROM ledger_transactions WHERE last_sequence > $after ORDER BY first_sequence;",
            ("$after", afterSequence));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader.GetString(0));
        }
    }

    private static async ValueTask<LedgerTransaction?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, "SELECT document FROM ledger_transactions WHERE key = $key;", ("$key", key));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string document ? Read(document) : null;
    }

    private static LedgerTransaction Read(string document) =>
        StoredJson.Read<LedgerTransaction>(document);
}
