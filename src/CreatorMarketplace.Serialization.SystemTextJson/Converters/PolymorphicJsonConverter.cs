using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// Writes a value of an abstract Core type (a <c>CollaborationEvent</c> in a history) as its concrete record's
/// JSON with a <c>"$type"</c> member naming the record, and reads it back by that name wherever the member stands.
/// </summary>
/// <remarks>
/// System.Text.Json's own polymorphism needs the type member first; this converter finds it wherever it stands, so
/// a document that another tool rewrote (with its members reordered) still reads.
/// </remarks>
internal sealed class PolymorphicJsonConverter<TBase> : JsonConverter<TBase>
    where TBase : class
{
    public const string TypeMember = "$type";

    private static readonly FrozenDictionary<string, Type> TypesByName = typeof(TBase).Assembly.GetExportedTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(TBase).IsAssignableFrom(type))
        .ToFrozenDictionary(type => type.Name, StringComparer.Ordinal);

    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(TBase);

    public override TBase? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var owner = typeof(TBase).Name;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var element = JsonElement.ParseValue(ref reader);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw JsonErrors.Value(owner, "expected an object.");
        }

        // A JsonObject refuses a repeated member with an exception of its own that names neither the member nor a path.
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (!names.Add(member.Name))
            {
                throw JsonErrors.Member(owner, member.Name, "appears more than once.");
            }
        }

        var value = JsonObject.Create(element)!;

        if (!value.TryGetPropertyValue(TypeMember, out var typeNode) || typeNode is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var name))
        {
            throw JsonErrors.Member(owner, TypeMember, "is missing; it names the concrete type.");
        }

        if (!TypesByName.TryGetValue(name, out var type))
        {
            throw JsonErrors.Member(owner, TypeMember, $"{JsonErrors.Quote(name)} is not a {owner}; the names are: {string.Join(", ", TypesByName.Keys.Order(StringComparer.Ordinal))}.");
        }

        value.Remove(TypeMember);
        try
        {
            return (TBase?)value.Deserialize(type, options) ?? throw JsonErrors.Value(owner, $"the {name} is null.");
        }
        catch (JsonException exception)
        {
            throw JsonErrors.Value(owner, $"{name}: {exception.Message}", exception);
        }
    }

    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options)
    {
        var type = value.GetType();
        if (!TypesByName.TryGetValue(type.Name, out var known) || known != type)
        {
            throw new JsonException($"{typeof(TBase).Name}: {type.FullName} is not one of Core's types, so it has no stored name.");
        }

        writer.WriteStartObject();
        writer.WriteString(TypeMember, type.Name);
        using var document = JsonSerializer.SerializeToDocument(value, type, options);
        foreach (var member in document.RootElement.EnumerateObject())
        {
            member.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
