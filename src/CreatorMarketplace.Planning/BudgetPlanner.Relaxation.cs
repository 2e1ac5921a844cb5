namespace CreatorMarketplace.Planning;

public static partial class BudgetPlanner
{
    private sealed partial class Problem
    {
        // The Lagrangian relaxation of the plan (M. L. Fisher, Management Science 27:1–18, 1981): the budget and each
        // market's and tier's range move into the objective at a price per unit of money, λ ≥ 0 on the budget and θ of
        // either sign on a range, and the must-includes are dropped; what is left falls apart into one problem per creator, her best
        // set of candidates within her share, one per deliverable, valued at value − price·(λ + θ of its market + θ of
        // its tier). For any prices no plan is worth more than λ·budget + Σ ranges (θ > 0 ? θ·maximum : θ·minimum) + Σ
        // creators her best set's value.
        // Each best set is found by trying every set of her candidates of positive reduced value, or, for a creator with
        // very many, bounded by pricing her share too (κ ≥ 0, her fractional best). The prices start from the fractional
        // plan and are then lowered one at a time. Any prices give a true bound.
        private sealed class Relaxation
        {
            // A candidate is proven in or out only with this relative room, far above the rounding of the sums.
            private const double FixMargin = 1e-9;

            // Golden-section steps per price: enough to narrow its range to about 10⁻¹⁴ of its width.
            private const int SearchSteps = 70;

            // A creator's best set is found by trying every set of her candidates of positive reduced value up to this many.
            private const int MostTried = 16;

            // The same when proving candidates in or out, which tries every set of all her candidates twice per candidate.
            private const int MostTriedWhenFixing = 10;

            // Rounds of coordinate descent at most: past them the bound stands as it is, and the search closes the gap.
            private const int MostRounds = 40;

            // A round that lowers the bound by less than this share of it ends the tightening.
            private const double RoundGain = 1e-7;

            // How far the pattern move may go along a round's change, in multiples of it.
            private const double PatternReach = 8d;

            // Ternary-search steps for the κ of a creator with too many candidates to try each point where her term bends.
            private const int ShareSteps = 40;

            private readonly Problem _problem;
            private readonly CreatorPart[] _creators;
            private readonly double[] _prices;
            private readonly double _highestRatio;

            // Scratch for the search of a best set, sized for the creator with the most candidates.
            private readonly int[] _tried;
            private readonly double[] _triedValue;
            private readonly int[] _chosen;
            private List<int>? _bestSet;
            private double _best;
            private int _rounds;

            public Relaxation(Problem problem)
            {
                _problem = problem;
                var groups = new Dictionary<int, List<int>>();
                var highest = 0d;
                for (var i = 0; i < problem._items.Length; i++)
                {
                    if (!problem.MayBuy(i))
                    {
                        continue;
                    }

                    if (!groups.TryGetValue(problem._group[i], out var members))
                    {
                        groups[problem._group[i]] = members = [];
                    }

                    members.Add(i);
                    if (problem.Ratio(i) is var ratio && double.IsFinite(ratio))
                    {
                        highest = Math.Max(highest, ratio);
                    }
                }

                // A creator whose candidates all fit in her share is never held back by it: each deliverable's best is hers.
                _creators = [.. groups.Values.GroupBy(members => problem._creator[members[0]]).Select(creator =>
                {
                    var candidates = creator.SelectMany(members => members).ToArray();
                    return new CreatorPart([.. creator.Select(members => members.ToArray())], candidates, candidates.Sum(i => problem._price[i]) > problem._cap);
                })];
                var most = _creators.Select(creator => creator.Candidates.Length).DefaultIfEmpty(0).Max();
                _tried = new int[most];
                _triedValue = new double[most];
                _chosen = new int[most];
                _highestRatio = highest;
                _prices = StartingPrices();
                Bound = Value(_prices);
            }

            // The bound at the prices reached so far; each call of Tighten lowers it or leaves it.
            public double Bound { get; private set; }

