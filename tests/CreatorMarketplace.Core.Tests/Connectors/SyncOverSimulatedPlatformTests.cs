using CreatorMarketplace.Connectors;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Storage.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Connectors;

public class SyncOverSimulatedPlatformTests
{
    [Fact]
    public async Task Runs_resumed_after_faults_reach_every_account_store_only_valid_snapshots_and_none_twice()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0));
        var platform = new SimulatedPlatform(Platform.TikTok, seed: 11, clock, new SimulatedPlatformOptions
        {
            FaultRates = new SimulatedFaultRates { RateLimited = 0.05, Timeout = 0.05, ServerError = 0.02, TokenExpired = 0.02, MalformedData = 0.02, CorruptNumbers = 0.05 },
        });
        var store = new InMemoryMarketplaceStore();

        // The platform serves the creators the same seed generates; the store holds them, registered afresh.
        var creators = new CreatorGenerator(11, clock).Generate(60).ToDictionary(c => c.Id);
        var accounts = platform.Generate(60);
        foreach (var account in accounts)
        {
            var generated = creators[account.Creator];
            (await store.Creators.SaveAsync(Creator.Register(generated.Id, generated.Profile, generated.PrimaryAccount, clock))).IsSaved.ShouldBeTrue();
        }

        clock.AdvanceHours(1);
        var sync = new CreatorSyncService(platform, store.Creators, store.PostMetrics, clock, new SyncOptions
        {
            PostsPerAccount = 25,
            Wait = (duration, _) =>
            {
                clock.Advance(duration);
                return ValueTask.CompletedTask;
            },
        });

        // Faults leave some accounts for the next run; each run resumes from the last one's checkpoint.
        var reports = new List<SyncReport>();
        var checkpoint = SyncCheckpoint.Start;
        for (var run = 0; run < 10 && (reports.Count == 0 || reports[^1].Completed < accounts.Count); run++)
        {
            foreach (var failed in reports.LastOrDefault()?.Failures.Where(f => f.NeedsReconnect) ?? [])
            {
                platform.Reconnect(failed.Account);
            }

            reports.Add(await sync.RunAsync(accounts, checkpoint));
            checkpoint = reports[^1].Checkpoint;
        }

        reports[^1].Completed.ShouldBe(accounts.Count);
        reports.Sum(r => r.Rejections.Count).ShouldBeGreaterThan(0, "the corrupt numbers were met and refused");
        reports.Sum(r => r.Failures.Count).ShouldBeGreaterThan(0, "the faults made some accounts wait for a later run");
        var written = reports.Sum(r => r.SnapshotsWritten);
        written.ShouldBe(checkpoint.StoredPosts.Values.Sum(posts => posts.Count), "each stored post counted once");
        foreach (var (creator, posts) in checkpoint.StoredPosts)
        {
            foreach (var post in posts)
            {
                var history = await store.PostMetrics.HistoryAsync(Platform.TikTok, post);
                history.Count.ShouldBe(1, $"post {post} of {creator} is captured once over all the runs");
                history[0].Validate().ShouldBeEmpty();
            }
        }
    }
}
