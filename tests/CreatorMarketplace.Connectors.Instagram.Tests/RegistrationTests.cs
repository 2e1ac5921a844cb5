using CreatorMarketplace.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PublicApiGenerator;

namespace CreatorMarketplace.Connectors.Instagram.Tests;

public sealed class RegistrationTests : InstagramTestBase
{
    [Fact]
    public async Task The_connector_is_registered_keyed_by_Instagram_and_among_all_platforms_behind_the_resilience_handler()
    {
        Instagram.On(Graph.User, new Answer(503, "{}"), Graph.Profile());
        using var provider = Register();

        var keyed = provider.GetRequiredKeyedService<IPlatformConnector>(Platform.Instagram);
        var profile = await keyed.GetProfileAsync(Account, default);

        keyed.ShouldBeOfType<InstagramConnector>();
        provider.GetServices<IPlatformConnector>().ShouldHaveSingleItem().Platform.ShouldBe(Platform.Instagram);
        profile.Succeeded.ShouldBeTrue();
        Instagram.To(Graph.User).Count.ShouldBe(2);
    }

    [Fact]
    public void Instagram_and_TikTok_are_registered_side_by_side_each_under_its_platform()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<NodaTime.IClock>(Clock)
            .AddSingleton<IConnectorTokenStore<InstagramTokens>>(Tokens)
            .AddSingleton<IConnectorTokenStore<TikTok.TikTokTokens>>(new MemoryTokenStore<TikTok.TikTokTokens>())
            .AddCreatorMarketplace(builder => builder.UseInMemory()
                .AddTikTokConnector(options => (options.ClientKey, options.ClientSecret) = ("key", "secret"))
                .AddInstagramConnector(options => (options.AppId, options.AppSecret) = ("app-id-1", AppSecret)))
            .BuildServiceProvider();

        provider.GetRequiredKeyedService<IPlatformConnector>(Platform.Instagram).ShouldBeOfType<InstagramConnector>();
        provider.GetRequiredKeyedService<IPlatformConnector>(Platform.TikTok).ShouldBeOfType<TikTok.TikTokConnector>();
        provider.GetServices<IPlatformConnector>().Select(connector => connector.Platform).ShouldBe([Platform.TikTok, Platform.Instagram], ignoreOrder: true);
    }

    [Fact]
    public async Task One_generic_token_store_class_registered_once_serves_every_connector()
    {
        Instagram.On(Graph.User, Graph.Profile());
        using var provider = new ServiceCollection()
            .AddSingleton<NodaTime.IClock>(Clock)
            .AddSingleton(typeof(IConnectorTokenStore<>), typeof(MemoryTokenStore<>))
            .AddCreatorMarketplace(builder => builder.UseInMemory()
                .AddTikTokConnector(options => (options.ClientKey, options.ClientSecret) = ("key", "secret"))
                .AddInstagramConnector(options => (options.BaseAddress, options.AppId, options.AppSecret) = (Instagram.BaseAddress, "app-id-1", AppSecret)))
            .BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredService<IConnectorTokenStore<InstagramTokens>>().SaveAsync(Account, new InstagramTokens(AccessToken, Now + NodaTime.Duration.FromDays(50)), default);
        var profile = await provider.GetRequiredKeyedService<IPlatformConnector>(Platform.Instagram).GetProfileAsync(Account, default);

        profile.Succeeded.ShouldBeTrue();
        Instagram.To(Graph.User).ShouldHaveSingleItem();
        provider.GetRequiredKeyedService<IPlatformConnector>(Platform.TikTok).ShouldBeOfType<TikTok.TikTokConnector>();
        provider.GetRequiredService<IConnectorTokenStore<TikTok.TikTokTokens>>().ShouldBeOfType<MemoryTokenStore<TikTok.TikTokTokens>>();
    }

    [Fact]
    public async Task Registered_connectors_share_what_the_usage_headers_said()
    {
        Instagram.On(Graph.User, Graph.Error(400, 80002, "Too many calls."));
        using var provider = Register();

        await provider.GetRequiredService<InstagramConnector>().GetProfileAsync(Account, default);
        var second = await provider.GetRequiredService<InstagramConnector>().GetProfileAsync(Account, default);

        second.IsT3.ShouldBeTrue();
        Instagram.Received.Count.ShouldBe(1);
    }

    [Fact]
    public void Options_are_validated_when_resolved_naming_each_problem_and_never_the_secret()
    {
        using var provider = Register(options =>
        {
            options.AppId = "";
            options.ApiVersion = "23";
            options.PageSize = 0;
        });

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InstagramConnectorOptions>>().Value);

        failure.Message.ShouldContain("instagram.app_id_missing");
        failure.Message.ShouldContain("instagram.api_version_invalid");
        failure.Message.ShouldContain("instagram.page_size_out_of_range");
        failure.Message.ShouldNotContain(AppSecret);
    }

    [Fact]
    public void A_missing_token_store_fails_when_the_options_are_read()
    {
        using var provider = Register(withTokenStore: false);

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InstagramConnectorOptions>>().Value)
            .Message.ShouldContain("no IConnectorTokenStore<InstagramTokens> is registered");
    }

    [Fact]
    public async Task The_configuration_section_overload_binds_the_options()
    {
        Instagram.On("/v22.0/" + Graph.UserId, Graph.Profile());
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Instagram:BaseAddress"] = Instagram.BaseAddress.ToString(),
            ["Instagram:ApiVersion"] = "v22.0",
            ["Instagram:AppId"] = "app-id-1",
            ["Instagram:AppSecret"] = AppSecret,
        }).Build().GetSection("Instagram");
        using var provider = new ServiceCollection()
            .AddSingleton<NodaTime.IClock>(Clock)
            .AddSingleton<IConnectorTokenStore<InstagramTokens>>(Tokens)
            .AddCreatorMarketplace(builder => builder.UseInMemory().AddInstagramConnector(section))
            .BuildServiceProvider();

        var profile = await provider.GetRequiredKeyedService<IPlatformConnector>(Platform.Instagram).GetProfileAsync(Account, default);

        profile.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Instagram_connector_public_api_is_approved()
    {
        var api = typeof(InstagramConnector).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        // A changed surface fails here until RegistrationTests.Instagram_connector_public_api_is_approved.approved.txt is updated.
        api.ShouldMatchApproved(options => options.NoDiff());
    }
}
