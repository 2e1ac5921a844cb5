using CreatorMarketplace.Creators;
using FsCheck.Fluent;
using NodaTime;

namespace CreatorMarketplace.Tests.Creators;

public class CreatorValueTests
{
    [Theory]
    [InlineData(0, "Emerging")]
    [InlineData(999, "Emerging")]
    [InlineData(1_000, "Nano")]
    [InlineData(9_999, "Nano")]
    [InlineData(10_000, "Micro")]
    [InlineData(99_999, "Micro")]
    [InlineData(100_000, "Mid")]
    [InlineData(499_999, "Mid")]
    [InlineData(500_000, "Macro")]
    [InlineData(999_999, "Macro")]
    [InlineData(1_000_000, "Mega")]
    [InlineData(long.MaxValue, "Mega")]
    public void Follower_tiers_follow_the_industry_bounds(long followers, string tier)
    {
        FollowerTier.For(followers).Name.ShouldBe(tier);
    }

    [Property]
    public Property A_follower_count_lies_inside_its_tier(NonNegativeInt followers)
    {
        var tier = FollowerTier.For(followers.Get);
        return (followers.Get >= tier.MinFollowers).Label("followers.Get >= tier.MinFollowers")
            .And((followers.Get < tier.MaxFollowersExclusive).Label("followers.Get < tier.MaxFollowersExclusive"));
    }

    [Fact]
    public void Negative_followers_have_no_tier()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => FollowerTier.For(-1));
    }

    [Fact]
    public void Account_numbers_name_every_problem()
    {
        var error = Should.Throw<DomainValidationException>(() =>
            AccountStats.Create(Instant.FromUnixTimeSeconds(0), followers: -1, medianViews: -5, engagementRate: double.NaN, followerGrowthRate: -2));

        error.Errors.Select(e => e.Field).ShouldBe(["followers", "medianViews", "engagementRate", "followerGrowthRate"]);
    }

    [Fact]
    public void Each_number_out_of_range_is_refused_with_its_own_rule_and_the_edges_are_accepted()
    {
        var error = Should.Throw<DomainValidationException>(() =>
            AccountStats.Create(Instant.FromUnixTimeSeconds(0), -1, -2, -3, double.NaN, -1.5, -4, -5));

        error.Errors.Select(e => (e.Field, e.Code, e.Message)).ShouldBe(
        [
            ("followers", "stats.negative", "followers may not be negative, got -1."),
            ("averageViews", "stats.negative", "average views may not be negative, got -2."),
            ("medianViews", "stats.negative", "median views may not be negative, got -3."),
            ("engagementRate", "stats.rate_out_of_range", "the engagement rate must be a finite number of at least 0, got NaN."),
            ("followerGrowthRate", "stats.rate_out_of_range", "the follower growth rate must be a finite number of at least -1 (all followers lost), got -1.5."),
            ("postsLast30Days", "stats.negative", "posts in the last 30 days may not be negative, got -4."),
            ("viewsLast30Days", "stats.negative", "views in the last 30 days may not be negative, got -5."),
        ]);
        Should.Throw<DomainValidationException>(() => AccountStats.Create(Instant.FromUnixTimeSeconds(0), 0, engagementRate: double.PositiveInfinity))
            .Errors.Single().Message.ShouldBe("the engagement rate must be a finite number of at least 0, got Infinity.");
        var edges = AccountStats.Create(Instant.FromUnixTimeSeconds(0), 0, 0, 0, 0, -1, 0, 0);
        (edges.Followers, edges.AverageViews, edges.MedianViews, edges.EngagementRate, edges.FollowerGrowthRate, edges.PostsLast30Days, edges.ViewsLast30Days)
            .ShouldBe((0L, 0L, 0L, 0d, -1d, 0, 0L));
    }

    [Fact]
    public void Missing_numbers_stay_missing()
    {
        var stats = AccountStats.Create(Instant.FromUnixTimeSeconds(0), 5_000);

        stats.AverageViews.ShouldBeNull();
        stats.EngagementRate.ShouldBeNull();
        stats.Tier.ShouldBe(FollowerTier.Nano);
    }

    [Fact]
    public void A_rate_card_holds_one_currency_and_no_negative_price()
    {
        var error = Should.Throw<DomainValidationException>(() => RateCard.Create(
            Currency.EUR,
            [
                KeyValuePair.Create(DeliverableType.Video, Money.Of(500, Currency.USD)),
                KeyValuePair.Create(DeliverableType.Story, Money.Of(-1, Currency.EUR)),
                KeyValuePair.Create(DeliverableType.ImagePost, Money.Of(200, Currency.EUR)),
            ],
            negotiable: false));

        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe([("prices[Video]", "rate_card.currency_mismatch"), ("prices[Story]", "rate_card.negative_price")]);
    }

    [Fact]
    public void Personal_data_is_checked_and_secrets_never_print()
    {
        var creator = CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"));

        var error = Should.Throw<DomainValidationException>(() => new CreatorIdentity(creator, "", "not-an-email"));
        error.Errors.Select(e => e.Field).ShouldBe(["legalName", "email"]);

        var identity = new CreatorIdentity(creator, "Maya Lopez", "maya@example.com") { TaxId = new SecretReference("tok_9f8e7d", "6789") };
        identity.TaxId!.Value.ToString().ShouldBe("••••6789");
        identity.ToString().ShouldNotContain("tok_9f8e7d");
        identity.ToString().ShouldNotContain("maya@example.com");
        identity.ToString().ShouldNotContain("Maya Lopez");
    }

    [Fact]
    public void Labels_have_bounded_non_blank_ids()
    {
        new ContentLabel("beauty").ShouldBe(new ContentLabel("beauty"));
        Should.Throw<ArgumentException>(() => new ContentLabel(" "));
        Should.Throw<ArgumentException>(() => new IndustryLabel(new string('x', 65))).Message.ShouldContain("at most 64");
    }
}
