namespace CreatorMarketplace.Planning;

public static partial class BudgetPlanner
{
    // A bound within this relative margin of the best value prunes: the sums are of doubles, and a plan better by less is noise.
    private const double BoundMargin = 1e-12;

    // A node's bound scans the free candidates ahead of it; every this many scanned count as one more node against the
    // node limit, so that the limit bounds the search's work on a large instance as on a small one.
    private const int ScansPerNode = 64;

    private sealed partial class Problem
    {
        private long Budget => _budget.MinorUnits;

        // A first plan: each must-include creator's best candidate that fits, then the preferred candidates that fit,
        // then every candidate of some value in value-per-money order that fits, then what reaches a market's minimum
        // still unmet; each while leaving the budget that the markets' unmet minimums still need. Null when it misses a
        // must-include or a minimum.
        private bool[]? Greedy(int[] preferred)
        {
            var basket = new Basket(this);
            foreach (var creator in _mustInclude)
            {
                for (var i = 0; i < _items.Length && basket.CreatorCount[creator] == 0; i++)
                {
                    if (_creator[i] == creator && FitsBeside(basket, i))
                    {
                        basket.Buy(i, 1);
                    }
                }
            }

            foreach (var i in preferred.Concat(Enumerable.Range(0, _items.Length)))
            {
                if (_value[i] > 0d && FitsBeside(basket, i))
                {
                    basket.Buy(i, 1);
                }
            }

            for (var m = 0; m < _ranges.Length; m++)
            {
                for (var i = 0; i < _items.Length && basket.RangeSpent[m] < _ranges[m].Minimum.MinorUnits; i++)
                {
                    if (InRange(i, m) && FitsBeside(basket, i))
                    {
                        basket.Buy(i, 1);
                    }
                }
            }

            var met = _mustInclude.All(creator => basket.CreatorCount[creator] > 0)
                && Enumerable.Range(0, _ranges.Length).All(m => basket.RangeSpent[m] >= _ranges[m].Minimum.MinorUnits);
            return met ? basket.Chosen : null;
        }

        private bool FitsBeside(Basket basket, int i)
        {
            if (!basket.CanBuy(i))
            {
                return false;
            }

            // A purchase counts towards one market and one tier, so the markets' unmet minimums and the tiers' are each a need.
            var (markets, tiers) = (0L, 0L);
            for (var m = 0; m < _ranges.Length; m++)
            {
                var unmet = Math.Max(0L, _ranges[m].Minimum.MinorUnits - basket.RangeSpent[m] - (InRange(i, m) ? _price[i] : 0L));
                (markets, tiers) = _ranges[m].Limit == PlanLimit.MarketMaximum ? (markets + unmet, tiers) : (markets, tiers + unmet);
            }

            return Math.Max(markets, tiers) <= Budget - basket.Spent - _price[i] && MinimumsStayReachable(basket, i);
        }

        // Whether, with the candidate bought, each range's unmet minimum can still be spent in its cells: a cell holds at
        // most what its candidates not yet bought cost and what the other range of the cell still has room for. A tier's
        // minimum cannot be met in markets already at their maximums, nor a market's in full tiers. A necessary check
        // only, since cells compete for room; it keeps the first plan from filling the markets before a tier's minimum.
        private bool MinimumsStayReachable(Basket basket, int i)
        {
            var tierSlots = _ranges.Length - _marketCount + 1;
            for (var r = 0; r < _ranges.Length; r++)
            {
                var unmet = _ranges[r].Minimum.MinorUnits - basket.RangeSpent[r] - (InRange(i, r) ? _price[i] : 0L);
                if (unmet <= 0L)
                {
                    continue;
                }

                var isMarket = r < _marketCount;
                var room = 0L;
                var others = isMarket ? tierSlots : _marketCount + 1;
                for (var other = 0; other < others && room < unmet; other++)
                {
                    var cell = isMarket ? Cell(r, other) : Cell(other, r - _marketCount);
                    var supply = _cellTotal[cell] - basket.CellSpent[cell] - (_cell[i] == cell ? _price[i] : 0L);
                    var otherRange = isMarket ? (other < tierSlots - 1 ? _marketCount + other : -1) : (other < _marketCount ? other : -1);
                    var otherRoom = otherRange < 0 ? long.MaxValue : _ranges[otherRange].Maximum.MinorUnits - basket.RangeSpent[otherRange] - (InRange(i, otherRange) ? _price[i] : 0L);
                    room += Math.Max(0L, Math.Min(supply, otherRoom));
                }

                if (room < unmet)
                {
                    return false;
                }
            }

            return true;
        }