            // What the relaxation buys at its prices, each creator's best set: most of a good plan, which the first plan tries first.
            public int[] Preferred()
            {
                var preferred = new List<int>();
                foreach (var creator in _creators)
                {
                    CreatorTerm(creator, _prices, preferred);
                }

                return [.. preferred.Order()];
            }

            // The candidates the bound proves in every plan better than the first (bought) or in none (left out), and the
            // rest (free) in value-per-money order: the bound with a candidate bought, or left out, is the bound with its
            // creator's term replaced by her best with it, or without it.
            public (int[] Free, int[] Bought) Reduce(double firstValue)
            {
                var margin = FixMargin * Math.Max(1d, Math.Abs(Bound));
                var free = new bool[_problem._items.Length];
                var bought = new List<int>();
                foreach (var creator in _creators)
                {
                    var others = Bound - CreatorTerm(creator, _prices, null);
                    foreach (var (i, withIt, withoutIt) in TermsWithAndWithout(creator))
                    {
                        if (others + withIt + margin <= firstValue)
                        {
                            continue;
                        }

                        if (others + withoutIt + margin <= firstValue)
                        {
                            bought.Add(i);
                        }
                        else
                        {
                            free[i] = true;
                        }
                    }
                }

                return ([.. Enumerable.Range(0, free.Length).Where(i => free[i])], [.. bought]);
            }

            private IEnumerable<(int Candidate, double WithIt, double WithoutIt)> TermsWithAndWithout(CreatorPart creator)
            {
                if (creator.ShareBinds && creator.Candidates.Length <= MostTriedWhenFixing)
                {
                    var count = Reducing(creator.Candidates, _prices, positiveOnly: false);
                    foreach (var i in creator.Candidates)
                    {
                        yield return (i, BestSet(count, i, -1, null), BestSet(count, -1, i, null));
                    }

                    yield break;
                }

                // Her share priced at κ (0 when it cannot bind): each deliverable's term apart, so that buying a candidate
                // replaces its deliverable's term with its own reduced value, and leaving it out with the deliverable's next best.
                var share = creator.ShareBinds ? PricedShare(creator, _prices) : 0d;
                var whole = (share * _problem._cap) + Term(creator, _prices, share);
                foreach (var members in creator.Groups)
                {
                    var term = members.Select(i => Reduced(i, _prices, share)).Append(0d).Max();
                    foreach (var i in members)
                    {
                        var next = members.Where(j => j != i).Select(j => Reduced(j, _prices, share)).Append(0d).Max();
                        yield return (i, whole - term + Reduced(i, _prices, share), whole - term + next);
                    }
                }
            }

            private double Reduced(int i, double[] prices, double share) =>
                _problem._value[i] - (_problem._price[i] * (prices[0] + share + (_problem._market[i] is var m and >= 0 ? prices[1 + m] : 0d) + (_problem._tier[i] is var t and >= 0 ? prices[1 + t] : 0d)));

            // The most a creator's candidates add to the bound at these prices; her best set goes to bestSet if given.
            private double CreatorTerm(CreatorPart creator, double[] prices, List<int>? bestSet)
            {
                if (!creator.ShareBinds)
                {
                    if (bestSet is not null)
                    {
                        AddEachDeliverablesBest(creator, prices, 0d, bestSet);
                    }

                    return Term(creator, prices, 0d);
                }

                var count = Reducing(creator.Candidates, prices, positiveOnly: true);
                if (count <= MostTried)
                {
                    return BestSet(count, -1, -1, bestSet);
                }

                var share = PricedShare(creator, prices);
                if (bestSet is not null)
                {
                    AddEachDeliverablesBest(creator, prices, share, bestSet);
                }

                return (share * _problem._cap) + Term(creator, prices, share);
            }

