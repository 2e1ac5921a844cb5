namespace CreatorMarketplace.Tests.Kernel;


public class MoneyTests
{
    [Theory]
    [InlineData("USD", 12.34, 1234)]
    [InlineData("JPY", 1200, 1200)]
    [InlineData("KWD", 1.234, 1234)]
    [InlineData("CLF", 0.0001, 1)]
    public void Of_counts_minor_units_with_the_currency_digits(string code, double amount, long expected)
    {
        var money = Money.Of((decimal)amount, Currency.FromCode(code));

        money.MinorUnits.ShouldBe(expected);
        money.Amount.ShouldBe((decimal)amount);
    }

    [Fact]
    public void Of_rejects_more_digits_than_the_currency_allows()
    {
        var error = Should.Throw<ArgumentException>(() => Money.Of(12.345m, Currency.USD));

        error.ParamName.ShouldBe("amount");
        error.Message.ShouldContain("USD allows at most 2 decimal digit(s)");
        Should.Throw<ArgumentException>(() => Money.Of(0.5m, Currency.JPY)).Message.ShouldContain("JPY allows at most 0");
    }

    [Fact]
    public void Currencies_without_a_minor_unit_cannot_hold_money()
    {
        var error = Should.Throw<ArgumentException>(() => Money.FromMinorUnits(1, Currency.XAU));

        error.ParamName.ShouldBe("currency");
        error.Message.ShouldContain("XAU has no minor unit");
    }

    [Fact]
    public void A_sum_refuses_an_amount_in_another_currency()
    {
        var error = Should.Throw<CurrencyMismatchException>(() => Money.Sum([Money.Of(1, Currency.USD), Money.Of(1, Currency.EUR)], Currency.USD));

        error.Message.ShouldContain("EUR");
    }

    [Fact]
    public void Adding_two_currencies_names_both_codes()
    {
        var error = Should.Throw<CurrencyMismatchException>(() => Money.Of(1, Currency.USD) + Money.Of(1, Currency.EUR));

        error.Message.ShouldContain("USD");
        error.Message.ShouldContain("EUR");
        error.Expected.ShouldBe(Currency.USD);
        error.Actual.ShouldBe(Currency.EUR);
    }

    [Fact]
    public void Comparing_two_currencies_is_an_error()
    {
        Should.Throw<CurrencyMismatchException>(() => Money.Of(1, Currency.USD) < Money.Of(2, Currency.GBP));
    }

    [Fact]
    public void Overflow_throws_and_never_wraps()
    {
        var max = Money.FromMinorUnits(long.MaxValue, Currency.USD);
        var min = Money.FromMinorUnits(long.MinValue, Currency.USD);

        Should.Throw<OverflowException>(() => max + Money.FromMinorUnits(1, Currency.USD));
        Should.Throw<OverflowException>(() => min - Money.FromMinorUnits(1, Currency.USD));
        Should.Throw<OverflowException>(() => -min);
        Should.Throw<OverflowException>(() => max.Multiply(2m, MidpointRounding.ToEven));
    }

    [Theory]
    [InlineData(MidpointRounding.ToEven, 2)]
    [InlineData(MidpointRounding.AwayFromZero, 3)]
    [InlineData(MidpointRounding.ToZero, 2)]
    [InlineData(MidpointRounding.ToNegativeInfinity, 2)]
    [InlineData(MidpointRounding.ToPositiveInfinity, 3)]
    public void Multiply_rounds_as_the_caller_names(MidpointRounding rounding, long expected)
    {
        // 5 cents × 0.5 = 2.5 cents exactly: the mode decides.
        Money.FromMinorUnits(5, Currency.USD).Multiply(0.5m, rounding).MinorUnits.ShouldBe(expected);
    }

