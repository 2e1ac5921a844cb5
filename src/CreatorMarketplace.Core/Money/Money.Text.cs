using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CreatorMarketplace;

public readonly partial struct Money : IParsable<Money>
{
    /// <summary>
    /// Formats the amount with the invariant culture as the currency code, one space and the amount with exactly
    /// the currency's minor-unit digits: <c>"USD 12.34"</c>, <c>"JPY 1200"</c>, <c>"KWD -0.005"</c>.
    /// <see cref="Parse(string)"/> reads this form back to the same value.
    /// </summary>
    /// <returns>The formatted amount.</returns>
    public override string ToString()
    {
        if (_currency is null)
        {
            return "(no currency)";
        }

        var digits = _currency.MinorUnits;
        var magnitude = MinorUnits == long.MinValue
            ? ((ulong)long.MaxValue + 1).ToString(CultureInfo.InvariantCulture)
            : Math.Abs(MinorUnits).ToString(CultureInfo.InvariantCulture);
        var sign = MinorUnits < 0 ? "-" : string.Empty;
        if (digits == 0)
        {
            return $"{_currency.Code} {sign}{magnitude}";
        }

        magnitude = magnitude.PadLeft(digits + 1, '0');
        return $"{_currency.Code} {sign}{magnitude[..^digits]}.{magnitude[^digits..]}";
    }

    /// <summary>
    /// Reads an amount written as an ISO 4217 code, one space and an invariant-culture number (<c>"USD 12.34"</c>,
    /// <c>"JPY 1200"</c>, <c>"EUR -5.5"</c>). The number may have fewer decimal digits than the currency's minor
    /// unit but never more.
    /// </summary>
    /// <param name="text">The text to read.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not of that form, names an unknown currency, or has more decimal digits than the currency allows.</exception>
    /// <exception cref="OverflowException">The amount does not fit in 64-bit minor units.</exception>
    public static Money Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseCore(text, out var money, out var error, out var overflow)
            ? money
            : throw (overflow ? new OverflowException(error) : new FormatException(error));
    }

    /// <summary>Reads an amount written as <c>"USD 12.34"</c>; see <see cref="Parse(string)"/> for the form.</summary>
    /// <param name="text">The text to read.</param>
    /// <param name="money">The amount when the text is valid.</param>
    /// <returns>Whether the text is a valid amount.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out Money money)
    {
        if (text is null)
        {
            money = default;
            return false;
        }

        return TryParseCore(text, out money, out _, out _);
    }

    /// <inheritdoc cref="Parse(string)" />
    /// <param name="s">The text to read.</param>
    /// <param name="provider">Ignored: amounts are always read with the invariant culture.</param>
    static Money IParsable<Money>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc cref="TryParse(string?, out Money)" />
    /// <param name="s">The text to read.</param>
    /// <param name="provider">Ignored: amounts are always read with the invariant culture.</param>
    /// <param name="result">The amount when the text is valid.</param>
    static bool IParsable<Money>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Money result) =>
        TryParse(s, out result);

    private static bool TryParseCore(string text, out Money money, out string error, out bool overflow)
    {
        money = default;
        overflow = false;
        var span = text.AsSpan();
        if (span.Length < 5 || span[3] != ' ')
        {
            error = $"{ErrorText.Quote(text)} is not an amount: expected an ISO 4217 code, one space and a number, as in 'USD 12.34'.";
            return false;
        }

        var code = text[..3];
        if (!IsUpperAscii(code) || !Currency.TryFromCode(code, out var currency))
        {
            error = $"{ErrorText.Quote(text)}: {ErrorText.Quote(code)} is not an active ISO 4217 currency code in upper case.";
            return false;
        }

        if (!currency.HasMinorUnit)
        {
            error = $"{ErrorText.Quote(text)}: {code} has no minor unit in ISO 4217 (N.A.), so an amount of it cannot be counted exactly.";
            return false;
        }

        var number = span[4..];
        var negative = number[0] == '-';
        if (negative)
        {
            number = number[1..];
        }

        var point = number.IndexOf('.');
        var whole = point < 0 ? number : number[..point];
        var fraction = point < 0 ? ReadOnlySpan<char>.Empty : number[(point + 1)..];
        if (whole.IsEmpty || (point >= 0 && fraction.IsEmpty) || !IsDigits(whole) || !IsDigits(fraction))
        {
            error = $"{ErrorText.Quote(text)} is not an amount: the number must be digits with an optional '-' and '.', as in 'USD -12.34'.";
            return false;
        }

        var digits = currency.MinorUnits;
        if (fraction.Length > digits)
        {
            error = $"{ErrorText.Quote(text)}: {code} allows at most {digits} decimal digit(s), got {fraction.Length}.";
            return false;
        }

        // Accumulate negatively: the negative range of long is one wider, so long.MinValue round-trips.
        long minor = 0;
        try
        {
            foreach (var c in whole)
            {
                minor = checked((minor * 10) - (c - '0'));
            }

            for (var i = 0; i < digits; i++)
            {
                minor = checked((minor * 10) - (i < fraction.Length ? fraction[i] - '0' : 0));
            }

            if (!negative)
            {
                minor = checked(-minor);
            }
        }
        catch (OverflowException)
        {
            error = $"{ErrorText.Quote(text)}: the amount does not fit in 64-bit minor units of {code}.";
            overflow = true;
            return false;
        }

        money = new Money(minor, currency);
        error = string.Empty;
        return true;
    }

    private static bool IsUpperAscii(string code) => code.All(char.IsAsciiLetterUpper);

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
