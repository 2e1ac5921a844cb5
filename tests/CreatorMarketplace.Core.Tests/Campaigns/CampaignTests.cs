using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Compliance;
using NodaTime;
using static CreatorMarketplace.Tests.Campaigns.CampaignFixtures;

namespace CreatorMarketplace.Tests.Campaigns;

public class CampaignTests
{
    [Fact]
    public void A_campaign_goes_from_draft_to_recruiting_to_running_to_completed()
    {
        var clock = Clock();
        var campaign = Campaign.Create(EntityId.New<CampaignId>(clock), Glow, Plan(), clock);

        campaign.StartRecruiting(clock).Refusal!.Reason.ShouldBe("the campaign has no brief for creators to read.");
        campaign.SetBrief(Brief(), clock).IsDone.ShouldBeTrue();
        campaign.StartRecruiting(clock).IsDone.ShouldBeTrue();
        campaign.Run(clock).IsDone.ShouldBeTrue();
        campaign.Revise(Plan() with { Name = "Spring glow 2027" }, clock).Refusal!.ShouldBe(new NotAllowed("revise", "running", "a campaign that is running allows only use codes, complete, cancel."));
        campaign.Complete(clock).IsDone.ShouldBeTrue();

        campaign.Status.ShouldBe(CampaignStatus.Completed);
        campaign.PermittedActions.ShouldBeEmpty();
        campaign.PendingEvents.Select(e => e.GetType().Name).ShouldBe(["CampaignCreated", "CampaignBriefSet", "CampaignStatusChanged", "CampaignStatusChanged", "CampaignStatusChanged"]);
        campaign.AuditTrail.Select(a => a.ToString()).ShouldBe([
            $"{Now} brand create: - → draft; brief missing; 0 codes, 0 orders",
            $"{Now} brand set brief: draft; brief missing; 0 codes, 0 orders → draft; brief set; 0 codes, 0 orders",
            $"{Now} brand start recruiting: draft; brief set; 0 codes, 0 orders → recruiting; brief set; 0 codes, 0 orders",
            $"{Now} brand run: recruiting; brief set; 0 codes, 0 orders → running; brief set; 0 codes, 0 orders",
            $"{Now} brand complete: running; brief set; 0 codes, 0 orders → completed; brief set; 0 codes, 0 orders",
        ]);
    }

    [Fact]
    public void An_invalid_plan_names_every_problem()
    {
        var clock = Clock();
        var plan = Plan() with { Name = " ", Budget = Money.Zero(Currency.USD), TargetMarkets = [Country.US, Country.US], Kpis = [new CampaignKpi("", 1m)] };

        Should.Throw<DomainValidationException>(() => Campaign.Create(EntityId.New<CampaignId>(clock), Glow, plan, clock))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([
                ("Name", "campaign.name_missing"),
                ("Budget", "campaign.budget_not_positive"),
                ("TargetMarkets", "campaign.duplicate"),
                ("Kpis[0].Metric", "campaign.kpi_metric_missing"),
            ]);
    }

    [Fact]
    public void A_campaign_belongs_to_a_brand_named_by_id()
    {
        var clock = Clock();

        Should.Throw<DomainValidationException>(() => Campaign.Create(EntityId.New<CampaignId>(clock), default, Plan(), clock))
            .Errors.ShouldBe([new DomainError("brand", "campaign.brand_missing", "a campaign belongs to a brand, named by its id.")]);
    }

    [Fact]
    public void A_plans_categories_are_industry_labels_with_an_id()
    {
        var plan = Plan() with { Categories = [Cosmetics, default] };

        plan.Validate().Select(e => (e.Field, e.Code)).ShouldBe([("Categories[1]", "campaign.category_missing")]);
    }

    [Fact]
    public void A_campaign_keeps_its_plan_and_brief_whatever_the_caller_does_to_the_arrays_it_passed()
    {
        var clock = Clock();
        var markets = new[] { Country.US, Country.CA };
        var campaign = Campaign.Create(EntityId.New<CampaignId>(clock), Glow, Plan() with { TargetMarkets = markets }, clock);
        var disclosure = new[] { "ad" };
        campaign.SetBrief(Brief() with { MandatoryDisclosure = disclosure }, clock).ThrowIfNotAllowed();
        var revisedMarkets = new[] { Country.US };
        campaign.Revise(Plan() with { TargetMarkets = revisedMarkets }, clock).ThrowIfNotAllowed();

        markets[1] = Country.US;
        disclosure[0] = "not a hashtag";
        revisedMarkets[0] = Country.CA;

        campaign.Plan.TargetMarkets.ShouldBe([Country.US]);
        campaign.Brief!.MandatoryDisclosure.ShouldBe(["ad"]);
        campaign.Brief.Validate(campaign.Plan.Timeline).ShouldBeEmpty();
    }

