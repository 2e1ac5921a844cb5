using System.Diagnostics;
using System.Globalization;
using System.Text;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Storage.PostgreSql;
using CreatorMarketplace.Testing;
using NodaTime;
using Npgsql;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// The lag from a save in one process to the change being visible in another process's search, measured across a
/// process boundary, which BenchmarkDotNet cannot do: this process seeds a fresh PostgreSQL schema, starts
/// <see cref="LagFollower"/> in a second process (an application's generic host following the store), saves
/// creators at a steady rate and tells the follower which version of which creator it saved, and when. The follower
/// reports when each became visible; this process writes the percentiles to stdout and to benchmarks/results.
/// </summary>
/// <remarks>
/// Times on both sides are <see cref="Stopwatch.GetTimestamp"/>, which on Linux reads <c>CLOCK_MONOTONIC</c>, one
/// clock for every process of the machine; the follower checks that no timestamp it is sent lies in its future.
/// </remarks>
internal static class LagHarness
{
    /// <summary>The schema the harness drops and seeds on every run.</summary>
    public const string Schema = "bench_lag";

    private const int Seeded = 10_000;
    internal const int MaxSavesInFlight = 32;
    private const int NewCreatorEvery = 5; // one save in five registers a new creator, the others change one

    /// <summary>Runs the harness: <c>lag [--rate 1000] [--seconds 30]</c>.</summary>
    /// <param name="args">The arguments after <c>lag</c>.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Option(args, "--rate", 1_000);
        var seconds = Option(args, "--seconds", 30);
        var connectionString = BenchmarkServer.ConnectionString("The lag harness writes to PostgreSQL");
        var loadAtStart = BenchmarkMachine.LoadAverage();

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgreSqlMarketplaceStore(dataSource, new PostgreSqlStoreOptions { Schema = Schema });
        await using (var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE;"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await store.MigrateAsync();
        var clock = SystemClock.Instance;
        var generator = new CreatorGenerator(2026, clock);
        var creators = Enumerable.Range(0, Seeded).Select(_ => generator.NextNew()).ToList();
        await Parallel.ForEachAsync(creators, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (creator, cancellationToken) =>
            (await store.Creators.SaveAsync(creator, cancellationToken)).ThrowIfConflict());
        Console.WriteLine($"Seeded {Seeded:N0} creators in schema {Schema}; starting the follower process");

        using var follower = StartFollower();
        var ready = await follower.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The follower process ended before it was ready.");
        Console.WriteLine($"Follower: {ready}");

        // Save number i is due at start + i / rate: each save starts at its time, not in bursts, with at most
        // MaxSavesInFlight under way (a save waits for the outbox's lock of the saves before it).
        var total = rate * seconds;
        var frequency = Stopwatch.Frequency;
        var inFlight = new SemaphoreSlim(MaxSavesInFlight);
        var saves = new List<Task>(total);
        var report = new object();
        var failed = 0;
        var next = 0;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)i * frequency / rate;
            while (Stopwatch.GetTimestamp() is var now && now < due)
            {
                if (due - now > frequency / 1_000)
                {
                    Thread.Sleep(1);
                }
                else
                {
                    Thread.Yield();
                }
            }

