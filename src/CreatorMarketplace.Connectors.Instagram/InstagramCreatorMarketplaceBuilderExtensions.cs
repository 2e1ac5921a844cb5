using CreatorMarketplace.Connectors;
using CreatorMarketplace.Connectors.Http;
using CreatorMarketplace.Connectors.Instagram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using NodaTime;

namespace CreatorMarketplace.DependencyInjection;

/// <summary>Adds the Instagram connector in <c>AddCreatorMarketplace</c>.</summary>
public static class InstagramCreatorMarketplaceBuilderExtensions
{
    private const string MissingTokenStore =
        "AddInstagramConnector: no IConnectorTokenStore<InstagramTokens> is registered; register the application's store of the creators' Instagram tokens, for example services.AddSingleton<IConnectorTokenStore<InstagramTokens>, MyTokenStore>().";

    private static readonly ConnectorRegistration<InstagramConnector, InstagramConnectorOptions, ConnectorState, InstagramTokens> Registration = new(
        Platform.Instagram,
        InstagramConnector.HttpClientName,
        options => options.Validate(),
        tokenStoreNeeded: null,
        MissingTokenStore,
        options => new ConnectorState(options.RequestsPerMinute),
        parts => new InstagramConnector(parts.Http, parts.RequiredTokenStore, parts.Options, parts.Clock, parts.Logger, parts.State));

    /// <summary>
    /// Registers the <see cref="InstagramConnector"/>: as itself, as an <see cref="IPlatformConnector"/> among all
    /// platforms' (<c>IEnumerable&lt;IPlatformConnector&gt;</c>), and as the <see cref="IPlatformConnector"/> keyed by
    /// <see cref="Platform.Instagram"/>. Each is a typed <see cref="HttpClient"/> client (transient) named
    /// <see cref="InstagramConnector.HttpClientName"/>, behind the standard resilience handler, and all share one
    /// budget per account and what the usage headers said.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options (at least the application's id and secret); validated when the host starts.</param>
    /// <param name="configureResilience">
    /// Adjusts the standard resilience handler (retries with exponential back-off and jitter on 5xx, 408, timeouts and
    /// network errors; attempt and total timeouts; a circuit breaker). Its predicates leave 429 to the connector and
    /// never retry the token exchange; replacing them gives that up.
    /// </param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    /// <remarks>
    /// The application registers its <see cref="IConnectorTokenStore{TTokens}"/> of <see cref="InstagramTokens"/>;
    /// without one the host fails at start. Calling it again adds its settings and registers nothing twice. Token
    /// expiry and the budget read the container's <see cref="IClock"/>; the resilience handler's waits run on the
    /// container's <see cref="TimeProvider"/> if there is one, else the system's.
    /// </remarks>
    public static CreatorMarketplaceBuilder AddInstagramConnector(
        this CreatorMarketplaceBuilder builder,
        Action<InstagramConnectorOptions> configure,
        Action<HttpStandardResilienceOptions>? configureResilience = null) =>
        Registration.Add(builder, configure, configureResilience);

    /// <summary>
    /// Registers the <see cref="InstagramConnector"/> as <see cref="AddInstagramConnector(CreatorMarketplaceBuilder, Action{InstagramConnectorOptions}, Action{HttpStandardResilienceOptions}?)"/>
    /// does, with the options bound from a configuration section (<c>"Instagram": { "AppId": "…", "AppSecret": "…" }</c>)
    /// and validated when the host starts, each problem and each unknown key named by its configuration path; no
    /// message shows the application's secret.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section whose keys are <see cref="InstagramConnectorOptions"/>' properties (at least <c>AppId</c> and <c>AppSecret</c>).</param>
    /// <param name="configureResilience">Adjusts the standard resilience handler, as in the other overload.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="section"/> is null.</exception>
    public static CreatorMarketplaceBuilder AddInstagramConnector(
        this CreatorMarketplaceBuilder builder,
        IConfiguration section,
        Action<HttpStandardResilienceOptions>? configureResilience = null) =>
        Registration.Add(builder, section, configureResilience);
}
