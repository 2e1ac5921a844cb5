using System.Diagnostics.CodeAnalysis;
using Ardalis.SmartEnum;

namespace CreatorMarketplace;

/// <summary>
/// A country or territory of ISO 3166-1, named by its alpha-2 code (<c>"US"</c>); the smart-enum value is the
/// numeric code (840). Every officially assigned code is listed.
/// </summary>
public sealed partial class Country : SmartEnum<Country, int>
{
    private Country(string alpha2, string alpha3, int numericCode, string englishName)
        : base(alpha2, numericCode)
    {
        Alpha3 = alpha3;
        EnglishName = englishName;
    }

    /// <summary>The ISO 3166-1 alpha-2 code, for example <c>"US"</c>; the code the platforms use.</summary>
    public string Code => Name;

    /// <summary>The ISO 3166-1 alpha-3 code, for example <c>"USA"</c>.</summary>
    public string Alpha3 { get; }

    /// <summary>The ISO 3166-1 numeric code, for example 840.</summary>
    public int NumericCode => Value;

    /// <summary>The English short name as ISO 3166-1 gives it.</summary>
    public string EnglishName { get; }

    /// <summary>Finds a country by its alpha-2 code, ignoring case.</summary>
    /// <param name="code">An ISO 3166-1 alpha-2 code such as <c>"KR"</c>.</param>
    /// <returns>The country.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not an assigned ISO 3166-1 alpha-2 code.</exception>
    public static Country FromCode(string code) => IsoCode<Country, int>.From(code, 2, "an assigned ISO 3166-1 alpha-2 country code", nameof(code), "country.unknown_code");

    /// <summary>Finds a country by its alpha-2 code, ignoring case.</summary>
    /// <param name="code">An ISO 3166-1 alpha-2 code such as <c>"KR"</c>.</param>
    /// <param name="country">The country when found.</param>
    /// <returns>Whether <paramref name="code"/> is an assigned alpha-2 code.</returns>
    public static bool TryFromCode(string? code, [NotNullWhen(true)] out Country? country) => IsoCode<Country, int>.TryFrom(code, 2, out country);

    /// <summary>Returns the alpha-2 code.</summary>
    /// <returns>The alpha-2 code, for example <c>"US"</c>.</returns>
    public override string ToString() => Code;
}
