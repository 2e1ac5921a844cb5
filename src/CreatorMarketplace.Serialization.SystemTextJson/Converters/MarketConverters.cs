using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary><see cref="Handle"/> as <c>{"platform":"TikTok","value":"jane.doe"}</c>, checked against the platform's rules.</summary>
internal sealed class HandleJsonConverter : JsonConverter<Handle>
{
    private static readonly string[] Members = ["platform", "value"];

    public override Handle Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(Handle), Members);
        var (platform, value) = json.Members(ref reader, JsonMember.Value<Platform>(), JsonMember.String);
        return json.Create((platform, value), static a => new Handle(a.platform, a.value));
    }

    public override void Write(Utf8JsonWriter writer, Handle value, JsonSerializerOptions options)
    {
        if (value.Platform is null)
        {
            throw JsonErrors.Unwritable(typeof(Handle), "it has no platform.");
        }

        writer.WriteStartObject();
        writer.WriteMember(Members[0], value.Platform, options);
        writer.WriteString(Members[1], value.Value);
        writer.WriteEndObject();
    }
}
