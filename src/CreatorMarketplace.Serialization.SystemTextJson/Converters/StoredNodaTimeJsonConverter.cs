using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// A NodaTime value read straight from its UTF-8 bytes when it is written as the library writes it, and by NodaTime's
/// own converter otherwise, so that the same texts are accepted and refused, with the same messages. Writing is
/// NodaTime's.
/// </summary>
/// <typeparam name="T">The NodaTime type, a struct.</typeparam>
/// <remarks>NodaTime's pattern parsers allocate about 450 bytes an instant and 200 a date; a stored creator holds many.</remarks>
/// <param name="nodaTime">NodaTime's converter, which this one stands in front of.</param>
/// <param name="parse">Reads the common form only; false for any other text, valid or not, which is left to NodaTime.</param>
internal sealed class StoredNodaTimeJsonConverter<T>(JsonConverter<T> nodaTime, StoredNodaTimeJsonConverter<T>.Parser parse) : JsonConverter<T>
    where T : struct
{
    /// <summary>Reads the value from the bytes of its common form, or returns false.</summary>
    public delegate bool Parser(ReadOnlySpan<byte> text, out T value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
            && parse(reader.ValueSpan, out var value)
            ? value
            : nodaTime.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        nodaTime.Write(writer, value, options);

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        nodaTime.ReadAsPropertyName(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        nodaTime.WriteAsPropertyName(writer, value, options);
}

/// <summary>The stored forms <see cref="StoredNodaTimeJsonConverter{T}"/> reads itself.</summary>
internal static class StoredNodaTimeForms
{
    // "uuuu-MM-ddTHH:mm:ss" and "Z"; a fraction of one to nine digits may stand between them.
    private const int SecondsLength = 19;
    private const int MaxInstantLength = SecondsLength + 1 + 9 + 1;

    // "uuuu-MM-dd".
    private const int DateLength = 10;

    /// <summary>
    /// An instant in NodaTime's extended ISO form, <c>2026-11-25T08:30:00Z</c>, with up to nine digits of fraction
    /// after a point: years 1 to 9999, every field in range. Anything else, valid or not, is false.
    /// </summary>
    internal static bool TryParseInstant(ReadOnlySpan<byte> text, out Instant instant)
    {
        instant = default;
        if (text.Length < SecondsLength + 1 || text.Length > MaxInstantLength || text[^1] != (byte)'Z'
            || !TryDate(text[..DateLength], out var year, out var month, out var day)
            || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':'
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

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        instant = Instant.FromUtc(year, month, day, hour, minute, second).PlusNanoseconds(nanoseconds);
        return true;
    }

    /// <summary>A date in NodaTime's ISO form, <c>1992-06-13</c>, with a year from 1 to 9999. Anything else, valid or not, is false.</summary>
    internal static bool TryParseLocalDate(ReadOnlySpan<byte> text, out LocalDate date)
    {
        date = default;
        if (text.Length != DateLength || !TryDate(text, out var year, out var month, out var day))
        {
            return false;
        }

        date = new LocalDate(year, month, day);
        return true;
    }

    // "uuuu-MM-dd" of the ISO calendar, a year from 1 to 9999 and a day of its month.
    private static bool TryDate(ReadOnlySpan<byte> text, out int year, out int month, out int day)
    {
        month = day = 0;
        return TryDigits(text[..4], out year) && text[4] == (byte)'-' && text[7] == (byte)'-'
            && TryDigits(text.Slice(5, 2), out month) && TryDigits(text.Slice(8, 2), out day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
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
