using System.Globalization;

namespace CreatorMarketplace.Metrics;

/// <summary>A cost per unit of a result (per view, per click, per thousand impressions), or undefined.</summary>
/// <param name="Currency">The cost's currency.</param>
/// <param name="Amount">The cost per unit, unrounded; null when undefined (no results, or a number was not reported).</param>
/// <param name="Unit">What it is per, for example <c>view</c> or <c>1,000 impressions</c>.</param>
public readonly record struct UnitCost(Currency Currency, decimal? Amount, string Unit)
{
    /// <summary>Whether it has a value.</summary>
    public bool IsDefined => Amount is not null;

    /// <summary>Formats the cost, for example <c>"USD 0.0123 per view"</c> or <c>"undefined per view"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Amount is { } amount ? $"{Currency.Code} {amount.ToString("0.####", CultureInfo.InvariantCulture)} per {Unit}" : $"undefined per {Unit}";
}

/// <summary>
/// Cost and return metrics from a cost and a count of results. A zero or unreported count gives an undefined
/// result, never a division by zero.
/// </summary>
public static class CostMetrics
{
    /// <summary>CPM: cost ÷ impressions × 1,000.</summary>
    /// <param name="cost">The cost.</param>
    /// <param name="impressions">Impressions.</param>
    /// <returns>The cost per thousand impressions.</returns>
    public static UnitCost Cpm(Money cost, long? impressions) => Per(cost, impressions, 1_000m, "1,000 impressions");

    /// <summary>CPV: cost ÷ views.</summary>
    /// <param name="cost">The cost.</param>
    /// <param name="views">Views.</param>
    /// <returns>The cost per view.</returns>
    public static UnitCost Cpv(Money cost, long? views) => Per(cost, views, 1m, "view");

    /// <summary>CPE: cost ÷ engagements (likes + comments + shares).</summary>
    /// <param name="cost">The cost.</param>
    /// <param name="engagements">Engagements.</param>
    /// <returns>The cost per engagement.</returns>
    public static UnitCost Cpe(Money cost, long? engagements) => Per(cost, engagements, 1m, "engagement");

    /// <summary>CPC: cost ÷ clicks.</summary>
    /// <param name="cost">The cost.</param>
    /// <param name="clicks">Clicks.</param>
    /// <returns>The cost per click.</returns>
    public static UnitCost Cpc(Money cost, long? clicks) => Per(cost, clicks, 1m, "click");

    /// <summary>CPA: cost ÷ conversions (acquisitions).</summary>
    /// <param name="cost">The cost.</param>
    /// <param name="conversions">Conversions.</param>
    /// <returns>The cost per acquisition.</returns>
    public static UnitCost Cpa(Money cost, long? conversions) => Per(cost, conversions, 1m, "acquisition");

    /// <summary>ROAS: revenue ÷ cost.</summary>
    /// <param name="revenue">The revenue.</param>
    /// <param name="cost">The cost, in the same currency.</param>
    /// <returns>The return on ad spend; undefined for a zero cost.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static Ratio Roas(Money revenue, Money cost)
    {
        _ = revenue - cost; // subtracting checks that the currencies match
        return Ratio.Of((double)revenue.Amount, (double)cost.Amount);
    }

    /// <summary>ROI: (revenue − cost) ÷ cost.</summary>
    /// <param name="revenue">The revenue.</param>
    /// <param name="cost">The cost, in the same currency.</param>
    /// <returns>The return on investment; undefined for a zero cost.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static Ratio Roi(Money revenue, Money cost) => Ratio.Of((double)(revenue - cost).Amount, (double)cost.Amount);

    private static UnitCost Per(Money cost, long? count, decimal scale, string unit) =>
        new(cost.Currency, count is > 0 ? cost.Amount * scale / count.Value : null, unit);
}

/// <summary>
/// Earned media value as published (the rates are data): video = views × CPM ÷ 1,000; static = (likes + comments +
/// shares) × 8.7 × CPM ÷ 1,000; story = followers × 3% × CPM ÷ 1,000; with a CPM per platform (Instagram 10,
/// Facebook 10, TikTok 5, YouTube 20 USD), each post's value at least USD 25 and at most USD 10,000,000.
/// </summary>
public sealed record EmvRates
{
    /// <summary>The published rates.</summary>
    public static EmvRates Default { get; } = new()
    {
        CpmByPlatform = new Dictionary<Platform, Money>
        {
            [Platform.Instagram] = Money.Of(10m, Currency.USD),
            [Platform.Facebook] = Money.Of(10m, Currency.USD),
            [Platform.TikTok] = Money.Of(5m, Currency.USD),
            [Platform.YouTube] = Money.Of(20m, Currency.USD),
        },
        StaticEngagementMultiplier = 8.7m,
        StoryReachShare = 0.03m,
        FloorPerPost = Money.Of(25m, Currency.USD),
        CapPerPost = Money.Of(10_000_000m, Currency.USD),
    };

    /// <summary>The CPM per platform, all in one currency.</summary>
    public required IReadOnlyDictionary<Platform, Money> CpmByPlatform { get; init; }

    /// <summary>The multiplier of engagements for static posts.</summary>
    public required decimal StaticEngagementMultiplier { get; init; }

    /// <summary>The share of followers a story is taken to reach.</summary>
    public required decimal StoryReachShare { get; init; }

    /// <summary>The least a post is worth.</summary>
    public required Money FloorPerPost { get; init; }

    /// <summary>The most a post is worth.</summary>
    public required Money CapPerPost { get; init; }

    /// <summary>A post's earned media value, rounded to the cent away from zero.</summary>
    /// <param name="post">The post's newest snapshot.</param>
    /// <returns>The value, or null when the platform has no rate or the numbers the formula needs were not reported.</returns>
    public Money? Of(PostMetrics post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (!CpmByPlatform.TryGetValue(post.Platform, out var cpm))
        {
            return null;
        }

        decimal? units = post.Kind == PostKind.Video ? post.Views
            : post.Kind == PostKind.Static ? post.Engagements * StaticEngagementMultiplier
            : post.Followers * StoryReachShare;
        if (units is not { } known)
        {
            return null;
        }

        // Capped before it is made money: a huge count's value may not fit in 64-bit minor units.
        var amount = decimal.Round(known * cpm.Amount / 1_000m, cpm.Currency.MinorUnits, MidpointRounding.AwayFromZero);
        if (cpm.Currency == CapPerPost.Currency && amount > CapPerPost.Amount)
        {
            return CapPerPost;
        }

        var value = Money.Of(amount, cpm.Currency);
        return value < FloorPerPost ? FloorPerPost : value > CapPerPost ? CapPerPost : value;
    }
}
