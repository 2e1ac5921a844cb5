using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CreatorMarketplace.Connectors.Fakes;

/// <summary>
/// The ways a hostile server could echo a secret back, and a search for a secret in any of them that decodes the
/// text on its own terms, not the connector's.
/// </summary>
public static partial class Echo
{
    public static readonly IReadOnlyDictionary<string, Func<string, string>> Encodings = new Dictionary<string, Func<string, string>>(StringComparer.Ordinal)
    {
        ["raw"] = secret => secret,
        ["url"] = Uri.EscapeDataString,
        ["url lower-case hex"] = secret => UpperHex().Replace(Uri.EscapeDataString(secret), match => match.Value.ToLowerInvariant()),
        ["form"] = secret => WebUtility.UrlEncode(secret),
        ["url every byte"] = secret => string.Concat(Encoding.UTF8.GetBytes(secret).Select(b => string.Create(CultureInfo.InvariantCulture, $"%{b:x2}"))),
        ["url twice"] = secret => Uri.EscapeDataString(Uri.EscapeDataString(secret)),
        ["json escaped"] = secret => string.Concat(secret.Select(c => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"))),
        ["base64"] = secret => Convert.ToBase64String(Encoding.UTF8.GetBytes("ab" + secret + "c")),
        ["base64url"] = secret => Convert.ToBase64String(Encoding.UTF8.GetBytes("x" + secret)).Replace('+', '-').Replace('/', '_').TrimEnd('='),
        ["hex"] = secret => Convert.ToHexString(Encoding.UTF8.GetBytes(secret)),
    };

    /// <summary>Whether the text holds the secret: as is, or after URL, form and JSON decoding, or in base64 or hex.</summary>
    public static bool Holds(string text, string secret)
    {
        var decoded = text;
        for (var pass = 0; pass < 3; pass++)
        {
            decoded = JsonEscape().Replace(Uri.UnescapeDataString(decoded), match => ((char)int.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
        }

        var bytes = Encoding.UTF8.GetBytes(secret);
        return new[] { text, decoded }.Any(candidate =>
            candidate.Contains(secret, StringComparison.OrdinalIgnoreCase)
            || candidate.Contains(secret.Replace(' ', '+'), StringComparison.OrdinalIgnoreCase)
            || Base64Run().Matches(candidate).Any(run => Base64Holds(run.Value.Replace('-', '+').Replace('_', '/'), bytes))
            || HexRun().Matches(candidate).Any(run => HexHolds(run.Value, bytes)));
    }

    /// <summary>The secrets that a text holds, each with the text.</summary>
    public static IEnumerable<string> Leaks(IEnumerable<string> texts, IEnumerable<string> secrets) =>
        from text in texts
        from secret in secrets
        where Holds(text, secret)
        select $"'{secret}' in: {text}";

    private static bool Base64Holds(string run, byte[] secret)
    {
        for (var start = 0; start < 4 && start < run.Length; start++)
        {
            // Padding put back where base64url leaves it out.
            var chunk = run[start..];
            chunk = (chunk.Length % 4) switch { 0 => chunk, 1 => chunk[..^1], 2 => chunk + "==", _ => chunk + "=" };
            var buffer = new byte[chunk.Length];
            if (Convert.TryFromBase64String(chunk, buffer, out var written) && Contains(buffer.AsSpan(0, written), secret))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HexHolds(string run, byte[] secret) =>
        Enumerable.Range(0, 2).Any(start => Contains(Convert.FromHexString(run.Substring(start, (run.Length - start) / 2 * 2)), secret));

    private static bool Contains(ReadOnlySpan<byte> haystack, byte[] needle) => haystack.IndexOf(needle) >= 0;

    [GeneratedRegex("%[0-9A-F]{2}")]
    private static partial Regex UpperHex();

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex JsonEscape();

    [GeneratedRegex("[A-Za-z0-9+/_-]{8,}")]
    private static partial Regex Base64Run();

    [GeneratedRegex("[0-9a-fA-F]{8,}")]
    private static partial Regex HexRun();
}