    [Fact]
    public void A_brief_is_refused_with_every_problem_and_the_campaign_keeps_its_old_brief()
    {
        var clock = Clock();
        var campaign = Campaign.Create(EntityId.New<CampaignId>(clock), Glow, Plan(), clock);
        campaign.SetBrief(Brief(), clock).ThrowIfNotAllowed();
        var original = campaign.Brief;
        var events = campaign.PendingEvents.Count;
        var bad = Brief() with
        {
            MandatoryDisclosure = [],
            Mentions = ["glowlabs"],
            Deliverables =
            [
                new BriefDeliverable(DeliverableType.ShortVideo, Platform.TikTok, 8, new LocalDate(2027, 3, 1)),
                new BriefDeliverable(DeliverableType.Story, Platform.Instagram, 3, new LocalDate(2027, 2, 28)),
            ],
        };

        var errors = Should.Throw<DomainValidationException>(() => campaign.SetBrief(bad, clock)).Errors;

        errors.Select(e => (e.Field, e.Code)).ShouldBe([
            ("MandatoryDisclosure", "brief.disclosure_missing"),
            ("Mentions[0]", "brief.mention_format"),
            ("Deliverables", "brief.too_many_deliverables"),
            ("Deliverables[0].Due", "brief.due_outside_timeline"),
        ]);
        errors[3].Message.ShouldBe("due 2027-03-01, outside the campaign's timeline 2027-01-04 to 2027-02-28 (America/New_York).");
        campaign.Brief.ShouldBeSameAs(original);
        campaign.PendingEvents.Count.ShouldBe(events);
    }

    [Fact]
    public void A_brief_takes_disclosure_hashtags_as_the_disclosure_rules_and_its_own_message_write_them()
    {
        var timeline = Plan().Timeline;
        var spellings = DisclosureRules.Default.Jurisdictions.Select(DisclosureRules.Default.For).Append(DisclosureRules.Default.Fallback)
            .SelectMany(rule => rule.Hashtags).Distinct().ToArray();

        (Brief() with { MandatoryDisclosure = ["#ad"] }).Validate(timeline).ShouldBeEmpty();
        (Brief() with { MandatoryDisclosure = spellings }).Validate(timeline).ShouldBeEmpty();
        (Brief() with { MandatoryDisclosure = [.. spellings.Select(tag => "#" + tag)], Hashtags = ["#springglow"] }).Validate(timeline).ShouldBeEmpty();
        new Brief { Deliverables = Brief().Deliverables }.Validate(timeline).ShouldHaveSingleItem().Message.ShouldContain("#ad");
    }

    [Fact]
    public void Every_problem_of_a_brief_names_the_member_at_fault_with_its_index()
    {
        var bad = Brief() with
        {
            Objectives = ["show the serum", null!],
            Dos = ["show the texture", "say \0 the offer"],
            MandatoryDisclosure = ["ad", "#"],
            Hashtags = ["springglow", "glow", "spring glow"],
            Mentions = ["@glowlabs", "glowlabs"],
        };

        var errors = bad.Validate(Plan().Timeline);

        errors.Select(e => (e.Field, e.Code)).ShouldBe([
            ("Objectives[1]", "brief.null"),
            ("Dos[1]", "text.nul"),
        ]);
        (bad with { Objectives = [], Dos = [] }).Validate(Plan().Timeline).Select(e => (e.Field, e.Code)).ShouldBe([
            ("MandatoryDisclosure[1]", "brief.hashtag_format"),
            ("Hashtags[2]", "brief.hashtag_format"),
            ("Mentions[1]", "brief.mention_format"),
        ]);
    }

    [Fact]
    public void Revising_the_timeline_keeps_the_brief_valid_or_is_refused()
    {
        var clock = Clock();
        var campaign = Campaign.Create(EntityId.New<CampaignId>(clock), Glow, Plan(), clock);
        campaign.SetBrief(Brief(), clock).ThrowIfNotAllowed();
        var shorter = Plan() with { Timeline = CampaignTimeline.Create(new LocalDate(2027, 1, 4), new LocalDate(2027, 1, 15), NewYork) };

        Should.Throw<DomainValidationException>(() => campaign.Revise(shorter, clock)).Errors.ShouldHaveSingleItem().Field.ShouldBe("Deliverables[0].Due");
        campaign.Plan.ShouldBe(Plan());
    }

