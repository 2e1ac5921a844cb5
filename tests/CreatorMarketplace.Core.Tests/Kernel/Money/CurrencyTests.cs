namespace CreatorMarketplace.Tests.Kernel;

public class CurrencyTests
{
    [Theory]
    [InlineData("USD", 840, 2)]
    [InlineData("EUR", 978, 2)]
    [InlineData("JPY", 392, 0)]
    [InlineData("KRW", 410, 0)]
    [InlineData("KWD", 414, 3)]
    [InlineData("BHD", 48, 3)]
    [InlineData("CLF", 990, 4)]
    [InlineData("UYW", 927, 4)]
    [InlineData("XCG", 532, 2)]
    [InlineData("ZWG", 924, 2)]
    public void Knows_codes_numbers_and_minor_units(string code, int numeric, int digits)
    {
        var currency = Currency.FromCode(code);

        currency.Code.ShouldBe(code);
        currency.NumericCode.ShouldBe(numeric);
        currency.MinorUnits.ShouldBe(digits);
        Currency.FromValue(numeric).ShouldBeSameAs(currency);
    }

    [Fact]
    public void Holds_the_active_list_one_and_no_withdrawn_code()
    {
        Currency.List.Count.ShouldBeInRange(170, 185);
        Currency.List.Select(c => c.Code).ShouldBeUnique();
        Currency.List.Select(c => c.NumericCode).ShouldBeUnique();
        foreach (var withdrawn in new[] { "HRK", "CUC", "SLL", "ZWL", "ANG", "MRO", "STD", "VEF", "BYR", "LTL", "BGN" })
        {
            Currency.TryFromCode(withdrawn, out _).ShouldBeFalse(withdrawn);
        }
    }

    [Fact]
    public void Lookup_ignores_case_and_names_an_unknown_code()
    {
        Currency.FromCode("usd").ShouldBe(Currency.USD);
        var error = Should.Throw<ArgumentException>(() => Currency.FromCode("XYZ"));
        error.ParamName.ShouldBe("code");
        error.Message.ShouldContain("'XYZ' is not an active ISO 4217 currency code");
    }

    [Fact]
    public void Codes_without_a_minor_unit_say_so()
    {
        Currency.XAU.HasMinorUnit.ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => Currency.XDR.MinorUnits).Message.ShouldContain("XDR");
        Currency.List.Where(c => !c.HasMinorUnit).Select(c => c.Code).ShouldAllBe(code => code.StartsWith('X'));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("XYZ")]
    public void Only_a_three_letter_active_code_is_found(string? code)
    {
        Currency.TryFromCode(code, out var currency).ShouldBeFalse();
        currency.ShouldBeNull();
    }

    [Fact]
    public void A_currency_reads_as_its_code_and_has_its_name()
    {
        Currency.EUR.ToString().ShouldBe("EUR");
        Currency.EUR.EnglishName.ShouldBe("Euro");
        Currency.EUR.HasMinorUnit.ShouldBeTrue();
        Currency.TryFromCode("eur", out var eur).ShouldBeTrue();
        eur.ShouldBeSameAs(Currency.EUR);
        Should.Throw<ArgumentNullException>(() => Currency.FromCode(null!)).ParamName.ShouldBe("code");
        Should.Throw<InvalidOperationException>(() => Currency.XAU.MinorUnits).Message
            .ShouldBe("Currency XAU has no minor unit in ISO 4217 (N.A.), so it has no minor-unit digits.");
    }
}
