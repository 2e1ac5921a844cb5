using System.Text.Json;
using CreatorMarketplace.Campaigns;
using NodaTime;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// <see cref="CampaignTimeline"/> as <c>{"first":"2026-03-01","last":"2026-03-31","zone":"America/New_York"}</c>:
/// the first and last days and the brand's zone, read back through <see cref="CampaignTimeline.Create"/>.
/// </summary>
internal sealed class CampaignTimelineJsonConverter() : JsonObjectConverter<CampaignTimeline>(nameof(CampaignTimeline), "first", "last", "zone")
{
    protected override CampaignTimeline ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (first, last, zone) = json.Members(ref reader, JsonMember.Value<LocalDate>(), JsonMember.Value<LocalDate>(), JsonMember.Value<DateTimeZone>());
        return json.Create((first, last, zone), static a => CampaignTimeline.Create(a.first, a.last, a.zone));
    }

    protected override void WriteMembers(Utf8JsonWriter writer, CampaignTimeline value, JsonSerializerOptions options)
    {
        writer.WriteMember(Members[0], value.First, options);
        writer.WriteMember(Members[1], value.Last, options);
        writer.WriteMember(Members[2], value.Zone, options);
    }
}
