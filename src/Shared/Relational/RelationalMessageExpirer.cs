using System.Text.Json.Nodes;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Relational;

// A relational store's part of MessageRetention, in one transaction: each stored form of each collaboration (its
// document, its rows of history, its outbox rows) with the message of every MessageSent event that expires reduced to
// the redaction, its number, author and time kept. The dialect removes what the database file keeps of the old bytes
// (RelationalDatabase.EraseAsync), as for an erasure.
internal sealed class RelationalMessageExpirer(RelationalDatabase database) : IMessageExpirer
{
    private static readonly string[] MessageMembers = ["number", "author", "sentAt", "body", "attachments"];

    private readonly CollaborationRows _rows = new(database);

    public async ValueTask<int> ExpireMessagesAsync(MessageExpiry expiry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expiry);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await database.EraseAsync(
            connection,
            async () =>
            {
                await using var transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
                var changed = 0;
                foreach (var collaboration in expiry.Collaborations)
                {
                    changed += await _rows.RewriteAsync(connection, transaction, collaboration, node => Expire(node, expiry), cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return changed;
            },
            cancellationToken).ConfigureAwait(false);
    }

    // Finds the messages of MessageSent events anywhere in the JSON (a document's history, a row's event) and reduces the message
    // of each that expires, read as the domain reads it; returns whether any changed.
    private static bool Expire(JsonNode? node, MessageExpiry expiry)
    {
        switch (node)
        {
            case JsonObject sent when sent["message"] is JsonObject message && IsMessage(message):
                if (!expiry.Expires(StoredJson.Read<Message>(message.ToJsonString(StoredJson.Options))))
                {
                    return false;
                }

                message["body"] = MessageRetention.Redaction;
                message["attachments"] = new JsonArray();
                return true;
            case JsonObject members:
                return members.Select(member => member.Value).ToList().Aggregate(false, (changed, value) => Expire(value, expiry) | changed);
            case JsonArray items:
                return items.ToList().Aggregate(false, (changed, item) => Expire(item, expiry) | changed);
            default:
                return false;
        }
    }

    // A MessageSent event's message, wherever it is written (a document's history names the event's type; a row of
    // history or of the outbox keeps the type in a column of its own): an object of exactly a Message's members.
    private static bool IsMessage(JsonObject json) =>
        json.Count == MessageMembers.Length && MessageMembers.All(json.ContainsKey);
}
