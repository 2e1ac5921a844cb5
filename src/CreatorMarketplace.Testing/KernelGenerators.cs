using System.Numerics;
using CreatorMarketplace.Discovery;

namespace CreatorMarketplace.Testing;

/// <summary>
/// FsCheck generators behind <see cref="KernelArbitraries"/>, for building generators of your own types. They live
/// apart from the arbitraries because FsCheck would try a generic arbitrary method on every type it meets.
/// </summary>
public static class KernelGenerators
{
    /// <summary>The largest magnitude, in minor units, of a generated amount: 10^15 (ten trillion dollars).</summary>
    public const long MaxGeneratedMinorUnits = 1_000_000_000_000_000;

    /// <summary>A number of minor units: mostly small, sometimes large, within ±<see cref="MaxGeneratedMinorUnits"/>.</summary>
    /// <returns>The generator.</returns>
    public static Gen<long> MinorUnits() =>
        Gen.Frequency(
            (4, Gen.Choose(-100_000, 100_000).Select(i => (long)i)),
            (3, Gen.Zip(Gen.Choose(-1_000_000_000, 1_000_000_000), Gen.Choose(0, 999_999), (high, low) => (high * 1_000_000L) + (high < 0 ? -low : low))),
            (1, Gen.Elements(0L, 1L, -1L, MaxGeneratedMinorUnits, -MaxGeneratedMinorUnits)));

