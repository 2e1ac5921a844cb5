using CreatorMarketplace.Connectors.TikTok;
using CreatorMarketplace.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreatorMarketplace.Connectors.YouTube.Tests;

public sealed class RegistrationTests : YouTubeTestBase
{
    private ServiceProvider Register(Action<YouTubeConnectorOptions>? adjust = null, bool withTokenStore = true, Action<HttpStandardResilienceOptions>? resilience = null)
    {
        var services = new ServiceCollection()
            .AddSingleton<IClock>(Clock)
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        if (withTokenStore)
        {
            services.AddSingleton<IConnectorTokenStore<YouTubeTokens>>(Tokens);
        }

        return services
            .AddCreatorMarketplace(builder => builder.UseInMemory().AddYouTubeConnector(
                options =>
                {
                    options.ApiKey = ApiKey;
                    options.ClientId = "client-id";
                    options.ClientSecret = ClientSecret;
                    PointAtFake(options);
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

    [Fact]
    public async Task The_connector_is_registered_as_itself_among_all_connectors_and_keyed_by_its_platform_beside_TikTok()
    {
        await using var services = new ServiceCollection()
            .AddSingleton<IClock>(Clock)
            .AddSingleton<IConnectorTokenStore<YouTubeTokens>>(Tokens)
            .AddSingleton<IConnectorTokenStore<TikTokTokens>>(new MemoryTokenStore<TikTokTokens>())
            .AddCreatorMarketplace(builder => builder.UseInMemory()
                .AddYouTubeConnector(options => options.ApiKey = ApiKey)
                .AddTikTokConnector(options => (options.ClientKey, options.ClientSecret) = ("key", "secret")))
            .BuildServiceProvider();

        services.GetRequiredService<IStartupValidator>().Validate();
        services.GetRequiredService<YouTubeConnector>().Platform.ShouldBe(Platform.YouTube);
        services.GetServices<IPlatformConnector>().Select(connector => connector.Platform).ShouldBe([Platform.YouTube, Platform.TikTok], ignoreOrder: true);
        services.GetRequiredKeyedService<IPlatformConnector>(Platform.YouTube).ShouldBeOfType<YouTubeConnector>();
        services.GetRequiredKeyedService<IPlatformConnector>(Platform.TikTok).ShouldBeOfType<TikTokConnector>();
    }

    [Fact]
    public async Task Every_connector_resolved_shares_one_count_of_the_quota_and_retries_are_charged_to_it()
    {
        Google.On(FakeYouTube.Channels, new Answer(503, "{}"), Answer.Items("channel", Channel()));
        await using var services = Register(options => options.DailyQuota = 2);

        (await services.GetRequiredService<YouTubeConnector>().GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        var second = await services.GetRequiredKeyedService<IPlatformConnector>(Platform.YouTube).GetProfileAsync(Account, default);

        second.AsT3.RetryAfter.ShouldBe(NextPacificMidnight - Now);
        Google.Received.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Bad_options_fail_at_start_naming_each_option_and_rule_but_never_a_secret()
    {
        await using var services = Register(options =>
        {
            options.ClientId = " ";
            options.DailyQuota = 0;
            options.PageSize = 51;
            options.DataApiAddress = new Uri("ftp://example.test/");
        });

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        error.Failures.ShouldBe([
            "YouTubeConnectorOptions.dataApiAddress: the address is an absolute http or https address. (youtube.data_api_address_invalid)",
            "YouTubeConnectorOptions.clientId: the OAuth client needs both its id and its secret. (youtube.oauth_client_incomplete)",
            "YouTubeConnectorOptions.dailyQuota: the daily quota is 1 to 1,000,000,000 units, got 0. (youtube.daily_quota_out_of_range)",
            "YouTubeConnectorOptions.pageSize: a page holds 1 to 50 posts, got 51. (youtube.page_size_out_of_range)",
        ]);
        Echo.Leaks([error.Message], AllSecrets).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_options_bind_from_configuration_and_need_a_key_or_a_client()
    {
        var good = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["YouTube:ApiKey"] = ApiKey, ["YouTube:DailyQuota"] = "500" }).Build();
        var none = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["YouTube:PageSize"] = "5" }).Build();
        await using var configured = Registered(good);
        await using var refused = Registered(none);

        configured.GetRequiredService<IStartupValidator>().Validate();
        configured.GetRequiredService<IOptions<YouTubeConnectorOptions>>().Value.DailyQuota.ShouldBe(500);
        Should.Throw<OptionsValidationException>(() => refused.GetRequiredService<IStartupValidator>().Validate())
            .Failures.ShouldBe(["YouTube:ApiKey: the connector needs the application's API key, or its OAuth client id and secret, or both. (youtube.credentials_missing)"]);

        ServiceProvider Registered(IConfiguration configuration) => new ServiceCollection()
            .AddSingleton<IClock>(Clock)
            .AddCreatorMarketplace(builder => builder.UseInMemory().AddYouTubeConnector(configuration.GetSection("YouTube")))
            .BuildServiceProvider();
    }

    [Fact]
    public async Task An_OAuth_client_without_a_token_store_fails_at_start_and_an_API_key_alone_needs_none()
    {
        await using var withClient = Register(withTokenStore: false);
        await using var keyOnly = Register(options => (options.ClientId, options.ClientSecret) = ("", ""), withTokenStore: false);

        Should.Throw<OptionsValidationException>(() => withClient.GetRequiredService<IStartupValidator>().Validate())
            .Message.ShouldContain("no IConnectorTokenStore<YouTubeTokens> is registered");
        keyOnly.GetRequiredService<IStartupValidator>().Validate();
        keyOnly.GetRequiredService<YouTubeConnector>().Platform.ShouldBe(Platform.YouTube);
    }
}
