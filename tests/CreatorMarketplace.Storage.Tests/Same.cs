using System.Text.Json;
using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>
/// Compares stored values by their JSON: the same members with the same values, whatever collection types a
/// store chose to read them into.
/// </summary>
internal static class Same
{
    private static readonly JsonSerializerOptions Indented = new(CreatorMarketplaceJson.Options) { WriteIndented = true };

    public static string Json(object? value) =>
        value is null ? "null" : JsonSerializer.Serialize(value, value.GetType(), Indented);
}
