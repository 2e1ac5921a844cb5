using FsCheck.Fluent;

namespace CreatorMarketplace.Tests.Kernel;

public class MarketTests
{
    [Fact]
    public void Countries_are_the_complete_iso_3166_1_list()
    {
        Country.List.Count.ShouldBe(249);
        Country.List.Select(c => c.Alpha3).ShouldBeUnique();
        Country.List.Select(c => c.NumericCode).ShouldBeUnique();
        Country.FromCode("kr").ShouldBe(Country.KR);
        Country.KR.Alpha3.ShouldBe("KOR");
        Country.FromValue(410).ShouldBe(Country.KR);
    }

    [Fact]
    public void An_unknown_country_code_is_named()
    {
        var error = Should.Throw<ArgumentException>(() => Country.FromCode("UK"));

        error.ParamName.ShouldBe("code");
        error.Message.ShouldContain("'UK' is not an assigned ISO 3166-1 alpha-2 country code");
    }

    [Fact]
    public void Languages_are_the_iso_639_1_list()
    {
        Language.List.Count.ShouldBe(183);
        Language.FromCode("KO").ShouldBe(Language.Korean);
        Language.English.Code.ShouldBe("en");
        Language.TryFromCode("iw", out _).ShouldBeFalse(); // withdrawn for "he"
        Should.Throw<ArgumentException>(() => Language.FromCode("xx")).Message.ShouldContain("'xx' is not an ISO 639-1 language code");
    }

    [Theory]
    [InlineData("US-CA", "US", "CA")]
    [InlineData("ca-on", "CA", "ON")]
    [InlineData("GB-ENG", "GB", "ENG")]
    [InlineData("FR-75C", "FR", "75C")]
    public void Subdivisions_parse_iso_3166_2_codes(string code, string country, string local)
    {
        var subdivision = Subdivision.Parse(code);

        subdivision.Country.Code.ShouldBe(country);
        subdivision.LocalCode.ShouldBe(local);
        subdivision.ShouldBe(Subdivision.Of(Country.FromCode(country), local));
    }

    [Theory]
    [InlineData("US")]
    [InlineData("USCA")]
    [InlineData("ZZ-CA")]
    [InlineData("US-CALI")]
    [InlineData("US-C$")]
    public void Bad_subdivision_codes_are_rejected(string code)
    {
        Should.Throw<FormatException>(() => Subdivision.Parse(code)).Message.ShouldContain("ISO 3166-2");
    }

    [Fact]
    public void Platforms_are_the_seven_supported()
    {
        Platform.List.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal)
            .ShouldBe(["Facebook", "Instagram", "Snapchat", "TikTok", "Twitch", "X", "YouTube"]);
        Platform.TryFromNameIgnoringCase("tiktok", out var tiktok).ShouldBeTrue();
        tiktok.ShouldBe(Platform.TikTok);
    }

    [Fact]
    public void Handles_drop_the_at_sign_and_compare_ignoring_case()
    {
        var handle = new Handle(Platform.TikTok, "@Jane.Doe_1");

        handle.Value.ShouldBe("Jane.Doe_1");
        handle.ToString().ShouldBe("@Jane.Doe_1");
        handle.ShouldBe(new Handle(Platform.TikTok, "jane.doe_1"));
        handle.GetHashCode().ShouldBe(new Handle(Platform.TikTok, "JANE.DOE_1").GetHashCode());
        handle.ShouldNotBe(new Handle(Platform.Instagram, "jane.doe_1"));
    }

    [Theory]
    [InlineData("TikTok", "a", "2 to 24 characters")]
    [InlineData("TikTok", "jane-doe", "'-'")]
    [InlineData("X", "this_is_far_too_long", "1 to 15 characters")]
    [InlineData("Facebook", "jane_doe", "'_'")]
    [InlineData("Instagram", "jané", "'é'")]
    public void Handles_follow_their_platform_rules(string platform, string value, string rule)
    {
        var error = Should.Throw<ArgumentException>(() => new Handle(Platform.FromName(platform), value));

        error.ParamName.ShouldBe("value");
        error.Message.ShouldContain(rule);
        var result = Handle.Validate(Platform.FromName(platform), value);
        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("handle");
    }
}

[Properties(Arbitrary = [typeof(KernelArbitraries)])]
public class MarketProperties
{
    [Property]
    public Property Every_generated_handle_is_valid_again(Handle handle) =>
        (Handle.Validate(handle.Platform, handle.ToString()).Match(h => h == handle, _ => false)).Label("Handle.Validate(handle.Platform, handle.ToString()).Match(h => h == handle, _ => false)");

    [Property]
    public Property Country_codes_round_trip(Country country) =>
        (Country.FromCode(country.Code) == country).Label("Country.FromCode(country.Code) == country")
            .And((Country.FromValue(country.NumericCode) == country).Label("Country.FromValue(country.NumericCode) == country"));

    [Property]
    public Property Language_codes_round_trip(Language language) => (Language.FromCode(language.Code) == language).Label("Language.FromCode(language.Code) == language");
}