        // What a selection has bought, and whether a candidate still fits beside it.
        private sealed class Basket(Problem problem)
        {
            public bool[] Chosen { get; } = new bool[problem._items.Length];

            public long[] CreatorSpent { get; } = new long[problem._creators.Length];

            public long[] RangeSpent { get; } = new long[problem._ranges.Length];

            public long[] CellSpent { get; } = new long[problem._cellTotal.Length];

            public int[] CreatorCount { get; } = new int[problem._creators.Length];

            public bool[] GroupTaken { get; } = new bool[problem._items.Length];

            public long Spent { get; private set; }

            public double Value { get; private set; }

            // Each limit less what is spent against it, never the spent plus the price: a price near the largest amount,
            // tried again beside itself, would overflow the sum.
            public bool CanBuy(int i) => problem._worthBuying[i] && problem._price[i] <= problem.Budget - Spent && CanBuyIgnoringBudget(i);

            public bool CanBuyIgnoringBudget(int i)
            {
                var price = problem._price[i];
                var market = problem._market[i];
                var tier = problem._tier[i];
                return !GroupTaken[problem._group[i]]
                    && price <= problem._cap - CreatorSpent[problem._creator[i]]
                    && (market < 0 || price <= problem._ranges[market].Maximum.MinorUnits - RangeSpent[market])
                    && (tier < 0 || price <= problem._ranges[tier].Maximum.MinorUnits - RangeSpent[tier]);
            }

            public void Buy(int i, int sign)
            {
                var price = sign * problem._price[i];
                Chosen[i] = sign > 0;
                GroupTaken[problem._group[i]] = sign > 0;
                Spent += price;
                Value += sign * problem._value[i];
                CreatorSpent[problem._creator[i]] += price;
                CreatorCount[problem._creator[i]] += sign;
                problem.Spend(RangeSpent, i, price);
                CellSpent[problem._cell[i]] += price;
            }
        }

        // Depth-first branch and bound over the free candidates in value-per-money order, buying before skipping, with
        // the candidates proven in already bought and the first plan as the incumbent: it looks only for a better plan.
        private sealed class Search
        {
            private readonly Problem _problem;
            private readonly long _nodeLimit;
            private readonly int[] _order;
            private readonly Basket _basket;
            private readonly int[] _lastOfCreator;
            private readonly long[,] _rangeSuffix;
            private readonly bool _closed;
            private readonly CancellationToken _cancellationToken;
            private double _bestValue;
            private double _enough = double.PositiveInfinity;
            private long _scanned;

