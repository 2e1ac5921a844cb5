// Syncs 1,000 simulated creators, on TikTok, Instagram and YouTube, a week after they were last read, with faults
// injected on each platform: rate limits, timeouts, server errors, expired tokens, malformed answers and rule-breaking
// numbers, and YouTube's daily quota. One sync runs every platform through its own connector and budget; runs resume
// from the last checkpoints until every account is done; then the sample prints what changed and what discovery's
// platform filter finds. Offline and deterministic: the platforms are CreatorMarketplace.Testing's SimulatedPlatform,
// and time is a FakeClock that the sync's waits advance.
using System.Globalization;
using CreatorMarketplace;
using CreatorMarketplace.Connectors;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Storage.InMemory;
using CreatorMarketplace.Testing;
using NodaTime;
using NodaTime.Testing;

const int Creators = 1_000;
const int Seed = 2026;
Platform[] platforms = [Platform.TikTok, Platform.Instagram, Platform.YouTube];
var started = Instant.FromUtc(2026, 11, 30, 9, 0);
var clock = new FakeClock(started);

// Each platform with faults of its own; YouTube also with a daily quota, as its Data API has.
var simulated = new Dictionary<Platform, SimulatedPlatform>
{
    [Platform.TikTok] = new(Platform.TikTok, Seed, clock, new SimulatedPlatformOptions
    {
        FaultRates = new SimulatedFaultRates { RateLimited = 0.03, Timeout = 0.03, ServerError = 0.01, TokenExpired = 0.005, MalformedData = 0.005, CorruptNumbers = 0.02 },
    }),
    [Platform.Instagram] = new(Platform.Instagram, Seed, clock, new SimulatedPlatformOptions
    {
        StoryShare = 0.25,
        FaultRates = new SimulatedFaultRates { RateLimited = 0.02, Timeout = 0.01, ServerError = 0.02, TokenExpired = 0.01, MalformedData = 0.005, CorruptNumbers = 0.01 },
    }),
    [Platform.YouTube] = new(Platform.YouTube, Seed, clock, new SimulatedPlatformOptions
    {
        DailyQuota = 1_200,
        FaultRates = new SimulatedFaultRates { Timeout = 0.02, ServerError = 0.02, TokenExpired = 0.005, MalformedData = 0.005, CorruptNumbers = 0.01 },
    }),
};

// The creators as the marketplace knows them, with every account connected to its platform.
var store = new InMemoryMarketplaceStore();
var known = new CreatorGenerator(Seed, clock) { MultiPlatform = true }.Generate(Creators).ToList();
foreach (var creator in known)
{
    var stored = Creator.Register(creator.Id, creator.Profile, creator.PrimaryAccount, clock);
    foreach (var account in creator.Accounts.Skip(1))
    {
        stored.LinkAccount(account, clock);
    }

    (await store.Creators.SaveAsync(stored)).ThrowIfConflict();
    foreach (var account in creator.Accounts)
    {
        simulated[account.Platform].Connect(creator);
    }
}

var accounts = CrossPlatformSyncService.AccountsOf(known);
clock.AdvanceDays(7);
Console.WriteLine($"Syncing {Creators:N0} simulated creators a week later: {Count(Platform.TikTok):N0} TikTok, {Count(Platform.Instagram):N0} Instagram and {Count(Platform.YouTube):N0} YouTube accounts, faults injected on each");

var waitOnTheClock = new SyncOptions
{
    PostsPerAccount = 10,
    Wait = (duration, _) =>
    {
        clock.Advance(duration);
        return ValueTask.CompletedTask;
    },
};
var sync = new CrossPlatformSyncService(simulated.Values, store.Creators, store.PostMetrics, clock, new CrossPlatformSyncOptions
{
    Default = waitOnTheClock,
    // YouTube's quota is spent within a run: the sync stops it rather than wait for midnight, and goes on elsewhere.
    Platforms = new Dictionary<Platform, SyncOptions> { [Platform.YouTube] = waitOnTheClock with { MaxRateLimitWait = Duration.FromMinutes(10) } },
});
var rejections = new List<SyncRejection>();
sync.Rejected += (_, rejection) => rejections.Add(rejection);

IReadOnlyDictionary<Platform, SyncCheckpoint>? checkpoints = null;
var reports = new List<CrossPlatformSyncReport>();
var bar = new ProgressBar(Console.Out, Console.IsOutputRedirected, accounts.Count);
for (var run = 1; run <= 6; run++)
{
    // Creators whose tokens a platform refused connect again before the next run, and a platform that stopped on its
    // quota is run again once the quota is back.
    var last = reports.LastOrDefault();
    foreach (var failure in last?.Platforms.Values.SelectMany(r => r.Failures).Where(f => f.NeedsReconnect) ?? [])
    {
        simulated[failure.Account.Platform].Reconnect(failure.Account);
    }

    if (last?.Platforms.Values.Max(r => r.Stopped?.RetryAfter) is { } quotaBack)
    {
        clock.Advance(quotaBack);
        Console.WriteLine($"  (waited {quotaBack.TotalHours:0.#} hours for YouTube's quota to reset)");
    }

    var report = await sync.RunAsync(accounts, checkpoints, new InlineProgress<PlatformSyncProgress>(progress => bar.Show(run, progress)));
    bar.Done();
    reports.Add(report);
    checkpoints = report.Checkpoints;
    Console.WriteLine($"  run {run}: {report.Completed:N0} of {report.Accounts:N0} accounts done");
    PrintFigures(report);
    if (report.Completed == report.Accounts)
    {
        break;
    }
}

