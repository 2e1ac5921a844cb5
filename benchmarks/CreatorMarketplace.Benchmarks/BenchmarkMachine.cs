using System.Globalization;

namespace CreatorMarketplace.Benchmarks;

/// <summary>The machine a measured harness ran on, as its report names it, and where the reports go.</summary>
internal static class BenchmarkMachine
{
    /// <summary>
    /// Two lines for a report: when it ran, on which .NET and system; the processor, its cores, the memory and the
    /// load average at the start and at the end of the run.
    /// </summary>
    public static string Describe(string loadAtStart, string loadAtEnd) => string.Create(
        CultureInfo.InvariantCulture,
        $"Run at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}, {Environment.OSVersion}{Environment.NewLine}{Processor()}, {Environment.ProcessorCount} cores, {Memory()}; load average {loadAtStart} at start, {loadAtEnd} at the end");

    /// <summary>The processor's model name (Linux), or "CPU unknown".</summary>
    private static string Processor() =>
        (File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null) ?? "CPU unknown";

    /// <summary>The machine's memory (Linux), e.g. "23.4 GB", or "memory unknown".</summary>
    private static string Memory()
    {
        var total = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))
            : null;
        return total?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var kilobytes, "kB"]
            ? string.Create(CultureInfo.InvariantCulture, $"{long.Parse(kilobytes, CultureInfo.InvariantCulture) / (1024.0 * 1024):F1} GB")
            : "memory unknown";
    }

    /// <summary>The load average over 1, 5 and 15 minutes (Linux), or "unknown".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>benchmarks/results, found upwards from the working directory (the repository's root under dotnet run), or the working directory.</summary>
    public static string ResultsDirectory()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var results = Path.Combine(directory.FullName, "benchmarks", "results");
            if (Directory.Exists(results))
            {
                return results;
            }
        }

        return Environment.CurrentDirectory;
    }
}
