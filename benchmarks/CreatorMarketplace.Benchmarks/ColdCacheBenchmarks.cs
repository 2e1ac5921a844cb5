using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using NodaTime;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// The searches of the discovery, scoring and keyword benchmarks as a search arriving between other work finds the
/// processor: before every single invocation the caches are cleared by writing a buffer four times the size of the
/// last-level cache, so each search reads its columns from memory. Against the same baselines, in the same run: the
/// flat structs (<see cref="FlatCreators"/>), DuckDB in-process on one thread and, for the keyword, LINQ with direct
/// lambdas. Every engine's total and first page are checked equal first.
/// </summary>
/// <remarks>
/// An iteration setup makes BenchmarkDotNet time one invocation per iteration, so the class sets its own job:
/// run it without <c>--job</c>, e.g. <c>--filter '*ColdCacheBenchmarks*'</c>.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[Config(typeof(OneInvocationPerIteration))]
public class ColdCacheBenchmarks
{
    /// <summary>
    /// One invocation per iteration (an iteration setup allows no more), 25 measured after 3 warm-ups, in the
    /// benchmarks' own process so that the engines are built once for every benchmark of the class (with time for
    /// that), and no forced collection before each iteration, which over the engines' gigabytes would take seconds.
    /// </summary>
    public sealed class OneInvocationPerIteration : ManualConfig
    {
        /// <summary>The job.</summary>
        public OneInvocationPerIteration() =>
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(25).WithInvocationCount(1).WithUnrollFactor(1).WithGcForce(false).WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    }

    // Four times this machine's 32 MB last-level cache: every line the previous search left is evicted.
    private const int EvictionBytes = 128 << 20;

    private static readonly CreatorQuery Query = DiscoveryBenchmarks.Query;
    private static readonly CreatorQuery QueryWithFacets = Query with { IncludeFacets = true };
    private static readonly CreatorQuery ScoredQuery = ScoringBenchmarks.Query;
    private static readonly CreatorQuery KeywordQuery = KeywordBenchmarks.Query;

    private static Engines? Built;

    private readonly byte[] _eviction = new byte[EvictionBytes];
    private byte _pass;

