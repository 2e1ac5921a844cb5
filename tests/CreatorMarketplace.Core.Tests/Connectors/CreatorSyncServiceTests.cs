using System.Runtime.CompilerServices;
using CreatorMarketplace.Connectors;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Connectors;

public class CreatorSyncServiceTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 30, 9, 0);
    private readonly FakeClock _clock = new(Start);
    private readonly InMemoryMarketplaceStore _store = new();
    private readonly InMemoryPostMetricsStore _snapshots = new();
    private readonly List<Duration> _waits = [];

    private SyncOptions Options(int budget = 600, int posts = 30) => new()
    {
        RequestsPerMinute = budget,
        PostsPerAccount = posts,
        Wait = (duration, _) =>
        {
            _waits.Add(duration);
            _clock.Advance(duration);
            return ValueTask.CompletedTask;
        },
    };

    private async Task<List<ConnectedAccount>> Creators(int count)
    {
        var generator = new CreatorGenerator(5, _clock);
        var accounts = new List<ConnectedAccount>();
        for (var i = 0; i < count; i++)
        {
            // The generator's creators count as stored already; these are registered afresh to be saved.
            var generated = generator.Next();
            var creator = Creator.Register(generated.Id, generated.Profile, generated.PrimaryAccount, _clock);
            (await _store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
            accounts.Add(new ConnectedAccount(creator.Id, creator.PrimaryAccount.Handle));
        }

        // The platform's numbers are read after the ones on record.
        _clock.AdvanceMinutes(1);
        return accounts;
    }

    [Fact]
    public async Task A_creator_whose_every_save_is_overtaken_is_a_failure_not_a_completed_account()
    {
        // Another writer saves the creator between each of the sync's reads and saves, as every other platform's
        // run of a cross-platform sync may: the numbers the sync read are not on record.
        var accounts = await Creators(1);
        var platform = new ScriptedPlatform(_clock, accounts[0].Platform, postsPerAccount: 5);
        var sync = new CreatorSyncService(platform, new AlwaysOvertaken(_store.Creators), _snapshots, _clock, Options());
        var failures = new List<SyncFailure>();
        sync.AccountFailed += (_, failure) => failures.Add(failure);

        var report = await sync.RunAsync(accounts);

        report.Completed.ShouldBe(0);
        report.ProfilesUpdated.ShouldBe(0);
        report.Failures.ShouldHaveSingleItem().Kind.ShouldBe(SyncFailureKind.SaveConflict);
        failures.ShouldHaveSingleItem().Account.ShouldBe(accounts[0]);
    }

    // Every save finds a newer version stored.
    private sealed class AlwaysOvertaken(IRepository<Creator, CreatorId> inner) : IRepository<Creator, CreatorId>
    {
        public ValueTask<Creator?> FindAsync(CreatorId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask<SaveResult> SaveAsync(Creator aggregate, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<SaveResult>(new Conflict(nameof(Creator), aggregate.Id.Value, aggregate.Version, aggregate.Version + 1));

        public IAsyncEnumerable<StoredAggregate<Creator, CreatorId>> ReadAsync(CreatorId? afterId = null, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(afterId, pageSize, cancellationToken);
    }

    [Fact]
    public async Task Every_account_gets_its_newer_numbers_and_a_snapshot_of_each_newest_post()
    {
        var accounts = await Creators(3);
        var platform = new ScriptedPlatform(_clock, accounts[0].Platform, postsPerAccount: 45);
        var sync = new CreatorSyncService(platform, _store.Creators, _snapshots, _clock, Options(posts: 30));
        var progress = new List<SyncProgress>();

        var report = await sync.RunAsync(accounts, progress: new InlineProgress<SyncProgress>(progress.Add));

        report.Completed.ShouldBe(3);
        report.ProfilesUpdated.ShouldBe(3);
        report.SnapshotsWritten.ShouldBe(90);
        report.Rejections.ShouldBeEmpty();
        report.Failures.ShouldBeEmpty();
        _snapshots.Count.ShouldBe(90);
        foreach (var account in accounts)
        {
            var creator = (await _store.Creators.FindAsync(account.Creator)).ShouldNotBeNull();
            creator.AccountOn(account.Platform)!.Stats.Followers.ShouldBe(platform.Followers(account));
            (await _snapshots.HistoryAsync(account.Platform, ScriptedPlatform.PostId(account, 0))).ShouldHaveSingleItem();
            (await _snapshots.HistoryAsync(account.Platform, ScriptedPlatform.PostId(account, 30))).ShouldBeEmpty("only the 30 newest posts are captured");
        }

        progress.Select(p => p.AccountsDone).ShouldBe([1, 2, 3]);
        progress[^1].Checkpoint.Completed.ShouldBe(accounts.Select(a => a.Creator), ignoreOrder: true);
    }

    [Fact]
    public async Task A_reported_audience_replaces_the_one_on_record_and_an_unreported_one_leaves_it()
    {
        var accounts = await Creators(2);
        var before = (await _store.Creators.FindAsync(accounts[1].Creator)).ShouldNotBeNull().Audience;
        var reported = Audience.Unknown with { Gender = Distribution.Create(new Dictionary<AudienceGender, double> { [AudienceGender.Female] = 0.7, [AudienceGender.Male] = 0.3 }) };
        var reporting = new ScriptedPlatform(_clock, accounts[0].Platform, postsPerAccount: 1) { Audience = reported };
        var silent = new ScriptedPlatform(_clock, accounts[0].Platform, postsPerAccount: 1);

        await new CreatorSyncService(reporting, _store.Creators, _snapshots, _clock, Options()).RunAsync([accounts[0]]);
        await new CreatorSyncService(silent, _store.Creators, _snapshots, _clock, Options()).RunAsync([accounts[1]]);

        (await _store.Creators.FindAsync(accounts[0].Creator)).ShouldNotBeNull().Audience.ShouldBe(reported);
        (await _store.Creators.FindAsync(accounts[1].Creator)).ShouldNotBeNull().Audience.ShouldBe(before);
    }

    [Fact]
    public async Task A_profile_without_numbers_leaves_the_numbers_on_record_and_still_syncs_the_posts()
    {
        var accounts = await Creators(1);
        var before = (await _store.Creators.FindAsync(accounts[0].Creator)).ShouldNotBeNull().AccountOn(accounts[0].Platform)!.Stats;
        var platform = new ScriptedPlatform(_clock, accounts[0].Platform, postsPerAccount: 3) { HideFollowers = true };

        var report = await new CreatorSyncService(platform, _store.Creators, _snapshots, _clock, Options()).RunAsync(accounts);

        report.Completed.ShouldBe(1);
        report.ProfilesUpdated.ShouldBe(0);
        report.SnapshotsWritten.ShouldBe(3);
        (await _store.Creators.FindAsync(accounts[0].Creator)).ShouldNotBeNull().AccountOn(accounts[0].Platform)!.Stats.ShouldBe(before);
    }

    [Fact]
    public async Task Rule_breaking_metrics_are_refused_with_the_reason_and_never_stored()
    {
        var accounts = await Creators(1);
        var platform = new ScriptedPlatform(_clock, accounts[0].Platform, postsPerAccount: 3) { BreakPost = 1 };
        var sync = new CreatorSyncService(platform, _store.Creators, _snapshots, _clock, Options());
        var logged = new List<SyncRejection>();
        sync.Rejected += (_, rejection) => logged.Add(rejection);

        var report = await sync.RunAsync(accounts);

        report.SnapshotsWritten.ShouldBe(2);
        var rejection = report.Rejections.ShouldHaveSingleItem();
        rejection.What.ShouldBe($"metrics of post {ScriptedPlatform.PostId(accounts[0], 1)}");
        rejection.Reason.ShouldContain("Comments");
        logged.ShouldBe([rejection]);
        (await _snapshots.HistoryAsync(accounts[0].Platform, ScriptedPlatform.PostId(accounts[0], 1))).ShouldBeEmpty();
        report.Completed.ShouldBe(1);
    }

    [Fact]
    public async Task A_rate_limit_is_waited_out_and_the_call_tried_again()
    {
        var accounts = await Creators(1);
        var platform = new ScriptedPlatform(_clock, accounts[0].Platform, postsPerAccount: 5) { RateLimitProfileCalls = 2 };
        var sync = new CreatorSyncService(platform, _store.Creators, _snapshots, _clock, Options());

        var report = await sync.RunAsync(accounts);

        report.Completed.ShouldBe(1);
        _waits.ShouldBe([Duration.FromSeconds(7), Duration.FromSeconds(7)]);
        platform.ProfileCalls.ShouldBe(3);
    }

    [Fact]
    public async Task The_run_never_makes_more_calls_in_a_minute_than_its_budget()
    {
        var accounts = await Creators(4);
        var platform = new ScriptedPlatform(_clock, accounts[0].Platform, postsPerAccount: 45);
        var sync = new CreatorSyncService(platform, _store.Creators, _snapshots, _clock, Options(budget: 5, posts: 45));

        var report = await sync.RunAsync(accounts);

        report.Completed.ShouldBe(4);
        report.Calls.ShouldBe(platform.CallTimes.Count);
        platform.CallTimes.Count.ShouldBeGreaterThan(10);
        foreach (var call in platform.CallTimes)
        {
            platform.CallTimes.Count(other => other >= call && other < call + Duration.FromMinutes(1)).ShouldBeLessThanOrEqualTo(5);
        }

        _waits.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task An_account_whose_token_was_refused_is_given_up_for_reconnection_and_the_others_go_on()
    {
        var accounts = await Creators(3);
        var platform = new ScriptedPlatform(_clock, accounts[0].Platform, postsPerAccount: 2) { Unauthorized = { accounts[1].Creator } };
        var sync = new CreatorSyncService(platform, _store.Creators, _snapshots, _clock, Options());
        var failed = new List<SyncFailure>();
        sync.AccountFailed += (_, failure) => failed.Add(failure);

        var report = await sync.RunAsync(accounts);

        report.Completed.ShouldBe(2);
        var failure = report.Failures.ShouldHaveSingleItem();
        failure.Account.ShouldBe(accounts[1]);
        failure.NeedsReconnect.ShouldBeTrue();
        failure.Reason.ShouldBe("profile: unauthorised: access_token_expired");
        failed.ShouldBe([failure]);
        report.Checkpoint.Completed.ShouldNotContain(accounts[1].Creator);
    }

    [Fact]
    public async Task A_run_that_failed_halfway_resumes_without_capturing_any_post_twice()
    {
        var accounts = await Creators(3);
        var platform = new ScriptedPlatform(_clock, accounts[0].Platform, postsPerAccount: 45) { FailMetricsBatch = (accounts[1].Creator, 2) };
        var sync = new CreatorSyncService(platform, _store.Creators, _snapshots, _clock, Options(posts: 45));

        var first = await sync.RunAsync(accounts);
        platform.FailMetricsBatch = null;
        var calledBefore = platform.MetricsIds.Count;
        _clock.AdvanceMinutes(10);
        var second = await sync.RunAsync(accounts, first.Checkpoint);

        first.Completed.ShouldBe(2);
        first.Failures.ShouldHaveSingleItem().Reason.ShouldStartWith("post metrics: platform error bad_request");
        first.Checkpoint.StoredPosts[accounts[1].Creator].Count.ShouldBe(20, "the first batch of the failed account was stored");
        second.Completed.ShouldBe(3);
        second.SnapshotsWritten.ShouldBe(25, "only the failed account's remaining posts are captured");
        platform.MetricsIds.Skip(calledBefore).ShouldAllBe(id => id.StartsWith(accounts[1].Creator.ToString(), StringComparison.Ordinal));
        _snapshots.Count.ShouldBe(135);
        foreach (var account in accounts)
        {
            for (var post = 0; post < 45; post++)
            {
                (await _snapshots.HistoryAsync(account.Platform, ScriptedPlatform.PostId(account, post))).Count.ShouldBe(1);
            }
        }
    }

    [Fact]
    public async Task Bad_runs_and_options_are_refused_naming_the_problem()
    {
        var accounts = await Creators(2);
        var platform = new ScriptedPlatform(_clock, accounts[0].Platform, postsPerAccount: 1);
        var sync = new CreatorSyncService(platform, _store.Creators, _snapshots, _clock, Options());

        var twice = await Should.ThrowAsync<DomainValidationException>(() => sync.RunAsync([accounts[0], accounts[0]]));
        var options = Should.Throw<DomainValidationException>(() => new CreatorSyncService(platform, _store.Creators, _snapshots, _clock, new SyncOptions { RequestsPerMinute = 0, MaxAttempts = 0 }));

        twice.Errors.ShouldHaveSingleItem().Field.ShouldBe("accounts[1].creator");
        options.Errors.Select(e => e.Field).ShouldBe(["requestsPerMinute", "maxAttempts"]);
    }

    [Fact]
    public async Task A_cancelled_run_stops_and_its_last_checkpoint_resumes_it()
    {
        var accounts = await Creators(3);
        var platform = new ScriptedPlatform(_clock, accounts[0].Platform, postsPerAccount: 3);
        var sync = new CreatorSyncService(platform, _store.Creators, _snapshots, _clock, Options());
        using var cancel = new CancellationTokenSource();
        SyncCheckpoint? last = null;

        await Should.ThrowAsync<OperationCanceledException>(() => sync.RunAsync(accounts, null, new InlineProgress<SyncProgress>(p =>
        {
            last = p.Checkpoint;
            cancel.Cancel();
        }), cancel.Token));
        var resumed = await sync.RunAsync(accounts, last);

        last.ShouldNotBeNull().Completed.ShouldBe([accounts[0].Creator]);
        resumed.Completed.ShouldBe(3);
        _snapshots.Count.ShouldBe(9);
    }

    internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    // A platform whose every answer is scripted: posts "<creator>-<n>", newest first, 20 to a page and to a metrics call.
    private sealed class ScriptedPlatform(FakeClock clock, Platform platform, int postsPerAccount) : IPlatformConnector
    {
        public Platform Platform => platform;

        public int MaxPostsPerMetricsCall => 20;

        public int? BreakPost { get; init; }

        public int RateLimitProfileCalls { get; init; }

        public bool HideFollowers { get; init; }

        public HashSet<CreatorId> Unauthorized { get; } = [];

        public (CreatorId Creator, int Batch)? FailMetricsBatch { get; set; }

        public int ProfileCalls { get; private set; }

        public List<Instant> CallTimes { get; } = [];

        public List<string> MetricsIds { get; } = [];

        private readonly Dictionary<CreatorId, int> _metricsBatches = [];

        public static string PostId(ConnectedAccount account, int n) => $"{account.Creator}-{n}";

        public long Followers(ConnectedAccount account) => 1_000_000 + (account.Creator.GetHashCode() & 0xffff);

        public ValueTask<ConnectorResult<PlatformProfile>> GetProfileAsync(ConnectedAccount account, CancellationToken cancellationToken)
        {
            Called();
            ProfileCalls++;
            if (ProfileCalls <= RateLimitProfileCalls)
            {
                return Result<PlatformProfile>(new RateLimited(Duration.FromSeconds(7)));
            }

            if (Unauthorized.Contains(account.Creator))
            {
                return Result<PlatformProfile>(new Unauthorized("access_token_expired"));
            }

            var stats = AccountStats.Create(clock.GetCurrentInstant(), Followers(account), medianViews: 5_000);
            return Result<PlatformProfile>(new PlatformProfile("Someone", null, HideFollowers ? null : stats, 10, 1_000, postsPerAccount, false));
        }

        public Audience Audience { get; init; } = Audience.Unknown;

        public ValueTask<ConnectorResult<Audience>> GetAudienceAsync(ConnectedAccount account, CancellationToken cancellationToken)
        {
            Called();
            return Result<Audience>(Audience);
        }

        public async IAsyncEnumerable<ConnectorResult<PostPage>> ListPostsAsync(ConnectedAccount account, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var from = cursor is null ? 0 : int.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
            while (from < postsPerAccount)
            {
                Called();
                var posts = Enumerable.Range(from, Math.Min(20, postsPerAccount - from))
                    .Select(n => new PlatformPost(PostId(account, n), Start - Duration.FromDays(n), $"post {n}", null))
                    .ToList();
                from += posts.Count;
                yield return new PostPage(posts, from < postsPerAccount ? from.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
            }

            await Task.CompletedTask;
        }

        public ValueTask<ConnectorResult<IReadOnlyList<PostMetrics>>> GetPostMetricsAsync(ConnectedAccount account, IReadOnlyList<string> postIds, CancellationToken cancellationToken)
        {
            Called();
            var batch = _metricsBatches[account.Creator] = _metricsBatches.GetValueOrDefault(account.Creator) + 1;
            if (FailMetricsBatch is { } fail && fail.Creator == account.Creator && fail.Batch == batch)
            {
                return Result<IReadOnlyList<PostMetrics>>(new PlatformError("bad_request", "the request is malformed", Retryable: false));
            }

            MetricsIds.AddRange(postIds);
            IReadOnlyList<PostMetrics> metrics = [.. postIds.Select(id => new PostMetrics
            {
                PostId = id,
                Platform = platform,
                Kind = PostKind.Video,
                PostedAt = Start - Duration.FromDays(int.Parse(id[(id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture)),
                CapturedAt = clock.GetCurrentInstant(),
                Views = 1_000,
                Likes = 100,
                Comments = BreakPost is { } broken && id == $"{account.Creator}-{broken}" ? -3 : 10,
                Shares = 5,
            })];
            return Result<IReadOnlyList<PostMetrics>>(ConnectorResult<IReadOnlyList<PostMetrics>>.Success(metrics));
        }

        public ValueTask<ConnectorResult<PostCheck>> VerifyPostAsync(ConnectedAccount account, string postId, CancellationToken cancellationToken) =>
            Result<PostCheck>(new PostCheck(postId, true, "#ad", null, clock.GetCurrentInstant()));

        private void Called() => CallTimes.Add(clock.GetCurrentInstant());

        private static ValueTask<ConnectorResult<T>> Result<T>(ConnectorResult<T> result) => ValueTask.FromResult(result);
    }
}
