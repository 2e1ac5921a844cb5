// Syncs 1,000 simulated TikTok creators a week after they were last read, with faults injected: rate limits,
// timeouts, server errors, expired tokens, malformed answers and rule-breaking numbers. Runs resume from the last
// checkpoint until every account is done; then the sample prints what changed. Offline and deterministic: the
// platform is CreatorMarketplace.Testing's SimulatedPlatform, and time is a FakeClock that the sync's waits advance.
using System.Globalization;
using CreatorMarketplace;
using CreatorMarketplace.Connectors;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Storage.InMemory;
using CreatorMarketplace.Testing;
using NodaTime;
using NodaTime.Testing;

const int Creators = 1_000;
const int Seed = 2026;
var started = Instant.FromUtc(2026, 11, 30, 9, 0);
var clock = new FakeClock(started);
var platform = new SimulatedPlatform(Platform.TikTok, Seed, clock, new SimulatedPlatformOptions
{
    FaultRates = new SimulatedFaultRates { RateLimited = 0.03, Timeout = 0.03, ServerError = 0.01, TokenExpired = 0.005, MalformedData = 0.005, CorruptNumbers = 0.02 },
});

// The creators as the marketplace knows them, and their accounts on the simulated platform.
var store = new InMemoryMarketplaceStore();
var known = new CreatorGenerator(Seed, clock).Generate(Creators).ToDictionary(creator => creator.Id);
var accounts = platform.Generate(Creators);
foreach (var account in accounts)
{
    var creator = known[account.Creator];
    (await store.Creators.SaveAsync(Creator.Register(creator.Id, creator.Profile, creator.PrimaryAccount, clock))).ThrowIfConflict();
}

clock.AdvanceDays(7);
Console.WriteLine($"Syncing {Creators:N0} simulated TikTok creators a week later, faults injected, within 600 calls a minute");

var sync = new CreatorSyncService(platform, store.Creators, store.PostMetrics, clock, new SyncOptions
{
    PostsPerAccount = 10,
    Wait = (duration, _) =>
    {
        clock.Advance(duration);
        return ValueTask.CompletedTask;
    },
});
var rejections = new List<SyncRejection>();
sync.Rejected += (_, rejection) => rejections.Add(rejection);

var checkpoint = SyncCheckpoint.Start;
var reports = new List<SyncReport>();
var bar = new ProgressBar(Console.Out, Console.IsOutputRedirected);
for (var run = 1; run <= 5; run++)
{
    // Creators whose tokens the platform refused connect again before the next run.
    foreach (var failure in reports.LastOrDefault()?.Failures.Where(f => f.NeedsReconnect) ?? [])
    {
        platform.Reconnect(failure.Account);
    }

    var report = await sync.RunAsync(accounts, checkpoint, new InlineProgress(progress => bar.Show(run, progress)));
    bar.Done();
    reports.Add(report);
    checkpoint = report.Checkpoint;
    Console.WriteLine($"  run {run}: {report.Completed:N0} of {report.Accounts:N0} accounts done, {report.SnapshotsWritten:N0} snapshots, {report.Rejections.Count} refused, {report.Failures.Count} left for the next run, {report.Calls:N0} calls");
    if (report.Completed == report.Accounts)
    {
        break;
    }
}

Console.WriteLine();
Console.WriteLine(reports[^1].Completed == Creators
    ? $"Every account synced in {reports.Count} runs and {(clock.GetCurrentInstant() - started - Duration.FromDays(7)).TotalMinutes:N0} simulated minutes."
    : $"{reports[^1].Accounts - reports[^1].Completed} accounts still need another run.");

// What changed: followers now against a week ago, the biggest moves first.
var changes = new List<(string Handle, long Before, long After)>();
foreach (var account in accounts)
{
    var now = (await store.Creators.FindAsync(account.Creator))!.AccountOn(Platform.TikTok)!.Stats.Followers;
    changes.Add((account.Handle.ToString(), known[account.Creator].PrimaryAccount.Stats.Followers, now));
}

Console.WriteLine();
Console.WriteLine("Biggest follower changes in the week:");
foreach (var (handle, before, after) in changes.OrderByDescending(c => Math.Abs(c.After - c.Before)).Take(8))
{
    Console.WriteLine($"  {handle,-28} {before,12:N0} → {after,12:N0}  ({(after - before >= 0 ? "+" : "")}{after - before:N0})");
}

Console.WriteLine();
Console.WriteLine($"Newer numbers saved {reports.Sum(r => r.ProfilesUpdated):N0} times (an account retried in a later run is read again); post snapshots stored: {reports.Sum(r => r.SnapshotsWritten):N0}, none twice.");
Console.WriteLine($"Refused, never stored ({rejections.Count}):");
foreach (var group in rejections.GroupBy(r => Kind(r.Reason)).OrderByDescending(g => g.Count()))
{
    Console.WriteLine($"  {group.Count(),4} × {group.Key}   e.g. {group.First().What}: {group.First().Reason}");
}

Console.WriteLine("Accounts that needed another run:");
foreach (var group in reports.SelectMany(r => r.Failures).GroupBy(f => f.Reason.Split(':')[1].Trim()).OrderByDescending(g => g.Count()))
{
    Console.WriteLine($"  {group.Count(),4} × {group.Key}");
}

return 0;

// The rule a refusal names, for grouping: its first field and code.
static string Kind(string reason) => reason.Split(' ')[0].TrimEnd(':');

/// <summary>A one-line progress bar, redrawn in place on a terminal and printed at each quarter when redirected.</summary>
internal sealed class ProgressBar(TextWriter output, bool redirected)
{
    private int _lastQuarter = -1;

    public void Show(int run, SyncProgress progress)
    {
        var fraction = (double)progress.AccountsDone / progress.AccountsTotal;
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
        var line = string.Create(CultureInfo.InvariantCulture, $"  run {run} [{new string('#', filled)}{new string('.', 30 - filled)}] {progress.AccountsDone,5}/{progress.AccountsTotal} accounts, {progress.SnapshotsWritten,6} snapshots, {progress.Rejected,3} refused, {progress.Failed,3} to retry");
        output.Write(redirected ? line + Environment.NewLine : "\r" + line);
    }

    public void Done()
    {
        if (!redirected)
        {
            output.WriteLine();
        }

        _lastQuarter = -1;
    }
}

/// <summary>Reports progress on the calling thread, so the bar is drawn in order.</summary>
internal sealed class InlineProgress(Action<SyncProgress> report) : IProgress<SyncProgress>
{
    public void Report(SyncProgress value) => report(value);
}
