using CreatorMarketplace;

namespace OpenTelemetry.Metrics;

/// <summary>Adds the library's instruments to an OpenTelemetry meter provider.</summary>
public static class CreatorMarketplaceMeterProviderBuilderExtensions
{
    /// <summary>
    /// Listens to every <see cref="System.Diagnostics.Metrics.Meter"/> of the library's packages
    /// (<see cref="CreatorMarketplaceTelemetry.Names"/>): search, store, ledger, outbox, follower and connector
    /// instruments.
    /// </summary>
    /// <param name="builder">The meter provider's builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static MeterProviderBuilder AddCreatorMarketplaceInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter([.. CreatorMarketplaceTelemetry.Names]);
    }
}