Console.WriteLine();
Console.WriteLine(reports[^1].Completed == accounts.Count
    ? $"Every account synced in {reports.Count} runs and {(clock.GetCurrentInstant() - started - Duration.FromDays(7)).TotalHours:N1} simulated hours."
    : $"{reports[^1].Accounts - reports[^1].Completed} accounts still need another run.");

// What changed: followers now against a week ago, the biggest moves on each platform first.
Console.WriteLine();
Console.WriteLine("Biggest follower changes in the week:");
foreach (var platform in platforms)
{
    var changes = new List<(string Handle, long Before, long After)>();
    foreach (var creator in known.Where(c => c.AccountOn(platform) is not null))
    {
        var now = (await store.Creators.FindAsync(creator.Id))!.AccountOn(platform)!.Stats.Followers;
        changes.Add((creator.AccountOn(platform)!.Handle.ToString(), creator.AccountOn(platform)!.Stats.Followers, now));
    }

    foreach (var (handle, before, after) in changes.OrderByDescending(c => Math.Abs(c.After - c.Before)).Take(3))
    {
        Console.WriteLine($"  {platform.Name,-10} {handle,-30} {before,12:N0} → {after,12:N0}  ({(after - before >= 0 ? "+" : "")}{after - before:N0})");
    }
}

Console.WriteLine();
Console.WriteLine($"Post snapshots stored: {reports.Sum(r => r.Platforms.Values.Sum(p => p.SnapshotsWritten)):N0}, none twice; refused, never stored: {rejections.Count}, the most common on each platform:");
foreach (var platform in platforms)
{
    foreach (var group in rejections.Where(r => r.Account.Platform == platform).GroupBy(r => Kind(r.Reason)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(2))
    {
        Console.WriteLine($"  {platform.Name,-10} {group.Count(),3} × {group.Key}");
    }
}

// Discovery's platform filter over the synced creators: each platform's creators, and the largest there.
var catalog = new InMemoryCreatorCatalog();
await foreach (var stored in store.Creators.ReadAsync())
{
    await catalog.UpsertAsync(stored.Aggregate.ToListing());
}

Console.WriteLine();
Console.WriteLine("Discovery, filtered by platform:");
foreach (var platform in platforms)
{
    var page = (await catalog.SearchAsync(new CreatorQuery { Platform = platform, Sort = CreatorSort.Followers, PageSize = 1 })).AsT0;
    var top = page.Items[0].AccountOn(platform)!;
    Console.WriteLine($"  {platform.Name,-10} {page.TotalCount,5:N0} creators; the most followed: {top.Handle} ({top.Stats.Followers:N0})");
}

return 0;

int Count(Platform platform) => accounts.Count(account => account.Platform == platform);

// The per-platform figures of a run, as a table.
static void PrintFigures(CrossPlatformSyncReport report)
{
    Console.WriteLine($"    {"platform",-10} {"accounts",8} {"synced",7} {"posts",6} {"snapshots",9} {"refused",7} {"rate limits",11} {"calls",6}  failures by kind / stopped");
    foreach (var (platform, figures) in report.Platforms.OrderBy(pair => pair.Key.Value))
    {
        var failures = string.Join(", ", figures.Failures.GroupBy(f => f.Kind).OrderBy(g => g.Key.Value).Select(g => $"{g.Count()} {g.Key.Name}"));
        var stopped = figures.Stopped is { } stop ? $"stopped: {stop.Reason}" : "";
        Console.WriteLine($"    {platform.Name,-10} {figures.Accounts,8:N0} {figures.Completed,7:N0} {figures.PostsListed,6:N0} {figures.SnapshotsWritten,9:N0} {figures.Rejections.Count,7:N0} {figures.RateLimits,11:N0} {figures.Calls,6:N0}  {string.Join("; ", new[] { failures, stopped }.Where(text => text.Length > 0))}".TrimEnd());
    }
}

// The rule a refusal names, for grouping: its first field.
static string Kind(string reason) => reason.Split(' ')[0].TrimEnd(':');

/// <summary>A one-line progress bar over every platform's accounts, redrawn in place on a terminal and printed at each quarter when redirected.</summary>
internal sealed class ProgressBar(TextWriter output, bool redirected, int total)
{
    private readonly Dictionary<Platform, SyncProgress> _platforms = [];
    private int _lastQuarter = -1;

    public void Show(int run, PlatformSyncProgress progress)
    {
        _platforms[progress.Platform] = progress.Progress;
        var done = _platforms.Values.Sum(p => p.AccountsDone);
        var fraction = (double)done / total;
        if (redirected)
        {
            var quarter = (int)(fraction * 4);
            if (quarter == _lastQuarter)
            {
                return;
            }

            _lastQuarter = quarter;
        }

        var filled = (int)(fraction * 30);
        var line = string.Create(CultureInfo.InvariantCulture, $"  run {run} [{new string('#', filled)}{new string('.', 30 - filled)}] {done,5}/{total} accounts, {_platforms.Values.Sum(p => p.SnapshotsWritten),6} snapshots, {_platforms.Values.Sum(p => p.Rejected),3} refused, {_platforms.Values.Sum(p => p.Failed),3} to retry");
        output.Write(redirected ? line + Environment.NewLine : "\r" + line);
    }

    public void Done()
    {
        if (!redirected)
        {
            output.WriteLine();
        }

        _platforms.Clear();
        _lastQuarter = -1;
    }
}

/// <summary>Reports progress on the calling thread, so the bar is drawn in order.</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
