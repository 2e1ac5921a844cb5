using BenchmarkDotNet.Attributes;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// Finding a creator in the in-memory catalog, which keeps listings encoded and decodes each one it gives back, as it
/// decodes every listing of a search's page: against a dictionary of the listings as objects, the catalog a user
/// would write who keeps them whole (about 2.4 KB each). 1,000 creators spread over 100,000 per invocation; each
/// figure is per creator.
/// </summary>
[MemoryDiagnoser]
public class FindBenchmarks
{
    private const int Creators = 100_000;
    private const int Finds = 1_000;

    private InMemoryCreatorCatalog _catalog = new();
    private Dictionary<CreatorId, CreatorListing> _held = [];
    private CreatorId[] _ids = [];

    [GlobalSetup]
    public void Setup()
    {
        var listings = GeneratedCatalog.Listings(Creators).ToList();
        _catalog = new InMemoryCreatorCatalog();
        _catalog.Load(listings);
        _held = listings.ToDictionary(listing => listing.Id);
        _ids = Enumerable.Range(0, Finds).Select(i => listings[i * (Creators / Finds)].Id).ToArray();
        foreach (var id in _ids)
        {
            if (!_held[id].Equals(_catalog.FindAsync(id).AsTask().GetAwaiter().GetResult()))
            {
                throw new InvalidOperationException($"The catalog does not give back the listing of creator {id} as it was given.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Finds, Description = "Dictionary of listings held as objects")]
    public CreatorListing? FindHeld()
    {
        CreatorListing? found = null;
        foreach (var id in _ids)
        {
            found = _held[id];
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Finds, Description = "InMemoryCreatorCatalog.FindAsync (decoded)")]
    public CreatorListing? FindInCatalog()
    {
        CreatorListing? found = null;
        foreach (var id in _ids)
        {
            found = _catalog.FindAsync(id).AsTask().GetAwaiter().GetResult();
        }

        return found;
    }
}
