using CreatorMarketplace;

namespace OpenTelemetry.Trace;

/// <summary>Adds the library's spans to an OpenTelemetry tracer provider.</summary>
public static class CreatorMarketplaceTracerProviderBuilderExtensions
{
    /// <summary>
    /// Listens to every <see cref="System.Diagnostics.ActivitySource"/> of the library's packages
    /// (<see cref="CreatorMarketplaceTelemetry.Names"/>): searches, saves and loads, outbox passes, TikTok requests.
    /// </summary>
    /// <param name="builder">The tracer provider's builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static TracerProviderBuilder AddCreatorMarketplaceInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource([.. CreatorMarketplaceTelemetry.Names]);
    }
}
