using System.Text.Json;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Scoring;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// <see cref="PeerGroup"/> as <c>{"category":"beauty","tier":"Micro","market":"US"}</c>; the category is null for
/// creators without a content label.
/// </summary>
internal sealed class PeerGroupJsonConverter() : JsonObjectConverter<PeerGroup>(nameof(PeerGroup), "category", "tier", "market")
{
    protected override PeerGroup ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (category, tier, market) = json.Members(ref reader, JsonMember.NullableValue<ContentLabel>(), JsonMember.Value<FollowerTier>(), JsonMember.Value<Country>());
        return new PeerGroup(category, tier, market);
    }

    protected override void WriteMembers(Utf8JsonWriter writer, PeerGroup value, JsonSerializerOptions options)
    {
        writer.WriteMember(Members[0], value.Category, options);
        writer.WriteMember(Members[1], value.Tier, options);
        writer.WriteMember(Members[2], value.Market, options);
    }

    protected override string? Unwritable(PeerGroup value) => value.Tier is null || value.Market is null ? "it has no tier or market." : null;
}
