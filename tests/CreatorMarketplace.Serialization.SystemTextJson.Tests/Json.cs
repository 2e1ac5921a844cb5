using System.Text.Json;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>Writing and reading with the package's ready options.</summary>
internal static class Json
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, CreatorMarketplaceJson.Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, CreatorMarketplaceJson.Options)!;

    public static T RoundTrip<T>(T value) => Read<T>(Write(value));

    /// <summary>Reads JSON that must be refused, and returns the error.</summary>
    public static JsonException Refuse<T>(string json) => Should.Throw<JsonException>(() => Read<T>(json));
}
