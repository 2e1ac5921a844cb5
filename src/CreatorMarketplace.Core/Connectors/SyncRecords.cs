using NodaTime;

namespace CreatorMarketplace.Connectors;

/// <summary>How <see cref="CreatorSyncService"/> paces and bounds its work.</summary>
public sealed record SyncOptions
{
    /// <summary>
    /// The most calls the sync makes to the platform in any minute; 600 (TikTok's per-endpoint limit) unless set.
    /// A sync sharing the platform with other work of the application's should be given less.
    /// </summary>
    public int RequestsPerMinute { get; init; } = 600;

    /// <summary>How many of each account's newest posts get a metrics snapshot; 30 unless set.</summary>
    public int PostsPerAccount { get; init; } = 30;

    /// <summary>How often one call is tried when the platform is rate limited or fails retryably; 3 unless set.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait before the second attempt of a retryable failure; doubled for each attempt after. 1 s unless set.</summary>
    public Duration RetryBackoff { get; init; } = Duration.FromSeconds(1);

    /// <summary>
    /// How the sync waits (for the rate budget, a retry-after, a back-off): <see cref="Task.Delay(TimeSpan, CancellationToken)"/>
    /// unless set. Tests and simulations pass one that advances their fake clock instead.
    /// </summary>
    public Func<Duration, CancellationToken, ValueTask> Wait { get; init; } = (duration, cancellationToken) => new ValueTask(Task.Delay(duration.ToTimeSpan(), cancellationToken));

    /// <summary>Checks the options, naming every problem.</summary>
    /// <exception cref="DomainValidationException">An option is out of range.</exception>
    public void Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(RequestsPerMinute is >= 1 and <= 100_000, "requestsPerMinute", "sync.budget_out_of_range", "the budget is 1 to 100,000 calls a minute.");
        errors.Require(PostsPerAccount is >= 0 and <= 1_000, "postsPerAccount", "sync.posts_out_of_range", "an account gets 0 to 1,000 post snapshots a run.");
        errors.Require(MaxAttempts is >= 1 and <= 10, "maxAttempts", "sync.attempts_out_of_range", "a call is tried 1 to 10 times.");
        errors.Require(RetryBackoff >= Duration.Zero && RetryBackoff <= Duration.FromMinutes(10), "retryBackoff", "sync.backoff_out_of_range", "the back-off is zero to ten minutes.");
        errors.Require(Wait is not null, "wait", "sync.wait_missing", "the sync needs a way to wait.");
        errors.ThrowIfAny("options");
    }
}

/// <summary>
/// Where a sync run got to: the accounts finished, and for each account started, the posts whose snapshots are
/// stored. Passed back to <see cref="CreatorSyncService.RunAsync"/>, it lets a run interrupted by a failure or a
/// cancellation resume without capturing any post twice.
/// </summary>
/// <param name="Completed">The accounts (by creator) finished in this run.</param>
/// <param name="StoredPosts">For each account started, the posts whose snapshots are stored in this run.</param>
public sealed record SyncCheckpoint(IReadOnlyList<CreatorId> Completed, IReadOnlyDictionary<CreatorId, IReadOnlyList<string>> StoredPosts)
{
    /// <summary>A run not started.</summary>
    public static SyncCheckpoint Start { get; } = new([], new Dictionary<CreatorId, IReadOnlyList<string>>());
}

/// <summary>Platform data the sync refused to store, and why: nothing was made of it.</summary>
/// <param name="Account">The account.</param>
/// <param name="What">What was refused, for example <c>metrics of post 7301542987100</c>.</param>
/// <param name="Reason">Why, naming the field and the rule.</param>
public sealed record SyncRejection(ConnectedAccount Account, string What, string Reason);

/// <summary>An account the run could not finish; a later run (or a resumed one) tries it again.</summary>
/// <param name="Account">The account.</param>
/// <param name="Reason">Why, for example <c>unauthorised: access_token_expired</c>.</param>
/// <param name="NeedsReconnect">Whether the creator has to connect the account again (the platform refused the authorisation).</param>
public sealed record SyncFailure(ConnectedAccount Account, string Reason, bool NeedsReconnect);

/// <summary>How far a run is, reported after each account.</summary>
/// <param name="AccountsDone">Accounts finished or given up for this run.</param>
/// <param name="AccountsTotal">Accounts in the run.</param>
/// <param name="SnapshotsWritten">Metrics snapshots stored so far.</param>
/// <param name="Rejected">Pieces of platform data refused so far.</param>
/// <param name="Failed">Accounts given up so far.</param>
/// <param name="Checkpoint">Where the run is, to keep for resuming.</param>
public sealed record SyncProgress(int AccountsDone, int AccountsTotal, int SnapshotsWritten, int Rejected, int Failed, SyncCheckpoint Checkpoint);

/// <summary>What a run did.</summary>
/// <param name="Accounts">Accounts in the run.</param>
/// <param name="Completed">Accounts finished, in this run or the one it resumed.</param>
/// <param name="ProfilesUpdated">Creators whose numbers were newer, or whose audience changed, and were saved.</param>
/// <param name="SnapshotsWritten">Metrics snapshots stored.</param>
/// <param name="Calls">Calls made to the platform, retries included.</param>
/// <param name="Rejections">Platform data refused, with the reasons.</param>
/// <param name="Failures">Accounts given up, with the reasons.</param>
/// <param name="Checkpoint">Where the run ended; pass it back to resume.</param>
public sealed record SyncReport(
    int Accounts,
    int Completed,
    int ProfilesUpdated,
    int SnapshotsWritten,
    int Calls,
    IReadOnlyList<SyncRejection> Rejections,
    IReadOnlyList<SyncFailure> Failures,
    SyncCheckpoint Checkpoint);
