namespace CreatorMarketplace.Tests.Kernel;

public class ShareAndDistributionTests
{
    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.0001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_share_is_a_finite_fraction_from_0_to_1(double fraction)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Share.FromFraction(fraction)).ParamName.ShouldBe("fraction");
    }

    [Fact]
    public void Percentages_and_fractions_are_one_concept()
    {
        Share.FromPercentage(60).ShouldBe(Share.FromFraction(0.6));
        Share.FromFraction(0.6).Percentage.ShouldBe(60, 1e-9);
        Share.FromFraction(0.25).ToString().ShouldBe("25%");
        Share.FromFraction(0.25).Complement.ShouldBe(Share.FromFraction(0.75));
        Should.Throw<ArgumentOutOfRangeException>(() => Share.FromPercentage(101)).ParamName.ShouldBe("percentage");
    }

    [Fact]
    public void A_distribution_sums_to_one_within_its_tolerance()
    {
        var gender = Distribution.Create(new Dictionary<string, double> { ["female"] = 0.33, ["male"] = 0.33, ["other"] = 0.33 });

        gender.Total.ShouldBe(0.99, 1e-12);
        gender["female"].ShouldBe(Share.FromFraction(0.33));
        gender["unknown"].ShouldBe(Share.Zero);
        gender.Tolerance.ShouldBe(Distribution.DefaultTolerance);
    }

    [Fact]
    public void An_invalid_distribution_names_every_problem()
    {
        var result = Distribution.Validate(
        [
            KeyValuePair.Create(Country.US, 1.2),
            KeyValuePair.Create(Country.GB, double.NaN),
            KeyValuePair.Create(Country.KR, 0.1),
            KeyValuePair.Create(Country.KR, 0.1),
        ]);

        result.IsValid.ShouldBeFalse();
        result.Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("shares[US]", "distribution.share_out_of_range"),
            ("shares[GB]", "distribution.share_out_of_range"),
            ("shares[KR]", "distribution.duplicate_key"),
        ]);
    }

    [Fact]
    public void A_sum_outside_the_tolerance_is_rejected_with_the_sum()
    {
        var error = Should.Throw<DomainValidationException>(() =>
            Distribution.Create(new Dictionary<Country, double> { [Country.US] = 0.5, [Country.CA] = 0.3 }, tolerance: 0.05));

        error.Errors.ShouldHaveSingleItem().Code.ShouldBe("distribution.sum_out_of_tolerance");
        error.Message.ShouldContain("sum to 0.8");
    }

    [Fact]
    public void Normalize_scales_weights_and_rejects_what_cannot_be_scaled()
    {
        var audience = Distribution.Normalize(new Dictionary<Country, double> { [Country.US] = 300, [Country.CA] = 100 });

        audience[Country.US].Fraction.ShouldBe(0.75, 1e-12);
        audience.Major().Key.ShouldBe(Country.US);
        audience.ShareOf([Country.US, Country.CA, Country.US]).Fraction.ShouldBe(1, 1e-12);

        Should.Throw<DomainValidationException>(() => Distribution.Normalize(new Dictionary<Country, double> { [Country.US] = 0 }))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("distribution.no_weight");
        Should.Throw<DomainValidationException>(() => Distribution.Normalize(new Dictionary<Country, double> { [Country.US] = -1 }))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("weights[US]");
    }
}

[Properties(Arbitrary = [typeof(KernelArbitraries)])]
public class DistributionProperties
{
    [Property]
    public bool Normalized_weights_sum_to_one_and_keep_their_ratios(NonEmptyArray<PositiveInt> weights)
    {
        var given = weights.Get.Select((w, i) => KeyValuePair.Create(i, (double)w.Get)).ToArray();
        var distribution = Distribution.Normalize(given);
        var total = given.Sum(pair => pair.Value);

        return Math.Abs(distribution.Total - 1d) < 1e-9
            && given.All(pair => Math.Abs(distribution[pair.Key].Fraction - (pair.Value / total)) < 1e-12);
    }

    [Property]
    public bool A_generated_distribution_validates_again(Distribution<Country> audience) =>
        Distribution.Validate(audience.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.Fraction)), tolerance: 1e-9).IsValid;

    [Property]
    public bool Normalizing_twice_changes_nothing_measurable(Distribution<Country> audience)
    {
        var again = audience.Normalized();
        return audience.Keys.All(key => Math.Abs(again[key].Fraction - audience[key].Fraction) < 1e-12);
    }
}
