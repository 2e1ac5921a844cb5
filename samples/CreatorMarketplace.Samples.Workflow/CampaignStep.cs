using CreatorMarketplace;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Eligibility;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// Step 6: one campaign end to end. A brief, invitations to a shortlist, a counter-offer, a contract, a draft with
/// one revision, approval, posting and verification. Weeks pass on NodaTime's <see cref="FakeClock"/>, started at
/// the application's now, so the walk-through takes a second; an application passes its own clock.
/// </summary>
internal static class CampaignStep
{
    private static readonly IndustryLabel Cosmetics = new("cosmetics");

    public static async Task<CampaignOutcome> Run(IClock appClock, ICreatorCatalog catalog, TextWriter output)
    {
        output.WriteLine("Step 6: a campaign end to end");
        var clock = new FakeClock(appClock.GetCurrentInstant());
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        var today = clock.GetCurrentInstant().InZone(newYork).Date;
        var brand = EntityId.New<BrandId>(clock);

        // 1. The campaign and its brief; a brief with problems is refused with every one named.
        var plan = new CampaignPlan
        {
            Name = "Spring glow",
            Objective = CampaignObjective.Awareness,
            Budget = Money.Parse("USD 20000.00"),
            TargetMarkets = [Country.US],
            Timeline = CampaignTimeline.Create(today, today.PlusDays(60), newYork),
            Categories = [Cosmetics],
            Kpis = [new CampaignKpi("views", 2_000_000m)],
        };
        var campaign = Campaign.Create(EntityId.New<CampaignId>(clock), brand, plan, clock);
        var due = today.PlusDays(21);
        var brief = new Brief
        {
            Objectives = ["show the serum in a real morning routine"],
            KeyMessages = ["visible glow in 7 days"],
            CreativeGuidelines = "natural light, 20–40 seconds, product in hand in the first 3 seconds",
            Dos = ["show the texture"],
            Donts = ["no medical claims"],
            MandatoryDisclosure = ["ad"],
            Hashtags = ["springglow"],
            Mentions = ["@glowlabs"],
            Deliverables = [new BriefDeliverable(DeliverableType.ShortVideo, Platform.TikTok, 1, due)],
        };
        output.WriteLine($"  Campaign \"{plan.Name}\": {plan.Objective}, {plan.Budget}, {plan.Timeline}");
        try
        {
            campaign.SetBrief(brief with { MandatoryDisclosure = [], Deliverables = [brief.Deliverables[0] with { Due = today.PlusDays(90) }] }, clock);
        }
        catch (DomainValidationException refused)
        {
            output.WriteLine("  A brief without disclosure and with a deliverable due after the campaign is refused:");
            foreach (var error in refused.Errors)
            {
                output.WriteLine($"    {error}");
            }
        }

        campaign.SetBrief(brief, clock).ThrowIfNotAllowed();
        output.WriteLine($"  The brief is set; a good brief would still add: {string.Join("; ", brief.Gaps())}");
        campaign.StartRecruiting(clock).ThrowIfNotAllowed();

        // 2. A shortlist from discovery: eligible US beauty creators with a micro or mid audience, most engaged first.
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(clock), brand, "Spring glow: first picks", clock);
        var found = (await catalog.SearchAsync(new CreatorQuery
        {
            Countries = [Country.US],
            Tiers = [FollowerTier.Micro, FollowerTier.Mid],
            Eligibility = new(MarketplacePolicy.TikTokCreatorMarketplace, clock.GetCurrentInstant()),
            Sort = CreatorSort.EngagementRate,
            PageSize = 3,
            IncludeFacets = false,
        })).AsT0.Items;
        foreach (var creator in found)
        {
            shortlist.Add(creator.Id, clock, ["spring"]);
        }

