using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Connectors.YouTube;

/// <summary>Google's JSON conventions: 64-bit counts as decimal strings, times as RFC 3339 text.</summary>
internal static class YouTubeJson
{
    /// <summary>A count that Google sends as a string of digits (<c>"viewCount": "1234"</c>), or null when not reported.</summary>
    public static long? OptionalCountText(this JsonAt at, string name)
    {
        if (at.Optional(name) is not { } value)
        {
            return null;
        }

        var text = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString()! : null;
        return text is { Length: > 0 } && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw MalformedResponseException.At(value.Path, $"expected a count as a string of digits, got {JsonAt.Shown(value.Value)}.");
    }

    /// <summary>An RFC 3339 time (<c>"2026-11-30T12:00:00Z"</c>, fractions and offsets allowed).</summary>
    public static Instant Rfc3339(this JsonAt at, string name)
    {
        var text = at.String(name);
        return OffsetDateTimePattern.ExtendedIso.Parse(text).ToInstant()
            ?? throw MalformedResponseException.At(at.Optional(name)!.Value.Path, $"'{text}' is not an RFC 3339 time.");
    }

    /// <summary>An RFC 3339 time, or null when not given.</summary>
    public static Instant? OptionalRfc3339(this JsonAt at, string name) => at.Optional(name) is null ? null : at.Rfc3339(name);
}
