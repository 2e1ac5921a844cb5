using CreatorMarketplace.Serialization;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace CreatorMarketplace.Storage.Sqlite;

// The outbox table: rows written by the repositories' saves, read and marked by a dispatcher.
internal sealed class SqliteOutbox : IOutbox
{
    private readonly SqliteMarketplaceStore _store;

    public SqliteOutbox(SqliteMarketplaceStore store) => _store = store;

    public async ValueTask<IReadOnlyList<OutboxMessage>> ReadPendingAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            null,
            """
            SELECT sequence, event_id, aggregate, aggregate_id, aggregate_version, event_type, payload FROM outbox
            WHERE delivered_at IS NULL ORDER BY sequence LIMIT $max;
            """,
            ("$max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var messages = new List<OutboxMessage>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            messages.Add(new OutboxMessage(
                Guid.Parse(reader.GetString(1)),
                reader.GetInt64(0),
                reader.GetString(2),
                Guid.Parse(reader.GetString(3)),
                reader.GetInt64(4),
                DomainEventJson.Read(reader.GetString(5), reader.GetString(6))));
        }

        return messages;
    }

    public async ValueTask MarkDeliveredAsync(IReadOnlyCollection<Guid> eventIds, Instant deliveredAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in eventIds)
        {
            await using var command = connection.Command(
                transaction,
                "UPDATE outbox SET delivered_at = $at WHERE event_id = $id AND delivered_at IS NULL;",
                ("$at", SqliteCommands.Text(deliveredAt)),
                ("$id", SqliteCommands.Text(id)));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
