using System.Globalization;

namespace CreatorMarketplace.Planning;

/// <summary>
/// Chooses, from candidate deliverables, the set of highest total expected value under a budget, a maximum share of
/// the budget per creator, creators that must be included or excluded and spend ranges per market. Exact: a branch
/// and bound in integer minor units over the candidates sorted by value per unit of money, pruned by the fractional
/// (LP-relaxation) bound of the knapsack. Its worst case is exponential in the number of candidates. The method is in
/// docs/planning.md.
/// </summary>
public static class BudgetPlanner
{
    // A bound within this relative margin of the best value prunes: the sums are of doubles, and a plan better by less is noise.
    private const double BoundMargin = 1e-12;

    /// <summary>How many nodes the search visits, once it holds a plan, before it stops and returns the best plan found with its proven bound.</summary>
    public const long DefaultNodeLimit = 2_000_000;

    /// <summary>Plans a budget.</summary>
    /// <param name="budget">The budget, zero or more; every price is in its currency.</param>
    /// <param name="candidates">The candidates; a creator's deliverable may be offered at several prices, and is bought at most once.</param>
    /// <param name="constraints">The constraints besides the budget; none unless given.</param>
    /// <param name="nodeLimit">
    /// How many nodes the search may visit once it holds a plan (1 or more): past it, the best plan found is returned
    /// with <see cref="BudgetPlan.IsOptimal"/> false and the proven <see cref="BudgetPlan.UpperBound"/>, so that a large
    /// instance answers in bounded time and says how far from optimal it may be.
    /// </param>
    /// <returns>The plan with its explanation, or the constraints that conflict.</returns>
    /// <exception cref="DomainValidationException">An input breaks a rule; every error names its field.</exception>
    public static BudgetPlanOutcome Plan(Money budget, IReadOnlyList<PlanCandidate> candidates, PlanConstraints? constraints = null, long nodeLimit = DefaultNodeLimit)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        constraints ??= PlanConstraints.None;
        Validate(budget, candidates, constraints, nodeLimit);

        var problem = new Problem(budget, candidates, constraints);
        if (problem.Conflicts() is { Count: > 0 } conflicts)
        {
            return new InfeasiblePlan(conflicts);
        }

