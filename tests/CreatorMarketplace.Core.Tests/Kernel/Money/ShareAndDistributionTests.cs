using FsCheck.Fluent;

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
        var error = Should.Throw<ArgumentOutOfRangeException>(() => Share.FromFraction(fraction));

        error.ParamName.ShouldBe("fraction");
        error.Message.ShouldContain("fraction: a share must be a finite number from 0 to 1.");
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

    [Theory]
    [InlineData(0d)]
    [InlineData(1d)]
    [InlineData(0.5)]
    public void The_bounds_of_a_share_are_valid(double fraction)
    {
        Share.IsValidFraction(fraction).ShouldBeTrue();
        Share.FromFraction(fraction).Fraction.ShouldBe(fraction);
        Share.FromPercentage(fraction * 100).Fraction.ShouldBe(fraction, 1e-15);
    }

    [Theory]
    [InlineData(-0.0001)]
    [InlineData(100.0001)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void A_percentage_outside_0_to_100_is_refused_naming_it(double percentage)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => Share.FromPercentage(percentage));

        error.ParamName.ShouldBe("percentage");
        error.Message.ShouldContain("from 0 to 100");
        Share.IsValidFraction(percentage / 100).ShouldBe(false);
    }

    [Fact]
    public void Shares_order_by_size()
    {
        var third = Share.FromFraction(1d / 3);
        var half = Share.FromFraction(0.5);
        var alsoHalf = Share.FromPercentage(50);

        (third < half, third <= half, third > half, third >= half).ShouldBe((true, true, false, false));
        (half < third, half <= third, half > third, half >= third).ShouldBe((false, false, true, true));
        (half < alsoHalf, half <= alsoHalf, half > alsoHalf, half >= alsoHalf).ShouldBe((false, true, false, true));
        third.CompareTo(half).ShouldBeNegative();
        half.CompareTo(third).ShouldBePositive();
        half.CompareTo(alsoHalf).ShouldBe(0);
        (Share.Zero.Fraction, Share.One.Fraction, Share.One.Percentage, Share.One.Complement).ShouldBe((0d, 1d, 100d, Share.Zero));
        third.ToString().ShouldBe("33.3333333333%");
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1d)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_tolerance_outside_0_to_1_is_a_programming_error(double tolerance)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => Distribution.Validate(new Dictionary<string, double> { ["all"] = 1 }, tolerance));

        error.ParamName.ShouldBe("tolerance");
        error.Message.ShouldContain("from 0 (inclusive) to 1 (exclusive)");
        Should.Throw<ArgumentNullException>(() => Distribution.Validate<string>(null!)).ParamName.ShouldBe("shares");
    }

    [Fact]
    public void The_tolerance_is_inclusive_and_zero_asks_for_an_exact_sum()
    {
        Distribution.Validate(new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.5 }, tolerance: 0).IsValid.ShouldBeTrue();
        Distribution.Validate(new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.49 }, tolerance: 0).IsValid.ShouldBeFalse();
        Distribution.Validate(new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.45 }, tolerance: 0.05).IsValid.ShouldBeTrue();
        Distribution.Validate(new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.55 }, tolerance: 0.05).IsValid.ShouldBeTrue();
        Distribution.Validate(new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.56 }, tolerance: 0.05).IsValid.ShouldBeFalse();
        Distribution.Validate(new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.44 }, tolerance: 0.05).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void A_distribution_needs_a_bucket_and_names_the_shares_when_it_has_none()
    {
        var error = Distribution.Validate(new Dictionary<string, double>()).Errors.ShouldHaveSingleItem();

        (error.Field, error.Code).ShouldBe(("shares", "distribution.empty"));
        var sum = Distribution.Validate(new Dictionary<string, double> { ["a"] = 0.2 }).Errors.ShouldHaveSingleItem();
        (sum.Field, sum.Code).ShouldBe(("shares", "distribution.sum_out_of_tolerance"));
        sum.Message.ShouldContain("within 0.01, but sum to 0.2");
        Distribution.Validate([KeyValuePair.Create("a", 0.5), KeyValuePair.Create("a", 0.5)]).Errors.ShouldHaveSingleItem().Message.ShouldContain("the bucket a appears more than once");
        Distribution.Validate([KeyValuePair.Create("a", -0.5)]).Errors.ShouldHaveSingleItem().Message.ShouldContain("got -0.5");
    }

    [Fact]
    public void Normalize_names_each_bad_weight_and_a_total_that_is_not_finite()
    {
        var error = Should.Throw<DomainValidationException>(() => Distribution.Normalize(
        [
            KeyValuePair.Create("a", 1d),
            KeyValuePair.Create("a", 2d),
            KeyValuePair.Create("b", double.NaN),
            KeyValuePair.Create("c", double.PositiveInfinity),
        ]));

        error.ParamName.ShouldBe("weights");
        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("weights[a]", "distribution.duplicate_key"),
            ("weights[b]", "distribution.weight_out_of_range"),
            ("weights[c]", "distribution.weight_out_of_range"),
        ]);
        Should.Throw<DomainValidationException>(() => Distribution.Normalize([KeyValuePair.Create("a", double.MaxValue), KeyValuePair.Create("b", double.MaxValue)]))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("weights");
        Should.Throw<ArgumentNullException>(() => Distribution.Normalize<string>(null!)).ParamName.ShouldBe("weights");
        var one = Distribution.Normalize([KeyValuePair.Create("a", 0d), KeyValuePair.Create("b", 5d)]);
        (one["a"], one["b"], one.Total, one.Tolerance).ShouldBe((Share.Zero, Share.One, 1d, Distribution.DefaultTolerance));
    }

    [Fact]
    public void A_distribution_reads_like_a_dictionary_of_its_listed_buckets()
    {
        var audience = Distribution.Create(new Dictionary<Country, double> { [Country.GB] = 0.4, [Country.US] = 0.6 });

        audience.Count.ShouldBe(2);
        audience.Keys.ShouldBe([Country.GB, Country.US], ignoreOrder: true);
        audience.Values.Select(v => v.Fraction).ShouldBe([0.4, 0.6], ignoreOrder: true);
        audience.ContainsKey(Country.US).ShouldBeTrue();
        audience.ContainsKey(Country.CA).ShouldBeFalse();
        audience.TryGetValue(Country.GB, out var gb).ShouldBeTrue();
        gb.ShouldBe(Share.FromFraction(0.4));
        audience.TryGetValue(Country.CA, out _).ShouldBeFalse();
        audience.Select(pair => pair.Key).ShouldBe([Country.GB, Country.US], ignoreOrder: true);
        ((System.Collections.IEnumerable)audience).Cast<object>().Count().ShouldBe(2);
        audience.ToString().ShouldBe("US 60%, GB 40%");
        audience.Major().ShouldBe(KeyValuePair.Create(Country.US, Share.FromFraction(0.6)));
        Distribution.Create(new Dictionary<string, double> { ["x"] = 0.5, ["y"] = 0.5 }).Major().Key.ShouldBe("x");
    }

    [Fact]
    public void A_combined_share_is_at_most_the_whole()
    {
        var generous = Distribution.Create(new Dictionary<string, double> { ["a"] = 0.6, ["b"] = 0.41 });

        generous.ShareOf(["a", "b"]).ShouldBe(Share.One);
        generous.ShareOf(["a", "missing"]).ShouldBe(Share.FromFraction(0.6));
        generous.ShareOf([]).ShouldBe(Share.Zero);
        Should.Throw<ArgumentNullException>(() => generous.ShareOf(null!)).ParamName.ShouldBe("keys");
    }

    [Fact]
    public void Distributions_are_equal_by_buckets_and_shares_whatever_the_order_or_tolerance()
    {
        var a = Distribution.Create(new Dictionary<string, double> { ["x"] = 0.25, ["y"] = 0.75 });
        var b = Distribution.Create([KeyValuePair.Create("y", 0.75), KeyValuePair.Create("x", 0.25)], tolerance: 0.5);
        var other = Distribution.Create(new Dictionary<string, double> { ["x"] = 0.3, ["y"] = 0.7 });
        var fewer = Distribution.Create(new Dictionary<string, double> { ["x"] = 1 });
        var renamed = Distribution.Create(new Dictionary<string, double> { ["x"] = 0.25, ["z"] = 0.75 });

        a.Equals(b).ShouldBeTrue();
        a.Equals((object)b).ShouldBeTrue();
        a.Equals(a).ShouldBeTrue();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.Equals(other).ShouldBeFalse();
        a.Equals(fewer).ShouldBeFalse();
        fewer.Equals(a).ShouldBeFalse();
        a.Equals(renamed).ShouldBeFalse();
        a.Equals(null).ShouldBeFalse();
        a.Equals((object)"x 25%, y 75%").ShouldBeFalse();
        a.GetHashCode().ShouldNotBe(other.GetHashCode());
    }
}

