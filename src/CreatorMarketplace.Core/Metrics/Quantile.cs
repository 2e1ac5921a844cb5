namespace CreatorMarketplace.Metrics;

// Quantiles of sorted values by linear interpolation between the closest ranks (Excel's PERCENTILE.INC); the
// median is the quantile at 0.5, so one rule serves medians and peer quartiles alike.
internal static class Quantile
{
    public static double Of(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        return low + 1 < sorted.Length ? sorted[low] + ((h - low) * (sorted[low + 1] - sorted[low])) : sorted[low];
    }
}
