using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Connectors.YouTube.Tests;

public sealed class AudienceTests : YouTubeTestBase
{
    private const string Demographics = """
        {"kind":"youtubeAnalytics#resultTable",
         "columnHeaders":[{"name":"ageGroup","columnType":"DIMENSION","dataType":"STRING"},{"name":"gender","columnType":"DIMENSION","dataType":"STRING"},{"name":"viewerPercentage","columnType":"METRIC","dataType":"FLOAT"}],
         "rows":[["age18-24","female",30.1],["age18-24","male",19.9],["age25-34","female",25.0],["age55-64","male",10.0],["age65-","user_specified",15.0]]}
        """;

    private const string Countries = """
        {"kind":"youtubeAnalytics#resultTable",
         "columnHeaders":[{"name":"country","columnType":"DIMENSION","dataType":"STRING"},{"name":"views","columnType":"METRIC","dataType":"INTEGER"}],
         "rows":[["US",600],["GB",300],["ZZ",50],["DE",100]]}
        """;

    [Fact]
    public async Task Age_gender_and_countries_come_from_the_Analytics_reports_of_the_last_28_days()
    {
        Google.On(FakeYouTube.Reports, new Answer(200, Demographics), new Answer(200, Countries));

        var audience = (await Connector().GetAudienceAsync(Account, default)).GetValueOrThrow();

        audience.Age.ShouldNotBeNull()[AgeBucket.From18To24].Fraction.ShouldBe(0.5, 1e-9);
        audience.Age[AgeBucket.From55].Fraction.ShouldBe(0.25, 1e-9);
        audience.Gender.ShouldNotBeNull()[AudienceGender.Female].Fraction.ShouldBe(0.551, 1e-9);
        audience.Gender[AudienceGender.Other].Fraction.ShouldBe(0.15, 1e-9);
        audience.Countries.ShouldNotBeNull()[Country.FromCode("US")].Fraction.ShouldBe(0.6, 1e-9);
        audience.Countries.ContainsKey(Country.FromCode("DE")).ShouldBeTrue();
        var asked = Google.To(FakeYouTube.Reports);
        asked[0].Query.ShouldBe("?ids=channel%3D%3DMINE&startDate=2026-11-03&endDate=2026-11-30&metrics=viewerPercentage&dimensions=ageGroup%2Cgender");
        asked[1].Query.ShouldBe("?ids=channel%3D%3DMINE&startDate=2026-11-03&endDate=2026-11-30&metrics=views&dimensions=country&sort=-views");
        asked[0].Authorization.ShouldBe($"Bearer {AccessToken}");
    }

    [Fact]
    public async Task A_token_without_the_Analytics_scope_gives_an_unknown_audience_not_a_failure()
    {
        Google.On(FakeYouTube.Reports, Answer.GoogleError(403, "forbidden", "The caller does not have permission", "global"));

        var audience = await Connector().GetAudienceAsync(Account, default);

        audience.GetValueOrThrow().ShouldBe(Audience.Unknown);
        Google.To(FakeYouTube.Reports).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_report_without_rows_or_an_account_read_with_the_API_key_gives_an_unknown_audience()
    {
        Google.On(FakeYouTube.Reports, new Answer(200, """{"kind":"youtubeAnalytics#resultTable","columnHeaders":[{"name":"ageGroup"},{"name":"gender"},{"name":"viewerPercentage"}]}"""));

        var empty = await Connector().GetAudienceAsync(Account, default);
        Tokens.Remove(Account);
        var keyOnly = await Connector().GetAudienceAsync(Account, default);

        empty.GetValueOrThrow().ShouldBe(Audience.Unknown);
        keyOnly.GetValueOrThrow().ShouldBe(Audience.Unknown);
        Google.Received.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("""[["age18-24","female","30"]]""", "rows[0][2]: expected a number of zero or more, got \"30\".")]
    [InlineData("""[["age99","female",30]]""", "rows[0][0]: 'age99' is not one of YouTube's age groups.")]
    [InlineData("""[["age18-24","female"]]""", "rows[0]: a row holds one cell per column (3).")]
    [InlineData("""[[18,"female",30]]""", "rows[0][0]: expected a string, got 18.")]
    [InlineData("""[["age18-24",null,30]]""", "rows[0][1]: expected a string, got null.")]
    public async Task A_row_out_of_shape_is_malformed_data_naming_the_cell(string rows, string reason)
    {
        Google.On(FakeYouTube.Reports, new Answer(200, $$"""{"columnHeaders":[{"name":"ageGroup"},{"name":"gender"},{"name":"viewerPercentage"}],"rows":{{rows}}}"""));

        var result = await Connector().GetAudienceAsync(Account, default);

        result.AsT5.Reason.ShouldBe(reason);
    }
}