    [Theory]
    [InlineData(3_300_000_000_000_000_000L, MidpointRounding.ToPositiveInfinity, 8_250_000_000_000_000_001L)]
    [InlineData(3_300_000_000_000_000_000L, MidpointRounding.ToEven, 8_250_000_000_000_000_000L)]
    [InlineData(3_300_000_000_000_000_001L, MidpointRounding.ToEven, 8_250_000_000_000_000_003L)]
    [InlineData(3_300_000_000_000_000_001L, MidpointRounding.ToZero, 8_250_000_000_000_000_002L)]
    [InlineData(-3_300_000_000_000_000_001L, MidpointRounding.ToEven, -8_250_000_000_000_000_003L)]
    [InlineData(-3_300_000_000_000_000_001L, MidpointRounding.ToPositiveInfinity, -8_250_000_000_000_000_002L)]
    [InlineData(-3_300_000_000_000_000_001L, MidpointRounding.ToNegativeInfinity, -8_250_000_000_000_000_003L)]
    [InlineData(-3_300_000_000_000_000_001L, MidpointRounding.AwayFromZero, -8_250_000_000_000_000_003L)]
    public void Multiply_rounds_the_exact_product_of_a_large_amount_and_a_fine_rate(long minorUnits, MidpointRounding rounding, long expected)
    {
        // × 2.5000000000000000000000000001: a product of 30 significant digits, more than a decimal holds, which is
        // just above x.0 or x.5; rounded as a decimal first, it would lose the part that decides.
        Money.FromMinorUnits(minorUnits, Currency.USD).Multiply(2.5000000000000000000000000001m, rounding).MinorUnits.ShouldBe(expected);
    }

    [Fact]
    public void Multiply_of_the_largest_amount_by_a_rate_a_hair_above_one_fits_rounded_down_and_overflows_rounded_up()
    {
        var max = Money.FromMinorUnits(long.MaxValue, Currency.USD);

        max.Multiply(1.0000000000000000000000000001m, MidpointRounding.ToZero).ShouldBe(max);
        Should.Throw<OverflowException>(() => max.Multiply(1.0000000000000000000000000001m, MidpointRounding.ToPositiveInfinity))
            .Message.ShouldBe($"{max} × 1.0000000000000000000000000001 does not fit in 64-bit minor units.");
    }

    [Fact]
    public void Multiply_computes_a_card_fee_exactly()
    {
        // 2.9% of USD 123.45 = 3.58005 -> 3.58
        Money.Of(123.45m, Currency.USD).Multiply(0.029m, MidpointRounding.AwayFromZero).ShouldBe(Money.Of(3.58m, Currency.USD));
    }

    [Fact]
    public void Multiply_rejects_an_undefined_rounding_mode()
    {
        var error = Should.Throw<ArgumentException>(() => Money.Of(1, Currency.USD).Multiply(2m, (MidpointRounding)42));

        error.ParamName.ShouldBe("rounding");
        error.Message.ShouldContain("Rounding mode 42 is not a defined MidpointRounding value.");
    }

    [Fact]
    public void Allocate_gives_leftover_units_to_the_largest_remainders()
    {
        var parts = Money.Of(100m, Currency.USD).Allocate(1, 1, 1);

        parts.Select(p => p.MinorUnits).ShouldBe([3334, 3333, 3333]);
    }

    [Fact]
    public void Allocate_by_uneven_ratios()
    {
        // 0.05 split 3:7 -> exact 1.5 and 3.5 cents; the tie goes to the earlier part.
        Money.Of(0.05m, Currency.USD).Allocate(0.3m, 0.7m).Select(p => p.MinorUnits).ShouldBe([2, 3]);
    }

    [Fact]
    public void Allocate_takes_ratios_of_any_decimal_size()
    {
        // 1e20 and 3e20 exceed 64 bits: the ratio, not the magnitude, decides.
        Money.Of(1m, Currency.USD).Allocate(1e20m, 3e20m).Select(p => p.MinorUnits).ShouldBe([25, 75]);
        Money.Of(1m, Currency.USD).Allocate(0.0000000001m, 0.0000000003m).Select(p => p.MinorUnits).ShouldBe([25, 75]);
    }

    [Fact]
    public void Allocate_skips_zero_ratios()
    {
        var parts = Money.FromMinorUnits(10, Currency.JPY).Allocate(0, 1, 0, 2);

        parts.Select(p => p.MinorUnits).ShouldBe([0, 3, 0, 7]);
    }

    [Fact]
    public void Allocate_of_a_negative_amount_mirrors_the_positive_one()
    {
        Money.FromMinorUnits(-100, Currency.EUR).Allocate(1, 1, 1).Select(p => p.MinorUnits).ShouldBe([-34, -33, -33]);
    }

