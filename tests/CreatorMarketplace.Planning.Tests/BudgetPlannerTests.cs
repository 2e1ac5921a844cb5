using CreatorMarketplace.Creators;
using FsCheck;
using FsCheck.Fluent;

namespace CreatorMarketplace.Planning.Tests;

public class BudgetPlannerTests
{
    private static readonly CreatorId Maya = Creator(1);
    private static readonly CreatorId Leo = Creator(2);
    private static readonly CreatorId Ana = Creator(3);

    [Fact]
    public void The_plan_beats_the_greedy_choice_when_value_per_dollar_misleads()
    {
        // Greedy by value per dollar buys maya (1.2 per dollar) and then cannot afford leo or ana; leo and ana together are worth more.
        var plan = BudgetPlanner.Plan(Usd(10_000), [Candidate(Maya, 6_000, 7_200), Candidate(Leo, 5_000, 5_500), Candidate(Ana, 5_000, 5_400)]).AsT0;

        plan.Purchases.Select(p => p.Candidate.Creator).ShouldBe([Leo, Ana]);
        plan.TotalValue.ShouldBe(10_900d);
        plan.Spent.ShouldBe(Usd(10_000));
        plan.Purchases[0].ValuePerUnit.ShouldBe(1.1, 1e-12);
    }

    [Fact]
    public void The_explanation_names_the_binding_limits_and_what_more_budget_would_buy()
    {
        var plan = BudgetPlanner.Plan(
            Usd(12_000),
            [Candidate(Maya, 4_000, 8_000), Candidate(Maya, 3_000, 6_000, "story"), Candidate(Leo, 3_000, 4_500, market: Country.GB), Candidate(Ana, 4_000, 4_000, market: Country.GB)],
            new PlanConstraints { MaxCreatorShare = 0.5, Markets = [new MarketSpend(Country.GB, Usd(0), Usd(5_000))] }).AsT0;

        // Maya's video and story would be 58% of the budget; the 50% share lets her have one, and GB's maximum one of leo and ana.
        plan.Purchases.Select(p => p.Candidate.ToString()).ShouldBe(["maya video (US)", "leo video (GB)"]);
        plan.Binding.Select(limit => (limit.Name, limit.KeptOut)).ShouldBe([("Markets[GB].Maximum", 1), ("MaxCreatorShare (maya)", 1)]);
        plan.Next.ShouldNotBeNull().Candidate.ToString().ShouldBe("maya story (US)");
        plan.Next.ExtraBudget.ShouldBe(Usd(0));
        plan.Next.BlockedBy.Select(limit => limit.Limit).ShouldBe([PlanLimit.CreatorShare]);
        plan.Remaining.ShouldBe(Usd(5_000));
    }

    [Fact]
    public void The_next_purchase_says_how_much_budget_it_lacks()
    {
        var plan = BudgetPlanner.Plan(Usd(5_000), [Candidate(Maya, 4_000, 8_000), Candidate(Leo, 3_000, 4_500)]).AsT0;

        plan.Binding.ShouldHaveSingleItem().ShouldSatisfyAllConditions(limit => limit.Limit.ShouldBe(PlanLimit.Budget), limit => limit.Slack.ShouldBe(Usd(1_000)));
        plan.Next.ShouldNotBeNull().ExtraBudget.ShouldBe(Usd(2_000));
        plan.Next.ToString().ShouldBe("leo video (US) at 1.5 per unit needs USD 2000.00 more; blocked by budget");
    }

    [Fact]
    public void Must_include_excluded_and_market_minimums_shape_the_plan()
    {
        var plan = BudgetPlanner.Plan(
            Usd(10_000),
            [Candidate(Maya, 5_000, 9_000), Candidate(Leo, 5_000, 6_000, market: Country.GB), Candidate(Ana, 5_000, 2_000)],
            new PlanConstraints { MustInclude = [Ana], Excluded = [Maya], Markets = [new MarketSpend(Country.GB, Usd(1_000), Usd(10_000))] }).AsT0;

        plan.Purchases.Select(p => p.Candidate.Creator).ShouldBe([Leo, Ana]);
    }

