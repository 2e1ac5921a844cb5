using CreatorMarketplace.Metrics;

namespace CreatorMarketplace.Storage;

/// <summary>
/// Post metrics snapshots as a sync captured them: one per post and capture instant, appended and never changed,
/// so a post's history can be rebuilt (<see cref="PostMetricsHistory"/>) and a retried write stores nothing twice.
/// </summary>
public interface IPostMetricsStore
{
    /// <summary>Stores a snapshot unless one of the same post captured at the same instant is stored already.</summary>
    /// <param name="snapshot">A snapshot that passes <see cref="PostMetrics.Validate"/>.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write stores nothing.</param>
    /// <returns>True when stored now; false when it was stored before (nothing changes).</returns>
    /// <exception cref="DomainValidationException">The snapshot breaks a rule; every problem is named and nothing is stored.</exception>
    ValueTask<bool> AddAsync(PostMetrics snapshot, CancellationToken cancellationToken = default);

    /// <summary>Reads a post's snapshots, oldest capture first.</summary>
    /// <param name="platform">The post's platform.</param>
    /// <param name="postId">The platform's id of the post.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshots; empty when none is stored.</returns>
    ValueTask<IReadOnlyList<PostMetrics>> HistoryAsync(Platform platform, string postId, CancellationToken cancellationToken = default);
}
