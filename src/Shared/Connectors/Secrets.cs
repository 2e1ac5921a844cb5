using System.Globalization;
using System.Text;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>
/// The secrets a call holds (the client secret, and the tokens it read or received) and the one place where text from
/// the platform loses them before it reaches a result or a log. A server may echo a secret in any encoding, so each is found
/// as is, percent- or form-encoded (either case of hex, also twice over), JSON-escaped (<c>\uXXXX</c>), in hex, and in
/// base64 or base64url at any alignment; matching ignores case, redacting more rather than less.
/// </summary>
/// <remarks>Not thread-safe: a call adds to its own <see cref="ForCall"/> copy as it goes.</remarks>
internal sealed class Secrets
{
    /// <summary>What a secret becomes.</summary>
    public const string Redacted = "[redacted]";

    // Shorter base64 runs would also turn up in ordinary text.
    private const int MinBase64Run = 8;

    // The most characters an escape (\uXXXX) can take of a secret next to it, and the least left to be worth finding.
    private const int MaxSwallowed = 4;
    private const int MinMiddle = 8;

    // Enough for a secret encoded twice over and JSON-escaped on top.
    private const int MaxDecodingPasses = 4;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly HashSet<string> _secrets;
    private readonly List<string> _decodedForms;
    private readonly List<string> _base64Forms;

    /// <summary>Holds the application's client secret.</summary>
    public Secrets(string clientSecret)
    {
        _secrets = new HashSet<string>(StringComparer.Ordinal);
        _decodedForms = [];
        _base64Forms = [];
        Add(clientSecret);
    }

    private Secrets(Secrets from)
    {
        _secrets = new HashSet<string>(from._secrets, StringComparer.Ordinal);
        _decodedForms = [.. from._decodedForms];
        _base64Forms = [.. from._base64Forms];
    }

    /// <summary>A copy for one call, to which the call adds the tokens it comes to hold.</summary>
    public Secrets ForCall() => new(this);

    /// <summary>The text with every secret, in any of the encodings, replaced by <see cref="Redacted"/>.</summary>
    public string Redact(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        bool[]? hidden = null;
        foreach (var layer in Decoded.Layers(text))
        {
            foreach (var form in _decodedForms)
            {
                Hide(layer, form, StringComparison.OrdinalIgnoreCase, ref hidden);
            }

            foreach (var form in _base64Forms)
            {
                Hide(layer, form, StringComparison.Ordinal, ref hidden);
            }
        }

        return hidden is null ? text : Replace(text, hidden);
    }

    /// <summary>Adds every token of a creator's authorisation that the call read or received.</summary>
    public void Add(IConnectorTokens tokens)
    {
        foreach (var token in tokens.Secrets)
        {
            Add(token);
        }
    }

    /// <summary>Adds a secret: a token the call read or received.</summary>
    public void Add(string secret)
    {
        if (string.IsNullOrEmpty(secret) || !_secrets.Add(secret))
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(secret);
        foreach (var form in new[] { secret, Middle(secret) })
        {
            if (form.Length > 0)
            {
                _decodedForms.Add(form);
                if (form.Contains(' ', StringComparison.Ordinal))
                {
                    _decodedForms.Add(form.Replace(' ', '+'));
                }
            }
        }

        _decodedForms.Add(Convert.ToHexString(bytes));

        // Within a longer base64 text a secret starts at one of three alignments; the characters that only its own
        // bits make are the same whatever surrounds it.
        for (var offset = 0; offset < 3; offset++)
        {
            var aligned = new byte[offset + bytes.Length];
            bytes.CopyTo(aligned, offset);
            var encoded = Convert.ToBase64String(aligned);
            var first = ((8 * offset) + 5) / 6;
            var end = 8 * (offset + bytes.Length) / 6;
            if (end - first >= MinBase64Run)
            {
                var core = encoded[first..end];
                _base64Forms.Add(core);
                var urlSafe = core.Replace('+', '-').Replace('/', '_');
                if (urlSafe != core)
                {
                    _base64Forms.Add(urlSafe);
                }
            }
        }
    }

    // An escape that starts just before a secret, or ends just after it, takes a character or more of it when undone
    // ("%0" before "6pT…"); what is left of the secret without them is a secret still.
    private static string Middle(string secret) =>
        secret.Length - (2 * MaxSwallowed) >= MinMiddle ? secret[MaxSwallowed..^MaxSwallowed] : "";

