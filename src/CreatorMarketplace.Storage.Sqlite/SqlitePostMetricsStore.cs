using System.Text.Json;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Sqlite;

// The post_metrics table: one row per post and capture instant, inserted once.
internal sealed class SqlitePostMetricsStore : IPostMetricsStore
{
    private readonly SqliteMarketplaceStore _store;

    public SqlitePostMetricsStore(SqliteMarketplaceStore store) => _store = store;

    public async ValueTask<bool> AddAsync(PostMetrics snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.ThrowIfInvalid();
        var document = StoredJson.Write(snapshot);
        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.Command(
            null,
            "INSERT INTO post_metrics (platform, post_id, captured_at, document) VALUES ($platform, $post, $at, $document) ON CONFLICT DO NOTHING;",
            ("$platform", snapshot.Platform.Name),
            ("$post", snapshot.PostId),
            ("$at", SqliteCommands.Text(snapshot.CapturedAt)),
            ("$document", document));
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<IReadOnlyList<PostMetrics>> HistoryAsync(Platform platform, string postId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(postId);
        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command(
            null,
            "SELECT document FROM post_metrics WHERE platform = $platform AND post_id = $post ORDER BY captured_at;",
            ("$platform", platform.Name),
            ("$post", postId));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var history = new List<PostMetrics>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            history.Add(StoredJson.Read<PostMetrics>(reader.GetString(0)));
        }

        return history;
    }
}