            public Search(Problem problem, long nodeLimit, int[] order, IReadOnlyList<int> bought, bool[]? first, double firstValue, CancellationToken cancellationToken)
            {
                _problem = problem;
                _cancellationToken = cancellationToken;
                _nodeLimit = nodeLimit;
                _order = order;
                _basket = new Basket(problem);
                Best = first;
                _bestValue = firstValue;
                foreach (var i in bought)
                {
                    // Candidates each in every better plan that cannot be bought together: no plan is better than the first.
                    if (!_basket.CanBuy(i))
                    {
                        _closed = true;
                        break;
                    }

                    _basket.Buy(i, 1);
                }

                _lastOfCreator = new int[problem._creators.Length];
                Array.Fill(_lastOfCreator, -1);
                for (var k = 0; k < order.Length; k++)
                {
                    _lastOfCreator[problem._creator[order[k]]] = k;
                }

                // What each market's or tier's free candidates from a position on cost in all: a range whose minimum it cannot reach prunes.
                _rangeSuffix = new long[problem._ranges.Length, order.Length + 1];
                for (var k = order.Length - 1; k >= 0; k--)
                {
                    for (var m = 0; m < problem._ranges.Length; m++)
                    {
                        _rangeSuffix[m, k] = _rangeSuffix[m, k + 1] + (problem.InRange(order[k], m) ? problem._price[order[k]] : 0L);
                    }
                }
            }

            public bool[]? Best { get; private set; }

            public long Nodes { get; private set; }

            // The nodes visited and the candidates their bounds scanned, in nodes.
            private long Work => Nodes + (_scanned / ScansPerNode);

            public bool Stopped { get; private set; }

            public double BestValue => _bestValue;

            // The fractional bound at the root: no plan better than the first, and so none at all, beats the larger of the two.
            public double RootBound() => _closed ? double.NegativeInfinity : Bound(0);

            // Searches for a better plan until it proves none exists, reaches its node limit, or holds a plan worth enough.
            public void Run(double enough)
            {
                _enough = enough;
                if (!_closed)
                {
                    Visit(0);
                }
            }

            private void Visit(int k)
            {
                // Past the limit, or with a plan worth enough, the search stops: the plan found, if any, stands with the
                // proven bound.
                if (Stopped || Work >= _nodeLimit || (Best is not null && _bestValue >= _enough))
                {
                    Stopped = true;
                    return;
                }

                // Checked every 1,024 nodes: a check costs about as much as a node.
                if ((++Nodes & 1023) == 0)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                }

                if (!CanStillMeetMinimums(k))
                {
                    return;
                }

                if (k == _order.Length)
                {
                    if (_basket.Value > _bestValue)
                    {
                        _bestValue = _basket.Value;
                        Best = (bool[])_basket.Chosen.Clone();
                    }

                    return;
                }

                if (Bound(k) * (1d + BoundMargin) <= _bestValue)
                {
                    return;
                }

                var i = _order[k];
                if (_basket.CanBuy(i))
                {
                    _basket.Buy(i, 1);
                    Visit(k + 1);
                    _basket.Buy(i, -1);
                }

                Visit(k + 1);
            }

            // Every must-include creator is bought or still has a candidate ahead, and every market and tier can still reach its minimum.
            private bool CanStillMeetMinimums(int k)
            {
                foreach (var creator in _problem._mustInclude)
                {
                    if (_basket.CreatorCount[creator] == 0 && _lastOfCreator[creator] < k)
                    {
                        return false;
                    }
                }

                for (var m = 0; m < _problem._ranges.Length; m++)
                {
                    if (_basket.RangeSpent[m] + _rangeSuffix[m, k] < _problem._ranges[m].Minimum.MinorUnits)
                    {
                        return false;
                    }
                }

                return true;
            }

            // The fractional knapsack over the candidates ahead in value-per-money order, leaving out those no later
            // choice can buy: a relaxation, so no plan below this node is worth more.
            private double Bound(int k)
            {
                var room = _problem.Budget - _basket.Spent;
                var bound = _basket.Value;
                for (var position = k; position < _order.Length; position++)
                {
                    var j = _order[position];
                    if (!_basket.CanBuyIgnoringBudget(j))
                    {
                        continue;
                    }

                    var price = _problem._price[j];
                    if (price <= room)
                    {
                        room -= price;
                        bound += _problem._value[j];
                    }
                    else
                    {
                        _scanned += position - k + 1;
                        return bound + (_problem._value[j] * room / price);
                    }
                }

                _scanned += _order.Length - k;
                return bound;
            }
        }
    }
}
