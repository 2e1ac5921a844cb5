using CreatorMarketplace.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CreatorMarketplace.DependencyInjection;

// The hosted outbox dispatcher (AddOutboxDispatcher). It waits for the store's outbox lease, trying again every
// polling interval; while it holds the lease it runs a pass whenever the change feed says a change came after the
// head it last saw, or the polling interval passed, and backs off (doubling from MinBackoff to MaxBackoff) after a
// failure. It stops delivering the moment the lease is lost, cancelling the publish under way, and goes back to
// waiting for the lease. Stopping the host cancels the publish under way; the pass marks what the publisher took,
// and the lease is released.
internal sealed partial class OutboxDispatcherService(
    IMarketplaceStore store,
    IOutboxPublisher publisher,
    IClock clock,
    TimeProvider time,
    IOptions<OutboxDispatcherOptions> options,
    ILogger<OutboxDispatcherService> logger,
    ILogger<OutboxDispatcher>? dispatcherLogger = null) : BackgroundService
{
    private readonly OutboxDispatcherOptions _options = options.Value;

    private readonly OutboxDispatcher _dispatcher = new(store.Outbox, publisher, clock, options.Value.BatchSize, options.Value.MaxAttempts, dispatcherLogger);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await using var held = await TryAcquireAsync(stoppingToken).ConfigureAwait(false);
                if (held is null)
                {
                    await Task.Delay(_options.PollingInterval, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                Log.LeaseTaken(logger);
                using var delivering = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, held.Lost);
                try
                {
                    await DeliverAsync(delivering.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (held.Lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                    Log.LeaseLost(logger);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask<IHeldLease?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await store.OutboxLease.TryAcquireAsync(_options.LeaseRenewalInterval, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An unreachable store: tried again after the polling interval.
            Log.LeaseUnavailable(logger, exception);
            return null;
        }
    }

    // Runs until cancelled: the host stops or the lease is lost.
    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        var backoff = _options.MinBackoff;
        while (true)
        {
            DispatchReport report;
            long head;
            try
            {
                head = await store.Changes.HeadAsync(cancellationToken).ConfigureAwait(false);
                report = await _dispatcher.DispatchPendingAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.PassFailed(logger, exception, backoff);
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                backoff = Next(backoff);
                continue;
            }

            if (report.DeadLettered > 0)
            {
                Log.DeadLettered(logger, report.DeadLettered, _options.MaxAttempts);
            }

            if (report.Failure is { } failure)
            {
                Log.PublishFailed(logger, failure.Exception, failure.Message.EventId, failure.Message.Sequence, backoff);
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                backoff = Next(backoff);
                continue;
            }

            backoff = _options.MinBackoff;
            try
            {
                await store.Changes.WaitAsync(head, _options.PollingInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The store failed while the dispatcher waited, which is most of its time: as a failed pass.
                Log.WaitFailed(logger, exception, backoff);
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                backoff = Next(backoff);
            }
        }
    }

    private TimeSpan Next(TimeSpan backoff) => backoff >= _options.MaxBackoff / 2 ? _options.MaxBackoff : backoff * 2;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Took the outbox lease; delivering the outbox")]
        public static partial void LeaseTaken(ILogger logger);

        [LoggerMessage(2, LogLevel.Warning, "Lost the outbox lease; stopped delivering, waiting to take it again")]
        public static partial void LeaseLost(ILogger logger);

        [LoggerMessage(3, LogLevel.Warning, "Could not try for the outbox lease; trying again")]
        public static partial void LeaseUnavailable(ILogger logger, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "An outbox pass failed; trying again in {Backoff}")]
        public static partial void PassFailed(ILogger logger, Exception exception, TimeSpan backoff);

        [LoggerMessage(5, LogLevel.Warning, "The publisher refused event {EventId} at position {Position}; trying again in {Backoff}")]
        public static partial void PublishFailed(ILogger logger, Exception exception, Guid eventId, long position, TimeSpan backoff);

        [LoggerMessage(6, LogLevel.Error, "Dead-lettered {Count} outbox event(s) refused {MaxAttempts} times; read them with IOutbox.ReadDeadLettersAsync and put them back with RetryDeadLetterAsync")]
        public static partial void DeadLettered(ILogger logger, int count, int maxAttempts);

        [LoggerMessage(7, LogLevel.Warning, "Waiting for the outbox's next change failed; trying again in {Backoff}")]
        public static partial void WaitFailed(ILogger logger, Exception exception, TimeSpan backoff);
    }
}