            // Apart from CreatorTerm, and called only with a set to fill, since a method's lambdas allocate their closure on every call.
            private void AddEachDeliverablesBest(CreatorPart creator, double[] prices, double share, List<int> bestSet) =>
                bestSet.AddRange(creator.Groups.Select(members => members.MaxBy(i => Reduced(i, prices, share))).Where(i => Reduced(i, prices, share) > 0d));

            // Puts the candidates to try, with their reduced values, in the scratch; returns how many.
            private int Reducing(int[] candidates, double[] prices, bool positiveOnly)
            {
                var count = 0;
                foreach (var i in candidates)
                {
                    var reduced = Reduced(i, prices, 0d);
                    if (!positiveOnly || reduced > 0d)
                    {
                        (_tried[count], _triedValue[count]) = (i, reduced);
                        count++;
                    }
                }

                return count;
            }

            // The best set of the first count candidates in the scratch within the creator's share, one per deliverable,
            // with the one to include and the one to leave out (-1 for none); minus infinity when there is none.
            private double BestSet(int count, int included, int left, List<int>? bestSet)
            {
                _best = double.NegativeInfinity;
                _bestSet = bestSet;
                var start = bestSet?.Count ?? 0;
                Walk(count, 0, 0L, 0d, 0, included, left, start);
                _bestSet = null;
                return _best;
            }

            private void Walk(int count, int k, long spent, double value, int taken, int included, int left, int start)
            {
                if (k == count)
                {
                    if (value > _best)
                    {
                        _best = value;
                        if (_bestSet is not null)
                        {
                            _bestSet.RemoveRange(start, _bestSet.Count - start);
                            _bestSet.AddRange(_chosen.AsSpan(0, taken));
                        }
                    }

                    return;
                }

                var i = _tried[k];
                if (i != included)
                {
                    Walk(count, k + 1, spent, value, taken, included, left, start);
                }

                if (i != left && spent + _problem._price[i] <= _problem._cap && !SameDeliverableChosen(i, taken))
                {
                    _chosen[taken] = i;
                    Walk(count, k + 1, spent + _problem._price[i], value + _triedValue[k], taken + 1, included, left, start);
                }
            }

            private bool SameDeliverableChosen(int i, int taken)
            {
                for (var t = 0; t < taken; t++)
                {
                    if (_problem._group[_chosen[t]] == _problem._group[i])
                    {
                        return true;
                    }
                }

                return false;
            }

            // The κ of least term: the term is convex and piecewise linear in κ, so its least value is at 0 or where it
            // bends, where a candidate's reduced value crosses zero or two of a deliverable's cross.
            private double PricedShare(CreatorPart creator, double[] prices)
            {
                var cap = (double)_problem._cap;
                var bends = new List<double>();
                foreach (var members in creator.Groups)
                {
                    foreach (var i in members)
                    {
                        if (_problem._price[i] > 0L && Reduced(i, prices, 0d) is var reduced and > 0d)
                        {
                            bends.Add(reduced / _problem._price[i]);
                        }

                        foreach (var j in members)
                        {
                            if (_problem._price[i] > _problem._price[j] && (Reduced(i, prices, 0d) - Reduced(j, prices, 0d)) / (_problem._price[i] - _problem._price[j]) is var cross and > 0d)
                            {
                                bends.Add(cross);
                            }
                        }
                    }
                }

                var (share, least) = (0d, Term(creator, prices, 0d));

                // A creator with very many candidates bends too often to try each point: her κ is searched for instead.
                foreach (var bend in bends.Count > 64 ? [MinimiseShare(creator, prices, bends.Max())] : bends)
                {
                    var value = (bend * cap) + Term(creator, prices, bend);
                    if (value < least)
                    {
                        (least, share) = (value, bend);
                    }
                }

                return share;
            }

            private double MinimiseShare(CreatorPart creator, double[] prices, double high)
            {
                var low = 0d;
                var cap = (double)_problem._cap;
                for (var step = 0; step < ShareSteps; step++)
                {
                    var left = low + ((high - low) / 3d);
                    var right = high - ((high - low) / 3d);
                    if ((left * cap) + Term(creator, prices, left) <= (right * cap) + Term(creator, prices, right))
                    {
                        high = right;
                    }
                    else
                    {
                        low = left;
                    }
                }

                return (low + high) / 2d;
            }

