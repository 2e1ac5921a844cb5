using NodaTime;

namespace CreatorMarketplace.Metrics;

/// <summary>
/// The snapshots of one post's numbers over time, oldest first. A snapshot captured at or before the newest one is
/// not added (a delayed or repeated sync never rolls numbers back), and every snapshot is checked first.
/// </summary>
public sealed class PostMetricsHistory
{
    private readonly List<PostMetrics> _snapshots = [];

    /// <summary>Starts an empty history for a post.</summary>
    /// <param name="postId">The platform's id of the post.</param>
    /// <exception cref="ArgumentException"><paramref name="postId"/> is blank or breaks <see cref="TextRule.SingleLine"/>.</exception>
    public PostMetricsHistory(string postId)
    {
        PostId = TextRule.SingleLine.RequireNonBlank(postId);
    }

    /// <summary>The post.</summary>
    public string PostId { get; }

    /// <summary>The snapshots, oldest first.</summary>
    public IReadOnlyList<PostMetrics> Snapshots => _snapshots.AsReadOnly();

    /// <summary>The newest snapshot, if any.</summary>
    public PostMetrics? Latest => _snapshots.Count == 0 ? null : _snapshots[^1];

    /// <summary>Adds a snapshot newer than the newest one.</summary>
    /// <param name="snapshot">The snapshot, of this post.</param>
    /// <returns>True when added; false when it was captured at or before the newest snapshot (nothing changes).</returns>
    /// <exception cref="DomainValidationException">The snapshot is of another post or has impossible numbers; every problem is named.</exception>
    public bool Add(PostMetrics snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var errors = new ErrorCollector();
        errors.AddRange(snapshot.Validate());
        errors.Require(snapshot.PostId == PostId, nameof(PostMetrics.PostId), "metrics.other_post", $"the snapshot is of post {ErrorText.Quote(snapshot.PostId)}, not {ErrorText.Quote(PostId)}.");
        errors.ThrowIfAny(nameof(snapshot));
        if (Latest is { } latest && snapshot.CapturedAt <= latest.CapturedAt)
        {
            return false;
        }

        _snapshots.Add(snapshot);
        return true;
    }

    /// <summary>The newest snapshot captured at or before an instant.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The snapshot, or null when none was captured by then.</returns>
    public PostMetrics? AsOf(Instant instant) => _snapshots.LastOrDefault(snapshot => snapshot.CapturedAt <= instant);

    /// <summary>How much a count grew between two instants (the snapshots in force at each); null when either is missing.</summary>
    /// <param name="count">The count, for example <c>m =&gt; m.Views</c>.</param>
    /// <param name="from">The earlier instant.</param>
    /// <param name="to">The later instant.</param>
    /// <returns>The growth, or null when a snapshot or the count is missing.</returns>
    /// <exception cref="ArgumentException"><paramref name="from"/> is after <paramref name="to"/>: a growth read backwards would look like a loss.</exception>
    public long? Growth(Func<PostMetrics, long?> count, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(count);
        if (from > to)
        {
            throw new ArgumentException($"from: {from} is after to, {to}; a growth runs from the earlier instant to the later.", nameof(from));
        }

        return AsOf(from) is { } start && AsOf(to) is { } end && count(start) is { } before && count(end) is { } after ? after - before : null;
    }
}
