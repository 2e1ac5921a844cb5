using CreatorMarketplace.Creators;
using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Relational;

// The creator_identities table: one row per creator, its personal data as a document, replaced by a save and deleted
// by an erasure, after which the dialect removes what the database file would keep of it (EraseAsync).
internal sealed class RelationalCreatorIdentityStore(RelationalDatabase database) : ICreatorIdentityStore
{
    private readonly string _find = $"SELECT {database.Text("document")} FROM {database.Table("creator_identities")} WHERE creator_id = @creator;";
    private readonly string _save =
        $"INSERT INTO {database.Table("creator_identities")} (creator_id, document) VALUES (@creator, @document) " +
        "ON CONFLICT (creator_id) DO UPDATE SET document = excluded.document;";

    private readonly string _erase = $"DELETE FROM {database.Table("creator_identities")} WHERE creator_id = @creator;";

    public async ValueTask<CreatorIdentity?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = database.Command(connection, null, _find, ("creator", creator.Value));
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string document
            ? StoredJson.Read<CreatorIdentity>(document)
            : null;
    }

    public async ValueTask SaveAsync(CreatorIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var document = new StoredDocument(StoredJson.Write(identity));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var upsert = database.Command(connection, null, _save, ("creator", identity.Creator.Value), ("document", document));
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> EraseAsync(CreatorId creator, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await database.EraseAsync(
            connection,
            async () =>
            {
                await using var delete = database.Command(connection, null, _erase, ("creator", creator.Value));
                return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
            },
            cancellationToken).ConfigureAwait(false);
    }
}