    /// <summary>Random version-7 ids of any identifier type, made between 1970 and 2286, deterministic for a given seed.</summary>
    /// <typeparam name="TId">The identifier type.</typeparam>
    /// <returns>The generator.</returns>
    public static Gen<TId> Ids<TId>()
        where TId : struct, IEntityId<TId> =>
        from highMilliseconds in Gen.Choose(0, 100_000)
        from lowMilliseconds in Gen.Choose(0, 99_999_999)
        from random in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 10)
        select EntityId.Create<TId>(NodaTime.Instant.FromUnixTimeMilliseconds((highMilliseconds * 100_000_000L) + lowMilliseconds), random);

    /// <summary>
    /// Audience-style distributions over 1 to 12 distinct buckets (fewer when there are fewer buckets), made from
    /// random weights.
    /// </summary>
    /// <typeparam name="TKey">The bucket type.</typeparam>
    /// <param name="buckets">The buckets to choose from, in a fixed order so that a seed reproduces a sample.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentException"><paramref name="buckets"/> is empty.</exception>
    public static Gen<Distribution<TKey>> Distributions<TKey>(IReadOnlyList<TKey> buckets)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (buckets.Count == 0)
        {
            throw new ArgumentException("buckets: a distribution needs at least one bucket to choose from.", nameof(buckets));
        }

        var all = buckets.ToArray();
        return from keys in Gen.Choose(1, Math.Min(12, all.Length)).SelectMany(n => Gen.Shuffle(all).Select(shuffled => shuffled.Take(n).ToArray()))
               from weights in Gen.ArrayOf(Gen.Choose(1, 10_000), keys.Length)
               select Distribution.Normalize(keys.Zip(weights, (key, weight) => KeyValuePair.Create(key, (double)weight)));
    }

    /// <summary>Ranges with each end open half the time and bounds from <paramref name="bounds"/>, in any order.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="bounds">The bounds.</param>
    /// <returns>The generator.</returns>
    public static Gen<NumberRange<T>> NumberRanges<T>(Gen<T> bounds)
        where T : struct, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(bounds);
        var bound = Gen.Frequency((1, Gen.Constant<T?>(null)), (1, bounds.Select(value => (T?)value)));
        return Gen.Zip(bound, bound, (min, max) => new NumberRange<T>(min, max));
    }

    /// <summary>Audience thresholds on a bucket from <paramref name="buckets"/> with a least share from 0 to 1.</summary>
    /// <typeparam name="TKey">The bucket type.</typeparam>
    /// <param name="buckets">The buckets.</param>
    /// <returns>The generator.</returns>
    public static Gen<AudienceThreshold<TKey>> Thresholds<TKey>(Gen<TKey> buckets)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(buckets);
        return Gen.Zip(buckets, Gen.Choose(0, 100).Select(percent => percent / 100d), (bucket, share) => new AudienceThreshold<TKey>(bucket, share));
    }

    /// <summary>
    /// Exact decimals with up to <paramref name="maxScale"/> decimal digits and up to 18 significant digits, either
    /// sign, trailing zeros kept: money-like amounts and rates.
    /// </summary>
    /// <param name="maxScale">The most decimal digits, from 0 to 28.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxScale"/> is outside 0..28.</exception>
    public static Gen<decimal> Decimals(int maxScale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxScale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxScale, 28);
        // Multiplying by 10^-scale keeps the scale, so 1200 at scale 2 is 12.00, not 12.
        return from mantissa in MinorUnits()
               from scale in Gen.Choose(0, maxScale)
               select mantissa * new decimal(1, 0, 0, false, (byte)scale);
    }

    /// <summary>
    /// Instants from 1970 to about 2099, to the nanosecond: mostly whole seconds, as stored times usually are,
    /// sometimes with a fraction.
    /// </summary>
    /// <returns>The generator.</returns>
    public static Gen<Instant> Instants() =>
        from days in Gen.Choose(0, 47_000)
        from second in Gen.Choose(0, 86_399)
        from nanoseconds in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, 999_999_999)))
        select Instant.FromUnixTimeSeconds((days * 86_400L) + second).PlusNanoseconds(nanoseconds);

    /// <summary>
    /// Finite doubles of every magnitude: counts, fractions, and numbers from 10^-300 to 10^300 of either sign,
    /// with zero and the extremes among them.
    /// </summary>
    /// <returns>The generator.</returns>
    public static Gen<double> FiniteDoubles() =>
        Gen.Frequency(
            (3, Gen.Choose(0, 10_000_000).Select(i => (double)i)),
            (3, Gen.Choose(0, 1_000_000).Select(i => i / 1_000_000d)),
            (3, Gen.Zip(Gen.Choose(-999_999, 999_999), Gen.Choose(-300, 300), (mantissa, exponent) => mantissa * Math.Pow(10, exponent))),
            (1, Gen.Elements(0d, double.Epsilon, double.MaxValue, double.MinValue, 1e-300)));

    /// <summary>
    /// Text of 0 to 24 pieces, leaning to what stores and encoders get wrong: letters with and without accents,
    /// emoji (surrogate pairs), combining marks, right-to-left text and marks, white space and line breaks, and also
    /// what <see cref="TextRule"/> refuses: NUL, other control characters and each half of a pair on its own; now and
    /// then any UTF-16 code unit at all.
    /// </summary>
    /// <returns>The generator.</returns>
    public static Gen<string> Texts() =>
        Gen.Choose(0, 24).SelectMany(count => Gen.ArrayOf(TextPieces, count)).Select(string.Concat);

    private static readonly Gen<string> TextPieces = Gen.Frequency(
        (12, Gen.Elements("a", "Z", "7", " ", "-", "_", "#", "@", "é", "Zoë", "ß", "İ", "日本", "Ω")),
        (4, Gen.Elements("\U0001F600", "\U0001F469\u200D\U0001F4BB", "\U0001D11E", "\U00010348")),
        (3, Gen.Elements("e\u0301", "\u0301", "\u05E9\u05DC\u05D5\u05DD", "\u0645\u0631\u062D\u0628\u0627", "\u200F", "\u202E", "\uFEFF", "\u2028", "\u007F")),
        (3, Gen.Elements("\t", "\n", "\r\n")),
        (2, Gen.Elements("\0", "\u0007", "\u001B", "\u001F", "\uD83D", "\uDE00", "\uDBFF", "\uDC00")),
        (1, Gen.Choose(0, 0xFFFF).Select(unit => ((char)unit).ToString())));
}
