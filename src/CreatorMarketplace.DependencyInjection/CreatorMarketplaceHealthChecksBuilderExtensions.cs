using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CreatorMarketplace.DependencyInjection;

/// <summary>Adds the library's health checks to an application's (<c>services.AddHealthChecks()</c>).</summary>
public static class CreatorMarketplaceHealthChecksBuilderExtensions
{
    /// <summary>The name of the check that the store answers.</summary>
    public const string StoreCheck = "creator-marketplace-store";

    /// <summary>The name of the check of the outbox's backlog age.</summary>
    public const string OutboxCheck = "creator-marketplace-outbox";

    /// <summary>The name of the check of the catalog follower's lag.</summary>
    public const string FollowerCheck = "creator-marketplace-follower";

    /// <summary>
    /// Adds three checks over what <c>AddCreatorMarketplace</c> registered: <see cref="StoreCheck"/>, healthy while the
    /// store answers a real round trip (its change feed's head), unhealthy when it cannot be reached;
    /// <see cref="OutboxCheck"/>, degraded or unhealthy as the oldest pending outbox event passes
    /// <see cref="CreatorMarketplaceHealthCheckOptions.OutboxDegradedAge"/> or <see cref="CreatorMarketplaceHealthCheckOptions.OutboxUnhealthyAge"/>;
    /// and <see cref="FollowerCheck"/>, degraded while the catalog loads or as the follower falls
    /// <see cref="CreatorMarketplaceHealthCheckOptions.FollowerDegradedBehind"/> positions behind, unhealthy past
    /// <see cref="CreatorMarketplaceHealthCheckOptions.FollowerUnhealthyBehind"/> or while it cannot reach the store.
    /// </summary>
    /// <param name="builder">The application's health checks.</param>
    /// <param name="configure">Sets the thresholds, checked when the host starts; null keeps the defaults.</param>
    /// <param name="tags">Tags for the three checks (<c>"ready"</c>, say); none when null.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IHealthChecksBuilder AddCreatorMarketplaceChecks(this IHealthChecksBuilder builder, Action<CreatorMarketplaceHealthCheckOptions>? configure = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        new CreatorMarketplaceBuilder(builder.Services).AddValidatedOptions(configure ?? (_ => { }), Validate);
        return builder.AddChecks(tags);
    }

    /// <summary>
    /// Adds the three checks as <see cref="AddCreatorMarketplaceChecks(IHealthChecksBuilder, Action{CreatorMarketplaceHealthCheckOptions}?, IEnumerable{string}?)"/>
    /// does, with the thresholds bound from a configuration section (<c>"HealthChecks": { "OutboxUnhealthyAge": "00:05:00" }</c>),
    /// each problem and each unknown key named by its configuration path.
    /// </summary>
    /// <param name="builder">The application's health checks.</param>
    /// <param name="section">The section whose keys are <see cref="CreatorMarketplaceHealthCheckOptions"/>' properties.</param>
    /// <param name="tags">Tags for the three checks; none when null.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="section"/> is null.</exception>
    public static IHealthChecksBuilder AddCreatorMarketplaceChecks(this IHealthChecksBuilder builder, IConfiguration section, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        new CreatorMarketplaceBuilder(builder.Services).AddValidatedOptions<CreatorMarketplaceHealthCheckOptions>(section, Validate);
        return builder.AddChecks(tags);
    }

    private static void Validate(CreatorMarketplaceHealthCheckOptions options) => options.Validate();

    private static IHealthChecksBuilder AddChecks(this IHealthChecksBuilder builder, IEnumerable<string>? tags)
    {
        var tagged = tags?.ToArray() ?? [];
        return builder
            .AddCheck<StoreHealthCheck>(StoreCheck, tags: tagged)
            .AddCheck<OutboxBacklogHealthCheck>(OutboxCheck, tags: tagged)
            .AddCheck<FollowerLagHealthCheck>(FollowerCheck, tags: tagged);
    }
}
