using Ardalis.SmartEnum;
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

    /// <summary>
    /// The longest rate limit the run waits out; a platform asking for a longer wait (a daily quota spent) stops the
    /// run, leaving the accounts not finished to the next one (<see cref="SyncReport.Stopped"/>). Null, unless set:
    /// every rate limit is waited out.
    /// </summary>
    public Duration? MaxRateLimitWait { get; init; }

    /// <summary>
    /// The most calls one run makes (the share of a platform's quota it may spend); once spent, the run stops and
    /// leaves the accounts not finished to the next one (<see cref="SyncReport.Stopped"/>). Null, unless set: no cap.
    /// </summary>
    public int? MaxCallsPerRun { get; init; }

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
        errors.Require(MaxRateLimitWait is null || MaxRateLimitWait >= Duration.Zero, "maxRateLimitWait", "sync.rate_limit_wait_out_of_range", "the longest rate limit waited out is zero or more.");
        errors.Require(MaxCallsPerRun is null or >= 1, "maxCallsPerRun", "sync.calls_out_of_range", "a run makes at least one call.");
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
/// <param name="Kind">What kind of failure it was, for counting them.</param>
/// <param name="Reason">Why, for example <c>unauthorised: access_token_expired</c>.</param>
/// <param name="NeedsReconnect">Whether the creator has to connect the account again (the platform refused the authorisation).</param>
public sealed record SyncFailure(ConnectedAccount Account, SyncFailureKind Kind, string Reason, bool NeedsReconnect);

/// <summary>The kind of a <see cref="SyncFailure"/>: the connector's outcome, or what the sync itself found.</summary>
public sealed class SyncFailureKind : SmartEnum<SyncFailureKind, int>
{
    /// <summary>The platform has no such account (<see cref="Connectors.NotFound"/>).</summary>
    public static readonly SyncFailureKind NotFound = new(nameof(NotFound), 1);

    /// <summary>The platform refused the creator's authorisation (<see cref="Connectors.Unauthorized"/>): the creator connects the account again.</summary>
    public static readonly SyncFailureKind Unauthorized = new(nameof(Unauthorized), 2);

    /// <summary>The platform was still rate limited after the last attempt (<see cref="Connectors.RateLimited"/>).</summary>
    public static readonly SyncFailureKind RateLimited = new(nameof(RateLimited), 3);

    /// <summary>The platform failed, and retrying did not mend it (<see cref="Connectors.PlatformError"/>).</summary>
    public static readonly SyncFailureKind PlatformError = new(nameof(PlatformError), 4);

    /// <summary>The platform's data could not be used (<see cref="Connectors.MalformedData"/>).</summary>
    public static readonly SyncFailureKind MalformedData = new(nameof(MalformedData), 5);

    /// <summary>The account's creator is not in the store.</summary>
    public static readonly SyncFailureKind CreatorNotStored = new(nameof(CreatorNotStored), 6);

    /// <summary>No connector for the account's platform was given to the sync (<see cref="CrossPlatformSyncService"/>).</summary>
    public static readonly SyncFailureKind NoConnector = new(nameof(NoConnector), 7);

    /// <summary>Each save of the creator's refreshed numbers found a newer version stored, as often as <see cref="SyncOptions.MaxAttempts"/> allows.</summary>
    public static readonly SyncFailureKind SaveConflict = new(nameof(SaveConflict), 8);

    private SyncFailureKind(string name, int value)
        : base(name, value)
    {
    }

    /// <summary>The kind of a connector's failure.</summary>
    internal static SyncFailureKind Of<T>(ConnectorResult<T> failure) => failure.Match(
        _ => throw new ArgumentException("failure: the call succeeded.", nameof(failure)),
        _ => NotFound,
        _ => Unauthorized,
        _ => RateLimited,
        _ => PlatformError,
        _ => MalformedData);
}

/// <summary>Why a run stopped before its last account, leaving the rest to the next run.</summary>
/// <param name="Reason">What was spent, for example <c>rate limited: retry after 28800 s</c>.</param>
/// <param name="RetryAfter">How long the platform asked to wait, when it did; null when the run's own call cap was spent.</param>
public sealed record SyncStop(string Reason, Duration? RetryAfter);

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
    SyncCheckpoint Checkpoint)
{
    /// <summary>Posts listed (the newest ones, up to <see cref="SyncOptions.PostsPerAccount"/> an account).</summary>
    public int PostsListed { get; init; }

    /// <summary>Rate limits the platform answered with, whether waited out or not.</summary>
    public int RateLimits { get; init; }

    /// <summary>
    /// Why the run stopped before its last account (a rate limit longer than <see cref="SyncOptions.MaxRateLimitWait"/>,
    /// or <see cref="SyncOptions.MaxCallsPerRun"/> spent), or null when it went through every account.
    /// </summary>
    public SyncStop? Stopped { get; init; }
}
