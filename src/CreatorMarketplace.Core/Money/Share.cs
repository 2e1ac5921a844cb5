using System.Globalization;

namespace CreatorMarketplace;

/// <summary>
/// A part of a whole as a finite fraction from 0 to 1 inclusive: an audience share, a gender ratio, a completion
/// rate. One type serves both spellings: <see cref="FromFraction"/>(0.6) and <see cref="FromPercentage"/>(60) are
/// the same share.
/// </summary>
/// <remarks>
/// Shares are binary floating point because the platforms report them that way and they feed statistics; use a
/// decimal rate with <see cref="Money.Multiply(decimal, MidpointRounding)"/> where money is computed.
/// </remarks>
public readonly record struct Share : IComparable<Share>
{
    private Share(double fraction) => Fraction = fraction;

    /// <summary>No part of the whole.</summary>
    public static Share Zero => default;

    /// <summary>The whole.</summary>
    public static Share One => new(1d);

    /// <summary>The share as a fraction from 0 to 1.</summary>
    public double Fraction { get; }

    /// <summary>The share as a percentage from 0 to 100.</summary>
    public double Percentage => Fraction * 100d;

    /// <summary>The rest of the whole: 1 − this share.</summary>
    public Share Complement => new(1d - Fraction);

    /// <summary>Creates a share from a fraction.</summary>
    /// <param name="fraction">A finite number from 0 to 1 inclusive.</param>
    /// <returns>The share.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is NaN, infinite, or outside 0..1.</exception>
    public static Share FromFraction(double fraction) =>
        IsValidFraction(fraction)
            ? new Share(fraction)
            : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "fraction: a share must be a finite number from 0 to 1.");

    /// <summary>Creates a share from a percentage.</summary>
    /// <param name="percentage">A finite number from 0 to 100 inclusive.</param>
    /// <returns>The share.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentage"/> is NaN, infinite, or outside 0..100.</exception>
    public static Share FromPercentage(double percentage) =>
        double.IsFinite(percentage) && percentage is >= 0d and <= 100d
            ? new Share(Math.Min(percentage / 100d, 1d))
            : throw new ArgumentOutOfRangeException(nameof(percentage), percentage, "percentage: a share must be a finite number from 0 to 100.");

    /// <summary>Whether <paramref name="fraction"/> is a valid share: finite and from 0 to 1 inclusive.</summary>
    /// <param name="fraction">The number to test.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidFraction(double fraction) => double.IsFinite(fraction) && fraction is >= 0d and <= 1d;

    /// <summary>Compares two shares by size.</summary>
    /// <param name="other">The other share.</param>
    /// <returns>Negative, zero or positive as this share is smaller than, equal to or larger than <paramref name="other"/>.</returns>
    public int CompareTo(Share other) => Fraction.CompareTo(other.Fraction);

    /// <summary>Whether <paramref name="left"/> is smaller than <paramref name="right"/>.</summary>
    /// <param name="left">The left share.</param>
    /// <param name="right">The right share.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <(Share left, Share right) => left.Fraction < right.Fraction;

    /// <summary>Whether <paramref name="left"/> is smaller than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The left share.</param>
    /// <param name="right">The right share.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <=(Share left, Share right) => left.Fraction <= right.Fraction;

    /// <summary>Whether <paramref name="left"/> is larger than <paramref name="right"/>.</summary>
    /// <param name="left">The left share.</param>
    /// <param name="right">The right share.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >(Share left, Share right) => left.Fraction > right.Fraction;

    /// <summary>Whether <paramref name="left"/> is larger than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The left share.</param>
    /// <param name="right">The right share.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >=(Share left, Share right) => left.Fraction >= right.Fraction;

    /// <summary>Formats the share as an invariant-culture percentage, for example <c>"60%"</c>.</summary>
    /// <returns>The formatted share.</returns>
    public override string ToString() => Percentage.ToString("0.##########", CultureInfo.InvariantCulture) + "%";
}
