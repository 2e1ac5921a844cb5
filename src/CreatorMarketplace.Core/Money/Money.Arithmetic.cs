using System.Globalization;
using System.Numerics;

namespace CreatorMarketplace;

public readonly partial struct Money
{
    private static readonly long[] PowersOfTen =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ];

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

    /// <summary>The sum of amounts in one currency: zero of it when there are none.</summary>
    /// <param name="amounts">The amounts, each in <paramref name="currency"/>.</param>
    /// <param name="currency">The currency of the sum, so that an empty sum has one.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="CurrencyMismatchException">An amount is in another currency.</exception>
    /// <exception cref="OverflowException">The sum does not fit in 64-bit minor units.</exception>
    public static Money Sum(IEnumerable<Money> amounts, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var sum = Zero(currency);
        foreach (var amount in amounts)
        {
            sum = sum.Add(amount);
        }

        return sum;
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
    /// Multiplies by a decimal rate (a fee of 2.9% is 0.029m, a kill fee of half is 0.5m) and rounds
    /// the exact product to a whole minor unit with the rounding the caller names. The result keeps the currency;
    /// converting between currencies, whose minor-unit digits may differ, is not a multiplication of this amount.
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

        var mantissa = Mantissa(rate);
        if (mantissa <= ulong.MaxValue && MinorUnits is >= -uint.MaxValue and <= uint.MaxValue)
        {
            // Under 64 bits times under 32 bits: the decimal product has under 96 bits, so it is exact.
            return new Money(decimal.ToInt64(Math.Round(MinorUnits * rate, 0, rounding)), Currency);
        }

        // Otherwise a decimal product could round away digits before the rounding named: made exactly instead.
        var numerator = MinorUnits * (BigInteger)(rate < 0 ? -mantissa : mantissa);
        var divisor = BigInteger.Pow(10, rate.Scale);
        var quotient = BigInteger.DivRem(numerator, divisor, out var remainder);
        if (!remainder.IsZero)
        {
            var (half, positive) = ((BigInteger.Abs(remainder) * 2).CompareTo(divisor), numerator.Sign > 0);
            var awayFromZero = rounding switch
            {
                MidpointRounding.ToEven => half > 0 || (half == 0 && !quotient.IsEven),
                MidpointRounding.AwayFromZero => half >= 0,
                MidpointRounding.ToZero => false,
                MidpointRounding.ToNegativeInfinity => !positive,
                _ => positive, // ToPositiveInfinity
            };
            quotient += awayFromZero ? (positive ? 1 : -1) : 0;
        }

        return quotient >= long.MinValue && quotient <= long.MaxValue
            ? new Money((long)quotient, Currency)
            : throw new OverflowException(string.Create(CultureInfo.InvariantCulture, $"{this} × {rate} does not fit in 64-bit minor units."));
    }

    // The amount at an exchange rate, in another currency, rounded to its minor unit from the exact product: the minor
    // units read in that currency times the rate shifted by the difference in their digits (a decimal shifts exactly),
    // which Multiply rounds without rounding the product first. Throws OverflowException beyond 64-bit minor units.
    internal Money ConvertedTo(Currency currency, decimal rate, MidpointRounding rounding)
    {
        var shift = currency.MinorUnits - Currency.MinorUnits;
        var shifted = shift >= 0 ? rate * Pow10(shift) : rate / Pow10(-shift);
        return FromMinorUnits(MinorUnits, currency).Multiply(shifted, rounding);
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
        return AllocateByRatios(ratios);
    }

    /// <inheritdoc cref="Allocate(decimal[])" />
    public IReadOnlyList<Money> Allocate(IEnumerable<decimal> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        return AllocateByRatios(ratios.ToArray());
    }

    /// <summary>
    /// Divides the amount into <paramref name="parts"/> equal parts by the largest-remainder method: the first
    /// <c>|amount| mod parts</c> parts carry one minor unit more than the rest, so the parts add up exactly.
    /// </summary>
    /// <param name="parts">The number of parts, at least 1.</param>
    /// <returns>The parts, those carrying the extra minor unit first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> is below 1.</exception>
    public IReadOnlyList<Money> Split(int parts)
    {
        if (parts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parts), parts, "parts: a split needs at least 1 part.");
        }

        // Equal weights have equal remainders, so the extra units simply go to the first parts.
        var currency = Currency;
        var quotient = Math.DivRem(MinorUnits, parts, out var remainder);
        var extra = Math.Sign(remainder);
        var result = new Money[parts];
        for (var i = 0; i < parts; i++)
        {
            result[i] = new Money(i < Math.Abs(remainder) ? quotient + extra : quotient, currency);
        }

        return result;
    }

    private IReadOnlyList<Money> AllocateByRatios(decimal[] ratios)
    {
        var currency = Currency;
        if (ratios.Length == 0)
        {
            throw new ArgumentException("ratios: at least one ratio is required.", nameof(ratios));
        }

        // Ratios become exact integers on one common scale, so every share is computed without rounding.
        var scale = 0;
        for (var i = 0; i < ratios.Length; i++)
        {
            if (ratios[i] < 0)
            {
                throw new ArgumentException($"ratios[{i}]: a ratio may not be negative, got {ratios[i].ToString(CultureInfo.InvariantCulture)}.", nameof(ratios));
            }

            scale = Math.Max(scale, ratios[i].Scale);
        }

        // Weights totalling at most 2^63 keep every product |amount| × weight within 128 bits: the common case
        // runs on Int128 without allocating; larger weights fall back to arbitrary precision.
        if (TryScaleToInt64Range(ratios, scale, out var weights, out var totalWeight))
        {
            return totalWeight == 0 ? throw NoPositiveRatio() : AllocateByWeights(weights, totalWeight, currency);
        }

        var bigWeights = new BigInteger[ratios.Length];
        var bigTotal = BigInteger.Zero;
        for (var i = 0; i < ratios.Length; i++)
        {
            bigWeights[i] = (BigInteger)Mantissa(ratios[i]) * BigInteger.Pow(10, scale - ratios[i].Scale);
            bigTotal += bigWeights[i];
        }

        return AllocateByWeights(bigWeights, bigTotal, currency);
    }

    private static ArgumentException NoPositiveRatio() =>
        new("ratios: at least one ratio must be above zero.", "ratios");

    private static bool TryScaleToInt64Range(decimal[] ratios, int scale, out Int128[] weights, out Int128 total)
    {
        weights = new Int128[ratios.Length];
        total = Int128.Zero;
        for (var i = 0; i < ratios.Length; i++)
        {
            var mantissa = Mantissa(ratios[i]);
            var shift = scale - ratios[i].Scale;
            if (shift >= PowersOfTen.Length || mantissa > long.MaxValue)
            {
                return false;
            }

            var weight = mantissa * PowersOfTen[shift];
            total += weight;
            if (weight > long.MaxValue || total > long.MaxValue)
            {
                return false;
            }

            weights[i] = weight;
        }

        return true;
    }

    private IReadOnlyList<Money> AllocateByWeights<T>(T[] weights, T totalWeight, Currency currency)
        where T : IBinaryInteger<T>
    {
        // Work on the magnitude so that a negative amount splits as the mirror image of the positive one.
        var negative = MinorUnits < 0;
        var magnitude = T.Abs(T.CreateChecked(MinorUnits));
        var parts = new T[weights.Length];
        var remainders = new T[weights.Length];
        var allocated = T.Zero;
        for (var i = 0; i < weights.Length; i++)
        {
            (parts[i], remainders[i]) = T.DivRem(magnitude * weights[i], totalWeight);
            allocated += parts[i];
        }

        // Fewer units are left over than there are parts with a weight; they go to the largest remainders,
        // the earliest part first on a tie, and never to a part whose ratio is zero.
        var leftover = int.CreateChecked(magnitude - allocated);
        if (leftover > 0)
        {
            var order = new int[weights.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) =>
            {
                var byRemainder = remainders[b].CompareTo(remainders[a]);
                return byRemainder != 0 ? byRemainder : a.CompareTo(b);
            });
            for (var k = 0; k < order.Length && leftover > 0; k++)
            {
                if (!T.IsZero(weights[order[k]]))
                {
                    parts[order[k]]++;
                    leftover--;
                }
            }
        }

        var result = new Money[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            result[i] = new Money(long.CreateChecked(negative ? -parts[i] : parts[i]), currency);
        }

        return result;
    }

    // The unscaled 96-bit integer of a non-negative decimal: 12.5m is 125 at scale 1.
    private static Int128 Mantissa(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        // The three words are unsigned: reinterpret their bits rather than convert their signed values.
        return unchecked(new Int128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]));
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
