using CreatorMarketplace.Creators;
using FsCheck.Fluent;
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
    public void Registering_a_creator_raises_its_registration_and_its_primary_account()
    {
        var id = EntityId.New<CreatorId>(_clock);

        var creator = Creator.Register(id, Profile(), TikTok(), _clock);

        creator.PendingEvents.ShouldBe([new CreatorRegistered(id, Now), new CreatorAccountUpdated(id, TikTok(), Now)]);
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
    public void A_profile_with_a_null_language_is_refused()
    {
        var profile = Profile() with { Languages = [Language.English, null!] };

        var error = Should.Throw<DomainValidationException>(() => Creator.Register(EntityId.New<CreatorId>(_clock), profile, TikTok(), _clock)).Errors.ShouldHaveSingleItem();

        (error.Field, error.Code).ShouldBe(("Languages", "creator.languages_missing"));
    }

    // The default label has no id, so it names no category a rule or a query could match.
    [Fact]
    public void A_default_label_is_refused_in_a_profile_and_in_a_past_collaboration()
    {
        var profile = Profile() with { ContentLabels = [new ContentLabel("diy"), default], IndustryLabels = [default] };

        profile.Validate().Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("ContentLabels[1]", "creator.content_label_missing"),
            ("IndustryLabels[0]", "creator.industry_label_missing"),
        ]);
        Should.Throw<DomainValidationException>(() => new PastCollaboration("Acme", default(IndustryLabel), 1)).Errors.ShouldHaveSingleItem().Code.ShouldBe("creator.industry_label_missing");
        new PastCollaboration("Acme", null, 1).Industry.ShouldBeNull();
    }

    [Fact]
    public void A_missing_bio_or_label_list_is_named_as_missing_and_not_as_too_long_or_repeated()
    {
        var errors = (Profile() with { Bio = null!, ContentLabels = null!, IndustryLabels = null! }).Validate();

        errors.Select(e => (e.Field, e.Code)).ShouldBe([("Bio", "creator.null"), ("ContentLabels", "creator.null"), ("IndustryLabels", "creator.null")]);
    }

    // The profile is immutable and a creator changes only through its commands, so it keeps its own copy of each list.
    [Fact]
    public void Changing_a_list_given_to_a_profile_afterwards_does_not_change_the_creator()
    {
        var languages = new List<Language> { Language.English };
        var labels = new ContentLabel[] { new("diy") };
        var creator = Creator.Register(EntityId.New<CreatorId>(_clock), Profile() with { Languages = languages, ContentLabels = labels }, TikTok(), _clock);
        var industries = new List<IndustryLabel> { new("tools") };
        creator.ChangeProfile(creator.Profile with { IndustryLabels = industries }, _clock);
        var listing = CreatorListing.Create(creator.Id, 1, Now, Profile() with { Languages = languages }, creator.Accounts, Audience.Unknown, null, [], false, 0, []);

        languages.Clear();
        labels[0] = new ContentLabel("home");
        industries.Clear();

        creator.Profile.Languages.ShouldBe([Language.English]);
        creator.Profile.ContentLabels.ShouldBe([new ContentLabel("diy")]);
        creator.Profile.IndustryLabels.ShouldBe([new IndustryLabel("tools")]);
        creator.PendingEvents.OfType<CreatorProfileChanged>().ShouldHaveSingleItem().After.ShouldBeSameAs(creator.Profile);
        listing.Profile.Languages.ShouldBe([Language.English]);
        Should.NotThrow(() => Creator.FromSnapshot(creator.ToSnapshot(), 1));
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
        _clock.Advance(Duration.FromDays(1));
        creator.RefreshStats(Platform.TikTok, AccountStats.Create(Now + Duration.FromDays(1), 120_000), _clock).ShouldBeTrue();

        creator.PrimaryAccount.Stats.Followers.ShouldBe(120_000);
        creator.Tier.ShouldBe(FollowerTier.Mid);
        creator.PendingEvents.ShouldHaveSingleItem().ShouldBeOfType<CreatorAccountUpdated>();
        Should.Throw<ArgumentException>(() => creator.RefreshStats(Platform.YouTube, AccountStats.Create(Now, 1), _clock)).Message.ShouldContain("no YouTube account");
    }

    // Numbers dated after now would make every real refresh after them look stale, freezing the account's numbers.
    [Fact]
    public void Numbers_read_after_now_are_refused_and_do_not_block_later_refreshes()
    {
        var creator = NewCreator();
        var future = AccountStats.Create(Now + Duration.FromDays(3650), followers: 1);

        var refresh = Should.Throw<DomainValidationException>(() => creator.RefreshStats(Platform.TikTok, future, _clock)).Errors.ShouldHaveSingleItem();
        var link = Should.Throw<DomainValidationException>(() => creator.LinkAccount(TikTok().WithStats(future), _clock)).Errors.ShouldHaveSingleItem();
        var register = Should.Throw<DomainValidationException>(() => Creator.Register(EntityId.New<CreatorId>(_clock), Profile(), TikTok().WithStats(future), _clock)).Errors.ShouldHaveSingleItem();

        (refresh.Field, refresh.Code).ShouldBe(("stats.AsOf", "creator.stats_in_future"));
        (link.Field, link.Code).ShouldBe(("account.Stats.AsOf", "creator.stats_in_future"));
        (register.Field, register.Code).ShouldBe(("primaryAccount.Stats.AsOf", "creator.stats_in_future"));
        creator.PrimaryAccount.ShouldBe(TikTok());
        creator.PendingEvents.ShouldBeEmpty();

        _clock.Advance(Duration.FromHours(1));
        creator.RefreshStats(Platform.TikTok, AccountStats.Create(Now + Duration.FromHours(1), 60_000), _clock).ShouldBeTrue();
        creator.PrimaryAccount.Stats.Followers.ShouldBe(60_000);

        // Read on another instance whose clock is two minutes ahead of this one's: accepted, as clocks are a little apart.
        creator.RefreshStats(Platform.TikTok, AccountStats.Create(Now + Duration.FromHours(1) + Duration.FromMinutes(2), 61_000), _clock).ShouldBeTrue();
        Should.Throw<DomainValidationException>(() => creator.RefreshStats(Platform.TikTok, AccountStats.Create(Now + Duration.FromHours(1) + Duration.FromMinutes(6), 62_000), _clock));
    }

    // Linking the same account again (by handle or by the platform's id) is no way around the stale-numbers rule of
    // RefreshStats; another account on the platform brings its own numbers, however old.
    [Fact]
    public void Linking_the_same_account_again_with_older_numbers_keeps_the_newer_ones()
    {
        var creator = NewCreator();
        var older = AccountStats.Create(Now - Duration.FromDays(30), 1_000_000);

        creator.LinkAccount(TikTok().WithStats(older), _clock);
        creator.PendingEvents.ShouldBeEmpty();

        var renamed = new PlatformAccount(new Handle(Platform.TikTok, "@maya.builds"), AccountType.Creator, older, "open-id-1");
        creator.LinkAccount(renamed, _clock);
        creator.PrimaryAccount.ShouldBe(renamed.WithStats(TikTok().Stats));

        var another = new PlatformAccount(new Handle(Platform.TikTok, "@maya.other"), AccountType.Personal, older, "open-id-2");
        creator.LinkAccount(another, _clock);
        creator.PrimaryAccount.ShouldBe(another);
        creator.PendingEvents.Count.ShouldBe(2);
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

    // PastCampaignCount is an int: collaborations adding up to more could be neither counted nor listed.
    [Fact]
    public void Collaborations_adding_up_past_the_largest_count_are_refused_and_leave_the_creator_as_it_was()
    {
        var creator = NewCreator();
        creator.RecordCollaboration(new PastCollaboration("Acme", null, int.MaxValue), _clock);
        creator.MarkStored(2);

        var error = Should.Throw<DomainValidationException>(() => creator.RecordCollaboration(new PastCollaboration("Globex", null, 1), _clock)).Errors.ShouldHaveSingleItem();

        (error.Field, error.Code).ShouldBe(("collaboration.Count", "creator.collaborations_too_many"));
        creator.PendingEvents.ShouldBeEmpty();
        creator.PastCollaborations.Count.ShouldBe(1);
        creator.PastCampaignCount.ShouldBe(int.MaxValue);
        creator.ToListing().PastCampaignCount.ShouldBe(int.MaxValue);
    }

    [Fact]
    public void A_snapshot_whose_collaborations_add_up_past_the_largest_count_is_refused()
    {
        var snapshot = NewCreator().ToSnapshot() with
        {
            PastCollaborations = [new PastCollaboration("Acme", null, int.MaxValue), new PastCollaboration("Globex", null, 1)],
        };

        var error = Should.Throw<DomainValidationException>(() => Creator.FromSnapshot(snapshot, 1)).Errors.ShouldHaveSingleItem();

        (error.Field, error.Code).ShouldBe(("PastCollaborations", "creator.collaborations_too_many"));
        Should.NotThrow(() => Creator.FromSnapshot(snapshot with { PastCollaborations = [snapshot.PastCollaborations[0]] }, 1));
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

    [Property]
    public Property A_creator_restored_from_its_snapshot_holds_the_same_at_the_version_stored() =>
        Prop.ForAll(
            Gen.Zip(AggregateGenerators.Creators(), Gen.Choose(1, int.MaxValue), (creator, version) => (Creator: creator, Version: (long)version)).ToArbitrary(),
            generated =>
            {
                var (creator, version) = generated;
                var snapshot = creator.ToSnapshot();

                var restored = Creator.FromSnapshot(snapshot, version);

                restored.ToSnapshot().ShouldBeEquivalentTo(snapshot);
                restored.Version.ShouldBe(version);
                restored.PendingEvents.ShouldBeEmpty();
                restored.Accounts.ShouldBe(creator.Accounts);
                restored.Badges.ShouldBe(creator.Badges, "the same badges, listed in the same order");
                restored.RateCard.ShouldBe(creator.RateCard);
                (restored.Tier, restored.PastCampaignCount).ShouldBe((creator.Tier, creator.PastCampaignCount));
            });

    [Fact]
    public void A_restored_creator_answers_the_next_commands_as_the_original_does()
    {
        var creator = NewCreator();
        var youTube = new PlatformAccount(new Handle(Platform.YouTube, "@MayaMakes"), AccountType.Creator, AccountStats.Create(Now, 9_000));
        var rateCard = RateCard.Create(Currency.USD, [KeyValuePair.Create(DeliverableType.Video, Money.Of(800, Currency.USD))], negotiable: true);
        creator.LinkAccount(youTube, _clock);
        creator.SetRateCard(rateCard, _clock);
        creator.AwardBadge(Badge.Responsive, _clock);
        creator.RecordViolation(new ComplianceViolation(Now - Duration.FromDays(90), "community_guidelines", "early"), _clock);
        creator.RecordViolation(new ComplianceViolation(Now - Duration.FromDays(10), "community_guidelines", "late"), _clock);
        creator.RecordCollaboration(new PastCollaboration("Acme", null, 3), _clock);
        creator.MarkStored(2);
        var snapshot = creator.ToSnapshot();

        var restored = Creator.FromSnapshot(snapshot, 2);

        foreach (var subject in new[] { creator, restored })
        {
            subject.RefreshStats(Platform.TikTok, AccountStats.Create(Now - Duration.FromDays(1), 1_000_000), _clock).ShouldBeFalse();
            subject.LinkAccount(youTube, _clock);
            subject.SetRateCard(RateCard.Create(Currency.USD, [KeyValuePair.Create(DeliverableType.Video, Money.Of(800, Currency.USD))], negotiable: true), _clock);
            subject.AwardBadge(Badge.Responsive, _clock);
            subject.ChangeProfile(Profile(), _clock);
            subject.RecordViolation(new ComplianceViolation(Now - Duration.FromDays(30), "undisclosed_ad", "middle"), _clock);
            subject.WithdrawBadge(Badge.Responsive, _clock);
        }

        restored.PendingEvents.ShouldBe(creator.PendingEvents);
        restored.PendingEvents.Select(e => e.GetType().Name).ShouldBe([nameof(CreatorViolationRecorded), nameof(CreatorBadgeChanged)]);
        restored.ComplianceHistory.Select(v => v.Description).ShouldBe(["early", "middle", "late"]);
        restored.ToSnapshot().ShouldBeEquivalentTo(creator.ToSnapshot());
        restored.RecordCollaboration(new PastCollaboration("Globex", null, 2), _clock);
        (creator.PastCampaignCount, snapshot.PastCollaborations.Count, restored.PastCampaignCount).ShouldBe((3, 1, 5), "restoring shares no list with the original or the snapshot");
    }

    [Fact]
    public void A_creator_snapshot_that_breaks_the_rules_is_refused_with_every_problem_named()
    {
        var creator = NewCreator();
        creator.SetRateCard(RateCard.Create(Currency.USD, [KeyValuePair.Create(DeliverableType.Video, Money.Of(800, Currency.USD))], negotiable: true), _clock);
        var valid = creator.ToSnapshot();
        var primary = valid.Accounts[0];
        var snapshot = valid with
        {
            Id = default,
            Profile = Profile() with { Languages = [], AgeBand = AgeBucket.From25To34 },
            Accounts = [primary, new PlatformAccount(primary.Handle, primary.Type, primary.Stats, "other"), null!],
            Audience = null!,
            Badges = [Badge.Responsive, Badge.Responsive],
            ComplianceHistory = [new ComplianceViolation(Now, "community_guidelines", "late"), new ComplianceViolation(Now - Duration.FromDays(1), "community_guidelines", "early")],
            PastCollaborations = [null!],
        };

        var error = Should.Throw<DomainValidationException>(() => Creator.FromSnapshot(snapshot, 1));

        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("Id", "snapshot.id_empty"),
            ("Profile.Languages", "creator.languages_missing"),
            ("Profile.AgeBand", "creator.age_twice"),
            ("Accounts[1].Handle", "creator.platform_repeated"),
            ("Accounts[2]", "snapshot.account_missing"),
            ("Audience", "snapshot.audience_missing"),
            ("Badges[1]", "creator.badge_repeated"),
            ("ComplianceHistory[1].OccurredAt", "creator.violations_out_of_order"),
            ("PastCollaborations[0]", "snapshot.collaboration_missing"),
        ]);
        Should.Throw<DomainValidationException>(() => Creator.FromSnapshot(valid with { Accounts = [] }, 1)).Errors.ShouldHaveSingleItem().Field.ShouldBe("Accounts");
        Should.Throw<ArgumentOutOfRangeException>(() => Creator.FromSnapshot(valid, 0));
    }

    [Fact]
    public void A_listing_made_from_its_parts_is_the_creators_own_listing()
    {
        var creator = NewCreator();
        creator.LinkAccount(new PlatformAccount(new Handle(Platform.YouTube, "@MayaMakes"), AccountType.Creator, AccountStats.Create(Now, 9_000)), _clock);
        creator.AwardBadge(Badge.ProfileComplete, _clock);
        creator.AwardBadge(Badge.Responsive, _clock);
        creator.RecordViolation(new ComplianceViolation(Now - Duration.FromDays(9), "community_guidelines", "removed"), _clock);
        creator.RecordCollaboration(new PastCollaboration("Acme", null, 3), _clock);
        creator.MarkStored(2);
        var listing = creator.ToListing();

        var made = CreatorListing.Create(
            listing.Id,
            listing.Version,
            listing.RegisteredAt,
            listing.Profile,
            listing.Accounts,
            listing.Audience,
            listing.RateCard,
            [Badge.ProfileComplete, Badge.Responsive],
            listing.OnVacation,
            listing.PastCampaignCount,
            listing.ComplianceHistory);

        made.ShouldBe(listing);
        made.Badges.ShouldBe([Badge.Responsive, Badge.ProfileComplete], "in the listing's fixed order, whatever the order given");
        (made.Tier, made.PastCampaignCount, made.AccountOn(Platform.YouTube)).ShouldBe((listing.Tier, 3, listing.Accounts[1]));
    }

    [Fact]
    public void A_listing_whose_parts_break_a_creators_rules_is_refused_with_every_problem_named()
    {
        var listing = NewCreator().ToListing();
        var primary = listing.PrimaryAccount;

        var error = Should.Throw<DomainValidationException>(() => CreatorListing.Create(
            default,
            -1,
            listing.RegisteredAt,
            Profile() with { Languages = [] },
            [primary, new PlatformAccount(primary.Handle, primary.Type, primary.Stats, "other")],
            null!,
            null,
            [Badge.Responsive, Badge.Responsive],
            onVacation: false,
            -2,
            [new ComplianceViolation(Now, "community_guidelines", "late"), new ComplianceViolation(Now - Duration.FromDays(1), "community_guidelines", "early")]));

        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("Id", "listing.id_empty"),
            ("Version", "listing.version_negative"),
            ("Profile.Languages", "creator.languages_missing"),
            ("Accounts[1].Handle", "creator.platform_repeated"),
            ("Audience", "listing.audience_missing"),
            ("Badges[1]", "creator.badge_repeated"),
            ("ComplianceHistory[1].OccurredAt", "creator.violations_out_of_order"),
            ("PastCampaignCount", "listing.past_campaigns_negative"),
        ]);
        Should.Throw<DomainValidationException>(() => CreatorListing.Create(listing.Id, 0, listing.RegisteredAt, listing.Profile, [], listing.Audience, null, [], false, 0, []))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("Accounts");
        Should.Throw<ArgumentNullException>(() => CreatorListing.Create(listing.Id, 0, listing.RegisteredAt, listing.Profile, null!, listing.Audience, null, [], false, 0, []));
    }
}
