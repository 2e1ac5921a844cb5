using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Testing;
using NodaTime;

namespace CreatorMarketplace.Benchmarks;

/// <summary>The catalog the search benchmarks run on: generated creators (seed 2026) and an in-memory catalog of them.</summary>
internal static class GeneratedCatalog
{
    /// <summary>
    /// The listings of <paramref name="creators"/> creators generated with seed 2026 on 25 November 2026, as a stream:
    /// each is made when it is asked for, and nothing here holds it.
    /// </summary>
    public static IEnumerable<CreatorListing> Listings(int creators) =>
        new CreatorGenerator(2026, new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(creators).Select(creator => creator.ToListing());

    /// <summary>The listings of <paramref name="creators"/> generated creators, and a catalog holding them.</summary>
    public static (List<CreatorListing> Listings, InMemoryCreatorCatalog Catalog) Create(int creators, IClock clock)
    {
        var listings = new CreatorGenerator(2026, clock).Generate(creators).Select(creator => creator.ToListing()).ToList();
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(listings);
        return (listings, catalog);
    }
}
