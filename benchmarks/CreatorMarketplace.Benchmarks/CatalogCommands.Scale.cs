using System.Diagnostics;
using System.Globalization;
using System.Text;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Tests;

namespace CreatorMarketplace.Benchmarks;

internal static partial class CatalogCommands
{
    private const int WarmSearches = 10;
    private const int GeneratorSample = 200_000;

    /// <summary>
    /// The in-memory catalog at each size asked for: generated creators loaded from a stream (nothing else holds
    /// them, so ten million fit where their listings as objects would not), then the whole catalog's bytes per creator
    /// (as <see cref="Memory"/> measures them), the load's wall-clock and processor time per creator, and the
    /// discovery benchmark's six-filter search and the scoring benchmark's six filters + score + top 100, each run
    /// many times with warm caches for their median and 99th percentile. Before anything is timed, both searches'
    /// totals and first pages are checked against the queries' own meaning over the same stream generated again, so
    /// that a fast wrong answer cannot pass. The table goes to stdout and to benchmarks/results.
    /// </summary>
    /// <remarks>
    /// <c>dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- scale [--creators 100000,1000000,10000000] [--searches 200]</c>
    /// </remarks>
    public static int Scale(string[] args)
    {
        var at = Array.IndexOf(args, "--creators");
        var sizes = at >= 0 && at + 1 < args.Length
            ? args[at + 1].Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToArray()
            : [100_000, 1_000_000, 10_000_000];
        var searches = Int(args, "--searches", 200);
        var loadAtStart = BenchmarkMachine.LoadAverage();

        // Compiled and tiered before the first size is timed, which would otherwise pay for the JIT: the runtime
        // recompiles a method optimised only after it has been called 30 times and no new method has been compiled
        // for a while, so the searches run for seconds, not a few dozen times.
        var warm = new InMemoryCreatorCatalog();
        warm.Load(GeneratedCatalog.Listings(20_000));
        for (var warming = Stopwatch.StartNew(); warming.Elapsed < TimeSpan.FromSeconds(3);)
        {
            Percentiles(warm, DiscoveryBenchmarks.Query, WarmSearches);
            Percentiles(warm, ScoringBenchmarks.Query, WarmSearches);
        }

        var rows = new List<ScaleRow>();
        foreach (var creators in sizes)
        {
            rows.Add(AtScale(creators, searches));
            Console.WriteLine(rows[^1].ToMarkdown());
        }

        var report = ScaleReport(rows, searches, loadAtStart);
        Console.WriteLine(report);
        var path = Path.Combine(BenchmarkMachine.ResultsDirectory(), "CreatorMarketplace.Benchmarks.Scale-report.md");
        File.WriteAllText(path, report);
        Console.WriteLine($"Written to {path}");
        return 0;
    }

    private static ScaleRow AtScale(int creators, int searches)
    {
        var generating = CostOf(Math.Min(creators, GeneratorSample), () => GeneratedCatalog.Listings(Math.Min(creators, GeneratorSample)).Count());
        var before = HeapAfterFullCollection();
        var catalog = new InMemoryCreatorCatalog();
        var loading = CostOf(creators, () =>
        {
            if (catalog.Load(GeneratedCatalog.Listings(creators)) != creators || catalog.Count != creators)
            {
                throw new InvalidOperationException($"The catalog holds {catalog.Count} creators, not {creators}.");
            }
        });
        var after = HeapAfterFullCollection();

        var matches = SameAsStreamed(catalog, creators);
        var sixFilters = Percentiles(catalog, DiscoveryBenchmarks.Query, searches);
        var scored = Percentiles(catalog, ScoringBenchmarks.Query, searches);
        GC.KeepAlive(catalog);
        using var process = Process.GetCurrentProcess();
        return new ScaleRow(creators, (after.Total - before.Total) / (double)creators, loading, generating, matches, sixFilters, scored, process.PeakWorkingSet64);
    }

