using CreatorMarketplace.Creators;
using CreatorMarketplace.Eligibility;
using CreatorMarketplace.Tests.Creators;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Eligibility;

public class EligibilityRuleTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);
    private static readonly DateTimeZone Seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];

    private static CreatorListing Creator(long followers = 48_000, LocalDate? birthDate = null, AgeBucket? band = null, DateTimeZone? zone = null)
    {
        var clock = new FakeClock(Now);
        var profile = CreatorTests.Profile() with { BirthDate = band is null ? birthDate ?? new LocalDate(1998, 3, 2) : null, AgeBand = band, TimeZone = zone ?? Seoul };
        return CreatorMarketplace.Creators.Creator.Register(EntityId.New<CreatorId>(clock), profile, CreatorTests.TikTok(followers), clock).ToListing();
    }

    [Theory]
    [InlineData(9_999, false)]
    [InlineData(10_000, true)]
    public void Followers_pass_from_the_minimum_on(long followers, bool eligible)
    {
        var result = CreatorRules.MinimumFollowers(10_000).Evaluate(Creator(followers), Now);

        result.IsEligible.ShouldBe(eligible);
    }

    [Fact]
    public void A_follower_shortfall_says_how_many_more_are_needed()
    {
        var failure = CreatorRules.MinimumFollowers(10_000).Evaluate(Creator(7_700), Now).Failures.ShouldHaveSingleItem();

        failure.ShouldBe(new RuleFailure(
            "min-followers",
            "eligibility.followers_below_minimum",
            "has 7,700 followers; at least 10,000 are required.",
            "7,700 followers",
            "at least 10,000 followers",
            "needs 2,300 more followers"));
    }

    [Fact]
    public void The_eighteenth_birthday_begins_at_midnight_in_the_creators_zone()
    {
        var creator = Creator(birthDate: new LocalDate(2008, 11, 26));
        var midnightInSeoul = new LocalDateTime(2026, 11, 26, 0, 0).InZoneStrictly(Seoul).ToInstant();
        var rule = CreatorRules.MinimumAge(18);

        var before = rule.Evaluate(creator, midnightInSeoul - Duration.Epsilon);
        rule.Evaluate(creator, midnightInSeoul).IsEligible.ShouldBeTrue();

        // At that instant it is still 25 November in Los Angeles: the creator's own zone decides.
        rule.Evaluate(Creator(birthDate: new LocalDate(2008, 11, 26), zone: DateTimeZoneProviders.Tzdb["America/Los_Angeles"]), midnightInSeoul).IsEligible.ShouldBeFalse();
        var failure = before.Failures.ShouldHaveSingleItem();
        failure.Code.ShouldBe("eligibility.too_young");
        failure.Actual.ShouldBe("17 years");
        failure.Distance.ShouldBe("turns 18 on 2026-11-26");
    }

    [Fact]
    public void Someone_born_on_the_29th_of_february_comes_of_age_on_the_1st_of_march_in_a_common_year()
    {
        CreatorRules.Birthday(new LocalDate(2008, 2, 29), 18).ShouldBe(new LocalDate(2026, 3, 1));
        CreatorRules.Birthday(new LocalDate(2008, 2, 29), 16).ShouldBe(new LocalDate(2024, 2, 29));
    }

    [Fact]
    public void Without_a_birth_date_only_an_age_band_wholly_above_the_minimum_passes()
    {
        var rule = CreatorRules.MinimumAge(18);

        rule.Evaluate(Creator(band: AgeBucket.From25To34), Now).IsEligible.ShouldBeTrue();
        rule.Evaluate(Creator(band: AgeBucket.From13To17), Now).Failures.ShouldHaveSingleItem().Code.ShouldBe("eligibility.age_unknown");
        CreatorRules.MinimumAge(19).Evaluate(Creator(band: AgeBucket.From18To24), Now).IsEligible.ShouldBeFalse();
    }

    [Fact]
    public void A_violation_counts_for_exactly_the_look_back_window()
    {
        var clock = new FakeClock(Now);
        var creator = CreatorMarketplace.Creators.Creator.Register(EntityId.New<CreatorId>(clock), CreatorTests.Profile() with { TimeZone = Seoul }, CreatorTests.TikTok(), clock);
        var broke = Now - Duration.FromDays(10);
        creator.RecordViolation(new ComplianceViolation(broke, "community_guidelines", "a removed video"), clock);
        var listing = creator.ToListing();
        var rule = CreatorRules.GoodStanding(Duration.FromDays(90));

        var failure = rule.Evaluate(listing, Now).Failures.ShouldHaveSingleItem();
        rule.Evaluate(listing, broke + Duration.FromDays(90) - Duration.Epsilon).IsEligible.ShouldBeFalse();
        rule.Evaluate(listing, broke + Duration.FromDays(90)).IsEligible.ShouldBeTrue();
        rule.Evaluate(listing, broke - Duration.Epsilon).IsEligible.ShouldBeTrue(); // not yet broken then

        failure.Code.ShouldBe("eligibility.recent_violation");
        failure.Actual.ShouldBe("community_guidelines on 2026-11-15");
        failure.Distance.ShouldBe("in good standing from 2027-02-13 21:00 Asia/Seoul");
    }

    [Fact]
    public void Recent_posts_and_account_type_are_checked_on_the_primary_account()
    {
        var clock = new FakeClock(Now);
        var stats = AccountStats.Create(Now, 20_000, postsLast30Days: 2);
        var personal = new PlatformAccount(new Handle(Platform.TikTok, "@few.posts"), AccountType.Personal, stats);
        var listing = CreatorMarketplace.Creators.Creator.Register(EntityId.New<CreatorId>(clock), CreatorTests.Profile(), personal, clock).ToListing();

        CreatorRules.MinimumRecentPosts(3).Evaluate(listing, Now).Failures.ShouldHaveSingleItem().Distance.ShouldBe("needs 1 more post");
        CreatorRules.MinimumRecentPosts(2).Evaluate(listing, Now).IsEligible.ShouldBeTrue();
        CreatorRules.MinimumRecentPosts(1).Evaluate(Creator(), Now).Failures.ShouldHaveSingleItem().Code.ShouldBe("eligibility.recent_posts_unknown");
        CreatorRules.AccountTypes(AccountType.Creator, AccountType.Business).Evaluate(listing, Now).Failures.ShouldHaveSingleItem().Code.ShouldBe("eligibility.account_type");
        CreatorRules.AccountTypes(AccountType.Personal).Evaluate(listing, Now).IsEligible.ShouldBeTrue();
    }

    [Fact]
    public void All_of_reports_every_failure_not_only_the_first()
    {
        var rule = EligibilityRule<CreatorListing>.AllOf("market", CreatorRules.MinimumFollowers(50_000), CreatorRules.MinimumAge(19));

        var result = rule.Evaluate(Creator(12_000, birthDate: new LocalDate(2008, 6, 1)), Now);

        result.Failures.Select(f => f.Rule).ShouldBe(["min-followers", "min-age"]);
    }

    [Fact]
    public void Not_fails_when_its_rule_is_met()
    {
        var rule = EligibilityRule<CreatorListing>.Not("not-mega", CreatorRules.MinimumFollowers(1_000_000), "has a mega audience");

        rule.Evaluate(Creator(2_000_000), Now).Failures.ShouldHaveSingleItem().Code.ShouldBe("eligibility.excluded");
        rule.Evaluate(Creator(2_000), Now).IsEligible.ShouldBeTrue();
    }

    [Property]
    public Property All_of_is_the_conjunction_and_any_of_the_disjunction_of_its_parts(bool[] outcomes)
    {
        var parts = outcomes.Select((passes, i) => Fixed(passes, $"r{i}")).ToArray();
        var all = EligibilityRule<int>.AllOf("all", parts).Evaluate(0, Now);
        var allHolds = all.IsEligible == outcomes.All(o => o) && all.Failures.Count == outcomes.Count(o => !o);
        if (outcomes.Length == 0)
        {
            return allHolds.Label("allHolds");
        }

        var any = EligibilityRule<int>.AnyOf("any", parts).Evaluate(0, Now);
        return allHolds.Label("allHolds")
            .And((any.IsEligible == outcomes.Any(o => o)).Label("any.IsEligible == outcomes.Any(o => o)"))
            .And((any.IsEligible || any.Failures.Count == outcomes.Length).Label("(any.IsEligible || any.Failures.Count == outcomes.Length)"));
    }

    [Property]
    public Property Adding_a_rule_to_an_all_of_never_turns_ineligible_into_eligible(bool[] outcomes, bool added)
    {
        var parts = outcomes.Select((passes, i) => Fixed(passes, $"r{i}")).ToList();
        var before = EligibilityRule<int>.AllOf("all", parts).Evaluate(0, Now);
        var after = EligibilityRule<int>.AllOf("all", [.. parts, Fixed(added, "added")]).Evaluate(0, Now);

        return (before.IsEligible || !after.IsEligible).Label("before.IsEligible || !after.IsEligible");
    }

    [Property]
    public Property Not_inverts_its_rule(bool passes) =>
        (EligibilityRule<int>.Not("not", Fixed(passes, "inner"), "is excluded").Evaluate(0, Now).IsEligible == !passes).Label("EligibilityRule<int>.Not(\"not\", Fixed(passes, \"inner\"), \"is excluded\").Evaluate(0, Now).IsEligible == !passes");

    [Fact]
    public void Composites_refuse_null_rules_and_any_of_needs_an_alternative()
    {
        Should.Throw<ArgumentException>(() => EligibilityRule<int>.AllOf("all", [Fixed(true, "a"), null!]));
        Should.Throw<ArgumentException>(() => EligibilityRule<int>.AnyOf("any"));
        Should.Throw<ArgumentException>(() => Fixed(true, " "));
    }

    private static EligibilityRule<int> Fixed(bool passes, string name) => new FixedRule(name, passes);

    private sealed class FixedRule(string name, bool passes) : EligibilityRule<int>(name)
    {
        public override EligibilityResult Evaluate(int subject, Instant asOf) =>
            passes ? EligibilityResult.Eligible : EligibilityResult.Failed(new RuleFailure(Name, "test.failed", "fails", "x", "y", null));
    }
}
