using CreatorMarketplace.Metrics;
using CreatorMarketplace.Planning;
using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.Distributions;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Planning.Tests;

public class ConversionForecasterTests
{
    private static PostForecast Views(double median, double lower, double upper, ForecastMetric? metric = null) =>
        new(metric ?? ForecastMetric.Views, new Interval(median, lower, upper), 0.8, null, ForecastBasis.CreatorHistory, 8, 8, null, null, "given");

    // Views known exactly, so the forecast's spread is the rate's and the Poisson's alone.
    private static readonly PostForecast TenThousandViews = Views(10_000, 10_000, 10_000);

    private static List<AttributedResults> Peers(params long[] conversions) =>
        [.. conversions.Select(count => new AttributedResults(10_000, count))];

    [Fact]
    public void A_creator_with_enough_conversions_is_forecast_from_her_own_rate()
    {
        // 10,000 conversions in 10,000,000 views: a rate of 0.001 known to about 1%, so 10,000 views bring
        // Poisson(10) conversions: median 10, and 6 to 14 at 80% (R: qpois(c(0.1, 0.5, 0.9), 10)).
        var forecast = ConversionForecaster.Forecast(TenThousandViews, [new(5_000_000, 4_000), new(5_000_000, 6_000)], price: Money.Of(1_000m, Currency.USD));

        forecast.Expected.ShouldBe(new Interval(10, 6, 14));
        forecast.Rate.Estimate.ShouldBe(0.001, 0.00001);
        forecast.Basis.ShouldBe(ForecastBasis.CreatorHistory);
        (forecast.Collaborations, forecast.AttributedViews, forecast.AttributedConversions).ShouldBe((2, 10_000_000L, 10_000L));
        forecast.Level.ShouldBe(0.8);
        forecast.Cost!.Value.Estimate.ShouldBe(CostMetrics.Cpa(Money.Of(1_000m, Currency.USD), 10));
        forecast.Cost!.Value.Lower.ShouldBe(1_000m / 14);
        forecast.Cost!.Value.Upper.ShouldBe(1_000m / 6);
        forecast.Method.ShouldContain("the creator's 10,000 conversions in 10,000,000 views of 2 past collaborations");
        forecast.ToString().ShouldBe("10 conversions [6, 14] at 80% from 2 collaborations of the creator");
    }

    [Fact]
    public void The_rate_interval_is_the_beta_posteriors()
    {
        // 10 conversions in 10 views: Beta(11, 1), whose distribution function is p¹¹, so its quantile q is q^(1/11).
        var forecast = ConversionForecaster.Forecast(TenThousandViews, [new(10, 10)]);

        forecast.Rate.Estimate.ShouldBe(Math.Pow(0.5, 1d / 11), 1e-9);
        forecast.Rate.Lower.ShouldBe(Math.Pow(0.1, 1d / 11), 1e-9);
        forecast.Rate.Upper.ShouldBe(Math.Pow(0.9, 1d / 11), 1e-9);
    }

    [Fact]
    public void A_creator_with_few_conversions_is_forecast_from_a_beta_fitted_to_her_peers_rates()
    {
        // Rates 0.0005, 0.001, 0.0015, 0.002 twice: mean m = 0.00125, sample variance v = 2.5e-6 ÷ 7; the method of
        // moments gives α + β = m(1 − m) ÷ v − 1 = 3,494.625, α = m(α + β), β = (1 − m)(α + β).
        var forecast = ConversionForecaster.Forecast(TenThousandViews, [new(4_000, 3)], Peers(5, 10, 15, 20, 5, 10, 15, 20));

        const double size = (0.00125 * 0.99875 / (2.5e-6 / 7)) - 1;
        forecast.Basis.ShouldBe(ForecastBasis.PeerBenchmark);
        (forecast.Collaborations, forecast.AttributedViews, forecast.AttributedConversions).ShouldBe((8, 80_000L, 100L));
        forecast.Rate.Estimate.ShouldBe(Beta.InvCDF(0.00125 * size, 0.99875 * size, 0.5), 1e-9);
        forecast.Rate.Lower.ShouldBe(Beta.InvCDF(0.00125 * size, 0.99875 * size, 0.1), 1e-9);
        forecast.Rate.Upper.ShouldBe(Beta.InvCDF(0.00125 * size, 0.99875 * size, 0.9), 1e-9);
        forecast.Method.ShouldContain("the creator has 3 attributed conversions, fewer than 10");
        forecast.Method.ShouldContain("Beta(4.368, 3490.257)");
        forecast.ToString().ShouldEndWith("from 8 collaborations of peers");
    }

