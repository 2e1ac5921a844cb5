using System.Globalization;
using System.Text.Json;
using CreatorMarketplace.Creators;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>
/// A JSON value and its path from the response's root, so that every complaint names where it is; every string read
/// from it has the call's secrets redacted, but for the tokens the platform hands over.
/// </summary>
internal readonly record struct JsonAt(JsonElement Value, string Path, Secrets Secrets)
{
    public JsonAt Object(string name) => Require(name, JsonValueKind.Object, "an object");

    public JsonAt Array(string name) => Require(name, JsonValueKind.Array, "an array");

    public IEnumerable<JsonAt> Items()
    {
        var (path, secrets) = (Path, Secrets);
        return Value.EnumerateArray().Select((item, index) => new JsonAt(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]"), secrets));
    }

    public string String(string name) => Secrets.Redact(NewSecret(name));

    public string? OptionalString(string name) =>
        Optional(name) is { } value ? Secrets.Redact(value.Expect(JsonValueKind.String, "a string").Value.GetString()!) : null;

    /// <summary>A secret the platform hands over, a new token: the one string read as it is.</summary>
    public string NewSecret(string name) => Require(name, JsonValueKind.String, "a string").Value.GetString()!;

    public bool Boolean(string name) =>
        Optional(name) is { } value ? value.AsBoolean() : throw Missing(name);

    public bool? OptionalBoolean(string name) => Optional(name)?.AsBoolean();

    public long Int64(string name) => Optional(name) is { } value ? value.AsInt64() : throw Missing(name);

    public long? OptionalInt64(string name) => Optional(name)?.AsInt64();

    /// <summary>A count: an integer of zero or more, or null when not reported.</summary>
    public long? OptionalCount(string name)
    {
        if (Optional(name) is not { } value)
        {
            return null;
        }

        var count = value.AsInt64();
        return count >= 0 ? count : throw MalformedResponseException.At(value.Path, $"a count is never negative, got {count}.");
    }

    /// <summary>A time in Unix seconds, as TikTok's <c>create_time</c> or Instagram's <c>timestamp</c> in seconds.</summary>
    public Instant UnixSeconds(string name)
    {
        var value = Optional(name) ?? throw Missing(name);
        var seconds = value.AsInt64();
        return seconds >= Instant.MinValue.ToUnixTimeSeconds() && seconds <= Instant.MaxValue.ToUnixTimeSeconds()
            ? Instant.FromUnixTimeSeconds(seconds)
            : throw MalformedResponseException.At(value.Path, $"{seconds} is not a time in Unix seconds.");
    }

    /// <summary>An account's numbers from its follower count, which every platform gives and the domain checks.</summary>
    public AccountStats FollowerStats(string name, Instant now)
    {
        var followers = Int64(name);
        try
        {
            return AccountStats.Create(now, followers);
        }
        catch (DomainValidationException invalid)
        {
            var error = invalid.Errors[0];
            throw new MalformedResponseException($"{Child(name)}: {error.Message} ({error.Code})");
        }
    }

    /// <summary>An absolute http(s) address, or null when not given (or given empty).</summary>
    public Uri? OptionalUri(string name)
    {
        var text = OptionalString(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw MalformedResponseException.At(Child(name), "expected an absolute http or https address.");
    }

    public JsonAt? Optional(string name) =>
        Value.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? new JsonAt(value, Child(name), Secrets) : null;

    private JsonAt Require(string name, JsonValueKind kind, string what) =>
        Optional(name) is { } value ? value.Expect(kind, what) : throw Missing(name);

    private JsonAt Expect(JsonValueKind kind, string what) =>
        Value.ValueKind == kind ? this : throw MalformedResponseException.At(Path, $"expected {what}, got {Describe(Value.ValueKind)}.");

    private bool AsBoolean() =>
        Value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw MalformedResponseException.At(Path, $"expected true or false, got {Describe(Value.ValueKind)}."),
        };

    private long AsInt64() =>
        Value.ValueKind == JsonValueKind.Number && Value.TryGetInt64(out var number)
            ? number
            : throw MalformedResponseException.At(Path, $"expected a whole number, got {(Value.ValueKind == JsonValueKind.Number ? Shown(Value) : Describe(Value.ValueKind))}.");

    /// <summary>
    /// A refused value as a complaint shows it: its JSON text when short, otherwise only its kind and length. Never a
    /// prefix: the complaint is redacted after it is made, and a secret the platform echoed, cut short, would no
    /// longer be found.
    /// </summary>
    public static string Shown(JsonElement value) => ShortOrLength(value.GetRawText(), Describe(value.ValueKind));

    /// <summary>A text from an answer as a complaint shows it: whole when short, otherwise only <paramref name="what"/> and its length (see <see cref="Shown"/>).</summary>
    public static string ShortOrLength(string text, string what) =>
        text.Length <= ErrorText.QuotedLength ? ErrorText.Bound(text, ErrorText.QuotedLength) : $"{what} of {text.Length} characters";

    private MalformedResponseException Missing(string name) => new($"{Child(name)} is missing.");

    private string Child(string name) => Path.Length == 0 ? name : Path + "." + name;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}

/// <summary>Times as the platforms write them.</summary>
internal static class PlatformTimes
{
    /// <summary>The instant of a parsed time, or null when its offset takes it beyond the calendar an instant holds (9999-12-31T23:59:59-18:00).</summary>
    public static Instant? ToInstant(this ParseResult<OffsetDateTime> parsed)
    {
        if (!parsed.Success)
        {
            return null;
        }

        try
        {
            return parsed.Value.ToInstant();
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}

/// <summary>The response is not in the platform's documented shape; the connector turns it into <see cref="MalformedData"/>.</summary>
#pragma warning disable CA1032 // Internal, thrown and caught only here: no need for the usual constructors.
internal sealed class MalformedResponseException(string reason) : Exception(reason)
#pragma warning restore CA1032
{
    public static MalformedResponseException At(string path, string rule) => new($"{path}: {rule}");

    public MalformedData ToResult() => new(Message);
}
