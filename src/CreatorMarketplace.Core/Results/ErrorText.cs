using System.Globalization;
using System.Text;

namespace CreatorMarketplace;

/// <summary>
/// How an error message shows the value it refuses: quoted, control characters escaped, and cut to a short prefix
/// with the length of the whole, so that a hostile value of megabytes never makes a message of megabytes and no
/// control character reaches a log through a message. Every message of the library that quotes a caller's value
/// does it through <see cref="Quote"/>; <see cref="DomainError"/> bounds its whole message with <see cref="Bound"/>.
/// </summary>
public static class ErrorText
{
    /// <summary>The most characters of a refused value a message quotes.</summary>
    public const int QuotedLength = 64;

    /// <summary>The most characters of a message.</summary>
    public const int MessageLength = 4096;

    /// <summary>
    /// A value as a message quotes it: in single quotes, control characters escaped (<c>\u0000</c>), at most
    /// <see cref="QuotedLength"/> characters of it followed by its length when longer.
    /// </summary>
    /// <param name="value">The value; null is shown as <c>null</c>.</param>
    /// <returns>The quoted value, for example <c>'abc'</c> or <c>'aaaa… (52428800 characters)'</c>.</returns>
    public static string Quote(string? value) => value is null ? "null" : $"'{Bound(value, QuotedLength)}'";

    /// <summary>
    /// The text with control characters escaped (<c>\u0000</c>) and, when longer than <paramref name="length"/>, cut
    /// to its first characters (never half a surrogate pair) followed by the length of the whole.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="length">The most characters kept; <see cref="MessageLength"/> unless given.</param>
    /// <returns>The text, bounded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static string Bound(string text, int length = MessageLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!IsUnbounded(text, length))
        {
            return text;
        }

        var shown = text.Length > length ? text[..length] : text;
        if (shown.Length > 0 && char.IsHighSurrogate(shown[^1]))
        {
            shown = shown[..^1];
        }

        var bounded = new StringBuilder(shown.Length + 40);
        foreach (var c in shown)
        {
            _ = char.IsControl(c) ? bounded.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : bounded.Append(c);
        }

        return text.Length > length ? bounded.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters)").ToString() : bounded.ToString();
    }

    /// <summary>Whether <see cref="Bound"/> would change the text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="length">The most characters kept.</param>
    /// <returns>True when the text is longer or holds a control character.</returns>
    public static bool IsUnbounded(string text, int length = MessageLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > length || text.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') >= 0;
    }
}
