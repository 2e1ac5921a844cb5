using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>Writes the members of a value's JSON object in the forms <see cref="JsonObjectReader"/> reads.</summary>
internal static class JsonWriting
{
    /// <summary>Writes a member with the converter the options have for <typeparamref name="T"/>, or null.</summary>
    public static void WriteMember<T>(this Utf8JsonWriter writer, string name, T? value, JsonSerializerOptions options)
    {
        writer.WritePropertyName(name);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        ((JsonConverter<T>)options.GetConverter(typeof(T))).Write(writer, value, options);
    }

    /// <summary>Writes a decimal as an invariant string (<c>"12.34"</c>), so that no reader rounds it through a double; or null.</summary>
    public static void WriteDecimal(this Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } number)
        {
            writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Writes a number, or null; JSON has no NaN or infinity, so those are refused with the member named.</summary>
    public static void WriteFinite(this Utf8JsonWriter writer, string owner, string name, double? value)
    {
        if (value is not { } number)
        {
            writer.WriteNull(name);
            return;
        }

        if (!double.IsFinite(number))
        {
            throw JsonErrors.Member(owner, name, $"{number.ToString(CultureInfo.InvariantCulture)} is not a finite number and JSON cannot hold it.");
        }

        writer.WriteNumber(name, number);
    }
}
