using CreatorMarketplace.Access;
using System.Data.Common;
using System.Runtime.CompilerServices;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Relational;

// The ledger table: one row per transaction, its key and its entries' number range unique, changes refused by triggers.
internal sealed class RelationalLedgerStore(RelationalDatabase database) : ILedgerStore
{
    // The unique keys decide between writers racing here; the writer's position is checked in the same statement.
    // Where the tables record parties, the escrow accounts' collaborations' parties are looked up in the same statement.
    private readonly string _append = $"""
        INSERT INTO {database.Table("ledger_transactions")} (key, first_sequence, last_sequence, posted_at, document{database.PartiesColumn})
        SELECT @key, @first, @last, @postedAt, @document{(database.HasRowSecurity ? $", {Parties(database)}" : "")}
        WHERE @first = {database.LedgerLastSequence} + 1;
        """;

    private readonly string _lastSequence = $"SELECT {database.LedgerLastSequence};";
    private readonly string _find = $"SELECT {database.Text("document")} FROM {database.Table("ledger_transactions")} WHERE key = @key;";
    private readonly string _read = $"SELECT {database.Text("document")} FROM {database.Table("ledger_transactions")} WHERE last_sequence > @after ORDER BY first_sequence;";

    public async ValueTask<LedgerAppendResult> AppendAsync(LedgerTransaction transaction, long expectedLastSequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);

        // Numbered as the store will hold it if the ledger still ends where the writer saw it end.
        var numbered = transaction.NumberedAfter(expectedLastSequence);
        var document = new StoredDocument(StoredJson.Write(numbered));
        var first = numbered.Entries[0].Sequence;
        var last = numbered.Entries[^1].Sequence;

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (await FindAsync(connection, transaction.Key, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            return new AlreadyRecorded(recorded);
        }

        await using var insert = database.Command(
            connection,
            null,
            _append,
            [("key", transaction.Key), ("first", first), ("last", last), ("postedAt", transaction.PostedAt), ("document", document), .. PartiesParameters(transaction)]);
        var taken = false;
        try
        {
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return new Appended(numbered, last);
            }
        }
        catch (DbException exception) when (database.IsUniqueViolation(exception))
        {
            // Decided below, as when no row was inserted.
            taken = true;
        }

        // Another writer appended first: with this key (a repeat, also when it took these numbers before this
        // statement read them), or after the entry this writer expected to be the last.
        if (await FindAsync(connection, transaction.Key, cancellationToken).ConfigureAwait(false) is { } raced)
        {
            return new AlreadyRecorded(raced);
        }

        await using var stored = database.Command(connection, null, _lastSequence);
        var storedLast = RelationalDatabase.Number(await stored.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        if (taken && storedLast == expectedLastSequence)
        {
            // Nothing was appended after the writer's position, so the key is what is taken, by a transaction the
            // connection's row security hides: a conflict would send the writer round again for ever.
            throw new AccessDeniedException(AccessDenied.LedgerKeyTaken(transaction.Key));
        }

        return new LedgerConflict(transaction.Key, expectedLastSequence, storedLast);
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
            yield return Read(reader.GetString(0));
        }
    }

    // The owners of the accounts and the parties of the escrow accounts' collaborations, each once.
    private static string Parties(RelationalDatabase database) => $"""
        ARRAY(SELECT unnest(@owners::uuid[]) UNION SELECT unnest(c.parties) FROM {database.Table("aggregates")} c
              WHERE c.kind = '{nameof(Campaigns.Collaboration)}' AND c.id = ANY(@escrows::uuid[]))
        """;

    private (string Name, object? Value)[] PartiesParameters(LedgerTransaction transaction)
    {
        if (!database.HasRowSecurity)
        {
            return [];
        }

        var (owners, escrows) = RowScope.Of(transaction);
        return [("owners", owners), ("escrows", escrows)];
    }

    private async ValueTask<LedgerTransaction?> FindAsync(DbConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = database.Command(connection, null, _find, ("key", key));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string document
            ? Read(document)
            : null;
    }

    // A transaction stored before who acted was recorded has neither member: it was appended by no actor's store, and
    // reads with both null, added in front of its other members so that the strict reading still judges all of them.
    private static LedgerTransaction Read(string document)
    {
        var start = document.AsSpan().TrimStart();
        if (start.IsEmpty || start[0] != '{' || NamesMember(document, "\"actedBy\"") || NamesMember(document, "\"approvedBy\""))
        {
            return StoredJson.Read<LedgerTransaction>(document);
        }

        return StoredJson.Read<LedgerTransaction>(string.Concat("{\"actedBy\":null,\"approvedBy\":null,", start[1..]));
    }

    // A quoted name followed by a colon, with or without space between, is a member's name: inside a string
    // value a quote is escaped, so the name with both its quotes cannot stand there.
    private static bool NamesMember(string document, string quotedName)
    {
        for (var at = document.IndexOf(quotedName, StringComparison.Ordinal); at >= 0; at = document.IndexOf(quotedName, at + 1, StringComparison.Ordinal))
        {
            var after = document.AsSpan(at + quotedName.Length).TrimStart();
            if (at > 0 && document[at - 1] != '\\' && !after.IsEmpty && after[0] == ':')
            {
                return true;
            }
        }

        return false;
    }
}
