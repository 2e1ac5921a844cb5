using System.Text.Json;
using CreatorMarketplace.Metrics;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// <see cref="Ratio"/> as its two sums, <c>{"numerator":42,"denominator":1000}</c>, so that it still rolls up as a
/// ratio of sums; a missing ratio has both null. One null without the other is refused: the domain would read it
/// as missing, but no written ratio has that form, so it means damaged data.
/// </summary>
internal sealed class RatioJsonConverter() : JsonObjectConverter<Ratio>(nameof(Ratio), "numerator", "denominator")
{
    protected override Ratio ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (numerator, denominator) = json.Members(ref reader, JsonMember.DoubleOrNull, JsonMember.DoubleOrNull);
        return numerator.HasValue == denominator.HasValue
            ? Ratio.Of(numerator, denominator)
            : throw JsonErrors.Value(Owner, "the numerator and the denominator are both numbers, or both null for a missing ratio.");
    }

    protected override void WriteMembers(Utf8JsonWriter writer, Ratio value, JsonSerializerOptions options)
    {
        writer.WriteFinite(Owner, Members[0], value.IsKnown ? value.Numerator : null);
        writer.WriteFinite(Owner, Members[1], value.IsKnown ? value.Denominator : null);
    }
}

/// <summary>
/// <see cref="UnitCost"/> as <c>{"currency":"USD","amount":"0.0123","unit":"view"}</c>: the amount is an unrounded
/// decimal string, null when the cost is undefined.
/// </summary>
internal sealed class UnitCostJsonConverter() : JsonObjectConverter<UnitCost>(nameof(UnitCost), "currency", "amount", "unit")
{
    protected override UnitCost ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (currency, amount, unit) = json.Members(ref reader, JsonMember.Value<Currency>(), JsonMember.DecimalOrNull, JsonMember.String);
        return new UnitCost(currency, amount, unit);
    }

    protected override void WriteMembers(Utf8JsonWriter writer, UnitCost value, JsonSerializerOptions options)
    {
        writer.WriteMember(Members[0], value.Currency, options);
        writer.WriteDecimal(Members[1], value.Amount);
        writer.WriteString(Members[2], value.Unit);
    }

    protected override string? Unwritable(UnitCost value) => value.Currency is null || value.Unit is null ? "it has no currency or unit." : null;
}
