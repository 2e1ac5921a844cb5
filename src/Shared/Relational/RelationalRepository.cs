using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Relational;

// One aggregate's rows in the aggregates table, keyed by the aggregate's name and id. A save writes the document
// under a version check and the events to the outbox in one transaction, the outbox last, after the dialect's
// BeforeOutboxAppend, so that a transaction holds its turn for the outbox as briefly as it can.
//
// A snapshot that is an event history (the collaboration's) keeps the history in aggregate_events, one row per
// event, and a save appends the events not yet stored instead of rewriting them all; the document keeps an empty
// history. A find puts the rows back into the document before reading it, so the stored form and its upgrades are
// the same as for a document written whole, which is how releases before this one stored it: such a document is
// read as it is, and its first save moves its history into rows. A find, a find of many and each page of a bulk read
// run the same select (one id, some ids, or the ids after a position) and turn its rows into aggregates the same way.
internal sealed class RelationalRepository<TAggregate, TId, TSnapshot> : IRepository<TAggregate, TId>
    where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
    where TId : struct, IEntityId<TId>
    where TSnapshot : class
{
    private readonly RelationalDatabase _database;
    private readonly SnapshotSchema<TSnapshot> _schema;
    private readonly string _find;
    private readonly string _readFirst;
    private readonly string _readAfter;
    private readonly string _findMany;
    private readonly string _insert;
    private readonly string _update;
    private readonly string _storedVersion;
    private readonly string _appendEvent;
    private readonly string? _history;
    private readonly string _storedHistory;
    private readonly string _appendHistory;

    // history: the document's member that holds an event history kept in rows; null for a document kept whole.
    public RelationalRepository(RelationalDatabase database, SnapshotSchema<TSnapshot> schema, string? history)
    {
        _database = database;
        _schema = schema;
        _history = history;
        var aggregates = database.Table("aggregates");
        var events = database.Table("aggregate_events");
        _find = Select(database, aggregates, events, history, "AND id = @id");
        _readFirst = Select(database, aggregates, events, history, "");
        _readAfter = Select(database, aggregates, events, history, "AND id > @after");
        _findMany = Select(database, aggregates, events, history, $"AND {database.IsOneOfIds("id")}");
        _storedHistory = $"SELECT COALESCE(MAX(position), 0) FROM {events} WHERE kind = @kind AND id = @id;";
        _appendHistory = $"INSERT INTO {events} (kind, id, position, event{database.PartiesColumn}) VALUES (@kind, @id, @position, @event{database.PartiesValue});";
        _insert = $"""
            INSERT INTO {aggregates} (kind, id, version, schema_version, document{database.PartiesColumn}) VALUES (@kind, @id, 1, @schema, @document{database.PartiesValue})
            ON CONFLICT (kind, id) DO NOTHING;
            """;
        _update = $"""
            UPDATE {aggregates} SET version = version + 1, schema_version = @schema, document = @document{(database.HasRowSecurity ? ", parties = @parties" : "")}
            WHERE kind = @kind AND id = @id AND version = @expected;
            """;
        _storedVersion = $"SELECT version FROM {aggregates} WHERE kind = @kind AND id = @id;";
        _appendEvent = RelationalOutbox.Append(database);
    }

    public async ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default)
    {
        if (id.Equals(default(TId)))
        {
            return null; // no aggregate has a default id
        }

        var rows = await ReadRowsAsync(_find, 1, cancellationToken, ("id", id.Value)).ConfigureAwait(false);
        return rows.Count == 0 ? null : Restore(rows[0]);
    }

    public IAsyncEnumerable<StoredAggregate<TAggregate, TId>> ReadAsync(TId? afterId = null, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default)
    {
        BulkRead.ThrowIfInvalidPageSize(pageSize);

        // default(TId) holds no UUID and comes before every id, so reading after it reads all.
        Guid? after = afterId is { } id && !id.Equals(default(TId)) ? id.Value : null;
        return ReadPagesAsync(after, pageSize, cancellationToken);
    }

    public IAsyncEnumerable<StoredAggregate<TAggregate, TId>> FindManyAsync(IEnumerable<TId> ids, CancellationToken cancellationToken = default)
    {
        var wanted = Array.ConvertAll(BulkRead.IdsToFind(ids), id => id.Value);
        return FindManyRowsAsync(wanted, cancellationToken);
    }

    // One select for all the ids, read whole before the first item is given, as a page of a bulk read.
    private async IAsyncEnumerable<StoredAggregate<TAggregate, TId>> FindManyRowsAsync(Guid[] ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ids.Length == 0)
        {
            yield break;
        }

        var rows = await ReadRowsAsync(_findMany, ids.Length, cancellationToken, ("ids", ids)).ConfigureAwait(false);
        foreach (var stored in Restored(rows, cancellationToken))
        {
            yield return stored;
        }
    }

    // Each page is read whole and its connection returned before the first item is given, so a slow reader holds
    // no connection or lock. Ids compare as their bytes in both dialects (PostgreSQL's uuid; SQLite's lower-case
    // text of fixed shape, whose binary order is the bytes' order), which is RFC 9562 order, as TId's CompareTo.
    // Restoring a document costs far more than reading it, so the next page is read while this one is restored, and
    // a page's rows are restored on every core; they are given in order, and the first unreadable one stops the read
    // after those before it, as restoring them one by one would.
    private async IAsyncEnumerable<StoredAggregate<TAggregate, TId>> ReadPagesAsync(Guid? after, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reading = ReadPageAsync(after, pageSize, cancellationToken);
        try
        {
            while (reading is not null)
            {
                var page = await reading.ConfigureAwait(false);
                reading = page.Count == pageSize ? ReadPageAsync(page[^1].Id, pageSize, cancellationToken) : null;
                foreach (var stored in Restored(page, cancellationToken))
                {
                    yield return stored;
                }
            }
        }
        finally
        {
            // A reader that stops early, or a failure, leaves the next page's read to finish and return its connection.
            if (reading is not null)
            {
                await reading.ContinueWith(static read => _ = read.Exception, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    private Task<List<StoredRow>> ReadPageAsync(Guid? after, int pageSize, CancellationToken cancellationToken) =>
        after is { } position
            ? ReadRowsAsync(_readAfter, pageSize, cancellationToken, ("after", position)).AsTask()
            : ReadRowsAsync(_readFirst, pageSize, cancellationToken).AsTask();

    // The rows' aggregates, restored on every core and given in order; the first unreadable one stops them after
    // those before it.
    private IEnumerable<StoredAggregate<TAggregate, TId>> Restored(List<StoredRow> rows, CancellationToken cancellationToken)
    {
        var restored = RestoreAll(rows, cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return restored[i].Stored ?? throw Unreadable(rows[i], restored[i].Failure!);
        }
    }

    // Each row's aggregate, or what stopped its restoring; on every core for a page of many.
    private (StoredAggregate<TAggregate, TId>? Stored, ExceptionDispatchInfo? Failure)[] RestoreAll(List<StoredRow> page, CancellationToken cancellationToken)
    {
        var restored = new (StoredAggregate<TAggregate, TId>?, ExceptionDispatchInfo?)[page.Count];
        if (page.Count < ParallelRestoreRows)
        {
            for (var i = 0; i < page.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RestoreOne(i);
            }

            return restored;
        }

        Parallel.For(0, page.Count, new ParallelOptions { CancellationToken = cancellationToken }, RestoreOne);
        return restored;

        void RestoreOne(int i)
        {
            try
            {
                restored[i] = (new StoredAggregate<TAggregate, TId>(Restore(page[i]), page[i].Version), null);
            }
            catch (Exception failure)
            {
                restored[i] = (null, ExceptionDispatchInfo.Capture(failure));
            }
        }
    }

    // Fewer rows than this are restored on the calling thread: waking other threads for a few documents (a follower's
    // page of changes under a steady stream of saves) costs more than it saves.
    private const int ParallelRestoreRows = 32;

    // A document that does not read as its aggregate names the aggregate; any other failure is thrown as it was.
    private UnreadableAggregateException Unreadable(StoredRow row, ExceptionDispatchInfo failure)
    {
        if (failure.SourceException is JsonException unreadable)
        {
            return new UnreadableAggregateException(_schema.Aggregate, row.Id, row.Version, unreadable);
        }

        failure.Throw();
        throw failure.SourceException; // not reached: Throw does not return
    }

    // The stored rows a select gives, in id order, each with its stored history's events in their order.
    private async ValueTask<List<StoredRow>> ReadRowsAsync(string select, int limit, CancellationToken cancellationToken, params (string Name, object? Value)[] keys)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.Command(connection, null, select, [("kind", _schema.Aggregate), ("limit", limit), .. keys]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<StoredRow> rows = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetGuid(0);
            if (rows.Count == 0 || rows[^1].Id != id)
            {
                rows.Add(new StoredRow(id, reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), []));
            }

            if (_history is not null && !await reader.IsDBNullAsync(4, cancellationToken).ConfigureAwait(false))
            {
                rows[^1].History.Add(reader.GetString(4));
            }
        }

        return rows;
    }

    // The aggregate a row holds, its stored history's events put back into the document first.
    private TAggregate Restore(StoredRow row) =>
        _schema.Restore<TAggregate>(row.History.Count == 0 ? row.Document : WithHistory(row.Document, row.History), row.SchemaVersion, row.Version);

    public async ValueTask<SaveResult> SaveAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);

        // Everything that can fail on our side fails before the transaction starts.
        var written = _schema.Write(aggregate.ToSnapshot());
        string[] history = [];
        if (_history is not null)
        {
            (written, history) = WithoutHistory(written);
        }

        var document = new StoredDocument(written);
        var events = aggregate.PendingEvents.Select(e => (Written: DomainEventJson.Write(e), e.OccurredAt)).ToArray();
        var id = aggregate.Id.Value;
        var parties = _database.PartiesOf(aggregate);
        var actedBy = aggregate.PendingActor;
        var expected = aggregate.Version;
        var version = expected + 1;

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var write = _database.Command(
            connection,
            transaction,
            expected == 0 ? _insert : _update,
            [("kind", _schema.Aggregate), ("id", id), ("schema", _schema.Version), ("document", document), ("expected", expected), .. parties]))
        {
            if (await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                // Nothing was written; the transaction is rolled back as it is disposed of.
                await using var stored = _database.Command(connection, transaction, _storedVersion, ("kind", _schema.Aggregate), ("id", id));
                var storedVersion = RelationalDatabase.Number(await stored.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
                return new Conflict(_schema.Aggregate, id, expected, storedVersion);
            }
        }

        if (history.Length > 0)
        {
            await AppendHistoryAsync(connection, transaction, id, history, parties, cancellationToken).ConfigureAwait(false);
        }

        // The outbox's turn is taken, the events inserted and, where the dialect can, the transaction committed in
        // one round trip, so that a save holds its turn while the database runs it and no longer.
        var commit = events.Length > 0 ? _database.CommitAfterOutboxAppend : null;
        await _database.ExecuteEachAsync(
            connection,
            transaction,
            _appendEvent,
            events.Select(e => RelationalOutbox.AppendRow(_schema.Aggregate, id, version, e.Written, e.OccurredAt, actedBy, parties)),
            cancellationToken,
            first: _database.BeforeOutboxAppend,
            last: commit).ConfigureAwait(false);

        if (commit is null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (events.Length > 0)
        {
            _database.Saved.Pulse();
        }

        aggregate.MarkStored(version);
        return new Saved(version, events.Length);
    }

    // Appends the events after those stored: all of them for a document that kept its history whole.
    private async ValueTask AppendHistoryAsync(DbConnection connection, DbTransaction transaction, Guid id, string[] history, (string Name, object? Value)[] parties, CancellationToken cancellationToken)
    {
        await using var stored = _database.Command(connection, transaction, _storedHistory, ("kind", _schema.Aggregate), ("id", id));
        var storedEvents = RelationalDatabase.Number(await stored.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        await _database.ExecuteEachAsync(
            connection,
            transaction,
            _appendHistory,
            history.Select((e, i) => (Event: e, Position: i + 1L)).Where(e => e.Position > storedEvents).Select(e => ((string, object?)[])
            [
                ("kind", _schema.Aggregate),
                ("id", id),
                ("position", e.Position),
                ("event", new StoredDocument(e.Event)),
                .. parties,
            ]),
            cancellationToken).ConfigureAwait(false);
    }

    // The written document with an empty history, and the history's events, each as written.
    private (string Document, string[] History) WithoutHistory(string written)
    {
        var document = HistoryOf(JsonNode.Parse(written), out var history);
        var events = history.Select(e => e!.ToJsonString(StoredJson.Options)).ToArray();
        history.Clear();
        return (document.ToJsonString(StoredJson.Options), events);
    }

    // The stored document with the stored events added to its history.
    private string WithHistory(string stored, List<string> events)
    {
        var document = HistoryOf(JsonNode.Parse(stored), out var history);
        foreach (var e in events)
        {
            history.Add(JsonNode.Parse(e));
        }

        return document.ToJsonString(StoredJson.Options);
    }

    private JsonObject HistoryOf(JsonNode? document, out JsonArray history)
    {
        var root = document as JsonObject ?? throw new JsonException($"{_schema.Aggregate} snapshot: the document is not a JSON object.");
        history = root[_history!] as JsonArray ?? throw new JsonException($"{_schema.Aggregate} snapshot: the document has no array '{_history}'.");
        return root;
    }

    // The select of a find or a page: the documents of one kind whose ids meet a condition, in id order and at most
    // @limit of them, each with its rows of history when it keeps one (the limit counts documents, not rows).
    private static string Select(RelationalDatabase database, string aggregates, string events, string? history, string condition) =>
        history is null
            ? $"""
              SELECT id, version, schema_version, {database.Text("document")} FROM {aggregates}
              WHERE kind = @kind {condition} ORDER BY id LIMIT @limit;
              """
            : $"""
              SELECT a.id, a.version, a.schema_version, {database.Text("a.document")}, {database.Text("e.event")}
              FROM (SELECT kind, id, version, schema_version, document FROM {aggregates} WHERE kind = @kind {condition} ORDER BY id LIMIT @limit) a
              LEFT JOIN {events} e ON e.kind = a.kind AND e.id = a.id
              ORDER BY a.id, e.position;
              """;

    // One stored document as read, with its history's events when it keeps them in rows.
    private sealed record StoredRow(Guid Id, long Version, int SchemaVersion, string Document, List<string> History);
}

// Makes a relational store's repositories, each with its aggregate's stored form.
internal sealed class RelationalRepositories(RelationalDatabase database, StoredFormats formats) : IRepositoryFactory
{
    public IRepository<TAggregate, TId> Create<TAggregate, TId, TSnapshot>()
        where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
        where TId : struct, IEntityId<TId>
        where TSnapshot : class =>
        new RelationalRepository<TAggregate, TId, TSnapshot>(database, SchemaOf<TSnapshot>(), HistoryOf<TSnapshot>());

    // The collaboration's snapshot is its event history, kept in rows and appended to.
    private static string? HistoryOf<TSnapshot>() =>
        typeof(TSnapshot) == typeof(CollaborationSnapshot) ? "history" : null;

    // The formats' schema of this snapshot: StoredFormats holds one property per aggregate, so this finds a new one too.
    private SnapshotSchema<TSnapshot> SchemaOf<TSnapshot>()
        where TSnapshot : class =>
        (SnapshotSchema<TSnapshot>)typeof(StoredFormats).GetProperties()
            .Single(property => property.PropertyType == typeof(SnapshotSchema<TSnapshot>))
            .GetValue(formats)!;
}
