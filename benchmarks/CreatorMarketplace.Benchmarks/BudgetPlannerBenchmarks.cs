using BenchmarkDotNet.Attributes;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Planning;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// A budget planned over 10,000 candidate deliverables (5,000 creators, three markets), with a share per creator and
/// spend ranges per market, to within 1% of the proven bound. The baseline is the plan a user would write by hand: a
/// greedy by value per unit of money over flat arrays, keeping to the budget, the share and the markets' maximums,
/// with no bound to say how far from the best plan it is and no regard for the markets' minimums.
/// </summary>
[MemoryDiagnoser]
public class BudgetPlannerBenchmarks
{
    private Money _budget;
    private PlanCandidate[] _candidates = [];
    private PlanConstraints _constraints = PlanConstraints.None;
    private long[] _price = [];
    private double[] _value = [];
    private int[] _creator = [];
    private int[] _market = [];
    private long[] _marketMaximum = [];

    /// <summary>How many candidates.</summary>
    [Params(10_000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(23);
        Country[] markets = [Country.US, Country.GB, Country.FR];
        _candidates = [.. Enumerable.Range(0, Candidates).Select(i => new PlanCandidate(
            CreatorId.From(new Guid((i / 2) + 1, 0, 0, new byte[8])),
            $"c{i / 2}",
            i % 2 == 0 ? "video" : "story",
            Money.FromMinorUnits(random.Next(10_000, 200_000), Currency.USD),
            random.Next(0, 1_000),
            markets[random.Next(3)],
            FollowerTier.Micro))];
        var total = _candidates.Sum(candidate => candidate.Price.MinorUnits);
        _budget = Money.FromMinorUnits(total / 4, Currency.USD);
        _constraints = new PlanConstraints
        {
            MaxCreatorShare = 150_000d / _budget.MinorUnits,
            Markets =
            [
                new MarketSpend(Country.GB, Money.FromMinorUnits(total / 20, Currency.USD), Money.FromMinorUnits(total / 10, Currency.USD)),
                new MarketSpend(Country.FR, Money.Zero(Currency.USD), Money.FromMinorUnits(total / 16, Currency.USD)),
            ],
        };
        _price = [.. _candidates.Select(candidate => candidate.Price.MinorUnits)];
        _value = [.. _candidates.Select(candidate => candidate.ExpectedValue)];
        _creator = [.. Enumerable.Range(0, Candidates).Select(i => i / 2)];
        _market = [.. _candidates.Select(candidate => Array.FindIndex(markets, market => market == candidate.Market))];
        _marketMaximum = [long.MaxValue, total / 10, total / 16];
    }

    [Benchmark(Baseline = true, Description = "Greedy by value per money over flat arrays")]
    public double Greedy()
    {
        var order = new int[_price.Length];
        var ratio = new double[_price.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            ratio[i] = -_value[i] / Math.Max(1L, _price[i]);
        }

        Array.Sort(ratio, order);
        var cap = (long)(_constraints.MaxCreatorShare * _budget.MinorUnits);
        var creatorSpent = new long[(_creator.Length / 2) + 1];
        var marketSpent = new long[_marketMaximum.Length];
        var spent = 0L;
        var total = 0d;
        foreach (var i in order)
        {
            var price = _price[i];
            if (spent + price <= _budget.MinorUnits && creatorSpent[_creator[i]] + price <= cap && marketSpent[_market[i]] + price <= _marketMaximum[_market[i]])
            {
                spent += price;
                creatorSpent[_creator[i]] += price;
                marketSpent[_market[i]] += price;
                total += _value[i];
            }
        }

        return total;
    }

    [Benchmark(Description = "BudgetPlanner.Plan, within 1% of the bound")]
    public BudgetPlanOutcome Plan() => BudgetPlanner.Plan(_budget, _candidates, _constraints, acceptableGap: 0.01);
}
