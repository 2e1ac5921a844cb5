using System.Globalization;

namespace CreatorMarketplace.Planning;

/// <summary>
/// Chooses, from candidate deliverables, the set of highest total expected value under a budget, a maximum share of
/// the budget per creator, creators that must be included or excluded, and spend ranges per market and per follower
/// tier (the tier mix). Exact: a Lagrangian bound, a first plan built from it, candidates the bound proves in or out
/// fixed, and a branch and bound in integer minor units over the rest, pruned by the fractional (LP-relaxation) bound
/// of the knapsack. Its worst case is exponential in the number of candidates; a node limit and an acceptable gap
/// bound the search, and the plan then comes with its proven bound. The method is in docs/planning.md.
/// </summary>
public static partial class BudgetPlanner
{
    /// <summary>
    /// How many nodes the search visits (every 64 candidates its bounds scan counting as one more) before it stops and
    /// returns the best plan found with its proven bound.
    /// </summary>
    public const long DefaultNodeLimit = 2_000_000;

    /// <summary>Plans a budget.</summary>
    /// <param name="budget">The budget, zero or more; every price is in its currency.</param>
    /// <param name="candidates">The candidates; a creator's deliverable may be offered at several prices, and is bought at most once.</param>
    /// <param name="constraints">The constraints besides the budget; none unless given.</param>
    /// <param name="nodeLimit">
    /// How many nodes the search may visit (1 or more), every 64 candidates its bounds scan counting as one more node:
    /// past it, the best plan found is returned with <see cref="BudgetPlan.IsOptimal"/> false and the proven
    /// <see cref="BudgetPlan.UpperBound"/>, so that a large instance answers in bounded time and says how far from
    /// optimal it may be. A search that reaches it before finding any plan returns an <see cref="InfeasiblePlan"/> that
    /// is not <see cref="InfeasiblePlan.IsProven"/>.
    /// </param>
    /// <param name="acceptableGap">
    /// How far below the proven bound, as a share of it, a plan may be for the search to stop with it, from 0 to 1: 0
    /// unless given, so that the search goes on until the plan is optimal or the node limit is reached. With 0.01 a
    /// large instance stops as soon as its plan is within 1% of the bound, often before the search starts.
    /// </param>
    /// <param name="cancellationToken">
    /// Stops the planning, which runs on the calling thread for as long as the bound's rounds and the search take (up to
    /// about a second on 10,000 candidates with no acceptable gap): checked between rounds and every 1,024 nodes.
    /// </param>
    /// <returns>The plan with its explanation, or the constraints that conflict.</returns>
    /// <exception cref="DomainValidationException">An input breaks a rule; every error names its field.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static BudgetPlanOutcome Plan(Money budget, IReadOnlyList<PlanCandidate> candidates, PlanConstraints? constraints = null, long nodeLimit = DefaultNodeLimit, double acceptableGap = 0d, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(candidates);
        constraints ??= PlanConstraints.None;
        Validate(budget, candidates, constraints, nodeLimit, acceptableGap);

        var problem = new Problem(budget, candidates, constraints);
        if (problem.Conflicts() is { Count: > 0 } conflicts)
        {
            return new InfeasiblePlan(conflicts);
        }

