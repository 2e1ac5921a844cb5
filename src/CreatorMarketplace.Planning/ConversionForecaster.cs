using System.Globalization;
using CreatorMarketplace.Metrics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace CreatorMarketplace.Planning;

/// <summary>One past collaboration's results: the views its posts reached and the conversions attributed to it.</summary>
/// <param name="Views">The views of the collaboration's posts once settled, zero or more.</param>
/// <param name="Conversions">The conversions attributed to it that stand (not reversed), zero or more and at most the views.</param>
public sealed record AttributedResults(long Views, long Conversions)
{
    /// <summary>
    /// A collaboration's results from its line of a <see cref="ConversionBook"/>'s reconciliation and its posts: the
    /// conversions that stand (<see cref="ReconciliationLine.Standing"/>) and the views of each post's newest snapshot.
    /// </summary>
    /// <param name="line">The collaboration's reconciliation line.</param>
    /// <param name="posts">The collaboration's posts.</param>
    /// <returns>The results, or null when a post's views were not reported: missing is not zero.</returns>
    public static AttributedResults? Of(ReconciliationLine line, IEnumerable<PostMetricsHistory> posts)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(posts);
        long views = 0;
        foreach (var post in posts)
        {
            if (post?.Latest?.Views is not { } count)
            {
                return null;
            }

            views += count;
        }

        return new AttributedResults(views, line.Standing);
    }
}

/// <summary>
/// The conversions one deliverable is forecast to bring: its forecast views times a conversion rate per view, with a
/// prediction interval that holds both the views' spread and the rate's uncertainty. The formulas are in
/// docs/planning.md.
/// </summary>
/// <param name="Expected">The median forecast conversions and the prediction interval around it, in whole conversions.</param>
/// <param name="Rate">Conversions per view: the rate's posterior median and its credible interval at <see cref="Level"/>.</param>
/// <param name="Level">The intervals' probability, the views forecast's.</param>
/// <param name="Cost">Given a price: the price per conversion (per acquisition), its bounds the price over the interval's upper and lower counts; null without a price.</param>
/// <param name="Basis">Whether the rate rests on the creator's past collaborations or her peers'.</param>
/// <param name="Collaborations">How many past collaborations the rate rests on: hers, or her peers'.</param>
/// <param name="AttributedViews">The views of those collaborations.</param>
/// <param name="AttributedConversions">The conversions attributed to them.</param>
/// <param name="Views">The views forecast the conversions follow from.</param>
/// <param name="Seed">The seed of the simulation, so that the forecast can be reproduced.</param>
/// <param name="Draws">How many draws the simulation took.</param>
/// <param name="Method">The method, in words.</param>
public sealed record ConversionForecast(
    Interval Expected,
    Interval Rate,
    double Level,
    CostInterval? Cost,
    ForecastBasis Basis,
    int Collaborations,
    long AttributedViews,
    long AttributedConversions,
    PostForecast Views,
    int Seed,
    int Draws,
    string Method)
{
    /// <summary>Formats the forecast, for example <c>"12 conversions [5, 22] at 80% from 14 collaborations of the creator"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Expected.Estimate:N0} conversions [{Expected.Lower:N0}, {Expected.Upper:N0}] at {Level * 100:0.#}% from {Collaborations:N0} collaborations of ")
        + (Basis == ForecastBasis.CreatorHistory ? "the creator" : "peers");
}

/// <summary>
/// Forecasts the conversions of a creator's next deliverable: its forecast views (<see cref="PostForecaster"/>) times
/// a conversion rate per view with a beta distribution, from the creator's past attributed conversions when she has
/// <see cref="MinimumConversions"/> or more, else fitted to her peers'. The two are combined by a seeded Monte Carlo
/// simulation. The formulas and their sources are in docs/planning.md.
/// </summary>
public static class ConversionForecaster
{
    /// <summary>The fewest conversions attributed to the creator's past collaborations that her own rate rests on: 10.</summary>
    public const int MinimumConversions = 10;

    /// <summary>The fewest peers' past collaborations with views that a rate fitted to peers rests on: 8.</summary>
    public const int MinimumPeers = 8;

    /// <summary>The draws of the simulation unless told otherwise: 20,000.</summary>
    public const int DefaultDraws = 20_000;