    // Both queries' totals and first pages equal to their own meaning over the creators generated again: a second
    // pass over the generator, since nothing kept the first. Answers the six filters' total.
    private static int SameAsStreamed(InMemoryCreatorCatalog catalog, int creators)
    {
        CreatorQuery[] queries = [DiscoveryBenchmarks.Query, ScoringBenchmarks.Query];
        var expected = StreamedSearch.Answer(GeneratedCatalog.Listings(creators), queries);
        for (var i = 0; i < queries.Length; i++)
        {
            var page = catalog.SearchAsync(queries[i]).AsTask().GetAwaiter().GetResult().AsT0;
            if (page.TotalCount != expected[i].Total || !page.Items.Select(item => item.Id).SequenceEqual(expected[i].Page.Select(item => item.Id)))
            {
                throw new InvalidOperationException(
                    $"At {creators:N0} creators the catalog answers {page.TotalCount:N0} creators to query {i}, the query's meaning {expected[i].Total:N0}, or another page.");
            }
        }

        return expected[0].Total;
    }

    // The median and 99th percentile of a search's wall-clock time, run many times in a row after a few untimed
    // (caches warm), and its median processor time (the searching thread's), which a busy machine inflates less.
    private static SearchTimes Percentiles(InMemoryCreatorCatalog catalog, CreatorQuery query, int searches)
    {
        for (var i = 0; i < WarmSearches; i++)
        {
            catalog.SearchAsync(query).AsTask().GetAwaiter().GetResult();
        }

        var milliseconds = new double[searches];
        var processor = new double[searches];
        for (var i = 0; i < searches; i++)
        {
            var (started, processorAtStart) = (Stopwatch.GetTimestamp(), ThreadProcessorMicroseconds());
            catalog.SearchAsync(query).AsTask().GetAwaiter().GetResult();
            processor[i] = (ThreadProcessorMicroseconds() - processorAtStart) / 1000;
            milliseconds[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(milliseconds);
        Array.Sort(processor);
        double At(double[] sorted, double fraction) => sorted[Math.Clamp((int)Math.Ceiling(fraction * searches) - 1, 0, searches - 1)];
        return new SearchTimes(At(milliseconds, 0.50), At(milliseconds, 0.99), At(processor, 0.50));
    }

    private readonly record struct SearchTimes(double P50, double P99, double ProcessorP50);

    private static string ScaleReport(List<ScaleRow> rows, int searches, string loadAtStart)
    {
        var text = new StringBuilder();
        text.AppendLine("# The in-memory catalog at scale");
        text.AppendLine();
        text.AppendLine("```");
        text.AppendLine(BenchmarkMachine.Describe(loadAtStart, BenchmarkMachine.LoadAverage()));
        text.AppendLine(CultureInfo.InvariantCulture, $"Generated creators (seed 2026) loaded from a stream; each search {searches} times after {WarmSearches} untimed (and 3 s of both on 20,000 creators before the first size), caches warm");
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("| Creators | Bytes per creator | Load per creator: wall, processor | Generating alone: wall, processor | Six filters: matches | Six filters: p50, p99; processor p50 | Six filters + score + top 100: p50, p99; processor p50 | Peak working set |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            text.AppendLine(row.ToMarkdown());
        }

        text.AppendLine();
        text.AppendLine(
            "Bytes: the managed heap after a full compacting collection, loaded minus before, per creator: the whole catalog, index and encoded listings. " +
            "Load: `InMemoryCreatorCatalog.Load` of the generator's stream, which makes each listing as the load asks for it, so the load's times include " +
            $"generating; the generator alone is measured on the first {GeneratorSample:N0}. Processor time: for the load, every thread of the process, the collector's included; for a search, the searching thread's. " +
            "Both searches' totals and first pages were checked equal to the queries' own meaning over the creators generated again before they were timed.");
        return text.ToString();
    }

    private sealed record ScaleRow(
        int Creators,
        double BytesPerCreator,
        Cost Loading,
        Cost Generating,
        int Matches,
        SearchTimes SixFilters,
        SearchTimes Scored,
        long PeakWorkingSet)
    {
        public string ToMarkdown() => string.Create(
            CultureInfo.InvariantCulture,
            $"| {Creators:N0} | {BytesPerCreator:N0} | {Loading.WallMicroseconds:F2} µs, {Loading.ProcessorMicroseconds:F2} µs | {Generating.WallMicroseconds:F2} µs, {Generating.ProcessorMicroseconds:F2} µs | {Matches:N0} | {SixFilters.P50:F2} ms, {SixFilters.P99:F2} ms; {SixFilters.ProcessorP50:F2} ms | {Scored.P50:F2} ms, {Scored.P99:F2} ms; {Scored.ProcessorP50:F2} ms | {PeakWorkingSet / (1024.0 * 1024 * 1024):F1} GB |");
    }
}
