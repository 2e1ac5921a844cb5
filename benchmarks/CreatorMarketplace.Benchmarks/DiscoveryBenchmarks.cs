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
/// price) on a generated catalog: the total and the first page of 50 by engagement; the same with the facets; and the
/// cost of one upsert. Against, in the same run and over the same creators: the best plain C# a skilled user writes
/// (<see cref="FlatCreators"/>: a flat array of structs extracted once, one loop, a bounded heap; the baseline),
/// DuckDB in-process on one thread (<see cref="DuckDbCreators"/>), and LINQ with direct lambdas over the listings.
/// LINQ through the query's own meaning (<c>Where(query.Matches)</c>, a general interpreter) is kept as a footnote.
/// Every engine's total and page are checked equal before anything is measured.
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
    // Built once per process and size: in process, every benchmark of the class runs on the same engines, and
    // generating a million creators and loading DuckDB for each would take most of the run. The upserts only move
    // versions, so the searches after them answer the same.
    private static List<CreatorListing> s_listings = [];
    private static List<Creator> s_updatable = [];
    private static InMemoryCreatorCatalog s_catalog = new();
    private static FlatCreators s_flat = null!;
    private static DuckDbCreators? s_duckDb;
    private static int s_next;

    /// <summary>The catalog size.</summary>
    [Params(1_000_000)]
    public int Creators { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (s_listings.Count == Creators)
        {
            return;
        }

        var generator = new CreatorGenerator(2026, _clock);
        s_listings = new List<CreatorListing>(Creators);
        s_updatable = [];
        foreach (var creator in generator.Generate(Creators))
        {
            s_listings.Add(creator.ToListing());
            if (s_updatable.Count < 10_000)
            {
                s_updatable.Add(creator);
            }
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        s_catalog = new InMemoryCreatorCatalog();
        foreach (var listing in s_listings)
        {
            s_catalog.UpsertAsync(listing).AsTask().GetAwaiter().GetResult();
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        // The catalog keeps its listings encoded, apart from the originals held here: this is all it keeps.
        Console.WriteLine($"// catalog memory: {(after - before) / (double)Creators:F1} bytes per creator");

        s_flat = new FlatCreators(s_listings);
        s_duckDb?.Dispose();
        s_duckDb = new DuckDbCreators(s_listings);
        SameAnswers();
    }

    // Every engine answers the same: a benchmark of a wrong answer measures nothing.
    private void SameAnswers()
    {
        var page = SearchWithCatalog().AsT0;
        var expected = (page.TotalCount, Ids: string.Join(",", page.Items.Select(item => item.Id)));
        var answers = new (string Engine, int Total, IEnumerable<CreatorListing> Page)[]
        {
            ("LINQ, direct lambdas", SearchWithDirectLinq().Item1, SearchWithDirectLinq().Item2),
            ("LINQ, the query's meaning", SearchWithLinq().Item1, SearchWithLinq().Item2),
            ("flat structs", SearchWithFlatStructs().Total, SearchWithFlatStructs().Page),
            ("flat structs with facets", FacetsWithFlatStructs().Total, FacetsWithFlatStructs().Page),
            ("DuckDB", SearchWithDuckDb().Total, SearchWithDuckDb().Page),
        };
        foreach (var (engine, total, items) in answers)
        {
            var ids = string.Join(",", items.Select(item => item.Id));
            if (total != expected.TotalCount || ids != expected.Ids)
            {
                throw new InvalidOperationException($"{engine} answers {total} creators, the catalog {expected.TotalCount}, or another page.");
            }
        }

        Console.WriteLine($"// every engine: {expected.TotalCount} creators, the same first page of {page.Items.Count}");
    }

    [Benchmark(Baseline = true, Description = "Flat structs, one loop, a heap: count + top 50")]
    [BenchmarkCategory("Search")]
    public (int Total, CreatorListing[] Page) SearchWithFlatStructs() => s_flat.Search(Query.PageSize);

    [Benchmark(Description = "DuckDB in-process, 1 thread: count + top 50")]
    [BenchmarkCategory("Search")]
    public (int Total, CreatorListing[] Page) SearchWithDuckDb() => s_duckDb!.Search(Query.PageSize);

    [Benchmark(Description = "LINQ, direct lambdas: count + top 50")]
    [BenchmarkCategory("Search")]
    public (int, List<CreatorListing>) SearchWithDirectLinq()
    {
        var matches = s_listings.Where(DirectlyMatches).ToList();
        matches.Sort(ByEngagement);
        return (matches.Count, matches.Take(Query.PageSize).ToList());
    }

    [Benchmark(Description = "LINQ, the query's meaning (footnote): count + top 50")]
    [BenchmarkCategory("Search")]
    public (int, List<CreatorListing>) SearchWithLinq()
    {
        var matches = s_listings.Where(Query.Matches).ToList();
        matches.Sort(Query.Compare);
        return (matches.Count, matches.Take(Query.PageSize).ToList());
    }

    [Benchmark(Description = "InMemoryCreatorCatalog: count + top 50")]
    [BenchmarkCategory("Search")]
    public CreatorSearchResult SearchWithCatalog() => s_catalog.SearchAsync(Query).AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "Flat structs, one loop, a heap: count + top 50 + facets")]
    [BenchmarkCategory("Search with facets")]
    public (int Total, CreatorListing[] Page, int Buckets) FacetsWithFlatStructs() => s_flat.SearchWithFacets(Query.PageSize);

    [Benchmark(Description = "LINQ, direct lambdas: count + top 50 + facets")]
    [BenchmarkCategory("Search with facets")]
    public (int, List<CreatorListing>, int) FacetsWithLinq()
    {
        var matches = s_listings.Where(DirectlyMatches).ToList();
        var countries = matches.GroupBy(c => c.Profile.HomeCountry).ToDictionary(g => g.Key, g => g.Count());
        var languages = matches.SelectMany(c => c.Profile.Languages).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var labels = matches.SelectMany(c => c.Profile.ContentLabels).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var tiers = matches.GroupBy(c => c.Tier).ToDictionary(g => g.Key, g => g.Count());
        matches.Sort(ByEngagement);
        return (matches.Count, matches.Take(Query.PageSize).ToList(), countries.Count + languages.Count + labels.Count + tiers.Count);
    }

    [Benchmark(Description = "InMemoryCreatorCatalog: count + top 50 + facets")]
    [BenchmarkCategory("Search with facets")]
    public CreatorSearchResult FacetsWithCatalog() => s_catalog.SearchAsync(QueryWithFacets).AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "Upsert one changed creator (snapshot + write)")]
    [BenchmarkCategory("Upsert")]
    public bool Upsert()
    {
        var creator = s_updatable[s_next++ % s_updatable.Count];
        creator.MarkStored(creator.Version + 1);
        return s_catalog.UpsertAsync(creator.ToListing()).AsTask().GetAwaiter().GetResult();
    }

    // The query's six filters as a user writes them against the listings, once, with direct lambdas.
    private static readonly HashSet<Country> QueryCountries = [Country.US, Country.GB, Country.CA];
    private static readonly HashSet<ContentLabel> QueryLabels = [new("beauty"), new("fashion"), new("lifestyle")];

    private static bool DirectlyMatches(CreatorListing creator) =>
        QueryCountries.Contains(creator.Profile.HomeCountry)
        && creator.Profile.ContentLabels.Any(QueryLabels.Contains)
        && creator.PrimaryAccount.Stats.Followers is >= 10_000 and <= 1_000_000
        && creator.PrimaryAccount.Stats.EngagementRate >= 0.03
        && creator.Audience.Gender is { } gender && gender[AudienceGender.Female].Fraction >= 0.5
        && creator.RateCard?.LowestPrice is { } price && price.Currency == Currency.USD && price.MinorUnits <= 500_000;

    private static int ByEngagement(CreatorListing left, CreatorListing right)
    {
        var byRate = Nullable.Compare(right.PrimaryAccount.Stats.EngagementRate, left.PrimaryAccount.Stats.EngagementRate);
        return byRate != 0 ? byRate : left.Id.CompareTo(right.Id);
    }
}
