using CreatorMarketplace.Serialization;
using NodaTime;

namespace CreatorMarketplace.Storage.Relational;

// The outbox table: rows written by the repositories' saves, read and marked by a dispatcher.
internal sealed class RelationalOutbox(RelationalDatabase database) : IOutbox
{
    private readonly string _readPending = $"""
        SELECT sequence, event_id, aggregate, aggregate_id, aggregate_version, event_type, {database.Text("payload")} FROM {database.Table("outbox")}
        WHERE delivered_at IS NULL ORDER BY sequence LIMIT @max;
        """;

    private readonly string _markDelivered = $"UPDATE {database.Table("outbox")} SET delivered_at = @at WHERE event_id = @id AND delivered_at IS NULL;";

    public async ValueTask<IReadOnlyList<OutboxMessage>> ReadPendingAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null, _readPending, ("max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var messages = new List<OutboxMessage>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            messages.Add(new OutboxMessage(
                reader.GetGuid(1),
                reader.GetInt64(0),
                reader.GetString(2),
                reader.GetGuid(3),
                reader.GetInt64(4),
                DomainEventJson.Read(reader.GetString(5), reader.GetString(6))));
        }

        return messages;
    }

    public async ValueTask MarkDeliveredAsync(IReadOnlyCollection<Guid> eventIds, Instant deliveredAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        if (eventIds.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await database.ExecuteEachAsync(
            connection,
            transaction,
            _markDelivered,
            eventIds.Select(id => new (string, object?)[] { ("at", deliveredAt), ("id", id) }),
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
