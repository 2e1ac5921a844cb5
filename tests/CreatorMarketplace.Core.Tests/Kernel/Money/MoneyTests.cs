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

    [Fact]
    public void Multiply_computes_a_card_fee_exactly()
    {
        // 2.9% of USD 123.45 = 3.58005 -> 3.58
        Money.Of(123.45m, Currency.USD).Multiply(0.029m, MidpointRounding.AwayFromZero).ShouldBe(Money.Of(3.58m, Currency.USD));
    }

    [Fact]
    public void Multiply_rejects_an_undefined_rounding_mode()
    {
        Should.Throw<ArgumentException>(() => Money.Of(1, Currency.USD).Multiply(2m, (MidpointRounding)42)).ParamName.ShouldBe("rounding");
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
}
