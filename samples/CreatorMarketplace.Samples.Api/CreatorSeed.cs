using CreatorMarketplace.Creators;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Testing;
using NodaTime;

namespace CreatorMarketplace.Samples.Api;

/// <summary>Generated creators stored on first start, so that a new database has something to search.</summary>
internal static class CreatorSeed
{
    /// <summary>How many creators a first start stores (<c>Marketplace:SeedCreators</c>, 200 unless given).</summary>
    public const string CountKey = "Marketplace:SeedCreators";

    // A fixed seed: every new database holds the same creators.
    private const int Seed = 21;

    public static async Task SeedIfEmptyAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var creators = services.GetRequiredService<IRepository<Creator, CreatorId>>();
        await foreach (var _ in creators.ReadAsync(pageSize: 1, cancellationToken: cancellationToken))
        {
            return;
        }

        var generator = new CreatorGenerator(Seed, services.GetRequiredService<IClock>());
        for (var i = configuration.GetValue(CountKey, 200); i > 0; i--)
        {
            (await creators.SaveAsync(generator.NextNew(), cancellationToken)).ThrowIfConflict();
        }
    }
}
