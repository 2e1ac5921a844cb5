using System.Text;
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

    // The most names an error lists; a longer list would bury the error (there are 249 countries).
    private const int MostNamesListed = 32;

    // What the names are, computed on the first unknown name only.
    private static readonly Lazy<string> Names = new(DescribeNames);

    // The names as UTF-8, in the order of their bytes, and the values in the same order: a name written without
    // escapes is found from the reader's bytes, with no string made of it.
    private static readonly byte[][] Utf8Names;
    private static readonly TEnum[] ByUtf8Name;

    static SmartEnumJsonConverter()
    {
        var byName = SmartEnum<TEnum, TValue>.List.Select(e => (Name: Encoding.UTF8.GetBytes(e.Name), Value: e)).ToArray();
        Array.Sort(byName, (x, y) => x.Name.AsSpan().SequenceCompareTo(y.Name));
        Utf8Names = byName.Select(e => e.Name).ToArray();
        ByUtf8Name = byName.Select(e => e.Value).ToArray();
    }

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? FromName(ref reader)
            : throw JsonErrors.Value(TypeName, $"expected a name as a string, got {JsonErrors.Describe(reader.TokenType)}.");

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        FromName(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Name);

    // An escaped name, or one that is no name, goes the way of a string, which says what is wrong with it.
    private static TEnum FromName(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && !reader.HasValueSequence && IndexOfName(reader.ValueSpan) is >= 0 and var index
            ? ByUtf8Name[index]
            : FromName(reader.GetString()!);

    private static int IndexOfName(ReadOnlySpan<byte> name)
    {
        var (low, high) = (0, Utf8Names.Length - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = name.SequenceCompareTo(Utf8Names[middle]);
            if (order == 0)
            {
                return middle;
            }

            (low, high) = order < 0 ? (low, middle - 1) : (middle + 1, high);
        }

        return -1;
    }

    private static TEnum FromName(string name)
    {
        if (SmartEnum<TEnum, TValue>.TryFromName(name, ignoreCase: false, out var value))
        {
            return value;
        }

        var hint = SmartEnum<TEnum, TValue>.TryFromName(name, ignoreCase: true, out var other)
            ? $" Names are case-sensitive: did you mean '{other.Name}'?"
            : string.Empty;
        throw JsonErrors.Refusal($"{JsonErrors.Quote(name)} is not a name of {TypeName}.{hint} {Names.Value}");
    }

    // A short list in full; the ISO codes by their standard, which the reader can look up; any other long list by its size.
    private static string DescribeNames()
    {
        var names = SmartEnum<TEnum, TValue>.List.Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        return IsoStandard() is var (standard, example)
            ? $"The names are the {standard}, such as '{example}'."
            : names.Count <= MostNamesListed
                ? $"The names are: {string.Join(", ", names)}."
                : $"There are {names.Count} names, such as {string.Join(", ", names.Take(3).Select(n => $"'{n}'"))}.";
    }

    private static (string Standard, string Example)? IsoStandard() =>
        typeof(TEnum) == typeof(Country) ? ("assigned ISO 3166-1 alpha-2 country codes", Country.US.Name)
        : typeof(TEnum) == typeof(Currency) ? ("active ISO 4217 currency codes", Currency.USD.Name)
        : typeof(TEnum) == typeof(Language) ? ("ISO 639-1 language codes", Language.English.Name)
        : null;
}