    [Fact]
    public void A_tier_mix_shapes_the_plan_and_names_the_tier_whose_maximum_binds()
    {
        // Without the mix the plan is maya's video and story and leo's video (value 19,000); mid-tier creators may
        // receive at most 5,000, so maya has one, and nano creators at least 3,000, so ana is in.
        var plan = BudgetPlanner.Plan(
            Usd(12_000),
            [Candidate(Maya, 4_000, 8_000) with { Tier = FollowerTier.Mid }, Candidate(Maya, 3_000, 6_000, "story") with { Tier = FollowerTier.Mid }, Candidate(Leo, 4_000, 5_000), Candidate(Ana, 3_000, 2_000) with { Tier = FollowerTier.Nano }],
            new PlanConstraints { Tiers = [new TierSpend(FollowerTier.Mid, Usd(0), Usd(5_000)), new TierSpend(FollowerTier.Nano, Usd(3_000), Usd(12_000))] }).AsT0;

        plan.Purchases.Select(p => p.Candidate.ToString()).ShouldBe(["maya video (US)", "leo video (US)", "ana video (US)"]);
        plan.TotalValue.ShouldBe(15_000d);
        plan.Binding.Select(limit => (limit.Limit, limit.Name, limit.KeptOut)).ShouldBe([(PlanLimit.Budget, "budget", 1), (PlanLimit.TierMaximum, "Tiers[Mid].Maximum", 1)]);
        plan.Next.ShouldNotBeNull().ToString().ShouldBe("maya story (US) at 2 per unit needs USD 2000.00 more; blocked by budget, Tiers[Mid].Maximum");
    }

    [Fact]
    public void Tier_minimums_that_cannot_be_met_are_an_infeasible_plan_naming_them()
    {
        var outcome = BudgetPlanner.Plan(
            Usd(10_000),
            [Candidate(Maya, 5_000, 1) with { Tier = FollowerTier.Mid }, Candidate(Leo, 6_000, 1)],
            new PlanConstraints { Tiers = [new TierSpend(FollowerTier.Mid, Usd(6_000), Usd(10_000)), new TierSpend(FollowerTier.Micro, Usd(6_000), Usd(10_000))] });

        outcome.AsT1.Conflicts.Select(conflict => conflict.ToString()).ShouldBe(
        [
            "Tiers[Mid].Minimum: the tier's candidates cost USD 5000.00 in all, under its minimum of USD 6000.00.",
            "budget + Tiers[Mid].Minimum + Tiers[Micro].Minimum: the tiers' minimums add up to USD 12000.00, over the budget of USD 10000.00.",
        ]);
    }

    [Fact]
    public void A_market_minimum_only_a_tier_over_its_maximum_could_meet_is_named_with_that_tier()
    {
        var outcome = BudgetPlanner.Plan(
            Usd(10_000),
            [Candidate(Maya, 5_000, 1, market: Country.GB) with { Tier = FollowerTier.Mid }, Candidate(Leo, 2_000, 1)],
            new PlanConstraints { Markets = [new MarketSpend(Country.GB, Usd(5_000), Usd(10_000))], Tiers = [new TierSpend(FollowerTier.Mid, Usd(0), Usd(3_000))] });

        outcome.AsT1.Conflicts.ShouldHaveSingleItem().Constraints.ShouldBe(["budget", "MaxCreatorShare", "Markets[GB].Minimum", "Markets[GB].Maximum", "Tiers[Mid].Maximum"]);
    }

    [Fact]
    public void A_creators_deliverable_offered_twice_is_bought_once()
    {
        var plan = BudgetPlanner.Plan(Usd(10_000), [Candidate(Maya, 2_000, 4_000), Candidate(Maya, 3_000, 4_000)]).AsT0;

        plan.Purchases.ShouldHaveSingleItem().Candidate.Price.ShouldBe(Usd(2_000));
    }

    [Fact]
    public void Must_includes_over_budget_are_an_infeasible_plan_naming_them()
    {
        var outcome = BudgetPlanner.Plan(Usd(8_000), [Candidate(Maya, 5_000, 1), Candidate(Leo, 4_000, 1)], new PlanConstraints { MustInclude = [Maya, Leo] });

        outcome.IsFeasible.ShouldBeFalse();
        outcome.AsT1.Conflicts.ShouldHaveSingleItem().Constraints.ShouldBe(["budget", "MustInclude[maya]", "MustInclude[leo]"]);
        outcome.ToString().ShouldBe("no plan meets every constraint: budget + MustInclude[maya] + MustInclude[leo]: their cheapest deliverables cost USD 9000.00 together, over the budget of USD 8000.00.");
    }

