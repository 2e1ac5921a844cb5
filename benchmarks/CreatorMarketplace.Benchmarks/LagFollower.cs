using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CreatorMarketplace.DependencyInjection;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.ReadModels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// The second process of <see cref="LagHarness"/>: what an application runs (a generic host with
/// <c>AddCreatorMarketplace(b => b.UsePostgreSql(...))</c> and its default catalog follower), and a probe that finds
/// when each save the harness reports on standard input becomes visible in the catalog.
/// </summary>
/// <remarks>
/// The probe looks up the pending saves by id (<see cref="ICreatorCatalog.FindAsync"/>), oldest first, about every
/// millisecond, on a thread of its own. The in-memory catalog answers a find and a search from the same published snapshot of its
/// index, so a version a find returns is in what the next search searches; every tenth change is also searched for
/// by the keyword only its new version holds, to show it. A lookup costs a hash probe, so the probe takes little of
/// the time it measures; a keyword search of every pending change every millisecond would not.
/// </remarks>
internal static class LagFollower
{
    // As many saves not yet visible as the harness has under way at once: the follower applies changes in commit
    // order, and only a save under way beside an older one can commit before it, so a later save is rarely visible
    // while this many older ones are not (and if it is, its lag is measured late, never early). A wider window costs
    // a decoded listing per pending save every millisecond once the follower falls behind, on the cores it needs.
    private const int Window = LagHarness.MaxSavesInFlight;

    private static readonly TimeSpan LastWait = TimeSpan.FromSeconds(60);

    /// <summary>Runs the follower: <c>lag-follower &lt;schema&gt;</c>.</summary>
    /// <param name="args">The arguments after <c>lag-follower</c>: the schema.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("CREATOR_MARKETPLACE_POSTGRES")
            ?? throw new InvalidOperationException("CREATOR_MARKETPLACE_POSTGRES is not set.");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders(); // standard output is the harness's
        var dataSource = NpgsqlDataSource.Create(connectionString);
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddCreatorMarketplace(marketplace => marketplace.UsePostgreSql(dataSource, options => options.Schema = args[0]));
        using var host = builder.Build();
        var started = Stopwatch.GetTimestamp();
        await host.StartAsync();
        var follower = host.Services.GetRequiredService<CatalogFollower>();
        var catalog = host.Services.GetRequiredService<ICreatorCatalog>();
        await follower.WaitUntilCaughtUpAsync();
        var loaded = (await catalog.SearchAsync(new CreatorQuery { PageSize = 1, IncludeFacets = false })).AsT0.TotalCount;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{loaded:N0} creators loaded and caught up at position {follower.Position:N0} in {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s"));

        var received = new BlockingCollection<string>();
        var reader = new Thread(() =>
        {
            while (Console.In.ReadLine() is { } line)
            {
                received.Add(line);
            }

            received.CompleteAdding();
        })
        { IsBackground = true };
        reader.Start();
        var probe = Probe(catalog, received);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lags {string.Join(' ', probe.Lags.Select(lag => lag.ToString("F2", CultureInfo.InvariantCulture)))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"searched {probe.Found:N0} of {probe.Searched:N0} found"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unseen {probe.Unseen:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"transit {probe.LongestTransit:N2} ms"));
        await host.StopAsync();
        return probe.Unseen == 0 && probe.Found == probe.Searched && probe.LongestTransit >= 0 ? 0 : 1;
    }

    private static ProbeResult Probe(ICreatorCatalog catalog, BlockingCollection<string> received)
    {
        var pending = new List<PendingSave>();
        var lags = new List<double>();
        var searched = 0;
        var found = 0;
        var longestTransit = 0.0;
        long? endedAt = null;
        while (endedAt is null || (pending.Count > 0 && Stopwatch.GetElapsedTime(endedAt.Value) < LastWait))
        {
            while (received.TryTake(out var line))
            {
                if (line == "end")
                {
                    endedAt = Stopwatch.GetTimestamp();
                    continue;
                }

                var save = PendingSave.Parse(line);
                var transit = Stopwatch.GetElapsedTime(save.SavedAt).TotalMilliseconds;

                // A timestamp in this process's future would mean the processes do not share one clock.
                longestTransit = Stopwatch.GetTimestamp() < save.SavedAt ? -1 : Math.Max(longestTransit, transit);
                pending.Add(save);
            }

            // Oldest first, and no further than Window saves not yet visible.
            var now = Stopwatch.GetTimestamp();
            var invisible = 0;
            for (var i = 0; i < pending.Count && invisible < Window; i++)
            {
                var save = pending[i];
                var listing = catalog.FindAsync(save.Creator).AsTask().GetAwaiter().GetResult();
                if (listing is null || listing.Version < save.Version)
                {
                    invisible++;
                    continue;
                }

                lags.Add(Stopwatch.GetElapsedTime(save.SavedAt, now).TotalMilliseconds);
                pending.RemoveAt(i--);
                if (save.Number % 10 == 0 && listing.Version == save.Version)
                {
                    searched++;
                    var page = catalog.SearchAsync(new CreatorQuery { Keyword = LagHarness.Mark(save.Number), IncludeFacets = false }).AsTask().GetAwaiter().GetResult();
                    found += page.AsT0.Items.Any(item => item.Id == save.Creator) ? 1 : 0;
                }
            }

            Thread.Sleep(1);
        }

        return new ProbeResult(lags, searched, found, pending.Count, longestTransit);
    }

    private sealed record ProbeResult(IReadOnlyList<double> Lags, int Searched, int Found, int Unseen, double LongestTransit);

    // One save the harness reported: the creator, the version it saved, the save's number and the Stopwatch timestamp
    // of its return.
    private readonly record struct PendingSave(CreatorId Creator, long Version, long Number, long SavedAt)
    {
        public static PendingSave Parse(string line)
        {
            var parts = line.Split(' ');
            return new PendingSave(
                CreatorId.From(Guid.Parse(parts[0])),
                long.Parse(parts[1], CultureInfo.InvariantCulture),
                long.Parse(parts[2], CultureInfo.InvariantCulture),
                long.Parse(parts[3], CultureInfo.InvariantCulture));
        }
    }
}
