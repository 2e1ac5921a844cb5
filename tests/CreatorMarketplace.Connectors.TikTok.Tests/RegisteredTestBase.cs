using CreatorMarketplace.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

/// <summary>The connector as an application gets it: from <c>AddTikTokConnector</c>, behind the resilience handler.</summary>
public abstract class RegisteredTestBase : TikTokTestBase
{
    protected ServiceProvider Register(Action<TikTokConnectorOptions>? adjust = null, Action<HttpStandardResilienceOptions>? resilience = null, bool withTokenStore = true, TimeProvider? time = null)
    {
        var services = new ServiceCollection()
            .AddSingleton<IClock>(Clock)
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        if (withTokenStore)
        {
            services.AddSingleton<IConnectorTokenStore<TikTokTokens>>(Tokens);
        }

        if (time is not null)
        {
            services.AddSingleton(time);
        }

        return services
            .AddCreatorMarketplace(builder => builder.UseInMemory().AddTikTokConnector(
                options =>
                {
                    options.BaseAddress = TikTok.BaseAddress;
                    options.ClientKey = "client-key";
                    options.ClientSecret = ClientSecret;
                    adjust?.Invoke(options);
                },
                options =>
                {
                    // Short back-off, so that the retries are seen within the test's time.
                    options.Retry.Delay = TimeSpan.FromMilliseconds(20);
                    resilience?.Invoke(options);
                }))
            .BuildServiceProvider(validateScopes: true);
    }

    /// <summary>
    /// Timeouts far beyond the waits, for tests on fake time: <see cref="TikTokTestBase.WithTimePassing{T}"/> moves it
    /// while a request is in flight too, and must not time that out.
    /// </summary>
    protected static void FarTimeouts(HttpStandardResilienceOptions options)
    {
        options.AttemptTimeout.Timeout = TimeSpan.FromHours(1);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromHours(10);
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromHours(2);
    }
}
