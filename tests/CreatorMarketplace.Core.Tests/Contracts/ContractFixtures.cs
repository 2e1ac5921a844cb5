using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Contracts;

internal static class ContractFixtures
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);
    public static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    public static readonly Instant GrantStart = Instant.FromUtc(2026, 12, 1, 0, 0);
    public static readonly Instant GrantEnd = Instant.FromUtc(2027, 3, 1, 0, 0);
    public static readonly BrandId Glow = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"));
    public static readonly BrandId Rival = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8058"));
    public static readonly CreatorId Maya = CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8059"));
    public static readonly IndustryLabel Cosmetics = new("cosmetics");

    public static UsageGrant Grant(params UsageChannel[] channels) => new()
    {
        Channels = channels.Length == 0 ? [UsageChannel.Organic, UsageChannel.PaidAmplification] : channels,
        Territories = Territories.Of(Country.US, Country.CA),
        Term = RightsTerm.Between(GrantStart, GrantEnd),
        Edits = [ContentEdit.Captions],
    };

    public static ContractDeliverable Video(string name = "launch-video") => new(
        name,
        DeliverableType.ShortVideo,
        Platform.TikTok,
        1,
        PostingWindow.Create(new LocalDateTime(2026, 12, 3, 9, 0), new LocalDateTime(2026, 12, 3, 18, 0), NewYork));

    public static ContractTerms Terms(params UsageGrant[] grants) => new()
    {
        Fee = Money.Of(1_500m, Currency.USD),
        Deliverables = [Video()],
        Revisions = new RevisionPolicy(2, Duration.FromHours(72)),
        Grants = grants.Length == 0 ? [Grant()] : grants,
        Exclusivity = new Exclusivity { Categories = [Cosmetics], Competitors = [Rival], Start = GrantStart, End = GrantStart + Duration.FromDays(60) },
        PaymentTerms = new PaymentTermsReference("net-30"),
        Cancellation = new CancellationTerms(14, Money.Of(250m, Currency.USD)),
        Disclosure = new DisclosureDuty([Country.US]),
    };

    public static FakeClock Clock() => new(Now);

    public static Contract Draft(FakeClock clock, ContractTerms? terms = null, CreatorId? creator = null, BrandId? brand = null) =>
        Contract.Draft(EntityId.New<ContractId>(clock), brand ?? Glow, creator ?? Maya, terms ?? Terms(), clock);

    // Drafted, sent and signed by both, one hour apart, then activated.
    public static Contract Active(FakeClock clock, ContractTerms? terms = null, CreatorId? creator = null, BrandId? brand = null)
    {
        var contract = Draft(clock, terms, creator, brand);
        contract.Send(clock).IsDone.ShouldBeTrue();
        clock.AdvanceHours(1);
        contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).IsDone.ShouldBeTrue();
        clock.AdvanceHours(1);
        contract.Sign(ContractParty.Creator, "Maya Makes", 1, clock).IsDone.ShouldBeTrue();
        contract.Activate(clock).IsDone.ShouldBeTrue();
        return contract;
    }
}
