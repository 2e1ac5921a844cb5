using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Storage.PostgreSql;
using Npgsql;
using NodaTime;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// The discovery benchmark's searches on a <see cref="PostgreSqlCreatorCatalog"/> against the in-memory catalog over
/// the same generated creators: the six filters (total + first 50), the same with facets, and the keyword search.
/// The catalog's schema is kept between runs (one per size, loaded again only when it does not hold the size's
/// creators), since loading a million takes minutes. Runs when CREATOR_MARKETPLACE_POSTGRES names a server.
/// </summary>
/// <remarks>
/// The class sets its own job, so run it without <c>--job</c>:
/// <c>--filter '*PostgreSqlCatalogSearchBenchmarks*'</c>. A schema the <c>postgres-load</c> command loaded is reused.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[Config(typeof(ShortRunWithLongSetup))]
public class PostgreSqlCatalogSearchBenchmarks
{
    /// <summary>
    /// The short job in the benchmarks' own process, given half an hour for each benchmark rather than the in-process
    /// toolchain's five minutes: the first setup of a process generates the million creators and, when the schema
    /// does not hold them, loads them into it, which takes longer than five minutes on a busy machine.
    /// </summary>
    public sealed class ShortRunWithLongSetup : ManualConfig
    {
        /// <summary>The job.</summary>
        public ShortRunWithLongSetup() =>
            AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    }

    private static readonly CreatorQuery SixFilters = DiscoveryBenchmarks.Query;
    private static readonly CreatorQuery WithFacets = SixFilters with { IncludeFacets = true };
    private static readonly CreatorQuery Keyword = KeywordBenchmarks.Query;

    private static (int Creators, List<CreatorListing> Listings, InMemoryCreatorCatalog Catalog)? Generated;

    // The size whose schema this process has loaded or found loaded, vacuumed and checked: the first setup does it,
    // the other benchmarks of the class search the same schema.
    private static int? Prepared;

    private NpgsqlDataSource _postgres = null!;
    private PostgreSqlCreatorCatalog _onServer = null!;
    private InMemoryCreatorCatalog _inMemory = null!;

    /// <summary>The catalog size.</summary>
    [Params(1_000_000)]
    public int Creators { get; set; }

    private string Schema => $"bench_catalog_{Creators}";

    [GlobalSetup]
    public void Setup()
    {
        _postgres = NpgsqlDataSource.Create(BenchmarkServer.ConnectionString("PostgreSqlCatalogSearchBenchmarks searches a PostgreSQL catalog"));
        // Generated once per process and size: in process, every benchmark of the class searches the same catalog.
        if (Generated?.Creators != Creators)
        {
            var (generated, catalog) = GeneratedCatalog.Create(Creators, new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0)));
            Generated = (Creators, generated, catalog);
        }

        var (_, listings, inMemory) = Generated.Value;
        _inMemory = inMemory;
        _onServer = new PostgreSqlCreatorCatalog(_postgres, new PostgreSqlStoreOptions { Schema = Schema });
        if (Prepared == Creators)
        {
            return;
        }

        _onServer.MigrateAsync().AsTask().GetAwaiter().GetResult();
        if (Count() != Creators)
        {
            // A new catalog: one migrates its schema once, and this one already has.
            Execute($"""DROP SCHEMA "{Schema}" CASCADE;""");
            _onServer = new PostgreSqlCreatorCatalog(_postgres, new PostgreSqlStoreOptions { Schema = Schema });
            _onServer.MigrateAsync().AsTask().GetAwaiter().GetResult();
            _onServer.LoadAsync(listings.ToAsyncEnumerable()).AsTask().GetAwaiter().GetResult();
        }

        // One statement each: VACUUM runs outside a transaction, and several statements in one command make one.
        foreach (var table in new[] { "creator_catalog", "creator_catalog_labels", "creator_catalog_audience", "creator_catalog_accounts" })
        {
            Execute($"""VACUUM ANALYZE "{Schema}".{table};""");
        }

        foreach (var query in new[] { SixFilters, WithFacets, Keyword })
        {
            var (server, memory) = (Answer(_onServer, query), Answer(_inMemory, query));
            if (server != memory)
            {
                throw new InvalidOperationException($"The PostgreSQL catalog answers {server}, the in-memory one {memory}.");
            }

            Console.WriteLine($"// both catalogs: {memory}");
        }

        Prepared = Creators;
    }

    [GlobalCleanup]
    public void Cleanup() => _postgres.Dispose();

    [Benchmark(Baseline = true, Description = "InMemoryCreatorCatalog: six filters, count + top 50")]
    [BenchmarkCategory("Six filters")]
    public CreatorSearchResult SixFiltersInMemory() => Search(_inMemory, SixFilters);

    [Benchmark(Description = "PostgreSqlCreatorCatalog: six filters, count + top 50")]
    [BenchmarkCategory("Six filters")]
    public CreatorSearchResult SixFiltersOnServer() => Search(_onServer, SixFilters);

    [Benchmark(Baseline = true, Description = "InMemoryCreatorCatalog: six filters, count + top 50 + facets")]
    [BenchmarkCategory("Facets")]
    public CreatorSearchResult FacetsInMemory() => Search(_inMemory, WithFacets);

    [Benchmark(Description = "PostgreSqlCreatorCatalog: six filters, count + top 50 + facets")]
    [BenchmarkCategory("Facets")]
    public CreatorSearchResult FacetsOnServer() => Search(_onServer, WithFacets);

    [Benchmark(Baseline = true, Description = "InMemoryCreatorCatalog: keyword, count + top 50")]
    [BenchmarkCategory("Keyword")]
    public CreatorSearchResult KeywordInMemory() => Search(_inMemory, Keyword);

    [Benchmark(Description = "PostgreSqlCreatorCatalog: keyword, count + top 50")]
    [BenchmarkCategory("Keyword")]
    public CreatorSearchResult KeywordOnServer() => Search(_onServer, Keyword);

    private static CreatorSearchResult Search(ICreatorCatalog catalog, CreatorQuery query) => catalog.SearchAsync(query).AsTask().GetAwaiter().GetResult();

    // What a search answers, to compare: the total, the page's ids and the facets' counts.
    private static string Answer(ICreatorCatalog catalog, CreatorQuery query)
    {
        var page = Search(catalog, query).AsT0;
        var facets = page.Facets is { } f
            ? string.Join(";", new[] { f.ByCountry.Count, f.ByLanguage.Count, f.ByContentLabel.Count, f.ByTier.Count }) + ";" + string.Join(",", f.ByCountry.OrderBy(pair => pair.Key.Code, StringComparer.Ordinal).Select(pair => $"{pair.Key.Code}={pair.Value}"))
            : "no facets";
        return $"{page.TotalCount} creators, page {string.Join(",", page.Items.Select(item => item.Id)).GetHashCode(StringComparison.Ordinal):X8}, {facets}";
    }

    private long Count()
    {
        using var count = _postgres.CreateCommand($"""SELECT count(*) FROM "{Schema}".creator_catalog;""");
        return (long)count.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var command = _postgres.CreateCommand(sql);
        command.ExecuteNonQuery();
    }
}
