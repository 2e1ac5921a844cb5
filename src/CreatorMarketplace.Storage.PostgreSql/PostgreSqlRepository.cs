using CreatorMarketplace.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace CreatorMarketplace.Storage.PostgreSql;

// One aggregate's rows in the aggregates table, keyed by the aggregate's name and id.
internal sealed class PostgreSqlRepository<TAggregate, TId, TSnapshot> : IRepository<TAggregate, TId>
    where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
    where TId : struct, IEntityId<TId>
    where TSnapshot : class
{
    private readonly PostgreSqlMarketplaceStore _store;
    private readonly SnapshotSchema<TSnapshot> _schema;

    public PostgreSqlRepository(PostgreSqlMarketplaceStore store, SnapshotSchema<TSnapshot> schema)
    {
        _store = store;
        _schema = schema;
    }

    public async ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default)
    {
        if (id.Equals(default(TId)))
        {
            return null; // no aggregate has a default id
        }

        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT version, schema_version, document::text FROM {_store.Table("aggregates")} WHERE kind = @kind AND id = @id;", connection);
        command.Parameters.AddWithValue("kind", _schema.Aggregate);
        command.Parameters.AddWithValue("id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return _schema.Restore<TAggregate>(reader.GetString(2), reader.GetInt32(1), reader.GetInt64(0));
    }

    public async ValueTask<SaveResult> SaveAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);

        // Everything that can fail on our side fails before the transaction starts.
        var document = _schema.Write(aggregate.ToSnapshot());
        var events = aggregate.PendingEvents.Select(e => (Written: DomainEventJson.Write(e), At: e.OccurredAt.ToDateTimeUtc())).ToArray();
        var expected = aggregate.Version;
        var version = expected + 1;

        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var write = new NpgsqlCommand(
            expected == 0
                ? $"""
                  INSERT INTO {_store.Table("aggregates")} (kind, id, version, schema_version, document)
                  VALUES (@kind, @id, 1, @schema, @document) ON CONFLICT (kind, id) DO NOTHING;
                  """
                : $"""
                  UPDATE {_store.Table("aggregates")} SET version = version + 1, schema_version = @schema, document = @document
                  WHERE kind = @kind AND id = @id AND version = @expected;
                  """,
            connection,
            transaction))
        {
            write.Parameters.AddWithValue("kind", _schema.Aggregate);
            write.Parameters.AddWithValue("id", aggregate.Id.Value);
            write.Parameters.AddWithValue("schema", _schema.Version);
            write.Parameters.AddWithValue("document", NpgsqlDbType.Json, document);
            write.Parameters.AddWithValue("expected", expected);
            if (await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return new Conflict(_schema.Aggregate, aggregate.Id.Value, expected, await StoredVersionAsync(connection, aggregate.Id.Value, cancellationToken).ConfigureAwait(false));
            }
        }

        if (events.Length > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var (written, at) in events)
            {
                var insert = new NpgsqlBatchCommand(
                    $"""
                    INSERT INTO {_store.Table("outbox")} (event_id, aggregate, aggregate_id, aggregate_version, event_type, payload, occurred_at)
                    VALUES (@eventId, @aggregate, @aggregateId, @version, @type, @payload, @occurredAt);
                    """);
                insert.Parameters.AddWithValue("eventId", Guid.NewGuid());
                insert.Parameters.AddWithValue("aggregate", _schema.Aggregate);
                insert.Parameters.AddWithValue("aggregateId", aggregate.Id.Value);
                insert.Parameters.AddWithValue("version", version);
                insert.Parameters.AddWithValue("type", written.TypeName);
                insert.Parameters.AddWithValue("payload", NpgsqlDbType.Json, written.Json);
                insert.Parameters.AddWithValue("occurredAt", at);
                batch.BatchCommands.Add(insert);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        aggregate.MarkStored(version);
        return new Saved(version, events.Length);
    }

    private async ValueTask<long> StoredVersionAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT version FROM {_store.Table("aggregates")} WHERE kind = @kind AND id = @id;", connection);
        command.Parameters.AddWithValue("kind", _schema.Aggregate);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long stored ? stored : 0;
    }
}
