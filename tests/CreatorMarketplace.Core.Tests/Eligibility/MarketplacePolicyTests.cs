using CreatorMarketplace.Brands;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Eligibility;
using CreatorMarketplace.Tests.Creators;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Eligibility;

public class MarketplacePolicyTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);
    private static readonly DateTimeZone Seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];
    private static readonly MarketplacePolicy TikTok = MarketplacePolicy.TikTokCreatorMarketplace;

    internal static CreatorListing Creator(
        Country country,
        long followers = 60_000,
        LocalDate? birthDate = null,
        long? views = 5_000,
        int? posts = 5,
        AccountType? type = null,
        DateTimeZone? zone = null,
        Action<Creator, IClock>? change = null,
        Platform? platform = null)
    {
        var clock = new FakeClock(Now - Duration.FromDays(500));
        var profile = CreatorTests.Profile() with
        {
            HomeCountry = country,
            HomeSubdivision = null,
            TimeZone = zone ?? (country == Country.KR ? Seoul : DateTimeZoneProviders.Tzdb["America/New_York"]),
            BirthDate = birthDate ?? new LocalDate(1998, 3, 2),
        };
        var stats = AccountStats.Create(clock.GetCurrentInstant(), followers, medianViews: 1_000, viewsLast30Days: views, postsLast30Days: posts);
        var creator = CreatorMarketplace.Creators.Creator.Register(
            EntityId.New<CreatorId>(clock), profile, new PlatformAccount(new Handle(platform ?? Platform.TikTok, "@maya.makes"), type ?? AccountType.Creator, stats), clock);
        change?.Invoke(creator, clock);
        return creator.ToListing();
    }

    [Fact]
    public void The_shipped_policy_holds_tiktoks_published_thresholds()
    {
        var version = TikTok.VersionAsOf(Now).ShouldNotBeNull();

        TikTok.Name.ShouldBe("tiktok-creator-marketplace");
        version.Creators.ShouldBe(new CreatorRequirements
        {
            MinimumAge = 18,
            MinimumFollowers = 10_000,
            MinimumViewsLast30Days = 1_000,
            MinimumPostsLast30Days = 3,
            GoodStandingLookBack = Duration.FromDays(90),
            AccountTypes = [AccountType.Personal, AccountType.Creator],
        });
        version.CreatorRequirementsIn(Country.KR).MinimumAge.ShouldBe(19);
        version.CreatorRequirementsIn(Country.KR).MinimumFollowers.ShouldBe(50_000);
        version.CreatorRequirementsIn(Country.US).ShouldBe(version.Creators);
        version.Brands.ShouldBe(BrandRequirements.All);
    }

    [Theory]
    [InlineData("US", 9_999, false)]
    [InlineData("US", 10_000, true)]
    [InlineData("KR", 49_999, false)]
    [InlineData("KR", 50_000, true)]
    public void Followers_are_judged_against_the_creators_market(string country, long followers, bool eligible)
    {
        var result = TikTok.ForCreators.Evaluate(Creator(Country.FromCode(country), followers), Now);

        result.IsEligible.ShouldBe(eligible, result.ToString());
    }

    [Fact]
    public void An_eighteen_year_old_is_old_enough_in_the_united_states_but_not_in_korea()
    {
        var birth = Now.InZone(Seoul).Date.PlusYears(-18);

        TikTok.ForCreators.Evaluate(Creator(Country.US, birthDate: birth, zone: Seoul), Now).IsEligible.ShouldBeTrue();
        var failure = TikTok.ForCreators.Evaluate(Creator(Country.KR, birthDate: birth), Now).Failures.ShouldHaveSingleItem();
        failure.Code.ShouldBe("eligibility.too_young");
        failure.Distance.ShouldBe($"turns 19 on {birth.PlusYears(19):yyyy-MM-dd}");
    }

    [Theory]
    [InlineData(999, 3, "eligibility.too_few_recent_views", "needs 1 more view")]
    [InlineData(1_000, 2, "eligibility.too_few_recent_posts", "needs 1 more post")]
    public void Views_and_posts_of_the_last_30_days_have_their_own_minimums(long views, int posts, string code, string distance)
    {
        var failure = TikTok.ForCreators.Evaluate(Creator(Country.US, views: views, posts: posts), Now).Failures.ShouldHaveSingleItem();

        failure.Code.ShouldBe(code);
        failure.Distance.ShouldBe(distance);
    }

    [Fact]
    public void Every_failure_is_reported_with_the_market_first()
    {
        var listing = Creator(Country.PL, followers: 400, views: null, type: AccountType.Business, birthDate: Now.InUtc().Date.PlusYears(-17));

        var codes = TikTok.ForCreators.Evaluate(listing, Now).Failures.Select(failure => failure.Code);

        codes.ShouldBe([
            "eligibility.market_unavailable", "eligibility.too_young", "eligibility.followers_below_minimum",
            "eligibility.recent_views_unknown", "eligibility.account_type",
        ]);
    }

    [Fact]
    public void A_market_opens_at_midnight_of_its_launch_date_in_the_creators_zone()
    {
        // Korea opens on 2024-10-01: 15:00 UTC on 30 September is already that date in Seoul.
        var listing = Creator(Country.KR);
        var midnight = new LocalDate(2024, 10, 1).AtStartOfDayInZone(Seoul).ToInstant();

        var before = TikTok.ForCreators.Evaluate(listing, midnight - Duration.Epsilon);

        before.Failures.Select(f => f.Code).ShouldContain("eligibility.market_not_launched");
        before.Failures.First().Distance.ShouldBe("opens on 2024-10-01");
        TikTok.ForCreators.Evaluate(listing, midnight).Failures.Select(f => f.Code).ShouldNotContain("eligibility.market_not_launched");
    }

    [Fact]
    public void A_version_takes_over_at_its_effective_instant()
    {
        var switchAt = Instant.FromUtc(2027, 3, 1, 0, 0);
        var policy = MarketplacePolicy.Create("stricter-in-2027", string.Empty, [
            .. TikTok.Versions,
            PolicyVersion.Create(switchAt, TikTok.Versions[0].Creators with { MinimumFollowers = 20_000 }, BrandRequirements.All, TikTok.Versions[0].Markets),
        ]);
        var listing = Creator(Country.US, followers: 15_000);

        policy.VersionAsOf(switchAt - Duration.Epsilon).ShouldBe(TikTok.Versions[0]);
        policy.ForCreators.Evaluate(listing, switchAt - Duration.Epsilon).IsEligible.ShouldBeTrue();
        var failure = policy.ForCreators.Evaluate(listing, switchAt).Failures.ShouldHaveSingleItem();
        failure.Distance.ShouldBe("needs 5,000 more followers");
    }

    [Fact]
    public void Before_its_first_version_a_policy_admits_no_one_and_says_when_it_starts()
    {
        var first = TikTok.Versions[0].EffectiveFrom;

        var failure = TikTok.ForCreators.Evaluate(Creator(Country.US), first - Duration.Epsilon).Failures.ShouldHaveSingleItem();

        failure.Code.ShouldBe("eligibility.policy_not_in_force");
        failure.Distance.ShouldBe($"in force from {first}");
        TikTok.VersionAsOf(first - Duration.Epsilon).ShouldBeNull();
    }

    [Fact]
    public void A_recent_violation_breaks_good_standing_for_the_look_back_window()
    {
        var violation = Now - Duration.FromDays(30);
        var listing = Creator(Country.US, change: (creator, clock) => creator.RecordViolation(new ComplianceViolation(violation, "community_guidelines", "Removed."), clock));

        TikTok.ForCreators.Evaluate(listing, Now).Failures.ShouldHaveSingleItem().Code.ShouldBe("eligibility.recent_violation");
        TikTok.ForCreators.Evaluate(listing, violation + Duration.FromDays(90)).IsEligible.ShouldBeTrue();
    }

    // A creator in the US whose primary account is on Instagram, with a TikTok account beside it when given.
    private static CreatorListing InstagramFirst(long instagramFollowers, long? tiktokFollowers, long tiktokViews = 5_000, int tiktokPosts = 5) =>
        Creator(Country.US, instagramFollowers, views: 900_000, posts: 20, platform: Platform.Instagram, change: (creator, clock) =>
        {
            if (tiktokFollowers is { } followers)
            {
                var tiktok = AccountStats.Create(clock.GetCurrentInstant(), followers, medianViews: 100, viewsLast30Days: tiktokViews, postsLast30Days: tiktokPosts);
                creator.LinkAccount(new PlatformAccount(new Handle(Platform.TikTok, "@maya.makes"), AccountType.Creator, tiktok), clock);
            }
        });

    [Fact]
    public void The_tiktok_policy_judges_the_tiktok_account_whichever_account_is_primary()
    {
        var weakOnTikTok = InstagramFirst(500_000, tiktokFollowers: 2_000, tiktokViews: 200, tiktokPosts: 1);
        var strongOnTikTok = InstagramFirst(800, tiktokFollowers: 60_000);
        var noTikTok = InstagramFirst(500_000, tiktokFollowers: null);

        TikTok.Platform.ShouldBe(Platform.TikTok);
        TikTok.ForCreators.Evaluate(weakOnTikTok, Now).Failures.Select(f => f.Code).ShouldBe(
            ["eligibility.followers_below_minimum", "eligibility.too_few_recent_views", "eligibility.too_few_recent_posts"]);
        TikTok.ForCreators.Evaluate(strongOnTikTok, Now).IsEligible.ShouldBeTrue();
        TikTok.ForCreators.Evaluate(noTikTok, Now).Failures.ShouldHaveSingleItem().ShouldBe(new RuleFailure(
            "tiktok-creator-marketplace", "eligibility.no_platform_account", "has no TikTok account; the policy judges the TikTok account.", "none", "a TikTok account", "link a TikTok account"));

        // A policy with no platform judges the primary account, whichever platform it is on.
        var anyPlatform = MarketplacePolicy.Create(TikTok.Name, TikTok.Description, TikTok.Versions);
        (anyPlatform.Platform, anyPlatform.ForCreators.Evaluate(weakOnTikTok, Now).IsEligible, anyPlatform.ForCreators.Evaluate(strongOnTikTok, Now).IsEligible).ShouldBe(((Platform?)null, true, false));
        anyPlatform.ShouldNotBe(TikTok);
    }

    [Fact]
    public async Task An_in_memory_catalogs_eligibility_filter_judges_the_policys_platform_as_the_rule_does()
    {
        CreatorListing[] creators =
        [
            InstagramFirst(500_000, tiktokFollowers: 2_000, tiktokViews: 200, tiktokPosts: 1),
            InstagramFirst(800, tiktokFollowers: 60_000),
            InstagramFirst(500_000, tiktokFollowers: null),
            Creator(Country.US),
            Creator(Country.US, followers: 5_000),
        ];
        var catalog = new CreatorMarketplace.Discovery.InMemory.InMemoryCreatorCatalog();
        catalog.Load(creators).ShouldBe(creators.Length);

        var page = (await catalog.SearchAsync(new CreatorMarketplace.Discovery.CreatorQuery { Eligibility = new(TikTok, Now), PageSize = 10 })).AsT0;

        page.Items.Select(listing => listing.Id).ShouldBe(creators.Where(listing => TikTok.ForCreators.Evaluate(listing, Now).IsEligible).Select(listing => listing.Id), ignoreOrder: true);
        page.TotalCount.ShouldBe(2);
    }

    [Fact]
    public void Creating_a_policy_names_every_problem()
    {
        var bad = TikTok.Versions[0].Creators with { MinimumAge = 0, AccountTypes = [] };
        var version = TikTok.Versions[0];

        var versionError = Should.Throw<DomainValidationException>(() => PolicyVersion.Create(
            version.EffectiveFrom, bad, BrandRequirements.All, [new PolicyMarket(Country.US, new LocalDate(2024, 1, 1)), new PolicyMarket(Country.US, new LocalDate(2025, 1, 1))]));
        var policyError = Should.Throw<DomainValidationException>(() => MarketplacePolicy.Create(" ", string.Empty, [version, version]));

        versionError.Errors.Select(e => e.Field).ShouldBe(["creators.minimumAge", "creators.accountTypes", "markets[1].country"]);
        policyError.Errors.Select(e => e.Field).ShouldBe(["name", "versions[1].effectiveFrom"]);
    }

    [Fact]
    public void A_brand_needs_its_identity_verified_and_business_and_tax_information_on_file_as_of_the_instant()
    {
        var brand = new BrandProfile
        {
            Id = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057")),
            Name = "Glow Labs",
            Country = Country.US,
            TimeZone = DateTimeZoneProviders.Tzdb["America/New_York"],
            IdentityVerifiedAt = Now - Duration.FromDays(10),
            BusinessInformationSubmittedAt = Now - Duration.FromDays(12),
            TaxInformationSubmittedAt = Now + Duration.FromDays(3),
        };

        var now = TikTok.ForBrands.Evaluate(brand, Now);
        var later = TikTok.ForBrands.Evaluate(brand, Now + Duration.FromDays(3));
        var nothing = TikTok.ForBrands.Evaluate(brand with { Country = Country.PL, IdentityVerifiedAt = null, BusinessInformationSubmittedAt = null }, Now);

        var tax = now.Failures.ShouldHaveSingleItem();
        tax.Code.ShouldBe("eligibility.tax_information_missing");
        tax.Distance.ShouldBe("filed on 2026-11-28");
        later.IsEligible.ShouldBeTrue();
        nothing.Failures.Select(f => f.Code).ShouldBe([
            "eligibility.market_unavailable", "eligibility.identity_not_verified", "eligibility.business_information_missing", "eligibility.tax_information_missing",
        ]);
        nothing.Failures[1].Distance.ShouldBe("verify the business identity");
        brand.Validate().ShouldBeEmpty();
        (brand with { Name = " " }).Validate().Select(e => e.Field).ShouldBe(["Name"]);
    }
}
