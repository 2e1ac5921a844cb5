using System.Globalization;

namespace CreatorMarketplace.Metrics;

/// <summary>
/// A ratio kept as its two sums, so that ratios roll up as a ratio of sums and never as an average of ratios. A
/// ratio is <see cref="IsKnown"/> when both parts were reported, and <see cref="IsDefined"/> when, in addition, the
/// denominator is not zero; an undefined ratio has no <see cref="Value"/>, never NaN or infinity.
/// </summary>
public readonly record struct Ratio
{
    private Ratio(double numerator, double denominator, bool known)
    {
        Numerator = numerator;
        Denominator = denominator;
        IsKnown = known;
    }

    /// <summary>A ratio whose parts were not reported.</summary>
    public static Ratio Missing => default;

    /// <summary>The numerator (0 when missing).</summary>
    public double Numerator { get; }

    /// <summary>The denominator (0 when missing).</summary>
    public double Denominator { get; }

    /// <summary>Whether both parts were reported.</summary>
    public bool IsKnown { get; }

    /// <summary>Whether the ratio has a value: both parts reported, the denominator not zero, the quotient finite.</summary>
    public bool IsDefined => Value is not null;

    /// <summary>The value, or null when undefined (a quotient too large for a double is undefined too, never infinity).</summary>
    public double? Value => IsKnown && Denominator != 0d && Numerator / Denominator is var quotient && double.IsFinite(quotient) ? quotient : null;

    /// <summary>A ratio of two reported numbers; missing when either is null or not finite.</summary>
    /// <param name="numerator">The numerator.</param>
    /// <param name="denominator">The denominator.</param>
    /// <returns>The ratio.</returns>
    public static Ratio Of(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d && double.IsFinite(n) && double.IsFinite(d) ? new(n, d, true) : Missing;

    /// <summary>
    /// Rolls ratios up as the sum of their numerators over the sum of their denominators, over the ratios that are
    /// known; those whose parts were not reported are left out and counted.
    /// </summary>
    /// <param name="ratios">The ratios, one per post or creator.</param>
    /// <returns>The roll-up and how many ratios it covers.</returns>
    public static RollUp Sum(IEnumerable<Ratio> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        double numerator = 0d, denominator = 0d;
        int covered = 0, total = 0;
        foreach (var ratio in ratios)
        {
            total++;
            if (ratio.IsKnown)
            {
                covered++;
                numerator += ratio.Numerator;
                denominator += ratio.Denominator;
            }
        }

        return new(covered == 0 ? Missing : new Ratio(numerator, denominator, true), covered, total);
    }

    /// <summary>Formats the value as a percentage with two decimals, or <c>"undefined"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value is { } value ? (value * 100d).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "undefined";
}

/// <summary>A ratio rolled up over many, with its coverage.</summary>
/// <param name="Ratio">The ratio of sums.</param>
/// <param name="Covered">How many ratios had both parts reported.</param>
/// <param name="Total">How many ratios there were.</param>
public sealed record RollUp(Ratio Ratio, int Covered, int Total)
{
    /// <summary>Formats the roll-up, for example <c>"7.42% (28 of 30)"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Ratio} ({Covered} of {Total})";
}
