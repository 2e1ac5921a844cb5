using System.Globalization;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Storage;
using NodaTime;
using OneOf;

namespace CreatorMarketplace.Connectors;

/// <summary>
/// Refreshes creators from one platform: each connected account's numbers and audience go to its
/// <see cref="Creator"/> (saved through the repository; numbers never rolled back by an older reading, an audience
/// the platform does not report never wiped), and its newest posts' metrics are captured as
/// snapshots in an <see cref="IPostMetricsStore"/>. The run keeps to a budget of calls a minute, waits out rate
/// limits and retries retryable failures, and gives an account up (for this run) on anything else.
/// </summary>
/// <remarks>
/// <para>
/// Platform data that breaks its rules is never stored: it is refused with the reason (<see cref="Rejected"/>, the
/// report's rejections and the progress counts), so an application logs and counts it.
/// </para>
/// <para>
/// A run that stops (a failure, a cancellation, a crash) resumes from its last <see cref="SyncCheckpoint"/>: finished
/// accounts are skipped and no post of a started account is captured twice. The service is not meant for two runs
/// at once; run one per platform.
/// </para>
/// </remarks>
public sealed partial class CreatorSyncService
{
    private readonly IPlatformConnector _connector;
    private readonly IRepository<Creator, CreatorId> _creators;
    private readonly IPostMetricsStore _snapshots;
    private readonly IClock _clock;
    private readonly SyncOptions _options;
    private readonly ILogger _logger;
    private readonly Queue<Instant> _recentCalls = new();

    // What a call not made, because the run's calls are spent, gives: the run has stopped, so it is never reported.
    private static readonly RateLimited CallsSpent = new(Duration.Zero);

