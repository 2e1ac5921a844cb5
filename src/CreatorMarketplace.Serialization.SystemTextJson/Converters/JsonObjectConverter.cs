using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// A value written as one JSON object of fixed members and read back by <see cref="JsonObjectReader"/>'s rules. A
/// converter declares its name in errors and its members once; opening the object, on reading and on writing, and
/// refusing a value that cannot be written are done here, the same way for every such value.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="owner">How errors name the value, for example <c>Money</c> or <c>NumberRange&lt;long&gt;</c>.</param>
/// <param name="members">The member names, in the order they are written.</param>
internal abstract class JsonObjectConverter<T>(string owner, params string[] members) : JsonConverter<T>
{
    /// <summary>How errors name the value.</summary>
    protected string Owner { get; } = owner;

    /// <summary>The member names, in the order they are written.</summary>
    protected string[] Members { get; } = members;

    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, Owner, Members);
        return ReadMembers(ref json, ref reader, options);
    }

    public sealed override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (Unwritable(value) is { } why)
        {
            throw JsonErrors.Unwritable(typeof(T), why);
        }

        writer.WriteStartObject();
        WriteMembers(writer, value, options);
        writer.WriteEndObject();
    }

    /// <summary>Reads the members; <paramref name="json"/> has checked that the value is an object.</summary>
    protected abstract T ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>Writes the members inside the object.</summary>
    protected abstract void WriteMembers(Utf8JsonWriter writer, T value, JsonSerializerOptions options);

    /// <summary>Why the value cannot be written (a default struct lacks a required part), or null when it can.</summary>
    protected virtual string? Unwritable(T value) => null;
}
