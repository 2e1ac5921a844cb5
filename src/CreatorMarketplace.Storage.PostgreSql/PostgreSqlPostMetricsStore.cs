using System.Text.Json;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace CreatorMarketplace.Storage.PostgreSql;

// The post_metrics table: one row per post and capture instant, inserted once.
internal sealed class PostgreSqlPostMetricsStore : IPostMetricsStore
{
    private readonly PostgreSqlMarketplaceStore _store;

    public PostgreSqlPostMetricsStore(PostgreSqlMarketplaceStore store) => _store = store;

    public async ValueTask<bool> AddAsync(PostMetrics snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.ThrowIfInvalid();
        var document = StoredJson.Write(snapshot);
        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {_store.Table("post_metrics")} (platform, post_id, captured_at, document) VALUES (@platform, @post, @at, @document) ON CONFLICT DO NOTHING;",
            connection);
        insert.Parameters.AddWithValue("platform", snapshot.Platform.Name);
        insert.Parameters.AddWithValue("post", snapshot.PostId);
        insert.Parameters.AddWithValue("at", snapshot.CapturedAt.ToDateTimeUtc());
        insert.Parameters.AddWithValue("document", NpgsqlDbType.Json, document);
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<IReadOnlyList<PostMetrics>> HistoryAsync(Platform platform, string postId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(postId);
        await using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = new NpgsqlCommand(
            $"SELECT document::text FROM {_store.Table("post_metrics")} WHERE platform = @platform AND post_id = @post ORDER BY captured_at;",
            connection);
        select.Parameters.AddWithValue("platform", platform.Name);
        select.Parameters.AddWithValue("post", postId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var history = new List<PostMetrics>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            history.Add(StoredJson.Read<PostMetrics>(reader.GetString(0)));
        }

        return history;
    }
}
