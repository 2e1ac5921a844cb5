using System.Text.Json;
using System.Text.Json.Serialization;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Eligibility;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// A query's <see cref="ICreatorScore"/>, for saved searches: a <see cref="CatalogScore"/> as
/// <c>{"name":"catalog score","weights":{…},"targetGender":{…},"targetAge":null}</c>, made again through
/// <see cref="CatalogScore.Create"/>. A score of an application's own is code, not data: writing one throws, naming
/// its type, rather than storing a search that could not be read back.
/// </summary>
internal sealed class CreatorScoreJsonConverter : JsonConverter<ICreatorScore>
{
    private static readonly string[] Members = ["name", "weights", "targetGender", "targetAge"];

    public override ICreatorScore Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(ICreatorScore), Members);
        CatalogScoreWeights? weights = null;
        Distribution<AudienceGender>? gender = null;
        Distribution<AgeBucket>? age = null;
        while (json.NextMember(ref reader, out var member))
        {
            switch (member)
            {
                case "name":
                    var name = json.String(ref reader);
                    if (name != "catalog score")
                    {
                        throw json.Fail($"{JsonErrors.Quote(name)} is not a score with a stored form; only 'catalog score' has one.");
                    }

                    break;
                case "weights":
                    weights = json.Value<CatalogScoreWeights>(ref reader);
                    break;
                case "targetGender":
                    gender = json.IsNull(ref reader) ? null : json.Value<Distribution<AudienceGender>>(ref reader);
                    break;
                default:
                    age = json.IsNull(ref reader) ? null : json.Value<Distribution<AgeBucket>>(ref reader);
                    break;
            }
        }

        var score = CatalogScore.Create(weights!, gender, age);
        return score.IsValid
            ? score.GetValueOrThrow()
            : throw JsonErrors.Value(nameof(CatalogScore), string.Join(" ", score.Errors.Select(error => $"{error.Field}: {error.Message}")));
    }

    public override void Write(Utf8JsonWriter writer, ICreatorScore value, JsonSerializerOptions options)
    {
        if (value is not CatalogScore score)
        {
            throw new JsonException($"ICreatorScore: {value.GetType().FullName} ('{value.Name}') is code of its own and has no stored form; only a CatalogScore can be kept in JSON.");
        }

        writer.WriteStartObject();
        writer.WriteString(Members[0], score.Name);
        writer.WriteMember(Members[1], score.Weights, options);
        writer.WriteMember(Members[2], score.TargetGender, options);
        writer.WriteMember(Members[3], score.TargetAge, options);
        writer.WriteEndObject();
    }
}

/// <summary>
/// A <see cref="MarketplacePolicy"/> as its own JSON document (<see cref="MarketplacePolicy.ToJson"/>), read back
/// through <see cref="MarketplacePolicy.FromJson"/> with every problem named.
/// </summary>
internal sealed class MarketplacePolicyJsonConverter : JsonConverter<MarketplacePolicy>
{
    public override MarketplacePolicy Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var policy = MarketplacePolicy.FromJson(document.RootElement.GetRawText());
        return policy.IsValid
            ? policy.GetValueOrThrow()
            : throw JsonErrors.Value(nameof(MarketplacePolicy), string.Join(" ", policy.Errors.Select(error => $"{error.Field}: {error.Message} ({error.Code})")));
    }

    public override void Write(Utf8JsonWriter writer, MarketplacePolicy value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToJson());
}
