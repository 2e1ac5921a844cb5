using CreatorMarketplace.Connectors;
using CreatorMarketplace.Connectors.Http;
using CreatorMarketplace.Connectors.TikTok;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using NodaTime;

namespace CreatorMarketplace.DependencyInjection;

/// <summary>Adds the TikTok connector in <c>AddCreatorMarketplace</c>.</summary>
public static class TikTokCreatorMarketplaceBuilderExtensions
{
    private const string MissingTokenStore =
        "AddTikTokConnector: no IConnectorTokenStore<TikTokTokens> is registered; register the application's store of the creators' TikTok tokens, for example services.AddSingleton<IConnectorTokenStore<TikTokTokens>, MyTokenStore>().";

    private static readonly ConnectorRegistration<TikTokConnector, TikTokConnectorOptions, ConnectorState, TikTokTokens> Registration = new(
        Platform.TikTok,
        TikTokConnector.HttpClientName,
        options => options.Validate(),
        tokenStoreNeeded: null,
        MissingTokenStore,
        options => new ConnectorState(options.RequestsPerMinute),
        parts => new TikTokConnector(
            parts.Http,
            parts.RequiredTokenStore,
            parts.Options,
            parts.Clock,
            parts.Logger,
            parts.Services.GetService<TimeProvider>(),
            parts.State));

    /// <summary>
    /// Registers the <see cref="TikTokConnector"/>: as itself, as an <see cref="IPlatformConnector"/> among all
    /// platforms' (<c>IEnumerable&lt;IPlatformConnector&gt;</c>), and as the <see cref="IPlatformConnector"/> keyed by
    /// <see cref="Platform.TikTok"/>. Each is a typed <see cref="HttpClient"/> client (transient) named
    /// <see cref="TikTokConnector.HttpClientName"/>, behind the standard resilience handler, and all share one
    /// request budget.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options (at least the client key and secret); validated when the host starts.</param>
    /// <param name="configureResilience">
    /// Adjusts the standard resilience handler (retries with exponential back-off and jitter on 5xx, 408, timeouts and
    /// network errors; attempt and total timeouts; a circuit breaker). Its predicates leave 429 to the connector and
    /// never retry the token refresh; replacing them gives that up.
    /// </param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    /// <remarks>
    /// The application registers its <see cref="IConnectorTokenStore{TTokens}"/> of <see cref="TikTokTokens"/>; without
    /// one the host fails at start. Calling it again adds its settings and registers nothing twice. Token expiry and
    /// the budget read the container's <see cref="IClock"/>; the resilience handler's and the connector's waits run on
    /// the container's <see cref="TimeProvider"/> if there is one, else the system's.
    /// </remarks>
    public static CreatorMarketplaceBuilder AddTikTokConnector(
        this CreatorMarketplaceBuilder builder,
        Action<TikTokConnectorOptions> configure,
        Action<HttpStandardResilienceOptions>? configureResilience = null) =>
        Registration.Add(builder, configure, configureResilience);

    /// <summary>
    /// Registers the <see cref="TikTokConnector"/> as <see cref="AddTikTokConnector(CreatorMarketplaceBuilder, Action{TikTokConnectorOptions}, Action{HttpStandardResilienceOptions}?)"/>
    /// does, with the options bound from a configuration section (<c>"TikTok": { "ClientKey": "…", "ClientSecret": "…" }</c>)
    /// and validated when the host starts, each problem and each unknown key named by its configuration path; no
    /// message shows the client secret.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section whose keys are <see cref="TikTokConnectorOptions"/>' properties (at least <c>ClientKey</c> and <c>ClientSecret</c>).</param>
    /// <param name="configureResilience">Adjusts the standard resilience handler, as in the other overload.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="section"/> is null.</exception>
    public static CreatorMarketplaceBuilder AddTikTokConnector(
        this CreatorMarketplaceBuilder builder,
        IConfiguration section,
        Action<HttpStandardResilienceOptions>? configureResilience = null) =>
        Registration.Add(builder, section, configureResilience);
}
