using System.Diagnostics.CodeAnalysis;
using Ardalis.SmartEnum;

namespace CreatorMarketplace;

/// <summary>
/// A language of ISO 639-1, named by its two-letter code (<c>"en"</c>). Every ISO 639-1 code is listed.
/// </summary>
/// <remarks>
/// The static members carry English names (<see cref="English"/>, <see cref="Korean"/>) rather than codes,
/// because several codes (<c>as</c>, <c>is</c>) are C# keywords.
/// </remarks>
public sealed partial class Language : SmartEnum<Language, string>
{
    private Language(string code, string englishName)
        : base(code, code)
    {
        EnglishName = englishName;
    }

    /// <summary>The ISO 639-1 code in lower case, for example <c>"en"</c>.</summary>
    public string Code => Name;

    /// <summary>The English name of the language as ISO 639 gives it.</summary>
    public string EnglishName { get; }

    /// <summary>Finds a language by its ISO 639-1 code, ignoring case.</summary>
    /// <param name="code">A two-letter code such as <c>"ko"</c>.</param>
    /// <returns>The language.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not an ISO 639-1 code.</exception>
    public static Language FromCode(string code) => IsoCode<Language, string>.From(code, 2, "an ISO 639-1 language code", nameof(code), "language.unknown_code");

    /// <summary>Finds a language by its ISO 639-1 code, ignoring case.</summary>
    /// <param name="code">A two-letter code such as <c>"ko"</c>.</param>
    /// <param name="language">The language when found.</param>
    /// <returns>Whether <paramref name="code"/> is an ISO 639-1 code.</returns>
    public static bool TryFromCode(string? code, [NotNullWhen(true)] out Language? language) => IsoCode<Language, string>.TryFrom(code, 2, out language);

    /// <summary>Returns the ISO 639-1 code.</summary>
    /// <returns>The code, for example <c>"en"</c>.</returns>
    public override string ToString() => Code;
}
