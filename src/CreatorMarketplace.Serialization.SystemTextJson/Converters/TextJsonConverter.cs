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
    private readonly Utf8Parser? _parseUtf8;

    /// <param name="parse">Reads the text; throws the domain's exception for invalid text.</param>
    /// <param name="format">The text of a value, or null for a default struct that holds no value.</param>
    /// <param name="unwritable">Why a default value cannot be written.</param>
    /// <param name="parseUtf8">
    /// Reads the value straight from the document's bytes, without a string, when they are in its usual form, and
    /// gives the value <paramref name="parse"/> would; false leaves any other text to <paramref name="parse"/>.
    /// </param>
    public TextJsonConverter(Func<string, T> parse, Func<T, string?> format, string unwritable, Utf8Parser? parseUtf8 = null)
    {
        _parse = parse;
        _format = format;
        _unwritable = unwritable;
        _parseUtf8 = parseUtf8;
    }

    /// <summary>Reads a value from its text's UTF-8 bytes, or returns false to leave the text to the general parser.</summary>
    public delegate bool Utf8Parser(ReadOnlySpan<byte> utf8, out T value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? Parse(ref reader)
            : throw JsonErrors.Value(TypeName, $"expected a string, got {JsonErrors.Describe(reader.TokenType)}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(Format(value));

    private T Parse(ref Utf8JsonReader reader) =>
        _parseUtf8 is not null && !reader.ValueIsEscaped && !reader.HasValueSequence && _parseUtf8(reader.ValueSpan, out var value)
            ? value
            : Parse(reader.GetString()!);

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
            "it wraps the empty UUID, which no id may be.",
            ParseUtf8<TId>);

    // The form ids are written in, 'D'; any other text, and the empty UUID, are left to Parse and its refusal.
    private static bool ParseUtf8<TId>(ReadOnlySpan<byte> utf8, out TId id)
        where TId : struct, IEntityId<TId>
    {
        if (System.Buffers.Text.Utf8Parser.TryParse(utf8, out Guid value, out var consumed, 'D') && consumed == utf8.Length && value != Guid.Empty)
        {
            id = TId.From(value);
            return true;
        }

        id = default;
        return false;
    }
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
