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
        var (start, end) = json.Members(ref reader, JsonMember.Value<Instant>(), JsonMember.NullableValue<Instant>());
        return json.Create((start, end), static a => a.end is { } last ? RightsTerm.Between(a.start, last) : RightsTerm.Perpetual(a.start));
    }

    public override void Write(Utf8JsonWriter writer, RightsTerm value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteMember(Members[0], value.Start, options);
        writer.WriteMember(Members[1], value.End, options);
        writer.WriteEndObject();
    }
}

/// <summary>
/// <see cref="PostingWindow"/> as <c>{"opens":"2026-03-01T09:00:00","closes":"2026-03-01T21:00:00","zone":"Europe/Berlin"}</c>:
/// the local times and the zone they are in, read back through <see cref="PostingWindow.Create"/>.
/// </summary>
internal sealed class PostingWindowJsonConverter : JsonConverter<PostingWindow>
{
    private static readonly string[] Members = ["opens", "closes", "zone"];

    public override PostingWindow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(PostingWindow), Members);
        var (opens, closes, zone) = json.Members(ref reader, JsonMember.Value<LocalDateTime>(), JsonMember.Value<LocalDateTime>(), JsonMember.Value<DateTimeZone>());
        return json.Create((opens, closes, zone), static a => PostingWindow.Create(a.opens, a.closes, a.zone));
    }

    public override void Write(Utf8JsonWriter writer, PostingWindow value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteMember(Members[0], value.Opens, options);
        writer.WriteMember(Members[1], value.Closes, options);
        writer.WriteMember(Members[2], value.Zone, options);
        writer.WriteEndObject();
    }
}

/// <summary>
/// <see cref="Territories"/> as <c>{"worldwide":false,"countries":["CA","US"]}</c>, or
/// <c>{"worldwide":true,"countries":[]}</c> for every country.
/// </summary>
internal sealed class TerritoriesJsonConverter : JsonConverter<Territories>
{
    private static readonly string[] Members = ["worldwide", "countries"];

    public override Territories Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(Territories), Members);
        var (worldwide, countries) = json.Members(ref reader, JsonMember.Value<bool>(), JsonMember.Value<Country[]>());
        if (worldwide && countries.Length > 0)
        {
            throw JsonErrors.Member(nameof(Territories), "countries", "is empty when the territories are worldwide.");
        }

        return json.Create((worldwide, countries), static a => a.worldwide ? Territories.Worldwide : Territories.Of(a.countries));
    }

    public override void Write(Utf8JsonWriter writer, Territories value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteBoolean(Members[0], value.IsWorldwide);
        writer.WriteMember(Members[1], value.Countries, options);
        writer.WriteEndObject();
    }
}
