using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Relational;

// One aggregate's rows in the aggregates table, keyed by the aggregate's name and id. A save writes the document
// under a version check and the events to the outbox in one transaction.
//
// A snapshot that is an event history (the collaboration's) keeps the history in aggregate_events, one row per
// event, and a save appends the events not yet stored instead of rewriting them all; the document keeps an empty
// history. A find puts the rows back into the document before reading it, so the stored form and its upgrades are
// the same as for a document written whole, which is how releases before this one stored it: such a document is
// read as it is, and its first save moves its history into rows.
internal sealed class RelationalRepository<TAggregate, TId, TSnapshot> : IRepository<TAggregate, TId>
    where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
    where TId : struct, IEntityId<TId>
    where TSnapshot : class
{
    private readonly RelationalDatabase _database;
    private readonly SnapshotSchema<TSnapshot> _schema;
    private readonly string _find;
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
        _find = history is null
            ? $"SELECT version, schema_version, {database.Text("document")} FROM {aggregates} WHERE kind = @kind AND id = @id;"
            : $"""
              SELECT a.version, a.schema_version, {database.Text("a.document")}, {database.Text("e.event")} FROM {aggregates} a
              LEFT JOIN {events} e ON e.kind = a.kind AND e.id = a.id
              WHERE a.kind = @kind AND a.id = @id ORDER BY e.position;
              """;
        _storedHistory = $"SELECT COALESCE(MAX(position), 0) FROM {events} WHERE kind = @kind AND id = @id;";
        _appendHistory = $"INSERT INTO {events} (kind, id, position, event) VALUES (@kind, @id, @position, @event);";
        _insert = $"""
            INSERT INTO {aggregates} (kind, id, version, schema_version, document) VALUES (@kind, @id, 1, @schema, @document)
            ON CONFLICT (kind, id) DO NOTHING;
            """;
        _update = $"""
            UPDATE {aggregates} SET version = version + 1, schema_version = @schema, document = @document
            WHERE kind = @kind AND id = @id AND version = @expected;
            """;
        _storedVersion = $"SELECT version FROM {aggregates} WHERE kind = @kind AND id = @id;";
        _appendEvent = $"""
            INSERT INTO {database.Table("outbox")} (event_id, aggregate, aggregate_id, aggregate_version, event_type, payload, occurred_at)
            VALUES (@eventId, @aggregate, @aggregateId, @version, @type, @payload, @occurredAt);
            """;
    }

    public async ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default)
    {
        if (id.Equals(default(TId)))
        {
            return null; // no aggregate has a default id
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.Command(connection, null, _find, ("kind", _schema.Aggregate), ("id", id.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var version = reader.GetInt64(0);
        var schemaVersion = reader.GetInt32(1);
        var document = reader.GetString(2);
        if (_history is not null)
        {
            document = await WithStoredHistoryAsync(reader, document, cancellationToken).ConfigureAwait(false);
        }

        return _schema.Restore<TAggregate>(document, schemaVersion, version);
    }

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
        var expected = aggregate.Version;
        var version = expected + 1;

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var write = _database.Command(
            connection,
            transaction,
            expected == 0 ? _insert : _update,
            ("kind", _schema.Aggregate),
            ("id", id),
            ("schema", _schema.Version),
            ("document", document),
            ("expected", expected)))
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
            await AppendHistoryAsync(connection, transaction, id, history, cancellationToken).ConfigureAwait(false);
        }

        await _database.ExecuteEachAsync(
            connection,
            transaction,
            _appendEvent,
            events.Select(e => new (string, object?)[]
            {
                ("eventId", Guid.NewGuid()),
                ("aggregate", _schema.Aggregate),
                ("aggregateId", id),
                ("version", version),
                ("type", e.Written.TypeName),
                ("payload", new StoredDocument(e.Written.Json)),
                ("occurredAt", e.OccurredAt),
            }),
            cancellationToken).ConfigureAwait(false);

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        aggregate.MarkStored(version);
        return new Saved(version, events.Length);
    }

    // Appends the events after those stored: all of them for a document that kept its history whole.
    private async ValueTask AppendHistoryAsync(DbConnection connection, DbTransaction transaction, Guid id, string[] history, CancellationToken cancellationToken)
    {
        await using var stored = _database.Command(connection, transaction, _storedHistory, ("kind", _schema.Aggregate), ("id", id));
        var storedEvents = RelationalDatabase.Number(await stored.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        await _database.ExecuteEachAsync(
            connection,
            transaction,
            _appendHistory,
            history.Select((e, i) => (Event: e, Position: i + 1L)).Where(e => e.Position > storedEvents).Select(e => new (string, object?)[]
            {
                ("kind", _schema.Aggregate),
                ("id", id),
                ("position", e.Position),
                ("event", new StoredDocument(e.Event)),
            }),
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

    // The stored document with the stored events (the rest of the reader's rows) added to its history.
    private async ValueTask<string> WithStoredHistoryAsync(DbDataReader reader, string stored, CancellationToken cancellationToken)
    {
        List<string> events = [];
        do
        {
            if (!await reader.IsDBNullAsync(3, cancellationToken).ConfigureAwait(false))
            {
                events.Add(reader.GetString(3));
            }
        }
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false));

        if (events.Count == 0)
        {
            return stored;
        }

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
