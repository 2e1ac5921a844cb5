using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Relational;

// One aggregate's rows in the aggregates table, keyed by the aggregate's name and id. A save writes the document
// under a version check and the events to the outbox in one transaction.
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

    public RelationalRepository(RelationalDatabase database, SnapshotSchema<TSnapshot> schema)
    {
        _database = database;
        _schema = schema;
        var aggregates = database.Table("aggregates");
        _find = $"SELECT version, schema_version, {database.Text("document")} FROM {aggregates} WHERE kind = @kind AND id = @id;";
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
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.Command(connection, null, _find, ("kind", _schema.Aggregate), ("id", id.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var snapshot = _schema.Read(reader.GetString(2), reader.GetInt32(1));
        return TAggregate.FromSnapshot(snapshot, reader.GetInt64(0));
    }

    public async ValueTask<SaveResult> SaveAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);

        // Everything that can fail on our side fails before the transaction starts.
        var document = new StoredDocument(_schema.Write(aggregate.ToSnapshot()));
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
}

// Makes a relational store's repositories, each with its aggregate's stored form.
internal sealed class RelationalRepositories(RelationalDatabase database, StoredFormats formats) : IRepositoryFactory
{
    public IRepository<TAggregate, TId> Create<TAggregate, TId, TSnapshot>()
        where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
        where TId : struct, IEntityId<TId>
        where TSnapshot : class =>
        new RelationalRepository<TAggregate, TId, TSnapshot>(database, SchemaOf<TSnapshot>());

    // The formats' schema of this snapshot: StoredFormats holds one property per aggregate, so this finds a new one too.
    private SnapshotSchema<TSnapshot> SchemaOf<TSnapshot>()
        where TSnapshot : class =>
        (SnapshotSchema<TSnapshot>)typeof(StoredFormats).GetProperties()
            .Single(property => property.PropertyType == typeof(SnapshotSchema<TSnapshot>))
            .GetValue(formats)!;
}
