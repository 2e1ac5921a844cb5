using System.Diagnostics.Metrics;

namespace CreatorMarketplace;

// Core's one ActivitySource and Meter, and the instruments of Core's own work: the outbox dispatcher, the catalog
// follower and the in-memory catalog's compactions. The search and store instruments, which the SQL packages share,
// are made from Package where they are used.
internal static class CoreTelemetry
{
    public static PackageTelemetry Package { get; } = new(CreatorMarketplaceTelemetry.Core);

    public static Counter<long> OutboxDelivered { get; } =
        Package.Meter.CreateCounter<long>("creator_marketplace.outbox.delivered", "{event}", "Outbox events the publisher took and the outbox marked delivered.");

    public static Counter<long> OutboxFailed { get; } =
        Package.Meter.CreateCounter<long>("creator_marketplace.outbox.failed", "{event}", "Attempts to publish an outbox event that the publisher refused.");

    public static Counter<long> OutboxDeadLettered { get; } =
        Package.Meter.CreateCounter<long>("creator_marketplace.outbox.dead_lettered", "{event}", "Outbox events moved to the dead letters after their last refused attempt.");

    public static Counter<long> FollowerApplied { get; } =
        Package.Meter.CreateCounter<long>("creator_marketplace.follower.applied", "{change}", "Changes of the store's change feed a catalog follower applied to its catalog.");

    public static Histogram<double> CatalogCompactionDuration { get; } =
        Package.Meter.CreateHistogram<double>("creator_marketplace.catalog.compaction.duration", "s", "How long a compaction of an in-memory catalog held its writers' lock.");

    public static Counter<long> CatalogCompactionDroppedRows { get; } =
        Package.Meter.CreateCounter<long>("creator_marketplace.catalog.compaction.dropped_rows", "{row}", "Retired rows (earlier versions and removed creators) compactions of an in-memory catalog let go of.");
}
