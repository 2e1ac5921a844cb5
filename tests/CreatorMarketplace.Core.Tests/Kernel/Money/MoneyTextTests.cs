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
}