    /// <summary>Forecasts the conversions of the deliverable whose views are forecast.</summary>
    /// <param name="views">The deliverable's views forecast (<see cref="ForecastMetric.Views"/>); its level is the forecast's.</param>
    /// <param name="history">The creator's past collaborations, empty if she has none.</param>
    /// <param name="peers">Her peers' past collaborations, for a creator with fewer than <see cref="MinimumConversions"/> conversions; null for none.</param>
    /// <param name="price">The price of the deliverable, to give the cost per acquisition; null for none.</param>
    /// <param name="seed">The simulation's seed; the same inputs and seed give the same forecast.</param>
    /// <param name="draws">The simulation's draws, at least 1,000.</param>
    /// <returns>The forecast.</returns>
    /// <exception cref="DomainValidationException">An input breaks a rule, or there is too little to estimate a rate from; every error names its field.</exception>
    public static ConversionForecast Forecast(PostForecast views, IReadOnlyList<AttributedResults> history, IReadOnlyList<AttributedResults>? peers = null, Money? price = null, int seed = 0, int draws = DefaultDraws)
    {
        var errors = new ErrorCollector();
        if (errors.Require(views is not null, nameof(views), "planning.views_required", "a conversions forecast follows from the deliverable's views forecast."))
        {
            if (errors.Require(views!.Metric == ForecastMetric.Views, nameof(views), "planning.views_required", $"a conversions forecast follows from a forecast of views, got one of {views.Metric.Name}."))
            {
                // A forecast built by hand may hold what PostForecaster never gives, which would make every draw NaN and so zero.
                var (estimate, lower, upper) = (views.Expected.Estimate, views.Expected.Lower, views.Expected.Upper);
                errors.Require(
                    double.IsFinite(views.Level) && views.Level is > 0d and < 1d && double.IsFinite(lower) && double.IsFinite(upper) && lower >= 0d && lower <= estimate && estimate <= upper,
                    nameof(views),
                    "planning.views_invalid",
                    string.Create(CultureInfo.InvariantCulture, $"the views forecast's level is above 0 and below 1 and its interval finite, zero or more and around its median, got {views.Expected} at {views.Level}."));
            }
        }

        if (errors.Require(history is not null, nameof(history), "planning.history_required", "a conversions forecast needs the creator's past collaborations, empty if she has none."))
        {
            Check(history!, errors, nameof(history));
        }

        if (peers is not null)
        {
            Check(peers, errors, nameof(peers));
        }

        // default(Money) has no currency to read: it equals only itself.
        if (price is { } cost && errors.Require(cost != default, nameof(price), "planning.price_without_currency", "the price is an amount in a currency, not default(Money), which has none."))
        {
            errors.Require(cost.Amount >= 0m, nameof(price), "planning.price_negative", $"the price is zero or more, got {cost}.");
        }

        errors.Require(draws >= 1_000, nameof(draws), "planning.draws_invalid", $"a conversions forecast takes at least 1,000 draws, got {draws}.");
        errors.ThrowIfAny();

        var own = Totals(history!);
        Posterior rate;
        if (own.Conversions >= MinimumConversions)
        {
            rate = new(1d + own.Conversions, 1d + own.Views - own.Conversions, ForecastBasis.CreatorHistory, own.Count, own.Views, own.Conversions, string.Create(CultureInfo.InvariantCulture, $"the creator's {own.Conversions:N0} conversions in {own.Views:N0} views of {own.Count} past collaborations: Beta(1 + conversions, 1 + views − conversions)"));
        }
        else
        {
            var known = peers?.Where(peer => peer.Views > 0).ToList() ?? [];
            errors.Require(known.Count >= MinimumPeers, nameof(peers), "planning.history_too_thin", $"the creator's past collaborations have {own.Conversions} attributed conversions, fewer than the {MinimumConversions} her own rate needs, and her peers have {known.Count} past collaborations with views, fewer than {MinimumPeers}.");
            errors.ThrowIfAny();
            rate = FromPeers(known, own.Conversions);
        }

        return Simulate(views!, rate, price, seed, draws);
    }

    private static void Check(IReadOnlyList<AttributedResults> results, ErrorCollector errors, string field)
    {
        for (var i = 0; i < results.Count; i++)
        {
            var at = errors.At($"{field}[{i}]");
            if (results[i] is not { } result)
            {
                at.Add("", "planning.results_required", "a past collaboration's results are not null.");
                continue;
            }

            // Both counts are checked, and compared only when neither is negative.
            var views = at.Require(result.Views >= 0, nameof(AttributedResults.Views), "planning.count_negative", $"the views are zero or more, got {result.Views}.");
            if (at.Require(result.Conversions >= 0, nameof(AttributedResults.Conversions), "planning.count_negative", $"the conversions are zero or more, got {result.Conversions}.") && views)
            {
                at.Require(result.Conversions <= result.Views, nameof(AttributedResults.Conversions), "planning.successes_above_trials", $"the conversions ({result.Conversions}) are at most the views ({result.Views}).");
            }
        }

        // The rate sums the views (and so the conversions, at most the views) in a long.
        var totalViews = results.Where(result => result is { Views: > 0 }).Aggregate((Int128)0, (sum, result) => sum + result.Views);
        errors.Require(totalViews <= long.MaxValue, field, "planning.counts_too_large", $"the views add up to at most {long.MaxValue}, got {totalViews}.");
    }

    private static (int Count, long Views, long Conversions) Totals(IReadOnlyList<AttributedResults> results) =>
        (results.Count, results.Sum(result => result.Views), results.Sum(result => result.Conversions));

