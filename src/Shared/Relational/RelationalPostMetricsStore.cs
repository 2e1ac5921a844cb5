using CreatorMarketplace.Metrics;
using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Relational;

// The post_metrics table: one row per post and capture instant, inserted once.
internal sealed class RelationalPostMetricsStore(RelationalDatabase database) : IPostMetricsStore
{
    private readonly string _add = $"INSERT INTO {database.Table("post_metrics")} (platform, post_id, captured_at, document) VALUES (@platform, @post, @at, @document) ON CONFLICT DO NOTHING;";
    private readonly string _history = $"SELECT {database.Text("document")} FROM {database.Table("post_metrics")} WHERE platform = @platform AND post_id = @post ORDER BY captured_at;";

    public async ValueTask<bool> AddAsync(PostMetrics snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.ThrowIfInvalid();
        var document = new StoredDocument(StoredJson.Write(snapshot));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = database.Command(
            connection,
            null,
            _add,
            ("platform", snapshot.Platform.Name),
            ("post", snapshot.PostId),
            ("at", snapshot.CapturedAt),
            ("document", document));
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<IReadOnlyList<PostMetrics>> HistoryAsync(Platform platform, string postId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(postId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = database.Command(connection, null, _history, ("platform", platform.Name), ("post", postId));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var history = new List<PostMetrics>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            history.Add(StoredJson.Read<PostMetrics>(reader.GetString(0)));
        }

        // SQLite keeps an instant as its ISO text, whose fraction has as many digits as it needs ("…:00Z", "…:00.5Z",
        // "…:00.51Z"), so its order within a second is not the captures': ordered here.
        history.Sort(static (a, b) => a.CapturedAt.CompareTo(b.CapturedAt));
        return history;
    }
}
