using System.Text.Json;
using System.Text.Json.Serialization;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary><see cref="SecretReference"/> as <c>{"token":"tok_…","lastFour":"6789"}</c>: the provider's token, never the secret.</summary>
internal sealed class SecretReferenceJsonConverter : JsonConverter<SecretReference>
{
    private static readonly string[] Members = ["token", "lastFour"];

    public override SecretReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(SecretReference), Members);
        string token = string.Empty, lastFour = string.Empty;
        while (json.NextMember(ref reader, out var member))
        {
            if (member == "token")
            {
                token = json.String(ref reader);
            }
            else
            {
                lastFour = json.String(ref reader);
            }
        }

        return json.Create(() => new SecretReference(token, lastFour));
    }

    public override void Write(Utf8JsonWriter writer, SecretReference value, JsonSerializerOptions options)
    {
        if (value.Token is null)
        {
            throw JsonErrors.Unwritable(typeof(SecretReference), "it has no token.");
        }

        writer.WriteStartObject();
        writer.WriteString(Members[0], value.Token);
        writer.WriteString(Members[1], value.LastFour);
        writer.WriteEndObject();
    }
}
