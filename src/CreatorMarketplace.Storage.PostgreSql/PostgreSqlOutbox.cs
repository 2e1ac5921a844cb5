using CreatorMarketplace.Serialization;
using NodaTime;
using Npgsql;

namespace CreatorMarketplace.Storage.PostgreSql;

// The outbox table: rows written by the repositories' saves, read and marked by a dispatcher.
internal sealed class PostgreSqlOutbox : IOutbox
{
    private readonly PostgreSqlMarketplaceStore _store;

    public PostgreSqlOutbox(PostgreSqlMarketplaceStore store) => _store = store;

    public async ValueTask<IReadOnlyList<OutboxMessage>> ReadPendingAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT sequence, event_id, aggregate, aggregate_id, aggregate_version, event_type, payload::text FROM {_store.Table("outbox")}
            WHERE delivered_at IS NULL ORDER BY sequence LIMIT @max;
            """,
            connection);
        command.Parameters.AddWithValue("max", max);
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

        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"UPDATE {_store.Table("outbox")} SET delivered_at = @at WHERE event_id = ANY(@ids) AND delivered_at IS NULL;",
            connection);
        command.Parameters.AddWithValue("at", deliveredAt.ToDateTimeUtc());
        command.Parameters.AddWithValue("ids", eventIds.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
