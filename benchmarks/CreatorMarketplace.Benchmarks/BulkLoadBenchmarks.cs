using BenchmarkDotNet.Attributes;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Testing;
using NodaTime;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// Filling a fresh in-memory catalog with a million generated listings, as a catalog following a store does at start:
/// <see cref="InMemoryCreatorCatalog.Load"/> against upserting them one by one (the baseline), and against the plain
/// C# a user would write instead of a catalog, an array of structs filled from the listings. Each figure is per
/// creator. One invocation takes seconds, so BenchmarkDotNet's ShortRun runs one invocation per iteration.
/// </summary>
[MemoryDiagnoser]
public class BulkLoadBenchmarks
{
    private const int Creators = 1_000_000;

    private List<CreatorListing> _listings = [];

    [GlobalSetup]
    public void Setup()
    {
        _listings = GeneratedCatalog.Listings(Creators).ToList();
        var (upserted, loaded) = (UpsertOneByOne(), Load());
        if (upserted.Count != Creators || loaded.Count != Creators)
        {
            throw new InvalidOperationException($"The catalogs hold {upserted.Count} and {loaded.Count} creators, not {Creators}.");
        }

        // The catalogs keep listings encoded: every 1,000th comes back from both equal to the one given.
        for (var i = 0; i < Creators; i += 1_000)
        {
            var listing = _listings[i];
            if (!listing.Equals(Find(upserted, listing)) || !listing.Equals(Find(loaded, listing)))
            {
                throw new InvalidOperationException($"The catalogs do not give back the listing of creator {listing.Id} as it was given.");
            }
        }
    }

    private static CreatorListing? Find(InMemoryCreatorCatalog catalog, CreatorListing listing) =>
        catalog.FindAsync(listing.Id).AsTask().GetAwaiter().GetResult();

    // Each invocation fills a new catalog: the one before is garbage, as a catalog rebuilt at start leaves none.
    [Benchmark(Baseline = true, OperationsPerInvoke = Creators, Description = "Upsert each listing into a new catalog")]
    public InMemoryCreatorCatalog UpsertOneByOne()
    {
        var catalog = new InMemoryCreatorCatalog();
        foreach (var listing in _listings)
        {
            catalog.UpsertAsync(listing).AsTask().GetAwaiter().GetResult();
        }

        return catalog;
    }

    [Benchmark(OperationsPerInvoke = Creators, Description = "InMemoryCreatorCatalog.Load into a new catalog")]
    public InMemoryCreatorCatalog Load()
    {
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(_listings);
        return catalog;
    }

    [Benchmark(OperationsPerInvoke = Creators, Description = "Plain C#: an array of structs from the listings")]
    public ListingRow[] FillStructs()
    {
        var rows = new ListingRow[_listings.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = ListingRow.Of(_listings[i]);
        }

        return rows;
    }

    /// <summary>What a user keeps per creator to filter without a catalog: the id and a few searchable numbers.</summary>
    public readonly record struct ListingRow(
        CreatorId Id,
        long Version,
        Country HomeCountry,
        long Followers,
        long? MedianViews,
        double? EngagementRate,
        long? LowestPriceMinorUnits,
        bool OnVacation)
    {
        /// <summary>The row of a listing.</summary>
        public static ListingRow Of(CreatorListing listing)
        {
            var stats = listing.PrimaryAccount.Stats;
            return new ListingRow(
                listing.Id,
                listing.Version,
                listing.Profile.HomeCountry,
                stats.Followers,
                stats.MedianViews,
                stats.EngagementRate,
                listing.RateCard?.LowestPrice?.MinorUnits,
                listing.OnVacation);
        }
    }
}