    [Fact]
    public void Peers_all_at_one_rate_give_the_pooled_posterior()
    {
        var forecast = ConversionForecaster.Forecast(TenThousandViews, [], Peers(10, 10, 10, 10, 10, 10, 10, 10));

        forecast.Rate.Estimate.ShouldBe(Beta.InvCDF(81, 79_921, 0.5), 1e-12);
        forecast.Method.ShouldContain("their rates do not vary");
    }

    [Fact]
    public void The_views_spread_widens_the_conversions_interval()
    {
        List<AttributedResults> history = [new(10_000_000, 10_000)];
        var known = ConversionForecaster.Forecast(TenThousandViews, history);
        var spread = ConversionForecaster.Forecast(Views(10_000, 4_000, 25_000), history);

        spread.Expected.Estimate.ShouldBe(10, 1);
        (spread.Expected.Upper - spread.Expected.Lower).ShouldBeGreaterThan(known.Expected.Upper - known.Expected.Lower);

        // With the rate fixed, the views' 80% interval times the rate holds about 80% of the conversions' draws, so
        // the bounds lie near 4 and 25, widened a little by the Poisson.
        spread.Expected.Lower.ShouldBeInRange(2, 5);
        spread.Expected.Upper.ShouldBeInRange(25, 30);
    }

    [Fact]
    public void The_same_seed_gives_the_same_forecast_and_another_seed_may_differ_only_by_simulation()
    {
        var views = Views(50_000, 20_000, 120_000);
        List<AttributedResults> history = [new(300_000, 40)];

        ConversionForecaster.Forecast(views, history, seed: 3).ShouldBe(ConversionForecaster.Forecast(views, history, seed: 3));
        var other = ConversionForecaster.Forecast(views, history, seed: 4);
        other.Rate.ShouldBe(ConversionForecaster.Forecast(views, history, seed: 3).Rate);
        (other.Seed, other.Draws).ShouldBe((4, ConversionForecaster.DefaultDraws));
    }

    [Fact(Timeout = 60_000)]
    public async Task Billions_of_expected_conversions_are_forecast_rather_than_drawn_for_ever()
    {
        // 5 billion views at a rate near 0.9: each draw's Poisson mean is past what a Poisson sampler of whole
        // numbers (int) holds, and a wide views interval reaches such means in its tail.
        var billions = await Task.Run(() => ConversionForecaster.Forecast(Views(5e9, 4e9, 6e9), [new(1_000, 900)], draws: 1_000));
        var wide = await Task.Run(() => ConversionForecaster.Forecast(Views(1e6, 1, 1e300), [new(1_000, 900)], draws: 1_000));

        billions.Expected.Estimate.ShouldBeInRange(4.2e9, 4.8e9);
        (billions.Expected.Lower <= billions.Expected.Estimate && billions.Expected.Estimate <= billions.Expected.Upper).ShouldBeTrue();
        (wide.Expected.Lower <= wide.Expected.Estimate && wide.Expected.Estimate <= wide.Expected.Upper).ShouldBeTrue();
        wide.Expected.Upper.ShouldBe((double)long.MaxValue, "a count past the largest is held at it");
    }

    [Fact]
    public void A_views_forecast_out_of_range_and_counts_whose_totals_overflow_are_refused()
    {
        // A forecast built by hand rather than by PostForecaster: a level of NaN or 1, or negative views, would make
        // the simulation's spread or its draws NaN, and silently zero.
        foreach (var views in new[] { Views(100, 10, 1_000) with { Level = double.NaN }, Views(100, 10, 1_000) with { Level = 1 }, Views(-5, -10, 1_000), Views(100, 10, double.PositiveInfinity), Views(100, 1_000, 10) })
        {
            Should.Throw<DomainValidationException>(() => ConversionForecaster.Forecast(views, [new(10_000, 100)], draws: 1_000))
                .Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("views"), e => e.Code.ShouldBe("planning.views_invalid"));
        }

