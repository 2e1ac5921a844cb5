using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>
/// The HTTP client every connector package registers: the standard resilience handler with the connectors'
/// predicates, the application's adjustments, and the request budget innermost.
/// </summary>
internal static class ConnectorHttpClient
{
    /// <summary>Keeps the application's adjustment of the resilience handler, to apply it when the client is built.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">The adjustment, if any.</param>
    public static void KeepResilienceSettings(IServiceCollection services, Action<HttpStandardResilienceOptions>? configure)
    {
        if (configure is not null)
        {
            services.AddSingleton(new ResilienceSettings(configure));
        }
    }

    /// <summary>Adds the named client: logged headers redacted, resilience, then the budget.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name.</param>
    /// <returns>The client's builder, to add the typed client to.</returns>
    public static IHttpClientBuilder Add(IServiceCollection services, string name)
    {
        var client = services.AddHttpClient(name);
        client.RedactLoggedHeaders(_ => true);
        client.AddStandardResilienceHandler().Configure((options, provider) =>
        {
            options.Retry.ShouldHandle = arguments => ValueTask.FromResult(ConnectorResilience.MayRetry(arguments.Outcome, arguments.Context));
            options.CircuitBreaker.ShouldHandle = arguments => ValueTask.FromResult(ConnectorResilience.IsTransient(arguments.Outcome));
            foreach (var settings in provider.GetServices<ResilienceSettings>())
            {
                settings.Configure(options);
            }
        });

        // Inside the resilience handler, so that every retry takes from the budget too.
        client.AddHttpMessageHandler(() => new RequestBudgetHandler());
        return client;
    }

    /// <summary>
    /// Registers a connector once: its shared state, its typed client behind the resilience handler, and itself as an
    /// <see cref="IPlatformConnector"/> among all platforms' and keyed by its platform. A missing token store fails the
    /// options' validation, so the host finds it when it starts; calling again registers nothing twice. <paramref name="create"/>
    /// resolves the token store before the options, so that a connector resolved without one says so rather than
    /// failing on the options' validation.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="platform">The platform, the key the connector is registered under.</param>
    /// <param name="clientName">The HTTP client's name.</param>
    /// <param name="hasTokenStore">Whether the options find the token store they need (or need none).</param>
    /// <param name="missingTokenStore">What the validation says when they do not.</param>
    /// <param name="state">The state every connector of the registration shares (a type of the package's own), from the options.</param>
    /// <param name="create">Makes the connector over the client.</param>
    public static void AddConnector<TConnector, TOptions, TState>(
        IServiceCollection services,
        Platform platform,
        string clientName,
        Func<TOptions, IServiceProviderIsService, bool> hasTokenStore,
        string missingTokenStore,
        Func<TOptions, TState> state,
        Func<HttpClient, IServiceProvider, TConnector> create)
        where TConnector : class, IPlatformConnector
        where TOptions : class
        where TState : class
    {
        // The state's type is the package's own (this file is compiled into each), so another connector's does not count.
        if (services.Any(descriptor => descriptor.ServiceType == typeof(TState)))
        {
            return;
        }

        services.AddOptions<TOptions>().Validate(hasTokenStore, missingTokenStore);
        services.AddSingleton(provider => state(provider.GetRequiredService<IOptions<TOptions>>().Value));
        Add(services, clientName).AddTypedClient(create);
        services.AddTransient<IPlatformConnector>(provider => provider.GetRequiredService<TConnector>());
        services.AddKeyedTransient<IPlatformConnector>(platform, (provider, _) => provider.GetRequiredService<TConnector>());
    }

    // A type of each package's own (this file is compiled into each), so that one connector's settings never reach another's.
    private sealed class ResilienceSettings(Action<HttpStandardResilienceOptions> configure)
    {
        public void Configure(HttpStandardResilienceOptions options) => configure(options);
    }
}
