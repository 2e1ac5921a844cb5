using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace;

/// <summary>
/// The written form of the library's versioned policies, which <see cref="StrictJsonReader"/> reads back:
/// <c>{"name":…,"description":…,"versions":[{"effectiveFrom":…,…}]}</c>, indented, with text other than ASCII
/// left readable. Each policy writes only the members of its own versions.
/// </summary>
internal static class VersionedPolicyJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a policy's document.</summary>
    /// <param name="name">The policy's name.</param>
    /// <param name="description">The policy's description, or null for a policy that has none.</param>
    /// <param name="versions">The versions, in order.</param>
    /// <param name="effectiveFrom">When a version takes effect.</param>
    /// <param name="writeVersion">Writes a version's members after its effective instant.</param>
    /// <param name="writeHeader">Writes the policy's own members after its description, if it has any.</param>
    /// <returns>The JSON text.</returns>
    public static string Write<TVersion>(
        string name, string? description, IEnumerable<TVersion> versions, Func<TVersion, Instant> effectiveFrom, Action<Utf8JsonWriter, TVersion> writeVersion, Action<Utf8JsonWriter>? writeHeader = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            if (description is not null)
            {
                writer.WriteString("description", description);
            }

            writeHeader?.Invoke(writer);
            writer.WriteStartArray("versions");
            foreach (var version in versions)
            {
                writer.WriteStartObject();
                writer.WriteString("effectiveFrom", InstantPattern.ExtendedIso.Format(effectiveFrom(version)));
                writeVersion(writer, version);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes a member that lists names, such as a role's permissions.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="property">The member's name.</param>
    /// <param name="names">The names, in the order written.</param>
    public static void WriteNames(Utf8JsonWriter writer, string property, IEnumerable<string> names)
    {
        writer.WriteStartArray(property);
        foreach (var name in names)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
    }
}
