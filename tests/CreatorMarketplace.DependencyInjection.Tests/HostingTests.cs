using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.DependencyInjection.Tests;

/// <summary>What a host runs with <c>AddCreatorMarketplace</c>: the catalog follows the store, across a restart too.</summary>
public sealed class HostingTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "creator-marketplace-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 12, 4, 9, 0), Duration.FromSeconds(1));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Creators_saved_before_a_restart_are_found_by_search_in_the_next_host_with_no_application_code()
    {
        var path = Path.Combine(_folder, "marketplace.db");
        var generator = new CreatorGenerator(19, _clock);
        List<CreatorId> saved = [];
        using (var first = Build(b => b.UseSqlite(path)))
        {
            await first.StartAsync();
            var creators = first.Services.GetRequiredService<IRepository<Creator, CreatorId>>();
            for (var i = 0; i < 25; i++)
            {
                var creator = generator.NextNew();
                (await creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
                saved.Add(creator.Id);
            }

            var follower = first.Services.GetRequiredService<CatalogFollower>();
            await follower.WaitUntilCaughtUpAsync().WaitAsync(Patience);
            (await SearchAllAsync(first)).ShouldBe(saved, ignoreOrder: true);
            await first.StopAsync();
            follower.Status.State.ShouldBe(CatalogFollowerState.Stopped, "stopping the host cancels the follower and waits for it");
        }

        using var second = Build(b => b.UseSqlite(path));
        await second.StartAsync();
        var again = second.Services.GetRequiredService<CatalogFollower>();
        await again.WaitUntilCaughtUpAsync().WaitAsync(Patience);

        again.Status.State.ShouldBe(CatalogFollowerState.Following);
        (await SearchAllAsync(second)).ShouldBe(saved, ignoreOrder: true);

        var later = generator.NextNew();
        (await second.Services.GetRequiredService<IRepository<Creator, CreatorId>>().SaveAsync(later)).IsSaved.ShouldBeTrue();
        await again.WaitUntilCaughtUpAsync().WaitAsync(Patience);
        (await SearchAllAsync(second)).ShouldContain(later.Id, "a creator saved while the host runs becomes searchable");
        await second.StopAsync();
    }

    [Fact]
    public async Task With_the_in_memory_store_saves_become_searchable()
    {
        using var host = Build(b => b.UseInMemory());
        await host.StartAsync();
        var creator = new CreatorGenerator(23, _clock).NextNew();

        (await host.Services.GetRequiredService<IRepository<Creator, CreatorId>>().SaveAsync(creator)).IsSaved.ShouldBeTrue();
        await host.Services.GetRequiredService<CatalogFollower>().WaitUntilCaughtUpAsync().WaitAsync(Patience);

        (await SearchAllAsync(host)).ShouldBe([creator.Id]);
        await host.StopAsync();
    }

    [Fact]
    public async Task An_application_that_feeds_the_catalog_itself_turns_the_follower_off_and_can_still_run_it()
    {
        var followed = new ServiceCollection().AddCreatorMarketplace(b => b.UseInMemory()).AddCreatorMarketplace(b => b.FollowStoreWithCatalog());
        var off = new ServiceCollection().AddCreatorMarketplace(b => b.UseInMemory().FollowStoreWithCatalog(false));
        var onAgain = new ServiceCollection().AddCreatorMarketplace(b => b.UseInMemory().FollowStoreWithCatalog(false).FollowStoreWithCatalog(true));

        followed.Count(d => d.ServiceType == typeof(IHostedService)).ShouldBe(1, "registered once, however often it is asked for");
        off.Count(d => d.ServiceType == typeof(IHostedService)).ShouldBe(0);
        onAgain.Count(d => d.ServiceType == typeof(IHostedService)).ShouldBe(1);

        using var host = Build(b => b.UseInMemory().FollowStoreWithCatalog(false));
        await host.StartAsync();
        (await host.Services.GetRequiredService<IRepository<Creator, CreatorId>>().SaveAsync(new CreatorGenerator(29, _clock).NextNew())).IsSaved.ShouldBeTrue();
        var follower = host.Services.GetRequiredService<CatalogFollower>();
        follower.Status.State.ShouldBe(CatalogFollowerState.Starting, "nothing runs it");
        (await SearchAllAsync(host)).ShouldBeEmpty();
        follower.ShouldBeSameAs(host.Services.GetRequiredService<CatalogFollower>());
        await host.StopAsync();
    }

    [Fact]
    public async Task A_partitioned_catalog_holds_only_its_markets_creators()
    {
        var partition = CatalogPartition.ByHomeCountry(Country.US, Country.GB);
        using var host = Build(b => b.UseInMemory().PartitionCatalog(partition));
        await host.StartAsync();
        var generator = new CreatorGenerator(29, _clock);
        var creators = Enumerable.Range(0, 40).Select(_ => generator.NextNew()).ToList();
        foreach (var creator in creators)
        {
            (await host.Services.GetRequiredService<IRepository<Creator, CreatorId>>().SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        var follower = host.Services.GetRequiredService<CatalogFollower>();
        await follower.WaitUntilCaughtUpAsync().WaitAsync(Patience);

        follower.Partition.ShouldBeSameAs(partition);
        var held = creators.Where(creator => partition.Holds(creator.ToListing())).Select(creator => creator.Id).ToList();
        held.Count.ShouldBeInRange(1, creators.Count - 1, "the generated creators live in several markets");
        (await SearchAllAsync(host)).ShouldBe(held, ignoreOrder: true);
        await host.StopAsync();
    }

    private static IHost Build(Action<CreatorMarketplaceBuilder> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddCreatorMarketplace(configure);
        return builder.Build();
    }

    private static async Task<List<CreatorId>> SearchAllAsync(IHost host)
    {
        var page = (await host.Services.GetRequiredService<ICreatorCatalog>().SearchAsync(new CreatorQuery { PageSize = 100 })).AsT0;
        return [.. page.Items.Select(listing => listing.Id)];
    }
}
