using System.Text.Json;
using NodaTime.Text;

namespace CreatorMarketplace;

/// <summary>
/// The strict reading of a JSON document that the library's policies are written in: every problem is collected with
/// its JSON path and a code under the document's prefix (<c>policy.missing</c>), never a half-read value. An object
/// with a property the reader does not know, or with one given twice, is refused; a property named twice is not
/// read at all, since which of its values was meant cannot be told.
/// </summary>
internal abstract class StrictJsonReader(string prefix)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    private readonly string _prefix = prefix;

    /// <summary>Every problem found so far.</summary>
    public ErrorCollector Errors { get; } = new();

    /// <summary>Reads a whole document with a method of this reader: the value, or every problem found.</summary>
    public Validated<T> Read<T>(string json, Func<JsonElement, T?> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return new Invalid("$", $"{_prefix}.json_malformed", $"the text is not JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}): {exception.Message}");
        }

        using (document)
        {
            var value = read(document.RootElement);
            return Errors.HasErrors || value is null ? new Invalid(Errors.Errors) : value;
        }
    }

    protected bool IsObject(JsonElement element, string path, string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Errors.Add(path, $"{_prefix}.json_type", $"expected an object, got {Kind(element)}.");
            return false;
        }

        // A name that is not text cannot even be compared with another, so the object is not read further.
        if (element.EnumerateObject().FirstOrDefault(property => !IsText(property)) is { Value.ValueKind: not JsonValueKind.Undefined })
        {
            Errors.Add(path, $"{_prefix}.invalid_text", "a property name holds an unpaired surrogate escape (such as \\ud800 alone), which is not text.");
            return false;
        }

        var valid = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                Errors.Add($"{path}.{property.Name}", $"{_prefix}.duplicate_property", $"{ErrorText.Quote(property.Name)} is given more than once; a property is given once.");
                valid = false;
            }
            else if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Errors.Add($"{path}.{property.Name}", $"{_prefix}.unknown_property", $"{ErrorText.Quote(property.Name)} is not a property here; expected {string.Join(", ", known)}.");
            }
        }

        return valid;
    }

    protected JsonElement? Property(JsonElement owner, string name, string path, JsonValueKind kind, bool required)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Errors.Add($"{path}.{name}", $"{_prefix}.missing", $"{ErrorText.Quote(name)} is required.");
            }

            return null;
        }

        if (value.ValueKind != kind && !(kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False))
        {
            Errors.Add($"{path}.{name}", $"{_prefix}.json_type", $"expected {Article(kind)}, got {Kind(value)}.");
            return null;
        }

        return value;
    }

    protected string? String(JsonElement owner, string name, string path, bool required) =>
        Property(owner, name, path, JsonValueKind.String, required) is { } value ? Text(value, $"{path}.{name}") : null;

    // A string escape with an unpaired surrogate ("\ud800") parses as JSON but is not text: GetString throws.
    protected string? Text(JsonElement value, string path)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            Errors.Add(path, $"{_prefix}.invalid_text", "the string holds an unpaired surrogate escape (such as \\ud800 alone), which is not text.");
            return null;
        }
    }

    protected static bool IsText(JsonProperty property)
    {
        try
        {
            _ = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    protected long? Integer(JsonElement owner, string name, string path, bool required)
    {
        if (Property(owner, name, path, JsonValueKind.Number, required) is not { } value)
        {
            return null;
        }

        if (value.TryGetInt64(out var number))
        {
            return number;
        }

        Errors.Add($"{path}.{name}", $"{_prefix}.json_type", $"expected a whole number, got {Brief(value)}.");
        return null;
    }

    protected bool? Boolean(JsonElement owner, string name, string path) =>
        Property(owner, name, path, JsonValueKind.True, required: true)?.GetBoolean();

    protected T? Parsed<T>(JsonElement owner, string name, string path, IPattern<T> pattern, string expected)
        where T : struct
    {
        if (String(owner, name, path, required: true) is not { } text)
        {
            return null;
        }

        var result = pattern.Parse(text);
        if (result.Success)
        {
            return result.Value;
        }

        Errors.Add($"{path}.{name}", $"{_prefix}.bad_format", $"{ErrorText.Quote(text)} is not {expected}.");
        return null;
    }

    // Builds what was read; the model's own refusals are reported at the path it was read from.
    protected T? Built<T>(string path, Func<T> build)
        where T : class
    {
        try
        {
            return build();
        }
        catch (DomainValidationException refused)
        {
            Report(path, refused.Errors);
            return null;
        }
    }

    protected void Report(string path, IEnumerable<DomainError> errors)
    {
        foreach (var error in errors)
        {
            Errors.Add(error.Field.Length == 0 ? path : error.Field[0] == '[' ? path + error.Field : $"{path}.{error.Field}", error.Code, error.Message);
        }
    }

    protected static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Brief(element)}",
        JsonValueKind.Number => $"the number {Brief(element)}",
        JsonValueKind.True or JsonValueKind.False => $"{element.GetRawText()}",
        _ => "null",
    };

    // A value as the document wrote it, cut short: a hostile string or number of megabytes stays out of the message.
    private static string Brief(JsonElement value) => ErrorText.Bound(value.GetRawText(), ErrorText.QuotedLength);

    protected static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "true or false",
    };
}
