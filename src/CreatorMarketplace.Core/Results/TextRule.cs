using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace CreatorMarketplace;

/// <summary>
/// What text the marketplace keeps: well-formed UTF-16 (no surrogate without its pair) and no NUL (U+0000), which
/// no store keeps as it was given; a <see cref="SingleLine"/> value (a name, a handle, a key, a tag) holds no other
/// C0 control character either, and <see cref="MultiLine"/> text (a bio, a message, a note) only tab, line feed
/// and carriage return among them. Every free text that enters an aggregate or a value goes through one of the
/// two, so that every store keeps exactly what the domain accepted and nothing is altered on the way.
/// </summary>
public sealed class TextRule
{
    private readonly bool _allowsLineBreaks;

    private TextRule(bool allowsLineBreaks) => _allowsLineBreaks = allowsLineBreaks;

    /// <summary>One line: well-formed, with no C0 control character (U+0000 to U+001F) at all.</summary>
    public static TextRule SingleLine { get; } = new(allowsLineBreaks: false);

    /// <summary>Free text: well-formed, with no C0 control character but tab, line feed and carriage return.</summary>
    public static TextRule MultiLine { get; } = new(allowsLineBreaks: true);

    /// <summary>Whether the rule keeps the text as it is.</summary>
    /// <param name="text">The text.</param>
    /// <returns>True when the text breaks no part of the rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public bool Allows(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FaultIn(text) is null;
    }

    /// <summary>
    /// The first problem of a text under this rule, naming the rule and the position of the offending character
    /// (counted in UTF-16 code units from 0) without repeating the text.
    /// </summary>
    /// <param name="text">The text; null passes (whether a value may be missing is the caller's rule).</param>
    /// <param name="field">The field the text is in.</param>
    /// <returns>The problem, or null when the text is kept as it is.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    public DomainError? Check(string? text, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return text is null ? null : FaultIn(text) is { } fault ? new DomainError(field, fault.Code, fault.Message) : null;
    }

    /// <summary>The text itself, or an exception when it breaks this rule: for the types whose arguments are checked with exceptions.</summary>
    /// <param name="text">The text; null passes.</param>
    /// <param name="paramName">The argument that holds the text.</param>
    /// <param name="field">The path of the text inside the argument (<c>"post.PostId"</c>); the argument itself when null.</param>
    /// <returns><paramref name="text"/>, unchanged.</returns>
    /// <exception cref="DomainValidationException">
    /// The text breaks the rule; the exception names <paramref name="paramName"/>, its error <paramref name="field"/>.
    /// </exception>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Require(string? text, string paramName, string? field = null) =>
        Check(text, field ?? paramName) is { } error ? throw new DomainValidationException([error], paramName) : text;

    /// <summary>The text itself, or an exception when it is null, blank or breaks this rule: for arguments that must hold some text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="paramName">The argument that holds the text; the caller's expression by default.</param>
    /// <returns><paramref name="text"/>, unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is empty or white space.</exception>
    /// <exception cref="DomainValidationException">The text breaks the rule.</exception>
    internal string RequireNonBlank([NotNull] string? text, [CallerArgumentExpression(nameof(text))] string paramName = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text, paramName);
        return Require(text, paramName);
    }

    private (string Code, string Message)? FaultIn(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return ("text.unpaired_surrogate", $"holds an unpaired surrogate {Code(c)} at position {i}; text must be well-formed UTF-16.");
            }
            else if (c == '\0')
            {
                return ("text.nul", $"holds U+0000 (NUL) at position {i}; text never holds NUL.");
            }
            else if (c < ' ' && !(_allowsLineBreaks && c is '\t' or '\n' or '\r'))
            {
                return ("text.control_character", _allowsLineBreaks
                    ? $"holds the control character {Code(c)} at position {i}; text holds no control character but tab, line feed and carriage return."
                    : $"holds the control character {Code(c)} at position {i}; a single-line value holds no control character.");
            }
        }

        return null;
    }

    private static string Code(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
