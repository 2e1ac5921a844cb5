using FsCheck.Fluent;
using CreatorMarketplace.Planning;
using MathNet.Numerics.Distributions;

namespace CreatorMarketplace.Planning.Tests;

public class CreatorTestTests
{
    private static readonly TestArm Maya = new("maya", TestArmKind.Creator, "@maya.makes, unboxing video");
    private static readonly TestArm Leo = new("leo", TestArmKind.Creator, "@leo.cooks, recipe video");
    private static readonly TestArm Ana = new("ana", TestArmKind.Creator, "@ana.runs, routine video");

    private static CreatorTest TwoArms(TestMetric? metric = null) =>
        CreatorTest.Create("hooks", [Maya, Leo], metric ?? TestMetric.ConversionRate, baseline: 0.5, minimumDetectableEffect: 0.25, significanceLevel: 0.05, power: 0.9);

    private static CreatorTest ThreeArms(TestMetric? metric = null) =>
        CreatorTest.Create("hooks", [Maya, Leo, Ana], metric ?? TestMetric.ConversionRate, baseline: 0.05, minimumDetectableEffect: 0.01);

    [Fact]
    public void Two_arms_need_the_sample_of_power_prop_test()
    {
        // R's power.prop.test(p1 = .50, p2 = .75, power = .90) gives n = 76.7 per group; a verdict needs whole visits.
        TwoArms().SampleSizePerArm.ShouldBe(77);
        TwoArms().Comparisons.ShouldBe(1);
    }

    [Fact]
    public void More_arms_plan_each_comparison_at_Holms_strictest_level()
    {
        // Three arms make three comparisons, planned at α = 0.05 ÷ 3. By hand: z(1 − 0.05/6) = 2.393980, z(0.8) =
        // 0.841621, p̄ = 0.055: (2.393980·√(2·0.055·0.945) + 0.841621·√(0.05·0.95 + 0.06·0.94))² ÷ 0.01²
        // = (0.771851 + 0.271284)² ÷ 0.0001 = 10,881.3.
        var test = ThreeArms();

        test.Comparisons.ShouldBe(3);
        test.PlannedSignificanceLevel.ShouldBe(0.05 / 3, 1e-15);
        test.SampleSizePerArm.ShouldBe(10_882);
    }

    [Fact]
    public void A_power_no_more_than_a_test_of_no_trials_has_is_refused()
    {
        // n = (z(1 − α/2)·√(2p̄q̄) + z(power)·√(p₁q₁ + p₂q₂))² ÷ d² holds only while the bracket is positive, i.e. for a
        // power above Φ(−z(1 − α/2)·√(2p̄q̄) ÷ √(p₁q₁ + p₂q₂)), what a test of no trials has. Baseline 5%, effect 1 point,
        // α = 0.05: Φ(−1.959964·0.322413 ÷ 0.322335) = 0.024972 (mpmath). Below it the squared bracket grew again as
        // the power fell: power 1e-6 gave (0.631915 − 4.753424·0.322335)² ÷ 1e-4 = 8,106 visits, twice the 3,994 of
        // power 0.5. R's power.prop.test has no n there either.
        var error = Should.Throw<DomainValidationException>(() => CreatorTest.Create("hooks", [Maya, Leo], TestMetric.ConversionRate, 0.05, 0.01, 0.05, power: 1e-6));

        var refused = error.Errors.ShouldHaveSingleItem();
        (refused.Field, refused.Code).ShouldBe(("power", "planning.power_too_low"));
        refused.Message.ShouldContain("0.02497");
        Should.Throw<DomainValidationException>(() => CreatorTest.Create("hooks", [Maya, Leo], TestMetric.ConversionRate, 0.05, 0.01, 0.05, power: 0.0249))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("planning.power_too_low");

        // Just above it a fraction of a visit does: one, and the sample falls with the power all the way down.
        CreatorTest.Create("hooks", [Maya, Leo], TestMetric.ConversionRate, 0.05, 0.01, 0.05, power: 0.025).SampleSizePerArm.ShouldBe(1);
        CreatorTest.Create("hooks", [Maya, Leo], TestMetric.ConversionRate, 0.05, 0.01, 0.05, power: 0.5).SampleSizePerArm.ShouldBe(3_994);
    }

