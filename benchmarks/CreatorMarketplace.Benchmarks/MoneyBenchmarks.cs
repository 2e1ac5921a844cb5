using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// Splitting a fee into instalments and parsing amounts, against the decimal LINQ code a user would otherwise
/// write. The baselines are faster to write but lose or invent minor units (12 × round(100.00 / 12) is 99.96);
/// the library's parts always sum to the fee.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MoneyBenchmarks
{
    private static readonly decimal[] UpfrontAndOnApproval = [30m, 70m];
    private static readonly decimal[] Milestones = [10m, 15m, 15m, 20m, 40m];

    private readonly Money _fee = Money.Of(1000.00m, Currency.USD);
    private readonly decimal _feeAmount = 1000.00m;

    [Benchmark(Baseline = true, Description = "LINQ decimal: 12 instalments (loses cents)")]
    [BenchmarkCategory("Split")]
    public List<decimal> SplitWithLinq() =>
        Enumerable.Range(0, 12).Select(_ => Math.Round(_feeAmount / 12, 2, MidpointRounding.ToEven)).ToList();

    [Benchmark(Description = "Money.Split(12)")]
    [BenchmarkCategory("Split")]
    public IReadOnlyList<Money> SplitWithMoney() => _fee.Split(12);

    [Benchmark(Baseline = true, Description = "LINQ decimal: 5 milestones by ratio")]
    [BenchmarkCategory("Allocate")]
    public List<decimal> AllocateWithLinq()
    {
        var total = Milestones.Sum();
        return Milestones.Select(r => Math.Round(_feeAmount * r / total, 2, MidpointRounding.ToEven)).ToList();
    }

    [Benchmark(Description = "Money.Allocate(5 ratios)")]
    [BenchmarkCategory("Allocate")]
    public IReadOnlyList<Money> AllocateWithMoney() => _fee.Allocate(Milestones);

    [Benchmark(Description = "Money.Allocate(30, 70)")]
    [BenchmarkCategory("Allocate")]
    public IReadOnlyList<Money> AllocateTwoWithMoney() => _fee.Allocate(UpfrontAndOnApproval);

    [Benchmark(Baseline = true, Description = "Split + decimal.Parse: \"USD 12345.67\"")]
    [BenchmarkCategory("Parse")]
    public (string, decimal) ParseWithDecimal()
    {
        var text = "USD 12345.67";
        return (text[..3], decimal.Parse(text.AsSpan(4), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }

    [Benchmark(Description = "Money.Parse(\"USD 12345.67\")")]
    [BenchmarkCategory("Parse")]
    public Money ParseWithMoney() => Money.Parse("USD 12345.67");
}
