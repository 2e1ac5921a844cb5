using System.Globalization;

namespace CreatorMarketplace.Planning;

/// <summary>A point estimate with a confidence interval around it.</summary>
/// <param name="Estimate">The point estimate.</param>
/// <param name="Lower">The interval's lower bound.</param>
/// <param name="Upper">The interval's upper bound.</param>
public readonly record struct Interval(double Estimate, double Lower, double Upper)
{
    /// <summary>Whether the interval holds a value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether <c>Lower ≤ value ≤ Upper</c>.</returns>
    public bool Contains(double value) => Lower <= value && value <= Upper;

    /// <summary>Formats the interval as percentages, for example <c>"30.80% [25.53%, 36.62%]"</c>.</summary>
    /// <returns>The text.</returns>
    public string ToPercentString() => $"{Percent(Estimate)} [{Percent(Lower)}, {Percent(Upper)}]";

    /// <summary>Formats the interval, for example <c>"0.308 [0.2553, 0.3662]"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Number(Estimate)} [{Number(Lower)}, {Number(Upper)}]";

    private static string Percent(double value) => (value * 100d).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>
/// A cost per acquisition with its percentile bootstrap interval, each bound exact: the spend over a whole number of
/// conversions. A bound is null when it is not finite: the resamples at that percentile had no conversion.
/// </summary>
/// <param name="Estimate">The observed cost per acquisition; undefined when the arm had no conversion.</param>
/// <param name="Lower">The lower bound per acquisition, in the estimate's currency.</param>
/// <param name="Upper">The upper bound per acquisition, or null when unbounded.</param>
public readonly record struct CostInterval(CreatorMarketplace.Metrics.UnitCost Estimate, decimal? Lower, decimal? Upper)
{
    /// <summary>Formats the interval, for example <c>"USD 12.5 per acquisition [USD 10.9, USD 14.7]"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Estimate} [{Bound(Lower)}, {Bound(Upper)}]";

    /// <summary>The price per result of a forecast count: over its median, and over its upper and lower bounds for the interval; a bound over none is unbounded.</summary>
    internal static CostInterval Of(Money price, Interval counts, Func<Money, long?, CreatorMarketplace.Metrics.UnitCost> per) =>
        new(per(price, (long)counts.Estimate), per(price, (long)counts.Upper).Amount, per(price, (long)counts.Lower).Amount);

    private string Bound(decimal? value) =>
        value is { } amount ? $"{Estimate.Currency.Code} {amount.ToString("0.##", CultureInfo.InvariantCulture)}" : "unbounded";
}