    [Fact]
    public void A_good_brief_has_no_gaps_and_a_bare_one_lists_what_it_lacks()
    {
        Brief().Gaps().ShouldBeEmpty();

        var bare = new Brief { MandatoryDisclosure = ["ad"], Deliverables = Brief().Deliverables };

        bare.Validate(Plan().Timeline).ShouldBeEmpty();
        bare.Gaps().Select(g => g.Field).ShouldBe(["Objectives", "KeyMessages", "CreativeGuidelines", "Dos", "Donts", "Hashtags", "References"]);
    }

    [Fact]
    public void A_repeated_or_unknown_code_is_refused_naming_the_field_and_the_rule()
    {
        var clock = Clock();
        var campaign = Recruiting(clock);
        campaign.AddCode("GLOW-1", clock).ThrowIfNotAllowed();

        var repeated = Should.Throw<DomainValidationException>(() => campaign.AddCode("GLOW-1", clock));
        repeated.Errors.ShouldBe([new DomainError("code", "campaign.code_repeated", "the campaign already has the code 'GLOW-1'.")]);
        var unknown = Should.Throw<DomainValidationException>(() => campaign.LinkOrder("GLOW-2", EntityId.New<CollaborationId>(clock), clock));
        unknown.Errors.ShouldBe([new DomainError("code", "campaign.unknown_code", "the campaign has no code 'GLOW-2'.")]);
        unknown.ParamName.ShouldBe("code");
    }

    [Fact]
    public void A_campaign_code_serves_at_most_200_orders()
    {
        var clock = Clock();
        var campaign = Recruiting(clock);
        campaign.AddCode("GLOW-1", clock).ThrowIfNotAllowed();
        for (var i = 0; i < Campaign.MaxOrdersPerCode; i++)
        {
            campaign.LinkOrder("GLOW-1", EntityId.New<CollaborationId>(clock), clock).IsDone.ShouldBeTrue();
        }

        var refusal = campaign.LinkOrder("GLOW-1", EntityId.New<CollaborationId>(clock), clock).Refusal;

        refusal!.Reason.ShouldBe("the code 'GLOW-1' already serves 200 orders, the most one code may; add another code.");
        campaign.Codes.ShouldHaveSingleItem().Orders.Count.ShouldBe(200);
        campaign.LinkOrder("GLOW-1", campaign.Codes[0].Orders[0], clock).IsDone.ShouldBeTrue();
        Should.Throw<ArgumentException>(() => campaign.LinkOrder("NOPE", EntityId.New<CollaborationId>(clock), clock));
    }

    [Fact]
    public void A_timeline_begins_and_ends_at_midnight_in_the_brands_zone()
    {
        var timeline = Plan().Timeline;

        timeline.Start.ShouldBe(Instant.FromUtc(2027, 1, 4, 5, 0));
        timeline.End.ShouldBe(Instant.FromUtc(2027, 3, 1, 5, 0));
        Should.Throw<ArgumentException>(() => CampaignTimeline.Create(new LocalDate(2027, 2, 1), new LocalDate(2027, 1, 31), NewYork));
    }

    [Fact]
    public void A_timeline_starts_and_ends_at_instants_that_exist_in_every_zone()
    {
        var tokyo = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];

        Should.Throw<DomainValidationException>(() => CampaignTimeline.Create(new LocalDate(2027, 1, 4), LocalDate.MaxIsoValue, NewYork))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("last", "campaign.last_day_out_of_range")]);
        Should.Throw<DomainValidationException>(() => CampaignTimeline.Create(LocalDate.MinIsoValue, new LocalDate(2027, 1, 4), tokyo))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("first", "campaign.first_day_out_of_range")]);

        var widest = CampaignTimeline.Create(LocalDate.MinIsoValue.PlusDays(1), LocalDate.MaxIsoValue.PlusDays(-1), tokyo);
        widest.Start.ShouldBe(LocalDate.MinIsoValue.PlusDays(1).AtStartOfDayInZone(tokyo).ToInstant());
        widest.End.ShouldBe(LocalDate.MaxIsoValue.AtStartOfDayInZone(tokyo).ToInstant());
    }
}
