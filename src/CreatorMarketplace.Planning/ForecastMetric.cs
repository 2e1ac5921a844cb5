using CreatorMarketplace.Metrics;

namespace CreatorMarketplace.Planning;

/// <summary>What a post forecast counts: views, or engagements (likes + comments + shares).</summary>
public sealed class ForecastMetric
{
    private ForecastMetric(string name, string unit, Func<PostMetrics, long?> count, Func<Money, long?, UnitCost> cost)
    {
        Name = name;
        Unit = unit;
        Count = count;
        Cost = cost;
    }

    /// <summary>Plays: <see cref="PostMetrics.Views"/>; the cost is per view (<see cref="CostMetrics.Cpv"/>).</summary>
    public static ForecastMetric Views { get; } = new("views", "view", post => post.Views, CostMetrics.Cpv);

    /// <summary>Likes + comments + shares: <see cref="PostMetrics.Engagements"/>; the cost is per engagement (<see cref="CostMetrics.Cpe"/>).</summary>
    public static ForecastMetric Engagements { get; } = new("engagements", "engagement", post => post.Engagements, CostMetrics.Cpe);

    /// <summary>The metric's name, for example <c>views</c>.</summary>
    public string Name { get; }

    /// <summary>One of what it counts, for example <c>view</c>.</summary>
    public string Unit { get; }

    /// <summary>The post's count, or null when the platform did not report it.</summary>
    internal Func<PostMetrics, long?> Count { get; }

    /// <summary>The price per counted result.</summary>
    internal Func<Money, long?, UnitCost> Cost { get; }

    /// <summary>Formats the metric: its name.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Name;
}