    // A beta fitted to the peers' rates by the method of moments holds how creators' rates differ, not only how
    // precisely the pooled rate is known; where it cannot be fitted (no peer converted, or every peer at one rate)
    // the pooled counts' posterior stands in.
    private static Posterior FromPeers(List<AttributedResults> peers, long ownConversions)
    {
        var (count, views, conversions) = Totals(peers);
        var rates = peers.Select(peer => (double)peer.Conversions / peer.Views).ToArray();
        var mean = rates.Average();
        var variance = rates.Sum(rate => (rate - mean) * (rate - mean)) / (rates.Length - 1);
        var because = string.Create(CultureInfo.InvariantCulture, $"the creator has {ownConversions} attributed conversions, fewer than {MinimumConversions}");
        if (mean > 0d && variance > 0d && variance < mean * (1d - mean))
        {
            var size = (mean * (1d - mean) / variance) - 1d;
            var (alpha, beta) = (mean * size, (1d - mean) * size);
            return new(alpha, beta, ForecastBasis.PeerBenchmark, count, views, conversions, string.Create(CultureInfo.InvariantCulture, $"a beta fitted by the method of moments to the conversion rates of {count} peers' past collaborations ({because}): mean {mean:0.######}, variance {variance:0.###e+0}, so Beta({alpha:0.###}, {beta:0.###})"));
        }

        return new(1d + conversions, 1d + views - conversions, ForecastBasis.PeerBenchmark, count, views, conversions, string.Create(CultureInfo.InvariantCulture, $"the pooled {conversions:N0} conversions in {views:N0} views of {count} peers' past collaborations ({because}; their rates do not vary, so no beta can be fitted to them): Beta(1 + conversions, 1 + views − conversions)"));
    }

    // Each draw: views from a log-normal with the views forecast's median and interval, a rate from its beta, and
    // the conversions from a Poisson of views × rate, so the interval holds the views' spread, the rate's uncertainty
    // and the chance of a conversion alike.
    private static ConversionForecast Simulate(PostForecast views, Posterior rate, Money? price, int seed, int draws)
    {
        var level = views.Level;
        var centre = double.LogP1(views.Expected.Estimate);

        // An interval of no width has no spread at any level, even one so small that its z underflows to 0 (0 ÷ 0).
        var deviation = views.Expected.Upper == views.Expected.Lower ? 0d
            : (double.LogP1(views.Expected.Upper) - double.LogP1(views.Expected.Lower)) / (2d * Statistics.TwoSidedZ(level));
        var random = new MersenneTwister(seed, threadSafe: false);
        var counts = new long[draws];
        for (var draw = 0; draw < draws; draw++)
        {
            var viewCount = Math.Max(0d, double.ExpM1(centre + (deviation * Normal.Sample(random, 0d, 1d))));
            var mean = viewCount * Beta.Sample(random, rate.Alpha, rate.Beta);
            counts[draw] = mean > 0d ? Conversions(random, mean) : 0;
        }

        Array.Sort(counts);
        var tail = (1d - level) / 2d;
        var expected = new Interval(counts[Statistics.PercentileIndex(draws, 0.5)], counts[Statistics.PercentileIndex(draws, tail)], counts[Statistics.PercentileIndex(draws, 1d - tail)]);
        var rateInterval = new Interval(Statistics.BetaQuantile(rate.Alpha, rate.Beta, 0.5), Statistics.BetaQuantile(rate.Alpha, rate.Beta, tail), Statistics.BetaQuantile(rate.Alpha, rate.Beta, 1d - tail));
        var method = string.Create(CultureInfo.InvariantCulture, $"views × conversions per view: the views log-normal with ln(1 + views) of median {centre:0.###} and standard deviation {deviation:0.###} (the views forecast's interval), the rate from {rate.Method}, conversions Poisson in views × rate; {draws:N0} draws, seed {seed}");
        var cost = price is { } known ? CostInterval.Of(known, expected, CostMetrics.Cpa) : (CostInterval?)null;
        return new ConversionForecast(expected, rateInterval, level, cost, rate.Basis, rate.Count, rate.Views, rate.Conversions, views, seed, draws, method);
    }

    private const double LargestPoissonMean = 1e9;

    // MathNet's Poisson sampler counts in int and never returns for a mean near or past int.MaxValue. From a billion
    // on, a Poisson is a normal of the same mean and variance to within its skewness, 1/√mean ≈ 3·10⁻⁵, far inside
    // the simulation's own noise; a count past the largest long (an infinite views draw) is held at it.
    private static long Conversions(MersenneTwister random, double mean)
    {
        if (mean <= LargestPoissonMean)
        {
            return Poisson.Sample(random, mean);
        }

        var count = double.IsFinite(mean) ? Math.Round(Normal.Sample(random, mean, Math.Sqrt(mean))) : double.PositiveInfinity;
        return count >= long.MaxValue ? long.MaxValue : Math.Max(0L, (long)count);
    }

    private sealed record Posterior(double Alpha, double Beta, ForecastBasis Basis, int Count, long Views, long Conversions, string Method);
}
