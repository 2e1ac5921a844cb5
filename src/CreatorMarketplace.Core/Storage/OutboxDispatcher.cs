using System.Diagnostics;
using NodaTime;

namespace CreatorMarketplace.Storage;

/// <summary>
/// Delivers a store's outbox to a publisher, oldest first, at least once: an event is marked delivered only after
/// the publisher took it, so a crash or a failure between the two delivers it again, under the same
/// <see cref="OutboxMessage.EventId"/>.
/// </summary>
/// <remarks>
/// A publisher that throws stops the pass at that event, which stays pending with every event after it, so
/// events reach the publisher in order; the outbox records the failed attempt. The attempt that reaches
/// <c>maxAttempts</c> dead-letters the event instead (<see cref="IOutbox.ReadDeadLettersAsync"/>) and the pass goes
/// on with the next one, so one event the publisher keeps refusing holds up the others only for its attempts; a
/// retried dead letter is delivered late, after events that followed it. Run one dispatcher per outbox; two at once
/// deliver some events twice (the store's <see cref="IOutboxLease"/> lets instances take turns).
/// </remarks>
public sealed partial class OutboxDispatcher
{
    /// <summary>How many failed deliveries dead-letter an event unless a dispatcher is told otherwise.</summary>
    public const int DefaultMaxAttempts = 5;

    private const string DeliveredTag = "creator_marketplace.outbox.delivered";
    private const string DeadLetteredTag = "creator_marketplace.outbox.dead_lettered";

    private readonly IOutbox _outbox;
    private readonly IOutboxPublisher _publisher;
    private readonly IClock _clock;
    private readonly int _batchSize;
    private readonly int _maxAttempts;
    private readonly ILogger _logger;

