using CreatorMarketplace.ReadModels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CreatorMarketplace.Samples.Api.Tests;

/// <summary>The sample over a SQLite file of its own, deleted afterwards, seeded with <see cref="SeededCreators"/> creators.</summary>
public class SampleApiFactory : WebApplicationFactory<Program>
{
    public const int SeededCreators = 120;

    private readonly string _folder = Directory.CreateTempSubdirectory("creator-marketplace-api-").FullName;

    /// <summary>A client once the catalog holds every seeded creator.</summary>
    public async Task<HttpClient> CreateReadyClientAsync()
    {
        var client = CreateClient();
        await Services.GetRequiredService<CatalogFollower>().WaitUntilCaughtUpAsync();
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) => Configure(builder);

    /// <summary>Sets the sample's configuration up.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Marketplace:SqlitePath", Path.Combine(_folder, "marketplace.db"));
        builder.UseSetting("Marketplace:SeedCreators", SeededCreators.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