    [Fact]
    public void A_test_never_plans_fewer_than_one_trial_per_arm()
    {
        // At the power where z(1 − α/2)·√(2p̄q̄) + z(power)·√(p₁q₁ + p₂q₂) = 0 the formula plans no trial at all; a verdict
        // on arms with none divided 0 by 0 in the pooled z-test. The power is refused, or planned at one trial or more.
        double p1 = 0.25, p2 = 0.75, mean = 0.5;
        var power = Normal.CDF(0, 1, -Normal.InvCDF(0, 1, 0.975) * Math.Sqrt(2 * mean * (1 - mean)) / Math.Sqrt((p1 * (1 - p1)) + (p2 * (1 - p2))));
        CreatorTest test;
        try
        {
            test = CreatorTest.Create("hooks", [Maya, Leo], TestMetric.ConversionRate, p1, p2 - p1, 0.05, power);
        }
        catch (DomainValidationException refused)
        {
            refused.Errors.ShouldHaveSingleItem().Field.ShouldBe("power");
            return;
        }

        test.SampleSizePerArm.ShouldBeGreaterThanOrEqualTo(1);
        var comparison = test.Analyse([new("maya", test.SampleSizePerArm, 0), new("leo", test.SampleSizePerArm, 0)]).AsT0.Comparisons.ShouldHaveSingleItem();
        double.IsFinite(comparison.PValue).ShouldBeTrue($"p-value {comparison.PValue} with {test.SampleSizePerArm} trials per arm");
    }

    [Fact]
    public void The_count_of_comparisons_does_not_overflow_while_it_fits_an_int()
    {
        // 46,342 arms make 46,342 · 46,341 ÷ 2 = 1,073,767,311 comparisons, which an int holds, though k(k − 1) =
        // 2,147,534,622 does not: formed first in an int, the checked build threw an OverflowException out of Create.
        var many = Enumerable.Range(0, 46_342).Select(i => new TestArm($"a{i}", TestArmKind.Creator, "arm")).ToArray();

        CreatorTest.Create("many", many, TestMetric.ConversionRate, 0.5, 0.3).Comparisons.ShouldBe(1_073_767_311);

        // 65,537 arms make 2,147,516,416 comparisons, more than an int holds: refused, naming the arms.
        var tooMany = Enumerable.Range(0, 65_537).Select(i => new TestArm($"a{i}", TestArmKind.Creator, "arm")).ToArray();
        var refused = Should.Throw<DomainValidationException>(() => CreatorTest.Create("many", tooMany, TestMetric.ConversionRate, 0.5, 0.3)).Errors.ShouldHaveSingleItem();
        (refused.Field, refused.Code).ShouldBe(("arms", "planning.too_many_arms"));
        refused.Message.ShouldContain("65,536");
    }

    [Fact]
    public void No_verdict_before_every_arm_has_its_planned_sample()
    {
        var verdict = ThreeArms().Analyse([new("maya", 10_882, 600), new("leo", 9_000, 470), new("ana", 4_000, 150)]);

        verdict.IsDecided.ShouldBeFalse();
        var shortfalls = verdict.AsT1.Shortfalls;
        shortfalls.Select(s => (s.Arm.Name, s.Missing)).ShouldBe([("leo", 1_882L), ("ana", 6_882L)]);
        verdict.ToString().ShouldBe("no verdict before the planned sample: leo lacks 1,882 of 10,882; ana lacks 6,882 of 10,882");
    }

    [Fact]
    public void A_verdict_gives_each_arms_wilson_interval_and_the_newcombe_difference()
    {
        // Newcombe's example (a), 56/70 against 48/80: the arms' intervals and their difference's, from the same paper.
        var test = CreatorTest.Create("hooks", [Maya, Leo], TestMetric.ConversionRate, baseline: 0.5, minimumDetectableEffect: 0.5);
        test.SampleSizePerArm.ShouldBeLessThanOrEqualTo(70);

        var result = test.Analyse([new("leo", 80, 48), new("maya", 70, 56)]).AsT0;

        result.Arms.Select(arm => arm.Arm).ShouldBe([Maya, Leo]);
        result.Arms[0].Rate.Estimate.ShouldBe(0.8, 1e-12);
        result.Arms[0].CostPerAcquisition.ShouldBeNull();
        var comparison = result.Comparisons.ShouldHaveSingleItem();
        comparison.Difference.Lower.ShouldBe(0.0524, 0.00005);
        comparison.Difference.Upper.ShouldBe(0.3339, 0.00005);
        comparison.PValue.ShouldBe(0.008045, 0.000001);
        comparison.AdjustedPValue.ShouldBe(comparison.PValue);
        comparison.Better.ShouldBe(Maya);
        result.Winner.ShouldBe(Maya);
        result.ToString().ShouldBe("maya wins on conversion rate");
    }

