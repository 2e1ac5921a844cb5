namespace CreatorMarketplace;

/// <summary>
/// An exact amount of money: a whole number of minor units (cents, yen, fils) of one ISO 4217
/// <see cref="CreatorMarketplace.Currency"/>.
/// </summary>
/// <remarks>
/// <para>
/// Amounts never lose a minor unit: they are integers, arithmetic is checked (an overflow throws
/// <see cref="OverflowException"/> and never wraps), a product with a rate is rounded only by a
/// <see cref="MidpointRounding"/> mode the caller names, and <see cref="Allocate(decimal[])"/> and
/// <see cref="Split(int)"/> return parts that add up exactly to the whole.
/// </para>
/// <para>
/// Amounts of different currencies never mix: adding, subtracting or comparing them throws
/// <see cref="CurrencyMismatchException"/>. <c>default(Money)</c> has no currency and is not a usable amount;
/// create amounts with <see cref="Of(decimal, CreatorMarketplace.Currency)"/>,
/// <see cref="FromMinorUnits(long, CreatorMarketplace.Currency)"/>, <see cref="Zero"/> or <see cref="Parse(string)"/>.
/// </para>
/// </remarks>
public readonly partial struct Money : IEquatable<Money>, IComparable<Money>, IComparable
{
    private readonly Currency? _currency;

    private Money(long minorUnits, Currency currency)
    {
        MinorUnits = minorUnits;
        _currency = currency;
    }

    /// <summary>The amount as a whole number of minor units, for example 1234 for USD 12.34.</summary>
    public long MinorUnits { get; }

    /// <summary>The currency of the amount.</summary>
    /// <exception cref="InvalidOperationException">This is <c>default(Money)</c>, which has no currency.</exception>
    public Currency Currency => _currency
        ?? throw new InvalidOperationException("default(Money) has no currency; create amounts with Money.Of, Money.FromMinorUnits, Money.Zero or Money.Parse.");

    /// <summary>The amount in major units as an exact decimal, for example 12.34m for USD 12.34.</summary>
    public decimal Amount => MinorUnits / Pow10(Currency.MinorUnits);

    /// <summary>Whether the amount is zero.</summary>
    public bool IsZero => MinorUnits == 0;

    // default(Money) has no currency; validation reports it instead of letting Currency throw.
    internal bool IsDefault => _currency is null;

    /// <summary>Whether the amount is below zero.</summary>
    public bool IsNegative => MinorUnits < 0;

    /// <summary>Whether the amount is above zero.</summary>
    public bool IsPositive => MinorUnits > 0;

    /// <summary>Creates an amount from a whole number of minor units.</summary>
    /// <param name="minorUnits">The number of minor units, for example 1234 for USD 12.34.</param>
    /// <param name="currency">The currency.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="currency"/> has no minor unit in ISO 4217.</exception>
    public static Money FromMinorUnits(long minorUnits, Currency currency) => new(minorUnits, RequireMonetary(currency));

    /// <summary>Creates an amount from a decimal number of major units.</summary>
    /// <param name="amount">The amount, for example 12.34m; it may not have more decimal digits than the currency's minor unit.</param>
    /// <param name="currency">The currency.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="amount"/> has more decimal digits than <paramref name="currency"/> allows (12.345 USD), or
    /// <paramref name="currency"/> has no minor unit.
    /// </exception>
    /// <exception cref="OverflowException">The amount does not fit in 64-bit minor units.</exception>
    public static Money Of(decimal amount, Currency currency)
    {
        RequireMonetary(currency);
        var scaled = amount * Pow10(currency.MinorUnits);
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentException(
                $"{currency.Code} allows at most {currency.MinorUnits} decimal digit(s); {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} has more.",
                nameof(amount));
        }

        return new Money(decimal.ToInt64(scaled), currency);
    }

    /// <summary>The zero amount of a currency.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>Zero of <paramref name="currency"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="currency"/> has no minor unit in ISO 4217.</exception>
    public static Money Zero(Currency currency) => new(0, RequireMonetary(currency));

    /// <summary>Whether this amount and <paramref name="other"/> are the same number of minor units of the same currency.</summary>
    /// <param name="other">The other amount.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(Money other) => MinorUnits == other.MinorUnits && ReferenceEquals(_currency, other._currency);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(MinorUnits, _currency?.Value);

    /// <summary>Compares two amounts of the same currency.</summary>
    /// <param name="other">An amount of the same currency.</param>
    /// <returns>Negative, zero or positive as this amount is less than, equal to or greater than <paramref name="other"/>.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public int CompareTo(Money other)
    {
        RequireSameCurrency(other, nameof(other));
        return MinorUnits.CompareTo(other.MinorUnits);
    }

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        Money other => CompareTo(other),
        _ => throw new ArgumentException($"Expected a {nameof(Money)}, got {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Whether two amounts are equal (same currency and minor units).</summary>
    /// <param name="left">The left amount.</param>
    /// <param name="right">The right amount.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(Money left, Money right) => left.Equals(right);

    /// <summary>Whether two amounts differ in currency or minor units.</summary>
    /// <param name="left">The left amount.</param>
    /// <param name="right">The right amount.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> is less than <paramref name="right"/>.</summary>
    /// <param name="left">The left amount.</param>
    /// <param name="right">An amount of the same currency.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is less than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The left amount.</param>
    /// <param name="right">An amount of the same currency.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is greater than <paramref name="right"/>.</summary>
    /// <param name="left">The left amount.</param>
    /// <param name="right">An amount of the same currency.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is greater than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The left amount.</param>
    /// <param name="right">An amount of the same currency.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    private static Currency RequireMonetary(Currency currency, string paramName = "currency")
    {
        ArgumentNullException.ThrowIfNull(currency, paramName);
        if (!currency.HasMinorUnit)
        {
            throw new ArgumentException(
                $"{currency.Code} has no minor unit in ISO 4217 (N.A.), so an amount of it cannot be counted exactly.",
                paramName);
        }

        return currency;
    }

    private void RequireSameCurrency(Money other, string paramName)
    {
        if (!ReferenceEquals(Currency, other.Currency))
        {
            throw new CurrencyMismatchException(Currency, other.Currency, paramName);
        }
    }

    private static decimal Pow10(int digits) => digits switch
    {
        0 => 1m,
        1 => 10m,
        2 => 100m,
        3 => 1000m,
        4 => 10000m,
        _ => throw new ArgumentOutOfRangeException(nameof(digits), digits, "ISO 4217 minor units have at most 4 digits."),
    };
}
