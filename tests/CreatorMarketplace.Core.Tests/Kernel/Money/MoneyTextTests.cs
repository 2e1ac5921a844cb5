namespace CreatorMarketplace.Tests.Kernel;


public class MoneyTextTests
{
    [Theory]
    [InlineData(1234, "USD", "USD 12.34")]
    [InlineData(-5, "USD", "USD -0.05")]
    [InlineData(1200, "JPY", "JPY 1200")]
    [InlineData(1234, "KWD", "KWD 1.234")]
    [InlineData(0, "EUR", "EUR 0.00")]
    [InlineData(long.MinValue, "USD", "USD -92233720368547758.08")]
    public void Formats_with_exactly_the_currency_digits(long minorUnits, string code, string expected)
    {
        Money.FromMinorUnits(minorUnits, Currency.FromCode(code)).ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("USD 12.34", 1234)]
    [InlineData("USD 12.3", 1230)]
    [InlineData("USD 12", 1200)]
    [InlineData("USD -0.05", -5)]
    [InlineData("JPY 1200", 1200)]
    [InlineData("KWD 1.234", 1234)]
    public void Parses_the_invariant_form(string text, long expected)
    {
        Money.Parse(text).MinorUnits.ShouldBe(expected);
    }

    [Theory]
    [InlineData("USD 12.345", "USD allows at most 2 decimal digit(s), got 3")]
    [InlineData("JPY 1200.5", "JPY allows at most 0 decimal digit(s), got 1")]
    [InlineData("ABC 1.00", "'ABC' is not an active ISO 4217 currency code")]
    [InlineData("usd 1.00", "in upper case")]
    [InlineData("USD 1,00", "the number must be digits")]
    [InlineData("USD 12.", "the number must be digits")]
    [InlineData("USD  12", "the number must be digits")]
    [InlineData("USD", "expected an ISO 4217 code, one space and a number")]
    [InlineData("12.34 USD", "expected an ISO 4217 code, one space and a number")]
    [InlineData("XAU 1", "XAU has no minor unit")]
    public void Rejects_bad_text_saying_why(string text, string reason)
    {
        Should.Throw<FormatException>(() => Money.Parse(text)).Message.ShouldContain(reason);
        Money.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void Every_currency_round_trips_through_text_at_its_edges()
    {
        foreach (var currency in Currency.List.Where(c => c.HasMinorUnit))
        {
            foreach (var units in new[] { 0L, 1L, -1L, 10L, 123_456_789L, long.MaxValue, long.MinValue })
            {
                var money = Money.FromMinorUnits(units, currency);
                Money.Parse(money.ToString()).ShouldBe(money, money.ToString());
            }
        }
    }

    [Fact]
    public void Rejects_amounts_beyond_64_bits()
    {
        Should.Throw<OverflowException>(() => Money.Parse("USD 92233720368547758.08"));
        Money.Parse("USD -92233720368547758.08").MinorUnits.ShouldBe(long.MinValue);
    }

    [Theory]
    [InlineData("USD ", "expected an ISO 4217 code, one space and a number")]
    [InlineData("USD_12.34", "expected an ISO 4217 code, one space and a number")]
    [InlineData("USD -", "the number must be digits")]
    [InlineData("USD .5", "the number must be digits")]
    [InlineData("USD 1.2.3", "the number must be digits")]
    [InlineData("USD --1", "the number must be digits")]
    [InlineData("USD 1a", "the number must be digits")]
    [InlineData("USD 1.a", "the number must be digits")]
    [InlineData("UsD 1", "'UsD' is not an active ISO 4217 currency code in upper case")]
    public void Rejects_text_at_the_edges_of_the_form(string text, string reason)
    {
        var error = Should.Throw<FormatException>(() => Money.Parse(text));

        error.Message.ShouldStartWith($"'{text}'");
        error.Message.ShouldContain(reason);
        Money.TryParse(text, out var money).ShouldBeFalse();
        money.ShouldBe(default);
    }

    [Theory]
    [InlineData("USD 1", 100)]
    [InlineData("USD 0", 0)]
    [InlineData("USD -0", 0)]
    [InlineData("USD -12", -1200)]
    [InlineData("USD 007.5", 750)]
    [InlineData("CLF -0.0001", -1)]
    [InlineData("JPY -92233720368547758", -92233720368547758)]
    public void Parses_the_shortest_and_signed_forms(string text, long expected)
    {
        Money.TryParse(text, out var money).ShouldBeTrue();
        money.MinorUnits.ShouldBe(expected);
        money.ToString().ShouldBe(Money.Parse(text).ToString());
    }

    [Fact]
    public void Null_text_is_an_argument_error_to_parse_and_false_to_try()
    {
        Should.Throw<ArgumentNullException>(() => Money.Parse(null!)).ParamName.ShouldBe("text");
        Money.TryParse(null, out var money).ShouldBeFalse();
        money.ShouldBe(default);
    }

    [Fact]
    public void Reads_through_IParsable_with_any_provider()
    {
        Parse<Money>("EUR 5.50").ShouldBe(Money.Of(5.5m, Currency.EUR));
        TryParse<Money>("EUR 5.50", out var money).ShouldBeTrue();
        money.ShouldBe(Money.Of(5.5m, Currency.EUR));
        TryParse<Money>("EUR 5.505", out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => Parse<Money>("EUR x"));
    }

    [Fact]
    public void An_amount_beyond_64_bits_is_an_overflow_naming_the_currency_and_try_parse_is_false()
    {
        Should.Throw<OverflowException>(() => Money.Parse("JPY 9223372036854775808")).Message
            .ShouldBe("'JPY 9223372036854775808': the amount does not fit in 64-bit minor units of JPY.");
        Money.TryParse("JPY 9223372036854775808", out _).ShouldBeFalse();
        Money.TryParse("USD 92233720368547758.07", out var max).ShouldBeTrue();
        max.MinorUnits.ShouldBe(long.MaxValue);
    }

    [Fact]
    public void Default_money_formats_as_having_no_currency()
    {
        default(Money).ToString().ShouldBe("(no currency)");
        Money.FromMinorUnits(5, Currency.CLF).ToString().ShouldBe("CLF 0.0005");
        Money.FromMinorUnits(-5, Currency.JPY).ToString().ShouldBe("JPY -5");
    }

    // A provider that would read "5,50" as a number: amounts ignore it and keep the invariant form.
    private static readonly System.Globalization.NumberFormatInfo CommaDecimals = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    private static T Parse<T>(string text)
        where T : IParsable<T> => T.Parse(text, CommaDecimals);

    private static bool TryParse<T>(string text, out T? value)
        where T : IParsable<T> => T.TryParse(text, CommaDecimals, out value);
}
