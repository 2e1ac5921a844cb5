using System.Text.Encodings.Web;
using System.Text.Json;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Storage;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Serialization;

/// <summary>
/// Everything a store holds about one creator, as one JSON document, for the creator's right of access and to data
/// portability (GDPR Articles 15 and 20): the profile, the personal data, the contracts and collaborations the creator
/// is a party to, and the ledger transactions that move money to or from the creator's accounts, each in its stored
/// form (docs/serialization.md). The repositories are read in bulk and filtered, so an export reads the whole store
/// once: fine for a request a creator makes, not for a page a user waits on.
/// </summary>
/// <example>
/// <code>
/// await using var file = File.Create("export.json");
/// await CreatorDataExport.WriteAsync(store, creatorId, file, clock);
/// </code>
/// </example>
public static class CreatorDataExport
{
    /// <summary>Writes everything the store holds about a creator to a stream, as one JSON object.</summary>
    /// <param name="store">The store.</param>
    /// <param name="creator">The creator.</param>
    /// <param name="destination">Where the JSON goes; left open.</param>
    /// <param name="clock">Dates the export (<c>exportedAt</c>).</param>
    /// <param name="cancellationToken">Cancels the export; what was written so far is not a whole document.</param>
    /// <returns>A task that completes when the document is written and flushed.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnreadableAggregateException">A stored aggregate cannot be read: an export is whole or not made.</exception>
    public static async Task WriteAsync(IMarketplaceStore store, CreatorId creator, Stream destination, IClock clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(clock);
        await using var writer = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteString("creator", creator.ToString());
        writer.WriteString("exportedAt", InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()));

        writer.WritePropertyName("profile");
        WriteStored(writer, await store.Creators.FindAsync(creator, cancellationToken).ConfigureAwait(false) is { } found ? found.ToSnapshot() : null);
        writer.WritePropertyName("identity");
        WriteStored(writer, await store.Identities.FindAsync(creator, cancellationToken).ConfigureAwait(false));

        await WriteEachAsync(writer, "contracts", store.Contracts.ReadAsync(cancellationToken: cancellationToken), stored => stored.Aggregate.Creator == creator ? stored.Aggregate.ToSnapshot() : null, cancellationToken).ConfigureAwait(false);
        await WriteEachAsync(writer, "collaborations", store.Collaborations.ReadAsync(cancellationToken: cancellationToken), stored => stored.Aggregate.Creator == creator ? stored.Aggregate.ToSnapshot() : null, cancellationToken).ConfigureAwait(false);
        await WriteEachAsync(
            writer,
            "ledgerTransactions",
            store.Ledger.ReadAsync(cancellationToken: cancellationToken),
            transaction => transaction.Entries.Any(entry => IsTheCreators(entry.From, creator) || IsTheCreators(entry.To, creator)) ? transaction : null,
            cancellationToken).ConfigureAwait(false);
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // An array of the stored forms of the items kept (those whose form is not null), flushed item by item.
    private static async Task WriteEachAsync<T>(Utf8JsonWriter writer, string name, IAsyncEnumerable<T> items, Func<T, object?> storedFormIfKept, CancellationToken cancellationToken)
    {
        writer.WriteStartArray(name);
        await foreach (var item in items.ConfigureAwait(false))
        {
            if (storedFormIfKept(item) is { } stored)
            {
                WriteStored(writer, stored);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        writer.WriteEndArray();
    }

    private static bool IsTheCreators(LedgerAccount account, CreatorId creator) =>
        account.Owner == creator.Value && (account.Kind == AccountKind.CreatorPayable || account.Kind == AccountKind.PaidOut);

    private static void WriteStored<T>(Utf8JsonWriter writer, T? value)
        where T : class
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteRawValue(StoredJson.Write(value), skipInputValidation: true);
    }
}