        var half = (long.MaxValue / 2) + 1;
        Should.Throw<DomainValidationException>(() => ConversionForecaster.Forecast(TenThousandViews, [new(half, 20), new(half, 20)], draws: 1_000))
            .Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("history"), e => e.Code.ShouldBe("planning.counts_too_large"));
        Should.Throw<DomainValidationException>(() => ConversionForecaster.Forecast(TenThousandViews, [], [.. Enumerable.Repeat(new AttributedResults(long.MaxValue / 4, 1), 8)], draws: 1_000))
            .Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("peers"), e => e.Code.ShouldBe("planning.counts_too_large"));
    }

    [Fact]
    public void Bad_input_is_refused_naming_each_field()
    {
        Should.Throw<DomainValidationException>(() => ConversionForecaster.Forecast(Views(10, 5, 20, ForecastMetric.Engagements), [new(100, 10)]))
            .Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("views"), e => e.Code.ShouldBe("planning.views_required"));
        Should.Throw<DomainValidationException>(() => ConversionForecaster.Forecast(null!, [new(100, 10)]))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("views");
        Should.Throw<DomainValidationException>(() => ConversionForecaster.Forecast(TenThousandViews, null!))
            .Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("history"), e => e.Code.ShouldBe("planning.history_required"));
        Should.Throw<DomainValidationException>(() => ConversionForecaster.Forecast(TenThousandViews, [new(100, 10), new(10, 11), null!, new(-1, 0)], [new(5, -1)], Money.Of(-1m, Currency.USD), draws: 999))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe(
            [
                ("history[1].Conversions", "planning.successes_above_trials"),
                ("history[2]", "planning.results_required"),
                ("history[3].Views", "planning.count_negative"),
                ("peers[0].Conversions", "planning.count_negative"),
                ("price", "planning.price_negative"),
                ("draws", "planning.draws_invalid"),
            ]);
        Should.Throw<DomainValidationException>(() => ConversionForecaster.Forecast(TenThousandViews, [new(10_000, 9)], Peers(1, 2, 3, 4, 5, 6, 7)))
            .Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("peers"), e => e.Code.ShouldBe("planning.history_too_thin"));
    }

    [Fact]
    public void A_default_price_is_refused_naming_the_field()
    {
        // default(Money) has no currency: reading it threw an InvalidOperationException out of Forecast.
        Should.Throw<DomainValidationException>(() => ConversionForecaster.Forecast(TenThousandViews, [new(10_000, 100)], price: default(Money)))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("price", "planning.price_without_currency")]);
    }

    [Fact]
    public void A_views_forecast_at_a_tiny_level_still_brings_conversions()
    {
        // PostForecaster takes any level in (0, 1). At 10⁻¹⁷, 1 − (1 − level)/2 rounds to ½ and z(½) = 0; the views
        // interval is its median, and its spread was 0 ÷ 0: NaN views, and 0 conversions in every draw. 10,000 views
        // at a rate of about 10% bring about 1,000, whatever the level.
        var posts = new long[] { 8_000, 9_000, 10_000, 11_000, 12_000, 10_000, 9_500, 10_500 }.Select((count, i) => Post($"p{i}", count)).ToList();
        var views = PostForecaster.Forecast(posts, PostKind.Video, ForecastMetric.Views, level: 1e-17);
        views.Expected.Lower.ShouldBe(views.Expected.Upper);

        var forecast = ConversionForecaster.Forecast(views, [new AttributedResults(10_000, 1_000)], seed: 3);

        forecast.Expected.Estimate.ShouldBe(views.Expected.Estimate * 0.1, views.Expected.Estimate * 0.01, $"{forecast.Expected} conversions from {views.Expected} views at a rate of {forecast.Rate}");
    }

    [Fact]
    public void The_rate_is_accurate_for_a_rare_conversion_over_many_views()
    {
        // 10 conversions in 10 trillion views: Beta(11, 10¹³ − 9), whose median is 1.0668522e-12 (to about 10⁻¹² relative
        // the median of Gamma(11, 1) ÷ (10¹³ − 9), R: qgamma(0.5, 11) = 10.66852; the beta's own, mpmath, agrees).
        // MathNet's Beta.InvCDF stopped its search at an absolute tolerance and gave 2⁻⁴⁰ = 9.095e-13, 15% low.
        var forecast = ConversionForecaster.Forecast(TenThousandViews, [new AttributedResults(10_000_000_000_000, 10)]);

        forecast.Rate.Estimate.ShouldBe(1.0668522e-12, 1e-19);
        forecast.Rate.Lower.ShouldBe(7.0207466e-13, 1e-19);
        forecast.Rate.Upper.ShouldBe(1.5406641e-12, 1e-19);
    }

    [Fact]
    public void A_collaborations_results_come_from_its_reconciliation_line_and_its_posts()
    {
        var clock = new FakeClock(Instant.FromUtc(2027, 1, 10, 0, 0));
        var collaboration = EntityId.New<CollaborationId>(clock);
        var book = new ConversionBook(Duration.FromDays(7), Currency.USD);
        book.AssignCode("GLOW1", collaboration);
        book.Record("o1", clock.GetCurrentInstant(), Money.Of(42m, Currency.USD), "GLOW1");
        book.Record("o2", clock.GetCurrentInstant(), Money.Of(42m, Currency.USD), "GLOW1");
        book.Record("o3", clock.GetCurrentInstant(), Money.Of(42m, Currency.USD), "GLOW1");
        book.Reverse("o3", "returned", clock).GetValueOrThrow();
        var line = book.Reconcile().Single();

        AttributedResults.Of(line, [Post("a", 12_000), Post("b", 3_000)]).ShouldBe(new AttributedResults(15_000, 2));
        AttributedResults.Of(line, [Post("a", 12_000), Post("b", null)]).ShouldBeNull();
    }

    [Property(MaxTest = 50)]
    public Property The_interval_holds_the_median(int seed)
    {
        var random = new Random(seed);
        var median = random.Next(100, 1_000_000);
        var spread = Math.Exp(random.NextDouble() * 2);
        var views = Views(median, Math.Round(median / spread), Math.Round(median * spread));
        var history = Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(1_000, 1_000_000)).Select(count => new AttributedResults(count, random.Next(0, Math.Max(1, count / 50)))).ToList();
        history.Add(new AttributedResults(10_000, ConversionForecaster.MinimumConversions));
        var forecast = ConversionForecaster.Forecast(views, history, seed: seed, draws: 2_000);

        return (forecast.Expected.Lower <= forecast.Expected.Estimate && forecast.Expected.Estimate <= forecast.Expected.Upper).Label($"conversions {forecast.Expected}")
            .And((forecast.Rate.Lower <= forecast.Rate.Estimate && forecast.Rate.Estimate <= forecast.Rate.Upper).Label($"rate {forecast.Rate}"));
    }

    [Property(MaxTest = 50)]
    public Property More_data_at_the_same_rate_narrows_the_rates_interval(int seed)
    {
        var random = new Random(seed);
        var views = random.Next(1_000, 1_000_000);
        var conversions = random.Next(ConversionForecaster.MinimumConversions, (views / 10) + ConversionForecaster.MinimumConversions + 1);
        var times = random.Next(2, 10);
        var less = ConversionForecaster.Forecast(TenThousandViews, [new(views, Math.Min(conversions, views))], draws: 1_000).Rate;
        var more = ConversionForecaster.Forecast(TenThousandViews, [.. Enumerable.Repeat(new AttributedResults(views, Math.Min(conversions, views)), times)], draws: 1_000).Rate;

        return (more.Upper - more.Lower < less.Upper - less.Lower).Label($"{times} times the data: {more} against {less}");
    }

    private static PostMetricsHistory Post(string id, long? views)
    {
        var history = new PostMetricsHistory(id);
        history.Add(new PostMetrics
        {
            PostId = id,
            Platform = Platform.TikTok,
            Kind = PostKind.Video,
            PostedAt = Instant.FromUtc(2027, 1, 1, 0, 0),
            CapturedAt = Instant.FromUtc(2027, 2, 1, 0, 0),
            Views = views,
        });
        return history;
    }
}
