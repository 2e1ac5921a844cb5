using BenchmarkDotNet.Attributes;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Storage.PostgreSql;
using CreatorMarketplace.Testing;
using Npgsql;
using NodaTime;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// Filling a new <see cref="PostgreSqlCreatorCatalog"/> with 20,000 generated listings: one upsert (one transaction)
/// per creator, as a catalog follower did before, against the bulk load (<see cref="PostgreSqlCreatorCatalog.LoadAsync"/>:
/// binary <c>COPY</c> of 5,000 listings at a time, merged in one statement each). Each invocation starts from an empty
/// schema. Runs when CREATOR_MARKETPLACE_POSTGRES names a server; divide by 20,000 for a creator.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BulkReadBenchmarks.OneMeasuredInvocation))]
public class PostgreSqlCatalogLoadBenchmarks
{
    private const int Creators = 20_000;
    private const string Schema = "bench_catalog_load";

    private NpgsqlDataSource _postgres = null!;
    private List<CreatorListing> _listings = [];
    private PostgreSqlCreatorCatalog _catalog = null!;

    [GlobalSetup]
    public void Setup()
    {
        var connectionString = BenchmarkServer.ConnectionString("PostgreSqlCatalogLoadBenchmarks fills a PostgreSQL catalog");
        _postgres = NpgsqlDataSource.Create(connectionString);
        _listings = new CreatorGenerator(2026, new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(Creators).Select(creator => creator.ToListing()).ToList();
    }

    [IterationSetup]
    public void EmptySchema()
    {
        using (var drop = _postgres.CreateCommand($"""DROP SCHEMA IF EXISTS "{Schema}" CASCADE;"""))
        {
            drop.ExecuteNonQuery();
        }

        _catalog = new PostgreSqlCreatorCatalog(_postgres, new PostgreSqlStoreOptions { Schema = Schema });
        _catalog.MigrateAsync().AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        using (var drop = _postgres.CreateCommand($"""DROP SCHEMA IF EXISTS "{Schema}" CASCADE;"""))
        {
            drop.ExecuteNonQuery();
        }

        _postgres.Dispose();
    }

    [Benchmark(Baseline = true, Description = "20,000 listings into a new PostgreSQL catalog: UpsertAsync each")]
    public async Task<int> UpsertEach()
    {
        var stored = 0;
        foreach (var listing in _listings)
        {
            stored += await _catalog.UpsertAsync(listing) ? 1 : 0;
        }

        return Checked(stored);
    }

    [Benchmark(Description = "20,000 listings into a new PostgreSQL catalog: LoadAsync (binary COPY, merged per batch)")]
    public async Task<int> BulkLoad() => Checked(await _catalog.LoadAsync(Stream()));

    private async IAsyncEnumerable<CreatorListing> Stream()
    {
        foreach (var listing in _listings)
        {
            await Task.CompletedTask;
            yield return listing;
        }
    }

    private static int Checked(int creators) =>
        creators == Creators ? creators : throw new InvalidOperationException($"{creators} creators were stored, not {Creators}.");
}