        var (chosen, stopped) = problem.Solve(nodeLimit, acceptableGap, cancellationToken);
        return chosen is not null ? problem.Explain(chosen) : new InfeasiblePlan([problem.JointConflict(stopped ? nodeLimit : null)], IsProven: !stopped);
    }

    private static void Validate(Money budget, IReadOnlyList<PlanCandidate> candidates, PlanConstraints constraints, long nodeLimit, double acceptableGap)
    {
        var errors = new ErrorCollector();
        errors.Require(nodeLimit >= 1, nameof(nodeLimit), "planning.node_limit_invalid", $"the search visits at least one node, got {nodeLimit}.");
        errors.Require(double.IsFinite(acceptableGap) && acceptableGap is >= 0d and <= 1d, nameof(acceptableGap), "planning.gap_invalid", $"the acceptable gap is from 0 to 1, got {acceptableGap.ToString(CultureInfo.InvariantCulture)}.");

        // default(Money) has no currency to read (it equals only itself): its currency is not compared with anything.
        var currency = budget == default ? null : budget.Currency;
        if (errors.Require(currency is not null, nameof(budget), "planning.budget_without_currency", "the budget is an amount in a currency, not default(Money), which has none."))
        {
            errors.Require(!budget.IsNegative, nameof(budget), "planning.budget_negative", $"the budget is zero or more, got {budget}.");
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            var field = $"{nameof(candidates)}[{i}]";
            if (candidates[i] is not { } candidate)
            {
                errors.Add(field, "planning.candidate_required", "a candidate is required.");
                continue;
            }

            var price = $"{field}.{nameof(PlanCandidate.Price)}";
            if (errors.Require(candidate.Price != default, price, "planning.price_without_currency", "the price is an amount in a currency, not default(Money), which has none."))
            {
                errors.Require(currency is null || candidate.Price.Currency == currency, price, "planning.currency_mismatch", $"the price is in the budget's currency {currency?.Code}, got {candidate.Price}.");
                errors.Require(!candidate.Price.IsNegative, price, "planning.price_negative", $"the price is zero or more, got {candidate.Price}.");
            }
            errors.Require(double.IsFinite(candidate.ExpectedValue) && candidate.ExpectedValue >= 0d, $"{field}.{nameof(PlanCandidate.ExpectedValue)}", "planning.value_invalid", $"the expected value is a finite number, zero or more, got {candidate.ExpectedValue.ToString(CultureInfo.InvariantCulture)}.");
            errors.Require(!string.IsNullOrWhiteSpace(candidate.Deliverable), $"{field}.{nameof(PlanCandidate.Deliverable)}", "planning.deliverable_required", "the deliverable is named.");
            errors.Require(candidate.Market is not null, $"{field}.{nameof(PlanCandidate.Market)}", "planning.market_required", "the market is required.");
            errors.Require(candidate.Tier is not null, $"{field}.{nameof(PlanCandidate.Tier)}", "planning.tier_required", "the tier is required.");
        }

        var share = constraints.MaxCreatorShare;
        errors.Require(double.IsFinite(share) && share is > 0d and <= 1d, $"{nameof(constraints)}.{nameof(PlanConstraints.MaxCreatorShare)}", "planning.share_invalid", $"the most of the budget one creator may receive is above 0 and at most 1, got {share.ToString(CultureInfo.InvariantCulture)}.");
        var both = constraints.MustInclude.Intersect(constraints.Excluded).ToList();
        errors.Require(both.Count == 0, $"{nameof(constraints)}.{nameof(PlanConstraints.MustInclude)}", "planning.included_and_excluded", $"a creator is either included or excluded, and {string.Join(", ", both)} are both.");
        ValidateRanges(errors, currency, nameof(PlanConstraints.Markets), "market", nameof(MarketSpend.Market), [.. constraints.Markets.Select(range => ((object?)range.Market, range.Market?.Code, range.Minimum, range.Maximum))]);
        ValidateRanges(errors, currency, nameof(PlanConstraints.Tiers), "tier", nameof(TierSpend.Tier), [.. constraints.Tiers.Select(range => ((object?)range.Tier, range.Tier?.Name, range.Minimum, range.Maximum))]);
        if (!errors.HasErrors)
        {
            RequireTotalsFit(errors, candidates, constraints);
        }

        errors.ThrowIfAny();
    }

    // The search adds prices and minimums in whole minor units and values in doubles; totals past what they hold would
    // wrap to a negative spend that fits any budget, or to an infinite value no bound compares with.
    private static void RequireTotalsFit(ErrorCollector errors, IReadOnlyList<PlanCandidate> candidates, PlanConstraints constraints)
    {
        var amounts = (Int128)0;
        var values = 0d;
        foreach (var candidate in candidates)
        {
            amounts += candidate.Price.MinorUnits;
            values += candidate.ExpectedValue;
        }

        foreach (var minimum in constraints.Markets.Select(range => range.Minimum).Concat(constraints.Tiers.Select(range => range.Minimum)))
        {
            amounts += minimum.MinorUnits;
        }

        errors.Require(amounts <= long.MaxValue, nameof(candidates), "planning.amounts_too_large", $"the candidates' prices and the ranges' minimums add up to at most {long.MaxValue} minor units, got {amounts}.");
        errors.Require(double.IsFinite(values), nameof(candidates), "planning.values_too_large", "the candidates' expected values add up to a finite number.");
    }

    // A market's and a tier's spend ranges follow the same rules: in the budget's currency, the minimum zero or more and
    // at most the maximum, one range per market or tier.
    private static void ValidateRanges(ErrorCollector errors, Currency? currency, string list, string noun, string keyField, IReadOnlyList<(object? Key, string? Name, Money Minimum, Money Maximum)> ranges)
    {
        for (var i = 0; i < ranges.Count; i++)
        {
            var field = $"constraints.{list}[{i}]";
            var range = ranges[i];
            if (errors.Require(range.Minimum != default && range.Maximum != default, field, $"planning.{noun}_range_without_currency", $"the {noun}'s minimum and maximum are amounts in a currency, not default(Money), which has none."))
            {
                errors.Require(currency is null || (range.Minimum.Currency == currency && range.Maximum.Currency == currency), field, "planning.currency_mismatch", $"the {noun}'s range is in the budget's currency {currency?.Code}, got {range.Minimum} to {range.Maximum}.");
            }

            errors.Require(!range.Minimum.IsNegative && range.Minimum.MinorUnits <= range.Maximum.MinorUnits, $"{field}.{nameof(MarketSpend.Minimum)}", $"planning.{noun}_range_invalid", $"the {noun}'s minimum is zero or more and at most its maximum, got {range.Minimum} to {range.Maximum}.");
            errors.Require(range.Key is not null, $"{field}.{keyField}", $"planning.{noun}_required", $"the {noun} is required.");
            errors.Require(ranges.Take(i).All(other => !Equals(other.Key, range.Key)), $"{field}.{keyField}", $"planning.{noun}_repeated", $"each {noun} has one range, and {range.Name} has more.");
        }
    }

    // The problem in minor units, candidates of excluded creators left out and the rest sorted by value per unit of money.
    private sealed partial class Problem
    {
        private readonly Money _budget;
        private readonly PlanConstraints _constraints;
        private readonly PlanCandidate[] _items;
        private readonly long[] _price;
        private readonly double[] _value;
        private readonly int[] _creator;
        private readonly int[] _group;
        private readonly int[] _market;
        private readonly int[] _tier;
        private readonly bool[] _worthBuying;
        private readonly CreatorId[] _creators;
        private readonly string[] _creatorNames;
        private readonly SpendRange[] _ranges;
        private readonly int[] _mustInclude;
        private readonly long[] _rangeTotal;
        private readonly int[] _cell;
        private readonly long[] _cellTotal;
        private readonly int _marketCount;
        private readonly long _cap;

        public Problem(Money budget, IReadOnlyList<PlanCandidate> candidates, PlanConstraints constraints)
        {
            _budget = budget;
            _constraints = constraints;
            var excluded = constraints.Excluded.ToHashSet();
            _items = [.. candidates.Select((candidate, index) => (candidate, index))
                .Where(entry => !excluded.Contains(entry.candidate.Creator))
                .OrderByDescending(entry => entry.candidate.ValuePerUnit)
                .ThenBy(entry => entry.index)
                .Select(entry => entry.candidate)];
            _creators = [.. _items.Select(item => item.Creator).Concat(constraints.MustInclude).Distinct()];
            var creatorIndex = _creators.Select((id, index) => (id, index)).ToDictionary(entry => entry.id, entry => entry.index);
            var names = new Dictionary<CreatorId, string>();
            foreach (var item in _items)
            {
                names.TryAdd(item.Creator, item.Name);
            }

            _creatorNames = [.. _creators.Select(id => names.GetValueOrDefault(id) ?? id.ToString())];
            _ranges =
            [
                .. constraints.Markets.Select(range => new SpendRange(PlanLimit.MarketMaximum, $"{nameof(PlanConstraints.Markets)}[{range.Market.Code}]", "market", range.Minimum, range.Maximum)),
                .. constraints.Tiers.Select(range => new SpendRange(PlanLimit.TierMaximum, $"{nameof(PlanConstraints.Tiers)}[{range.Tier.Name}]", "tier", range.Minimum, range.Maximum)),
            ];
            var groups = new Dictionary<(CreatorId, string), int>();
            _price = [.. _items.Select(item => item.Price.MinorUnits)];
            _value = [.. _items.Select(item => item.ExpectedValue)];
            _creator = [.. _items.Select(item => creatorIndex[item.Creator])];
            _group = [.. _items.Select(item => groups.TryGetValue((item.Creator, item.Deliverable), out var group) ? group : groups[(item.Creator, item.Deliverable)] = groups.Count)];
            var markets = constraints.Markets.Select((range, index) => (range.Market, index)).ToDictionary(entry => entry.Market, entry => entry.index);
            var tiers = constraints.Tiers.Select((range, index) => (range.Tier, index)).ToDictionary(entry => entry.Tier, entry => markets.Count + entry.index);
            _market = [.. _items.Select(item => markets.GetValueOrDefault(item.Market, -1))];
            _tier = [.. _items.Select(item => tiers.GetValueOrDefault(item.Tier, -1))];
            _mustInclude = [.. constraints.MustInclude.Distinct().Select(id => creatorIndex[id])];

            // A deliverable of no value only ever helps to meet a must-include or a market's or tier's minimum; elsewhere it would spend for nothing.
            _worthBuying = [.. _items.Select((item, i) => item.ExpectedValue > 0d || _mustInclude.Contains(_creator[i]) || Enumerable.Range(0, _ranges.Length).Any(r => InRange(i, r) && _ranges[r].Minimum.IsPositive))];
            _rangeTotal = new long[_ranges.Length];
            for (var i = 0; i < _items.Length; i++)
            {
                Spend(_rangeTotal, i, _price[i]);
            }

            // Each candidate's cell: its market's range (or none) by its tier's range (or none), with what the cell's
            // candidates cost in all, so that a first plan can see which minimums the markets' maximums still leave room for.
            _marketCount = markets.Count;
            _cell = [.. Enumerable.Range(0, _items.Length).Select(i => Cell(_market[i] >= 0 ? _market[i] : _marketCount, _tier[i] >= 0 ? _tier[i] - _marketCount : tiers.Count))];
            _cellTotal = new long[(_marketCount + 1) * (tiers.Count + 1)];
            for (var i = 0; i < _items.Length; i++)
            {
                _cellTotal[_cell[i]] += _price[i];
            }

            _cap = (long)Math.Floor((decimal)constraints.MaxCreatorShare * budget.MinorUnits);
        }

        // Conflicts that show without a search: a must-include or a market minimum no selection can meet, alone or with the others.
        public List<PlanConflict> Conflicts()
        {
            var conflicts = new List<PlanConflict>();
            var cheapest = new List<(int Creator, long Price)>();
            foreach (var creator in _mustInclude)
            {
                var name = Included(creator);
                var prices = Enumerable.Range(0, _items.Length).Where(i => _creator[i] == creator).Select(i => (Price: _price[i], Over: Enumerable.Range(0, _ranges.Length).Where(r => InRange(i, r) && _price[i] > _ranges[r].Maximum.MinorUnits).ToList())).ToList();
                if (prices.Count == 0)
                {
                    conflicts.Add(new([name], "the creator has no candidate."));
                    continue;
                }

                var least = prices.Min(entry => entry.Price);
                cheapest.Add((creator, least));
                if (least > Budget)
                {
                    conflicts.Add(new(["budget", name], $"her cheapest deliverable costs {Amount(least)}, over the budget of {_budget}."));
                }
                else if (least > _cap)
                {
                    conflicts.Add(new([nameof(PlanConstraints.MaxCreatorShare), name], $"her cheapest deliverable costs {Amount(least)}, over the {Amount(_cap)} one creator may receive."));
                }
                else if (prices.All(entry => entry.Over.Count > 0))
                {
                    var over = prices.SelectMany(entry => entry.Over).Distinct().ToList();
                    conflicts.Add(new([.. over.Select(Maximum), name], $"each of her deliverables costs more than its {string.Join(" or ", over.Select(r => _ranges[r].Noun + "'s").Distinct())} maximum."));
                }
            }

            var mustInclude = cheapest.Sum(entry => entry.Price);
            if (cheapest.Count > 1 && cheapest.All(entry => entry.Price <= Budget) && mustInclude > Budget)
            {
                conflicts.Add(new(["budget", .. cheapest.Select(entry => Included(entry.Creator))], $"their cheapest deliverables cost {Amount(mustInclude)} together, over the budget of {_budget}."));
            }

            for (var m = 0; m < _ranges.Length; m++)
            {
                var minimum = _ranges[m].Minimum.MinorUnits;
                if (minimum > Budget)
                {
                    conflicts.Add(new(["budget", Minimum(m)], $"the minimum of {_ranges[m].Minimum} is over the budget of {_budget}."));
                }
                else if (minimum > _rangeTotal[m])
                {
                    conflicts.Add(new([Minimum(m)], $"the {_ranges[m].Noun}'s candidates cost {Amount(_rangeTotal[m])} in all, under its minimum of {_ranges[m].Minimum}."));
                }
            }

            // The markets' minimums cannot share a purchase, nor can the tiers'; a market's and a tier's can.
            foreach (var kind in _ranges.GroupBy(range => range.Limit))
            {
                var minimums = Enumerable.Range(0, _ranges.Length).Where(m => _ranges[m].Limit == kind.Key && _ranges[m].Minimum.IsPositive).ToList();
                var mustSpend = minimums.Sum(m => _ranges[m].Minimum.MinorUnits);
                if (minimums.Count > 1 && minimums.All(m => _ranges[m].Minimum.MinorUnits <= Budget) && mustSpend > Budget)
                {
                    conflicts.Add(new(["budget", .. minimums.Select(Minimum)], $"the {_ranges[minimums[0]].Noun}s' minimums add up to {Amount(mustSpend)}, over the budget of {_budget}."));
                }
            }

            return conflicts;
        }

        // When each constraint can be met alone but the search finds no selection meeting all: the ones that must be met
        // together, and, when the search stopped at its node limit before finding one, that limit.
        public PlanConflict JointConflict(long? nodeLimit) =>
            new(
                ["budget", nameof(PlanConstraints.MaxCreatorShare), .. _mustInclude.Select(Included), .. Enumerable.Range(0, _ranges.Length).Where(m => _ranges[m].Minimum.IsPositive).Select(Minimum), .. Enumerable.Range(0, _ranges.Length).Select(Maximum)],
                nodeLimit is { } limit
                    ? $"each can be met alone, but the search found no selection meeting them together within its node limit ({limit.ToString(CultureInfo.InvariantCulture)}), and did not prove that none exists; a higher nodeLimit searches further."
                    : "each can be met alone, but no selection of the candidates meets them together.");

        // The Lagrangian bound of the whole problem; a first plan from a greedy pass; the candidates that bound proves in
        // or out of any better plan fixed; and a depth-first branch and bound over the rest. A search stopped at its
        // node limit reports the tighter of two proven bounds: the Lagrangian, or the best of the first plan and the
        // fractional bound of the search's root.
        public (Selection? Chosen, bool Stopped) Solve(long nodeLimit, double acceptableGap, CancellationToken cancellationToken)
        {
            var relaxation = new Relaxation(this);
            var first = Greedy([]);
            var firstValue = first is null ? double.NegativeInfinity : ValueOf(first);

            // The bound is tightened a round at a time, each round's prices proposing a first plan of their own, until the
            // first plan is close enough to the bound or the rounds stop paying.
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Greedy(relaxation.Preferred()) is { } proposed && ValueOf(proposed) is var value && value > firstValue)
                {
                    (first, firstValue) = (proposed, value);
                }
            }
            while (!(first is not null && firstValue >= relaxation.Bound * (1d - acceptableGap)) && relaxation.Tighten());

            if (first is not null && firstValue >= relaxation.Bound * (1d - acceptableGap))
            {
                // A first plan close enough to the bound needs no search; it is optimal when it reaches the bound.
                return (new Selection(first, 0, firstValue >= relaxation.Bound, Math.Max(firstValue, relaxation.Bound)), false);
            }

            var (free, bought) = first is null ? ([.. Enumerable.Range(0, _items.Length)], []) : relaxation.Reduce(firstValue);
            var search = new Search(this, nodeLimit, free, bought, first, firstValue, cancellationToken);
            var bound = Math.Min(relaxation.Bound, Math.Max(firstValue, search.RootBound()));
            search.Run(bound * (1d - acceptableGap));
            if (search.Best is not { } best)
            {
                return (null, search.Stopped);
            }

            // A search stopped with a plan that reaches the proven bound has found the optimum all the same.
            var optimal = !search.Stopped || search.BestValue >= bound;
            return (new Selection(best, search.Nodes, optimal, optimal ? search.BestValue : bound), false);
        }

        private double ValueOf(bool[] chosen)
        {
            var value = 0d;
            for (var i = 0; i < _items.Length; i++)
            {
                value += chosen[i] ? _value[i] : 0d;
            }

            return value;
        }

        // Value per minor unit; a free deliverable of some value is worth any price.
        private double Ratio(int i) => _price[i] == 0L ? (_value[i] > 0d ? double.PositiveInfinity : 0d) : _value[i] / _price[i];

        // Whether any plan may buy the candidate alone: no plan buys what breaks a limit by itself, or what is worth nothing and needed nowhere.
        private bool MayBuy(int i) =>
            _worthBuying[i] && _price[i] <= Budget && _price[i] <= _cap
            && (_market[i] < 0 || _price[i] <= _ranges[_market[i]].Maximum.MinorUnits)
            && (_tier[i] < 0 || _price[i] <= _ranges[_tier[i]].Maximum.MinorUnits);

        // The cell of a market slot and a tier slot, the last slot of each standing for none.
        private int Cell(int market, int tier) => (market * (_ranges.Length - _marketCount + 1)) + tier;

        // Whether the candidate counts towards a spend range: its market's or its tier's.
        private bool InRange(int i, int range) => _market[i] == range || _tier[i] == range;

        // Adds an amount to what the candidate's market and tier have spent.
        private void Spend(long[] rangeSpent, int i, long amount)
        {
            if (_market[i] >= 0)
            {
                rangeSpent[_market[i]] += amount;
            }

            if (_tier[i] >= 0)
            {
                rangeSpent[_tier[i]] += amount;
            }
        }

        public BudgetPlan Explain(Selection selection)
        {
            var chosen = selection.Chosen;
            var spent = Enumerable.Range(0, _items.Length).Where(i => chosen[i]).Sum(i => _price[i]);
            var creatorSpent = new long[_creators.Length];
            var rangeSpent = new long[_ranges.Length];
            var groupTaken = new HashSet<int>();
            for (var i = 0; i < _items.Length; i++)
            {
                if (chosen[i])
                {
                    creatorSpent[_creator[i]] += _price[i];
                    Spend(rangeSpent, i, _price[i]);

                    groupTaken.Add(_group[i]);
                }
            }

            // Every left-out candidate whose deliverable is not already bought, each with the limits adding it would break.
            var leftOut = Enumerable.Range(0, _items.Length)
                .Where(i => !chosen[i] && !groupTaken.Contains(_group[i]))
                .Select(i => (Index: i, Blocks: Blocks(i, spent, creatorSpent, rangeSpent)))
                .ToList();
            var binding = leftOut
                .SelectMany(entry => entry.Blocks)
                .GroupBy(limit => limit.Name)
                .Select(group => group.First() with { KeptOut = group.Count() })
                .OrderBy(limit => limit.Limit)
                .ThenBy(limit => limit.Name, StringComparer.Ordinal)
                .ToList();
            var next = leftOut.Count == 0
                ? null
                : new NextPurchase(_items[leftOut[0].Index], _items[leftOut[0].Index].ValuePerUnit, Amount(Math.Max(0L, spent + _price[leftOut[0].Index] - Budget)), leftOut[0].Blocks);

            // The value summed in one fixed order (value per money, then the given order), so that the same plan always reports the same total.
            var total = 0d;
            var purchases = new List<PlannedPurchase>();
            for (var i = 0; i < _items.Length; i++)
            {
                if (chosen[i])
                {
                    total += _value[i];
                    purchases.Add(new PlannedPurchase(_items[i], _items[i].ValuePerUnit));
                }
            }

            return new BudgetPlan(_budget, purchases, Amount(spent), total, binding, next, selection.Nodes, selection.Optimal, selection.Optimal ? total : Math.Max(total, selection.UpperBound));
        }

        private List<BindingConstraint> Blocks(int i, long spent, long[] creatorSpent, long[] rangeSpent)
        {
            var blocks = new List<BindingConstraint>();
            if (spent + _price[i] > Budget)
            {
                blocks.Add(new(PlanLimit.Budget, "budget", _budget, Amount(spent), 1));
            }

            foreach (var r in (int[])[_market[i], _tier[i]])
            {
                if (r >= 0 && rangeSpent[r] + _price[i] > _ranges[r].Maximum.MinorUnits)
                {
                    blocks.Add(new(_ranges[r].Limit, Maximum(r), _ranges[r].Maximum, Amount(rangeSpent[r]), 1));
                }
            }

            if (creatorSpent[_creator[i]] + _price[i] > _cap)
            {
                blocks.Add(new(PlanLimit.CreatorShare, $"{nameof(PlanConstraints.MaxCreatorShare)} ({_creatorNames[_creator[i]]})", Amount(_cap), Amount(creatorSpent[_creator[i]]), 1));
            }

            return blocks;
        }

        private string Included(int creator) => $"{nameof(PlanConstraints.MustInclude)}[{_creatorNames[creator]}]";

        private string Minimum(int range) => $"{_ranges[range].Name}.{nameof(MarketSpend.Minimum)}";

        private string Maximum(int range) => $"{_ranges[range].Name}.{nameof(MarketSpend.Maximum)}";

        private Money Amount(long minorUnits) => Money.FromMinorUnits(minorUnits, _budget.Currency);
    }

    // A market's or a tier's spend range, named as in PlanConstraints (Markets[GB], Tiers[Micro]).
    private sealed record SpendRange(PlanLimit Limit, string Name, string Noun, Money Minimum, Money Maximum);

    private sealed record Selection(bool[] Chosen, long Nodes, bool Optimal, double UpperBound);
}
