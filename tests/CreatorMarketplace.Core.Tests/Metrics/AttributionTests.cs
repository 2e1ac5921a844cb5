using CreatorMarketplace.Metrics;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Metrics;

public class AttributionTests
{
    private static readonly Instant Now = Instant.FromUtc(2027, 1, 10, 18, 0);
    private static readonly CollaborationId Maya = CollaborationId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8070"));
    private static readonly CollaborationId Jose = CollaborationId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8071"));

    [Fact]
    public void A_tracking_link_keeps_the_pages_own_query_and_reads_back()
    {
        var link = TrackingLink.Build(new Uri("https://glowlabs.example/serum?size=30ml#reviews"), new UtmParameters("tiktok", "influencer", "spring glow", Content: Maya.ToString()));

        link.AbsoluteUri.ShouldBe($"https://glowlabs.example/serum?size=30ml&utm_source=tiktok&utm_medium=influencer&utm_campaign=spring%20glow&utm_content={Maya}#reviews");
        TrackingLink.Parse(link).ShouldBe(new UtmParameters("tiktok", "influencer", "spring glow", null, Maya.ToString()));
        TrackingLink.Parse(new Uri("https://glowlabs.example/?utm_source=tiktok")).ShouldBeNull();
        Should.Throw<ArgumentException>(() => TrackingLink.Build(link, new UtmParameters("a", "b", "c")));
    }

    [Property]
    public Property Any_utm_parameters_survive_a_round_trip(NonEmptyString source, NonEmptyString medium, NonEmptyString campaign, string? content)
    {
        if (string.IsNullOrWhiteSpace(source.Get) || string.IsNullOrWhiteSpace(medium.Get) || string.IsNullOrWhiteSpace(campaign.Get))
        {
            return true.ToProperty();
        }

        // Either a parameter breaks the text rule and the link is refused naming it, or the parameters come back exactly.
        var utm = new UtmParameters(source.Get, medium.Get, campaign.Get, Content: content);
        var page = new Uri("https://shop.example/p?id=1");
        if (new[] { source.Get, medium.Get, campaign.Get, content }.Any(value => value is not null && !TextRule.SingleLine.Allows(value)))
        {
            var refused = Should.Throw<DomainValidationException>(() => TrackingLink.Build(page, utm));
            return (refused.ParamName == "utm").Label("refused.ParamName == \"utm\"")
                .And((refused.Errors.Single().Field.StartsWith("utm.utm_", StringComparison.Ordinal)).Label("refused.Errors.Single().Field.StartsWith(\"utm.utm_\", StringComparison.Ordinal)"));
        }

        return (TrackingLink.Parse(TrackingLink.Build(page, utm)) == utm).Label("TrackingLink.Parse(TrackingLink.Build(page, utm)) == utm");
    }

    [Fact]
    public void A_code_attributes_first_then_the_links_content()
    {
        var book = new ConversionBook(Duration.FromDays(30), Currency.USD);
        book.AssignCode("MAYA15", Maya);
        var link = TrackingLink.Build(new Uri("https://shop.example/"), new UtmParameters("tiktok", "influencer", "spring", Content: Jose.ToString()));

        book.Record("o1", Now, Money.Of(40m, Currency.USD), discountCode: "maya15", landingLink: link).ShouldSatisfyAllConditions(
            c => c.Collaboration.ShouldBe(Maya),
            c => c.MatchedBy.ShouldBe(AttributionMatch.Code));
        book.Record("o2", Now, Money.Of(60m, Currency.USD), landingLink: link).Collaboration.ShouldBe(Jose);
        book.Record("o3", Now, Money.Of(10m, Currency.USD), discountCode: "OTHER").MatchedBy.ShouldBe(AttributionMatch.None);
        book.Record("o1", Now, Money.Of(999m, Currency.USD)).Value.ShouldBe(Money.Of(40m, Currency.USD));
    }

    [Fact]
    public void A_conversion_can_be_reversed_only_until_its_window_locks_then_it_is_approved_and_paid()
    {
        var clock = new FakeClock(Now);
        var book = new ConversionBook(Duration.FromDays(30), Currency.USD);
        book.AssignCode("MAYA15", Maya);
        book.Record("returned", Now, Money.Of(40m, Currency.USD), "MAYA15");
        book.Record("kept", Now, Money.Of(60m, Currency.USD), "MAYA15");

        book.Reverse("returned", "item returned", clock).GetValueOrThrow().Status.ShouldBe(ConversionStatus.Reversed);
        clock.Reset(Now + Duration.FromDays(30));
        book.Reverse("kept", "late return", clock).Refusal!.Reason.ShouldBe($"the conversion locked at {Now + Duration.FromDays(30)}.");
        book.MarkPaid(["kept"]).Refusal!.State.ShouldBe("pending");
        book.ApproveLocked(clock).ShouldHaveSingleItem().Id.ShouldBe("kept");
        book.MarkPaid(["kept"]).IsDone.ShouldBeTrue();

        var line = book.Reconcile().ShouldHaveSingleItem();
        line.Collaboration.ShouldBe(Maya);
        line.Counts[ConversionStatus.Paid].ShouldBe(1);
        line.Values[ConversionStatus.Reversed].ShouldBe(Money.Of(40m, Currency.USD));
        line.Values[ConversionStatus.Paid].ShouldBe(Money.Of(60m, Currency.USD));
        line.Standing.ShouldBe(1);
        line.StandingValue.ShouldBe(Money.Of(60m, Currency.USD));
    }
}