    [Fact]
    public void Allocate_rejects_a_negative_ratio_naming_its_index()
    {
        var error = Should.Throw<ArgumentException>(() => Money.Of(1, Currency.USD).Allocate(1, -2, 3));

        error.ParamName.ShouldBe("ratios");
        error.Message.ShouldContain("ratios[1]");
    }

    [Fact]
    public void Allocate_rejects_all_zero_and_empty_ratios()
    {
        Should.Throw<ArgumentException>(() => Money.Of(1, Currency.USD).Allocate(0, 0)).Message.ShouldContain("above zero");
        Should.Throw<ArgumentException>(() => Money.Of(1, Currency.USD).Allocate()).Message.ShouldContain("at least one ratio");
    }

    [Fact]
    public void Split_puts_extra_units_first()
    {
        Money.Of(10m, Currency.USD).Split(3).Select(p => p.MinorUnits).ShouldBe([334, 333, 333]);
        Money.FromMinorUnits(2, Currency.JPY).Split(4).Select(p => p.MinorUnits).ShouldBe([1, 1, 0, 0]);
    }

    [Fact]
    public void Split_rejects_fewer_than_one_part()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Money.Of(1, Currency.USD).Split(0)).ParamName.ShouldBe("parts");
    }

    [Fact]
    public void Split_of_the_most_negative_amount_into_one_part_is_the_amount()
    {
        var min = Money.FromMinorUnits(long.MinValue, Currency.USD);

        min.Split(1).ShouldBe([min]);
    }

    [Fact]
    public void Default_money_is_not_usable()
    {
        Should.Throw<InvalidOperationException>(() => default(Money).Currency).Message.ShouldContain("no currency");
    }

    [Fact]
    public void Equality_needs_the_same_currency()
    {
        Money.Of(1, Currency.USD).ShouldBe(Money.FromMinorUnits(100, Currency.USD));
        Money.Of(1, Currency.USD).ShouldNotBe(Money.Of(1, Currency.CAD));
    }

    [Fact]
    public void Zero_is_neither_negative_nor_positive()
    {
        var zero = Money.Zero(Currency.USD);
        var cent = Money.FromMinorUnits(1, Currency.USD);

        (zero.IsZero, zero.IsNegative, zero.IsPositive).ShouldBe((true, false, false));
        (cent.IsZero, cent.IsNegative, cent.IsPositive).ShouldBe((false, false, true));
        (-cent).IsZero.ShouldBeFalse();
        (-cent).IsNegative.ShouldBeTrue();
        (-cent).IsPositive.ShouldBeFalse();
    }

    [Fact]
    public void Abs_drops_the_sign_only_of_a_negative_amount()
    {
        Money.FromMinorUnits(-250, Currency.USD).Abs().ShouldBe(Money.FromMinorUnits(250, Currency.USD));
        Money.FromMinorUnits(250, Currency.USD).Abs().ShouldBe(Money.FromMinorUnits(250, Currency.USD));
        Money.Zero(Currency.USD).Abs().ShouldBe(Money.Zero(Currency.USD));
    }

    [Fact]
    public void Equal_amounts_are_not_less_or_greater_than_each_other()
    {
        var a = Money.Of(5m, Currency.USD);
        var b = Money.FromMinorUnits(500, Currency.USD);
        var more = Money.FromMinorUnits(501, Currency.USD);

        (a < b, a <= b, a > b, a >= b, a == b, a != b).ShouldBe((false, true, false, true, true, false));
        (a < more, a <= more, a > more, a >= more, a == more, a != more).ShouldBe((true, true, false, false, false, true));
        (more < a, more <= a, more > a, more >= a).ShouldBe((false, false, true, true));
        a.CompareTo(b).ShouldBe(0);
        a.CompareTo(more).ShouldBeNegative();
        more.CompareTo(a).ShouldBePositive();
    }

    [Fact]
    public void As_an_object_money_compares_after_null_and_refuses_other_types()
    {
        IComparable usd = Money.Of(1m, Currency.USD);

        usd.CompareTo(null).ShouldBe(1);
        usd.CompareTo(Money.Of(2m, Currency.USD)).ShouldBeNegative();
        var error = Should.Throw<ArgumentException>(() => usd.CompareTo("USD 1.00"));
        error.ParamName.ShouldBe("obj");
        error.Message.ShouldContain("Expected a Money, got String");
    }

    [Fact]
    public void Equal_amounts_are_equal_as_objects_and_hash_alike()
    {
        var a = Money.Of(1m, Currency.USD);
        object b = Money.FromMinorUnits(100, Currency.USD);

        a.Equals(b).ShouldBeTrue();
        a.Equals((object)Money.FromMinorUnits(101, Currency.USD)).ShouldBeFalse();
        a.Equals("USD 1.00").ShouldBeFalse();
        a.Equals(null).ShouldBeFalse();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        Money.Of(1m, Currency.EUR).Equals(Money.FromMinorUnits(100, Currency.USD)).ShouldBeFalse();
    }

    [Fact]
    public void Of_refuses_an_amount_beyond_64_bits_of_minor_units()
    {
        Should.Throw<OverflowException>(() => Money.Of(100_000_000_000_000_000m, Currency.USD));
        Should.Throw<ArgumentNullException>(() => Money.Of(1m, null!)).ParamName.ShouldBe("currency");
        Should.Throw<ArgumentException>(() => Money.Zero(Currency.XAU)).ParamName.ShouldBe("currency");
    }

    [Fact]
    public void Allocate_by_a_sequence_is_allocate_by_its_elements()
    {
        var total = Money.Of(100m, Currency.USD);

        total.Allocate(new List<decimal> { 1, 2, 3 }).ShouldBe(total.Allocate(1, 2, 3));
        Should.Throw<ArgumentNullException>(() => total.Allocate((IEnumerable<decimal>)null!)).ParamName.ShouldBe("ratios");
        Should.Throw<ArgumentNullException>(() => total.Allocate((decimal[])null!)).ParamName.ShouldBe("ratios");
    }

    [Fact]
    public void Allocate_gives_leftover_units_by_remainder_not_by_position()
    {
        // 5 cents by 1:2:1 -> exact 1.25, 2.5, 1.25: the largest remainder (0.5) wins the unit left over.
        Money.FromMinorUnits(5, Currency.USD).Allocate(1, 2, 1).Select(p => p.MinorUnits).ShouldBe([1, 3, 1]);
        // 2 cents by 1:1:1:1 -> the two earliest parts win the tie.
        Money.FromMinorUnits(2, Currency.USD).Allocate(1, 1, 1, 1).Select(p => p.MinorUnits).ShouldBe([1, 1, 0, 0]);
        // A zero ratio never takes a unit left over, even when it comes first.
        Money.FromMinorUnits(1, Currency.USD).Allocate(0, 1, 1).Select(p => p.MinorUnits).ShouldBe([0, 1, 0]);
    }

    [Fact]
    public void Split_of_a_negative_amount_puts_the_extra_negative_units_first()
    {
        Money.FromMinorUnits(-10, Currency.JPY).Split(3).Select(p => p.MinorUnits).ShouldBe([-4, -3, -3]);
        Money.FromMinorUnits(9, Currency.JPY).Split(3).Select(p => p.MinorUnits).ShouldBe([3, 3, 3]);
        Should.Throw<ArgumentOutOfRangeException>(() => Money.Of(1, Currency.USD).Split(-1)).Message.ShouldContain("at least 1 part");
        Money.Of(1, Currency.USD).Split(1).ShouldBe([Money.Of(1, Currency.USD)]);
    }

    [Fact]
    public void A_currency_mismatch_names_both_currencies_and_needs_them()
    {
        var error = new CurrencyMismatchException(Currency.USD, Currency.EUR, "other");

        error.ParamName.ShouldBe("other");
        error.Message.ShouldStartWith("Currency mismatch: cannot combine USD with EUR; amounts must share one currency.");
        Should.Throw<ArgumentNullException>(() => new CurrencyMismatchException(null!, Currency.EUR, "other")).ParamName.ShouldBe("expected");
        Should.Throw<ArgumentNullException>(() => new CurrencyMismatchException(Currency.USD, null!, "other")).ParamName.ShouldBe("actual");
        Should.Throw<CurrencyMismatchException>(() => Money.Of(1, Currency.USD) - Money.Of(1, Currency.EUR)).ParamName.ShouldBe("other");
        Should.Throw<CurrencyMismatchException>(() => Money.Of(1, Currency.USD).CompareTo(Money.Of(1, Currency.EUR))).ParamName.ShouldBe("other");
    }
}