    [Fact]
    public void A_three_arm_verdict_corrects_for_every_comparison()
    {
        var result = ThreeArms().Analyse([new("maya", 11_000, 660), new("leo", 11_000, 550), new("ana", 11_000, 548)], seed: 7).AsT0;

        result.Comparisons.Select(c => (c.First.Name, c.Second.Name)).ShouldBe([("maya", "leo"), ("maya", "ana"), ("leo", "ana")]);
        var raw = result.Comparisons.Select(c => c.PValue).ToArray();
        result.Comparisons.Select(c => c.AdjustedPValue).ShouldBe(Statistics.Holm(raw));
        result.Comparisons[2].IsSignificant.ShouldBeFalse();
        result.Winner.ShouldBe(Maya);
        result.Arms[0].ProbabilityBest.ShouldBeGreaterThan(0.99);
        result.Arms.Sum(arm => arm.ProbabilityBest).ShouldBe(1d, 1e-12);
    }

    [Fact]
    public void No_winner_when_no_arm_beats_every_other()
    {
        var result = ThreeArms().Analyse([new("maya", 11_000, 560), new("leo", 11_000, 550), new("ana", 11_000, 548)]).AsT0;

        result.Winner.ShouldBeNull();
        result.Comparisons.ShouldAllBe(c => !c.IsSignificant);
        result.ToString().ShouldBe("no arm is significantly better than every other on conversion rate");
    }

    [Fact]
    public void The_same_seed_gives_the_same_verdict()
    {
        var test = ThreeArms(TestMetric.CostPerAcquisition(Currency.USD));
        ArmObservation[] observed = [new("maya", 11_000, 660, Money.Of(6_000m, Currency.USD)), new("leo", 11_000, 550, Money.Of(5_500m, Currency.USD)), new("ana", 11_000, 548, Money.Of(7_000m, Currency.USD))];

        var first = test.Analyse(observed, seed: 42).AsT0;
        var again = test.Analyse(observed, seed: 42).AsT0;
        var other = test.Analyse(observed, seed: 43).AsT0;

        again.Arms.ShouldBe(first.Arms);
        again.Comparisons.ShouldBe(first.Comparisons);
        other.Arms.Select(arm => arm.ProbabilityBest).ShouldNotBe(first.Arms.Select(arm => arm.ProbabilityBest));
    }

    [Fact]
    public void Cost_per_acquisition_is_exact_with_a_bootstrap_interval_and_lower_wins()
    {
        var test = ThreeArms(TestMetric.CostPerAcquisition(Currency.USD));

        var result = test.Analyse(
            [new("maya", 11_000, 660, Money.Of(6_600m, Currency.USD)), new("leo", 11_000, 550, Money.Of(6_600m, Currency.USD)), new("ana", 11_000, 550, Money.Of(6_710m, Currency.USD))],
            seed: 3).AsT0;

        var maya = result.Arms[0].CostPerAcquisition!.Value;
        maya.Estimate.Amount.ShouldBe(10m);
        maya.Lower!.Value.ShouldBeLessThan(10m);
        maya.Upper!.Value.ShouldBeGreaterThan(10m);

        // Each bound is the spend over a whole number of resampled conversions, so it is exact.
        (6_600m / maya.Lower.Value).ShouldBe(decimal.Round(6_600m / maya.Lower.Value));
        result.Arms[1].CostPerAcquisition!.Value.Estimate.Amount.ShouldBe(12m);
        result.Comparisons[0].Difference.Estimate.ShouldBe(-2d, 1e-9);
        result.Comparisons[0].Difference.Upper.ShouldBeLessThan(0d);
        result.Comparisons[0].Better.ShouldBe(Maya);
        result.Winner.ShouldBe(Maya);
        result.Arms.MaxBy(arm => arm.ProbabilityBest)!.Arm.ShouldBe(Maya);
    }