            // Each deliverable's best positive reduced value, summed.
            private double Term(CreatorPart creator, double[] prices, double share)
            {
                var term = 0d;
                foreach (var members in creator.Groups)
                {
                    var best = 0d;
                    foreach (var i in members)
                    {
                        best = Math.Max(best, Reduced(i, prices, share));
                    }

                    term += best;
                }

                return term;
            }

            private double Value(double[] prices)
            {
                var value = prices[0] * _problem.Budget;
                for (var m = 0; m < _problem._ranges.Length; m++)
                {
                    var price = prices[1 + m];
                    value += price * (price > 0d ? _problem._ranges[m].Maximum.MinorUnits : _problem._ranges[m].Minimum.MinorUnits);
                }

                foreach (var creator in _creators)
                {
                    value += CreatorTerm(creator, prices, null);
                }

                return value;
            }

            // The prices of the fractional plan without the one-per-deliverable rule: the markets' minimums filled first from
            // their best candidates, then the rest in value-per-money order, each market up to its maximum. λ is the ratio
            // where the budget runs out; a market that reached its maximum is priced at the ratio where it did, one held at
            // its minimum at the ratio where that was reached, any other at λ. A tier, whose candidates cut across the
            // markets', starts at θ = 0 and is left to the polish.
            private double[] StartingPrices()
            {
                var problem = _problem;
                var markets = problem._ranges;
                var taken = new double[problem._items.Length];
                var spent = new double[markets.Length];
                var minimumAt = new double[markets.Length];
                var maximumAt = new double[markets.Length];
                var grew = new bool[markets.Length];
                Array.Fill(minimumAt, double.NaN);
                Array.Fill(maximumAt, double.NaN);
                for (var m = 0; m < markets.Length; m++)
                {
                    var minimum = markets[m].Minimum.MinorUnits;
                    for (var i = 0; i < problem._items.Length && spent[m] < minimum; i++)
                    {
                        if (problem._market[i] == m && problem.MayBuy(i))
                        {
                            var take = Math.Min(problem._price[i], minimum - spent[m]);
                            taken[i] = take;
                            spent[m] += take;
                            minimumAt[m] = problem.Ratio(i);
                        }
                    }
                }

                var room = problem.Budget - spent.Sum();
                var lambda = 0d;
                for (var i = 0; i < problem._items.Length && room > 0d; i++)
                {
                    var m = problem._market[i];
                    var rest = problem._price[i] - taken[i];
                    if (!problem.MayBuy(i) || rest <= 0d)
                    {
                        continue;
                    }

                    var take = Math.Min(room, m < 0 ? rest : Math.Min(rest, markets[m].Maximum.MinorUnits - spent[m]));
                    if (take <= 0d)
                    {
                        continue;
                    }

                    room -= take;
                    if (room <= 0d)
                    {
                        lambda = problem.Ratio(i);
                    }

                    if (m >= 0)
                    {
                        spent[m] += take;
                        grew[m] = true;
                        if (spent[m] >= markets[m].Maximum.MinorUnits)
                        {
                            maximumAt[m] = problem.Ratio(i);
                        }
                    }
                }

                var prices = new double[1 + markets.Length];
                prices[0] = lambda;
                for (var m = 0; m < markets.Length; m++)
                {
                    var threshold = !double.IsNaN(maximumAt[m]) ? maximumAt[m] : !grew[m] && !double.IsNaN(minimumAt[m]) ? Math.Min(minimumAt[m], lambda) : lambda;
                    prices[1 + m] = threshold - lambda;
                }

                return prices;
            }