    /// <summary>Creates a dispatcher.</summary>
    /// <param name="outbox">The outbox to read.</param>
    /// <param name="publisher">Where events go.</param>
    /// <param name="clock">Stamps deliveries and failed attempts.</param>
    /// <param name="batchSize">How many events to read at a time; 1 to 10,000.</param>
    /// <param name="maxAttempts">How many failed deliveries dead-letter an event; 1 to 1,000.</param>
    /// <param name="logger">Where deliveries and dead letters are logged (event ids, counts and error types only); none when null.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="logger"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> or <paramref name="maxAttempts"/> is out of range.</exception>
    public OutboxDispatcher(IOutbox outbox, IOutboxPublisher publisher, IClock clock, int batchSize = 100, int maxAttempts = DefaultMaxAttempts, ILogger<OutboxDispatcher>? logger = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, 10_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxAttempts, 1_000);
        _outbox = outbox;
        _publisher = publisher;
        _clock = clock;
        _batchSize = batchSize;
        _maxAttempts = maxAttempts;
    }

    // The backlog gauges' reading, one round trip after a pass, only while someone observes them. A failed reading
    // leaves the last one: the pass itself succeeded, and what it delivered stays delivered.
    private async ValueTask ObserveBacklogAsync(CancellationToken cancellationToken)
    {
        if (!OutboxTelemetry.OutboxBacklogObserved)
        {
            return;
        }

        try
        {
            OutboxTelemetry.ObserveOutbox(await _outbox.ReadBacklogAsync(cancellationToken).ConfigureAwait(false), _clock);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.BacklogUnread(_logger, exception.GetType().FullName ?? exception.GetType().Name);
        }
    }

    /// <summary>
    /// Delivers every pending event, batch by batch, until none is left or the publisher fails on an event short of its
    /// last attempt.
    /// </summary>
    /// <param name="cancellationToken">Cancels the pass; what was delivered and marked stays marked.</param>
    /// <returns>How many events were delivered and dead-lettered, and the failure that stopped the pass, if any.</returns>
    public async ValueTask<DispatchReport> DispatchPendingAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        var deadLettered = 0;
        using var activity = CoreTelemetry.Package.Source.StartActivity("creator_marketplace.outbox.dispatch");
        while (true)
        {
            var batch = await _outbox.ReadPendingAsync(_batchSize, cancellationToken).ConfigureAwait(false);
            var done = new List<Guid>(batch.Count);
            DispatchFailure? failure = null;
            try
            {
                foreach (var message in batch)
                {
                    try
                    {
                        await _publisher.PublishAsync(message, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        // Not cancellable: the attempt happened, and counting it is what ends a refusal at last.
                        CoreTelemetry.OutboxFailed.Add(1);
                        var errorType = OutboxDeadLetter.ErrorTypeOf(exception);
                        if (await _outbox.RecordFailedAttemptAsync(message.EventId, errorType, _clock.GetCurrentInstant(), _maxAttempts, CancellationToken.None).ConfigureAwait(false))
                        {
                            Log.DeadLettered(_logger, message.EventId, message.Sequence, message.Aggregate, message.AggregateId, _maxAttempts, errorType);
                            deadLettered++;
                            CoreTelemetry.OutboxDeadLettered.Add(1);
                            continue;
                        }

                        failure = new DispatchFailure(message, exception);
                        break;
                    }

                    done.Add(message.EventId);
                }
            }
            finally
            {
                if (done.Count > 0)
                {
                    // Not cancellable: the publisher already took these, and marking them now spares a repeat.
                    await _outbox.MarkDeliveredAsync(done, _clock.GetCurrentInstant(), CancellationToken.None).ConfigureAwait(false);
                    delivered += done.Count;
                    CoreTelemetry.OutboxDelivered.Add(done.Count);
                    Log.Delivered(_logger, done.Count);
                }
            }

            if (failure is not null || batch.Count < _batchSize)
            {
                activity?.SetTag(DeliveredTag, delivered);
                activity?.SetTag(DeadLetteredTag, deadLettered);
                if (failure is not null)
                {
                    activity?.SetStatus(ActivityStatusCode.Error);
                    activity?.SetTag(PackageTelemetry.ErrorType, OutboxDeadLetter.ErrorTypeOf(failure.Exception));
                }

                await ObserveBacklogAsync(cancellationToken).ConfigureAwait(false);
                return new DispatchReport(delivered, deadLettered, failure);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    // Core's event ids 1101 to 1199 (docs/observability.md); a refused attempt that does not dead-letter is the caller's
    // to log, with what it decides to do next (the hosted dispatcher's event 5).
    private static partial class Log
    {
        [LoggerMessage(1101, LogLevel.Debug, "Delivered {Count} outbox event(s)")]
        public static partial void Delivered(ILogger logger, int count);

        [LoggerMessage(1102, LogLevel.Warning, "Dead-lettered outbox event {EventId} at position {Position} ({Aggregate} {AggregateId}) after {MaxAttempts} refused attempt(s); the last threw {ErrorType}")]
        public static partial void DeadLettered(ILogger logger, Guid eventId, long position, string aggregate, Guid aggregateId, int maxAttempts, string errorType);

        [LoggerMessage(1103, LogLevel.Debug, "The outbox's backlog could not be read for its gauges; they keep the last reading. It threw {ErrorType}")]
        public static partial void BacklogUnread(ILogger logger, string errorType);
    }
}

/// <summary>What one dispatch pass did.</summary>
/// <param name="Delivered">How many events were delivered and marked.</param>
/// <param name="DeadLettered">How many events were dead-lettered, their last attempt failed.</param>
/// <param name="Failure">The delivery that failed and stopped the pass, or null when no pending event was left.</param>
public sealed record DispatchReport(int Delivered, int DeadLettered, DispatchFailure? Failure)
{
    /// <summary>Whether the pass left no pending event behind a failure (dead letters included, which are no longer pending).</summary>
    public bool Completed => Failure is null;
}

/// <summary>A delivery that failed short of its last attempt: the event stays pending and is tried again on the next pass.</summary>
/// <param name="Message">The event.</param>
/// <param name="Exception">What the publisher threw.</param>
public sealed record DispatchFailure(OutboxMessage Message, Exception Exception);
