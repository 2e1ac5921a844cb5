using CreatorMarketplace.Storage;
using Npgsql;

namespace CreatorMarketplace.Hosting.Instance;

/// <summary>
/// The instance's outbox publisher: records each delivery in the fleet's delivery table (<see cref="DeliveryTable"/>)
/// before it returns, so that what was delivered outlives the process.
/// </summary>
internal sealed class DeliveryRecorder(DeliveryRecorder.Table table) : IOutboxPublisher
{
    /// <inheritdoc />
    public async ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var command = table.DataSource.CreateCommand(DeliveryTable.Insert(table.Schema));
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = message.EventId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = message.AggregateId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = message.AggregateVersion });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = message.Sequence });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table.Instance });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Where the deliveries go: a data source of their own, the store's schema and the instance's name.</summary>
    internal sealed record Table(NpgsqlDataSource DataSource, string Schema, string Instance);
}
