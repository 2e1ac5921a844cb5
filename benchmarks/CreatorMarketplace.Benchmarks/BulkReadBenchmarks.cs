using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.PostgreSql;
using CreatorMarketplace.Testing;
using Npgsql;
using NodaTime;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// A catalog following a PostgreSQL store at start: 1,000,000 creators read from the store in keyset pages, restored
/// through the store's own reading path, and loaded into a new in-memory catalog
/// (<c>store.Creators.ReadListingsAsync()</c> into <see cref="InMemoryCreatorCatalog.LoadAsync"/>), against reading
/// them alone. Runs when CREATOR_MARKETPLACE_POSTGRES names a server. The figure is the whole million: divide by
/// 1,000,000 for a creator.
/// </summary>
/// <remarks>
/// The million creators are seeded once per database, in a schema of their own kept for later runs: 10,000 generated
/// creators are saved through the store, so that their documents are the store's own, and each stored row is then
/// copied in SQL under new ids (its id replaced in its document too), which takes seconds where a million saves
/// would take many minutes. A seeded schema holding any other number of creators is seeded again.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(OneMeasuredInvocation))]
public class BulkReadBenchmarks
{
    private const int Creators = 1_000_000;
    private const int Saved = 10_000;
    private const string Schema = "bench_bulk_read_1m";
    private const string Kind = nameof(Creator); // the aggregates table's kind of a creator

    private NpgsqlDataSource _postgres = null!;
    private PostgreSqlMarketplaceStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        var connectionString = BenchmarkServer.ConnectionString("BulkReadBenchmarks reads a PostgreSQL store");
        _postgres = NpgsqlDataSource.Create(connectionString);
        _store = new PostgreSqlMarketplaceStore(_postgres, new PostgreSqlStoreOptions { Schema = Schema });
        _store.MigrateAsync().AsTask().GetAwaiter().GetResult();
        if (Scalar($"""SELECT count(*) FROM "{Schema}".aggregates WHERE kind = '{Kind}';""") != Creators)
        {
            Seed();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _postgres.Dispose(); // the seeded schema stays for the next run

    [Benchmark(Baseline = true, Description = "Read 1,000,000 listings: ReadListingsAsync")]
    public async Task<int> Read()
    {
        var read = 0;
        await foreach (var _ in _store.Creators.ReadListingsAsync())
        {
            read++;
        }

        return Checked(read);
    }

    [Benchmark(Description = "Read 1,000,000 listings into a new catalog: ReadListingsAsync into LoadAsync")]
    public async Task<int> ReadIntoCatalog()
    {
        var catalog = new InMemoryCreatorCatalog();
        return Checked(await catalog.LoadAsync(_store.Creators.ReadListingsAsync()));
    }

    /// <summary>
    /// One measured invocation and no warm-up, in the benchmarks' own process: an invocation reads a million creators
    /// for most of a minute, which dwarfs the first call's compiling, and BenchmarkDotNet's own pilot would run it
    /// for many minutes.
    /// </summary>
    public sealed class OneMeasuredInvocation : ManualConfig
    {
        /// <summary>The job.</summary>
        public OneMeasuredInvocation() =>
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(1).WithToolchain(InProcessEmitToolchain.Instance));
    }

    private static int Checked(int creators) =>
        creators == Creators ? creators : throw new InvalidOperationException($"{creators} creators were read, not {Creators}.");

    private void Seed()
    {
        Execute($"""DELETE FROM "{Schema}".aggregates; DELETE FROM "{Schema}".outbox;""");
        var creators = new CreatorGenerator(2026, new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(Saved).ToList();

        // The generator's creators count as stored at version 1: a placeholder row of that version is written for
        // each, which the store's own save then replaces with the creator's document.
        using (var placeholders = _postgres.CreateCommand($"""
            INSERT INTO "{Schema}".aggregates (kind, id, version, schema_version, document)
            SELECT '{Kind}', id, 1, 1, json_build_object() FROM unnest(@ids) AS id;
            """))
        {
            placeholders.Parameters.AddWithValue("ids", creators.Select(creator => creator.Id.Value).ToArray());
            placeholders.ExecuteNonQuery();
        }

        foreach (var creator in creators)
        {
            _store.Creators.SaveAsync(creator).AsTask().GetAwaiter().GetResult().ThrowIfConflict();
        }

        // Each saved document copied under new ids: the id appears in the document as the uuid's text.
        Execute($"""
            INSERT INTO "{Schema}".aggregates (kind, id, version, schema_version, document)
            SELECT a.kind, copy.id, a.version, a.schema_version, replace(a.document::text, a.id::text, copy.id::text)::json
            FROM "{Schema}".aggregates a
            CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id, a.id AS original FROM generate_series(2, {Creators / Saved})) copy
            WHERE a.kind = '{Kind}';
            ANALYZE "{Schema}".aggregates;
            """);
    }

    private long Scalar(string sql)
    {
        using var command = _postgres.CreateCommand(sql);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var command = _postgres.CreateCommand(sql);
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
