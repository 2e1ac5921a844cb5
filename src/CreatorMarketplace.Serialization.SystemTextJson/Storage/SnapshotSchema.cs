using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorMarketplace.Serialization.Converters;

namespace CreatorMarketplace.Serialization;

/// <summary>
/// How one aggregate's snapshots are kept as JSON: the schema version written now, and the upgrades that bring a
/// document written under an older version up to it before it is read.
/// </summary>
/// <typeparam name="TSnapshot">The aggregate's snapshot type.</typeparam>
/// <remarks>
/// A store keeps the schema version beside each document. When a later release changes a snapshot's shape, it
/// raises <see cref="Version"/> and adds an upgrade from the old version, so documents already stored keep
/// loading; an application can add upgrades of its own with <see cref="WithUpgrade"/> (to repair documents, say).
/// Documents are written and read through <see cref="StoredJson"/>, never with an application's options, so that the
/// stored shape does not change with an application's naming policy, and reading is strict.
/// </remarks>
public sealed class SnapshotSchema<TSnapshot>
    where TSnapshot : class
{
    private readonly IReadOnlyDictionary<int, Func<JsonObject, JsonObject>> _upgrades;

    /// <summary>Creates a schema with no upgrades.</summary>
    /// <param name="aggregate">The aggregate's name, as stores record it, for example <c>Contract</c>.</param>
    /// <param name="version">The schema version written now; at least 1.</param>
    /// <exception cref="ArgumentException"><paramref name="aggregate"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    public SnapshotSchema(string aggregate, int version)
        : this(aggregate, version, new Dictionary<int, Func<JsonObject, JsonObject>>())
    {
    }

    private SnapshotSchema(string aggregate, int version, IReadOnlyDictionary<int, Func<JsonObject, JsonObject>> upgrades)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aggregate);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Aggregate = aggregate;
        Version = version;
        _upgrades = upgrades;
    }

    /// <summary>The aggregate's name, as stores record it.</summary>
    public string Aggregate { get; }

    /// <summary>The schema version documents are written under.</summary>
    public int Version { get; }

    /// <summary>The versions this schema can upgrade from, in order.</summary>
    public IReadOnlyList<int> UpgradesFrom => _upgrades.Keys.Order().ToArray();

    /// <summary>
    /// A schema like this one that also upgrades documents of version <paramref name="fromVersion"/> to
    /// <paramref name="fromVersion"/> + 1. Upgrades run one after the other, so a document of version 1 passes
    /// through every upgrade up to <see cref="Version"/>.
    /// </summary>
    /// <param name="fromVersion">The version the upgrade reads; from 1 to <see cref="Version"/> - 1, once.</param>
    /// <param name="upgrade">Turns a document of that version into one of the next; it may change the object it is given.</param>
    /// <returns>The new schema; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="upgrade"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fromVersion"/> is out of range.</exception>
    /// <exception cref="ArgumentException">An upgrade from that version exists already.</exception>
    public SnapshotSchema<TSnapshot> WithUpgrade(int fromVersion, Func<JsonObject, JsonObject> upgrade)
    {
        ArgumentNullException.ThrowIfNull(upgrade);
        ArgumentOutOfRangeException.ThrowIfLessThan(fromVersion, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fromVersion, Version);
        if (_upgrades.ContainsKey(fromVersion))
        {
            throw new ArgumentException($"fromVersion: {Aggregate} already has an upgrade from version {fromVersion}.", nameof(fromVersion));
        }

        return new(Aggregate, Version, new Dictionary<int, Func<JsonObject, JsonObject>>(_upgrades) { [fromVersion] = upgrade });
    }

    /// <summary>Writes a snapshot under the current <see cref="Version"/>.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="JsonException">The snapshot holds a value that has no JSON form, or its document could not be read back (<see cref="StoredJson.Write{T}"/>).</exception>
    public string Write(TSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return StoredJson.Write(snapshot);
    }

    /// <summary>
    /// Restores a stored aggregate: reads the document as <see cref="Read"/> does, then lets the aggregate check it
    /// (<see cref="ISnapshotable{TSelf, TSnapshot}.FromSnapshot"/>). When the aggregate refuses it, the domain names
    /// each member by its C# path (<c>Profile.DisplayName</c>); the refusal is reported at the member's JSON path
    /// (<c>$.profile.displayName</c>), as every other fault of a stored document is.
    /// </summary>
    /// <typeparam name="TAggregate">The aggregate whose stored form <typeparamref name="TSnapshot"/> is.</typeparam>
    /// <param name="json">The JSON document.</param>
    /// <param name="schemaVersion">The version it was written under.</param>
    /// <param name="version">The aggregate's stored version; at least 1.</param>
    /// <returns>The aggregate, with no pending events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    /// <exception cref="JsonException">
    /// The document cannot be read (see <see cref="Read"/>), or the aggregate refuses it: the message names the
    /// aggregate, the schema version and every problem at its JSON path, the path is the first problem's, and the
    /// inner <see cref="DomainValidationException"/> holds the domain's own errors.
    /// </exception>
    public TAggregate Restore<TAggregate>(string json, int schemaVersion, long version)
        where TAggregate : ISnapshotable<TAggregate, TSnapshot>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var snapshot = Read(json, schemaVersion);
        try
        {
            return TAggregate.FromSnapshot(snapshot, version);
        }
        catch (DomainValidationException refused)
        {
            var paths = refused.Errors.Select(error => StoredJson.PathOf(error.Field)).ToArray();
            var problems = refused.Errors.Select((error, i) => $"{paths[i]}: {error.Message} ({error.Code})");
            throw new JsonException(
                JsonErrors.Bound($"{Aggregate} snapshot (schema version {schemaVersion}): {string.Join("; ", problems)}"),
                paths.FirstOrDefault() ?? "$",
                lineNumber: null,
                bytePositionInLine: null,
                refused);
        }
    }

    /// <summary>Reads a document written under <paramref name="schemaVersion"/>, upgrading it first if it is older.</summary>
    /// <param name="json">The JSON document.</param>
    /// <param name="schemaVersion">The version it was written under.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">
    /// The document is not valid JSON, is not an object, is refused by <see cref="StoredJson"/>'s strict reading,
    /// breaks a value's rule, was written by a newer schema, or needs an upgrade this schema lacks; the message names
    /// the aggregate and the schema version, the path the value.
    /// </exception>
    public TSnapshot Read(string json, int schemaVersion)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (schemaVersion > Version)
        {
            throw new JsonException($"{Aggregate} snapshot: written under schema version {schemaVersion}, newer than version {Version} that this release reads.");
        }

        if (schemaVersion < 1)
        {
            throw new JsonException($"{Aggregate} snapshot: schema version {schemaVersion} does not exist; versions start at 1.");
        }

        try
        {
            if (schemaVersion == Version)
            {
                return StoredJson.Read<TSnapshot>(json);
            }

            var document = StoredJson.Read<JsonNode>(json) as JsonObject
                ?? throw new JsonException($"{Aggregate} snapshot: the document is not a JSON object.");
            for (var version = schemaVersion; version < Version; version++)
            {
                if (!_upgrades.TryGetValue(version, out var upgrade))
                {
                    throw new JsonException($"{Aggregate} snapshot: no upgrade from schema version {version} to {version + 1}.");
                }

                document = upgrade(document) ?? throw new JsonException($"{Aggregate} snapshot: the upgrade from schema version {version} gave null.");
            }

            return StoredJson.Read<TSnapshot>(document.ToJsonString());
        }
        catch (JsonException exception) when (!exception.Message.StartsWith(Aggregate + " snapshot", StringComparison.Ordinal))
        {
            throw new JsonException($"{Aggregate} snapshot (schema version {schemaVersion}): {exception.Message}", exception.Path, exception.LineNumber, exception.BytePositionInLine, exception);
        }
    }
}
