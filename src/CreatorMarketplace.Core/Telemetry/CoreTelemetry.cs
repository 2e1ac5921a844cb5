using System.Diagnostics.Metrics;
using CreatorMarketplace.Storage;
using NodaTime;

namespace CreatorMarketplace;

// Core's one ActivitySource and Meter, and the instruments of Core's own work: the outbox dispatcher and the catalog
// follower. The search and store instruments, which the SQL packages share, are made from Package where they are used.
internal static class CoreTelemetry
{
    public static PackageTelemetry Package { get; } = new(CreatorMarketplaceTelemetry.Core);

    public static Counter<long> OutboxDelivered { get; } =
        Package.Meter.CreateCounter<long>("creator_marketplace.outbox.delivered", "{event}", "Outbox events the publisher took and the outbox marked delivered.");

    public static Counter<long> OutboxFailed { get; } =
        Package.Meter.CreateCounter<long>("creator_marketplace.outbox.failed", "{event}", "Attempts to publish an outbox event that the publisher refused.");

    public static Counter<long> OutboxDeadLettered { get; } =
        Package.Meter.CreateCounter<long>("creator_marketplace.outbox.dead_lettered", "{event}", "Outbox events moved to the dead letters after their last refused attempt.");

    // The outbox's backlog as the last dispatch pass in this process read it (a pass reads it only while someone
    // observes these gauges), with the clock that ages its oldest event when observed.
    private static OutboxReading? _outbox;

    public static ObservableGauge<long> OutboxPending { get; } = Package.Meter.CreateObservableGauge(
        "creator_marketplace.outbox.pending",
        () => Volatile.Read(ref _outbox) is { } outbox ? [new Measurement<long>(outbox.Backlog.Pending)] : Array.Empty<Measurement<long>>(),
        "{event}",
        "Outbox events neither delivered nor dead-lettered, as the last dispatch pass read them.");

    public static ObservableGauge<long> OutboxDeadLetters { get; } = Package.Meter.CreateObservableGauge(
        "creator_marketplace.outbox.dead_letters",
        () => Volatile.Read(ref _outbox) is { } outbox ? [new Measurement<long>(outbox.Backlog.DeadLettered)] : Array.Empty<Measurement<long>>(),
        "{event}",
        "Dead-lettered outbox events waiting to be retried, as the last dispatch pass read them.");

    public static ObservableGauge<double> OutboxOldestPendingAge { get; } = Package.Meter.CreateObservableGauge(
        "creator_marketplace.outbox.oldest_pending.age",
        () => Volatile.Read(ref _outbox) is { } outbox
            ? [new Measurement<double>(outbox.Backlog.AgeAt(outbox.Clock.GetCurrentInstant()).TotalSeconds)]
            : Array.Empty<Measurement<double>>(),
        "s",
        "How long the oldest pending outbox event has waited, by the last dispatch pass's reading; 0 when none is pending.");

    /// <summary>Whether a listener observes the backlog gauges, so that a dispatch pass reads the backlog for them.</summary>
    public static bool OutboxBacklogObserved => OutboxPending.Enabled || OutboxDeadLetters.Enabled || OutboxOldestPendingAge.Enabled;

    public static void ObserveOutbox(OutboxBacklog backlog, IClock clock) => Volatile.Write(ref _outbox, new OutboxReading(backlog, clock));

    public static Counter<long> FollowerApplied { get; } =
        Package.Meter.CreateCounter<long>("creator_marketplace.follower.applied", "{change}", "Changes of the store's change feed a catalog follower applied to its catalog.");

    private sealed record OutboxReading(OutboxBacklog Backlog, IClock Clock);
}
