using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// Converts a value whose JSON form is one string (an id, a label, a subdivision code), also as a dictionary key.
/// The domain's own parser or constructor decides what is valid; its refusal becomes a <see cref="JsonException"/>.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class TextJsonConverter<T> : JsonConverter<T>
{
    private static readonly string TypeName = JsonTypeNames.Of(typeof(T));
    private readonly Func<string, T> _parse;
    private readonly Func<T, string?> _format;
    private readonly string _unwritable;

    /// <param name="parse">Reads the text; throws the domain's exception for invalid text.</param>
    /// <param name="format">The text of a value, or null for a default struct that holds no value.</param>
    /// <param name="unwritable">Why a default value cannot be written.</param>
    public TextJsonConverter(Func<string, T> parse, Func<T, string?> format, string unwritable)
    {
        _parse = parse;
        _format = format;
        _unwritable = unwritable;
    }

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? Parse(reader.GetString()!)
            : throw JsonErrors.Value(TypeName, $"expected a string, got {JsonErrors.Describe(reader.TokenType)}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(Format(value));

    private T Parse(string text)
    {
        try
        {
            return _parse(text);
        }
        catch (FormatException exception)
        {
            // The domain's parsers name the text and the expected form in full.
            throw JsonErrors.Refusal(JsonErrors.Shorten(exception.Message, text), exception);
        }
        catch (Exception exception) when (JsonErrors.IsRejection(exception))
        {
            throw JsonErrors.Refusal(JsonErrors.Shorten($"{JsonErrors.Quote(text)} is not a valid {TypeName}: {JsonErrors.RuleOf(exception)}", text), exception);
        }
    }

    private string Format(T value) => _format(value) ?? throw JsonErrors.Unwritable(typeof(T), _unwritable);
}

/// <summary>Converts every id type (<see cref="IEntityId{TSelf}"/>) to and from its UUID text.</summary>
internal sealed class EntityIdJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsValueType
        && Array.Exists(typeToConvert.GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityId<>) && i.GenericTypeArguments[0] == typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)typeof(EntityIdJsonConverterFactory)
            .GetMethod(nameof(Create), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(typeToConvert)
            .Invoke(null, null)!;

    private static TextJsonConverter<TId> Create<TId>()
        where TId : struct, IEntityId<TId> =>
        new(
            text => TId.Parse(text, CultureInfo.InvariantCulture),
            id => id.Equals(default(TId)) ? null : id.Value.ToString("D", CultureInfo.InvariantCulture),
            "it wraps the empty UUID, which no id may be.");
}

/// <summary>The converters of values whose JSON form is one string.</summary>
internal static class TextConverters
{
    /// <summary><see cref="Subdivision"/> as its ISO 3166-2 code: <c>"US-CA"</c>.</summary>
    public static TextJsonConverter<Subdivision> Subdivision() =>
        new(CreatorMarketplace.Subdivision.Parse, subdivision => subdivision.Code, "it has no code.");

    /// <summary><see cref="ContentLabel"/> as its id: <c>"beauty"</c>.</summary>
    public static TextJsonConverter<ContentLabel> ContentLabel() =>
        new(id => new ContentLabel(id), label => label.Id, "it has no id.");

    /// <summary><see cref="IndustryLabel"/> as its id: <c>"cosmetics"</c>.</summary>
    public static TextJsonConverter<IndustryLabel> IndustryLabel() =>
        new(id => new IndustryLabel(id), label => label.Id, "it has no id.");
}
