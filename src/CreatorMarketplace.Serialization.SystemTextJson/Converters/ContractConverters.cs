using System.Text.Json;
using System.Text.Json.Serialization;
using CreatorMarketplace.Contracts;
using NodaTime;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// <see cref="RightsTerm"/> as <c>{"start":"2026-01-01T00:00:00Z","end":"2026-07-01T00:00:00Z"}</c>, with
/// <c>"end":null</c> for a perpetual term. The end is required even then, so that a lost member can never turn a
/// term into a perpetual one.
/// </summary>
internal sealed class RightsTermJsonConverter : JsonConverter<RightsTerm>
{
    private static readonly string[] Members = ["start", "end"];

    public override RightsTerm Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(RightsTerm), Members);
        Instant start = default;
        Instant? end = null;
        while (json.NextMember(ref reader, out var member))
        {
            if (member == "start")
            {
                start = json.Value<Instant>(ref reader);
            }
            else
            {
                end = json.IsNull(ref reader) ? null : json.Value<Instant>(ref reader);
            }
        }

        return json.Create(() => end is { } last ? RightsTerm.Between(start, last) : RightsTerm.Perpetual(start));
    }

    public override void Write(Utf8JsonWriter writer, RightsTerm value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteMember(Members[0], value.Start, options);
        writer.WriteMember(Members[1], value.End, options);
        writer.WriteEndObject();
    }
}
