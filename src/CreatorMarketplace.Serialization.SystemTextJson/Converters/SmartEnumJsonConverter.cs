using System.Text.Json;
using System.Text.Json.Serialization;
using Ardalis.SmartEnum;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// Converts every smart enum (<see cref="SmartEnum{TEnum}"/> and <see cref="SmartEnum{TEnum, TValue}"/>) to and
/// from its name, also as a dictionary key. Names are matched case-sensitively: a stored name is written exactly
/// as the library spells it, and a near miss is more likely a bug than a spelling to accept.
/// </summary>
internal sealed class SmartEnumJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => SmartEnumBase(typeToConvert) is not null;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var arguments = SmartEnumBase(typeToConvert)!.GetGenericArguments();
        return (JsonConverter)Activator.CreateInstance(typeof(SmartEnumJsonConverter<,>).MakeGenericType(arguments))!;
    }

    // The SmartEnum<TEnum, TValue> a type derives from, or null; SmartEnum<TEnum> derives from SmartEnum<TEnum, int>.
    private static Type? SmartEnumBase(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(SmartEnum<,>))
            {
                return current.GetGenericArguments()[0].IsAssignableFrom(type) ? current : null;
            }
        }

        return null;
    }
}

/// <summary>Converts one smart enum type to and from its name.</summary>
/// <typeparam name="TEnum">The smart enum.</typeparam>
/// <typeparam name="TValue">Its value type.</typeparam>
internal sealed class SmartEnumJsonConverter<TEnum, TValue> : JsonConverter<TEnum>
    where TEnum : SmartEnum<TEnum, TValue>
    where TValue : IEquatable<TValue>, IComparable<TValue>
{
    private static readonly string TypeName = JsonTypeNames.Of(typeof(TEnum));

    // Computed on the first unknown name only: the list is long for countries and currencies.
    private static readonly Lazy<string> Names = new(() =>
        string.Join(", ", SmartEnum<TEnum, TValue>.List.Select(e => e.Name).Order(StringComparer.Ordinal)));

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? FromName(reader.GetString()!)
            : throw JsonErrors.Value(TypeName, $"expected a name as a string, got {JsonErrors.Describe(reader.TokenType)}.");

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        FromName(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Name);

    private static TEnum FromName(string name)
    {
        if (SmartEnum<TEnum, TValue>.TryFromName(name, ignoreCase: false, out var value))
        {
            return value;
        }

        var hint = SmartEnum<TEnum, TValue>.TryFromName(name, ignoreCase: true, out var other)
            ? $" Names are case-sensitive: did you mean '{other.Name}'?"
            : string.Empty;
        throw new JsonException(JsonErrors.Bound($"{JsonErrors.Quote(name)} is not a name of {TypeName}.{hint} The names are: {Names.Value}."));
    }
}