            await inFlight.WaitAsync();
            // Changes go round the seeded creators, so a creator is changed again only after thousands of other
            // saves, never while its last save is under way.
            var creator = i % NewCreatorEvery == 0 ? generator.NextNew() : creators[next++ % Seeded];
            creator.ChangeProfile(creator.Profile with { Bio = $"{creator.Profile.Bio.Split(" lagmark")[0]} {Mark(i)}" }, clock);
            var save = i;
            saves.Add(Task.Run(async () =>
            {
                try
                {
                    var saved = await store.Creators.SaveAsync(creator);
                    var at = Stopwatch.GetTimestamp();
                    if (saved.IsSaved)
                    {
                        lock (report)
                        {
                            follower.StandardInput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{creator.Id.Value} {creator.Version} {save} {at}"));
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(saves);
        var elapsed = Stopwatch.GetElapsedTime(start);
        lock (report)
        {
            follower.StandardInput.WriteLine("end");
            follower.StandardInput.Flush();
        }

        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await follower.StandardOutput.ReadLineAsync() is { } line)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            results[space < 0 ? line : line[..space]] = space < 0 ? string.Empty : line[(space + 1)..];
        }

        await follower.WaitForExitAsync();
        var lags = results.GetValueOrDefault("lags", string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(value => double.Parse(value, CultureInfo.InvariantCulture))
            .Order()
            .ToArray();
        var prepared = new NpgsqlConnectionStringBuilder(connectionString).MaxAutoPrepare;
        var run = new LagRun(rate, seconds, total - failed, failed, elapsed, lags, results, ready, loadAtStart, BenchmarkMachine.LoadAverage(), prepared);
        var markdown = run.ToMarkdown();
        Console.WriteLine(markdown);
        var path = Path.Combine(BenchmarkMachine.ResultsDirectory(), "CreatorMarketplace.Benchmarks.Lag-report.md");
        await File.WriteAllTextAsync(path, markdown);
        Console.WriteLine($"Written to {path}");
        return follower.ExitCode == 0 && lags.Length == total - failed ? 0 : 1;
    }

    /// <summary>The keyword that finds save number <paramref name="save"/> and no other: fixed width, so no mark holds another.</summary>
    /// <param name="save">The save's number.</param>
    /// <returns>The mark.</returns>
    public static string Mark(long save) => string.Create(CultureInfo.InvariantCulture, $"lagmark{save:D9}");

    private static Process StartFollower()
    {
        // The same program, in a process of its own: through its apphost, or through dotnet when started as a dll.
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The harness cannot find its own executable.");
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(LagHarness).Assembly.Location);
        }

        info.ArgumentList.Add("lag-follower");
        info.ArgumentList.Add(Schema);
        return Process.Start(info) ?? throw new InvalidOperationException("The follower process did not start.");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record LagRun(
        int Rate,
        int Seconds,
        int Saved,
        int Conflicts,
        TimeSpan Elapsed,
        double[] Lags,
        IReadOnlyDictionary<string, string> Follower,
        string Ready,
        string LoadAtStart,
        string LoadAtEnd,
        int MaxAutoPrepare)
    {
        public string ToMarkdown()
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"# Lag from a save to another process's search");
            text.AppendLine();
            text.AppendLine("```");
            text.AppendLine(BenchmarkMachine.Describe(LoadAtStart, LoadAtEnd));
            text.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL schema {Schema}, {Seeded:N0} creators seeded; follower: {Ready}");
            text.AppendLine(MaxAutoPrepare > 0
                ? string.Create(CultureInfo.InvariantCulture, $"Connection string: Max Auto Prepare={MaxAutoPrepare} (statements used again are prepared, in both processes)")
                : "Connection string: no automatic preparation (Npgsql's default)");
            text.AppendLine(CultureInfo.InvariantCulture, $"Asked: {Rate:N0} saves/s for {Seconds} s; one in {NewCreatorEvery} a new creator, the others a profile change");
            text.AppendLine("```");
            text.AppendLine();
            text.AppendLine("| Saves | Achieved rate | Seen | p50 | p90 | p99 | Max | Searched, found |");
            text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Saved:N0} | {Saved / Elapsed.TotalSeconds:N0}/s | {Lags.Length:N0} | {Percentile(0.50)} | {Percentile(0.90)} | {Percentile(0.99)} | {Percentile(1)} | {Follower.GetValueOrDefault("searched", "?")} |");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Lag: from the save's return in the writer to the new version in the follower's catalog. Conflicts: {Conflicts}; not seen: {Follower.GetValueOrDefault("unseen", "?")}; " +
                $"longest pipe delay to the follower: {Follower.GetValueOrDefault("transit", "?")}.");
            return text.ToString();
        }

        private string Percentile(double fraction) =>
            Lags.Length == 0
                ? "-"
                : string.Create(CultureInfo.InvariantCulture, $"{Lags[Math.Clamp((int)Math.Ceiling(fraction * Lags.Length) - 1, 0, Lags.Length - 1)]:N1} ms");
    }
}
