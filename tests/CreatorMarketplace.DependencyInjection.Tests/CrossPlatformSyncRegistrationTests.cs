using CreatorMarketplace.Connectors;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.DependencyInjection.Tests;

public sealed class CrossPlatformSyncRegistrationTests
{
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 30, 9, 0));

    [Fact]
    public async Task The_cross_platform_sync_takes_every_connector_registered()
    {
        var creator = new CreatorGenerator(4, _clock) { MultiPlatform = true }.Generate(40).First(c => c.AccountOn(Platform.Instagram) is not null);
        var tiktok = new SimulatedPlatform(Platform.TikTok, 4, _clock);
        var instagram = new SimulatedPlatform(Platform.Instagram, 4, _clock);
        var services = new ServiceCollection().AddSingleton<IClock>(_clock);
        // As a connector package registers its connector: among all platforms', and keyed by its platform.
        foreach (var platform in new[] { tiktok, instagram })
        {
            services.AddSingleton<IPlatformConnector>(platform).AddKeyedSingleton<IPlatformConnector>(platform.Platform, platform);
        }

        using var provider = services
            .AddCreatorMarketplace(b => b.UseInMemory().UseSyncOptions(new CrossPlatformSyncOptions
            {
                Platforms = new Dictionary<Platform, SyncOptions> { [Platform.Instagram] = new() { PostsPerAccount = 3 } },
            }))
            .BuildServiceProvider(validateScopes: true);
        var stored = Creator.Register(creator.Id, creator.Profile, creator.PrimaryAccount, _clock);
        stored.LinkAccount(creator.AccountOn(Platform.Instagram)!, _clock);
        (await provider.GetRequiredService<IRepository<Creator, CreatorId>>().SaveAsync(stored)).IsSaved.ShouldBeTrue();
        var accounts = new[] { tiktok.Connect(creator), instagram.Connect(creator) };
        _clock.AdvanceHours(1);

        var sync = provider.GetRequiredService<CrossPlatformSyncService>();
        var report = await sync.RunAsync(accounts);

        sync.Platforms.ShouldBe([Platform.TikTok, Platform.Instagram], ignoreOrder: true);
        report.Platforms[Platform.TikTok].Completed.ShouldBe(1);
        report.Platforms[Platform.Instagram].Completed.ShouldBe(1);
        report.Platforms[Platform.Instagram].PostsListed.ShouldBeLessThanOrEqualTo(3, "the platform's own options apply");
        report.Platforms[Platform.TikTok].PostsListed.ShouldBeGreaterThan(3);
        instagram.TotalCalls.ShouldBe(report.Platforms[Platform.Instagram].Calls);
    }

    [Fact]
    public async Task Without_connectors_the_sync_resolves_and_reports_every_account_as_without_one()
    {
        using var provider = new ServiceCollection().AddCreatorMarketplace(b => b.UseInMemory()).BuildServiceProvider(validateScopes: true);
        var account = new ConnectedAccount(new CreatorGenerator(1, _clock).Next().Id, new Handle(Platform.YouTube, "someone"));

        var report = await provider.GetRequiredService<CrossPlatformSyncService>().RunAsync([account]);

        report.Platforms.ShouldBeEmpty();
        report.WithoutConnector.ShouldHaveSingleItem().Kind.ShouldBe(SyncFailureKind.NoConnector);
        Should.Throw<DomainValidationException>(() => new ServiceCollection().AddCreatorMarketplace(b => b.UseSyncOptions(new CrossPlatformSyncOptions { Default = new() { MaxCallsPerRun = 0 } })));
    }
}