            // One round of coordinate descent: each price in turn moved to the minimum of the bound along it (golden-section
            // search; the bound is convex in the prices), the budget's over [0, highest ratio], a range's so that a
            // candidate's whole price, λ + θ of its market + θ of its tier, is, whatever the other range's θ. Then a move
            // along the round's whole change (Hooke and Jeeves' pattern move): where the budget and the ranges trade off,
            // coordinate descent zigzags along a ridge, a price at a time, and the pattern move follows it. Returns whether
            // the round lowered the bound by more than RoundGain of it, so that another round may pay.
            public bool Tighten()
            {
                if (_highestRatio <= 0d || _rounds >= MostRounds)
                {
                    return false;
                }

                _rounds++;
                var before = Bound;
                var start = (double[])_prices.Clone();

                // The bound at the prices as they stand: every move below is kept only where it lowers it, so it is
                // carried rather than computed again, and ends as the bound at the prices themselves, which fixing
                // candidates relies on.
                var value = Bound;
                for (var k = 0; k < _prices.Length; k++)
                {
                    var others = _prices.Skip(1).Select(Math.Abs).Sum() - (k == 0 ? 0d : Math.Abs(_prices[k]));
                    var low = k == 0 ? 0d : -_prices[0] - others;
                    var high = k == 0 ? _highestRatio + others : _highestRatio - _prices[0] + others;
                    var kept = _prices[k];
                    _prices[k] = Minimise(t => ValueAt(k, t), low, high);
                    var moved = Value(_prices);
                    if (moved > value)
                    {
                        _prices[k] = kept;
                    }
                    else
                    {
                        value = moved;
                    }
                }

                Bound = FollowPattern(start, value);
                return before - Bound > RoundGain * Math.Max(1d, Math.Abs(Bound));
            }

            // The pattern move: the prices moved along the round's change by the step that lowers the bound most, up to
            // PatternReach times the change, with the budget's price kept at zero or more. Returns the bound at the
            // prices it leaves, given the bound at the prices it starts from.
            private double FollowPattern(double[] start, double value)
            {
                var end = (double[])_prices.Clone();
                var change = new double[end.Length];
                for (var k = 0; k < end.Length; k++)
                {
                    change[k] = end[k] - start[k];
                }

                if (change.All(delta => delta == 0d))
                {
                    return value;
                }

                var reach = change[0] < 0d ? Math.Min(PatternReach, end[0] / -change[0]) : PatternReach;
                var step = Minimise(t => PricesAlong(end, change, t), 0d, reach);
                var along = PricesAlong(end, change, step);
                if (along >= value)
                {
                    end.CopyTo(_prices, 0);
                    return value;
                }

                return along;
            }

            private double PricesAlong(double[] end, double[] change, double step)
            {
                for (var k = 0; k < end.Length; k++)
                {
                    _prices[k] = end[k] + (step * change[k]);
                }

                _prices[0] = Math.Max(0d, _prices[0]);
                return Value(_prices);
            }

            // The minimum of a convex function over [low, high] by golden-section search.
            private static double Minimise(Func<double, double> valueAt, double low, double high)
            {
                var golden = (Math.Sqrt(5d) - 1d) / 2d;
                var left = high - (golden * (high - low));
                var right = low + (golden * (high - low));
                var leftValue = valueAt(left);
                var rightValue = valueAt(right);
                for (var step = 0; step < SearchSteps; step++)
                {
                    if (leftValue <= rightValue)
                    {
                        (high, right, rightValue) = (right, left, leftValue);
                        left = high - (golden * (high - low));
                        leftValue = valueAt(left);
                    }
                    else
                    {
                        (low, left, leftValue) = (left, right, rightValue);
                        right = low + (golden * (high - low));
                        rightValue = valueAt(right);
                    }
                }

                return leftValue <= rightValue ? left : right;
            }

            private double ValueAt(int k, double price)
            {
                _prices[k] = price;
                return Value(_prices);
            }
        }

        // A creator's candidates some plan may buy, by deliverable and all together, and whether her share can hold her back.
        private sealed record CreatorPart(int[][] Groups, int[] Candidates, bool ShareBinds);
    }
}
