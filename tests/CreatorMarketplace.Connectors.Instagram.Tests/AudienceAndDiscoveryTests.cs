using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Connectors.Instagram.Tests;

public sealed class AudienceAndDiscoveryTests : InstagramTestBase
{
    [Fact]
    public async Task Follower_demographics_become_the_audience_by_age_gender_and_country()
    {
        Instagram.On(
            Graph.UserInsights,
            Graph.Demographics("age", ("18-24", 300), ("25-34", 500), ("55-64", 120), ("65+", 80)),
            Graph.Demographics("gender", ("F", 600), ("M", 350), ("U", 50)),
            Graph.Demographics("country", ("US", 700), ("GB", 300)));

        var audience = (await Connector().GetAudienceAsync(Account, default)).GetValueOrThrow();

        audience.Age!.ShareOf([AgeBucket.From25To34]).Fraction.ShouldBe(0.5, 1e-9);
        audience.Age.ShareOf([AgeBucket.From55]).Fraction.ShouldBe(0.2, 1e-9);
        audience.Gender!.ShareOf([AudienceGender.Female]).Fraction.ShouldBe(0.6, 1e-9);
        audience.Gender.ShareOf([AudienceGender.Other]).Fraction.ShouldBe(0.05, 1e-9);
        audience.Countries!.ShareOf([Country.FromCode("US")]).Fraction.ShouldBe(0.7, 1e-9);
        audience.Devices.ShouldBeNull();
        Instagram.To(Graph.UserInsights).Select(request => request.Query).ShouldBe(
            new[] { "age", "gender", "country" }.Select(breakdown => $"?metric=follower_demographics&period=lifetime&metric_type=total_value&breakdown={breakdown}"));
    }

    [Fact]
    public async Task An_account_under_100_followers_gets_no_demographics_and_an_unknown_audience()
    {
        Instagram.On(Graph.UserInsights, Graph.Ok(new { data = Array.Empty<object>() }));

        var audience = (await Connector().GetAudienceAsync(Account, default)).GetValueOrThrow();

        audience.ShouldBe(Audience.Unknown);
    }

    [Fact]
    public async Task Not_enough_data_for_demographics_is_an_unknown_audience_too()
    {
        Instagram.On(Graph.UserInsights, Graph.Error(400, 10, "(#10) Not enough followers to show demographics."));

        var audience = (await Connector().GetAudienceAsync(Account, default)).GetValueOrThrow();

        audience.ShouldBe(Audience.Unknown);
    }

    [Theory]
    [InlineData("13-99", "data[0].total_value.breakdowns[0].results[0].dimension_values[0]: '13-99' is not a bucket the connector knows.")]
    [InlineData("18-24", "data[0].total_value.breakdowns[0].results[0].value: a count is never negative, got -1.")]
    public async Task Demographics_out_of_shape_are_malformed(string bucket, string reason)
    {
        Instagram.On(Graph.UserInsights, Graph.Demographics("age", (bucket, bucket == "18-24" ? -1 : 5)));

        var result = await Connector().GetAudienceAsync(Account, default);

        result.AsT5.Reason.ShouldBe(reason);
    }

    [Fact]
    public async Task Business_discovery_looks_up_another_professional_account()
    {
        Instagram.On(Graph.User, Graph.Ok(new
        {
            business_discovery = new
            {
                id = "17841400000000999",
                username = "bluebottle",
                name = "Blue Bottle",
                biography = "Coffee.",
                website = "https://bluebottle.example/",
                followers_count = 450_000,
                follows_count = 12,
                media_count = 2_100,
            },
            id = Graph.UserId,
        }));

        var found = (await Connector().DiscoverAsync(Account, "bluebottle", default)).GetValueOrThrow();

        found.Id.ShouldBe("17841400000000999");
        found.Username.ShouldBe("bluebottle");
        found.Profile.DisplayName.ShouldBe("Blue Bottle");
        found.Profile.Stats!.Followers.ShouldBe(450_000);
        found.Profile.Posts.ShouldBe(2_100);
        found.Website.ShouldBe(new Uri("https://bluebottle.example/"));
        found.ProfilePictureUrl.ShouldBeNull();
        var query = Uri.UnescapeDataString(Instagram.Received.ShouldHaveSingleItem().Query);
        query.ShouldBe($"?fields=business_discovery.username(bluebottle){{id,username,{InstagramConnector.UserFields}}}");
    }

    [Fact]
    public async Task Business_discovery_of_an_unknown_username_is_not_found()
    {
        Instagram.On(Graph.User, Graph.Error(400, 110, "Invalid user id", subcode: 2207013));

        var result = await Connector().DiscoverAsync(Account, "nobody.here", default);

        result.AsT1.What.ShouldBe("Instagram professional account @nobody.here");
    }

    [Theory]
    [InlineData("bluebottle\n")]
    [InlineData("blue bottle")]
    [InlineData("")]
    public async Task Business_discovery_of_a_name_that_is_no_username_is_refused_before_any_call(string username)
    {
        // .NET's $ also matches before a final line feed: a username with one must not reach the Graph API's query.
        var refused = await Should.ThrowAsync<ArgumentException>(async () => await Connector().DiscoverAsync(Account, username, default));

        refused.ParamName.ShouldBe("username");
    }

    [Theory]
    [InlineData("v23.0\n")]
    [InlineData("v23")]
    public void An_api_version_that_is_not_v_major_dot_minor_is_refused(string version)
    {
        Should.Throw<DomainValidationException>(() => new InstagramConnectorOptions { AppId = "1", AppSecret = "secret", ApiVersion = version }.Validate())
            .Errors.ShouldContain(e => e.Code == "instagram.api_version_invalid");
    }
}
