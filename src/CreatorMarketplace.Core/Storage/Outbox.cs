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
    /// <summary>
    /// Who saved the aggregate, when a store opened for them saved it (<see cref="ActorStore"/>): who signed or amended
    /// a contract, who changed a campaign. Null for a save through the store itself, and for an event stored before
    /// the store recorded who acted (unknown).
    /// </summary>
    public ActorId? ActedBy { get; init; }

    /// <summary>When the event happened.</summary>
    public Instant OccurredAt => Event.OccurredAt;
}

/// <summary>
/// A store's outbox: the domain events its saves wrote, waiting to be delivered. <see cref="OutboxDispatcher"/>
/// reads it, marks what it delivered and records what its publisher refused.
/// </summary>
/// <remarks>
/// An event is pending until it is delivered or dead-lettered. Each refused delivery is recorded (an attempt and the
/// exception's type); the attempt that reaches the dispatcher's limit dead-letters the event: it is no longer pending,
/// so later events flow again, and it stays readable (<see cref="ReadDeadLettersAsync"/>) until it is put back
/// (<see cref="RetryDeadLetterAsync"/>, <see cref="RetryAllDeadLettersAsync"/>). Nothing is dropped. The change feed
/// reads every event by position whatever its delivery state.
/// </remarks>
public interface IOutbox
{
    /// <summary>Reads pending events (neither delivered nor dead-lettered), oldest first.</summary>
    /// <param name="max">The most to read; at least 1.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Up to <paramref name="max"/> pending events in sequence order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is less than 1.</exception>
    ValueTask<IReadOnlyList<OutboxMessage>> ReadPendingAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Marks events delivered, so that they are not read again. Ids already marked or unknown are ignored.</summary>
    /// <param name="eventIds">The delivered events' ids.</param>
    /// <param name="deliveredAt">When they were delivered.</param>
    /// <param name="cancellationToken">Cancels the mark; events not marked are delivered again later.</param>
    /// <returns>A task that completes when the marks are stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="eventIds"/> is null.</exception>
    ValueTask MarkDeliveredAsync(IReadOnlyCollection<Guid> eventIds, Instant deliveredAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that a pending event's delivery failed, and dead-letters it when this is attempt
    /// <paramref name="maxAttempts"/> (or later). An event not pending (delivered, dead-lettered or unknown) is left as it is.
    /// </summary>
    /// <param name="eventId">The event.</param>
    /// <param name="errorType">What was thrown, as <see cref="OutboxDeadLetter.ErrorTypeOf"/> names it: a type's name, never its message.</param>
    /// <param name="failedAt">When the attempt failed; the time the event is dead-lettered at.</param>
    /// <param name="maxAttempts">How many attempts dead-letter an event; at least 1.</param>
    /// <param name="cancellationToken">Cancels the record.</param>
    /// <returns>Whether this attempt dead-lettered the event.</returns>
    /// <exception cref="ArgumentException"><paramref name="errorType"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAttempts"/> is less than 1.</exception>
    ValueTask<bool> RecordFailedAttemptAsync(Guid eventId, string errorType, Instant failedAt, int maxAttempts, CancellationToken cancellationToken = default);

    /// <summary>Reads dead-lettered events, oldest first, with their attempts and last error.</summary>
    /// <param name="max">The most to read; at least 1.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Up to <paramref name="max"/> dead letters in sequence order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is less than 1.</exception>
    ValueTask<IReadOnlyList<OutboxDeadLetter>> ReadDeadLettersAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Puts a dead-lettered event back to pending, its attempts counted from 0 again.</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="cancellationToken">Cancels the retry.</param>
    /// <returns>Whether the event was dead-lettered (and is now pending).</returns>
    ValueTask<bool> RetryDeadLetterAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>Puts every dead-lettered event back to pending, their attempts counted from 0 again.</summary>
    /// <param name="cancellationToken">Cancels the retry.</param>
    /// <returns>How many events were put back.</returns>
    ValueTask<int> RetryAllDeadLettersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads how much is waiting: the pending and dead-lettered events and when the oldest pending one happened, for
    /// health checks and gauges. A database store reads it from its indexes of pending and dead-lettered rows, never
    /// the delivered ones, so it costs what waits, not the outbox's history.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The backlog, read at about one moment (the counts and the oldest event may be one save apart).</returns>
    ValueTask<OutboxBacklog> ReadBacklogAsync(CancellationToken cancellationToken = default);
}

/// <summary>What waits in an outbox (<see cref="IOutbox.ReadBacklogAsync"/>).</summary>
/// <param name="Pending">How many events are pending: neither delivered nor dead-lettered.</param>
/// <param name="DeadLettered">How many events are dead-lettered, waiting for someone to retry them.</param>
/// <param name="OldestPendingAt">When the oldest pending event happened (<see cref="OutboxMessage.OccurredAt"/>); null when none is pending.</param>
public sealed record OutboxBacklog(long Pending, long DeadLettered, Instant? OldestPendingAt)
{
    /// <summary>An outbox with nothing waiting.</summary>
    public static OutboxBacklog Empty { get; } = new(0, 0, null);

    /// <summary>How long the oldest pending event has waited at <paramref name="now"/>; zero when none is pending.</summary>
    /// <param name="now">The time now, from the clock.</param>
    /// <returns>The age of the backlog.</returns>
    public Duration AgeAt(Instant now) => OldestPendingAt is { } oldest && oldest < now ? now - oldest : Duration.Zero;
}

/// <summary>
/// An event whose publisher refused it as many times as the dispatcher allows: no longer pending, kept until it is
/// retried.
/// </summary>
/// <param name="Message">The event.</param>
/// <param name="Attempts">How many deliveries failed.</param>
/// <param name="LastErrorType">The full name of the type of the last exception the publisher threw. Its message is not
/// kept: a publisher's exception may quote a connection string, a token or personal data, and a stored column outlives
/// the redaction of a log.</param>
/// <param name="DeadLetteredAt">When the last attempt failed.</param>
public sealed record OutboxDeadLetter(OutboxMessage Message, int Attempts, string LastErrorType, Instant DeadLetteredAt)
{
    /// <summary>The most characters of an error type an outbox keeps.</summary>
    public const int MaxErrorTypeLength = 200;

    /// <summary>How an outbox records what a publisher threw: the full name of its type, cut to <see cref="MaxErrorTypeLength"/>.</summary>
    /// <param name="exception">What was thrown.</param>
    /// <returns>The type's name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public static string ErrorTypeOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var name = exception.GetType().FullName ?? exception.GetType().Name;
        return name.Length <= MaxErrorTypeLength ? name : name[..MaxErrorTypeLength];
    }
}

/// <summary>
/// Where <see cref="OutboxDispatcher"/> delivers events: a message bus, a webhook sender, an in-process handler.
/// Delivery is at least once, so an implementation ignores an <see cref="OutboxMessage.EventId"/> it has seen.
/// </summary>
public interface IOutboxPublisher
{
    /// <summary>Delivers one event; throwing leaves it undelivered, to be tried again (or dead-lettered after the dispatcher's last attempt).</summary>
    /// <param name="message">The event.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes when the event is delivered.</returns>
    ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken);
}
