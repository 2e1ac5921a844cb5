using CreatorMarketplace.Creators;
using CreatorMarketplace.Metrics;

namespace CreatorMarketplace.Scoring;

/// <summary>A creator's peers: the same content category, follower tier and market.</summary>
/// <param name="Category">The primary content label; null for creators without one.</param>
/// <param name="Tier">The follower tier.</param>
/// <param name="Market">The home country.</param>
public readonly record struct PeerGroup(ContentLabel? Category, FollowerTier Tier, Country Market)
{
    /// <summary>A creator's peer group: first content label, tier of the primary account, home country.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>The group.</returns>
    public static PeerGroup Of(CreatorListing creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        return new(creator.Profile.ContentLabels.Count > 0 ? creator.Profile.ContentLabels[0] : null, creator.PrimaryAccount.Stats.Tier, creator.Profile.HomeCountry);
    }

    /// <summary>Formats the group, for example <c>"beauty × Micro × US"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Category?.ToString() ?? "(none)"} × {Tier} × {Market.Code}";
}

/// <summary>The 25th, 50th and 75th percentiles of a peer group, and how many peers it has.</summary>
/// <param name="P25">The 25th percentile.</param>
/// <param name="P50">The median.</param>
/// <param name="P75">The 75th percentile.</param>
/// <param name="Count">How many peers reported the value.</param>
public sealed record Quartiles(double P25, double P50, double P75, int Count);

/// <summary>
/// Benchmarks of one metric within peer groups: quartiles per group and any value's percentile rank among its
/// peers. Percentiles interpolate linearly between the closest ranks (the method of Excel's PERCENTILE.INC); a
/// percentile rank counts the peers below the value and half of those equal to it.
/// </summary>
public sealed class PeerBenchmarks
{
    // Every group's values, sorted ascending within the group, one group after another; and where each group lies.
    private readonly double[] _values;
    private readonly Dictionary<PeerGroup, (int Start, int Count)> _groups;

    // Takes the groups' values already sorted in their ranges, all finite; no range is empty.
    internal PeerBenchmarks(double[] values, Dictionary<PeerGroup, (int Start, int Count)> groups) => (_values, _groups) = (values, groups);

    /// <summary>The groups with at least one value.</summary>
    public IReadOnlyCollection<PeerGroup> Groups => _groups.Keys;

    /// <summary>Builds the benchmarks from each creator's group and value; a value that is missing is left out.</summary>
    /// <param name="values">One entry per creator.</param>
    /// <returns>The benchmarks.</returns>
    public static PeerBenchmarks Build(IEnumerable<(PeerGroup Group, double? Value)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var groups = new Dictionary<PeerGroup, List<double>>();
        foreach (var (group, value) in values)
        {
            if (value is { } known && double.IsFinite(known))
            {
                if (!groups.TryGetValue(group, out var list))
                {
                    groups[group] = list = [];
                }

                list.Add(known);
            }
        }

        var all = new double[groups.Values.Sum(list => list.Count)];
        var ranges = new Dictionary<PeerGroup, (int Start, int Count)>(groups.Count);
        var start = 0;
        foreach (var (group, list) in groups)
        {
            list.CopyTo(all, start);
            Array.Sort(all, start, list.Count);
            ranges[group] = (start, list.Count);
            start += list.Count;
        }

        return new(all, ranges);
    }

    /// <summary>Builds the benchmarks of one metric over creators, each in its <see cref="PeerGroup.Of"/>.</summary>
    /// <param name="creators">The creators.</param>
    /// <param name="metric">The metric.</param>
    /// <returns>The benchmarks.</returns>
    public static PeerBenchmarks Of(IEnumerable<CreatorListing> creators, PeerMetric metric)
    {
        ArgumentNullException.ThrowIfNull(creators);
        ArgumentNullException.ThrowIfNull(metric);
        return Build(creators.Select(creator => (PeerGroup.Of(creator), metric.ValueOf(creator))));
    }

    /// <summary>The quartiles of a group.</summary>
    /// <param name="group">The group.</param>
    /// <returns>The quartiles, or null for a group without values.</returns>
    public Quartiles? QuartilesOf(PeerGroup group)
    {
        if (!_groups.TryGetValue(group, out var range))
        {
            return null;
        }

        var sorted = _values.AsSpan(range.Start, range.Count);
        return new(Quantile.Of(sorted, 0.25), Quantile.Of(sorted, 0.5), Quantile.Of(sorted, 0.75), range.Count);
    }

    /// <summary>The percentile rank of a value among a group's peers, from 0 to 100.</summary>
    /// <param name="group">The group.</param>
    /// <param name="value">The value.</param>
    /// <returns>The rank, or null for a group without values or a value that is not finite.</returns>
    public double? PercentileRank(PeerGroup group, double value)
    {
        if (!double.IsFinite(value) || !_groups.TryGetValue(group, out var range))
        {
            return null;
        }

        var sorted = _values.AsSpan(range.Start, range.Count);
        var below = LowerBound(sorted, value);
        var equal = LowerBound(sorted, Math.BitIncrement(value)) - below;
        return (below + (equal / 2d)) / sorted.Length * 100d;
    }

    private static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
