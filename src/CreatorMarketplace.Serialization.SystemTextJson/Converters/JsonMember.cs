using System.Text.Json;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>Reads the current member's value, as one of <see cref="JsonObjectReader"/>'s readers does.</summary>
/// <typeparam name="T">The member's type.</typeparam>
/// <param name="json">The object being read.</param>
/// <param name="reader">The reader, standing on the member's value.</param>
/// <returns>The value.</returns>
internal delegate T JsonMemberReader<out T>(in JsonObjectReader json, ref Utf8JsonReader reader);

/// <summary>
/// The readers of a member's value that <see cref="JsonObjectReader.Members{T1, T2}"/> takes, one per form a
/// member is written in. Each is made once, so reading an object allocates no delegate.
/// </summary>
internal static class JsonMember
{
    /// <summary>A string; null is refused.</summary>
    public static readonly JsonMemberReader<string> String = static (in JsonObjectReader json, ref Utf8JsonReader reader) => json.String(ref reader);

    /// <summary>A UUID string.</summary>
    public static readonly JsonMemberReader<Guid> Guid = static (in JsonObjectReader json, ref Utf8JsonReader reader) => json.Guid(ref reader);

    /// <summary>A whole number that fits in 32 bits.</summary>
    public static readonly JsonMemberReader<int> Int32 = static (in JsonObjectReader json, ref Utf8JsonReader reader) => json.Int32(ref reader);

    /// <summary>A finite number.</summary>
    public static readonly JsonMemberReader<double> Double = static (in JsonObjectReader json, ref Utf8JsonReader reader) => json.Double(ref reader);

    /// <summary>An exact decimal.</summary>
    public static readonly JsonMemberReader<decimal> Decimal = static (in JsonObjectReader json, ref Utf8JsonReader reader) => json.Decimal(ref reader);

    /// <summary>A finite number, or null.</summary>
    public static readonly JsonMemberReader<double?> DoubleOrNull = static (in JsonObjectReader json, ref Utf8JsonReader reader) =>
        json.IsNull(ref reader) ? null : json.Double(ref reader);

    /// <summary>An exact decimal, or null.</summary>
    public static readonly JsonMemberReader<decimal?> DecimalOrNull = static (in JsonObjectReader json, ref Utf8JsonReader reader) =>
        json.IsNull(ref reader) ? null : json.Decimal(ref reader);

    /// <summary>A value read by the converter the options have for <typeparamref name="T"/>; null is refused.</summary>
    /// <typeparam name="T">The member's type.</typeparam>
    /// <returns>The reader.</returns>
    public static JsonMemberReader<T> Value<T>() => Readers<T>.Value;

    /// <summary>A value read by the converter the options have for <typeparamref name="T"/>, or null.</summary>
    /// <typeparam name="T">The member's type, a class.</typeparam>
    /// <returns>The reader.</returns>
    public static JsonMemberReader<T?> ValueOrNull<T>()
        where T : class => Readers<T>.ValueOrNull;

    /// <summary>A value read by the converter the options have for <typeparamref name="T"/>, or null.</summary>
    /// <typeparam name="T">The member's type, a struct.</typeparam>
    /// <returns>The reader.</returns>
    public static JsonMemberReader<T?> NullableValue<T>()
        where T : struct => NullableReaders<T>.NullableValue;

    private static class Readers<T>
    {
        public static readonly JsonMemberReader<T> Value = static (in JsonObjectReader json, ref Utf8JsonReader reader) => json.Value<T>(ref reader);

        public static readonly JsonMemberReader<T?> ValueOrNull = static (in JsonObjectReader json, ref Utf8JsonReader reader) =>
            json.IsNull(ref reader) ? default : json.Value<T>(ref reader);
    }

    private static class NullableReaders<T>
        where T : struct
    {
        public static readonly JsonMemberReader<T?> NullableValue = static (in JsonObjectReader json, ref Utf8JsonReader reader) =>
            json.IsNull(ref reader) ? null : json.Value<T>(ref reader);
    }
}
