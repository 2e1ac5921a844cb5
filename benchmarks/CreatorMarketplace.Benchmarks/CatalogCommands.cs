using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;

namespace CreatorMarketplace.Benchmarks;

/// <summary>The benchmarks' own commands about the in-memory catalog, beside BenchmarkDotNet's (see Program.cs).</summary>
internal static partial class CatalogCommands
{
    /// <summary>
    /// What the in-memory catalog keeps per creator: generated listings are loaded from a stream (the generator makes each
    /// when the load asks for it, and nothing else holds it), and the managed heap is measured after a full blocking
    /// collection before and after, divided by the count. The figure is bytes, so a loaded machine does not change it.
    /// </summary>
    /// <remarks>
    /// <c>dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- memory [--creators 1000000]</c>
    /// </remarks>
    public static int Memory(string[] args)
    {
        var creators = Int(args, "--creators", 1_000_000);
        var before = HeapAfterFullCollection();
        var catalog = new InMemoryCreatorCatalog();
        var loaded = catalog.Load(GeneratedCatalog.Listings(creators));
        var after = HeapAfterFullCollection();
        if (loaded != creators || catalog.Count != creators)
        {
            throw new InvalidOperationException($"The catalog holds {catalog.Count} creators, not {creators}.");
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{creators:N0} creators: {(after.Total - before.Total) / (double)creators:N0} bytes per creator (GC.GetTotalMemory), {(after.Heap - before.Heap) / (double)creators:N0} (GCMemoryInfo.HeapSizeBytes)"));
        GC.KeepAlive(catalog);
        return 0;
    }

    private static (long Total, long Heap) HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var total = GC.GetTotalMemory(forceFullCollection: true);
        return (total, GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes);
    }

    /// <summary>
    /// The bulk load's processor time and allocations per creator beside its wall-clock time (generated listings held in
    /// memory, as <see cref="BulkLoadBenchmarks"/> holds them, loaded into a new catalog several times), then the same
    /// for upserts in steady state (a newer version of 200,000 of the creators, one by one into the last catalog loaded).
    /// On a machine shared with other work the wall clock says little; processor time (every thread of the process, the
    /// collector's included) and bytes allocated say more, and two builds run one after the other under the same load
    /// can be compared on them. <see cref="BulkLoadBenchmarks"/> remains the measurement to quote from a quiet machine.
    /// </summary>
    /// <remarks>
    /// <c>dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- load-time [--creators 1000000] [--rounds 5]</c>
    /// </remarks>
    public static int LoadTime(string[] args)
    {
        var creators = Int(args, "--creators", 1_000_000);
        var rounds = Int(args, "--rounds", 5);
        var listings = GeneratedCatalog.Listings(creators).ToList();
        var catalog = new InMemoryCreatorCatalog();
        for (var round = 1; round <= rounds; round++)
        {
            catalog = new InMemoryCreatorCatalog();
            Measure($"load, round {round}", creators, () =>
            {
                if (catalog.Load(listings) != creators)
                {
                    throw new InvalidOperationException($"The catalog holds {catalog.Count} creators, not {creators}.");
                }
            });
        }

        // Each a version newer than any before it of its creator, so that every one is stored: a creator drawn twice
        // gets two versions on.
        var (random, latest) = (new Random(2026), listings.ToArray());
        var newer = Enumerable.Range(0, Math.Min(creators, 200_000)).Select(_ => Newer(ref latest[random.Next(latest.Length)])).ToList();
        Measure("upsert of a newer version", newer.Count, () =>
        {
            foreach (var listing in newer)
            {
                catalog.UpsertAsync(listing).AsTask().GetAwaiter().GetResult();
            }
        });
        return 0;
    }

