using System.Globalization;
using System.Numerics;

namespace CreatorMarketplace.Discovery;

/// <summary>An inclusive range of numbers with either end open: <c>new(10_000, null)</c> is "at least 10,000".</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="Min">The smallest accepted value, or null for no lower bound.</param>
/// <param name="Max">The largest accepted value, or null for no upper bound.</param>
public readonly record struct NumberRange<T>(T? Min, T? Max)
    where T : struct, INumber<T>
{
    /// <summary>A range with no bound at all.</summary>
    public static NumberRange<T> Any => default;

    /// <summary>Whether neither end is bounded.</summary>
    public bool IsAny => Min is null && Max is null;

    /// <summary>Whether a value lies in the range; a missing value (null) lies only in the unbounded range.</summary>
    /// <param name="value">The value, or null when unknown.</param>
    /// <returns>True when the value satisfies both bounds.</returns>
    public bool Contains(T? value) =>
        IsAny || (value is { } known && (Min is null || known >= Min.Value) && (Max is null || known <= Max.Value));

    internal void Check(ErrorCollector errors, string field, T lowest, T highest)
    {
        var bounds = $"from {lowest.ToString(null, CultureInfo.InvariantCulture)} to {highest.ToString(null, CultureInfo.InvariantCulture)}";
        if (Min is { } min && (!T.IsFinite(min) || min < lowest || min > highest))
        {
            errors.Add($"{field}.min", "query.out_of_range", $"the minimum must be {bounds}, got {min.ToString(null, CultureInfo.InvariantCulture)}.");
        }

        if (Max is { } max && (!T.IsFinite(max) || max < lowest || max > highest))
        {
            errors.Add($"{field}.max", "query.out_of_range", $"the maximum must be {bounds}, got {max.ToString(null, CultureInfo.InvariantCulture)}.");
        }

        if (Min is { } from && Max is { } to && from > to)
        {
            errors.Add(field, "query.min_above_max", $"the minimum {from.ToString(null, CultureInfo.InvariantCulture)} is above the maximum {to.ToString(null, CultureInfo.InvariantCulture)}.");
        }
    }
}
