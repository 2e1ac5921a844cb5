using CreatorMarketplace;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpenTelemetry;

/// <summary>
/// Adds the library's spans and instruments to OpenTelemetry: every <see cref="System.Diagnostics.ActivitySource"/>
/// and <see cref="System.Diagnostics.Metrics.Meter"/> named in <see cref="CreatorMarketplaceTelemetry.Names"/>, one
/// of each per package.
/// </summary>
public static class CreatorMarketplaceInstrumentation
{
    /// <summary>Listens to the library's spans: searches, saves and loads, outbox passes, TikTok and YouTube requests.</summary>
    /// <param name="builder">The tracer provider's builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static TracerProviderBuilder AddCreatorMarketplaceInstrumentation(this TracerProviderBuilder builder) =>
        (builder ?? throw new ArgumentNullException(nameof(builder))).AddSource([.. CreatorMarketplaceTelemetry.Names]);

    /// <summary>Listens to the library's instruments: search, store, ledger, outbox, follower and connector.</summary>
    /// <param name="builder">The meter provider's builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static MeterProviderBuilder AddCreatorMarketplaceInstrumentation(this MeterProviderBuilder builder) =>
        (builder ?? throw new ArgumentNullException(nameof(builder))).AddMeter([.. CreatorMarketplaceTelemetry.Names]);
}