    [Fact]
    public void A_market_minimum_its_candidates_cannot_reach_is_an_infeasible_plan()
    {
        var outcome = BudgetPlanner.Plan(Usd(50_000), [Candidate(Maya, 5_000, 1, market: Country.GB)], new PlanConstraints { Markets = [new MarketSpend(Country.GB, Usd(10_000), Usd(20_000))] });

        outcome.AsT1.Conflicts.ShouldHaveSingleItem().Constraints.ShouldBe(["Markets[GB].Minimum"]);
    }

    [Fact]
    public void Constraints_each_possible_but_not_together_are_named_together()
    {
        // GB needs 6,000 of spend, and the only way there is maya, whose share is capped at 5,000.
        var outcome = BudgetPlanner.Plan(
            Usd(10_000),
            [Candidate(Maya, 3_000, 1, market: Country.GB), Candidate(Maya, 3_000, 1, "story", Country.GB)],
            new PlanConstraints { MaxCreatorShare = 0.5, Markets = [new MarketSpend(Country.GB, Usd(6_000), Usd(10_000))] });

        outcome.AsT1.Conflicts.ShouldHaveSingleItem().Constraints.ShouldBe(["budget", "MaxCreatorShare", "Markets[GB].Minimum", "Markets[GB].Maximum"]);
    }

