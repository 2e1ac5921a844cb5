using CreatorMarketplace.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

public sealed class RegistrationTests : RegisteredTestBase
{
    [Fact]
    public async Task The_connector_is_registered_as_itself_among_all_connectors_and_keyed_by_its_platform()
    {
        await using var services = Register();

        services.GetRequiredService<IStartupValidator>().Validate();
        services.GetRequiredService<TikTokConnector>().Platform.ShouldBe(Platform.TikTok);
        services.GetServices<IPlatformConnector>().ShouldHaveSingleItem().ShouldBeOfType<TikTokConnector>();
        services.GetRequiredKeyedService<IPlatformConnector>(Platform.TikTok).ShouldBeOfType<TikTokConnector>();
        services.GetKeyedService<IPlatformConnector>(Platform.Instagram).ShouldBeNull();
    }

    [Fact]
    public async Task Every_connector_resolved_shares_one_request_budget()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Ok("""{"user":{"display_name":"Jane","follower_count":10}}"""));
        await using var services = Register(options => options.RequestsPerMinute = 1);

        (await services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        var second = services.GetRequiredKeyedService<IPlatformConnector>(Platform.TikTok);

        (await second.GetProfileAsync(Account, default)).AsT3.RetryAfter.ShouldBe(Duration.FromMinutes(1));
        TikTok.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Bad_options_fail_at_start_naming_each_option_and_rule_but_never_the_secret()
    {
        await using var services = Register(options =>
        {
            options.ClientKey = " ";
            options.RequestsPerMinute = 1000;
            options.PageSize = 0;
            options.BaseAddress = new Uri("ftp://example.test/");
        });

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        error.Failures.ShouldBe([
            "TikTokConnectorOptions.baseAddress: the base address is an absolute http or https address. (tiktok.base_address_invalid)",
            "TikTokConnectorOptions.clientKey: the connector needs the application's client key. (tiktok.client_key_missing)",
            "TikTokConnectorOptions.requestsPerMinute: the request budget is 1 to 600 a minute (TikTok's limit), got 1000. (tiktok.requests_per_minute_out_of_range)",
            "TikTokConnectorOptions.pageSize: a page holds 1 to 20 posts, got 0. (tiktok.page_size_out_of_range)",
        ]);
        error.Message.ShouldNotContain(ClientSecret);
        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<TikTokConnector>());
    }

    [Fact]
    public async Task The_options_bind_from_configuration_and_bad_ones_fail_at_start_by_their_paths_but_never_with_the_secret()
    {
        var good = Configure(new() { ["TikTok:BaseAddress"] = TikTok.BaseAddress.ToString(), ["TikTok:PageSize"] = "7" });
        var bad = Configure(new() { ["TikTok:ClientKey"] = " ", ["TikTok:PageSize"] = "0" });
        var unknown = Configure(new() { ["TikTok:ClientSecrets"] = "typo" });
        await using var configured = Registered(good);
        await using var refused = Registered(bad);
        await using var misspelt = Registered(unknown);

        configured.GetRequiredService<IStartupValidator>().Validate();
        var options = configured.GetRequiredService<IOptions<TikTokConnectorOptions>>().Value;
        (options.ClientKey, options.ClientSecret, options.PageSize, options.BaseAddress).ShouldBe(("client-key", ClientSecret, 7, TikTok.BaseAddress));
        configured.GetRequiredService<TikTokConnector>().Platform.ShouldBe(Platform.TikTok);
        var error = Should.Throw<OptionsValidationException>(() => refused.GetRequiredService<IStartupValidator>().Validate());
        error.Failures.ShouldBe([
            "TikTok:ClientKey: the connector needs the application's client key. (tiktok.client_key_missing)",
            "TikTok:PageSize: a page holds 1 to 20 posts, got 0. (tiktok.page_size_out_of_range)",
        ]);
        error.Message.ShouldNotContain(ClientSecret);
        var misspelling = Should.Throw<InvalidOperationException>(() => misspelt.GetRequiredService<IStartupValidator>().Validate());
        misspelling.Message.ShouldContain("'ClientSecrets'");
        misspelling.Message.ShouldNotContain(ClientSecret);

        IConfiguration Configure(Dictionary<string, string?> values) => new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["TikTok:ClientKey"] = "client-key", ["TikTok:ClientSecret"] = ClientSecret })
            .AddInMemoryCollection(values)
            .Build();

        ServiceProvider Registered(IConfiguration configuration) => new ServiceCollection()
            .AddSingleton<IClock>(Clock)
            .AddSingleton<IConnectorTokenStore<TikTokTokens>>(Tokens)
            .AddCreatorMarketplace(builder => builder.UseInMemory().AddTikTokConnector(configuration.GetSection("TikTok")))
            .BuildServiceProvider();
    }

    [Fact]
    public async Task Without_a_token_store_the_host_fails_at_start_saying_how_to_register_one()
    {
        await using var services = Register(withTokenStore: false);

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("AddTikTokConnector: no IConnectorTokenStore<TikTokTokens> is registered; register the application's store of the creators' TikTok tokens");
        Should.Throw<InvalidOperationException>(() => services.GetRequiredService<TikTokConnector>()).Message.ShouldContain("no IConnectorTokenStore<TikTokTokens> is registered");
    }

    [Fact]
    public async Task Adding_it_again_adds_settings_and_registers_nothing_twice()
    {
        var services = new ServiceCollection().AddSingleton<IClock>(Clock).AddSingleton<IConnectorTokenStore<TikTokTokens>>(Tokens);
        services.AddCreatorMarketplace(builder => builder.UseInMemory().AddTikTokConnector(options =>
        {
            options.BaseAddress = TikTok.BaseAddress;
            options.ClientKey = "client-key";
            options.ClientSecret = ClientSecret;
        }));
        services.AddCreatorMarketplace(builder => builder.AddTikTokConnector(options => options.PageSize = 7));
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetServices<IPlatformConnector>().ShouldHaveSingleItem();
        provider.GetRequiredService<IOptions<TikTokConnectorOptions>>().Value.PageSize.ShouldBe(7);
        Should.Throw<ArgumentNullException>(() => services.AddCreatorMarketplace(builder => builder.AddTikTokConnector((Action<TikTokConnectorOptions>)null!)));
        Should.Throw<ArgumentNullException>(() => services.AddCreatorMarketplace(builder => builder.AddTikTokConnector((IConfiguration)null!)));
    }
}
