using System.Data.Common;
using System.Text.Json.Nodes;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Relational;

// A relational store's part of erasing a creator, in one transaction: the creator_identities row and the creator's
// document deleted, each outbox row of the creator's aggregate rewritten in place as CreatorEventErased (its
// position, event id and delivery state kept, so that the change feed and the dispatcher see a row where they saw
// one), the free text of the creator's collaborations scrubbed where it names the creator (their documents, their
// rows of history and their outbox rows, each rewritten in place), and a CreatorErased row added when anything was
// erased. The dialect removes what the database file keeps of the old bytes (RelationalDatabase.EraseAsync).
internal sealed class RelationalCreatorEraser(RelationalDatabase database) : ICreatorRecordEraser
{
    private const string Kind = nameof(Creator);

    private readonly string _identity = $"DELETE FROM {database.Table("creator_identities")} WHERE creator_id = @creator;";
    private readonly string _aggregate = $"DELETE FROM {database.Table("aggregates")} WHERE kind = @kind AND id = @creator RETURNING version;";
    private readonly string _events = $"""
        SELECT sequence, event_type, occurred_at, aggregate_version FROM {database.Table("outbox")}
        WHERE aggregate = @kind AND aggregate_id = @creator ORDER BY sequence;
        """;

    private readonly string _replace = $"UPDATE {database.Table("outbox")} SET event_type = @type, payload = @payload WHERE sequence = @sequence;";
    private readonly string _append = RelationalOutbox.Append(database);

    private readonly CollaborationRows _collaborationRows = new(database);

    public async ValueTask<bool> EraseRecordsAsync(CreatorErasureRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (creator, erasedAt) = (request.Creator, request.ErasedAt);
        var erasedEvent = DomainEventJson.Write(new CreatorErased(creator, erasedAt));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var appended = await database.EraseAsync(
            connection,
            async () =>
            {
                await using var transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
                await using var identity = database.Command(connection, transaction, _identity, ("creator", creator.Value));
                var erased = await identity.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
                await using var aggregate = database.Command(connection, transaction, _aggregate, ("kind", Kind), ("creator", creator.Value));
                var lastVersion = RelationalDatabase.Number(await aggregate.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
                erased |= lastVersion > 0;

                var replaced = new List<(string Name, object? Value)[]>();
                await using (var events = database.Command(connection, transaction, _events, ("kind", Kind), ("creator", creator.Value)))
                await using (var reader = await events.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        lastVersion = Math.Max(lastVersion, reader.GetInt64(3));
                        var type = reader.GetString(1);
                        if (type is not (nameof(CreatorErased) or nameof(CreatorEventErased)))
                        {
                            var left = DomainEventJson.Write(new CreatorEventErased(creator, type, database.GetInstant(reader, 2)));
                            replaced.Add([("type", left.TypeName), ("payload", new StoredDocument(left.Json)), ("sequence", reader.GetInt64(0))]);
                        }
                    }
                }

                await database.ExecuteEachAsync(connection, transaction, _replace, replaced, cancellationToken).ConfigureAwait(false);
                erased |= replaced.Count > 0;
                foreach (var collaboration in request.Collaborations)
                {
                    erased |= await ScrubAsync(connection, transaction, collaboration, request, cancellationToken).ConfigureAwait(false);
                }

                if (!erased)
                {
                    return false;
                }

                if (database.BeforeOutboxAppend is { } beforeAppend)
                {
                    await using var turn = database.Command(connection, transaction, beforeAppend);
                    await turn.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                // A creator's rows belong to no party (creators are shared), as its saves write them.
                var parties = database.HasRowSecurity ? new (string, object?)[] { ("parties", Array.Empty<Guid>()) } : [];
                await using (var append = database.Command(connection, transaction, _append, RelationalOutbox.AppendRow(Kind, creator.Value, lastVersion + 1, erasedEvent, erasedAt, null, parties)))
                {
                    await append.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);

        if (appended)
        {
            database.Saved.Pulse();
        }

        return appended;
    }

    // Rewrites the collaboration's stored JSON where its free text names the creator; returns whether any row changed.
    private ValueTask<bool> ScrubAsync(DbConnection connection, DbTransaction transaction, CollaborationId collaboration, CreatorErasureRequest request, CancellationToken cancellationToken) =>
        _collaborationRows.RewriteAsync(connection, transaction, collaboration, node => Scrub(node, request), cancellationToken);

    // Scrubs the string values of the free-text members (CreatorErasureRequest.FreeText) anywhere in the JSON, and
    // nothing else: names, codes and ids are never free text. A post's link is scrubbed as a URL, so that it stays
    // one. Returns whether any changed.
    private static bool Scrub(JsonNode? node, CreatorErasureRequest request, string? freeText = null)
    {
        switch (node)
        {
            case JsonObject members:
                var changed = false;
                foreach (var (name, value) in members.ToList())
                {
                    changed |= Scrub(value, request, CreatorErasureRequest.FreeText.Contains(name) ? name : null);
                }

                return changed;
            case JsonArray items:
                return items.ToList().Aggregate(false, (changed, item) => Scrub(item, request, freeText) | changed);
            case JsonValue value when freeText is not null && value.TryGetValue<string>(out var text) && Redact(request, freeText, text) is var redacted && redacted != text:
                value.ReplaceWith(JsonValue.Create(redacted));
                return true;
            default:
                return false;
        }
    }

    private static string Redact(CreatorErasureRequest request, string member, string text) =>
        member == "url" && Uri.TryCreate(text, UriKind.Absolute, out var url) ? request.Redact(url).OriginalString : request.Redact(text);
}
