using System.Globalization;
using CreatorMarketplace.Scoring;

namespace CreatorMarketplace.Planning;

/// <summary>What a post forecast rests on.</summary>
public enum ForecastBasis
{
    /// <summary>The creator's own settled posts of the deliverable's kind.</summary>
    CreatorHistory,

    /// <summary>Settled posts of the creator's peers, the creator having too few of her own.</summary>
    PeerBenchmark,
}

/// <summary>
/// The views or engagements one new post of a creator is forecast to reach once settled, with a prediction interval,
/// and what the forecast rests on. The formulas are in docs/planning.md.
/// </summary>
/// <param name="Metric">What the forecast counts.</param>
/// <param name="Expected">The median forecast count and the prediction interval around it, in whole units.</param>
/// <param name="Level">The interval's probability of holding the post's count, for example 0.8.</param>
/// <param name="Cost">Given a price: the price per forecast unit (per view, per engagement), its bounds the price over the interval's upper and lower counts; null without a price.</param>
/// <param name="Basis">Whether the forecast rests on the creator's posts or her peers'.</param>
/// <param name="Posts">How many posts the forecast rests on: the creator's, or her peers' for <see cref="ForecastBasis.PeerBenchmark"/>.</param>
/// <param name="CreatorPosts">How many settled posts of the kind the creator has, used or not.</param>
/// <param name="Window">When the creator's posts used went live, oldest and newest; null when none was used.</param>
/// <param name="PeerGroup">The peer group the forecast rests on; null when it rests on the creator's posts.</param>
/// <param name="Method">The method, in words.</param>
public sealed record PostForecast(
    ForecastMetric Metric,
    Interval Expected,
    double Level,
    CostInterval? Cost,
    ForecastBasis Basis,
    int Posts,
    int CreatorPosts,
    NodaTime.Interval? Window,
    PeerGroup? PeerGroup,
    string Method)
{
    /// <summary>Formats the forecast, for example <c>"12,400 views [5,100, 30,200] at 80% from 24 posts of the creator"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Expected.Estimate:N0} {Metric.Name} [{Expected.Lower:N0}, {Expected.Upper:N0}] at {Level * 100:0.#}% from {Posts:N0} posts of ")
        + (Basis == ForecastBasis.CreatorHistory ? "the creator" : $"peers {PeerGroup}");
}
