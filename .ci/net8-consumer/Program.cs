// A .NET 8 application over the packages: a host with the SQLite store and the catalog following it saves a
// generated creator and finds it by a search; the other packages (ASP.NET Core's problem details among them) are used
// enough to load their net8.0 assemblies.
using System.Text.Json;
using CreatorMarketplace;
using CreatorMarketplace.AspNetCore;
using CreatorMarketplace.Connectors.Instagram;
using CreatorMarketplace.Connectors.TikTok;
using CreatorMarketplace.Connectors.YouTube;
using CreatorMarketplace.Creators;
using CreatorMarketplace.DependencyInjection;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Planning;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Serialization;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.PostgreSql;
using CreatorMarketplace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using OpenTelemetry;

var path = Path.Combine(Path.GetTempPath(), $"creator-marketplace-net8-{Guid.NewGuid():N}.db");
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Services.AddCreatorMarketplace(marketplace => marketplace.UseSqlite(path));
    using var host = builder.Build();
    await host.StartAsync();

    var creator = new CreatorGenerator(8, SystemClock.Instance).NextNew();
    var saved = await host.Services.GetRequiredService<IRepository<Creator, CreatorId>>().SaveAsync(creator);
    await host.Services.GetRequiredService<CatalogFollower>().WaitUntilCaughtUpAsync().WaitAsync(TimeSpan.FromSeconds(30));
    var found = (await host.Services.GetRequiredService<ICreatorCatalog>().SearchAsync(new CreatorQuery())).AsT0;
    var json = JsonSerializer.Serialize(creator.ToListing(), CreatorMarketplaceJson.Options);
    new PostgreSqlStoreOptions().Validate();
    new YouTubeConnectorOptions { ApiKey = "key" }.Validate();
    var problem = MarketplaceProblems.Validation([new DomainError("pageSize", "query.page_size_out_of_range", "a page holds 1 to 1000 results.")]);
    var test = CreatorTest.Create(
        "hooks", [new TestArm("a", TestArmKind.Brief, "brief A"), new TestArm("b", TestArmKind.Brief, "brief B")], TestMetric.ConversionRate, 0.5, 0.25, power: 0.9);
    await host.StopAsync();

    Console.WriteLine(
        $"On {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}: saved {saved.IsSaved}, found {found.TotalCount} creator(s), "
        + $"a listing of {json.Length} JSON characters, a problem of status {problem.Status}, {nameof(TikTokConnector)}, {nameof(YouTubeConnector)} and {nameof(InstagramConnector)} loaded, "
        + $"{typeof(CreatorMarketplaceInstrumentation).Assembly.GetName().Name} loaded, a creator test of {test.SampleSizePerArm} visits per arm.");
    return found.TotalCount == 1 && saved.IsSaved && test.SampleSizePerArm == 77 ? 0 : 1;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    File.Delete(path);
}
