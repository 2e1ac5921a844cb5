namespace CreatorMarketplace.Planning;

/// <summary>
/// What a creator test measures in each arm: a proportion of successes among trials (conversions among visits,
/// clicks among impressions, engagements among views), or the cost per acquisition, the arm's spend divided by its
/// conversions, in one currency.
/// </summary>
public sealed record TestMetric
{
    private TestMetric(string name, string successes, string trials, Currency? currency)
    {
        Name = name;
        Successes = successes;
        Trials = trials;
        Currency = currency;
    }

    /// <summary>Conversions ÷ visits; higher is better.</summary>
    public static TestMetric ConversionRate { get; } = new("conversion rate", "conversions", "visits", null);

    /// <summary>Clicks ÷ impressions; higher is better.</summary>
    public static TestMetric ClickThroughRate { get; } = new("click-through rate", "clicks", "impressions", null);

    /// <summary>Engaged views ÷ views (a view counts once however it engaged, so the rate is a proportion); higher is better.</summary>
    public static TestMetric EngagementRate { get; } = new("engagement rate", "engaged views", "views", null);

    /// <summary>The metric's name, for example <c>conversion rate</c>.</summary>
    public string Name { get; }

    /// <summary>What a success counts, for example <c>conversions</c>.</summary>
    public string Successes { get; }

    /// <summary>What a trial counts, for example <c>visits</c>.</summary>
    public string Trials { get; }

    /// <summary>The currency every arm's spend is in, for cost per acquisition; null for a proportion.</summary>
    public Currency? Currency { get; }

    /// <summary>Whether the metric is the cost per acquisition (lower is better) rather than a proportion (higher is better).</summary>
    public bool IsCostPerAcquisition => Currency is not null;

    /// <summary>
    /// Spend ÷ conversions, each arm's spend in <paramref name="currency"/>; lower is better. The test is planned on
    /// the conversion rate it divides by: at the same spend per visit, a lower cost per acquisition is a higher
    /// conversion rate.
    /// </summary>
    /// <param name="currency">The campaign's currency.</param>
    /// <returns>The metric.</returns>
    public static TestMetric CostPerAcquisition(Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return new("cost per acquisition", "conversions", "visits", currency);
    }

    /// <summary>Formats the metric, for example <c>"conversion rate (conversions ÷ visits)"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        IsCostPerAcquisition ? $"{Name} ({Currency!.Code} spend ÷ {Successes})" : $"{Name} ({Successes} ÷ {Trials})";
}