    /// <summary>Creates the service.</summary>
    /// <param name="connector">The platform.</param>
    /// <param name="creators">Where the creators are kept.</param>
    /// <param name="snapshots">Where metrics snapshots go.</param>
    /// <param name="clock">The clock for the rate budget and the events.</param>
    /// <param name="options">The budget, the retries, how to wait; the defaults when null.</param>
    /// <param name="logger">Where the runs, refused data and accounts given up are logged (ids and counts only); none when null.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> and <paramref name="logger"/> is null.</exception>
    /// <exception cref="DomainValidationException">An option is out of range.</exception>
    public CreatorSyncService(IPlatformConnector connector, IRepository<Creator, CreatorId> creators, IPostMetricsStore snapshots, IClock clock, SyncOptions? options = null, ILogger<CreatorSyncService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(creators);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new SyncOptions();
        options.Validate();
        _connector = connector;
        _creators = creators;
        _snapshots = snapshots;
        _clock = clock;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Raised for each piece of platform data refused, with the reason: log it.</summary>
    public event EventHandler<SyncRejection>? Rejected;

    /// <summary>Raised for each account given up for the run, with the reason.</summary>
    public event EventHandler<SyncFailure>? AccountFailed;

    /// <summary>Refreshes the accounts, resuming from a checkpoint if given.</summary>
    /// <param name="accounts">The accounts, each on this service's platform and each creator once.</param>
    /// <param name="resumeFrom">Where an earlier run of the same accounts stopped, or null to start afresh.</param>
    /// <param name="progress">Told after each account, with the checkpoint to keep.</param>
    /// <param name="cancellationToken">Stops the run between calls; what was stored stays stored, and the last reported checkpoint resumes it.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="ArgumentException">An account is on another platform, or a creator is named twice.</exception>
    public async Task<SyncReport> RunAsync(
        IReadOnlyList<ConnectedAccount> accounts,
        SyncCheckpoint? resumeFrom = null,
        IProgress<SyncProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var errors = new ErrorCollector();
        var creators = new HashSet<CreatorId>();
        for (var i = 0; i < accounts.Count; i++)
        {
            errors.Require(accounts[i] is not null && ReferenceEquals(accounts[i].Platform, _connector.Platform), $"accounts[{i}]", "sync.platform_mismatch", $"every account is on {_connector.Platform.Name}.");
            errors.Require(accounts[i] is null || creators.Add(accounts[i].Creator), $"accounts[{i}].creator", "sync.creator_repeated", "a creator is synced once a run.");
        }

        errors.ThrowIfAny(nameof(accounts));
        var run = new Run(resumeFrom ?? SyncCheckpoint.Start);
        var done = 0;
        foreach (var account in accounts)
        {
            if (run.Stop is not null)
            {
                break;
            }

            if (!run.Completed.Contains(account.Creator))
            {
                var failure = await SyncAccountAsync(account, run, cancellationToken).ConfigureAwait(false);
                if (run.Stop is not null)
                {
                    // The platform's budget is spent, not the account's fault: it is left to the next run, as the rest.
                    Log.RunStopped(_logger, _connector.Platform.Name, run.Stop.Reason);
                }
                else if (failure is null)
                {
                    run.Completed.Add(account.Creator);
                }
                else
                {
                    run.Failures.Add(failure);
                    Log.AccountFailed(_logger, account.Creator, failure.NeedsReconnect);
                    AccountFailed?.Invoke(this, failure);
                }
            }

            progress?.Report(new SyncProgress(++done, accounts.Count, run.SnapshotsWritten, run.Rejections.Count, run.Failures.Count, run.Checkpoint()));
        }

        var report = new SyncReport(accounts.Count, accounts.Count(a => run.Completed.Contains(a.Creator)), run.ProfilesUpdated, run.SnapshotsWritten, run.Calls, run.Rejections, run.Failures, run.Checkpoint())
        {
            PostsListed = run.PostsListed,
            RateLimits = run.RateLimits,
            Stopped = run.Stop,
        };
        Log.RunCompleted(_logger, _connector.Platform.Name, report.Accounts, report.Completed, report.SnapshotsWritten, run.Rejections.Count, run.Failures.Count);
        return report;
    }

    private async ValueTask<SyncFailure?> SyncAccountAsync(ConnectedAccount account, Run run, CancellationToken cancellationToken)
    {
        // 1. The numbers and the audience, onto the creator; a newer save by someone else is taken in and the
        //    change applied again.
        var profile = await CallAsync(run, ct => _connector.GetProfileAsync(account, ct), cancellationToken).ConfigureAwait(false);
        if (!profile.Succeeded)
        {
            return Refuse(account, run, "profile", profile);
        }

        var audience = await CallAsync(run, ct => _connector.GetAudienceAsync(account, ct), cancellationToken).ConfigureAwait(false);
        if (!audience.Succeeded)
        {
            return Refuse(account, run, "audience", audience);
        }

        var updated = await RefreshCreatorAsync(account, profile.AsT0.Stats, audience.AsT0, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            return new SyncFailure(account, SyncFailureKind.CreatorNotStored, $"creator {account.Creator} is not in the store.", NeedsReconnect: false);
        }

        if (updated.Value.IsT1)
        {
            return new SyncFailure(account, SyncFailureKind.SaveConflict, $"each of {_options.MaxAttempts} saves of the creator's numbers found a newer version stored ({updated.Value.AsT1}).", NeedsReconnect: false);
        }

        run.ProfilesUpdated += updated.Value.AsT0 ? 1 : 0;

        // 2. The newest posts, then their metrics in batches, skipping posts captured earlier in this run.
        var posts = await NewestPostsAsync(account, run, cancellationToken).ConfigureAwait(false);
        if (!posts.Succeeded)
        {
            return Refuse(account, run, "posts", posts);
        }

        run.PostsListed += posts.AsT0.Count;
        var stored = run.StoredPosts(account.Creator);
        var pending = posts.AsT0.Select(post => post.Id).Where(id => !stored.Contains(id)).ToList();
        foreach (var batch in pending.Chunk(Math.Max(1, _connector.MaxPostsPerMetricsCall)))
        {
            var metrics = await CallAsync(run, ct => _connector.GetPostMetricsAsync(account, batch, ct), cancellationToken).ConfigureAwait(false);
            if (!metrics.Succeeded)
            {
                return Refuse(account, run, "post metrics", metrics);
            }

            foreach (var snapshot in metrics.AsT0)
            {
                var problems = snapshot.Validate();
                if (!ReferenceEquals(snapshot.Platform, _connector.Platform) || Array.IndexOf(batch, snapshot.PostId) < 0)
                {
                    Reject(run, account, $"metrics of post {snapshot.PostId}", $"the platform answered with a post that was not asked for ({snapshot.Platform.Name} {snapshot.PostId}).");
                }
                else if (problems.Count > 0)
                {
                    Reject(run, account, $"metrics of post {snapshot.PostId}", string.Join(" ", problems.Select(problem => $"{problem.Field}: {problem.Message} ({problem.Code})")));
                }
                else
                {
                    run.SnapshotsWritten += await _snapshots.AddAsync(snapshot, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                    stored.Add(snapshot.PostId);
                }
            }
        }

        return null;
    }

    // Null when the creator is not stored; otherwise whether newer numbers or another audience were saved, or the
    // last conflict when every attempt was overtaken. An unknown audience (a platform that reports none), or no
    // numbers (a hidden follower count), leaves the one on record.
    private async ValueTask<OneOf<bool, Conflict>?> RefreshCreatorAsync(ConnectedAccount account, AccountStats? stats, Audience audience, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var creator = await _creators.FindAsync(account.Creator, cancellationToken).ConfigureAwait(false);
            if (creator is null)
            {
                return null;
            }

            var newer = stats is not null && creator.AccountOn(account.Platform) is not null && creator.RefreshStats(account.Platform, stats, _clock);
            var reported = !audience.Equals(Audience.Unknown) && !audience.Equals(creator.Audience);
            if (reported)
            {
                creator.UpdateAudience(audience, _clock);
            }

            if (!newer && !reported)
            {
                return false;
            }

            var saved = await _creators.SaveAsync(creator, cancellationToken).ConfigureAwait(false);
            if (saved.IsSaved)
            {
                return true;
            }

            if (attempt == _options.MaxAttempts - 1)
            {
                return saved.AsT1;
            }
        }
    }

    private async ValueTask<ConnectorResult<IReadOnlyList<PlatformPost>>> NewestPostsAsync(ConnectedAccount account, Run run, CancellationToken cancellationToken)
    {
        var posts = new List<PlatformPost>();
        string? cursor = null;
        var attempts = 0;
        while (posts.Count < _options.PostsPerAccount)
        {
            // A listing that failed starts again from the last page that arrived.
            ConnectorResult<PostPage>? failed = null;
            var more = false;
            await using (var pages = _connector.ListPostsAsync(account, cursor, cancellationToken).GetAsyncEnumerator(cancellationToken))
            {
                while (posts.Count < _options.PostsPerAccount)
                {
                    if (!await ThrottleAsync(run, cancellationToken).ConfigureAwait(false))
                    {
                        failed = CallsSpent;
                        break;
                    }

                    if (!await pages.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    if (!pages.Current.Succeeded)
                    {
                        failed = pages.Current;
                        Notice(run, failed);
                        break;
                    }

                    posts.AddRange(pages.Current.AsT0.Posts.Take(_options.PostsPerAccount - posts.Count));
                    cursor = pages.Current.AsT0.NextCursor;
                    more = cursor is not null;
                    if (!more)
                    {
                        break;
                    }
                }
            }

            if (failed is null)
            {
                return posts;
            }

            if (run.Stop is not null || ++attempts >= _options.MaxAttempts || !await WaitBeforeRetryAsync(failed, attempts, cancellationToken).ConfigureAwait(false))
            {
                return failed.Match<ConnectorResult<IReadOnlyList<PlatformPost>>>(
                    _ => posts,
                    notFound => notFound,
                    unauthorized => unauthorized,
                    limited => limited,
                    error => error,
                    malformed => malformed);
            }
        }

        return posts;
    }

    private async ValueTask<ConnectorResult<T>> CallAsync<T>(Run run, Func<CancellationToken, ValueTask<ConnectorResult<T>>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!await ThrottleAsync(run, cancellationToken).ConfigureAwait(false))
            {
                return CallsSpent;
            }

            var result = await call(cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                Notice(run, result);
            }

            if (result.Succeeded || run.Stop is not null || attempt >= _options.MaxAttempts || !await WaitBeforeRetryAsync(result, attempt, cancellationToken).ConfigureAwait(false))
            {
                return result;
            }
        }
    }

