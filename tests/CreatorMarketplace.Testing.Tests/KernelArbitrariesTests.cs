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
}
