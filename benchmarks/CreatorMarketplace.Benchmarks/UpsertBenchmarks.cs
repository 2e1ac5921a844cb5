using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// Upserting newer versions of random creators into a catalog of a million, in steady state: the catalog is loaded and
/// takes a million upserts before any is measured, as a catalog following a store has after running for a while. Each
/// invocation upserts a million newer versions, made in the iteration's setup, so that it holds about one compaction
/// (a catalog compacts once its retired rows outnumber its living ones): the figure per upsert counts its share.
/// Right after a load, before any compaction, an upsert costs less (<c>load-time</c>; docs/performance.md). The same
/// million newer versions are also given to the catalog at once, through <see cref="InMemoryCreatorCatalog.Load"/>,
/// as an application refreshing every creator's statistics would.
/// Against, in the same run and with the same listings: a dictionary of listings held as objects (what a user keeps
/// who has no catalog), and the array of structs the flat loop searches, a row replaced in place through a dictionary
/// from id to index.
/// </summary>
/// <remarks>
/// An iteration setup makes BenchmarkDotNet time one invocation per iteration, so the class sets its own job:
/// run it without <c>--job</c>, e.g. <c>--filter '*UpsertBenchmarks*'</c>.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(OneMillionUpsertsPerIteration))]
public class UpsertBenchmarks
{
    private const int Creators = 1_000_000;
    private const int Upserts = 1_000_000;

    /// <summary>
    /// One invocation per iteration (an iteration setup allows no more), five measured after two warm-ups, in the
    /// benchmarks' own process, and no forced collection before each iteration: a catalog that has run for a while
    /// has had none, and over its gigabytes one would take seconds.
    /// </summary>
    public sealed class OneMillionUpsertsPerIteration : ManualConfig
    {
        /// <summary>The job.</summary>
        public OneMillionUpsertsPerIteration() =>
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1).WithGcForce(false).WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    }

    private readonly Random _random = new(2026);
    private CreatorListing[] _latest = [];
    private CreatorListing[] _newer = [];
    private InMemoryCreatorCatalog _catalog = new();
    private Dictionary<CreatorId, CreatorListing> _held = [];
    private Dictionary<CreatorId, int> _rowOf = [];
    private BulkLoadBenchmarks.ListingRow[] _rows = [];

    [GlobalSetup(Targets = [nameof(UpsertIntoCatalog), nameof(LoadIntoCatalog)])]
    public void LoadCatalog()
    {
        _latest = [.. GeneratedCatalog.Listings(Creators)];
        _catalog = new InMemoryCreatorCatalog();
        _catalog.Load(_latest);
        MakeNewer();
        if (UpsertIntoCatalog() != Upserts)
        {
            throw new InvalidOperationException("The catalog did not store every newer version.");
        }

        // Every 100th creator comes back from the catalog as it was last given.
        for (var i = 0; i < Creators; i += 100)
        {
            if (!_latest[i].Equals(_catalog.FindAsync(_latest[i].Id).AsTask().GetAwaiter().GetResult()))
            {
                throw new InvalidOperationException($"The catalog does not give back the listing of creator {_latest[i].Id} as it was last given.");
            }
        }
    }

    [GlobalSetup(Targets = [nameof(UpsertIntoDictionary), nameof(UpsertIntoStructs)])]
    public void FillPlainCollections()
    {
        _latest = [.. GeneratedCatalog.Listings(Creators)];
        _held = _latest.ToDictionary(listing => listing.Id);
        _rows = [.. _latest.Select(BulkLoadBenchmarks.ListingRow.Of)];
        _rowOf = Enumerable.Range(0, Creators).ToDictionary(i => _latest[i].Id);
    }

    /// <summary>The next upserts: each a newer version of a random creator than any given before.</summary>
    [IterationSetup]
    public void MakeNewer()
    {
        _newer = new CreatorListing[Upserts];
        for (var i = 0; i < Upserts; i++)
        {
            _newer[i] = CatalogCommands.Newer(ref _latest[_random.Next(Creators)]);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Upserts, Description = "Dictionary of listings held as objects")]
    public int UpsertIntoDictionary()
    {
        var stored = 0;
        foreach (var listing in _newer)
        {
            ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(_held, listing.Id, out var exists);
            if (!exists || held!.Version < listing.Version)
            {
                held = listing;
                stored++;
            }
        }

        return stored;
    }

    [Benchmark(OperationsPerInvoke = Upserts, Description = "Plain C#: an array of structs, a row replaced by id")]
    public int UpsertIntoStructs()
    {
        var stored = 0;
        foreach (var listing in _newer)
        {
            ref var row = ref _rows[_rowOf[listing.Id]];
            if (row.Version < listing.Version)
            {
                row = BulkLoadBenchmarks.ListingRow.Of(listing);
                stored++;
            }
        }

        return stored;
    }

    [Benchmark(OperationsPerInvoke = Upserts, Description = "InMemoryCreatorCatalog.UpsertAsync")]
    public int UpsertIntoCatalog()
    {
        var stored = 0;
        foreach (var listing in _newer)
        {
            stored += _catalog.UpsertAsync(listing).AsTask().GetAwaiter().GetResult() ? 1 : 0;
        }

        return stored;
    }

    [Benchmark(OperationsPerInvoke = Upserts, Description = "InMemoryCreatorCatalog.Load of them all at once")]
    public int LoadIntoCatalog() => _catalog.Load(_newer);
}