        return problem.Solve(nodeLimit) is { } chosen ? problem.Explain(chosen) : new InfeasiblePlan([problem.JointConflict()]);
    }

    private static void Validate(Money budget, IReadOnlyList<PlanCandidate> candidates, PlanConstraints constraints, long nodeLimit)
    {
        var errors = new ErrorCollector();
        errors.Require(nodeLimit >= 1, nameof(nodeLimit), "planning.node_limit_invalid", $"the search visits at least one node, got {nodeLimit}.");
        errors.Require(!budget.IsNegative, nameof(budget), "planning.budget_negative", $"the budget is zero or more, got {budget}.");
        for (var i = 0; i < candidates.Count; i++)
        {
            var field = $"{nameof(candidates)}[{i}]";
            if (candidates[i] is not { } candidate)
            {
                errors.Add(field, "planning.candidate_required", "a candidate is required.");
                continue;
            }

            errors.Require(candidate.Price.Currency == budget.Currency, $"{field}.{nameof(PlanCandidate.Price)}", "planning.currency_mismatch", $"the price is in the budget's currency {budget.Currency.Code}, got {candidate.Price}.");
            errors.Require(!candidate.Price.IsNegative, $"{field}.{nameof(PlanCandidate.Price)}", "planning.price_negative", $"the price is zero or more, got {candidate.Price}.");
            errors.Require(double.IsFinite(candidate.ExpectedValue) && candidate.ExpectedValue >= 0d, $"{field}.{nameof(PlanCandidate.ExpectedValue)}", "planning.value_invalid", $"the expected value is a finite number, zero or more, got {candidate.ExpectedValue.ToString(CultureInfo.InvariantCulture)}.");
            errors.Require(!string.IsNullOrWhiteSpace(candidate.Deliverable), $"{field}.{nameof(PlanCandidate.Deliverable)}", "planning.deliverable_required", "the deliverable is named.");
            errors.Require(candidate.Market is not null, $"{field}.{nameof(PlanCandidate.Market)}", "planning.market_required", "the market is required.");
        }

        var share = constraints.MaxCreatorShare;
        errors.Require(double.IsFinite(share) && share is > 0d and <= 1d, $"{nameof(constraints)}.{nameof(PlanConstraints.MaxCreatorShare)}", "planning.share_invalid", $"the most of the budget one creator may receive is above 0 and at most 1, got {share.ToString(CultureInfo.InvariantCulture)}.");
        var both = constraints.MustInclude.Intersect(constraints.Excluded).ToList();
        errors.Require(both.Count == 0, $"{nameof(constraints)}.{nameof(PlanConstraints.MustInclude)}", "planning.included_and_excluded", $"a creator is either included or excluded, and {string.Join(", ", both)} are both.");
        for (var i = 0; i < constraints.Markets.Count; i++)
        {
            var field = $"{nameof(constraints)}.{nameof(PlanConstraints.Markets)}[{i}]";
            var range = constraints.Markets[i];
            errors.Require(range.Minimum.Currency == budget.Currency && range.Maximum.Currency == budget.Currency, field, "planning.currency_mismatch", $"the market's range is in the budget's currency {budget.Currency.Code}, got {range.Minimum} to {range.Maximum}.");
            errors.Require(!range.Minimum.IsNegative && range.Minimum.MinorUnits <= range.Maximum.MinorUnits, $"{field}.{nameof(MarketSpend.Minimum)}", "planning.market_range_invalid", $"the market's minimum is zero or more and at most its maximum, got {range.Minimum} to {range.Maximum}.");
            errors.Require(constraints.Markets.Take(i).All(other => other.Market != range.Market), $"{field}.{nameof(MarketSpend.Market)}", "planning.market_repeated", $"each market has one range, and {range.Market?.Code} has more.");
        }

        errors.ThrowIfAny();
    }

    // The problem in minor units, candidates of excluded creators left out and the rest sorted by value per unit of money.
    private sealed class Problem
    {
        private readonly Money _budget;
        private readonly PlanConstraints _constraints;
        private readonly PlanCandidate[] _items;
        private readonly long[] _price;
        private readonly double[] _value;
        private readonly int[] _creator;
        private readonly int[] _group;
        private readonly int[] _market;
        private readonly bool[] _worthBuying;
        private readonly CreatorId[] _creators;
        private readonly string[] _creatorNames;
        private readonly MarketSpend[] _markets;
        private readonly int[] _mustInclude;
        private readonly int[] _lastOfCreator;
        private readonly long[,] _marketSuffix;
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
            _creatorNames = [.. _creators.Select(id => _items.FirstOrDefault(item => item.Creator == id)?.Name ?? id.ToString())];
            _markets = [.. constraints.Markets];
            var groups = new Dictionary<(CreatorId, string), int>();
            _price = [.. _items.Select(item => item.Price.MinorUnits)];
            _value = [.. _items.Select(item => item.ExpectedValue)];
            _creator = [.. _items.Select(item => creatorIndex[item.Creator])];
            _group = [.. _items.Select(item => groups.TryGetValue((item.Creator, item.Deliverable), out var group) ? group : groups[(item.Creator, item.Deliverable)] = groups.Count)];
            _market = [.. _items.Select(item => Array.FindIndex(_markets, range => range.Market == item.Market))];
            _mustInclude = [.. constraints.MustInclude.Distinct().Select(id => creatorIndex[id])];

            // A deliverable of no value only ever helps to meet a must-include or a market's minimum; elsewhere it would spend for nothing.
            _worthBuying = [.. _items.Select((item, i) => item.ExpectedValue > 0d || _mustInclude.Contains(_creator[i]) || (_market[i] >= 0 && _markets[_market[i]].Minimum.IsPositive))];
            _lastOfCreator = new int[_creators.Length];
            Array.Fill(_lastOfCreator, -1);
            for (var i = 0; i < _items.Length; i++)
            {
                _lastOfCreator[_creator[i]] = i;
            }

            // What each market's candidates from an index on cost in all: a market whose minimum it cannot reach prunes.
            _marketSuffix = new long[_markets.Length, _items.Length + 1];
            for (var i = _items.Length - 1; i >= 0; i--)
            {
                for (var m = 0; m < _markets.Length; m++)
                {
                    _marketSuffix[m, i] = _marketSuffix[m, i + 1] + (_market[i] == m ? _price[i] : 0L);
                }
            }

            _cap = (long)Math.Floor((decimal)constraints.MaxCreatorShare * budget.MinorUnits);
        }

        private long Budget => _budget.MinorUnits;

        // Conflicts that show without a search: a must-include or a market minimum no selection can meet, alone or with the others.
        public List<PlanConflict> Conflicts()
        {
            var conflicts = new List<PlanConflict>();
            var cheapest = new List<(int Creator, long Price)>();
            foreach (var creator in _mustInclude)
            {
                var name = Included(creator);
                var prices = Enumerable.Range(0, _items.Length).Where(i => _creator[i] == creator).Select(i => (Price: _price[i], Market: _market[i])).ToList();
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
                else if (prices.All(entry => entry.Market >= 0 && entry.Price > _markets[entry.Market].Maximum.MinorUnits))
                {
                    conflicts.Add(new([.. prices.Select(entry => Maximum(entry.Market)).Distinct(), name], "each of her deliverables costs more than its market's maximum."));
                }
            }

            var mustSpend = cheapest.Sum(entry => entry.Price);
            if (cheapest.Count > 1 && cheapest.All(entry => entry.Price <= Budget) && mustSpend > Budget)
            {
                conflicts.Add(new(["budget", .. cheapest.Select(entry => Included(entry.Creator))], $"their cheapest deliverables cost {Amount(mustSpend)} together, over the budget of {_budget}."));
            }

            for (var m = 0; m < _markets.Length; m++)
            {
                var minimum = _markets[m].Minimum.MinorUnits;
                if (minimum > Budget)
                {
                    conflicts.Add(new(["budget", Minimum(m)], $"the minimum of {_markets[m].Minimum} is over the budget of {_budget}."));
                }
                else if (minimum > _marketSuffix[m, 0])
                {
                    conflicts.Add(new([Minimum(m)], $"the market's candidates cost {Amount(_marketSuffix[m, 0])} in all, under its minimum of {_markets[m].Minimum}."));
                }
            }

            var minimums = Enumerable.Range(0, _markets.Length).Where(m => _markets[m].Minimum.IsPositive).ToList();
            var mustMarkets = minimums.Sum(m => _markets[m].Minimum.MinorUnits);
            if (minimums.Count > 1 && minimums.All(m => _markets[m].Minimum.MinorUnits <= Budget) && mustMarkets > Budget)
            {
                conflicts.Add(new(["budget", .. minimums.Select(Minimum)], $"the markets' minimums add up to {Amount(mustMarkets)}, over the budget of {_budget}."));
            }

            return conflicts;
        }

        // When each constraint can be met alone but the search finds no selection meeting all: the ones that must be met together.
        public PlanConflict JointConflict() =>
            new(
                ["budget", nameof(PlanConstraints.MaxCreatorShare), .. _mustInclude.Select(Included), .. Enumerable.Range(0, _markets.Length).Where(m => _markets[m].Minimum.IsPositive).Select(Minimum), .. Enumerable.Range(0, _markets.Length).Select(Maximum)],
                "each can be met alone, but no selection of the candidates meets them together.");

        // Depth-first branch and bound, buying before skipping, so that the greedy plan is the first incumbent.
        // The root's fractional bound is an upper bound on every plan: a search stopped at its node limit reports it.
        public Selection? Solve(long nodeLimit)
        {
            var search = new Search(this, nodeLimit);
            var rootBound = search.RootBound();
            search.Visit(0);
            return search.Best is { } best
                ? new Selection(best, search.Nodes, !search.Stopped, search.Stopped ? Math.Max(rootBound, search.BestValue) : search.BestValue)
                : null;
        }

        public BudgetPlan Explain(Selection selection)
        {
            var chosen = selection.Chosen;
            var spent = Enumerable.Range(0, _items.Length).Where(i => chosen[i]).Sum(i => _price[i]);
            var creatorSpent = new long[_creators.Length];
            var marketSpent = new long[_markets.Length];
            var groupTaken = new HashSet<int>();
            for (var i = 0; i < _items.Length; i++)
            {
                if (chosen[i])
                {
                    creatorSpent[_creator[i]] += _price[i];
                    if (_market[i] >= 0)
                    {
                        marketSpent[_market[i]] += _price[i];
                    }

                    groupTaken.Add(_group[i]);
                }
            }

            // Every left-out candidate whose deliverable is not already bought, each with the limits adding it would break.
            var leftOut = Enumerable.Range(0, _items.Length)
                .Where(i => !chosen[i] && !groupTaken.Contains(_group[i]))
                .Select(i => (Index: i, Blocks: Blocks(i, spent, creatorSpent, marketSpent)))
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

        private List<BindingConstraint> Blocks(int i, long spent, long[] creatorSpent, long[] marketSpent)
        {
            var blocks = new List<BindingConstraint>();
            if (spent + _price[i] > Budget)
            {
                blocks.Add(new(PlanLimit.Budget, "budget", _budget, Amount(spent), 1));
            }

            if (_market[i] is var m and >= 0 && marketSpent[m] + _price[i] > _markets[m].Maximum.MinorUnits)
            {
                blocks.Add(new(PlanLimit.MarketMaximum, Maximum(m), _markets[m].Maximum, Amount(marketSpent[m]), 1));
            }

            if (creatorSpent[_creator[i]] + _price[i] > _cap)
            {
                blocks.Add(new(PlanLimit.CreatorShare, $"{nameof(PlanConstraints.MaxCreatorShare)} ({_creatorNames[_creator[i]]})", Amount(_cap), Amount(creatorSpent[_creator[i]]), 1));
            }

            return blocks;
        }

        private string Included(int creator) => $"{nameof(PlanConstraints.MustInclude)}[{_creatorNames[creator]}]";

        private string Minimum(int market) => $"{nameof(PlanConstraints.Markets)}[{_markets[market].Market.Code}].{nameof(MarketSpend.Minimum)}";

        private string Maximum(int market) => $"{nameof(PlanConstraints.Markets)}[{_markets[market].Market.Code}].{nameof(MarketSpend.Maximum)}";

        private Money Amount(long minorUnits) => Money.FromMinorUnits(minorUnits, _budget.Currency);

        private sealed class Search(Problem problem, long nodeLimit)
        {
            private readonly bool[] _chosen = new bool[problem._items.Length];
            private readonly long[] _creatorSpent = new long[problem._creators.Length];
            private readonly long[] _marketSpent = new long[problem._markets.Length];
            private readonly bool[] _groupTaken = new bool[problem._items.Length];
            private readonly int[] _creatorCount = new int[problem._creators.Length];
            private long _spent;
            private double _value;
            private double _bestValue = double.NegativeInfinity;

            public bool[]? Best { get; private set; }

            public long Nodes { get; private set; }

            public bool Stopped { get; private set; }

            public double BestValue => _bestValue;

            public double RootBound() => Bound(0);

            public void Visit(int i)
            {
                // Past the limit, and only once a plan is held, the search stops: the plan found stands with the root's bound.
                if (Stopped || (Best is not null && Nodes >= nodeLimit))
                {
                    Stopped = true;
                    return;
                }

                Nodes++;
                if (!CanStillMeetMinimums(i))
                {
                    return;
                }

                if (i == problem._items.Length)
                {
                    if (_value > _bestValue)
                    {
                        _bestValue = _value;
                        Best = (bool[])_chosen.Clone();
                    }

                    return;
                }

                if (Bound(i) * (1d + BoundMargin) <= _bestValue)
                {
                    return;
                }

                if (CanBuy(i))
                {
                    Buy(i, 1);
                    Visit(i + 1);
                    Buy(i, -1);
                }

                Visit(i + 1);
            }

            private bool CanBuy(int i)
            {
                var price = problem._price[i];
                var market = problem._market[i];
                return problem._worthBuying[i]
                    && !_groupTaken[problem._group[i]]
                    && _spent + price <= problem.Budget
                    && _creatorSpent[problem._creator[i]] + price <= problem._cap
                    && (market < 0 || _marketSpent[market] + price <= problem._markets[market].Maximum.MinorUnits);
            }

            private void Buy(int i, int sign)
            {
                var price = sign * problem._price[i];
                _chosen[i] = sign > 0;
                _groupTaken[problem._group[i]] = sign > 0;
                _spent += price;
                _value += sign * problem._value[i];
                _creatorSpent[problem._creator[i]] += price;
                _creatorCount[problem._creator[i]] += sign;
                if (problem._market[i] is var market and >= 0)
                {
                    _marketSpent[market] += price;
                }
            }

            // Every must-include creator still has a candidate ahead, and every market can still reach its minimum.
            private bool CanStillMeetMinimums(int i)
            {
                foreach (var creator in problem._mustInclude)
                {
                    if (_creatorCount[creator] == 0 && problem._lastOfCreator[creator] < i)
                    {
                        return false;
                    }
                }

                for (var m = 0; m < problem._markets.Length; m++)
                {
                    if (_marketSpent[m] + problem._marketSuffix[m, i] < problem._markets[m].Minimum.MinorUnits)
                    {
                        return false;
                    }
                }

                return true;
            }

            // The fractional knapsack over the candidates ahead in value-per-money order, leaving out those no later
            // choice can buy: a relaxation, so no plan below this node is worth more.
            private double Bound(int i)
            {
                var room = problem.Budget - _spent;
                var bound = _value;
                for (var j = i; j < problem._items.Length; j++)
                {
                    if (!CanBuyIgnoringBudget(j))
                    {
                        continue;
                    }

                    var price = problem._price[j];
                    if (price <= room)
                    {
                        room -= price;
                        bound += problem._value[j];
                    }
                    else
                    {
                        return bound + (problem._value[j] * room / price);
                    }
                }

                return bound;
            }

            private bool CanBuyIgnoringBudget(int j)
            {
                var price = problem._price[j];
                var market = problem._market[j];
                return !_groupTaken[problem._group[j]]
                    && _creatorSpent[problem._creator[j]] + price <= problem._cap
                    && (market < 0 || _marketSpent[market] + price <= problem._markets[market].Maximum.MinorUnits);
            }
        }
    }

    private sealed record Selection(bool[] Chosen, long Nodes, bool Optimal, double UpperBound);
}
