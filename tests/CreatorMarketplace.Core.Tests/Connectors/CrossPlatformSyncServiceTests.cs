using CreatorMarketplace.Connectors;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Storage.InMemory;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Connectors;

public class CrossPlatformSyncServiceTests
{
    private const int Seed = 31;
    private static readonly Platform[] Three = [Platform.TikTok, Platform.Instagram, Platform.YouTube];
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 30, 18, 0));
    private readonly InMemoryMarketplaceStore _store = new();

    private SyncOptions Waiting(SyncOptions? options = null) => (options ?? new SyncOptions()) with
    {
        PostsPerAccount = 10,
        Wait = (duration, _) =>
        {
            _clock.Advance(duration);
            return ValueTask.CompletedTask;
        },
    };

    // Multi-platform creators, stored, with every account connected to the simulated platform of its own.
    private async Task<(List<Creator> Creators, Dictionary<Platform, SimulatedPlatform> Platforms)> Connected(int count, Func<Creator, bool> which, Func<Platform, SimulatedPlatformOptions>? options = null)
    {
        var creators = new CreatorGenerator(Seed, _clock) { MultiPlatform = true }.Generate(count * 20).Where(which).Take(count).ToList();
        creators.Count.ShouldBe(count);
        var platforms = Three.ToDictionary(p => p, p => new SimulatedPlatform(p, Seed, _clock, options?.Invoke(p)));
        foreach (var creator in creators)
        {
            var stored = Creator.Register(creator.Id, creator.Profile, creator.PrimaryAccount, _clock);
            foreach (var account in creator.Accounts.Skip(1))
            {
                stored.LinkAccount(account, _clock);
            }

            (await _store.Creators.SaveAsync(stored)).IsSaved.ShouldBeTrue();
            foreach (var account in creator.Accounts)
            {
                platforms[account.Platform].Connect(creator);
            }
        }

        _clock.AdvanceDays(1);
        return (creators, platforms);
    }

    private CrossPlatformSyncService Sync(IEnumerable<IPlatformConnector> connectors, CrossPlatformSyncOptions? options = null) =>
        new(connectors, _store.Creators, _store.PostMetrics, _clock, options ?? new CrossPlatformSyncOptions { Default = Waiting() });

    [Fact]
    public async Task A_creator_on_three_platforms_is_synced_on_all_three()
    {
        var (creators, platforms) = await Connected(1, creator => creator.Accounts.Count == 3);
        var sync = Sync(platforms.Values);
        var progress = new List<PlatformSyncProgress>();

        var report = await sync.RunAsync(CrossPlatformSyncService.AccountsOf(creators), progress: new CreatorSyncServiceTests.InlineProgress<PlatformSyncProgress>(progress.Add));

        report.Platforms.Keys.ShouldBe(Three, ignoreOrder: true);
        report.WithoutConnector.ShouldBeEmpty();
        report.Completed.ShouldBe(3);
        var stored = (await _store.Creators.FindAsync(creators[0].Id))!;
        foreach (var platform in Three)
        {
            var figures = report.Platforms[platform];
            (figures.Accounts, figures.Completed, figures.Failures.Count, figures.Stopped).ShouldBe((1, 1, 0, (SyncStop?)null));
            figures.PostsListed.ShouldBeGreaterThan(0);
            figures.SnapshotsWritten.ShouldBe(figures.PostsListed);
            platforms[platform].TotalCalls.ShouldBe(figures.Calls);
            stored.AccountOn(platform)!.Stats.AsOf.ShouldBe(creators[0].AccountOn(platform)!.Stats.AsOf + Duration.FromDays(1), $"{platform} numbers refreshed");
            progress.ShouldContain(p => p.Platform == platform && p.Progress.AccountsDone == 1);
        }

        report.Checkpoints.Keys.ShouldBe(Three, ignoreOrder: true);
    }

    [Fact]
    public async Task One_platform_s_quota_spent_stops_that_platform_alone()
    {
        var (creators, platforms) = await Connected(12, creator => creator.Accounts.Count == 3, platform =>
            new SimulatedPlatformOptions { DailyQuota = platform == Platform.YouTube ? 30 : null });
        var sync = Sync(platforms.Values, new CrossPlatformSyncOptions
        {
            Default = Waiting(),
            Platforms = new Dictionary<Platform, SyncOptions> { [Platform.YouTube] = Waiting(new SyncOptions { MaxRateLimitWait = Duration.FromMinutes(5) }) },
        });
        var accounts = CrossPlatformSyncService.AccountsOf(creators);

        var report = await sync.RunAsync(accounts);

        report.Platforms[Platform.TikTok].Completed.ShouldBe(12);
        report.Platforms[Platform.Instagram].Completed.ShouldBe(12);
        var youTube = report.Platforms[Platform.YouTube];
        youTube.Completed.ShouldBeInRange(1, 11);
        youTube.Stopped.ShouldNotBeNull().RetryAfter.ShouldNotBeNull().ShouldBeGreaterThan(Duration.FromMinutes(5));
        youTube.Failures.ShouldBeEmpty("the accounts not reached are left to the next run, not failed");
        youTube.RateLimits.ShouldBe(1, "the run stops at the first refusal, making no more calls");
        platforms[Platform.YouTube].TotalCalls.ShouldBe(31);

        // After the quota resets, a run from the checkpoints finishes YouTube's accounts alone.
        _clock.Advance(youTube.Stopped.RetryAfter!.Value);
        var resumed = await sync.RunAsync(accounts, report.Checkpoints);
        resumed.Platforms[Platform.YouTube].Completed.ShouldBe(12);
        resumed.Platforms[Platform.TikTok].Calls.ShouldBe(0);
        resumed.Platforms[Platform.YouTube].Calls.ShouldBeLessThanOrEqualTo(30);
    }

    [Fact]
    public async Task A_run_s_own_call_cap_stops_its_platform_and_the_rest_is_left_for_the_next_run()
    {
        var (creators, platforms) = await Connected(5, creator => creator.Accounts.Count >= 2 && creator.AccountOn(Platform.Instagram) is not null);
        var sync = Sync([platforms[Platform.TikTok], platforms[Platform.Instagram]], new CrossPlatformSyncOptions
        {
            Default = Waiting(),
            Platforms = new Dictionary<Platform, SyncOptions> { [Platform.TikTok] = Waiting(new SyncOptions { MaxCallsPerRun = 7 }) },
        });
        var accounts = CrossPlatformSyncService.AccountsOf(creators).Where(a => a.Platform != Platform.YouTube).ToList();

        var report = await sync.RunAsync(accounts);

        report.Platforms[Platform.TikTok].Calls.ShouldBe(7);
        report.Platforms[Platform.TikTok].Stopped.ShouldNotBeNull().RetryAfter.ShouldBeNull();
        report.Platforms[Platform.TikTok].Completed.ShouldBeLessThan(5);
        report.Platforms[Platform.Instagram].Completed.ShouldBe(5);
        platforms[Platform.TikTok].TotalCalls.ShouldBe(7);
    }

    [Fact]
    public async Task An_account_on_a_platform_without_a_connector_is_reported_and_the_others_synced()
    {
        var (creators, platforms) = await Connected(3, creator => creator.AccountOn(Platform.YouTube) is not null);
        var sync = Sync([platforms[Platform.TikTok], platforms[Platform.Instagram]]);
        var failed = new List<SyncFailure>();
        sync.AccountFailed += (_, failure) => failed.Add(failure);

        var report = await sync.RunAsync(CrossPlatformSyncService.AccountsOf(creators));

        report.WithoutConnector.Select(f => f.Account.Creator).ShouldBe(creators.Select(c => c.Id));
        report.WithoutConnector.ShouldAllBe(f => f.Kind == SyncFailureKind.NoConnector && f.Account.Platform == Platform.YouTube && !f.NeedsReconnect);
        report.WithoutConnector[0].Reason.ShouldBe("no connector for YouTube was given to the sync.");
        failed.ShouldBe(report.WithoutConnector);
        report.Platforms.Keys.ShouldNotContain(Platform.YouTube);
        report.Platforms[Platform.TikTok].Completed.ShouldBe(3);
        report.Accounts.ShouldBe(report.Completed + 3);
        platforms[Platform.YouTube].TotalCalls.ShouldBe(0);
        sync.Platforms.ShouldBe([Platform.TikTok, Platform.Instagram], ignoreOrder: true);
    }

    [Fact]
    public async Task Failures_are_counted_by_kind_on_their_own_platform()
    {
        var (creators, platforms) = await Connected(4, creator => creator.Accounts.Count == 3);
        var accounts = CrossPlatformSyncService.AccountsOf(creators);
        platforms[Platform.Instagram].Faults.ExpireToken(accounts.First(a => a.Platform == Platform.Instagram));
        platforms[Platform.YouTube].Faults.Inject(SimulatedFault.MalformedData, call: SimulatedCall.Profile);
        var sync = Sync(platforms.Values);
        var rejected = new List<SyncRejection>();
        sync.Rejected += (_, rejection) => rejected.Add(rejection);

        var report = await sync.RunAsync(accounts);

        report.Platforms[Platform.TikTok].Failures.ShouldBeEmpty();
        report.Platforms[Platform.Instagram].Failures.ShouldHaveSingleItem().Kind.ShouldBe(SyncFailureKind.Unauthorized);
        report.Platforms[Platform.Instagram].Failures[0].NeedsReconnect.ShouldBeTrue();
        report.Platforms[Platform.YouTube].Failures.ShouldHaveSingleItem().Kind.ShouldBe(SyncFailureKind.MalformedData);
        rejected.ShouldHaveSingleItem().Account.Platform.ShouldBe(Platform.YouTube);
        report.Completed.ShouldBe(10);
    }

    [Property(MaxTest = 25)]
    public Property Every_account_is_synced_by_its_own_platform_s_connector_or_reported_without_one(PositiveInt seed, bool withTikTok, bool withInstagram, bool withYouTube)
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 18, 0));
        var store = new InMemoryMarketplaceStore();
        var creators = new CreatorGenerator(seed.Get % 1_000, clock) { MultiPlatform = true }.Generate(8).ToList();
        var platforms = Three.ToDictionary(p => p, p => new SimulatedPlatform(p, seed.Get, clock));
        foreach (var creator in creators)
        {
            var stored = Creator.Register(creator.Id, creator.Profile, creator.PrimaryAccount, clock);
            creator.Accounts.Skip(1).ToList().ForEach(account => stored.LinkAccount(account, clock));
            store.Creators.SaveAsync(stored).AsTask().GetAwaiter().GetResult().ThrowIfConflict();
            creator.Accounts.ToList().ForEach(account => platforms[account.Platform].Connect(creator));
        }

        clock.AdvanceHours(1);
        var given = platforms.Values.Where(p => p.Platform == Platform.TikTok ? withTikTok : p.Platform == Platform.Instagram ? withInstagram : withYouTube).ToList();
        var accounts = CrossPlatformSyncService.AccountsOf(creators);
        var report = new CrossPlatformSyncService(given, store.Creators, store.PostMetrics, clock).RunAsync(accounts).GetAwaiter().GetResult();

        var covered = given.Select(p => p.Platform).ToHashSet();
        return (report.Accounts == accounts.Count).Label("every account is counted once")
            .And(report.WithoutConnector.Select(f => f.Account).SequenceEqual(accounts.Where(a => !covered.Contains(a.Platform))).Label("the accounts without a connector are reported, in order"))
            .And(report.Platforms.Keys.ToHashSet().SetEquals(covered.Where(p => accounts.Any(a => a.Platform == p))).Label("a report for each platform with a connector and accounts"))
            .And(report.Platforms.All(pair => pair.Value.Completed == accounts.Count(a => a.Platform == pair.Key)).Label("each platform's accounts synced"))
            .And(platforms.Values.All(p => p.TotalCalls == (report.Platforms.TryGetValue(p.Platform, out var figures) ? figures.Calls : 0)).Label("each platform called only by its own run"));
    }

    [Fact]
    public async Task A_creator_named_twice_on_one_platform_is_refused_before_any_platform_runs()
    {
        var (creators, platforms) = await Connected(1, creator => creator.Accounts.Count == 3);
        var accounts = CrossPlatformSyncService.AccountsOf(creators);

        var refused = await Should.ThrowAsync<DomainValidationException>(() => Sync(platforms.Values).RunAsync([.. accounts, accounts[^1]]));

        refused.Errors.ShouldHaveSingleItem().Field.ShouldBe("accounts[3].creator");
        platforms.Values.Sum(p => p.TotalCalls).ShouldBe(0);
    }

    [Fact]
    public void Two_connectors_for_one_platform_or_a_missing_one_are_refused()
    {
        var a = new SimulatedPlatform(Platform.TikTok, 1, _clock);
        var b = new SimulatedPlatform(Platform.TikTok, 2, _clock);

        Should.Throw<DomainValidationException>(() => Sync([a, b])).Message.ShouldContain("connectors[1]");
        Should.Throw<DomainValidationException>(() => Sync([a, null!])).Message.ShouldContain("connectors[1]");
        Should.Throw<DomainValidationException>(() => Sync([a], new CrossPlatformSyncOptions { Platforms = new Dictionary<Platform, SyncOptions> { [Platform.TikTok] = new() { MaxCallsPerRun = 0 } } }))
            .Message.ShouldContain("maxCallsPerRun");
        Should.Throw<DomainValidationException>(() => Sync([a], new CrossPlatformSyncOptions { Default = new() { MaxRateLimitWait = Duration.FromSeconds(-1) } }))
            .Message.ShouldContain("maxRateLimitWait");
    }
}
