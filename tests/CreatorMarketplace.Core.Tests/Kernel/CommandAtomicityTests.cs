using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Kernel;

// The rule for every aggregate: a command works out everything it will change (its event and the clock's reading
// included) before it changes anything, so a command that fails for any reason leaves the aggregate as it was. A
// clock that fails is the sharpest test of that: it is read last by a command that mutates first.
public class CommandAtomicityTests
{
    private static readonly IClock Failing = new FailingClock();
    private static readonly Creator[] Creators = [.. AggregateGenerators.Creators().Sample(40, new Rnd(17UL), 50)];
    private static readonly Campaign[] Campaigns = [.. AggregateGenerators.Campaigns().Sample(40, new Rnd(18UL), 50)];

    public static TheoryData<string> CreatorCommands => new(
        "change profile", "link account", "refresh stats", "update audience", "set rate card", "set on vacation", "award badge", "withdraw badge", "record violation", "record collaboration");

    [Theory]
    [MemberData(nameof(CreatorCommands))]
    public void A_creator_command_that_fails_changes_nothing(string command)
    {
        var tried = 0;
        for (var i = 0; i < Creators.Length; i++)
        {
            var creator = Creator.FromSnapshot(Creators[i].ToSnapshot(), 1);
            var other = Creators[(i + 1) % Creators.Length];
            Action? act = command switch
            {
                "change profile" when !other.Profile.Equals(creator.Profile) => () => creator.ChangeProfile(other.Profile, Failing),
                "link account" when other.Accounts.Count > 0 && !creator.Accounts.Contains(other.Accounts[0]) => () => creator.LinkAccount(other.Accounts[0], Failing),
                "refresh stats" when creator.Accounts.Count > 0 => () => creator.RefreshStats(
                    creator.Accounts[0].Platform,
                    AccountStats.Create(creator.Accounts[0].Stats.AsOf + Duration.FromDays(1), creator.Accounts[0].Stats.Followers + 1),
                    Failing),
                "update audience" when !other.Audience.Equals(creator.Audience) => () => creator.UpdateAudience(other.Audience, Failing),
                "set rate card" when !Equals(other.RateCard, creator.RateCard) => () => creator.SetRateCard(other.RateCard, Failing),
                "set on vacation" => () => creator.SetOnVacation(!creator.OnVacation, Failing),
                "award badge" when Badge.List.FirstOrDefault(b => !creator.Badges.Contains(b)) is { } missing => () => creator.AwardBadge(missing, Failing),
                "withdraw badge" when creator.Badges.Count > 0 => () => creator.WithdrawBadge(creator.Badges.First(), Failing),
                "record violation" when other.ComplianceHistory.Count > 0 => () => creator.RecordViolation(other.ComplianceHistory[0], Failing),
                "record collaboration" => () => creator.RecordCollaboration(new PastCollaboration("Acme", null, 1), Failing),
                _ => null,
            };
            if (act is null)
            {
                continue;
            }

            tried++;
            ShouldChangeNothing(creator, act);
        }

        tried.ShouldBeGreaterThan(0);
    }

    public static TheoryData<string> CampaignCommands => new("revise", "set brief", "start recruiting", "run", "complete", "cancel", "add code", "link order");

