using System.Data.Common;
using System.Runtime.CompilerServices;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Relational;

// The ledger table: one row per transaction, its key and its entries' number range unique, changes refused by triggers.
internal sealed class RelationalLedgerStore(RelationalDatabase database) : ILedgerStore
{
    // The unique keys decide between writers racing here; the numbers are checked in the same statement.
    private readonly string _append = $"""
        INSERT INTO {database.Table("ledger_transactions")} (key, first_sequence, last_sequence, posted_at, document)
        SELECT @key, @first, @last, @postedAt, @document
        WHERE @first = (SELECT COALESCE(MAX(last_sequence), 0) + 1 FROM {database.Table("ledger_transactions")});
        """;

    private readonly string _nextSequence = $"SELECT COALESCE(MAX(last_sequence), 0) + 1 FROM {database.Table("ledger_transactions")};";
    private readonly string _find = $"SELECT {database.Text("document")} FROM {database.Table("ledger_transactions")} WHERE key = @key;";
    private readonly string _read = $"SELECT {database.Text("document")} FROM {database.Table("ledger_transactions")} WHERE last_sequence > @after ORDER BY first_sequence;";

    public async ValueTask<LedgerAppendResult> AppendAsync(LedgerTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var document = new StoredDocument(StoredJson.Write(transaction));
        var first = transaction.Entries[0].Sequence;
        var last = transaction.Entries[^1].Sequence;

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (await FindAsync(connection, transaction.Key, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            return new AlreadyRecorded(recorded);
        }

        await using var insert = database.Command(
            connection,
            null,
            _append,
            ("key", transaction.Key),
            ("first", first),
            ("last", last),
            ("postedAt", transaction.PostedAt),
            ("document", document));
        try
        {
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return new Appended(transaction, last);
            }
        }
        catch (DbException exception) when (database.IsUniqueViolation(exception))
        {
            // Decided below, as when no row was inserted.
        }

        // Another writer appended first: with this key (a repeat, also when its numbers were taken before this
        // statement read them), or at these numbers.
        if (await FindAsync(connection, transaction.Key, cancellationToken).ConfigureAwait(false) is { } raced)
        {
            return new AlreadyRecorded(raced);
        }

        await using var next = database.Command(connection, null, _nextSequence);
        var expected = RelationalDatabase.Number(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        return new LedgerConflict(transaction.Key, expected, first);
    }

    public async ValueTask<LedgerTransaction?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, key, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<LedgerTransaction> ReadAsync(long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null, _read, ("after", afterSequence));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return StoredJson.Read<LedgerTransaction>(reader.GetString(0));
        }
    }

    private async ValueTask<LedgerTransaction?> FindAsync(DbConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = database.Command(connection, null, _find, ("key", key));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string document
            ? StoredJson.Read<LedgerTransaction>(document)
            : null;
    }
}
