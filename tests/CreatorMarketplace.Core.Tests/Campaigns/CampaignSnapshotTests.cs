using CreatorMarketplace.Campaigns;
using FsCheck.Fluent;
using NodaTime;
using static CreatorMarketplace.Tests.Campaigns.CampaignFixtures;

namespace CreatorMarketplace.Tests.Campaigns;

public class CampaignSnapshotTests
{
    [Property(MaxTest = 300)]
    public Property A_campaign_restored_from_its_snapshot_holds_the_same_at_the_stored_version() =>
        Prop.ForAll(
            (from campaign in AggregateGenerators.Campaigns() from version in Gen.Choose(1, int.MaxValue) select (campaign, version)).ToArbitrary(),
            sample =>
            {
                var (campaign, version) = sample;

                var restored = Campaign.FromSnapshot(campaign.ToSnapshot(), version);

                restored.ToSnapshot().ShouldBeEquivalentTo(campaign.ToSnapshot());
                restored.Version.ShouldBe(version);
                restored.PendingEvents.ShouldBeEmpty();
            });

    [Fact]
    public void A_restored_campaign_answers_the_next_commands_as_the_original_does()
    {
        var clock = Clock();
        var campaign = Recruiting(clock);
        campaign.AddCode("GLOW10", clock).ThrowIfNotAllowed();
        for (var i = 0; i < Campaign.MaxOrdersPerCode; i++)
        {
            campaign.LinkOrder("GLOW10", EntityId.New<CollaborationId>(clock), clock).IsDone.ShouldBeTrue();
        }

        var restored = Campaign.FromSnapshot(campaign.ToSnapshot(), 4);
        var order = EntityId.New<CollaborationId>(clock);
        var lateBrief = Brief() with { Deliverables = [new BriefDeliverable(DeliverableType.ShortVideo, Platform.TikTok, 1, new LocalDate(2027, 2, 20))] };
        var shorter = Plan() with { Timeline = CampaignTimeline.Create(new LocalDate(2027, 1, 4), new LocalDate(2027, 1, 31), NewYork) };

        restored.LinkOrder("GLOW10", order, clock).Refusal.ShouldNotBeNull().ShouldBe(campaign.LinkOrder("GLOW10", order, clock).Refusal);
        Should.Throw<ArgumentException>(() => restored.AddCode("GLOW10", clock)).Message.ShouldBe(Should.Throw<ArgumentException>(() => campaign.AddCode("GLOW10", clock)).Message);
        restored.SetBrief(lateBrief, clock).IsDone.ShouldBeTrue();
        campaign.SetBrief(lateBrief, clock).IsDone.ShouldBeTrue();
        Should.Throw<DomainValidationException>(() => restored.Revise(shorter, clock)).Errors.ShouldBe(Should.Throw<DomainValidationException>(() => campaign.Revise(shorter, clock)).Errors);
        restored.Run(clock).IsDone.ShouldBeTrue();
        campaign.Run(clock).IsDone.ShouldBeTrue();
        restored.Revise(Plan(), clock).Refusal.ShouldNotBeNull().ShouldBe(campaign.Revise(Plan(), clock).Refusal);

        restored.ToSnapshot().ShouldBeEquivalentTo(campaign.ToSnapshot());
        restored.PendingEvents.Select(e => e.GetType().Name).ShouldBe(["CampaignBriefSet", "CampaignStatusChanged"]);
        restored.AuditTrail[^1].ShouldBe(new AuditEntry(Actor.Brand, Now, "run", "recruiting; brief set; 1 codes, 200 orders", "running; brief set; 1 codes, 200 orders"));
    }

    [Fact]
    public void A_snapshot_that_breaks_the_rules_is_refused_with_every_problem_named()
    {
        var clock = Clock();
        var campaign = Recruiting(clock);
        var order = EntityId.New<CollaborationId>(clock);
        var snapshot = campaign.ToSnapshot() with
        {
            Plan = Plan() with { Name = " ", Kpis = [new CampaignKpi("", 1m)] },
            Brief = null,
            CancellationReason = "never started",
            Codes = [new CampaignCode("GLOW10", [order, order]), new CampaignCode("GLOW10", [])],
            AuditTrail = [],
        };

        var error = Should.Throw<DomainValidationException>(() => Campaign.FromSnapshot(snapshot, 1));

        error.ParamName.ShouldBe("snapshot");
        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe([
            ("Plan.Name", "campaign.name_missing"),
            ("Plan.Kpis[0].Metric", "campaign.kpi_metric_missing"),
            ("Brief", "campaign.brief_missing"),
            ("CancellationReason", "campaign.cancellation_reason_mismatch"),
            ("Codes[0].Orders", "campaign.order_repeated"),
            ("Codes[1].Code", "campaign.code_repeated"),
            ("AuditTrail", "snapshot.audit_trail_missing"),
        ]);
        Should.Throw<ArgumentOutOfRangeException>(() => Campaign.FromSnapshot(campaign.ToSnapshot(), 0));
    }

    [Fact]
    public void An_audit_trail_that_goes_back_in_time_or_opens_without_a_draft_is_refused()
    {
        var clock = Clock();
        var campaign = Recruiting(clock);
        campaign.Run(clock).ThrowIfNotAllowed();
        var snapshot = campaign.ToSnapshot();
        var trail = snapshot.AuditTrail.ToArray();
        trail[^1] = trail[^1] with { At = trail[0].At - Duration.FromDays(30) };
        var createdRunning = snapshot.AuditTrail[0] with { After = snapshot.AuditTrail[^1].After };

        Should.Throw<DomainValidationException>(() => Campaign.FromSnapshot(snapshot with { AuditTrail = trail }, 1))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([($"AuditTrail[{trail.Length - 1}].At", "campaign.audit_trail_out_of_order")]);
        Should.Throw<DomainValidationException>(() => Campaign.FromSnapshot(snapshot with { AuditTrail = [createdRunning] }, 1))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("AuditTrail[0]", "campaign.audit_trail_unopened")]);
        Should.Throw<DomainValidationException>(() => Campaign.FromSnapshot(snapshot with { Brand = default }, 1))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("Brand", "campaign.brand_missing")]);
    }

    [Fact]
    public void A_snapshot_whose_parts_tell_different_stories_is_refused()
    {
        var clock = Clock();
        var campaign = Recruiting(clock);
        var trail = campaign.AuditTrail;
        var snapshot = campaign.ToSnapshot() with
        {
            Status = CampaignStatus.Running,
            Brief = Brief() with { Deliverables = [new BriefDeliverable(DeliverableType.ShortVideo, Platform.TikTok, 1, new LocalDate(2027, 3, 20))] },
            AuditTrail = [trail[0], trail[2], trail[1]],
        };

        var error = Should.Throw<DomainValidationException>(() => Campaign.FromSnapshot(snapshot, 1));

        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe([
            ("Brief.Deliverables[0].Due", "brief.due_outside_timeline"),
            ("AuditTrail[1].Before", "campaign.audit_trail_broken"),
            ("AuditTrail[2].Before", "campaign.audit_trail_broken"),
            ("AuditTrail[2].After", "campaign.audit_trail_stale"),
        ]);
    }
}