    // Counts a rate limit, and stops the run on one longer than it may wait out.
    private void Notice<T>(Run run, ConnectorResult<T> failure)
    {
        if (failure.IsT3)
        {
            run.RateLimits++;
            if (failure.AsT3.RetryAfter > _options.MaxRateLimitWait)
            {
                run.Stop ??= new SyncStop(failure.Failure!, failure.AsT3.RetryAfter);
            }
        }
    }

    // Waits out a rate limit or a retryable error; false for a failure that retrying cannot mend.
    private async ValueTask<bool> WaitBeforeRetryAsync<T>(ConnectorResult<T> failure, int attempt, CancellationToken cancellationToken)
    {
        Duration? wait = failure.IsT3 ? failure.AsT3.RetryAfter
            : failure.IsT4 && failure.AsT4.Retryable ? _options.RetryBackoff * Math.Pow(2, attempt - 1)
            : null;
        if (wait is not { } duration)
        {
            return false;
        }

        await _options.Wait(duration, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Keeps to the budget: at most RequestsPerMinute calls in any minute of the injected clock; false, stopping the
    // run, once the run's calls are spent.
    private async ValueTask<bool> ThrottleAsync(Run run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (run.Calls >= _options.MaxCallsPerRun)
        {
            run.Stop ??= new SyncStop(string.Create(CultureInfo.InvariantCulture, $"the run's {_options.MaxCallsPerRun:N0} calls are spent"), RetryAfter: null);
            return false;
        }

        var window = Duration.FromMinutes(1);
        while (true)
        {
            var now = _clock.GetCurrentInstant();
            while (_recentCalls.Count > 0 && _recentCalls.Peek() <= now - window)
            {
                _recentCalls.Dequeue();
            }

            if (_recentCalls.Count < _options.RequestsPerMinute)
            {
                _recentCalls.Enqueue(now);
                run.Calls++;
                return true;
            }

            await _options.Wait(_recentCalls.Peek() + window - now, cancellationToken).ConfigureAwait(false);
        }
    }

    private SyncFailure Refuse<T>(ConnectedAccount account, Run run, string what, ConnectorResult<T> failure)
    {
        if (failure.IsT5)
        {
            Reject(run, account, what, failure.AsT5.Reason);
        }

        return new SyncFailure(account, SyncFailureKind.Of(failure), $"{what}: {failure.Failure}", NeedsReconnect: failure.IsT2);
    }

    private void Reject(Run run, ConnectedAccount account, string what, string reason)
    {
        var rejection = new SyncRejection(account, what, reason);
        run.Rejections.Add(rejection);
        // The reason quotes the platform's data, so only the creator's id and what was refused are logged.
        Log.Refused(_logger, account.Creator, what);
        Rejected?.Invoke(this, rejection);
    }

    // Core's event ids 1201 to 1299 (docs/observability.md).
    private static partial class Log
    {
        [LoggerMessage(1201, LogLevel.Information, "Synced {Completed} of {Accounts} {Platform} accounts: {Snapshots} metrics snapshots written, {Rejections} pieces of data refused, {Failures} accounts given up")]
        public static partial void RunCompleted(ILogger logger, string platform, int accounts, int completed, int snapshots, int rejections, int failures);

        [LoggerMessage(1202, LogLevel.Warning, "Refused the platform's {What} for creator {Creator}: it breaks the domain's rules")]
        public static partial void Refused(ILogger logger, CreatorId creator, string what);

        [LoggerMessage(1203, LogLevel.Warning, "Gave up creator {Creator}'s account for this run (needs reconnecting: {NeedsReconnect})")]
        public static partial void AccountFailed(ILogger logger, CreatorId creator, bool needsReconnect);

        [LoggerMessage(1204, LogLevel.Warning, "Stopped the {Platform} sync before its last account, leaving the rest to the next run: {Reason}")]
        public static partial void RunStopped(ILogger logger, string platform, string reason);
    }

    // The state of one run, kept as plain collections and handed out as an immutable checkpoint.
    private sealed class Run(SyncCheckpoint start)
    {
        private readonly Dictionary<CreatorId, HashSet<string>> _storedPosts =
            start.StoredPosts.ToDictionary(pair => pair.Key, pair => new HashSet<string>(pair.Value, StringComparer.Ordinal));

        public HashSet<CreatorId> Completed { get; } = [.. start.Completed];

        public List<SyncRejection> Rejections { get; } = [];

        public List<SyncFailure> Failures { get; } = [];

        public int ProfilesUpdated { get; set; }

        public int SnapshotsWritten { get; set; }

        public int Calls { get; set; }

        public int PostsListed { get; set; }

        public int RateLimits { get; set; }

        // Set once the platform's budget is spent: the run makes no more calls.
        public SyncStop? Stop { get; set; }

        public HashSet<string> StoredPosts(CreatorId creator)
        {
            if (!_storedPosts.TryGetValue(creator, out var stored))
            {
                stored = new HashSet<string>(StringComparer.Ordinal);
                _storedPosts.Add(creator, stored);
            }

            return stored;
        }

        public SyncCheckpoint Checkpoint() => new(
            [.. Completed],
            _storedPosts.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)[.. pair.Value.Order(StringComparer.Ordinal)]));
    }
}
