using System.Text.Json;
using CreatorMarketplace.Contracts;
using NodaTime;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// <see cref="RightsTerm"/> as <c>{"start":"2026-01-01T00:00:00Z","end":"2026-07-01T00:00:00Z"}</c>, with
/// <c>"end":null</c> for a perpetual term. The end is required even then, so that a lost member can never turn a
/// term into a perpetual one.
/// </summary>
internal sealed class RightsTermJsonConverter() : JsonObjectConverter<RightsTerm>(nameof(RightsTerm), "start", "end")
{
    protected override RightsTerm ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (start, end) = json.Members(ref reader, JsonMember.Value<Instant>(), JsonMember.NullableValue<Instant>());
        return json.Create((start, end), static a => a.end is { } last ? RightsTerm.Between(a.start, last) : RightsTerm.Perpetual(a.start));
    }

    protected override void WriteMembers(Utf8JsonWriter writer, RightsTerm value, JsonSerializerOptions options)
    {
        writer.WriteMember(Members[0], value.Start, options);
        writer.WriteMember(Members[1], value.End, options);
    }
}

/// <summary>
/// <see cref="PostingWindow"/> as <c>{"opens":"2026-03-01T09:00:00","closes":"2026-03-01T21:00:00","zone":"Europe/Berlin"}</c>:
/// the local times and the zone they are in, read back through <see cref="PostingWindow.Create"/>.
/// </summary>
internal sealed class PostingWindowJsonConverter() : JsonObjectConverter<PostingWindow>(nameof(PostingWindow), "opens", "closes", "zone")
{
    protected override PostingWindow ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (opens, closes, zone) = json.Members(ref reader, JsonMember.Value<LocalDateTime>(), JsonMember.Value<LocalDateTime>(), JsonMember.Value<DateTimeZone>());
        return json.Create((opens, closes, zone), static a => PostingWindow.Create(a.opens, a.closes, a.zone));
    }

    protected override void WriteMembers(Utf8JsonWriter writer, PostingWindow value, JsonSerializerOptions options)
    {
        writer.WriteMember(Members[0], value.Opens, options);
        writer.WriteMember(Members[1], value.Closes, options);
        writer.WriteMember(Members[2], value.Zone, options);
    }
}

/// <summary>
/// <see cref="Territories"/> as <c>{"worldwide":false,"countries":["CA","US"]}</c>, or
/// <c>{"worldwide":true,"countries":[]}</c> for every country.
/// </summary>
internal sealed class TerritoriesJsonConverter() : JsonObjectConverter<Territories>(nameof(Territories), "worldwide", "countries")
{
    protected override Territories ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (worldwide, countries) = json.Members(ref reader, JsonMember.Value<bool>(), JsonMember.Value<Country[]>());
        if (worldwide && countries.Length > 0)
        {
            throw JsonErrors.Member(Owner, Members[1], "is empty when the territories are worldwide.");
        }

        return json.Create((worldwide, countries), static a => a.worldwide ? Territories.Worldwide : Territories.Of(a.countries));
    }

    protected override void WriteMembers(Utf8JsonWriter writer, Territories value, JsonSerializerOptions options)
    {
        writer.WriteBoolean(Members[0], value.IsWorldwide);
        writer.WriteMember(Members[1], value.Countries, options);
    }
}
