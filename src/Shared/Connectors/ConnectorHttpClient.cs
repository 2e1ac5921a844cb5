using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

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
    /// Registers the connector as a typed client of the named client (transient), as an <see cref="IPlatformConnector"/>
    /// among all platforms' and as the one keyed by its platform.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="platform">The platform, the key it is registered under.</param>
    /// <param name="create">Makes the connector over the client.</param>
    public static void AddConnector<TConnector>(IServiceCollection services, string name, Platform platform, Func<HttpClient, IServiceProvider, TConnector> create)
        where TConnector : class, IPlatformConnector
    {
        Add(services, name).AddTypedClient(create);
        services.AddTransient<IPlatformConnector>(provider => provider.GetRequiredService<TConnector>());
        services.AddKeyedTransient<IPlatformConnector>(platform, (provider, _) => provider.GetRequiredService<TConnector>());
    }

    // A type of each package's own (this file is compiled into each), so that one connector's settings never reach another's.
    private sealed class ResilienceSettings(Action<HttpStandardResilienceOptions> configure)
    {
        public void Configure(HttpStandardResilienceOptions options) => configure(options);
    }
}
