using System.Text.Json;
using System.Text.Json.Serialization;
using CreatorMarketplace.Metrics;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// <see cref="Ratio"/> as its two sums, <c>{"numerator":42,"denominator":1000}</c>, so that it still rolls up as a
/// ratio of sums; a missing ratio has both null. One null without the other is refused: the domain would read it
/// as missing, but no written ratio has that form, so it means damaged data.
/// </summary>
internal sealed class RatioJsonConverter : JsonConverter<Ratio>
{
    private static readonly string[] Members = ["numerator", "denominator"];

    public override Ratio Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(Ratio), Members);
        var (numerator, denominator) = json.Members(ref reader, JsonMember.DoubleOrNull, JsonMember.DoubleOrNull);
        return numerator.HasValue == denominator.HasValue
            ? Ratio.Of(numerator, denominator)
            : throw JsonErrors.Value(nameof(Ratio), "the numerator and the denominator are both numbers, or both null for a missing ratio.");
    }

    public override void Write(Utf8JsonWriter writer, Ratio value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteFinite(nameof(Ratio), Members[0], value.IsKnown ? value.Numerator : null);
        writer.WriteFinite(nameof(Ratio), Members[1], value.IsKnown ? value.Denominator : null);
        writer.WriteEndObject();
    }
}

/// <summary>
/// <see cref="UnitCost"/> as <c>{"currency":"USD","amount":"0.0123","unit":"view"}</c>: the amount is an unrounded
/// decimal string, null when the cost is undefined.
/// </summary>
internal sealed class UnitCostJsonConverter : JsonConverter<UnitCost>
{
    private static readonly string[] Members = ["currency", "amount", "unit"];

    public override UnitCost Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(UnitCost), Members);
        var (currency, amount, unit) = json.Members(ref reader, JsonMember.Value<Currency>(), JsonMember.DecimalOrNull, JsonMember.String);
        return new UnitCost(currency, amount, unit);
    }

    public override void Write(Utf8JsonWriter writer, UnitCost value, JsonSerializerOptions options)
    {
        if (value.Currency is null || value.Unit is null)
        {
            throw JsonErrors.Unwritable(typeof(UnitCost), "it has no currency or unit.");
        }

        writer.WriteStartObject();
        writer.WriteMember(Members[0], value.Currency, options);
        writer.WriteDecimal(Members[1], value.Amount);
        writer.WriteString(Members[2], value.Unit);
        writer.WriteEndObject();
    }
}