    /// <summary>The catalog size.</summary>
    [Params(1_000_000)]
    public int Creators { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Built once per process and size: in process, every benchmark of the class runs on the same engines, and
        // generating a million creators and loading DuckDB for each would take most of the run.
        if (Built?.Creators != Creators)
        {
            Built?.DuckDb.Dispose();
            Built = null;
            var (listings, catalog) = GeneratedCatalog.Create(Creators, new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0)));
            Built = new Engines(Creators, listings, catalog, new FlatCreators(listings), new DuckDbCreators(listings));
            Same("six filters", SixFiltersOnCatalog().AsT0, [SixFiltersWithFlatStructs(), SixFiltersWithDuckDb()]);
            var facets = FacetsWithFlatStructs();
            Same("facets", FacetsOnCatalog().AsT0, [(facets.Total, facets.Page)]);
            Same("score", ScoredOnCatalog().AsT0, [ScoredWithFlatStructs()]);
            var keyword = KeywordWithLinq();
            Same("keyword", KeywordOnCatalog().AsT0, [(keyword.Item1, keyword.Item2.ToArray())]);
            Warm(
                () => SixFiltersWithFlatStructs(), () => SixFiltersWithDuckDb(), () => SixFiltersOnCatalog(),
                () => FacetsWithFlatStructs(), () => FacetsOnCatalog(),
                () => ScoredWithFlatStructs(), () => ScoredOnCatalog(),
                () => KeywordWithLinq(), () => KeywordOnCatalog());
        }
    }

    // The caches are to be cold, not the code: one invocation per iteration and three warm-ups leave a search's
    // methods running unoptimized for its first dozen iterations (the scored search took 11 to 16 ms then, 2 ms
    // after), so each search first runs often enough for the runtime to compile it fully, as it is in a service.
    internal static void Warm(params Action[] searches)
    {
        foreach (var search in searches)
        {
            for (var (runs, clock) = (0, System.Diagnostics.Stopwatch.StartNew()); runs < WarmRuns && clock.Elapsed < WarmTime; runs++)
            {
                search();
            }
        }

        // Tiered compilation promotes methods on a background thread once calls stop arriving at the lower tier.
        Thread.Sleep(TimeSpan.FromSeconds(1));
        foreach (var search in searches)
        {
            search();
        }
    }

    private const int WarmRuns = 60;
    private static readonly TimeSpan WarmTime = TimeSpan.FromSeconds(5);

    // Writes every cache line of a buffer larger than the caches, so that none of the catalog's lines stay.
    [IterationSetup]
    public void ClearCaches()
    {
        _pass++;
        for (var i = 0; i < _eviction.Length; i += 64)
        {
            _eviction[i] = _pass;
        }
    }

    [Benchmark(Baseline = true, Description = "Flat structs, one loop, a heap: count + top 50, cold")]
    [BenchmarkCategory("Six filters")]
    public (int Total, CreatorListing[] Page) SixFiltersWithFlatStructs() => Built!.Flat.Search(Query.PageSize);

    [Benchmark(Description = "DuckDB in-process, 1 thread: count + top 50, cold")]
    [BenchmarkCategory("Six filters")]
    public (int Total, CreatorListing[] Page) SixFiltersWithDuckDb() => Built!.DuckDb.Search(Query.PageSize);

    [Benchmark(Description = "InMemoryCreatorCatalog: count + top 50, cold")]
    [BenchmarkCategory("Six filters")]
    public CreatorSearchResult SixFiltersOnCatalog() => Built!.Catalog.SearchAsync(Query).AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "Flat structs: count + top 50 + facets, cold")]
    [BenchmarkCategory("Facets")]
    public (int Total, CreatorListing[] Page, int Buckets) FacetsWithFlatStructs() => Built!.Flat.SearchWithFacets(Query.PageSize);

    [Benchmark(Description = "InMemoryCreatorCatalog: count + top 50 + facets, cold")]
    [BenchmarkCategory("Facets")]
    public CreatorSearchResult FacetsOnCatalog() => Built!.Catalog.SearchAsync(QueryWithFacets).AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "Flat structs, score the matches: top 100, cold")]
    [BenchmarkCategory("Score")]
    public (int Total, CreatorListing[] Page) ScoredWithFlatStructs() => Built!.Flat.SearchByScore(ScoredQuery.PageSize, ScoredQuery.Score!);

    [Benchmark(Description = "InMemoryCreatorCatalog: 6 filters + score + top 100, cold")]
    [BenchmarkCategory("Score")]
    public CreatorSearchResult ScoredOnCatalog() => Built!.Catalog.SearchAsync(ScoredQuery).AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "LINQ, direct lambdas (OrdinalIgnoreCase): keyword count + top 50, cold")]
    [BenchmarkCategory("Keyword")]
    public (int, List<CreatorListing>) KeywordWithLinq() => KeywordBenchmarks.DirectLambdas(Built!.Listings);

    [Benchmark(Description = "InMemoryCreatorCatalog: keyword count + top 50, cold")]
    [BenchmarkCategory("Keyword")]
    public CreatorSearchResult KeywordOnCatalog() => Built!.Catalog.SearchAsync(KeywordQuery).AsTask().GetAwaiter().GetResult();

    // A benchmark of a wrong answer measures nothing.
    private static void Same(string search, CreatorSearchPage catalog, IEnumerable<(int Total, CreatorListing[] Page)> others)
    {
        foreach (var (total, page) in others)
        {
            if (total != catalog.TotalCount || !page.Select(item => item.Id).SequenceEqual(catalog.Items.Select(item => item.Id)))
            {
                throw new InvalidOperationException($"{search}: an engine answers {total} creators, the catalog {catalog.TotalCount}, or another page.");
            }
        }

        Console.WriteLine($"// {search}: every engine {catalog.TotalCount:N0} creators, the same first page of {catalog.Items.Count}");
    }

    private sealed record Engines(int Creators, List<CreatorListing> Listings, InMemoryCreatorCatalog Catalog, FlatCreators Flat, DuckDbCreators DuckDb);
}
