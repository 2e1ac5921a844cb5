using CreatorMarketplace.Creators;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Creators;

public class CreatorTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);
    private readonly FakeClock _clock = new(Now);

    internal static CreatorProfile Profile(string name = "Maya Makes") => new()
    {
        DisplayName = name,
        Bio = "DIY and home projects",
        HomeCountry = Country.US,
        HomeSubdivision = Subdivision.Parse("US-CA"),
        TimeZone = DateTimeZoneProviders.Tzdb["America/Los_Angeles"],
        Languages = [Language.English, Language.Spanish],
        ContentLabels = [new ContentLabel("diy"), new ContentLabel("home")],
        IndustryLabels = [new IndustryLabel("home-improvement")],
        BirthDate = new LocalDate(1998, 3, 2),
    };

    internal static PlatformAccount TikTok(long followers = 48_000, Instant? asOf = null) =>
        new(new Handle(Platform.TikTok, "@maya.makes"), AccountType.Creator, AccountStats.Create(asOf ?? Now, followers, averageViews: 21_000, medianViews: 15_500, engagementRate: 0.061), "open-id-1");

    private Creator NewCreator()
    {
        var creator = Creator.Register(EntityId.New<CreatorId>(_clock), Profile(), TikTok(), _clock);
        creator.MarkStored(1);
        return creator;
    }

    [Fact]
    public void Registering_a_creator_raises_one_event()
    {
        var id = EntityId.New<CreatorId>(_clock);

        var creator = Creator.Register(id, Profile(), TikTok(), _clock);

        creator.PendingEvents.ShouldBe([new CreatorRegistered(id, Now)]);
        creator.PrimaryAccount.Handle.Value.ShouldBe("maya.makes");
        creator.Tier.ShouldBe(FollowerTier.Micro);
        creator.Audience.ShouldBe(Audience.Unknown);
        creator.RegisteredAt.ShouldBe(Now);
    }

    [Fact]
    public void An_invalid_profile_is_rejected_with_every_problem_named()
    {
        var profile = Profile() with
        {
            DisplayName = " ",
            HomeSubdivision = Subdivision.Parse("CA-ON"),
            Languages = [],
            ContentLabels = [new ContentLabel("diy"), new ContentLabel("diy")],
            AgeBand = AgeBucket.From25To34,
        };

        var error = Should.Throw<DomainValidationException>(() => Creator.Register(EntityId.New<CreatorId>(_clock), profile, TikTok(), _clock));

        error.Errors.Select(e => e.Field).ShouldBe(["DisplayName", "HomeSubdivision", "Languages", "ContentLabels", "AgeBand"]);
        error.Message.ShouldContain("the subdivision CA-ON is not in the home country US");
    }

    [Fact]
    public void A_rejected_profile_change_leaves_the_creator_as_it_was()
    {
        var creator = NewCreator();

        Should.Throw<DomainValidationException>(() => creator.ChangeProfile(Profile() with { Languages = [] }, _clock));

        creator.Profile.ShouldBe(Profile());
        creator.PendingEvents.ShouldBeEmpty();
    }

    [Fact]
    public void Changing_the_profile_records_before_and_after_only_when_something_changed()
    {
        var creator = NewCreator();

        creator.ChangeProfile(Profile(), _clock);
        creator.PendingEvents.ShouldBeEmpty();

        creator.ChangeProfile(Profile("Maya Builds"), _clock);
        var changed = creator.PendingEvents.ShouldHaveSingleItem().ShouldBeOfType<CreatorProfileChanged>();
        changed.Before.DisplayName.ShouldBe("Maya Makes");
        changed.After.DisplayName.ShouldBe("Maya Builds");
    }

    [Fact]
    public void Stale_numbers_never_roll_the_account_back()
    {
        var creator = NewCreator();

        creator.RefreshStats(Platform.TikTok, AccountStats.Create(Now - Duration.FromDays(1), 1_000_000), _clock).ShouldBeFalse();
        creator.RefreshStats(Platform.TikTok, AccountStats.Create(Now + Duration.FromDays(1), 120_000), _clock).ShouldBeTrue();

        creator.PrimaryAccount.Stats.Followers.ShouldBe(120_000);
        creator.Tier.ShouldBe(FollowerTier.Mid);
        creator.PendingEvents.ShouldHaveSingleItem().ShouldBeOfType<CreatorAccountUpdated>();
        Should.Throw<ArgumentException>(() => creator.RefreshStats(Platform.YouTube, AccountStats.Create(Now, 1), _clock)).Message.ShouldContain("no YouTube account");
    }

    [Fact]
    public void Accounts_are_one_per_platform()
    {
        var creator = NewCreator();
        var youTube = new PlatformAccount(new Handle(Platform.YouTube, "@MayaMakes"), AccountType.Creator, AccountStats.Create(Now, 9_000));

        creator.LinkAccount(youTube, _clock);
        creator.LinkAccount(youTube, _clock);
        creator.LinkAccount(TikTok(50_000), _clock);

        creator.Accounts.Select(a => a.Platform).ShouldBe([Platform.TikTok, Platform.YouTube]);
        creator.AccountOn(Platform.TikTok)!.Stats.Followers.ShouldBe(50_000);
        creator.PendingEvents.Count.ShouldBe(2);
    }

    [Fact]
    public void Badges_vacation_and_rate_card_change_only_on_a_real_change()
    {
        var creator = NewCreator();
        var rateCard = RateCard.Create(Currency.USD, [KeyValuePair.Create(DeliverableType.Video, Money.Of(800, Currency.USD))], negotiable: true);

        creator.AwardBadge(Badge.Responsive, _clock);
        creator.AwardBadge(Badge.Responsive, _clock);
        creator.SetOnVacation(false, _clock);
        creator.SetOnVacation(true, _clock);
        creator.SetRateCard(rateCard, _clock);
        creator.SetRateCard(RateCard.Create(Currency.USD, [KeyValuePair.Create(DeliverableType.Video, Money.Of(800, Currency.USD))], negotiable: true), _clock);
        creator.WithdrawBadge(Badge.Experienced, _clock);

        creator.PendingEvents.Select(e => e.GetType().Name).ShouldBe([nameof(CreatorBadgeChanged), nameof(CreatorAvailabilityChanged), nameof(CreatorRateCardChanged)]);
        creator.Badges.ShouldBe([Badge.Responsive]);
        creator.OnVacation.ShouldBeTrue();
        creator.RateCard!.LowestPrice.ShouldBe(Money.Of(800, Currency.USD));
    }

    [Fact]
    public void Violations_are_kept_in_order_of_occurrence_and_collaborations_count_campaigns()
    {
        var creator = NewCreator();

        creator.RecordViolation(new ComplianceViolation(Now - Duration.FromDays(10), "community_guidelines", "late"), _clock);
        creator.RecordViolation(new ComplianceViolation(Now - Duration.FromDays(90), "intellectual_property", "early"), _clock);
        creator.RecordCollaboration(new PastCollaboration("Acme", new IndustryLabel("tools"), 3), _clock);
        creator.RecordCollaboration(new PastCollaboration("Globex", null, 2), _clock);

        creator.ComplianceHistory.Select(v => v.Description).ShouldBe(["early", "late"]);
        creator.PastCampaignCount.ShouldBe(5);
        Should.Throw<ArgumentOutOfRangeException>(() => new PastCollaboration("Acme", null, 0));
        Should.Throw<ArgumentException>(() => new ComplianceViolation(Now, " ", "x"));
    }

    [Fact]
    public void The_audience_knows_its_share_of_minors_only_when_ages_are_reported()
    {
        Audience.Unknown.MinorShare.ShouldBeNull();
        var audience = Audience.Unknown with
        {
            Age = Distribution.Create(new Dictionary<AgeBucket, double>
            {
                [AgeBucket.From13To17] = 0.12,
                [AgeBucket.From18To24] = 0.5,
                [AgeBucket.From25To34] = 0.38,
            }),
        };

        audience.MinorShare!.Value.Fraction.ShouldBe(0.12, 1e-12);
        audience.ShouldBe(Audience.Unknown with { Age = Distribution.Create(new Dictionary<AgeBucket, double> { [AgeBucket.From25To34] = 0.38, [AgeBucket.From18To24] = 0.5, [AgeBucket.From13To17] = 0.12 }) });
    }
}
