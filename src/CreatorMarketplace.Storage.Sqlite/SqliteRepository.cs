using System.Globalization;
using CreatorMarketplace.Serialization;
using Microsoft.Data.Sqlite;

namespace CreatorMarketplace.Storage.Sqlite;

// One aggregate's rows in the aggregates table, keyed by the aggregate's name and id.
internal sealed class SqliteRepository<TAggregate, TId, TSnapshot> : IRepository<TAggregate, TId>
    where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
    where TId : struct, IEntityId<TId>
    where TSnapshot : class
{
    private readonly SqliteMarketplaceStore _store;
    private readonly SnapshotSchema<TSnapshot> _schema;

    public SqliteRepository(SqliteMarketplaceStore store, SnapshotSchema<TSnapshot> schema)
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
        await using var command = connection.Command(
            null,
            "SELECT version, schema_version, document FROM aggregates WHERE kind = $kind AND id = $id;",
            ("$kind", _schema.Aggregate),
            ("$id", SqliteCommands.Text(id.Value)));
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
        var events = aggregate.PendingEvents.Select(DomainEventJson.Write).ToArray();
        var occurred = aggregate.PendingEvents.Select(e => SqliteCommands.Text(e.OccurredAt)).ToArray();
        var id = SqliteCommands.Text(aggregate.Id.Value);
        var expected = aggregate.Version;
        var version = expected + 1;

        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var written = expected == 0
            ? await InsertAsync(connection, transaction, id, document, cancellationToken).ConfigureAwait(false)
            : await UpdateAsync(connection, transaction, id, expected, document, cancellationToken).ConfigureAwait(false);
        if (!written)
        {
            var stored = await StoredVersionAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
            return new Conflict(_schema.Aggregate, aggregate.Id.Value, expected, stored);
        }

        for (var i = 0; i < events.Length; i++)
        {
            await using var insert = connection.Command(
                transaction,
                """
                INSERT INTO outbox (event_id, aggregate, aggregate_id, aggregate_version, event_type, payload, occurred_at)
                VALUES ($eventId, $aggregate, $aggregateId, $version, $type, $payload, $occurredAt);
                """,
                ("$eventId", SqliteCommands.Text(Guid.NewGuid())),
                ("$aggregate", _schema.Aggregate),
                ("$aggregateId", id),
                ("$version", version),
                ("$type", events[i].TypeName),
                ("$payload", events[i].Json),
                ("$occurredAt", occurred[i]));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        aggregate.MarkStored(version);
        return new Saved(version, events.Length);
    }

    private async ValueTask<bool> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, string id, string document, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            transaction,
            """
            INSERT INTO aggregates (kind, id, version, schema_version, document) VALUES ($kind, $id, 1, $schema, $document)
            ON CONFLICT (kind, id) DO NOTHING;
            """,
            ("$kind", _schema.Aggregate),
            ("$id", id),
            ("$schema", _schema.Version),
            ("$document", document));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async ValueTask<bool> UpdateAsync(SqliteConnection connection, SqliteTransaction transaction, string id, long expected, string document, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            transaction,
            """
            UPDATE aggregates SET version = version + 1, schema_version = $schema, document = $document
            WHERE kind = $kind AND id = $id AND version = $expected;
            """,
            ("$kind", _schema.Aggregate),
            ("$id", id),
            ("$expected", expected),
            ("$schema", _schema.Version),
            ("$document", document));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async ValueTask<long> StoredVersionAsync(SqliteConnection connection, SqliteTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            transaction,
            "SELECT version FROM aggregates WHERE kind = $kind AND id = $id;",
            ("$kind", _schema.Aggregate),
            ("$id", id));
        var stored = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return stored is null ? 0 : Convert.ToInt64(stored, CultureInfo.InvariantCulture);
    }
}