    [Fact]
    public void An_arm_without_conversions_costs_an_unbounded_amount()
    {
        var test = CreatorTest.Create("hooks", [Maya, Leo], TestMetric.CostPerAcquisition(Currency.USD), baseline: 0.5, minimumDetectableEffect: 0.45);

        var result = test.Analyse([new("maya", 40, 20, Money.Of(400m, Currency.USD)), new("leo", 40, 0, Money.Of(400m, Currency.USD))]).AsT0;

        result.Arms[1].CostPerAcquisition!.Value.Estimate.IsDefined.ShouldBeFalse();
        result.Arms[1].CostPerAcquisition!.Value.Upper.ShouldBeNull();
        result.Comparisons[0].Difference.Estimate.ShouldBe(double.NegativeInfinity);
        result.Winner.ShouldBe(Maya);
    }

    [Fact]
    public void The_pooled_z_test_does_not_overflow_on_huge_trial_counts()
    {
        // Two arms of long.MaxValue visits, at 50% and 25%: trials₁ + trials₂ overflowed a long, and the checked build
        // threw an OverflowException out of Analyse. In doubles the pooled z is about 1.1·10⁹: p = 0, maya better.
        var test = CreatorTest.Create("hooks", [Maya, Leo], TestMetric.ConversionRate, 0.5, 0.25);

        var comparison = test.Analyse([new("maya", long.MaxValue, long.MaxValue / 2), new("leo", long.MaxValue, long.MaxValue / 4)]).AsT0.Comparisons.ShouldHaveSingleItem();

        comparison.PValue.ShouldBeLessThan(1e-10);
        comparison.Better.ShouldBe(Maya);
    }

    [Fact]
    public void Arms_tied_for_best_share_the_draw()
    {
        // Cost per acquisition, arms free and with the same counts: every draw scores each +∞, so by symmetry each is
        // best with the same probability. The first arm used to take every tie: 100% against 0%.
        var test = CreatorTest.Create("hooks", [Maya, Leo], TestMetric.CostPerAcquisition(Currency.USD), 0.5, 0.25);
        var free = Money.Zero(Currency.USD);

        var two = test.Analyse([new("maya", 1_000, 500, free), new("leo", 1_000, 500, free)], seed: 7).AsT0;

        two.Arms.Select(arm => arm.ProbabilityBest).ShouldBe([0.5, 0.5]);

        // Three free arms and a paid one: the free ones share every draw, a third each, and the paid one is never best.
        var three = CreatorTest.Create("hooks", [Maya, Leo, Ana, Ana with { Name = "zoe" }], TestMetric.CostPerAcquisition(Currency.USD), 0.5, 0.3)
            .Analyse([new("maya", 1_000, 500, free), new("leo", 1_000, 100, free), new("ana", 1_000, 900, free), new("zoe", 1_000, 900, Money.Of(1m, Currency.USD))], draws: 1_000).AsT0;

        three.Arms.Take(3).ShouldAllBe(arm => Math.Abs(arm.ProbabilityBest - (1d / 3d)) < 1e-12);
        three.Arms[3].ProbabilityBest.ShouldBe(0d);
    }

    [Property(MaxTest = 50)]
    public Property Probabilities_of_being_best_sum_to_one(PositiveInt[] extra, int seed)
    {
        var test = ThreeArms();
        var observed = new[] { Maya, Leo, Ana }
            .Select((arm, i) => new ArmObservation(arm.Name, test.SampleSizePerArm + (extra.Length > i ? extra[i].Get : 0), 500 + (extra.Length > i ? extra[i].Get % 200 : 0)))
            .ToArray();

        var result = test.Analyse(observed, seed, draws: 1_000).AsT0;

        return (Math.Abs(result.Arms.Sum(arm => arm.ProbabilityBest) - 1d) < 1e-12).Label("sum to 1")
            .And(result.Arms.All(arm => arm.ProbabilityBest is >= 0d and <= 1d).Label("each in [0, 1]"));
    }

