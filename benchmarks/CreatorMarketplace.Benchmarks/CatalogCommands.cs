using System.Diagnostics;
using System.Globalization;
using CreatorMarketplace.Creators;
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

        var random = new Random(2026);
        var newer = Enumerable.Range(0, Math.Min(creators, 200_000)).Select(_ => Newer(listings[random.Next(listings.Count)])).ToList();
        Measure("upsert of a newer version", newer.Count, () =>
        {
            foreach (var listing in newer)
            {
                catalog.UpsertAsync(listing).AsTask().GetAwaiter().GetResult();
            }
        });
        return 0;
    }

    private static void Measure(string what, int count, Action action)
    {
        var cost = CostOf(count, action);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: {cost.WallMicroseconds:F2} us wall, {cost.ProcessorMicroseconds:F2} us processor, {cost.AllocatedBytes:F0} B allocated each; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
    }

    // The wall-clock time, processor time (every thread of the process) and bytes allocated per item of an action.
    private static Cost CostOf(int count, Action action)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var process = Process.GetCurrentProcess();
        var (processor, allocated, clock) = (process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true), Stopwatch.StartNew());
        action();
        var wall = clock.Elapsed;
        process.Refresh();
        return new Cost(
            wall.TotalMicroseconds / count,
            (process.TotalProcessorTime - processor).TotalMicroseconds / count,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)count);
    }

    // The listing one version on, each part as it was.
    private static CreatorListing Newer(CreatorListing listing) =>
        CreatorListing.Create(listing.Id, listing.Version + 1, listing.RegisteredAt, listing.Profile, listing.Accounts, listing.Audience, listing.RateCard, listing.Badges, listing.OnVacation, listing.PastCampaignCount, listing.ComplianceHistory);

    // The whole number after the option's name, or the default.
    private static int Int(string[] args, string name, int otherwise)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : otherwise;
    }

    private readonly record struct Cost(double WallMicroseconds, double ProcessorMicroseconds, double AllocatedBytes);
}
