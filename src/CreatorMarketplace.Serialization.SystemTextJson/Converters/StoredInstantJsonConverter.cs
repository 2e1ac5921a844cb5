using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// An <see cref="Instant"/> in NodaTime's extended ISO form, read straight from its UTF-8 bytes when it is written as
/// the library writes it (<c>2026-11-25T08:30:00Z</c>, with up to nine digits of fraction after a point), and by
/// NodaTime's own converter otherwise, so that the same texts are accepted and refused, with the same messages.
/// Writing is NodaTime's.
/// </summary>
/// <remarks>NodaTime's general pattern parser allocates about 450 bytes an instant; a stored creator holds many.</remarks>
internal sealed class StoredInstantJsonConverter(JsonConverter<Instant> nodaTime) : JsonConverter<Instant>
{
    // "uuuu-MM-ddTHH:mm:ss" and "Z"; a fraction of one to nine digits may stand between them.
    private const int SecondsLength = 19;
    private const int MaxLength = SecondsLength + 1 + 9 + 1;

    /// <summary>NodaTime's converter, which this one stands in front of.</summary>
    public JsonConverter<Instant> NodaTime { get; } = nodaTime;

    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
            && TryParse(reader.ValueSpan, out var instant)
            ? instant
            : NodaTime.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        NodaTime.Write(writer, value, options);

    public override Instant ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NodaTime.ReadAsPropertyName(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        NodaTime.WriteAsPropertyName(writer, value, options);

    /// <summary>
    /// Reads the common form only: years 1 to 9999, every field in range, a point before the fraction. Anything else,
    /// valid or not, is false and left to NodaTime.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<byte> text, out Instant instant)
    {
        instant = default;
        if (text.Length < SecondsLength + 1 || text.Length > MaxLength || text[^1] != (byte)'Z'
            || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        var nanoseconds = 0;
        var fraction = text[SecondsLength..^1];
        if (!fraction.IsEmpty)
        {
            if (fraction.Length < 2 || fraction[0] != (byte)'.' || !TryDigits(fraction[1..], out nanoseconds))
            {
                return false;
            }

            for (var digits = fraction.Length - 1; digits < 9; digits++)
            {
                nanoseconds *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        instant = Instant.FromUtc(year, month, day, hour, minute, second).PlusNanoseconds(nanoseconds);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }
}
