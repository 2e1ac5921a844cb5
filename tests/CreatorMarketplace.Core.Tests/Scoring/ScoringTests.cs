using CreatorMarketplace.Creators;
using CreatorMarketplace.Scoring;
using FsCheck.Fluent;

namespace CreatorMarketplace.Tests.Scoring;

public class ScoringTests
{
    private static readonly PeerGroup Beauty = new(new ContentLabel("beauty"), FollowerTier.Micro, Country.US);

    [Fact]
    public void Quartiles_interpolate_between_ranks_and_a_rank_counts_half_the_ties()
    {
        var benchmarks = PeerBenchmarks.Build([(Beauty, 1d), (Beauty, 2d), (Beauty, 3d), (Beauty, 4d), (Beauty, null), (Beauty, double.NaN)]);

        benchmarks.QuartilesOf(Beauty).ShouldBe(new Quartiles(1.75, 2.5, 3.25, 4));
        benchmarks.PercentileRank(Beauty, 3d).ShouldBe(62.5);
        benchmarks.PercentileRank(Beauty, 0d).ShouldBe(0d);
        benchmarks.PercentileRank(Beauty, 9d).ShouldBe(100d);
        benchmarks.QuartilesOf(Beauty with { Market = Country.CA }).ShouldBeNull();
    }

    [Fact]
    public void A_score_explains_each_component_and_leaves_out_what_was_not_reported()
    {
        var score = ScoringModel.Default.Score(new ScoreInputs
        {
            EngagementPercentile = 80,
            AudienceFit = 0.6,
            CompletionRate = 0.3,
            ViewsToFollowers = 1.2,
            PastCampaigns = 5,
            Responsive = true,
        });

        score.Contributions.Select(c => c.ToString()).ShouldBe([
            "engagement vs peers: percentile 80 → 0.80 × 28% = 22.2 points",
            "audience fit: 0.6 → 0.60 × 28% = 16.7 points",
            "completion rate: 0.3 → 0.50 × 11% = 5.6 points",
            "views to followers: 1.2 → 1.00 × 17% = 16.7 points",
            "collaboration history: 5 campaigns → 0.50 × 11% = 5.6 points",
            "responsiveness: badge → 1.00 × 6% = 5.6 points",
            "authenticity: not reported, not scored",
        ]);
        score.Value!.Value.ShouldBe(72.2222, 0.001);
    }

    [Fact]
    public void A_model_with_bad_weights_or_normalisers_is_refused_naming_each()
    {
        var result = ScoringModel.Create(
            new Dictionary<ScoreComponent, double> { [ScoreComponent.AudienceFit] = -1, [ScoreComponent.Authenticity] = double.NaN },
            new ScoringNormalisers(ViewsToFollowersAtFull: 0, CompletionRateAtFull: 2));

        result.Errors.Select(e => e.Field).ShouldBe(["weights[audience fit]", "weights[authenticity]", "weights", "ViewsToFollowersAtFull", "CompletionRateAtFull"]);
    }

    [Property(MaxTest = 300)]
    public Property Scores_are_deterministic_within_0_to_100_and_monotone_in_each_component(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        double? Maybe(double value) => random.Next(5) == 0 ? null : value;
        var inputs = new ScoreInputs
        {
            EngagementPercentile = Maybe(random.NextDouble() * 100),
            AudienceFit = Maybe(random.NextDouble()),
            CompletionRate = Maybe(random.NextDouble()),
            ViewsToFollowers = Maybe(random.NextDouble() * 2),
            PastCampaigns = random.Next(5) == 0 ? null : random.Next(0, 30),
            Responsive = random.Next(3) switch { 0 => null, 1 => false, _ => true },
            Authenticity = Maybe(random.NextDouble()),
        };
        var better = inputs with
        {
            EngagementPercentile = inputs.EngagementPercentile + random.NextDouble() * 10,
            AudienceFit = inputs.AudienceFit is { } fit ? Math.Min(1, fit + 0.1) : null,
        };

        var score = ScoringModel.Default.Score(inputs);
        var again = ScoringModel.Default.Score(inputs);
        var improved = ScoringModel.Default.Score(better);
        return (score.Value == again.Value).Label("score.Value == again.Value")
            .And((score.Value is null || score.Value is >= 0 and <= 100).Label("(score.Value is null || score.Value is >= 0 and <= 100)"))
            .And((score.Value is null || improved.Value >= score.Value - 1e-9).Label("(score.Value is null || improved.Value >= score.Value - 1e-9)"));
    }