    [Fact]
    public void Bad_input_is_refused_naming_each_field()
    {
        var error = Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(
            Usd(10_000),
            [Candidate(Maya, 1_000, 10) with { Price = Money.Of(1_000m, Currency.EUR) }, Candidate(Leo, -5, 10), Candidate(Ana, 1_000, double.NaN)],
            new PlanConstraints { MustInclude = [Leo], Excluded = [Leo], MaxCreatorShare = 1.5 }));

        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("candidates[0].Price", "planning.currency_mismatch"),
            ("candidates[1].Price", "planning.price_negative"),
            ("candidates[2].ExpectedValue", "planning.value_invalid"),
            ("constraints.MaxCreatorShare", "planning.share_invalid"),
            ("constraints.MustInclude", "planning.included_and_excluded"),
        ]);
        Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(Usd(-1), []))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("budget");
        Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(Usd(1), [], new PlanConstraints { Markets = [new MarketSpend(Country.GB, Usd(5), Usd(4))] }))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("constraints.Markets[0].Minimum");
        Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(Usd(1), [], new PlanConstraints { Tiers = [new TierSpend(FollowerTier.Mid, Usd(5), Usd(4)), new TierSpend(FollowerTier.Mid, Money.Of(0m, Currency.EUR), Usd(4))] }))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("constraints.Tiers[0].Minimum", "planning.tier_range_invalid"), ("constraints.Tiers[1]", "planning.currency_mismatch"), ("constraints.Tiers[1].Tier", "planning.tier_repeated")]);
    }

    [Fact]
    public void Default_amounts_are_refused_naming_the_field()
    {
        // default(Money) has no currency: reading it threw an InvalidOperationException out of Plan (with no candidate,
        // only once the plan was explained).
        Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(default, []))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("budget", "planning.budget_without_currency")]);
        Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(default, [Candidate(Maya, 1_000, 10)]))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("budget", "planning.budget_without_currency")]);
        Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(Usd(1_000), [Candidate(Maya, 1_000, 10) with { Price = default }]))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("candidates[0].Price", "planning.price_without_currency")]);
        Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(Usd(1_000), [], new PlanConstraints { Markets = [new MarketSpend(Country.GB, default, Usd(5))], Tiers = [new TierSpend(FollowerTier.Mid, Usd(0), default)] }))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("constraints.Markets[0]", "planning.market_range_without_currency"), ("constraints.Tiers[0]", "planning.tier_range_without_currency")]);
    }

    [Fact]
    public void Amounts_whose_totals_overflow_are_refused_as_bad_input_and_a_price_near_the_largest_amount_is_planned()
    {
        // Two prices just over half of the largest amount add up past it, and two values near the largest double to
        // infinity: the planner's sums would overflow.
        var half = Money.FromMinorUnits((long.MaxValue / 2) + 10, Currency.USD);
        var budget = Money.FromMinorUnits(long.MaxValue, Currency.USD);

        Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(budget, [Candidate(Maya, 0, 5) with { Price = half }, Candidate(Leo, 0, 6) with { Price = half }]))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("planning.amounts_too_large");
        Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(Usd(10), [Candidate(Maya, 1, double.MaxValue), Candidate(Leo, 1, double.MaxValue)]))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("planning.values_too_large");
        BudgetPlanner.Plan(budget, [Candidate(Maya, 0, 5) with { Price = half }, Candidate(Leo, 1, 6)]).AsT0.TotalValue.ShouldBe(11);
    }

    [Property(MaxTest = 100)]
    public Property Branch_and_bound_matches_brute_force_on_up_to_20_candidates(int seed) =>
        OptimalAgainstBruteForce(Instance(new Random(seed)));

    [Property(MaxTest = 100)]
    public Property A_search_stopped_at_its_node_limit_returns_a_feasible_plan_and_a_bound_no_plan_beats(int seed) =>
        BoundedAgainstBruteForce(Instance(new Random(seed)), nodeLimit: 1, acceptableGap: 0d);

    [Property(MaxTest = 300)]
    public Property An_acceptable_gap_returns_a_feasible_plan_within_it_of_a_bound_no_plan_beats(int seed)
    {
        var random = new Random(seed);
        var instance = random.Next(2) == 0 ? Instance(random) : TightInstance(random);
        return BoundedAgainstBruteForce(instance, BudgetPlanner.DefaultNodeLimit, new[] { 0.01, 0.1, 0.5, 1d }[random.Next(4)]);
    }

    [Property(MaxTest = 300)]
    public Property Free_deliverables_several_must_includes_and_overlapping_market_and_tier_ranges_are_planned_optimally(int seed) =>
        OptimalAgainstBruteForce(TightInstance(new Random(seed)));

    private static Property OptimalAgainstBruteForce((Money Budget, PlanCandidate[] Candidates, PlanConstraints Constraints) instance)
    {
        var (budget, candidates, constraints) = instance;
        var best = BruteForce(budget, candidates, constraints);
        var outcome = BudgetPlanner.Plan(budget, candidates, constraints);

        return outcome.Match(
            plan => (best is { } value && plan.TotalValue == value).Label($"optimal: {plan.TotalValue} against {best}")
                .And(Feasible(budget, [.. plan.Purchases.Select(p => p.Candidate)], constraints).Label("feasible")),
            infeasible => (best is null && infeasible.IsProven).Label($"infeasible while brute force finds {best}"));
    }

    // A plan from a search that may stop early: feasible, at most the optimum, which is at most its bound; optimal only
    // at the optimum; and, stopped by an acceptable gap rather than a node limit, within that gap of its bound.
    private static Property BoundedAgainstBruteForce((Money Budget, PlanCandidate[] Candidates, PlanConstraints Constraints) instance, long nodeLimit, double acceptableGap)
    {
        var (budget, candidates, constraints) = instance;
        var best = BruteForce(budget, candidates, constraints);
        var outcome = BudgetPlanner.Plan(budget, candidates, constraints, nodeLimit, acceptableGap);
        var stoppedByGap = nodeLimit == BudgetPlanner.DefaultNodeLimit;

        return outcome.Match(
            plan => (best is { } value && plan.TotalValue <= value && value <= plan.UpperBound * (1 + 1e-9)).Label($"{plan.TotalValue} <= {best} <= {plan.UpperBound}")
                .And((plan.IsOptimal || plan.Gap is >= 0d and <= 1d).Label($"gap {plan.Gap}"))
                .And((!plan.IsOptimal || plan.TotalValue == best).Label("optimal when finished"))
                .And((!stoppedByGap || (plan.TotalValue >= ((1 - acceptableGap) * plan.UpperBound) - 1e-9 && plan.Gap <= acceptableGap + 1e-12)).Label($"gap {plan.Gap} within {acceptableGap}"))
                .And(Feasible(budget, [.. plan.Purchases.Select(p => p.Candidate)], constraints).Label("feasible")),
            infeasible => (best is null || !infeasible.IsProven).Label($"infeasible while brute force finds {best}"));
    }

    [Fact]
    public void A_large_instance_answers_within_its_node_limit_with_the_gap_it_may_leave()
    {
        var random = new Random(2026);
        var candidates = Enumerable.Range(0, 1_000)
            .Select(i => new PlanCandidate(Creator(i + 1), $"c{i}", "video", Money.FromMinorUnits(random.Next(100_000, 5_000_000), Currency.USD), random.Next(1_000, 500_000), Country.US, FollowerTier.Micro))
            .ToArray();

        var plan = BudgetPlanner.Plan(Usd(500_000), candidates, new PlanConstraints { MaxCreatorShare = 0.2 }, nodeLimit: 20_000).AsT0;

        plan.NodesExplored.ShouldBeLessThanOrEqualTo(20_000 + candidates.Length);
        plan.TotalValue.ShouldBeLessThanOrEqualTo(plan.UpperBound);
        plan.Gap.ShouldBeLessThan(0.05, "the greedy first plan and the fractional bound are close on a knapsack of many small items");
        Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(Usd(1), [], nodeLimit: 0)).Errors.ShouldHaveSingleItem().Field.ShouldBe("nodeLimit");
    }

    [Property(MaxTest = 4)]
    public Property Ten_thousand_candidates_are_planned_within_one_percent_of_the_proven_bound(int seed)
    {
        var (budget, candidates, constraints) = LargeInstance(new Random(seed), 10_000);
        var outcome = BudgetPlanner.Plan(budget, candidates, constraints, acceptableGap: 0.01);

        return outcome.Match(
            plan => (plan.Gap <= 0.01).Label($"gap {plan.Gap:P3}: {plan.TotalValue} of {plan.UpperBound}")
                .And((plan.TotalValue <= plan.UpperBound).Label("the plan is at most its bound"))
                .And(Feasible(budget, [.. plan.Purchases.Select(p => p.Candidate)], constraints).Label("feasible")),
            infeasible => false.Label(infeasible.ToString()));
    }

    [Fact]
    public void The_bound_is_tightened_until_the_first_plan_is_within_the_acceptable_gap()
    {
        // Budget to spare, with GB's maximum and the Micro and Mid tiers' maximums binding: the budget's price and the
        // tiers' trade off along a ridge, where three rounds of coordinate descent left the bound 1.19% above the first plan.
        var (budget, candidates, constraints) = LargeInstance(new Random(55), 10_000);

        var plan = BudgetPlanner.Plan(budget, candidates, constraints, nodeLimit: 1, acceptableGap: 0.01).AsT0;

        plan.Gap.ShouldBeLessThanOrEqualTo(0.01);
        plan.NodesExplored.ShouldBe(0, "the first plan is within the gap without a search");
        Feasible(budget, [.. plan.Purchases.Select(p => p.Candidate)], constraints).ShouldBeTrue();
    }

    [Fact]
    public void The_first_plan_keeps_room_in_the_markets_for_a_tiers_minimum()
    {
        // The markets' maximums add up to less than half the budget, and the Mid tier's minimum needs most of that room:
        // a first plan that fills the markets with the best value per money leaves no room for Mid.
        var (budget, candidates, constraints) = LargeInstance(new Random(65), 10_000);
        constraints.Tiers.ShouldContain(range => range.Tier == FollowerTier.Mid && range.Minimum.IsPositive);

        var plan = BudgetPlanner.Plan(budget, candidates, constraints, nodeLimit: 1, acceptableGap: 0.01).AsT0;

        plan.NodesExplored.ShouldBe(0);
        Feasible(budget, [.. plan.Purchases.Select(p => p.Candidate)], constraints).ShouldBeTrue();
    }

    [Fact]
    public void A_search_that_stops_before_finding_a_plan_says_it_has_not_proven_that_none_exists()
    {
        // GB takes at most USD 1,000, and each tier's minimum alone fits in it, but not both.
        PlanCandidate[] candidates =
        [
            new(Creator(1), "nano", "video", Usd(600), 10, Country.GB, FollowerTier.Nano),
            new(Creator(2), "mid", "video", Usd(600), 10, Country.GB, FollowerTier.Mid),
        ];
        var constraints = new PlanConstraints
        {
            Markets = [new MarketSpend(Country.GB, Usd(0), Usd(1_000))],
            Tiers = [new TierSpend(FollowerTier.Nano, Usd(500), Usd(5_000)), new TierSpend(FollowerTier.Mid, Usd(500), Usd(5_000))],
        };

        var stopped = BudgetPlanner.Plan(Usd(10_000), candidates, constraints, nodeLimit: 1).AsT1;
        var searched = BudgetPlanner.Plan(Usd(10_000), candidates, constraints).AsT1;

        stopped.IsProven.ShouldBeFalse();
        stopped.ToString().ShouldContain("within its node limit (1)");
        searched.IsProven.ShouldBeTrue();
        searched.Conflicts.ShouldHaveSingleItem().Constraints.ShouldContain("Tiers[Mid].Minimum");
    }

    [Fact]
    public void A_cancelled_plan_stops_with_an_operation_cancelled_exception()
    {
        // Exact on 10,000 candidates with a node limit of a billion: minutes of search, stopped by the token.
        var (budget, candidates, constraints) = LargeInstance(new Random(3), 10_000);
        using var cancellation = new CancellationTokenSource();

        Should.Throw<OperationCanceledException>(() => BudgetPlanner.Plan(budget, candidates, constraints, cancellationToken: new CancellationToken(canceled: true)));
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
        Should.Throw<OperationCanceledException>(() => BudgetPlanner.Plan(budget, candidates, constraints, nodeLimit: 1_000_000_000, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void The_node_limit_counts_the_candidates_each_bound_scans()
    {
        // Exact on 10,000 candidates: the search cannot finish, and each node's bound scans the free candidates ahead of
        // it, so the limit stops it before it has visited as many nodes as the limit names.
        var (budget, candidates, constraints) = LargeInstance(new Random(3), 10_000);

        var plan = BudgetPlanner.Plan(budget, candidates, constraints, nodeLimit: 100_000).AsT0;

        plan.IsOptimal.ShouldBeFalse();
        plan.NodesExplored.ShouldBeInRange(1, 99_999);
        plan.Gap.ShouldBeLessThan(0.001);
    }

    [Fact]
    public void The_bound_prices_market_maximums_and_creator_shares_that_the_fractional_bound_ignores()
    {
        // Half the candidates are in GB, worth twice as much per dollar, but GB may take a tenth of the budget; each
        // creator offers three deliverables and may receive two. The fractional bound alone would fill the budget with GB.
        var random = new Random(7);
        var candidates = Enumerable.Range(0, 3_000)
            .Select(i => new PlanCandidate(Creator((i / 3) + 1), $"c{i / 3}", $"d{i % 3}", Money.FromMinorUnits(100_000, Currency.USD), (i % 2 == 0 ? 2_000 : 1_000) + random.Next(100), i % 2 == 0 ? Country.GB : Country.US, FollowerTier.Micro))
            .ToArray();
        var constraints = new PlanConstraints { MaxCreatorShare = 0.0021, Markets = [new MarketSpend(Country.GB, Usd(0), Usd(100_000))] };

        var plan = BudgetPlanner.Plan(Usd(1_000_000), candidates, constraints, nodeLimit: 1).AsT0;

        plan.Gap.ShouldBeLessThan(0.001);
        Feasible(Usd(1_000_000), [.. plan.Purchases.Select(p => p.Candidate)], constraints).ShouldBeTrue();
    }

    [Fact]
    public void An_acceptable_gap_stops_the_search_at_a_plan_close_enough_and_is_checked()
    {
        var (budget, candidates, constraints) = LargeInstance(new Random(11), 2_000);

        var close = BudgetPlanner.Plan(budget, candidates, constraints, acceptableGap: 0.05).AsT0;

        close.Gap.ShouldBeLessThanOrEqualTo(0.05);
        close.NodesExplored.ShouldBe(0, "the first plan is within 5% of the bound, so no search is needed");
        Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(Usd(1), [], acceptableGap: double.NaN)).Errors.ShouldHaveSingleItem().Field.ShouldBe("acceptableGap");
        Should.Throw<DomainValidationException>(() => BudgetPlanner.Plan(Usd(1), [], acceptableGap: 1.5)).Errors.ShouldHaveSingleItem().Code.ShouldBe("planning.gap_invalid");
    }

    // The random instances above at scale: a creator has two candidates on average, a third of the time both the same
    // deliverable at two prices; the budget, the creators' shares (at most two or four average prices), the markets'
    // ranges and the tier mix bind in turn.
    private static (Money Budget, PlanCandidate[] Candidates, PlanConstraints Constraints) LargeInstance(Random random, int count)
    {
        Country[] markets = [Country.US, Country.GB, Country.FR];
        string[] deliverables = ["video", "story", "live"];
        var candidates = Enumerable.Range(0, count)
            .Select(_ => random.Next(1, (count / 2) + 1))
            .Select(creator => new PlanCandidate(
                Creator(creator),
                "c",
                deliverables[random.Next(3)],
                Money.FromMinorUnits(random.Next(0, 200_000), Currency.USD),
                random.Next(0, 1_000),
                markets[random.Next(3)],
                TierOf(creator)))
            .ToArray();
        var total = candidates.Sum(c => c.Price.MinorUnits);
        var budget = random.NextInt64(total / 20, total / 2);
        var ranges = markets.Where(_ => random.Next(2) == 0)
            .Select(market => (Market: market, Minimum: random.Next(2) == 0 ? random.NextInt64(0, budget / 5) : 0L))
            .Select(range => new MarketSpend(range.Market, Money.FromMinorUnits(range.Minimum, Currency.USD), Money.FromMinorUnits(range.Minimum + random.NextInt64(0, budget / 2), Currency.USD)))
            .ToList();
        var cheapest = candidates.MinBy(c => c.Price.MinorUnits)!.Creator;
        var constraints = new PlanConstraints
        {
            MaxCreatorShare = new[] { 1d, 200_000d / budget, 400_000d / budget }[random.Next(3)],
            MustInclude = random.Next(2) == 0 ? [cheapest] : [],
            Excluded = [.. candidates.Select(c => c.Creator).Distinct().Where(creator => creator != cheapest).Take(random.Next(3))],
            Markets = ranges,
        };
        return (Money.FromMinorUnits(budget, Currency.USD), candidates, constraints with { Tiers = TierMix(random, budget / 5, budget / 2) });
    }

    private static (Money Budget, PlanCandidate[] Candidates, PlanConstraints Constraints) Instance(Random random)
    {
        Country[] markets = [Country.US, Country.GB, Country.FR];
        string[] deliverables = ["video", "story"];
        var candidates = Enumerable.Range(0, random.Next(21))
            .Select(_ => random.Next(1, 7))
            .Select(creator => new PlanCandidate(
                Creator(creator),
                "c",
                deliverables[random.Next(2)],
                Money.FromMinorUnits(random.Next(0, 200_000), Currency.USD),
                random.Next(0, 1_000), // whole values, so that sums in any order are exact
                markets[random.Next(3)],
                TierOf(creator)))
            .ToArray();
        var total = candidates.Sum(c => c.Price.MinorUnits);
        var budget = Money.FromMinorUnits(random.NextInt64(0, total + 1), Currency.USD);
        var ranges = markets.Where(_ => random.Next(3) == 0)
            .Select(market => (Market: market, Minimum: random.Next(3) == 0 ? random.NextInt64(0, 150_000) : 0L))
            .Select(range => new MarketSpend(range.Market, Money.FromMinorUnits(range.Minimum, Currency.USD), Money.FromMinorUnits(range.Minimum + random.NextInt64(0, 400_000), Currency.USD)))
            .ToList();
        var creators = candidates.Select(c => c.Creator).Distinct().ToList();
        var constraints = new PlanConstraints
        {
            MaxCreatorShare = new[] { 1d, 0.5, 0.3 }[random.Next(3)],
            MustInclude = creators.Count > 0 && random.Next(3) == 0 ? [creators[0]] : [],
            Excluded = creators.Count > 1 && random.Next(3) == 0 ? [creators[^1]] : [],
            Markets = ranges,
        };
        return (budget, candidates, constraints with { Tiers = TierMix(random, 150_000, 400_000) });
    }

    // Small instances where every limit is close to every price: a third of the prices zero, a quarter of the values
    // zero, a creator's tier not always her own so that markets' and tiers' ranges cut across each other and across
    // creators, any creator a must-include, and budgets and ranges of a few units.
    private static (Money Budget, PlanCandidate[] Candidates, PlanConstraints Constraints) TightInstance(Random random)
    {
        Country[] markets = [Country.US, Country.GB];
        FollowerTier[] tiers = [FollowerTier.Nano, FollowerTier.Micro];
        long[] prices = [0, 0, 1, 2, 3, 5, 8];
        var candidates = Enumerable.Range(0, random.Next(1, 13))
            .Select(_ => random.Next(1, 5))
            .Select(creator => new PlanCandidate(
                Creator(creator),
                "c",
                random.Next(2) == 0 ? "video" : "story",
                Money.FromMinorUnits(prices[random.Next(prices.Length)], Currency.USD),
                random.Next(4) == 0 ? 0 : random.Next(10),
                markets[random.Next(2)],
                random.Next(3) == 0 ? tiers[random.Next(2)] : tiers[creator % 2]))
            .ToArray();
        var budget = random.NextInt64(0, candidates.Sum(c => c.Price.MinorUnits) + 2);
        (Money Minimum, Money Maximum) Range()
        {
            var minimum = random.Next(2) == 0 ? random.NextInt64(0, 6) : 0L;
            return (Money.FromMinorUnits(minimum, Currency.USD), Money.FromMinorUnits(minimum + random.NextInt64(0, 8), Currency.USD));
        }

        var constraints = new PlanConstraints
        {
            MaxCreatorShare = new[] { 1d, 0.7, 0.5, 0.3 }[random.Next(4)],
            MustInclude = [.. candidates.Select(c => c.Creator).Distinct().Where(_ => random.Next(4) == 0)],
            Markets = [.. markets.Where(_ => random.Next(2) == 0).Select(market => Range() switch { var (minimum, maximum) => new MarketSpend(market, minimum, maximum) })],
            Tiers = [.. tiers.Where(_ => random.Next(2) == 0).Select(tier => Range() switch { var (minimum, maximum) => new TierSpend(tier, minimum, maximum) })],
        };
        return (Money.FromMinorUnits(budget, Currency.USD), candidates, constraints);
    }

    private static double? BruteForce(Money budget, PlanCandidate[] candidates, PlanConstraints constraints)
    {
        double? best = null;
        for (var mask = 0; mask < 1 << candidates.Length; mask++)
        {
            var chosen = candidates.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            if (Feasible(budget, chosen, constraints) && chosen.Sum(c => c.ExpectedValue) is var value && (best is null || value > best))
            {
                best = value;
            }
        }

        return best;
    }

    private static bool Feasible(Money budget, IReadOnlyList<PlanCandidate> chosen, PlanConstraints constraints)
    {
        var cap = Math.Floor((decimal)constraints.MaxCreatorShare * budget.MinorUnits);
        return chosen.Sum(c => c.Price.MinorUnits) <= budget.MinorUnits
            && chosen.All(c => !constraints.Excluded.Contains(c.Creator))
            && constraints.MustInclude.All(id => chosen.Any(c => c.Creator == id))
            && chosen.GroupBy(c => (c.Creator, c.Deliverable)).All(group => group.Count() == 1)
            && chosen.GroupBy(c => c.Creator).All(group => group.Sum(c => c.Price.MinorUnits) <= cap)
            && constraints.Markets.All(range => chosen.Where(c => c.Market == range.Market).Sum(c => c.Price.MinorUnits) is var spent
                && spent >= range.Minimum.MinorUnits && spent <= range.Maximum.MinorUnits)
            && constraints.Tiers.All(range => chosen.Where(c => c.Tier == range.Tier).Sum(c => c.Price.MinorUnits) is var spent
                && spent >= range.Minimum.MinorUnits && spent <= range.Maximum.MinorUnits);
    }

    // A creator has one follower tier, and each of three tiers has a spend range a third of the time: a minimum in
    // [0, most minimum) a third of those times, a maximum above it by [0, most width).
    private static FollowerTier TierOf(int creator) => new[] { FollowerTier.Nano, FollowerTier.Micro, FollowerTier.Mid }[creator % 3];

    private static List<TierSpend> TierMix(Random random, long mostMinimum, long mostWidth) =>
        [.. new[] { FollowerTier.Nano, FollowerTier.Micro, FollowerTier.Mid }
            .Where(_ => random.Next(3) == 0)
            .Select(tier => (Tier: tier, Minimum: random.Next(3) == 0 ? random.NextInt64(0, mostMinimum) : 0L))
            .Select(range => new TierSpend(range.Tier, Money.FromMinorUnits(range.Minimum, Currency.USD), Money.FromMinorUnits(range.Minimum + random.NextInt64(0, mostWidth), Currency.USD)))];

    private static PlanCandidate Candidate(CreatorId creator, decimal price, double value, string deliverable = "video", Country? market = null) =>
        new(creator, creator == Maya ? "maya" : creator == Leo ? "leo" : "ana", deliverable, Usd(price), value, market ?? Country.US, FollowerTier.Micro);

    private static Money Usd(decimal amount) => Money.Of(amount, Currency.USD);

    private static CreatorId Creator(int number) => CreatorId.From(new Guid(number, 0, 0, new byte[8]));
}
