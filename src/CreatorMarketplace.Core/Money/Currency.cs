using System.Diagnostics.CodeAnalysis;
using Ardalis.SmartEnum;

namespace CreatorMarketplace;

/// <summary>
/// A currency of ISO 4217 (list one, the currencies in use), with the number of digits of its minor unit.
/// The smart-enum name is the alphabetic code (<c>"USD"</c>) and the value the numeric code (840).
/// </summary>
/// <remarks>
/// The list is data: <see cref="SmartEnum{TEnum, TValue}.List"/> holds every active code. A few codes
/// (precious metals, bond-market units, the testing code) have no minor unit in ISO 4217: they are listed so
/// that a code read from the outside is always recognised, but <see cref="Money"/> refuses them because an
/// amount of them has no exact minor unit to count.
/// </remarks>
public sealed partial class Currency : SmartEnum<Currency, int>
{
    private readonly int? _minorUnits;

    private Currency(string code, int numericCode, int? minorUnits, string englishName)
        : base(code, numericCode)
    {
        _minorUnits = minorUnits;
        EnglishName = englishName;
    }

    /// <summary>The ISO 4217 alphabetic code, for example <c>"USD"</c>.</summary>
    public string Code => Name;

    /// <summary>The ISO 4217 numeric code, for example 840 for USD.</summary>
    public int NumericCode => Value;

    /// <summary>The currency's English name as ISO 4217 gives it.</summary>
    public string EnglishName { get; }

    /// <summary>
    /// Whether ISO 4217 defines a minor unit for this currency (false for "N.A." codes such as XAU);
    /// only currencies with a minor unit can be held in <see cref="Money"/>.
    /// </summary>
    public bool HasMinorUnit => _minorUnits.HasValue;

    /// <summary>
    /// The number of decimal digits of the minor unit: 2 for USD (cents), 0 for JPY, 3 for KWD.
    /// </summary>
    /// <exception cref="InvalidOperationException">The currency has no minor unit in ISO 4217 (see <see cref="HasMinorUnit"/>).</exception>
    public int MinorUnits => _minorUnits
        ?? throw new InvalidOperationException($"Currency {Code} has no minor unit in ISO 4217 (N.A.), so it has no minor-unit digits.");

    /// <summary>Finds a currency by its alphabetic code, ignoring case.</summary>
    /// <param name="code">An ISO 4217 alphabetic code such as <c>"EUR"</c>.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not an active ISO 4217 code.</exception>
    public static Currency FromCode(string code) => IsoCode<Currency, int>.From(code, 3, "an active ISO 4217 currency code", nameof(code), "currency.unknown_code");

    /// <summary>Finds a currency by its alphabetic code, ignoring case.</summary>
    /// <param name="code">An ISO 4217 alphabetic code such as <c>"EUR"</c>.</param>
    /// <param name="currency">The currency when found.</param>
    /// <returns>Whether <paramref name="code"/> is an active ISO 4217 code.</returns>
    public static bool TryFromCode(string? code, [NotNullWhen(true)] out Currency? currency) => IsoCode<Currency, int>.TryFrom(code, 3, out currency);

    /// <summary>Returns the alphabetic code.</summary>
    /// <returns>The alphabetic code, for example <c>"USD"</c>.</returns>
    public override string ToString() => Code;
}