    [Fact]
    public void A_bad_design_names_every_field_at_fault()
    {
        var error = Should.Throw<DomainValidationException>(() => CreatorTest.Create(
            " ", [Maya, Maya with { Description = "" }], TestMetric.ConversionRate, double.NaN, -0.1, significanceLevel: 1.5, power: double.PositiveInfinity));

        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("name", "planning.test_name_required"),
            ("arms[1].Name", "planning.duplicate_arm"),
            ("arms[1].Description", "planning.arm_description_required"),
            ("baseline", "planning.baseline_invalid"),
            ("minimumDetectableEffect", "planning.effect_invalid"),
            ("significanceLevel", "planning.significance_invalid"),
            ("power", "planning.power_invalid"),
        ]);
    }

    [Fact]
    public void A_test_needs_two_arms_and_an_effect_within_the_scale()
    {
        Should.Throw<DomainValidationException>(() => CreatorTest.Create("hooks", [Maya], TestMetric.ConversionRate, 0.05, 0.01))
            .Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("arms"), e => e.Code.ShouldBe("planning.too_few_arms"));
        Should.Throw<DomainValidationException>(() => CreatorTest.Create("hooks", [], TestMetric.ConversionRate, 0.05, 0.01))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("planning.too_few_arms");
        Should.Throw<DomainValidationException>(() => CreatorTest.Create("hooks", [Maya, Leo], TestMetric.ConversionRate, 0.95, 0.1))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("minimumDetectableEffect");
    }

    [Fact]
    public void An_effect_too_small_to_plan_is_refused()
    {
        // (1.96·√(2·0.5·0.5) + 0.8416·√0.5)² ÷ (10⁻⁹)² ≈ 3.9·10¹⁸ visits per arm, beyond any test.
        Should.Throw<DomainValidationException>(() => CreatorTest.Create("hooks", [Maya, Leo], TestMetric.ConversionRate, 0.5, 1e-9))
            .Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("minimumDetectableEffect"), e => e.Code.ShouldBe("planning.effect_too_small"));
    }

    [Fact]
    public void Bad_observations_name_every_field_at_fault()
    {
        var test = ThreeArms(TestMetric.CostPerAcquisition(Currency.USD));

        var error = Should.Throw<DomainValidationException>(() => test.Analyse(
        [
            new("maya", -1, 5, Money.Of(10m, Currency.USD)),
            new("leo", 100, 101, Money.Of(10m, Currency.EUR)),
            new("leo", 100, -1),
            new("zoe", 100, 1, Money.Of(-10m, Currency.USD)),
        ]));

        error.ParamName.ShouldBe("observations");
        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("observations[0].Trials", "planning.count_negative"),
            ("observations[0].Successes", "planning.successes_above_trials"),
            ("observations[1].Successes", "planning.successes_above_trials"),
            ("observations[1].Spend", "planning.spend_currency"),
            ("observations[2].Arm", "planning.duplicate_arm"),
            ("observations[2].Successes", "planning.count_negative"),
            ("observations[2].Spend", "planning.spend_required"),
            ("observations[3].Arm", "planning.unknown_arm"),
            ("observations[3].Spend", "planning.spend_negative"),
            ("observations", "planning.arm_not_observed"),
        ]);
        error.Errors[3].Message.ShouldContain("USD");
        error.Errors[^1].Message.ShouldContain("'ana'");
    }

    [Fact]
    public void A_default_spend_is_refused_naming_the_field()
    {
        // default(Money) has no currency: reading it threw an InvalidOperationException out of Analyse.
        var test = TwoArms(TestMetric.CostPerAcquisition(Currency.USD));

        var error = Should.Throw<DomainValidationException>(() => test.Analyse([new("maya", 1_000, 500, default(Money)), new("leo", 1_000, 500, Money.Of(10m, Currency.USD))]));

        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe([("observations[0].Spend", "planning.spend_without_currency")]);
    }

    [Fact]
    public void A_verdict_takes_enough_draws()
    {
        Should.Throw<DomainValidationException>(() => TwoArms().Analyse([new("maya", 80, 40), new("leo", 80, 40)], draws: 10))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("draws");
    }
}
