using NodaTime;

namespace CreatorMarketplace.ReadModels;

/// <summary>What a <see cref="CatalogFollower"/> is doing.</summary>
public enum CatalogFollowerState
{
    /// <summary>Not run yet.</summary>
    Starting,

    /// <summary>Loading every creator the store holds into the catalog, before following its changes.</summary>
    Loading,

    /// <summary>Loaded, and applying the store's changes as they come.</summary>
    Following,

    /// <summary>The store or the catalog failed; the follower tries again after a back-off.</summary>
    Unavailable,

    /// <summary>The run was cancelled; a new run resumes from <see cref="CatalogFollowerStatus.Position"/>.</summary>
    Stopped,
}

/// <summary>
/// A <see cref="CatalogFollower"/>'s state and lag at one moment, for health checks and monitoring.
/// </summary>
/// <param name="State">What the follower is doing.</param>
/// <param name="Position">The feed position applied: every change up to it is in the catalog.</param>
/// <param name="Head">The store's head position last seen.</param>
/// <param name="AsOf">When the status was taken.</param>
/// <param name="NewestAppliedAt">When the newest change applied happened; null before the first.</param>
/// <param name="CaughtUpAt">When the follower last found no change after its position; null before the first time.</param>
/// <param name="Faults">How many changes the catalog could not apply since the follower was made (<see cref="CatalogFollower.RecentFaults"/>).</param>
/// <param name="Failures">How many times in a row the store or the catalog failed; 0 once a step succeeds.</param>
/// <param name="LastError">The type and message of the last failure while <see cref="State"/> is <see cref="CatalogFollowerState.Unavailable"/>; null otherwise.</param>
public sealed record CatalogFollowerStatus(
    CatalogFollowerState State,
    long Position,
    long Head,
    Instant AsOf,
    Instant? NewestAppliedAt,
    Instant? CaughtUpAt,
    long Faults,
    int Failures,
    string? LastError)
{
    /// <summary>
    /// How many positions the follower is behind the head last seen: at least the changes not yet applied (positions
    /// grow but need not be consecutive, so it may count a few more).
    /// </summary>
    public long Behind => Math.Max(0, Head - Position);

    /// <summary>Whether the follower is following and had applied every change up to the head last seen.</summary>
    public bool IsCaughtUp => State == CatalogFollowerState.Following && Position >= Head;

    /// <summary>How long ago the newest change applied happened; null before the first.</summary>
    public Duration? SinceNewestApplied => AsOf - NewestAppliedAt;

    /// <summary>How long ago the follower was last caught up; null before the first time.</summary>
    public Duration? SinceCaughtUp => AsOf - CaughtUpAt;
}

/// <summary>
/// A change a <see cref="CatalogFollower"/> could not apply: the store could not read the creator, or the catalog
/// refused its listing. The follower reports it and goes on with the next change.
/// </summary>
/// <param name="Position">The feed position of the change; while loading, the position the load started from.</param>
/// <param name="Creator">The creator the change was of.</param>
/// <param name="At">When the follower met it.</param>
/// <param name="Reason">Why: the exception's type and message, never the stored document.</param>
public sealed record CatalogFault(long Position, Guid Creator, Instant At, string Reason);
