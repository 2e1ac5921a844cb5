using System.Text.Json;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary><see cref="Handle"/> as <c>{"platform":"TikTok","value":"jane.doe"}</c>, checked against the platform's rules.</summary>
internal sealed class HandleJsonConverter() : JsonObjectConverter<Handle>(nameof(Handle), "platform", "value")
{
    protected override Handle ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (platform, value) = json.Members(ref reader, JsonMember.Value<Platform>(), JsonMember.String);
        return json.Create((platform, value), static a => new Handle(a.platform, a.value));
    }

    protected override void WriteMembers(Utf8JsonWriter writer, Handle value, JsonSerializerOptions options)
    {
        writer.WriteMember(Members[0], value.Platform, options);
        writer.WriteString(Members[1], value.Value);
    }

    protected override string? Unwritable(Handle value) => value.Platform is null ? "it has no platform." : null;
}
