using NodaTime;

namespace CreatorMarketplace.Storage;

/// <summary>
/// A domain event as its store keeps it in the outbox: written in the same transaction as the aggregate that
/// raised it, and delivered at least once.
/// </summary>
/// <param name="EventId">The event's id, the same on every delivery: handlers use it to ignore a repeat.</param>
/// <param name="Sequence">The event's place in the store's outbox, from 1; later saves have higher numbers.</param>
/// <param name="Aggregate">The type name of the aggregate that raised it, for example <c>Contract</c>.</param>
/// <param name="AggregateId">That aggregate's id.</param>
/// <param name="AggregateVersion">The version the save that stored the event gave the aggregate.</param>
/// <param name="Event">The event.</param>
public sealed record OutboxMessage(Guid EventId, long Sequence, string Aggregate, Guid AggregateId, long AggregateVersion, IDomainEvent Event)
{
    /// <summary>When the event happened.</summary>
    public Instant OccurredAt => Event.OccurredAt;
}

/// <summary>
/// A store's outbox: the domain events its saves wrote, waiting to be delivered. <see cref="OutboxDispatcher"/>
/// reads it and marks what it delivered.
/// </summary>
public interface IOutbox
{
    /// <summary>Reads undelivered events, oldest first.</summary>
    /// <param name="max">The most to read; at least 1.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Up to <paramref name="max"/> undelivered events in sequence order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is less than 1.</exception>
    ValueTask<IReadOnlyList<OutboxMessage>> ReadPendingAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Marks events delivered, so that they are not read again. Ids already marked or unknown are ignored.</summary>
    /// <param name="eventIds">The delivered events' ids.</param>
    /// <param name="deliveredAt">When they were delivered.</param>
    /// <param name="cancellationToken">Cancels the mark; events not marked are delivered again later.</param>
    /// <returns>A task that completes when the marks are stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="eventIds"/> is null.</exception>
    ValueTask MarkDeliveredAsync(IReadOnlyCollection<Guid> eventIds, Instant deliveredAt, CancellationToken cancellationToken = default);
}

/// <summary>
/// Where <see cref="OutboxDispatcher"/> delivers events: a message bus, a webhook sender, an in-process handler.
/// Delivery is at least once, so an implementation ignores an <see cref="OutboxMessage.EventId"/> it has seen.
/// </summary>
public interface IOutboxPublisher
{
    /// <summary>Delivers one event; throwing leaves it undelivered, to be tried again.</summary>
    /// <param name="message">The event.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes when the event is delivered.</returns>
    ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken);
}
