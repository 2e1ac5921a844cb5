using System.Text.Json;
using CreatorMarketplace.Discovery;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// <see cref="NumberRange{T}"/> of <see cref="int"/>, <see cref="long"/>, <see cref="double"/> and
/// <see cref="decimal"/> as <c>{"min":10000,"max":null}</c>; an open end is null. Decimal bounds are strings,
/// like every decimal these converters write.
/// </summary>
/// <typeparam name="T">The number type: <see cref="int"/>, <see cref="long"/>, <see cref="double"/> or <see cref="decimal"/>.</typeparam>
internal sealed class NumberRangeJsonConverter<T>() : JsonObjectConverter<NumberRange<T>>(JsonTypeNames.Of(typeof(NumberRange<T>)), "min", "max")
    where T : struct, System.Numerics.INumber<T>
{
    // An open end is null.
    private static readonly JsonMemberReader<T?> Bound = static (in JsonObjectReader json, ref Utf8JsonReader reader) =>
        json.IsNull(ref reader) ? null : ReadNumber(json, ref reader);

    protected override NumberRange<T> ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (min, max) = json.Members(ref reader, Bound, Bound);
        return new NumberRange<T>(min, max);
    }

    protected override void WriteMembers(Utf8JsonWriter writer, NumberRange<T> value, JsonSerializerOptions options)
    {
        WriteNumber(writer, Members[0], value.Min);
        WriteNumber(writer, Members[1], value.Max);
    }

    // The factory admits only these four types; the casts through object are free for value types after JIT.
    private static T ReadNumber(JsonObjectReader json, ref Utf8JsonReader reader) =>
        typeof(T) == typeof(int) ? (T)(object)json.Int32(ref reader)
        : typeof(T) == typeof(long) ? (T)(object)json.Int64(ref reader)
        : typeof(T) == typeof(double) ? (T)(object)json.Double(ref reader)
        : (T)(object)json.Decimal(ref reader);

    private void WriteNumber(Utf8JsonWriter writer, string name, T? value)
    {
        if (value is not { } number)
        {
            writer.WriteNull(name);
        }
        else if (typeof(T) == typeof(decimal))
        {
            writer.WriteDecimal(name, (decimal)(object)number);
        }
        else if (typeof(T) == typeof(double))
        {
            writer.WriteFinite(Owner, name, (double)(object)number);
        }
        else
        {
            writer.WriteNumber(name, long.CreateChecked(number));
        }
    }
}

/// <summary>
/// <see cref="PriceRange"/> as <c>{"currency":"USD","amount":{"min":"100","max":"500"}}</c>; the currency is null
/// when no bound is given.
/// </summary>
internal sealed class PriceRangeJsonConverter() : JsonObjectConverter<PriceRange>(nameof(PriceRange), "currency", "amount")
{
    protected override PriceRange ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (currency, amount) = json.Members(ref reader, JsonMember.ValueOrNull<Currency>(), JsonMember.Value<NumberRange<decimal>>());
        return new PriceRange(currency, amount);
    }

    protected override void WriteMembers(Utf8JsonWriter writer, PriceRange value, JsonSerializerOptions options)
    {
        writer.WriteMember(Members[0], value.Currency, options);
        writer.WriteMember(Members[1], value.Amount, options);
    }
}

/// <summary>
/// <see cref="SearchPosition"/> (a keyset cursor) as <c>{"rank":0,"value":125000,"creator":"0190…"}</c>; the
/// value is null when the platform did not report it.
/// </summary>
internal sealed class SearchPositionJsonConverter() : JsonObjectConverter<SearchPosition>(nameof(SearchPosition), "rank", "value", "creator")
{
    protected override SearchPosition ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (rank, value, creator) = json.Members(ref reader, JsonMember.Int32, JsonMember.DoubleOrNull, JsonMember.Value<CreatorId>());
        return new SearchPosition(rank, value, creator);
    }

    protected override void WriteMembers(Utf8JsonWriter writer, SearchPosition value, JsonSerializerOptions options)
    {
        writer.WriteNumber(Members[0], value.Rank);
        writer.WriteFinite(Owner, Members[1], value.Value);
        writer.WriteMember(Members[2], value.Creator, options);
    }
}

/// <summary>
/// <see cref="AudienceThreshold{TKey}"/> as <c>{"bucket":"US","minShare":0.3}</c>, the bucket in its own JSON form.
/// The share is a plain number, as in the type: a query's validation checks its range.
/// </summary>
/// <typeparam name="TKey">The bucket type.</typeparam>
internal sealed class AudienceThresholdJsonConverter<TKey>() : JsonObjectConverter<AudienceThreshold<TKey>>(JsonTypeNames.Of(typeof(AudienceThreshold<TKey>)), "bucket", "minShare")
    where TKey : notnull
{
    protected override AudienceThreshold<TKey> ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (bucket, minShare) = json.Members(ref reader, JsonMember.Value<TKey>(), JsonMember.Double);
        return new AudienceThreshold<TKey>(bucket, minShare);
    }

    protected override void WriteMembers(Utf8JsonWriter writer, AudienceThreshold<TKey> value, JsonSerializerOptions options)
    {
        writer.WriteMember(Members[0], value.Bucket, options);
        writer.WriteFinite(Owner, Members[1], value.MinShare);
    }

    protected override string? Unwritable(AudienceThreshold<TKey> value) => value.Bucket is null ? "it has no bucket." : null;
}
