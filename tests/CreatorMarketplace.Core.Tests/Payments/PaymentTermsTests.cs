using CreatorMarketplace.Contracts;
using CreatorMarketplace.Payments;
using NodaTime;

namespace CreatorMarketplace.Tests.Payments;

public class PaymentTermsTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone Tokyo = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];
    private static readonly Instant SignedAt = Instant.FromUtc(2026, 12, 31, 23, 30);

    private static ContractDeliverable Deliverable(string name, int day) => new(
        name, DeliverableType.ShortVideo, Platform.TikTok, 1,
        PostingWindow.Create(new LocalDateTime(2027, 1, day, 9, 0), new LocalDateTime(2027, 1, day + 1, 0, 0), NewYork));

    private static readonly ContractDeliverable[] Three = [Deliverable("a", 10), Deliverable("b", 15), Deliverable("c", 20)];

    [Fact]
    public void Due_dates_are_calendar_dates_in_the_payers_zone()
    {
        PaymentTerms.Immediate.Schedule(Money.Of(100m, Currency.USD), SignedAt, NewYork, []).ShouldHaveSingleItem().Due.ShouldBe(new LocalDate(2026, 12, 31));
        PaymentTerms.Immediate.Schedule(Money.Of(100m, Currency.USD), SignedAt, Tokyo, []).ShouldHaveSingleItem().Due.ShouldBe(new LocalDate(2027, 1, 1));
        PaymentTerms.Net(30).Schedule(Money.Of(100m, Currency.USD), SignedAt, NewYork, []).ShouldHaveSingleItem().Due.ShouldBe(new LocalDate(2027, 1, 30));
    }

    [Fact]
    public void An_upfront_share_and_the_rest_on_approval_add_up_to_the_fee()
    {
        var schedule = PaymentTerms.Upfront(30m).Schedule(Money.Of(1_000.01m, Currency.USD), SignedAt, NewYork, Three);

        schedule.Select(i => i.ToString()).ShouldBe([
            "1: USD 300.00 on signing, due 2026-12-31",
            "2: USD 700.01 on approval, due 2027-01-20",
        ]);
    }

    [Fact]
    public void Milestones_split_the_fee_per_deliverable_by_largest_remainder()
    {
        var schedule = PaymentTerms.Milestones.Schedule(Money.Of(100m, Currency.USD), SignedAt, NewYork, Three);

        schedule.Select(i => (i.Amount.ToString(), i.Deliverable, i.Due.Day)).ShouldBe([("USD 33.34", "a", 10), ("USD 33.33", "b", 15), ("USD 33.33", "c", 20)]);
    }

    [Theory]
    [InlineData("immediate", "immediate")]
    [InlineData("net-30", "net-30")]
    [InlineData("upfront-50", "upfront-50")]
    [InlineData("milestones", "milestones")]
    public void A_contracts_terms_reference_names_a_template(string reference, string name)
    {
        PaymentTerms.FromReference(new PaymentTermsReference(reference)).GetValueOrThrow().Name.ShouldBe(name);
    }

    [Theory]
    [InlineData("net-0")]
    [InlineData("net-400")]
    [InlineData("upfront-100")]
    [InlineData("50-50")]
    public void An_unknown_reference_is_refused_naming_the_field(string reference)
    {
        var error = PaymentTerms.FromReference(new PaymentTermsReference(reference)).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("Name");
        error.Code.ShouldBe("payments.unknown_terms");
    }

    [Property(MaxTest = 300)]
    public bool Every_schedule_adds_up_exactly_to_the_fee(PositiveInt minorUnits, byte kind, byte percent)
    {
        var fee = Money.FromMinorUnits(minorUnits.Get, Currency.JPY);
        var terms = (kind % 4) switch
        {
            0 => PaymentTerms.Immediate,
            1 => PaymentTerms.Net(1 + (percent % 365)),
            2 => PaymentTerms.Upfront(1 + (percent % 99)),
            _ => PaymentTerms.Milestones,
        };

        var schedule = terms.Schedule(fee, SignedAt, NewYork, Three);

        return Money.Sum(schedule.Select(i => i.Amount), Currency.JPY) == fee
            && schedule.Select(i => i.Number).SequenceEqual(Enumerable.Range(1, schedule.Count));
    }
}