[Properties(Arbitrary = [typeof(KernelArbitraries)])]
public class DistributionProperties
{
    [Property]
    public Property Normalized_weights_sum_to_one_and_keep_their_ratios(NonEmptyArray<PositiveInt> weights)
    {
        var given = weights.Get.Select((w, i) => KeyValuePair.Create(i, (double)w.Get)).ToArray();
        var distribution = Distribution.Normalize(given);
        var total = given.Sum(pair => pair.Value);

        return (Math.Abs(distribution.Total - 1d) < 1e-9).Label("Math.Abs(distribution.Total - 1d) < 1e-9")
            .And((given.All(pair => Math.Abs(distribution[pair.Key].Fraction - (pair.Value / total)) < 1e-12)).Label("given.All(pair => Math.Abs(distribution[pair.Key].Fraction - (pair.Value / total)) < 1e-12)"));
    }

    // A few buckets are found by a scan and more by an index: both read as a dictionary of the buckets given would,
    // listed in the order given, and keys that are equal but not the same instance find each other.
    [Property]
    public Property Any_number_of_buckets_reads_as_a_dictionary_of_them_in_the_order_given(NonEmptyArray<NonNegativeInt> weights)
    {
        var given = weights.Get.DistinctBy(weight => weight.Get).Select(weight => KeyValuePair.Create($"k{weight.Get}", (double)weight.Get + 1)).ToArray();
        var expected = given.ToDictionary(pair => pair.Key, pair => pair.Value / given.Sum(each => each.Value));
        var distribution = Distribution.Normalize(given);
        const string missing = "absent";
        return (distribution.Count == given.Length).Label("Count")
            .And(distribution.Keys.SequenceEqual(given.Select(pair => pair.Key))).Label("Keys in the order given")
            .And(distribution.Select(pair => pair.Key).SequenceEqual(given.Select(pair => pair.Key))).Label("enumerated in the order given")
            .And(given.All(pair => distribution.TryGetValue(new string(pair.Key.AsSpan()), out var share) && Math.Abs(share.Fraction - expected[pair.Key]) < 1e-12)).Label("TryGetValue with an equal key")
            .And(given.All(pair => distribution.ContainsKey(new string(pair.Key.AsSpan())))).Label("ContainsKey with an equal key")
            .And(!distribution.ContainsKey(missing) && distribution[missing] == Share.Zero && !distribution.TryGetValue(missing, out _)).Label("a key not given")
            .And(distribution.Equals(Distribution.Normalize(given.Reverse()))).Label("equal whatever the order");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(40)]
    public void A_repeated_bucket_is_refused_at_any_size_and_null_is_never_a_bucket(int buckets)
    {
        var given = Enumerable.Range(0, buckets).Select(i => KeyValuePair.Create(i, 1d / buckets)).Append(KeyValuePair.Create(buckets - 1, 0d)).ToArray();

        var error = Distribution.Validate(given).Errors.ShouldHaveSingleItem();
        (error.Field, error.Code).ShouldBe(($"shares[{buckets - 1}]", "distribution.duplicate_key"));
        Should.Throw<DomainValidationException>(() => Distribution.Normalize(given)).Errors.ShouldHaveSingleItem().Code.ShouldBe("distribution.duplicate_key");
        var valid = Distribution.Create(given[..^1].Select(pair => KeyValuePair.Create($"{pair.Key}", pair.Value)));
        Should.Throw<ArgumentNullException>(() => valid.ContainsKey(null!));
        Should.Throw<ArgumentNullException>(() => Distribution.Create([KeyValuePair.Create<string, double>(null!, 1d)]));
    }

    [Property]
    public Property A_generated_distribution_validates_again(Distribution<Country> audience) =>
        (Distribution.Validate(audience.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.Fraction)), tolerance: 1e-9).IsValid).Label("A generated distribution validates again");

    [Property]
    public Property Normalizing_twice_changes_nothing_measurable(Distribution<Country> audience)
    {
        var again = audience.Normalized();
        return (audience.Keys.All(key => Math.Abs(again[key].Fraction - audience[key].Fraction) < 1e-12)).Label("audience.Keys.All(key => Math.Abs(again[key].Fraction - audience[key].Fraction) < 1e-12)");
    }
}
