using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Testing;
using NodaTime;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// A typical six-filter discovery search (countries, content labels, followers, engagement, audience gender,
/// price) on a generated catalog, against the LINQ a user would write over the same listings: the total and the
/// first page of 50 by engagement; the same with the facets; and the cost of one upsert.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DiscoveryBenchmarks
{
    /// <summary>The six-filter query, sorted by engagement, first page of 50; other benchmarks sort it otherwise.</summary>
    internal static readonly CreatorQuery Query = new()
    {
        Countries = [Country.US, Country.GB, Country.CA],
        ContentLabels = [new ContentLabel("beauty"), new ContentLabel("fashion"), new ContentLabel("lifestyle")],
        Followers = new(10_000, 1_000_000),
        EngagementRate = new(0.03, null),
        FollowerGender = new(AudienceGender.Female, 0.5),
        Price = new(Currency.USD, new(null, 5_000m)),
        Sort = CreatorSort.EngagementRate,
        PageSize = 50,
        IncludeFacets = false,
    };

    private static readonly CreatorQuery QueryWithFacets = Query with { IncludeFacets = true };

    private readonly IClock _clock = new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
    private List<CreatorListing> _listings = [];
    private List<Creator> _updatable = [];
    private InMemoryCreatorCatalog _catalog = new();
    private int _next;

    /// <summary>The catalog size.</summary>
    [Params(1_000_000)]
    public int Creators { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var generator = new CreatorGenerator(2026, _clock);
        _listings = new List<CreatorListing>(Creators);
        _updatable = [];
        foreach (var creator in generator.Generate(Creators))
        {
            _listings.Add(creator.ToListing());
            if (_updatable.Count < 10_000)
            {
                _updatable.Add(creator);
            }
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        _catalog = new InMemoryCreatorCatalog();
        foreach (var listing in _listings)
        {
            _catalog.UpsertAsync(listing).AsTask().GetAwaiter().GetResult();
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// index memory: {(after - before) / (double)Creators:F1} bytes per creator");
    }

    [Benchmark(Baseline = true, Description = "LINQ over listings: count + top 50")]
    [BenchmarkCategory("Search")]
    public (int, List<CreatorListing>) SearchWithLinq()
    {
        var matches = _listings.Where(Query.Matches).ToList();
        matches.Sort(Query.Compare);
        return (matches.Count, matches.Take(Query.PageSize).ToList());
    }

    [Benchmark(Description = "InMemoryCreatorCatalog: count + top 50")]
    [BenchmarkCategory("Search")]
    public CreatorSearchResult SearchWithCatalog() => _catalog.SearchAsync(Query).AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "LINQ over listings: count + top 50 + facets")]
    [BenchmarkCategory("Search with facets")]
    public (int, List<CreatorListing>, int) FacetsWithLinq()
    {
        var matches = _listings.Where(Query.Matches).ToList();
        var countries = matches.GroupBy(c => c.Profile.HomeCountry).ToDictionary(g => g.Key, g => g.Count());
        var languages = matches.SelectMany(c => c.Profile.Languages).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var labels = matches.SelectMany(c => c.Profile.ContentLabels).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var tiers = matches.GroupBy(c => c.Tier).ToDictionary(g => g.Key, g => g.Count());
        matches.Sort(Query.Compare);
        return (matches.Count, matches.Take(Query.PageSize).ToList(), countries.Count + languages.Count + labels.Count + tiers.Count);
    }

    [Benchmark(Description = "InMemoryCreatorCatalog: count + top 50 + facets")]
    [BenchmarkCategory("Search with facets")]
    public CreatorSearchResult FacetsWithCatalog() => _catalog.SearchAsync(QueryWithFacets).AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "Upsert one changed creator (snapshot + write)")]
    [BenchmarkCategory("Upsert")]
    public bool Upsert()
    {
        var creator = _updatable[_next++ % _updatable.Count];
        creator.MarkStored(creator.Version + 1);
        return _catalog.UpsertAsync(creator.ToListing()).AsTask().GetAwaiter().GetResult();
    }
}
