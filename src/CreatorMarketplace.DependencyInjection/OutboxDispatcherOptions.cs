using CreatorMarketplace.Storage;

namespace CreatorMarketplace.DependencyInjection;

/// <summary>
/// How the hosted outbox dispatcher (<see cref="CreatorMarketplaceBuilder.AddOutboxDispatcher(Action{OutboxDispatcherOptions}?)"/>) delivers: checked
/// when the host starts, every problem named.
/// </summary>
public sealed class OutboxDispatcherOptions
{
    /// <summary>How many events a pass reads at a time; 100 unless set, from 1 to 10,000.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How many failed deliveries dead-letter an event; <see cref="OutboxDispatcher.DefaultMaxAttempts"/> (5) unless
    /// set, from 1 to 1,000.
    /// </summary>
    public int MaxAttempts { get; set; } = OutboxDispatcher.DefaultMaxAttempts;

    /// <summary>The wait after the first failure in a row; 1 second unless set, more than zero and at most <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait after a failure, each failure in a row doubling the last; 5 minutes unless set, at most a day.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the holder renews the outbox lease or checks that it still holds it
    /// (<see cref="IOutboxLease.TryAcquireAsync"/>); 10 seconds unless set, more than zero and at most an hour.
    /// </summary>
    public TimeSpan LeaseRenewalInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often an instance without the lease tries to take it, and how long the holder waits for a change before
    /// a pass of its own (which finds retried dead letters); 5 seconds unless set, from 1 millisecond to an hour.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks the options, naming every problem.</summary>
    /// <exception cref="DomainValidationException">An option is out of range.</exception>
    public void Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(BatchSize is >= 1 and <= 10_000, "batchSize", "outbox_dispatcher.batch_size_out_of_range", "a pass reads from 1 to 10,000 events at a time.");
        errors.Require(MaxAttempts is >= 1 and <= 1_000, "maxAttempts", "outbox_dispatcher.max_attempts_out_of_range", "an event is dead-lettered after 1 to 1,000 failed attempts.");
        errors.Require(MinBackoff > TimeSpan.Zero && MinBackoff <= MaxBackoff, "minBackoff", "outbox_dispatcher.min_backoff_out_of_range", "the shortest back-off is more than zero and at most the longest.");
        errors.Require(MaxBackoff <= TimeSpan.FromDays(1), "maxBackoff", "outbox_dispatcher.max_backoff_out_of_range", "the longest back-off is at most a day.");
        errors.Require(
            LeaseRenewalInterval > TimeSpan.Zero && LeaseRenewalInterval <= OutboxLease.MaxRenewalInterval,
            "leaseRenewalInterval",
            "outbox_dispatcher.lease_renewal_interval_out_of_range",
            "the lease's renewal interval is more than zero and at most an hour.");
        errors.Require(
            PollingInterval >= TimeSpan.FromMilliseconds(1) && PollingInterval <= TimeSpan.FromHours(1),
            "pollingInterval",
            "outbox_dispatcher.polling_interval_out_of_range",
            "the polling interval is at least a millisecond and at most an hour.");
        errors.ThrowIfAny("options");
    }
}
