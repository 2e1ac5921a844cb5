using NodaTime;

namespace CreatorMarketplace.Storage;

/// <summary>
/// Delivers a store's outbox to a publisher, oldest first, at least once: an event is marked delivered only after
/// the publisher took it, so a crash or a failure between the two delivers it again, under the same
/// <see cref="OutboxMessage.EventId"/>.
/// </summary>
/// <remarks>
/// A publisher that throws stops the pass at that event, which stays pending with every event after it, so
/// events reach the publisher in order. Run one dispatcher per outbox; two at once deliver some events twice.
/// </remarks>
public sealed class OutboxDispatcher
{
    private readonly IOutbox _outbox;
    private readonly IOutboxPublisher _publisher;
    private readonly IClock _clock;
    private readonly int _batchSize;

    /// <summary>Creates a dispatcher.</summary>
    /// <param name="outbox">The outbox to read.</param>
    /// <param name="publisher">Where events go.</param>
    /// <param name="clock">Stamps deliveries.</param>
    /// <param name="batchSize">How many events to read at a time; 1 to 10,000.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is out of range.</exception>
    public OutboxDispatcher(IOutbox outbox, IOutboxPublisher publisher, IClock clock, int batchSize = 100)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, 10_000);
        _outbox = outbox;
        _publisher = publisher;
        _clock = clock;
        _batchSize = batchSize;
    }

    /// <summary>Delivers every pending event, batch by batch, until none is left or the publisher fails.</summary>
    /// <param name="cancellationToken">Cancels the pass; what was delivered and marked stays marked.</param>
    /// <returns>How many events were delivered, and the failure that stopped the pass, if any.</returns>
    public async ValueTask<DispatchReport> DispatchPendingAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
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
                }
            }

            if (failure is not null || batch.Count < _batchSize)
            {
                return new DispatchReport(delivered, failure);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}

/// <summary>What one dispatch pass did.</summary>
/// <param name="Delivered">How many events were delivered and marked.</param>
/// <param name="Failure">The delivery that failed and stopped the pass, or null when the outbox was emptied.</param>
public sealed record DispatchReport(int Delivered, DispatchFailure? Failure)
{
    /// <summary>Whether every pending event was delivered.</summary>
    public bool Completed => Failure is null;
}

/// <summary>A delivery that failed: the event stays pending and is tried again on the next pass.</summary>
/// <param name="Message">The event.</param>
/// <param name="Exception">What the publisher threw.</param>
public sealed record DispatchFailure(OutboxMessage Message, Exception Exception);