    private static void Hide(Decoded decoded, string form, StringComparison comparison, ref bool[]? hidden)
    {
        for (var at = decoded.Text.IndexOf(form, comparison); at >= 0; at = decoded.Text.IndexOf(form, at + 1, comparison))
        {
            hidden ??= new bool[decoded.Original.Length];
            Array.Fill(hidden, true, decoded.Start(at), decoded.End(at + form.Length - 1) - decoded.Start(at));
        }
    }

    private static string Replace(string text, bool[] hidden)
    {
        var redacted = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!hidden[i])
            {
                redacted.Append(text[i]);
            }
            else if (i == 0 || !hidden[i - 1])
            {
                redacted.Append(Redacted);
            }
        }

        return redacted.ToString();
    }

    /// <summary>
    /// A text with its percent-escapes and JSON escapes undone some number of times, and for each of its characters
    /// the span of the original text it came from.
    /// </summary>
    private sealed class Decoded
    {
        private readonly int[]? _starts;
        private readonly int[]? _ends;

        private Decoded(string original, string text, int[]? starts, int[]? ends)
        {
            Original = original;
            Text = text;
            _starts = starts;
            _ends = ends;
        }

        public string Original { get; }

        public string Text { get; }

        public int Start(int index) => _starts?[index] ?? index;

        public int End(int index) => _ends?[index] ?? index + 1;

        /// <summary>
        /// The text as it is, then undone once, twice, until nothing is left to undo: each layer is searched, since
        /// undoing an escape next to a secret can also swallow a character of it.
        /// </summary>
        public static IEnumerable<Decoded> Layers(string original)
        {
            var decoded = new Decoded(original, original, null, null);
            yield return decoded;
            for (var pass = 0; pass < MaxDecodingPasses && decoded.Text.AsSpan().IndexOfAny('%', '\\') >= 0; pass++)
            {
                var next = decoded.Once();
                if (next.Text.Length == decoded.Text.Length)
                {
                    yield break;
                }

                decoded = next;
                yield return decoded;
            }
        }

        private Decoded Once()
        {
            var text = new StringBuilder(Text.Length);
            var starts = new List<int>(Text.Length);
            var ends = new List<int>(Text.Length);
            for (var i = 0; i < Text.Length;)
            {
                // A character of several UTF-8 bytes spans all their escapes.
                var length = EscapedLength(i, out var decoded);
                foreach (var character in decoded)
                {
                    text.Append(character);
                    starts.Add(Start(i));
                    ends.Add(End(i + length - 1));
                }

                i += length;
            }

            return new Decoded(Original, text.ToString(), [.. starts], [.. ends]);
        }

        // A percent-escaped character, of one to four UTF-8 bytes; a byte that is not part of a valid character
        // stays as it is, as a URL decoder leaves it.
        private int PercentEscapedLength(int i, out string decoded)
        {
            decoded = "";
            if (PercentByte(i) is not { } lead)
            {
                return 0;
            }

            var count = lead switch { < 0x80 => 1, >= 0xC2 and <= 0xDF => 2, >= 0xE0 and <= 0xEF => 3, >= 0xF0 and <= 0xF4 => 4, _ => 0 };
            var bytes = new byte[count];
            for (var k = 0; k < count; k++)
            {
                if (PercentByte(i + (3 * k)) is not { } next)
                {
                    return 0;
                }

                bytes[k] = next;
            }

            try
            {
                decoded = StrictUtf8.GetString(bytes);
                return 3 * count;
            }
            catch (DecoderFallbackException)
            {
                return 0;
            }
        }

        private byte? PercentByte(int i) =>
            i + 2 < Text.Length && Text[i] == '%' && byte.TryParse(Text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
                ? value
                : null;

        // A percent-escape, or JSON's \uXXXX, \", \\ or \/; any other character stands for itself.
        private int EscapedLength(int i, out string decoded)
        {
            if (PercentEscapedLength(i, out decoded) is var percent and > 0)
            {
                return percent;
            }

            if (Text[i] == '\\' && i + 5 < Text.Length && Text[i + 1] == 'u'
                && ushort.TryParse(Text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                decoded = ((char)code).ToString();
                return 6;
            }

            if (Text[i] == '\\' && i + 1 < Text.Length && Text[i + 1] is '"' or '\\' or '/')
            {
                decoded = Text[i + 1].ToString();
                return 2;
            }

            decoded = Text[i].ToString();
            return 1;
        }
    }
}
