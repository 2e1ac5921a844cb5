using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CreatorMarketplace.Serialization.Converters;

namespace CreatorMarketplace.Serialization;

public static partial class StoredJson
{
    /// <summary>
    /// Finds where a type's own code refused the document (a constructor's <see cref="ArgumentException"/>, say):
    /// System.Text.Json reports no path for it, so the values are read again one by one, from the root down to the
    /// innermost that is still refused. Runs only for a refused document.
    /// </summary>
    private static JsonException Locate(ReadOnlyMemory<byte> utf8, JsonTypeInfo typeInfo, Exception error)
    {
        using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxDepth });
        var (path, culprit, refusal) = Innermost(document.RootElement, typeInfo, "$", error);
        var member = refusal is ArgumentException { ParamName: { } name } && culprit.Kind == JsonTypeInfoKind.Object
            ? culprit.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.Name
            : null;
        // A refusal of one argument as a whole reads as a plain ArgumentException's does, named by its member.
        if (refusal is DomainValidationException { Errors: [{ Field.Length: > 0 } first, ..] } && (member is null || !JsonErrors.IsAboutArgument(refusal, out _)))
        {
            // The domain names every problem by its member path inside the value; the first one locates the refusal.
            return Refusal(path + PathOf(first.Field)[1..], $"{JsonTypeNames.Of(culprit.Type)}: {JsonErrors.RuleOf(refusal)}", refusal);
        }

        return Refusal(
            member is null ? path : path + Segment(member),
            $"{JsonTypeNames.Of(culprit.Type)}{(member is null ? string.Empty : "." + member)}: {JsonErrors.RuleOf(refusal)}",
            refusal);
    }

    /// <summary>The JSON path of a member the domain names by its C# path: <c>Profile.DisplayName</c> is <c>$.profile.displayName</c>.</summary>
    internal static string PathOf(string memberPath) =>
        memberPath.Length == 0 ? "$"
        : memberPath[0] == '[' ? "$" + JsonErrors.MemberPath(memberPath)
        : "$." + JsonErrors.MemberPath(memberPath);

    private static (string Path, JsonTypeInfo TypeInfo, Exception Error) Innermost(JsonElement element, JsonTypeInfo typeInfo, string path, Exception error)
    {
        foreach (var (child, childInfo, childPath) in Children(element, typeInfo, path))
        {
            if (RefusalOf(child, childInfo) is { } childError)
            {
                return Innermost(child, childInfo, childPath, childError);
            }
        }

        return (path, typeInfo, error);
    }

    private static Exception? RefusalOf(JsonElement element, JsonTypeInfo typeInfo)
    {
        try
        {
            _ = JsonSerializer.Deserialize(element, typeInfo);
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (Exception exception) when (IsRefusal(exception))
        {
            return exception;
        }
    }

    private static IEnumerable<(JsonElement Element, JsonTypeInfo TypeInfo, string Path)> Children(JsonElement element, JsonTypeInfo typeInfo, string path)
    {
        switch (typeInfo.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                foreach (var property in typeInfo.Properties)
                {
                    if (element.TryGetProperty(property.Name, out var value))
                    {
                        yield return (value, Options.GetTypeInfo(property.PropertyType), path + Segment(property.Name));
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array && ItemType(typeInfo.Type) is { } itemType:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    yield return (item, Options.GetTypeInfo(itemType), $"{path}[{index++}]");
                }

                break;
            case JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object && ItemType(typeInfo.Type)?.GetGenericArguments() is [_, var valueType]:
                foreach (var member in element.EnumerateObject())
                {
                    yield return (member.Value, Options.GetTypeInfo(valueType), path + Segment(member.Name));
                }

                break;
        }
    }

    // The T of the IEnumerable<T> a collection is (a KeyValuePair for a dictionary); JsonTypeInfo.ElementType is
    // missing from the System.Text.Json of net8.0.
    private static Type? ItemType(Type collection) =>
        (collection.IsInterface ? collection.GetInterfaces().Prepend(collection) : collection.GetInterfaces())
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
}
