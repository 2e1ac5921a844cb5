using CreatorMarketplace.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>
/// What a connector package's <c>Add…Connector</c> overloads register, said once per package: both overloads (options
/// set by a delegate, or bound from a configuration section) run through it, so that they register alike.
/// </summary>
/// <typeparam name="TConnector">The connector.</typeparam>
/// <typeparam name="TOptions">Its options.</typeparam>
/// <typeparam name="TState">The state every connector of the registration shares (a type of the package's own).</typeparam>
/// <typeparam name="TTokens">The platform's tokens, kept by the application's <see cref="IConnectorTokenStore{TTokens}"/>.</typeparam>
/// <param name="platform">The platform, the key the connector is registered under.</param>
/// <param name="clientName">The HTTP client's name.</param>
/// <param name="validate">Checks the options, naming every problem.</param>
/// <param name="tokenStoreNeeded">
/// When the options need a token store; null when every connector needs one, which is then resolved before anything
/// else so that a connector resolved without one says so rather than failing on the options' validation.
/// </param>
/// <param name="missingTokenStore">What the validation, and the resolution, say when the token store is missing.</param>
/// <param name="state">Makes the shared state from the options.</param>
/// <param name="create">Makes a connector from what the container holds.</param>
internal sealed class ConnectorRegistration<TConnector, TOptions, TState, TTokens>(
    Platform platform,
    string clientName,
    Action<TOptions> validate,
    Func<TOptions, bool>? tokenStoreNeeded,
    string missingTokenStore,
    Func<TOptions, TState> state,
    Func<ConnectorParts<TConnector, TOptions, TState, TTokens>, TConnector> create)
    where TConnector : class, IPlatformConnector
    where TOptions : class
    where TState : class
    where TTokens : class
{
    /// <summary>Registers the connector with options set by <paramref name="configure"/>.</summary>
    public CreatorMarketplaceBuilder Add(CreatorMarketplaceBuilder builder, Action<TOptions> configure, Action<HttpStandardResilienceOptions>? configureResilience)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(builder.AddValidatedOptions(configure, validate), configureResilience);
    }

    /// <summary>Registers the connector with options bound from <paramref name="section"/>.</summary>
    public CreatorMarketplaceBuilder Add(CreatorMarketplaceBuilder builder, IConfiguration section, Action<HttpStandardResilienceOptions>? configureResilience)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        return Register(builder.AddValidatedOptions(section, validate), configureResilience);
    }

    private CreatorMarketplaceBuilder Register(CreatorMarketplaceBuilder builder, Action<HttpStandardResilienceOptions>? configureResilience)
    {
        ConnectorHttpClient.KeepResilienceSettings(builder.Services, configureResilience);
        ConnectorHttpClient.AddConnector<TConnector, TOptions, TState>(
            builder.Services,
            platform,
            clientName,
            (options, registered) => tokenStoreNeeded?.Invoke(options) == false || registered.IsService(typeof(IConnectorTokenStore<TTokens>)),
            missingTokenStore,
            state,
            (http, provider) => create(Resolve(http, provider)));
        return builder;
    }

    private ConnectorParts<TConnector, TOptions, TState, TTokens> Resolve(HttpClient http, IServiceProvider provider)
    {
        var tokenStore = provider.GetService<IConnectorTokenStore<TTokens>>();
        if (tokenStore is null && tokenStoreNeeded is null)
        {
            throw new InvalidOperationException(missingTokenStore);
        }

        return new(
            http,
            tokenStore,
            provider.GetRequiredService<IOptions<TOptions>>().Value,
            provider.GetRequiredService<IClock>(),
            provider.GetService<ILogger<TConnector>>(),
            provider.GetRequiredService<TState>(),
            provider);
    }
}

/// <summary>What the container holds for a connector it makes.</summary>
/// <param name="Http">The typed client, behind the resilience handler.</param>
/// <param name="TokenStore">The application's token store; null only where the options need none.</param>
/// <param name="Options">The options, validated.</param>
/// <param name="Clock">The container's clock.</param>
/// <param name="Logger">The connector's logger, if logging is registered.</param>
/// <param name="State">The state every connector of the registration shares.</param>
/// <param name="Services">The container, for what one connector alone takes.</param>
internal sealed record ConnectorParts<TConnector, TOptions, TState, TTokens>(
    HttpClient Http,
    IConnectorTokenStore<TTokens>? TokenStore,
    TOptions Options,
    IClock Clock,
    ILogger<TConnector>? Logger,
    TState State,
    IServiceProvider Services)
    where TTokens : class
{
    /// <summary>The token store of a registration where every connector needs one: resolved, or the resolution failed already.</summary>
    public IConnectorTokenStore<TTokens> RequiredTokenStore => TokenStore ?? throw new InvalidOperationException("The registration resolves a required token store first.");
}
