using FsCheck.Fluent;

namespace CreatorMarketplace.Testing.Tests;

public class KernelArbitrariesTests
{
    [Fact]
    public void Generated_money_uses_only_currencies_with_a_minor_unit_and_stays_in_range()
    {
        var sample = KernelArbitraries.Money().Generator.Sample(1000);

        sample.ShouldAllBe(m => m.Currency.HasMinorUnit && Math.Abs(m.MinorUnits) <= KernelGenerators.MaxGeneratedMinorUnits);
        sample.Select(m => m.Currency).Distinct().Count().ShouldBeGreaterThan(50);
        sample.ShouldContain(m => Math.Abs(m.MinorUnits) > 1_000_000_000);
    }

    [Fact]
    public void Money_shrinks_towards_zero()
    {
        var amount = CreatorMarketplace.Money.FromMinorUnits(1000, Currency.EUR);

        KernelArbitraries.Money().Shrinker(amount).ShouldBe([CreatorMarketplace.Money.Zero(Currency.EUR), CreatorMarketplace.Money.FromMinorUnits(500, Currency.EUR)]);
    }

    [Fact]
    public void Generated_ids_are_version_7_and_distinct()
    {
        var ids = KernelGenerators.Ids<CreatorId>().Sample(200);

        ids.ShouldAllBe(id => id.Value.ToString()[14] == '7');
        ids.Distinct().Count().ShouldBe(200);
    }

    [Fact]
    public void Generated_distributions_sum_to_one()
    {
        KernelArbitraries.CountryDistribution().Generator.Sample(200).ShouldAllBe(d => Math.Abs(d.Total - 1) < 1e-9 && d.Count >= 1);
    }

    [Fact]
    public void Every_generated_audience_distribution_sums_to_one()
    {
        KernelArbitraries.AgeDistribution().Generator.Sample(100).ShouldAllBe(d => Math.Abs(d.Total - 1) < 1e-9);
        KernelArbitraries.GenderDistribution().Generator.Sample(100).ShouldAllBe(d => Math.Abs(d.Total - 1) < 1e-9);
        KernelArbitraries.DeviceDistribution().Generator.Sample(100).ShouldAllBe(d => Math.Abs(d.Total - 1) < 1e-9);
        KernelArbitraries.LanguageDistribution().Generator.Sample(100).ShouldAllBe(d => Math.Abs(d.Total - 1) < 1e-9 && d.Count <= 12);
    }

    [Fact]
    public void Generated_decimals_keep_their_trailing_zeros_and_scale()
    {
        var sample = KernelGenerators.Decimals(4).Sample(500);

        sample.ShouldAllBe(d => d.Scale <= 4);
        sample.Select(d => d.Scale).Distinct().Count().ShouldBe(5);
        sample.ShouldContain(d => d < 0);
    }

    [Fact]
    public void Generated_labels_include_ids_beyond_the_realistic_list()
    {
        var labels = KernelArbitraries.ContentLabel().Generator.Sample(500);

        labels.ShouldAllBe(label => !string.IsNullOrWhiteSpace(label.Id) && label.Id.Length <= 64);
        labels.ShouldContain(label => CreatorGenerator.ContentLabels.Contains(label));
        labels.ShouldContain(label => !CreatorGenerator.ContentLabels.Contains(label));
    }

    [Fact]
    public void Generated_terms_and_ranges_cover_their_open_forms()
    {
        KernelArbitraries.RightsTerm().Generator.Sample(200).ShouldContain(term => term.IsPerpetual);
        KernelArbitraries.RightsTerm().Generator.Sample(200).ShouldContain(term => !term.IsPerpetual);
        KernelArbitraries.Int64Range().Generator.Sample(200).ShouldContain(range => range.IsAny);
        KernelArbitraries.Ratio().Generator.Sample(200).ShouldContain(ratio => !ratio.IsKnown);
        KernelArbitraries.Ratio().Generator.Sample(200).ShouldContain(ratio => ratio.IsDefined);
    }
}
