using System.Diagnostics.CodeAnalysis;

namespace CreatorMarketplace;

/// <summary>
/// A state, province or other principal subdivision of a country, by its ISO 3166-2 code (<c>"US-CA"</c>,
/// <c>"CA-ON"</c>): the country's alpha-2 code, a hyphen and one to three letters or digits.
/// </summary>
/// <remarks>The shape of the code is checked and the country must exist; whether the country really has that
/// subdivision is not, so that newly created subdivisions need no library release.</remarks>
public readonly record struct Subdivision
{
    private Subdivision(Country country, string code)
    {
        Country = country;
        Code = code;
    }

    /// <summary>The country the subdivision belongs to.</summary>
    public Country Country { get; }

    /// <summary>The full ISO 3166-2 code, for example <c>"US-CA"</c>.</summary>
    public string Code { get; }

    /// <summary>The part after the hyphen, for example <c>"CA"</c>.</summary>
    public string LocalCode => Code[3..];

    /// <summary>Creates a subdivision of a country from its local code.</summary>
    /// <param name="country">The country.</param>
    /// <param name="localCode">One to three ASCII letters or digits, for example <c>"CA"</c> for California.</param>
    /// <returns>The subdivision.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="localCode"/> is not one to three letters or digits.</exception>
    public static Subdivision Of(Country country, string localCode)
    {
        ArgumentNullException.ThrowIfNull(country);
        ArgumentNullException.ThrowIfNull(localCode);
        if (!IsLocalCode(localCode))
        {
            throw DomainValidationException.Of(nameof(localCode), "subdivision.code_invalid", $"an ISO 3166-2 subdivision code has 1 to 3 ASCII letters or digits after the hyphen, got {ErrorText.Quote(localCode)}.");
        }

        return new Subdivision(country, $"{country.Code}-{localCode.ToUpperInvariant()}");
    }

    /// <summary>Reads a full ISO 3166-2 code such as <c>"US-CA"</c>.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The subdivision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    /// <exception cref="FormatException">The code is not of that shape or names an unknown country.</exception>
    public static Subdivision Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return TryParse(code, out var subdivision)
            ? subdivision
            : throw new FormatException($"{ErrorText.Quote(code)} is not an ISO 3166-2 subdivision code: expected a country's alpha-2 code, a hyphen and 1 to 3 letters or digits, as in 'US-CA'.");
    }

    /// <summary>Reads a full ISO 3166-2 code such as <c>"US-CA"</c>.</summary>
    /// <param name="code">The code.</param>
    /// <param name="subdivision">The subdivision when valid.</param>
    /// <returns>Whether the code is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? code, out Subdivision subdivision)
    {
        subdivision = default;
        if (code is not { Length: >= 4 and <= 6 } || code[2] != '-' || !IsLocalCode(code[3..])
            || !Country.TryFromCode(code[..2], out var country))
        {
            return false;
        }

        subdivision = new Subdivision(country, $"{country.Code}-{code[3..].ToUpperInvariant()}");
        return true;
    }

    /// <summary>Returns the full code.</summary>
    /// <returns>The code, for example <c>"US-CA"</c>.</returns>
    public override string ToString() => Code ?? string.Empty;

    private static bool IsLocalCode(string localCode) =>
        localCode.Length is >= 1 and <= 3 && localCode.All(char.IsAsciiLetterOrDigit);
}
