using CreatorMarketplace.Metrics;
using NodaTime;

namespace CreatorMarketplace.Storage.InMemory;

/// <summary>Post metrics snapshots in memory, for tests, samples and applications that keep nothing between runs. Safe to use from several threads.</summary>
public sealed class InMemoryPostMetricsStore : IPostMetricsStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(Platform Platform, string PostId), SortedList<Instant, PostMetrics>> _byPost = [];

    /// <summary>How many snapshots are stored, over every post.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byPost.Values.Sum(history => history.Count);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> AddAsync(PostMetrics snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.ThrowIfInvalid();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var key = (snapshot.Platform, snapshot.PostId);
            if (!_byPost.TryGetValue(key, out var history))
            {
                history = [];
                _byPost.Add(key, history);
            }

            return ValueTask.FromResult(history.TryAdd(snapshot.CapturedAt, snapshot));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PostMetrics>> HistoryAsync(Platform platform, string postId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(postId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<PostMetrics>>(_byPost.TryGetValue((platform, postId), out var history) ? [.. history.Values] : []);
        }
    }
}
