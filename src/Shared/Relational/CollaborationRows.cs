using System.Data.Common;
using System.Text.Json.Nodes;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Relational;

// Every stored form of one collaboration as JSON, rewritten in place: its document (keyed by its version), its rows of
// history (by position) and its outbox rows (by sequence). What rewrites the text of a collaboration (an erasure, the
// expiry of messages) goes through here, so that no stored copy is missed.
internal sealed class CollaborationRows(RelationalDatabase database)
{
    private readonly (string Select, string Update)[] _rows =
    [
        ($"SELECT version, {database.Text("document")} FROM {database.Table("aggregates")} WHERE kind = @kind AND id = @id;",
            $"UPDATE {database.Table("aggregates")} SET document = @json WHERE kind = @kind AND id = @id AND version = @key;"),
        ($"SELECT position, {database.Text("event")} FROM {database.Table("aggregate_events")} WHERE kind = @kind AND id = @id;",
            $"UPDATE {database.Table("aggregate_events")} SET event = @json WHERE kind = @kind AND id = @id AND position = @key;"),
        ($"SELECT sequence, {database.Text("payload")} FROM {database.Table("outbox")} WHERE aggregate = @kind AND aggregate_id = @id;",
            $"UPDATE {database.Table("outbox")} SET payload = @json WHERE aggregate = @kind AND aggregate_id = @id AND sequence = @key;"),
    ];

    // Rewrites each row whose JSON the rewrite changes (it changes the node in place and says whether it did);
    // returns whether any row changed.
    public async ValueTask<bool> RewriteAsync(DbConnection connection, DbTransaction transaction, CollaborationId collaboration, Func<JsonNode?, bool> rewrite, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var (select, update) in _rows)
        {
            var rows = new List<(string Name, object? Value)[]>();
            await using (var read = database.Command(connection, transaction, select, ("kind", nameof(Collaboration)), ("id", collaboration.Value)))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var node = JsonNode.Parse(reader.GetString(1));
                    if (rewrite(node))
                    {
                        rows.Add([("kind", nameof(Collaboration)), ("id", collaboration.Value), ("key", reader.GetInt64(0)), ("json", new StoredDocument(node!.ToJsonString(StoredJson.Options)))]);
                    }
                }
            }

            await database.ExecuteEachAsync(connection, transaction, update, rows, cancellationToken).ConfigureAwait(false);
            changed |= rows.Count > 0;
        }

        return changed;
    }
}
