using CreatorMarketplace.Creators;
using CreatorMarketplace.Eligibility;
using NodaTime;

namespace CreatorMarketplace.Tests.Eligibility;

public class CampaignRequirementsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);

    private static CreatorListing Creator(Audience? audience = null, string bio = "DIY and home projects", long followers = 60_000) =>
        MarketplacePolicyTests.Creator(Country.US, followers, change: (creator, clock) =>
        {
            creator.UpdateAudience(audience ?? Audience(minors: 0.1, inUs: 0.7), clock);
            creator.ChangeProfile(creator.Profile with { Bio = bio }, clock);
        });

    private static Audience Audience(double minors, double inUs) => new()
    {
        Age = Distribution.Create([KeyValuePair.Create(AgeBucket.From13To17, minors), KeyValuePair.Create(AgeBucket.From18To24, 1 - minors)]),
        Countries = Distribution.Create([KeyValuePair.Create(Country.US, inUs), KeyValuePair.Create(Country.CA, 1 - inUs)]),
    };

    [Fact]
    public void Nothing_asked_admits_everyone_the_policy_admits()
    {
        new CampaignRequirements().ToRule().Evaluate(Creator(), Now).IsEligible.ShouldBeTrue();
    }

    [Fact]
    public void Tiers_say_how_far_the_nearest_wanted_tier_is()
    {
        var rule = new CampaignRequirements { Tiers = [FollowerTier.Mid, FollowerTier.Macro] }.ToRule();

        var failure = rule.Evaluate(Creator(followers: 60_000), Now).Failures.ShouldHaveSingleItem();

        failure.Code.ShouldBe("eligibility.tier_not_wanted");
        failure.Distance.ShouldBe("needs 40,000 more followers for mid");
        rule.Evaluate(Creator(followers: 100_000), Now).IsEligible.ShouldBeTrue();
    }

    [Theory]
    [InlineData(0.5999, false)]
    [InlineData(0.6, true)]
    public void The_audience_in_the_target_markets_must_reach_the_minimum_share(double inUs, bool eligible)
    {
        var rule = new CampaignRequirements { TargetMarkets = [Country.US], MinimumAudienceInTargetMarkets = Share.FromFraction(0.6) }.ToRule();

        rule.Evaluate(Creator(Audience(0.1, inUs)), Now).IsEligible.ShouldBe(eligible);
    }

    [Fact]
    public void A_share_just_short_of_the_minimum_never_reads_as_meeting_it()
    {
        var rule = new CampaignRequirements { TargetMarkets = [Country.US], MinimumAudienceInTargetMarkets = Share.FromFraction(0.6) }.ToRule();

        var failure = rule.Evaluate(Creator(Audience(0.1, 0.599999)), Now).Failures.ShouldHaveSingleItem();

        failure.Message.ShouldBe("has 59.99% of the audience in US; at least 60% is required.");
        failure.Distance.ShouldBe("needs 0.01% more of the audience in US");
    }

    [Theory]
    [InlineData(0.05, true)]
    [InlineData(0.0501, false)]
    public void A_restricted_category_caps_the_audience_under_18(double minors, bool eligible)
    {
        var rule = new CampaignRequirements { MinorAudienceLimit = new(RestrictedCategory.Alcohol, Share.FromFraction(0.05)) }.ToRule();

        var result = rule.Evaluate(Creator(Audience(minors, 0.7)), Now);

        result.IsEligible.ShouldBe(eligible);
        if (!eligible)
        {
            result.Failures.ShouldHaveSingleItem().Message.ShouldBe("has 5.01% of the audience under 18; campaigns for alcohol allow at most 5%.");
        }
    }

    [Fact]
    public void An_unknown_audience_age_fails_a_restricted_category()
    {
        var rule = new CampaignRequirements { MinorAudienceLimit = new(RestrictedCategory.Gambling, Share.FromFraction(0.05)) }.ToRule();

        rule.Evaluate(Creator(CreatorMarketplace.Creators.Audience.Unknown), Now).Failures.ShouldHaveSingleItem().Code.ShouldBe("eligibility.audience_age_unknown");
    }

    [Theory]
    [InlineData("Vape reviews and DIY", true)]
    [InlineData("VAPÉ tricks", true)]
    [InlineData("Vapor wave music", false)]
    [InlineData("online casino nights", true)]
    [InlineData("casino-online", false)]
    [InlineData("ONLINE-Casino tips", true)]
    public void Excluded_keywords_match_whole_words_ignoring_case_and_diacritics(string bio, bool excluded)
    {
        var rule = new CampaignRequirements { ExcludedKeywords = ["vape", "online casino"] }.ToRule();

        rule.Evaluate(Creator(bio: bio), Now).IsEligible.ShouldBe(!excluded);
    }

    [Fact]
    public void The_campaign_rule_reports_the_policys_failures_and_the_campaigns_together()
    {
        var requirements = new CampaignRequirements
        {
            ContentLabels = [new ContentLabel("beauty")],
            MinorAudienceLimit = new(RestrictedCategory.Alcohol, Share.FromFraction(0.05)),
        };

        var result = MarketplacePolicy.TikTokCreatorMarketplace.ForCampaign(requirements).Evaluate(Creator(followers: 9_000), Now);

        result.Failures.Select(f => f.Code).ShouldBe(["eligibility.followers_below_minimum", "eligibility.content_label_missing", "eligibility.minor_audience_too_high"]);
    }

    [Fact]
    public void Invalid_requirements_name_every_problem()
    {
        var requirements = new CampaignRequirements
        {
            Tiers = [FollowerTier.Mid, FollowerTier.Mid],
            MinimumAudienceInTargetMarkets = Share.FromFraction(0.5),
            ExcludedKeywords = ["  "],
        };

        requirements.Validate().Select(e => e.Field).ShouldBe(["Tiers", "MinimumAudienceInTargetMarkets", "ExcludedKeywords"]);
        Should.Throw<DomainValidationException>(requirements.ToRule);
    }
}
