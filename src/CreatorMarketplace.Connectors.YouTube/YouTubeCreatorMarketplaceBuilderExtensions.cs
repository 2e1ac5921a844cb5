using CreatorMarketplace.Connectors;
using CreatorMarketplace.Connectors.Http;
using CreatorMarketplace.Connectors.YouTube;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using NodaTime;

namespace CreatorMarketplace.DependencyInjection;

/// <summary>Adds the YouTube connector in <c>AddCreatorMarketplace</c>.</summary>
public static class YouTubeCreatorMarketplaceBuilderExtensions
{
    private const string MissingTokenStore =
        "AddYouTubeConnector: the OAuth client is set but no IConnectorTokenStore<YouTubeTokens> is registered; register the application's store of the creators' YouTube tokens, for example services.AddSingleton<IConnectorTokenStore<YouTubeTokens>, MyTokenStore>().";

    private static readonly ConnectorRegistration<YouTubeConnector, YouTubeConnectorOptions, YouTubeState, YouTubeTokens> Registration = new(
        Platform.YouTube,
        YouTubeConnector.HttpClientName,
        options => options.Validate(),
        tokenStoreNeeded: options => options.HasOAuthClient,
        MissingTokenStore,
        options => new YouTubeState(options.DailyQuota),
        parts => new YouTubeConnector(parts.Http, parts.TokenStore, parts.Options, parts.Clock, parts.Logger, parts.State));

    /// <summary>
    /// Registers the <see cref="YouTubeConnector"/>: as itself, as an <see cref="IPlatformConnector"/> among all
    /// platforms' (<c>IEnumerable&lt;IPlatformConnector&gt;</c>), and as the <see cref="IPlatformConnector"/> keyed by
    /// <see cref="Platform.YouTube"/>. Each is a typed <see cref="HttpClient"/> client (transient) named
    /// <see cref="YouTubeConnector.HttpClientName"/>, behind the standard resilience handler, and all share one count
    /// of the daily quota.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options (an API key, or an OAuth client's id and secret, or both); validated when the host starts.</param>
    /// <param name="configureResilience">
    /// Adjusts the standard resilience handler (retries with exponential back-off and jitter on 5xx, 408, timeouts and
    /// network errors; attempt and total timeouts; a circuit breaker). Its predicates leave 429 to the connector and
    /// never retry the token refresh; replacing them gives that up. Each retry is charged to the quota.
    /// </param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    /// <remarks>
    /// With an OAuth client the application registers its <see cref="IConnectorTokenStore{TTokens}"/> of
    /// <see cref="YouTubeTokens"/>; without one the host fails at start. Calling it again adds its settings and
    /// registers nothing twice. Token expiry and the quota's day read the container's <see cref="IClock"/>.
    /// </remarks>
    public static CreatorMarketplaceBuilder AddYouTubeConnector(
        this CreatorMarketplaceBuilder builder,
        Action<YouTubeConnectorOptions> configure,
        Action<HttpStandardResilienceOptions>? configureResilience = null) =>
        Registration.Add(builder, configure, configureResilience);

    /// <summary>
    /// Registers the <see cref="YouTubeConnector"/> as <see cref="AddYouTubeConnector(CreatorMarketplaceBuilder, Action{YouTubeConnectorOptions}, Action{HttpStandardResilienceOptions}?)"/>
    /// does, with the options bound from a configuration section (<c>"YouTube": { "ApiKey": "…", "ClientId": "…", "ClientSecret": "…" }</c>)
    /// and validated when the host starts, each problem and each unknown key named by its configuration path; no
    /// message shows the API key or the client secret.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section whose keys are <see cref="YouTubeConnectorOptions"/>' properties.</param>
    /// <param name="configureResilience">Adjusts the standard resilience handler, as in the other overload.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="section"/> is null.</exception>
    public static CreatorMarketplaceBuilder AddYouTubeConnector(
        this CreatorMarketplaceBuilder builder,
        IConfiguration section,
        Action<HttpStandardResilienceOptions>? configureResilience = null) =>
        Registration.Add(builder, section, configureResilience);
}
