using BenchmarkDotNet.Attributes;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Eligibility;
using NodaTime;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// The shipped TikTok policy over a generated catalog: every creator eligible as of an instant, counted, with the
/// 50 with the most followers. The baseline evaluates the policy creator by creator on the listings, as a user
/// would with LINQ; the catalog decides it on its columns.
/// </summary>
[MemoryDiagnoser]
public class EligibilityBenchmarks
{
    private static readonly Instant AsOf = Instant.FromUtc(2026, 11, 25, 12, 0);
    private static readonly MarketplacePolicy Policy = MarketplacePolicy.TikTokCreatorMarketplace;
    private static readonly CreatorQuery Query = new()
    {
        Eligibility = new(Policy, AsOf),
        Sort = CreatorSort.Followers,
        PageSize = 50,
        IncludeFacets = false,
    };

    private List<CreatorListing> _listings = [];
    private InMemoryCreatorCatalog _catalog = new();

    /// <summary>The catalog size.</summary>
    [Params(1_000_000)]
    public int Creators { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_listings, _catalog) = GeneratedCatalog.Create(Creators, new NodaTime.Testing.FakeClock(AsOf - Duration.FromDays(1)));
        var eligible = _listings.Count(listing => Policy.ForCreators.Evaluate(listing, AsOf).IsEligible);
        Console.WriteLine($"// eligible: {eligible:N0} of {Creators:N0}");
    }

    [Benchmark(Baseline = true, Description = "Per-object policy over listings: count + top 50")]
    public (int, List<CreatorListing>) PerObject()
    {
        var eligible = _listings.Where(listing => Policy.ForCreators.Evaluate(listing, AsOf).IsEligible).ToList();
        eligible.Sort(Query.Compare);
        return (eligible.Count, eligible.Take(Query.PageSize).ToList());
    }

    [Benchmark(Description = "In-memory catalog, eligibility on columns: count + top 50")]
    public CreatorSearchPage Columnar() => _catalog.SearchAsync(Query).AsTask().GetAwaiter().GetResult().AsT0;
}