    [Theory]
    [MemberData(nameof(CampaignCommands))]
    public void A_campaign_command_that_fails_changes_nothing(string command)
    {
        var tried = 0;
        for (var i = 0; i < Campaigns.Length; i++)
        {
            var campaign = Campaign.FromSnapshot(Campaigns[i].ToSnapshot(), 1);
            var other = Campaigns[(i + 1) % Campaigns.Length];
            var status = campaign.Status;
            var code = campaign.Codes.FirstOrDefault();
            Action? act = command switch
            {
                "revise" when status.Permits(CampaignAction.Revise) && campaign.Brief is null && !other.Plan.Equals(campaign.Plan) => () => campaign.Revise(other.Plan, Failing),
                "set brief" when status.Permits(CampaignAction.SetBrief) && campaign.Brief is { } brief => () => campaign.SetBrief(brief, Failing),
                "start recruiting" when status == CampaignStatus.Draft && campaign.Brief is not null => () => campaign.StartRecruiting(Failing),
                "run" when status == CampaignStatus.Recruiting => () => campaign.Run(Failing),
                "complete" when status == CampaignStatus.Running => () => campaign.Complete(Failing),
                "cancel" when status.Permits(CampaignAction.Cancel) => () => campaign.Cancel("budget cut", Failing),
                "add code" when status.Permits(CampaignAction.UseCodes) => () => campaign.AddCode($"NEW{i}", Failing),
                "link order" when status.Permits(CampaignAction.UseCodes) && code is not null && code.Orders.Count < Campaign.MaxOrdersPerCode =>
                    () => campaign.LinkOrder(code.Code, CollaborationId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8099")), Failing),
                _ => null,
            };
            if (act is null)
            {
                continue;
            }

            tried++;
            ShouldChangeNothing(campaign, act);
        }

        tried.ShouldBeGreaterThan(0, $"no generated campaign could take '{command}'");
    }

    [Fact]
    public void Shortlist_and_saved_search_commands_that_fail_change_nothing()
    {
        var clock = new FakeClock(Instant.FromUtc(2027, 1, 4, 15, 0));
        var brand = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"));
        var creator = CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8059"));
        var shortlist = Shortlist.Create(ShortlistId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8060")), brand, "Spring", clock);
        shortlist.Add(creator, clock, ["food"], "first pick");

        ShouldChangeNothing(shortlist, () => shortlist.Rename("Summer", Failing));
        ShouldChangeNothing(shortlist, () => shortlist.Remove(creator, Failing));
        ShouldChangeNothing(shortlist, () => shortlist.Annotate(creator, ["travel"], "second thoughts", Failing));

        var search = SavedSearch.Save(SavedSearchId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8061")), brand, "US food", new CreatorQuery { Countries = [Country.US] }, clock);
        ShouldChangeNothing(search, () => search.Change("CA food", new CreatorQuery { Countries = [Country.CA] }, Failing));
    }

    [Fact]
    public void An_invoice_that_fails_to_issue_stays_a_draft_and_takes_no_number()
    {
        var invoice = Invoice.Draft(InvoiceId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8062")), "Acme", "Creator", Currency.USD, new LocalDate(2027, 2, 1));
        invoice.AddLine(new InvoiceLine("Video", 1, Money.Of(100m, Currency.USD))).ThrowIfNotAllowed();
        var numbering = new DocumentNumbering("INV-");

        Should.Throw<InvalidOperationException>(() => invoice.Issue(numbering, Failing));

        invoice.Status.ShouldBe(InvoiceStatus.Draft);
        invoice.Number.ShouldBeNull();
        numbering.Issued.ShouldBe(0);
    }

    [Fact]
    public void An_invoice_refuses_a_line_or_tax_that_would_take_its_total_beyond_what_money_holds()
    {
        var invoice = Invoice.Draft(InvoiceId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8062")), "Acme", "Creator", Currency.USD, new LocalDate(2027, 2, 1));
        var half = Money.FromMinorUnits((long.MaxValue / 2) + 1, Currency.USD);
        invoice.AddLine(new InvoiceLine("Campaign", 1, half)).ThrowIfNotAllowed();

        var line = Should.Throw<DomainValidationException>(() => invoice.AddLine(new InvoiceLine("Campaign again", 1, half)));
        line.Errors.ShouldContain(error => error.Field == "Total" && error.Code == "invoice.total_out_of_range");
        Should.Throw<DomainValidationException>(() => invoice.AddLine(new InvoiceLine("Many", 3, half))).Errors.ShouldContain(error => error.Code == "invoice.total_out_of_range");
        var tax = Should.Throw<DomainValidationException>(() => invoice.AddTax(new TaxLine("VAT 100%", 1m, MidpointRounding.ToEven)));
        tax.Errors.ShouldContain(error => error.Field == "Total" && error.Code == "invoice.total_out_of_range");

        invoice.Lines.Count.ShouldBe(1);
        invoice.Taxes.ShouldBeEmpty();
        invoice.Total.ShouldBe(half);
    }

    private static void ShouldChangeNothing<TAggregate, TId, TSnapshot>(TAggregate aggregate, Action act)
        where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
        where TId : struct, IEntityId<TId>
        where TSnapshot : class
    {
        var before = aggregate.ToSnapshot();
        var events = aggregate.PendingEvents.Count;

        Should.Throw<InvalidOperationException>(act).Message.ShouldBe(FailingClock.Message);

        aggregate.ToSnapshot().ShouldBeEquivalentTo(before);
        aggregate.PendingEvents.Count.ShouldBe(events);
    }

    private static void ShouldChangeNothing(Creator creator, Action act) => ShouldChangeNothing<Creator, CreatorId, CreatorSnapshot>(creator, act);

    private static void ShouldChangeNothing(Campaign campaign, Action act) => ShouldChangeNothing<Campaign, CampaignId, CampaignSnapshot>(campaign, act);

    private static void ShouldChangeNothing(Shortlist shortlist, Action act) => ShouldChangeNothing<Shortlist, ShortlistId, ShortlistSnapshot>(shortlist, act);

    private static void ShouldChangeNothing(SavedSearch search, Action act) => ShouldChangeNothing<SavedSearch, SavedSearchId, SavedSearchSnapshot>(search, act);

    private sealed class FailingClock : IClock
    {
        public const string Message = "the clock failed";

        public Instant GetCurrentInstant() => throw new InvalidOperationException(Message);
    }
}
