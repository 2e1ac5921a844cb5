using System.Numerics;

namespace CreatorMarketplace;

public readonly partial struct Money
{
    /// <summary>Adds an amount of the same currency.</summary>
    /// <param name="other">An amount of the same currency.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="OverflowException">The sum does not fit in 64-bit minor units.</exception>
    public Money Add(Money other)
    {
        RequireSameCurrency(other, nameof(other));
        return new Money(checked(MinorUnits + other.MinorUnits), Currency);
    }

    /// <summary>Subtracts an amount of the same currency.</summary>
    /// <param name="other">An amount of the same currency.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="OverflowException">The difference does not fit in 64-bit minor units.</exception>
    public Money Subtract(Money other)
    {
        RequireSameCurrency(other, nameof(other));
        return new Money(checked(MinorUnits - other.MinorUnits), Currency);
    }

    /// <summary>The amount with its sign reversed.</summary>
    /// <returns>The negated amount.</returns>
    /// <exception cref="OverflowException">The amount is the most negative 64-bit value.</exception>
    public Money Negate() => new(checked(-MinorUnits), Currency);

    /// <summary>The amount without its sign.</summary>
    /// <returns>The absolute amount.</returns>
    /// <exception cref="OverflowException">The amount is the most negative 64-bit value.</exception>
    public Money Abs() => MinorUnits < 0 ? Negate() : this;

    /// <summary>
    /// Multiplies by a decimal rate (a fee of 2.9% is 0.029m, a currency conversion the exchange rate) and rounds
    /// the exact product to a whole minor unit with the rounding the caller names.
    /// </summary>
    /// <param name="rate">The factor.</param>
    /// <param name="rounding">
    /// How to round a product that falls between two minor units: <see cref="MidpointRounding.ToEven"/> (banker's),
    /// <see cref="MidpointRounding.AwayFromZero"/> (commercial), or a directed mode such as
    /// <see cref="MidpointRounding.ToZero"/> or <see cref="MidpointRounding.ToPositiveInfinity"/>.
    /// </param>
    /// <returns>The rounded product, in the same currency.</returns>
    /// <exception cref="ArgumentException"><paramref name="rounding"/> is not a defined mode.</exception>
    /// <exception cref="OverflowException">The product does not fit in 64-bit minor units.</exception>
    public Money Multiply(decimal rate, MidpointRounding rounding)
    {
        if (!Enum.IsDefined(rounding))
        {
            throw new ArgumentException($"Rounding mode {(int)rounding} is not a defined MidpointRounding value.", nameof(rounding));
        }

        var product = Math.Round(MinorUnits * rate, 0, rounding);
        return new Money(decimal.ToInt64(product), Currency);
    }

    /// <summary>
    /// Divides the amount in proportion to <paramref name="ratios"/> by the largest-remainder method: every part is
    /// its exact share rounded down, then the minor units left over go one each to the parts with the largest
    /// remainders (the earliest part wins a tie). The parts add up exactly to this amount, each lies within one
    /// minor unit of its exact share, and the result is the same on every run.
    /// </summary>
    /// <param name="ratios">One non-negative ratio per part, at least one of them above zero; a zero ratio gets zero.</param>
    /// <returns>One part per ratio, in the same order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratios"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="ratios"/> is empty, has a negative ratio, or has no ratio above zero.</exception>
    public IReadOnlyList<Money> Allocate(params decimal[] ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        return Allocate((IEnumerable<decimal>)ratios);
    }

    /// <inheritdoc cref="Allocate(decimal[])" />
    public IReadOnlyList<Money> Allocate(IEnumerable<decimal> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        var currency = Currency;
        var given = ratios.ToArray();
        if (given.Length == 0)
        {
            throw new ArgumentException("ratios: at least one ratio is required.", nameof(ratios));
        }

        // Ratios become exact integers on one common scale, so every share is computed without rounding.
        var scale = 0;
        for (var i = 0; i < given.Length; i++)
        {
            if (given[i] < 0)
            {
                throw new ArgumentException($"ratios[{i}]: a ratio may not be negative, got {given[i]}.", nameof(ratios));
            }

            scale = Math.Max(scale, given[i].Scale);
        }

        var weights = new BigInteger[given.Length];
        var totalWeight = BigInteger.Zero;
        for (var i = 0; i < given.Length; i++)
        {
            weights[i] = Mantissa(given[i]) * BigInteger.Pow(10, scale - given[i].Scale);
            totalWeight += weights[i];
        }

        if (totalWeight.IsZero)
        {
            throw new ArgumentException("ratios: at least one ratio must be above zero.", nameof(ratios));
        }

        return AllocateByWeights(weights, totalWeight, currency);
    }

    /// <summary>
    /// Divides the amount into <paramref name="parts"/> equal parts by the largest-remainder method: the first
    /// <c>|amount| mod parts</c> parts carry one minor unit more than the rest, so the parts add up exactly.
    /// </summary>
    /// <param name="parts">The number of parts, at least 1.</param>
    /// <returns>The parts, largest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> is below 1.</exception>
    public IReadOnlyList<Money> Split(int parts)
    {
        if (parts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parts), parts, "parts: a split needs at least 1 part.");
        }

        var weights = new BigInteger[parts];
        Array.Fill(weights, BigInteger.One);
        return AllocateByWeights(weights, parts, Currency);
    }

    private IReadOnlyList<Money> AllocateByWeights(BigInteger[] weights, BigInteger totalWeight, Currency currency)
    {
        // Work on the magnitude so that a negative amount splits as the mirror image of the positive one.
        var sign = Math.Sign(MinorUnits);
        var magnitude = BigInteger.Abs(MinorUnits);
        var parts = new BigInteger[weights.Length];
        var remainders = new BigInteger[weights.Length];
        var allocated = BigInteger.Zero;
        for (var i = 0; i < weights.Length; i++)
        {
            var quotient = BigInteger.DivRem(magnitude * weights[i], totalWeight, out remainders[i]);
            parts[i] = quotient;
            allocated += quotient;
        }

        var leftover = (int)(magnitude - allocated); // fewer than weights.Length by construction
        if (leftover > 0)
        {
            var order = Enumerable.Range(0, weights.Length)
                .Where(i => !weights[i].IsZero)
                .OrderByDescending(i => remainders[i])
                .ThenBy(i => i)
                .Take(leftover);
            foreach (var i in order)
            {
                parts[i]++;
            }
        }

        var result = new Money[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            result[i] = new Money((long)(sign * parts[i]), currency);
        }

        return result;
    }

    // The unscaled 96-bit integer of a non-negative decimal: 12.5m is 125 at scale 1.
    private static BigInteger Mantissa(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        return ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
    }

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <param name="left">The left amount.</param>
    /// <param name="right">An amount of the same currency.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="OverflowException">The sum does not fit in 64-bit minor units.</exception>
    public static Money operator +(Money left, Money right) => left.Add(right);

    /// <summary>Subtracts an amount of the same currency.</summary>
    /// <param name="left">The left amount.</param>
    /// <param name="right">An amount of the same currency.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="OverflowException">The difference does not fit in 64-bit minor units.</exception>
    public static Money operator -(Money left, Money right) => left.Subtract(right);

    /// <summary>The amount with its sign reversed.</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The negated amount.</returns>
    /// <exception cref="OverflowException">The amount is the most negative 64-bit value.</exception>
    public static Money operator -(Money value) => value.Negate();
}
