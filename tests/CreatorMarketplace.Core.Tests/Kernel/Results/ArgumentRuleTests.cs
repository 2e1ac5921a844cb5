using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Payments;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Kernel;

/// <summary>
/// A value a caller gives a constructor, factory or command is refused as a <see cref="DomainValidationException"/>
/// naming the field and the rule, so that an application can answer it as bad input (400) and not as a fault.
/// </summary>
public class ArgumentRuleTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2027, 3, 1, 12, 0));
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    // Each case: the call, the argument at fault, the field and the code. A table in code: the calls are not data.
    private static readonly Dictionary<string, (Action Call, string ParamName, string Field, string Code)> Cases = new()
    {
        ["shortlist name too long"] = (
            () => Shortlist.Create(EntityId.New<ShortlistId>(Clock), EntityId.New<BrandId>(Clock), new string('n', Shortlist.MaxNameLength + 1), Clock),
            "name", "name", "shortlist.name_invalid"),
        ["shortlist note too long"] = (
            () => Shortlist.Create(EntityId.New<ShortlistId>(Clock), EntityId.New<BrandId>(Clock), "Spring", Clock)
                .Add(EntityId.New<CreatorId>(Clock), Clock, note: new string('n', ShortlistEntry.MaxNoteLength + 1)),
            "note", "note", "shortlist.note_too_long"),
        ["creator not on the shortlist"] = (
            () => Shortlist.Create(EntityId.New<ShortlistId>(Clock), EntityId.New<BrandId>(Clock), "Spring", Clock).Annotate(EntityId.New<CreatorId>(Clock), [], null, Clock),
            "creator", "creator", "shortlist.creator_not_listed"),
        ["posting window closing before it opens"] = (
            () => PostingWindow.Create(new LocalDateTime(2026, 12, 3, 9, 0), new LocalDateTime(2026, 12, 2, 9, 0), NewYork),
            "closes", "closes", "posting_window.closes_before_opens"),
        ["rights term ending before it starts"] = (
            () => RightsTerm.Between(Clock.GetCurrentInstant(), Clock.GetCurrentInstant()),
            "end", "end", "rights.term_ends_before_start"),
        ["campaign's last day before its first"] = (
            () => CampaignTimeline.Create(new LocalDate(2027, 4, 30), new LocalDate(2027, 4, 1), NewYork),
            "last", "last", "campaign.last_day_before_first"),
        ["tracking link with UTM parameters already"] = (
            () => TrackingLink.Build(new Uri("https://shop.example/serum?utm_source=other"), new UtmParameters("tiktok", "influencer", "spring")),
            "landingPage", "landingPage", "attribution.landing_page_has_utm"),
        ["negative conversion value"] = (
            () => new ConversionBook(Duration.FromDays(30), Currency.USD).Record("order-1", Clock.GetCurrentInstant(), Money.Of(-1m, Currency.USD)),
            "value", "value", "attribution.value_invalid"),
        ["unknown engagement-rate definition"] = (
            () => EngagementRate.Named("average-of-averages"),
            "name", "name", "metrics.unknown_engagement_rate"),
        ["unknown country code"] = (() => Country.FromCode("UK"), "code", "code", "country.unknown_code"),
        ["unknown currency code"] = (() => Currency.FromCode("ABC"), "code", "code", "currency.unknown_code"),
        ["malformed handle"] = (() => new Handle(Platform.TikTok, "no spaces"), "value", "value", "handle.invalid"),
        ["label id too long"] = (() => new IndustryLabel(new string('x', 65)), "id", "id", "label.too_long"),
        ["disclosure hashtag with its '#'"] = (
            () => DisclosureRules.Default.With(Country.DE, new DisclosureRule(["#werbung"], true)),
            "rule", "rule.Hashtags", "disclosure.hashtags_invalid"),
        ["tax rate above 1"] = (
            () => Invoice.Draft(EntityId.New<InvoiceId>(Clock), "Glow Labs", "Maya", Currency.USD, new LocalDate(2027, 4, 1)).AddTax(new TaxLine("VAT", 1.5m, MidpointRounding.ToEven)),
            "tax", "tax.Rate", "invoice.tax_invalid"),
        ["ledger amount of zero"] = (
            () => new EscrowLedger().Charge("charge-1", EntityId.New<CollaborationId>(Clock), EntityId.New<BrandId>(Clock), Money.Zero(Currency.USD), Clock),
            "amount", "amount", "ledger.amount_not_positive"),
    };

    public static TheoryData<string> Rules => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_refused_argument_names_its_field_and_rule(string rule)
    {
        var (call, paramName, field, code) = Cases[rule];

        var refused = Should.Throw<DomainValidationException>(call);

        refused.ParamName.ShouldBe(paramName);
        var error = refused.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(field);
        error.Code.ShouldBe(code);
        // The message is the rule as it was worded before, after the field it concerns.
        refused.Message.ShouldStartWith($"{field}: {error.Message} ({code})");
    }
}