    /// <summary>
    /// The processor time of one search on the generated catalog (loaded once), for the discovery benchmark's six
    /// filters, the same with facets, the scoring benchmark's six filters + score + top 100, and the keyword benchmark's
    /// "garcia" by followers: each search first with cold caches (a buffer four times the last-level cache written
    /// before it, as <see cref="ColdCacheBenchmarks"/> does), then warm, then each after the process has been idle for
    /// 20 ms, as a search arriving at a quiet service finds it (its other cores asleep). The time is the searching
    /// thread's own (clock_gettime's thread clock, to the nanosecond), and beside it every thread's of the process,
    /// which counts the chunks a search of a large catalog hands to the other cores; other work on a busy machine changes either
    /// less than the wall clock, so two builds run one after the other can be compared on them. The wall clock is
    /// printed too: on a quiet machine it is what a caller waits, work handed to the other core included. Every
    /// search is run often enough to be fully compiled before any is measured.
    /// <see cref="ColdCacheBenchmarks"/> remains the measurement to quote from a quiet machine.
    /// </summary>
    /// <remarks>
    /// <c>dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- search-time [--creators 1000000] [--searches 200]</c>
    /// </remarks>
    public static int SearchTime(string[] args)
    {
        var creators = Int(args, "--creators", 1_000_000);
        var searches = Int(args, "--searches", 200);
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(GeneratedCatalog.Listings(creators));
        var eviction = new byte[EvictionBytes];
        (string Name, CreatorQuery Query)[] queries =
        [
            ("six filters", DiscoveryBenchmarks.Query),
            ("six filters + facets", DiscoveryBenchmarks.Query with { IncludeFacets = true }),
            ("six filters + score + top 100", ScoringBenchmarks.Query),
            ("keyword \"garcia\" by followers", KeywordBenchmarks.Query),
        ];
        // The caches are to be cold, not the code: every search is first compiled fully, as ColdCacheBenchmarks does.
        ColdCacheBenchmarks.Warm([.. queries.Select(entry => (Action)(() => catalog.SearchAsync(entry.Query).AsTask().GetAwaiter().GetResult()))]);
        foreach (var (name, query) in queries)
        {
            var total = catalog.SearchAsync(query).AsTask().GetAwaiter().GetResult().AsT0.TotalCount;
            foreach (var condition in new[] { Cold, "warm", AfterIdle })
            {
                var times = new double[searches];
                var everyThread = new double[searches];
                var wall = new double[searches];
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                for (var search = 0; search < searches; search++)
                {
                    if (condition == Cold)
                    {
                        Evict(eviction, (byte)search);
                    }
                    else if (condition == AfterIdle)
                    {
                        Thread.Sleep(IdleMilliseconds);
                    }

                    var (start, processStart, wallStart) = (ThreadProcessorMicroseconds(), ProcessorMicroseconds(ProcessClock), Stopwatch.GetTimestamp());
                    catalog.SearchAsync(query).AsTask().GetAwaiter().GetResult();
                    times[search] = ThreadProcessorMicroseconds() - start;
                    everyThread[search] = ProcessorMicroseconds(ProcessClock) - processStart;
                    wall[search] = Stopwatch.GetElapsedTime(wallStart).TotalMicroseconds;
                }

                allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                Array.Sort(times);
                Array.Sort(everyThread);
                Array.Sort(wall);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name}, {condition} ({total:N0} of {creators:N0}): median {times[searches / 2] / 1000:F3} ms, p10 {times[searches / 10] / 1000:F3}, p90 {times[searches * 9 / 10] / 1000:F3}, mean {times.Average() / 1000:F3} ms processor per search (every thread of the process: median {everyThread[searches / 2] / 1000:F3}, mean {everyThread.Average() / 1000:F3}; wall clock: median {wall[searches / 2] / 1000:F3}, mean {wall.Average() / 1000:F3}); {allocated / (double)searches:F0} B allocated each; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
            }
        }

        GC.KeepAlive(catalog);
        return 0;
    }

    // Four times this machine's 32 MB last-level cache, as ColdCacheBenchmarks evicts.
    private const int EvictionBytes = 128 << 20;

    // search-time's conditions besides warm: the caches cleared, or the process idle for a while, as a search
    // arriving at a quiet service finds it (its other cores asleep).
    private const string Cold = "cold";
    private const string AfterIdle = "after 20 ms idle";
    private const int IdleMilliseconds = 20;

    // Writes every cache line of a buffer larger than the caches, so that none of the catalog's lines stay.
    private static void Evict(byte[] eviction, byte pass)
    {
        for (var i = 0; i < eviction.Length; i += 64)
        {
            eviction[i] = pass;
        }
    }

    // The calling thread's processor time in microseconds (CLOCK_THREAD_CPUTIME_ID); the process's, read from
    // /proc in ticks of 10 ms, is too coarse for one search.
    private static double ThreadProcessorMicroseconds() => ProcessorMicroseconds(ThreadClock);

    // A processor-time clock in microseconds: the calling thread's, or every thread's of the process
    // (CLOCK_PROCESS_CPUTIME_ID, to the nanosecond too), which counts the chunks a search hands to the other cores.
    private static double ProcessorMicroseconds(int clock)
    {
        if (ClockGetTime(clock, out var time) != 0)
        {
            throw new InvalidOperationException($"clock_gettime({clock}) failed.");
        }

        return (time.Seconds * 1e6) + (time.Nanoseconds / 1e3);
    }

    private const int ProcessClock = 2;
    private const int ThreadClock = 3;

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static void Measure(string what, int count, Action action)
    {
        var cost = CostOf(count, action);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: {cost.WallMicroseconds:F2} us wall, {cost.ProcessorMicroseconds:F2} us processor, {cost.AllocatedBytes:F0} B allocated each; collections gen0/1/2 {cost.Collections}, {cost.PausedMilliseconds:F0} ms paused; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
    }

    // The wall-clock time, processor time (every thread of the process) and bytes allocated per item of an action, and
    // the collections it caused with their pauses in all: where the processor time goes when the heap is gigabytes.
    private static Cost CostOf(int count, Action action)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var process = Process.GetCurrentProcess();
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var paused = GC.GetTotalPauseDuration();
        var (processor, allocated, clock) = (process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true), Stopwatch.StartNew());
        action();
        var wall = clock.Elapsed;
        process.Refresh();
        return new Cost(
            wall.TotalMicroseconds / count,
            (process.TotalProcessorTime - processor).TotalMicroseconds / count,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)count,
            string.Join('/', collections.Select((before, generation) => GC.CollectionCount(generation) - before)),
            (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
    }

    // The listing one version on, each part as it was, which becomes the latest.
    internal static CreatorListing Newer(ref CreatorListing latest) =>
        latest = CreatorListing.Create(latest.Id, latest.Version + 1, latest.RegisteredAt, latest.Profile, latest.Accounts, latest.Audience, latest.RateCard, latest.Badges, latest.OnVacation, latest.PastCampaignCount, latest.ComplianceHistory);

    // The whole number after the option's name, or the default.
    private static int Int(string[] args, string name, int otherwise)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : otherwise;
    }

    private readonly record struct Cost(double WallMicroseconds, double ProcessorMicroseconds, double AllocatedBytes, string Collections, double PausedMilliseconds);
}