        // 3. Invitations: the first declines, the second negotiates, the third accepts and is then cancelled by the brand.
        var invited = found.Select(creator => (creator, collaboration: Collaboration.Invite(EntityId.New<CollaborationId>(clock), campaign, creator.Id, clock).GetValueOrThrow())).ToList();
        output.WriteLine();
        output.WriteLine($"  Invited the shortlist: {string.Join(", ", invited.Select(i => i.creator.PrimaryAccount.Handle))}");
        var rights = new UsageGrant
        {
            Channels = [UsageChannel.Organic, UsageChannel.PaidAmplification],
            Territories = Territories.Of(Country.US),
            Term = RightsTerm.For(today.AtStartOfDayInZone(newYork), Period.FromMonths(3)),
        };
        var offer = new OfferTerms(Money.Parse("USD 800.00"), brief.Deliverables, [rights]);
        var (declining, _) = invited[0];
        invited[0].collaboration.Decline(Actor.Creator, "fully booked this spring", clock).ThrowIfNotAllowed();
        output.WriteLine($"    {declining.PrimaryAccount.Handle}: {invited[0].collaboration.Status} ({invited[0].collaboration.DeclineReason})");
        var (maker, collaboration) = invited[1];
        collaboration.MakeOffer(Actor.Brand, offer, clock.GetCurrentInstant() + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        clock.AdvanceHours(20);
        collaboration.MakeOffer(Actor.Creator, offer with { Price = Money.Parse("USD 1000.00") }, clock.GetCurrentInstant() + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        collaboration.SendMessage(Actor.Creator, "Happy to do it at USD 1,000 with paid use for three months.", clock).ThrowIfNotAllowed();
        clock.AdvanceHours(3);
        collaboration.ReadMessages(Actor.Brand, clock).ThrowIfNotAllowed();
        collaboration.AcceptOffer(Actor.Brand, 2, clock).ThrowIfNotAllowed();
        output.WriteLine($"    {maker.PrimaryAccount.Handle}: offers {string.Join(", ", collaboration.Offers.Select(o => $"#{o.Number} {o.From} {o.Terms.Price} ({o.Status})"))} → {collaboration.Status}");
        var (dropped, cancelled) = invited[2];
        cancelled.MakeOffer(Actor.Brand, offer, clock.GetCurrentInstant() + Duration.FromDays(2), clock).ThrowIfNotAllowed();
        cancelled.AcceptOffer(Actor.Creator, 1, clock).ThrowIfNotAllowed();
        clock.AdvanceHours(2);
        cancelled.Cancel(Actor.Brand, "budget moved to the launch video", clock).ThrowIfNotAllowed();
        output.WriteLine($"    {dropped.PrimaryAccount.Handle}: accepted {offer.Price}, then {cancelled.Status} by the brand ({cancelled.Cancellation!.Stage})");

        // 4. The contract for the agreed price, signed by both and attached (the creator's exclusivities are checked).
        var zone = maker.Profile.TimeZone;
        var window = PostingWindow.Create(due.PlusDays(-7).At(new LocalTime(9, 0)), due.At(new LocalTime(21, 0)), zone);
        var contract = Contract.Draft(EntityId.New<ContractId>(clock), brand, maker.Id, new ContractTerms
        {
            Fee = collaboration.AgreedOffer!.Terms.Price,
            Deliverables = [new ContractDeliverable("launch-video", DeliverableType.ShortVideo, Platform.TikTok, 1, window)],
            Revisions = new RevisionPolicy(1, Duration.FromHours(72)),
            Grants = [rights],
            PaymentTerms = new PaymentTermsReference("net-30"),
            Cancellation = new CancellationTerms(7, Money.Parse("USD 200.00")),
            Disclosure = new DisclosureDuty([Country.US]),
        }, clock);
        contract.Send(clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).ThrowIfNotAllowed();
        clock.AdvanceHours(5);
        contract.Sign(ContractParty.Creator, maker.Profile.DisplayName, 1, clock).ThrowIfNotAllowed();
        contract.Activate(clock).ThrowIfNotAllowed();
        collaboration.AttachContract(contract, [], clock).ThrowIfNotAllowed();
        output.WriteLine($"    contract signed for {contract.InForce!.Terms.Fee}; posting window {window}");

        // 5. Production: a draft, one revision, approval (and the platform's ad review, as paid use is granted), the post.
        clock.AdvanceDays(4);
        collaboration.SubmitDraft("launch-video", "https://cdn.example.com/drafts/launch-video-1.mp4", clock).ThrowIfNotAllowed();
        clock.AdvanceDays(1);
        collaboration.RequestRevision("launch-video", "show the texture closer, and say the offer at the end", clock).ThrowIfNotAllowed();
        clock.AdvanceDays(2);
        collaboration.SubmitDraft("launch-video", "https://cdn.example.com/drafts/launch-video-2.mp4", clock).ThrowIfNotAllowed();
        output.WriteLine($"    a second revision request: {collaboration.RequestRevision("launch-video", "one more change", clock)}");
        clock.AdvanceDays(1);
        collaboration.ApproveContent("launch-video", clock).ThrowIfNotAllowed();
        collaboration.RecordAdReview("launch-video", passed: true, null, clock).ThrowIfNotAllowed();
        clock.Reset(window.Start + Duration.FromHours(2));
        var caption = "My morning glow routine #ad #springglow @glowlabs";
        collaboration.RecordPost("launch-video", new PostRecord("7301542987100", new Uri("https://www.tiktok.com/@creator/video/7301542987100"), clock.GetCurrentInstant()), clock).ThrowIfNotAllowed();
        clock.AdvanceHours(1);
        collaboration.Verify("launch-video", live: true, contract.InForce.Terms.Disclosure.Check(caption, brandedContentFlag: true), Actor.Brand, clock).ThrowIfNotAllowed();
        output.WriteLine($"    {maker.PrimaryAccount.Handle}: {collaboration.Status}");

        // 6. The audit trail: who did what, when, and the state before and after.
        output.WriteLine();
        output.WriteLine($"  Audit trail of {maker.PrimaryAccount.Handle}'s collaboration ({collaboration.History.Count} events, replayable):");
        DiscoveryStep.WriteTable(
            output,
            ["when", "who", "action", "after"],
            collaboration.AuditTrail.Select(entry => new object?[] { entry.At.InZone(newYork).ToString("MM-dd HH:mm", null), entry.Actor, entry.Action, entry.After }));
        output.WriteLine();
        return new CampaignOutcome(campaign, brand, newYork, clock, (maker, collaboration, contract), (dropped, cancelled));
    }
}

/// <summary>What step 6 leaves for the payments, report and storage steps: the campaign, its brand, the brand's zone, the clock, and the two collaborations that agreed a price.</summary>
internal sealed record CampaignOutcome(
    Campaign Campaign,
    BrandId Brand,
    DateTimeZone BrandZone,
    FakeClock Clock,
    (CreatorListing Creator, Collaboration Collaboration, Contract Contract) Delivered,
    (CreatorListing Creator, Collaboration Collaboration) Cancelled);
