using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Campaigns;

/// <summary>
/// How long the messages of a collaboration are kept, as versioned data like the eligibility and access policies:
/// each version, in force from its effective instant until the next one's, keeps a message for a number of days after
/// it was sent. A message older than that has expired: its body and attachments are removed from every stored form
/// (<c>store.ExpireMessagesAsync</c>), and its number, author and time are kept so that the conversation still reads
/// in order.
/// </summary>
public sealed class MessageRetentionPolicy
{
    private static readonly string[] PolicyProperties = ["name", "versions"];
    private static readonly string[] VersionProperties = ["effectiveFrom", "keepForDays"];

    private MessageRetentionPolicy(string name, MessageRetentionVersion[] versions)
    {
        Name = name;
        Versions = versions;
    }

    /// <summary>The policy's name.</summary>
    public string Name { get; }

    /// <summary>The versions, earliest first.</summary>
    public IReadOnlyList<MessageRetentionVersion> Versions { get; }

    /// <summary>Makes a policy.</summary>
    /// <param name="name">A name: one line, not blank.</param>
    /// <param name="versions">At least one version; no two in force from the same instant. Sorted earliest first.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="DomainValidationException">A blank name, no version, a null version or two from one instant; every problem named.</exception>
    public static MessageRetentionPolicy Create(string name, IEnumerable<MessageRetentionVersion> versions)
    {
        var errors = new ErrorCollector();
        var checkedVersions = EffectiveVersions.Checked(errors, "message_retention", name, versions, version => version.EffectiveFrom);
        errors.ThrowIfAny(nameof(versions));
        return new(name, checkedVersions);
    }

    /// <summary>The version in force at an instant; null before the first, when every message is kept.</summary>
    /// <param name="at">When.</param>
    /// <returns>The version, or null.</returns>
    public MessageRetentionVersion? InForceAt(Instant at) => EffectiveVersions.InForceAt(Versions, at, version => version.EffectiveFrom);

    /// <summary>
    /// The instant before which a message sent has expired at <paramref name="now"/>, under the version in force then;
    /// null when no version is in force yet. When keeping reaches back before the earliest instant (a version in force
    /// from <see cref="Instant.MinValue"/>, judged soon after it), the cut-off is that instant: nothing has expired.
    /// </summary>
    /// <param name="now">The instant judged.</param>
    /// <returns>The cut-off, or null.</returns>
    public Instant? ExpiredBefore(Instant now)
    {
        if (InForceAt(now) is not { } version)
        {
            return null;
        }

        // Measured from the earliest instant, so that subtracting the days kept cannot underflow.
        var kept = Duration.FromDays(version.KeepForDays);
        return now - Instant.MinValue <= kept ? Instant.MinValue : now - kept;
    }

    /// <summary>
    /// Reads a policy from JSON: <c>{ "name": …, "versions": [{ "effectiveFrom": "2026-01-01T00:00:00Z", "keepForDays": 365 }] }</c>.
    /// Strict: a wrong type, a missing, unknown or repeated property, a bad instant or number of days is refused with
    /// its JSON path and a code, and nothing half-read is returned.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The policy, or every problem.</returns>
    public static Validated<MessageRetentionPolicy> FromJson(string json)
    {
        var reader = new Reader();
        return reader.Read(json, reader.Policy);
    }

    /// <summary>Writes the policy as the JSON <see cref="FromJson"/> reads.</summary>
    /// <returns>The JSON text, indented.</returns>
    public string ToJson() =>
        VersionedPolicyJson.Write(Name, description: null, Versions, static version => version.EffectiveFrom, static (writer, version) => writer.WriteNumber("keepForDays", version.KeepForDays));

    /// <summary>Formats the policy, for example <c>"chat-retention: 365 days from 2026-01-01T00:00:00Z"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {string.Join("; ", Versions)}";

    private sealed class Reader() : StrictJsonReader("message_retention")
    {
        public MessageRetentionPolicy? Policy(JsonElement root)
        {
            if (!IsObject(root, "$", PolicyProperties))
            {
                return null;
            }

            var name = String(root, "name", "$", required: true);
            var versions = new List<MessageRetentionVersion>();
            if (Property(root, "versions", "$", JsonValueKind.Array, required: true) is { } array)
            {
                foreach (var element in array.EnumerateArray())
                {
                    var path = $"$.versions[{versions.Count}]";
                    versions.Add(Version(element, path)!);
                }
            }

            return Errors.HasErrors ? null : Built("$", () => Create(name!, versions));
        }

        private MessageRetentionVersion? Version(JsonElement element, string path)
        {
            if (!IsObject(element, path, VersionProperties))
            {
                return null;
            }

            var before = Errors.Errors.Count;
            var effectiveFrom = Parsed(element, "effectiveFrom", path, InstantPattern.ExtendedIso, "an instant such as \"2026-01-01T00:00:00Z\"");
            var days = Integer(element, "keepForDays", path, required: true);
            return Errors.Errors.Count > before ? null : Built(path, () => MessageRetentionVersion.Create(effectiveFrom!.Value, days!.Value));
        }
    }
}

/// <summary>One version of a <see cref="MessageRetentionPolicy"/>: from when, and for how many days a message is kept.</summary>
public sealed record MessageRetentionVersion
{
    /// <summary>The longest a policy may keep a message: about a hundred years.</summary>
    public const long MostDays = 36_525;

    private MessageRetentionVersion(Instant effectiveFrom, long keepForDays)
    {
        EffectiveFrom = effectiveFrom;
        KeepForDays = keepForDays;
    }

    /// <summary>When the version takes effect.</summary>
    public Instant EffectiveFrom { get; }

    /// <summary>How many days after it was sent a message is kept.</summary>
    public long KeepForDays { get; }

    /// <summary>Makes a version.</summary>
    /// <param name="effectiveFrom">When it takes effect.</param>
    /// <param name="keepForDays">How many days a message is kept: 1 to <see cref="MostDays"/>.</param>
    /// <returns>The version.</returns>
    /// <exception cref="DomainValidationException">The number of days is out of range.</exception>
    public static MessageRetentionVersion Create(Instant effectiveFrom, long keepForDays)
    {
        if (keepForDays is < 1 or > MostDays)
        {
            throw DomainValidationException.Of("keepForDays", "message_retention.days_out_of_range", $"a message is kept for 1 to {MostDays} days, not {keepForDays}.");
        }

        return new(effectiveFrom, keepForDays);
    }

    /// <summary>Formats the version, for example <c>"365 days from 2026-01-01T00:00:00Z"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{KeepForDays} days from {InstantPattern.ExtendedIso.Format(EffectiveFrom)}";
}
