using System.Globalization;
using CreatorMarketplace.Discovery.InMemory;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// What the in-memory catalog keeps per creator: generated listings are loaded from a stream (the generator makes each
/// when the load asks for it, and nothing else holds it), and the managed heap is measured after a full blocking
/// collection before and after, divided by the count. The figure is bytes, so a loaded machine does not change it.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- memory [--creators 1000000]</c>
/// </remarks>
internal static class CatalogMemory
{
    public static int Run(string[] args)
    {
        var creators = CommandOptions.Int(args, "--creators", 1_000_000);
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
}
