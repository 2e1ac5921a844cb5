using System.Text.Json;
using System.Text.Json.Serialization;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Scoring;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// <see cref="PeerGroup"/> as <c>{"category":"beauty","tier":"Micro","market":"US"}</c>; the category is null for
/// creators without a content label.
/// </summary>
internal sealed class PeerGroupJsonConverter : JsonConverter<PeerGroup>
{
    private static readonly string[] Members = ["category", "tier", "market"];

    public override PeerGroup Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(PeerGroup), Members);
        var (category, tier, market) = json.Members(ref reader, JsonMember.NullableValue<ContentLabel>(), JsonMember.Value<FollowerTier>(), JsonMember.Value<Country>());
        return new PeerGroup(category, tier, market);
    }

    public override void Write(Utf8JsonWriter writer, PeerGroup value, JsonSerializerOptions options)
    {
        if (value.Tier is null || value.Market is null)
        {
            throw JsonErrors.Unwritable(typeof(PeerGroup), "it has no tier or market.");
        }

        writer.WriteStartObject();
        writer.WriteMember(Members[0], value.Category, options);
        writer.WriteMember(Members[1], value.Tier, options);
        writer.WriteMember(Members[2], value.Market, options);
        writer.WriteEndObject();
    }
}
