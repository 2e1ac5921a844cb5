using System.Diagnostics.Metrics;
using NodaTime;

namespace CreatorMarketplace.Storage;

// The outbox's backlog gauges, on Core's meter: the kernel's CoreTelemetry holds no storage type.
internal static class OutboxTelemetry
{
    // The outbox's backlog as the last dispatch pass in this process read it (a pass reads it only while someone
    // observes these gauges), with the clock that ages its oldest event when observed.
    private static OutboxReading? _outbox;

    public static ObservableGauge<long> OutboxPending { get; } = CoreTelemetry.Package.Meter.CreateObservableGauge(
        "creator_marketplace.outbox.pending",
        () => Volatile.Read(ref _outbox) is { } outbox ? [new Measurement<long>(outbox.Backlog.Pending)] : Array.Empty<Measurement<long>>(),
        "{event}",
        "Outbox events neither delivered nor dead-lettered, as the last dispatch pass read them.");

    public static ObservableGauge<long> OutboxDeadLetters { get; } = CoreTelemetry.Package.Meter.CreateObservableGauge(
        "creator_marketplace.outbox.dead_letters",
        () => Volatile.Read(ref _outbox) is { } outbox ? [new Measurement<long>(outbox.Backlog.DeadLettered)] : Array.Empty<Measurement<long>>(),
        "{event}",
        "Dead-lettered outbox events waiting to be retried, as the last dispatch pass read them.");

    public static ObservableGauge<double> OutboxOldestPendingAge { get; } = CoreTelemetry.Package.Meter.CreateObservableGauge(
        "creator_marketplace.outbox.oldest_pending.age",
        () => Volatile.Read(ref _outbox) is { } outbox
            ? [new Measurement<double>(outbox.Backlog.AgeAt(outbox.Clock.GetCurrentInstant()).TotalSeconds)]
            : Array.Empty<Measurement<double>>(),
        "s",
        "How long the oldest pending outbox event has waited, by the last dispatch pass's reading; 0 when none is pending.");

    /// <summary>Whether a listener observes the backlog gauges, so that a dispatch pass reads the backlog for them.</summary>
    public static bool OutboxBacklogObserved => OutboxPending.Enabled || OutboxDeadLetters.Enabled || OutboxOldestPendingAge.Enabled;

    public static void ObserveOutbox(OutboxBacklog backlog, IClock clock) => Volatile.Write(ref _outbox, new OutboxReading(backlog, clock));

    private sealed record OutboxReading(OutboxBacklog Backlog, IClock Clock);
}