    [Fact]
    public void Audience_fit_is_the_overlap_of_the_distributions()
    {
        var target = Distribution.Create([KeyValuePair.Create(Country.US, 0.7), KeyValuePair.Create(Country.CA, 0.3)]);
        var audience = Distribution.Create([KeyValuePair.Create(Country.US, 0.5), KeyValuePair.Create(Country.MX, 0.5)]);

        AudienceFit.Of(target, audience)!.Value.ShouldBe(0.5, 1e-12);
        AudienceFit.Of(target, target)!.Value.ShouldBe(1d, 1e-12);
        AudienceFit.Of(target, null).ShouldBeNull();
    }

    [Fact]
    public void Authenticity_flags_low_credibility_a_follower_spike_and_an_odd_like_comment_ratio()
    {
        var clean = Authenticity.Assess(Share.FromFraction(0.9), [10_000, 10_050, 10_100, 10_160], 40, new Quartiles(20, 35, 60, 100));
        var doubtful = Authenticity.Assess(Share.FromFraction(0.6), [10_000, 10_050, 30_000, 30_060], 400, new Quartiles(20, 35, 60, 100));

        (clean.Value, clean.Flags.Count, clean.Signals).ShouldBe((1d, 0, 3));
        doubtful.Flags.Select(f => f.Code).ShouldBe(["authenticity.low_credibility", "authenticity.follower_spike", "authenticity.like_comment_ratio"]);
        doubtful.Value.ShouldBe(0, 1e-12);
        doubtful.Flags[1].Message.ShouldBe("day 2 gained 19,950 followers against a typical 60.");
    }

    [Fact]
    public void A_steady_follower_series_near_the_largest_count_raises_no_spike_and_does_not_overflow()
    {
        var steady = Authenticity.Assess(null, [0, 2_000_000_000_000_000_000, 4_000_000_000_000_000_000, 6_000_000_000_000_000_000], null, null);
        var spiking = Authenticity.Assess(null, [0, 1_000_000_000_000_000_000, 2_000_000_000_000_000_000, 9_000_000_000_000_000_000], null, null);

        (steady.Value, steady.Flags.Count).ShouldBe((1d, 0));
        spiking.Flags.ShouldHaveSingleItem().Code.ShouldBe("authenticity.follower_spike");
    }

    [Fact]
    public void A_nan_input_is_left_out_as_not_reported_and_an_infinite_ratio_gets_full_marks()
    {
        var model = ScoringModel.Create(new Dictionary<ScoreComponent, double> { [ScoreComponent.EngagementVsPeers] = 1, [ScoreComponent.AudienceFit] = 1, [ScoreComponent.ViewsToFollowers] = 1 }).GetValueOrThrow();

        var score = model.Score(new ScoreInputs { EngagementPercentile = double.NaN, AudienceFit = 1, ViewsToFollowers = double.PositiveInfinity });

        score.Value.ShouldBe(100d);
        score.Contributions.Select(c => c.Input).ShouldBe(["not reported", "1", "Infinity"]);
        model.Score(new ScoreInputs { EngagementPercentile = double.NaN }).Value.ShouldBeNull();
    }

    [Fact]
    public void Weights_that_add_up_to_more_than_a_double_holds_are_refused()
    {
        var created = ScoringModel.Create(new Dictionary<ScoreComponent, double> { [ScoreComponent.AudienceFit] = double.MaxValue, [ScoreComponent.Authenticity] = double.MaxValue });

        created.Errors.ShouldHaveSingleItem().ShouldBe(new DomainError("weights", "scoring.weights_too_large", "the weights add up to more than a double holds; scale them down."));
    }
}
