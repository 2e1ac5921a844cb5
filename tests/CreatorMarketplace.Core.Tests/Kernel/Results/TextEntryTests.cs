using CreatorMarketplace.Brands;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Payments;
using NodaTime;
using static CreatorMarketplace.Tests.Campaigns.CampaignFixtures;

namespace CreatorMarketplace.Tests.Kernel;

// Text the stores cannot keep (a lone surrogate, NUL) is refused where it enters the domain, naming the member, so
// that no store replaces, truncates or chokes on it later.
public class TextEntryTests
{
    private const string HalfPair = "half \uD83D pair";
    private const string Nul = "nul\0led";

    [Fact]
    public void Creators_refuse_names_bios_labels_and_ids_the_stores_cannot_keep()
    {
        var clock = Clock();
        var profile = Tests.Creators.CreatorTests.Profile();
        var account = Tests.Creators.CreatorTests.TikTok();

        Refused(() => Creator.Register(EntityId.New<CreatorId>(clock), profile with { DisplayName = HalfPair }, account, clock), "DisplayName", "text.unpaired_surrogate");
        Refused(() => Creator.Register(EntityId.New<CreatorId>(clock), profile with { Bio = Nul }, account, clock), "Bio", "text.nul");
        Refused(() => Creator.Register(EntityId.New<CreatorId>(clock), profile with { DisplayName = "two\nlines" }, account, clock), "DisplayName", "text.control_character");
        Creator.Register(EntityId.New<CreatorId>(clock), profile with { Bio = "two\nlines\tand \U0001F600" }, account, clock).Profile.Bio.ShouldBe("two\nlines\tand \U0001F600");
        Refused(() => new ContentLabel(HalfPair), "id");
        Refused(() => new PlatformAccount(account.Handle, account.Type, account.Stats, Nul), "externalId");
        Refused(() => new ComplianceViolation(Now, "spam", Nul), "Description");
        Refused(() => new PastCollaboration(HalfPair, null, 1), "BrandName");
        Refused(() => new CreatorIdentity(Maya, Nul, "maya@example.com"), "legalName");
        new BrandProfile { Id = Glow, Name = HalfPair, Country = Country.US, TimeZone = NewYork }.Validate()
            .ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("Name"), e => e.Code.ShouldBe("text.unpaired_surrogate"));
    }

    [Fact]
    public void Campaigns_and_collaborations_refuse_plans_briefs_and_messages_the_stores_cannot_keep()
    {
        var clock = Clock();
        Refused(() => Campaign.Create(EntityId.New<CampaignId>(clock), Glow, Plan() with { Name = Nul }, clock), "Name", "text.nul");
        Refused(() => Campaign.Create(EntityId.New<CampaignId>(clock), Glow, Plan() with { Kpis = [new("views\uDE00", 1m)] }, clock), "Kpis[0].Metric");
        var campaign = Recruiting(clock);
        Refused(() => campaign.SetBrief(Brief() with { Dos = ["show it", Nul] }, clock), "Dos[1]", "text.nul");
        Refused(() => campaign.SetBrief(Brief() with { CreativeGuidelines = HalfPair }, clock), "CreativeGuidelines");
        Refused(() => campaign.AddCode("GLOW\0", clock), "code");
        Refused(() => campaign.Cancel(HalfPair, clock), "reason");

        var collaboration = InProduction(clock);
        var messages = collaboration.Messages.Count;
        Refused(() => collaboration.SendMessage(Actor.Brand, HalfPair, clock), "body", "text.unpaired_surrogate");
        Refused(() => collaboration.SendMessage(Actor.Brand, "see attached", clock, ["s3://a.pdf", Nul]), "attachments[1]", "text.nul");
        Refused(() => collaboration.SubmitDraft("teaser", Nul, clock), "content");
        Refused(() => collaboration.Cancel(Actor.Brand, Nul, clock), "reason");
        collaboration.Messages.Count.ShouldBe(messages);
        collaboration.SendMessage(Actor.Brand, "מעולה! \U0001F44D e\u0301\r\nnext line", clock).IsDone.ShouldBeTrue();
        collaboration.Messages[^1].Body.ShouldBe("מעולה! \U0001F44D e\u0301\r\nnext line");
    }

    [Fact]
    public void Contracts_refuse_terms_signers_and_reasons_the_stores_cannot_keep()
    {
        var clock = Clock();
        var terms = SignedContract(clock, Money.Of(1_000m, Currency.USD)).Versions[^1].Terms;
        Refused(() => Contract.Draft(EntityId.New<ContractId>(clock), Glow, Maya, terms with { Deliverables = [Deliverable(HalfPair)] }, clock), "Deliverables[0].Name");
        Refused(() => Contract.Draft(EntityId.New<ContractId>(clock), Glow, Maya, terms with { PaymentTerms = new("net\0") }, clock), "PaymentTerms.Name", "text.nul");
        var contract = Contract.Draft(EntityId.New<ContractId>(clock), Glow, Maya, terms, clock);
        contract.Send(clock).IsDone.ShouldBeTrue();
        Refused(() => contract.Sign(ContractParty.Creator, Nul, 1, clock), "signer");
        Refused(() => contract.Terminate(ContractParty.Brand, HalfPair, clock), "reason");
        contract.Signatures.ShouldBeEmpty();
    }

    [Fact]
    public void Two_keys_that_differ_only_in_a_lone_surrogate_are_both_refused_so_no_store_collapses_them()
    {
        var clock = Clock();
        var ledger = new EscrowLedger();
        var collaboration = EntityId.New<CollaborationId>(clock);

        // A store that replaced each lone surrogate with U+FFFD would keep both keys as "charge-\uFFFD".
        Refused(() => ledger.Charge("charge-\uD83D", collaboration, Glow, Money.Of(10m, Currency.USD), clock), "key", "text.unpaired_surrogate");
        Refused(() => ledger.Charge("charge-\uDE00", collaboration, Glow, Money.Of(10m, Currency.USD), clock), "key", "text.unpaired_surrogate");
        Refused(() => ledger.PayOut("payout\0", Maya, Money.Of(10m, Currency.USD), clock), "key", "text.nul");
        ledger.Transactions.ShouldBeEmpty();
        ledger.Charge("charge-\U0001F600", collaboration, Glow, Money.Of(10m, Currency.USD), clock).IsPosted.ShouldBeTrue();
        Refused(() => ledger.Correct("fix-1", "charge-\U0001F600", Nul, clock), "reason");
        ledger.Transactions.Count.ShouldBe(1);
    }

    [Fact]
    public void Discovery_payments_and_metrics_refuse_names_keywords_and_ids_the_stores_cannot_keep()
    {
        var clock = Clock();
        Refused(() => SavedSearch.Save(EntityId.New<SavedSearchId>(clock), Glow, Nul, new CreatorQuery(), clock), "name");
        Refused(() => SavedSearch.Save(EntityId.New<SavedSearchId>(clock), Glow, "beauty", new CreatorQuery { Keyword = HalfPair }, clock), "query.Keyword");
        new CreatorQuery { Keyword = "\0" }.Validate().ShouldHaveSingleItem().Field.ShouldBe("Keyword");
        Refused(() => Shortlist.Create(EntityId.New<ShortlistId>(clock), Glow, HalfPair, clock), "name");
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(clock), Glow, "Spring", clock);
        shortlist.Add(Maya, clock);
        Refused(() => shortlist.Annotate(Maya, ["fine", Nul], null, clock), "tags[1]");
        Refused(() => shortlist.Annotate(Maya, [], HalfPair, clock), "note");
        Refused(() => Invoice.Draft(EntityId.New<InvoiceId>(clock), Nul, "Maya", Currency.USD, new LocalDate(2027, 2, 1)), "issuer");
        var invoice = Invoice.Draft(EntityId.New<InvoiceId>(clock), "Glow Labs", "Maya", Currency.USD, new LocalDate(2027, 2, 1));
        Refused(() => invoice.AddLine(new InvoiceLine(HalfPair, 1, Money.Of(1m, Currency.USD))), "Description");
        Refused(() => new PostMetricsHistory(Nul), "postId");
        Refused(() => new ConversionBook(Duration.FromDays(30), Currency.USD).AssignCode(HalfPair, EntityId.New<CollaborationId>(clock)), "code");
    }

    // The error names the member at fault and the text rule it breaks.
    private static void Refused(Action act, string field, string? code = null)
    {
        var refused = Should.Throw<DomainValidationException>(act);
        var error = refused.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(field);
        error.Code.ShouldBe(code ?? error.Code);
        error.Code.ShouldStartWith("text.");
        error.Message.ShouldContain("position");
    }
}
