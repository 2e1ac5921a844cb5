using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Campaigns;

internal static class CampaignFixtures
{
    public static readonly Instant Now = Instant.FromUtc(2027, 1, 4, 15, 0);
    public static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    public static readonly BrandId Glow = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"));
    public static readonly BrandId Rival = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8058"));
    public static readonly CreatorId Maya = CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8059"));
    public static readonly IndustryLabel Cosmetics = new("cosmetics");

    public static CampaignPlan Plan() => new()
    {
        Name = "Spring glow",
        Objective = CampaignObjective.Awareness,
        Budget = Money.Of(20_000m, Currency.USD),
        TargetMarkets = [Country.US, Country.CA],
        Timeline = CampaignTimeline.Create(new LocalDate(2027, 1, 4), new LocalDate(2027, 2, 28), NewYork),
        Categories = [Cosmetics],
        Kpis = [new CampaignKpi("views", 2_000_000m)],
    };

    public static Brief Brief() => new()
    {
        Objectives = ["show the serum in a morning routine"],
        KeyMessages = ["glow in 7 days"],
        CreativeGuidelines = "natural light, 20–40 seconds",
        Dos = ["show the texture"],
        Donts = ["no medical claims"],
        MandatoryDisclosure = ["ad"],
        Hashtags = ["springglow"],
        Mentions = ["@glowlabs"],
        Deliverables = [new BriefDeliverable(DeliverableType.ShortVideo, Platform.TikTok, 1, new LocalDate(2027, 1, 20))],
        References = [new Uri("https://example.com/moodboard")],
    };

    public static FakeClock Clock() => new(Now);

    public static Campaign Recruiting(FakeClock clock)
    {
        var campaign = Campaign.Create(EntityId.New<CampaignId>(clock), Glow, Plan(), clock);
        campaign.SetBrief(Brief(), clock).ThrowIfNotAllowed();
        campaign.StartRecruiting(clock).ThrowIfNotAllowed();
        return campaign;
    }

    public static OfferTerms Offer(decimal price, bool paid = false) => new(
        Money.Of(price, Currency.USD),
        [new BriefDeliverable(DeliverableType.ShortVideo, Platform.TikTok, 1, new LocalDate(2027, 1, 20))],
        [new UsageGrant
        {
            Channels = paid ? [UsageChannel.Organic, UsageChannel.PaidAmplification] : [UsageChannel.Organic],
            Territories = Territories.Of(Country.US),
            Term = RightsTerm.Between(Now, Now + Duration.FromDays(90)),
        }]);

    // The windows open a day from the clock's start and stay open for 30 days.
    public static ContractDeliverable Deliverable(string name) => new(
        name,
        DeliverableType.ShortVideo,
        Platform.TikTok,
        1,
        PostingWindow.Create(new LocalDateTime(2027, 1, 5, 10, 0), new LocalDateTime(2027, 2, 4, 10, 0), NewYork));

    public static Contract SignedContract(IClock clock, Money fee, int rounds = 2, bool paid = false, BrandId? brand = null, Exclusivity? exclusivity = null)
    {
        var contract = Contract.Draft(EntityId.New<ContractId>(clock), brand ?? Glow, Maya, new ContractTerms
        {
            Fee = fee,
            Deliverables = [Deliverable("launch-video"), Deliverable("teaser")],
            Revisions = new RevisionPolicy(rounds, Duration.FromHours(72)),
            Grants = [Offer(1m, paid).Rights[0]],
            Exclusivity = exclusivity,
            PaymentTerms = new PaymentTermsReference("net-30"),
            Cancellation = new CancellationTerms(7, null),
            Disclosure = new DisclosureDuty([Country.US]),
        }, clock);
        contract.Send(clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Creator, "Maya Makes", 1, clock).ThrowIfNotAllowed();
        return contract;
    }

    // Invited, offered, agreed at USD 1,000 and under contract.
    public static Collaboration InProduction(FakeClock clock, int rounds = 2, bool paid = false)
    {
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock).GetValueOrThrow();
        collaboration.MakeOffer(Actor.Brand, Offer(1_000m, paid), Now + Duration.FromDays(3), clock).ThrowIfNotAllowed();
        collaboration.AcceptOffer(Actor.Creator, 1, clock).ThrowIfNotAllowed();
        collaboration.AttachContract(SignedContract(clock, Money.Of(1_000m, Currency.USD), rounds, paid), [], clock).ThrowIfNotAllowed();
        return collaboration;
    }

    // A contract at USD 1,000 on the given payment terms, signed by both parties and attached to an agreed collaboration.
    public static Contract AttachSignedContract(Collaboration collaboration, FakeClock clock, string paymentTerms, decimal fee = 1_000m)
    {
        var signed = SignedContract(clock, Money.Of(fee, Currency.USD));
        var contract = Contract.Draft(EntityId.New<ContractId>(clock), Glow, Maya, signed.InForce!.Terms with { PaymentTerms = new PaymentTermsReference(paymentTerms) }, clock);
        contract.Send(clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Creator, "Maya Makes", 1, clock).ThrowIfNotAllowed();
        collaboration.AttachContract(contract, [], clock).ThrowIfNotAllowed();
        return contract;
    }

    // Every observable part of a collaboration, as text: two equal fingerprints mean two equal collaborations.
    public static string Fingerprint(Collaboration c, bool withPending = true) => string.Join("\n", new object?[]
    {
        c.Id, c.Campaign, c.Brand, c.Creator, string.Join(",", c.Categories), c.Policy, c.Status, c.Contract, c.RevisionRounds, c.RequiresAdReview,
        c.DeclineReason, c.Cancellation, c.UnreadBy(Actor.Brand), c.UnreadBy(Actor.Creator), withPending ? c.PendingEvents.Count : null, c.History.Count,
        string.Join(";", c.Offers.Select(o => $"{o.Number} {o.From} {o.Terms.Price} {o.MadeAt} {o.ExpiresAt} {o.Status}")),
        string.Join(";", c.Deliverables.Select(d => $"{d.Name} {d.Window} {d.RevisionsRequested} {d.Post} {d.Verification?.Passed} [{string.Join(",", d.Drafts)}]")),
        string.Join(";", c.Messages.Select(m => $"{m} [{string.Join(",", m.Attachments)}]")),
        string.Join(";", c.AuditTrail),
    });
}
