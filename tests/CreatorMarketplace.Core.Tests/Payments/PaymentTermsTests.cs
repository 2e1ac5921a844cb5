using CreatorMarketplace.Contracts;
using CreatorMarketplace.Payments;
using FsCheck.Fluent;
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
    public Property Every_schedule_adds_up_exactly_to_the_fee(PositiveInt minorUnits, byte kind, byte percent)
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

        return (Money.Sum(schedule.Select(i => i.Amount), Currency.JPY) == fee).Label("Money.Sum(schedule.Select(i => i.Amount), Currency.JPY) == fee")
            .And((schedule.Select(i => i.Number).SequenceEqual(Enumerable.Range(1, schedule.Count))).Label("schedule.Select(i => i.Number).SequenceEqual(Enumerable.Range(1, schedule.Count))"));
    }

    [Theory]
    [InlineData(1, "net-1")]
    [InlineData(365, "net-365")]
    public void Net_terms_run_from_1_to_365_days(int days, string name)
    {
        var terms = PaymentTerms.Net(days);

        (terms.Name, terms.Days, terms.ToString()).ShouldBe((name, days, name));
        PaymentTerms.FromReference(new PaymentTermsReference(name)).GetValueOrThrow().ShouldBe(terms);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    [InlineData(-30)]
    public void Net_terms_outside_1_to_365_days_are_refused_naming_the_days(int days)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => PaymentTerms.Net(days));

        error.ParamName.ShouldBe("days");
        error.Message.ShouldContain("from 1 to 365 days");
    }

    [Theory]
    [InlineData("0.01", "upfront-0.01")]
    [InlineData("99.99", "upfront-99.99")]
    [InlineData("12.5", "upfront-12.5")]
    [InlineData("12.50", "upfront-12.5")]
    [InlineData("99.999", "upfront-99.999")]
    [InlineData("0.001", "upfront-0.001")]
    [InlineData("33.333", "upfront-33.333")]
    [InlineData("0.0000000000000000000000000001", "upfront-0.0000000000000000000000000001")]
    public void An_upfront_share_lies_strictly_between_0_and_100_percent_and_its_name_reads_back_as_it(string percent, string name)
    {
        var terms = PaymentTerms.Upfront(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture));

        (terms.Name, terms.UpfrontPercent, terms.Days).ShouldBe((name, decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture), 0));
        var read = PaymentTerms.FromReference(new PaymentTermsReference(name)).GetValueOrThrow();
        (read.Name, read.UpfrontPercent).ShouldBe((name, terms.UpfrontPercent));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("-5")]
    public void An_upfront_share_of_0_or_100_percent_or_beyond_is_refused_naming_the_percent(string percent)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => PaymentTerms.Upfront(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture)));

        error.ParamName.ShouldBe("percent");
        error.Message.ShouldContain("above 0% and below 100%");
    }

    [Theory]
    [InlineData(" net-30 ", "net-30")]
    [InlineData("upfront-50.0", "upfront-50")]
    public void A_reference_is_read_trimmed_and_named_in_its_shortest_form(string reference, string name)
    {
        PaymentTerms.FromReference(new PaymentTermsReference(reference)).GetValueOrThrow().Name.ShouldBe(name);
    }

    [Theory]
    [InlineData("NET-30", "'NET-30' is not payment terms this library knows")]
    [InlineData("net-+30", "'net-+30' is not payment terms")]
    [InlineData("net- 30", "'net- 30' is not payment terms")]
    [InlineData("upfront-0", "'upfront-0' is not payment terms")]
    [InlineData("upfront-1e1", "'upfront-1e1' is not payment terms")]
    [InlineData("Immediate", "'Immediate' is not payment terms")]
    [InlineData(null, "'' is not payment terms")]
    public void Every_other_reference_is_refused_with_the_forms_it_may_take(string? reference, string message)
    {
        var error = PaymentTerms.FromReference(new PaymentTermsReference(reference!)).Errors.ShouldHaveSingleItem();

        (error.Field, error.Code).ShouldBe(("Name", "payments.unknown_terms"));
        error.Message.ShouldContain(message);
        error.Message.ShouldContain("immediate, net-N (1–365 days), upfront-P (0 < P < 100) or milestones");
    }

    [Fact]
    public void Immediate_and_net_terms_pay_the_whole_fee_in_one_instalment_on_signing_or_after_days()
    {
        var fee = Money.Of(100m, Currency.USD);

        PaymentTerms.Immediate.Schedule(fee, SignedAt, NewYork, Three).ShouldBe([new Instalment(1, fee, InstalmentTrigger.OnSigning, new LocalDate(2026, 12, 31), null)]);
        PaymentTerms.Net(1).Schedule(fee, SignedAt, NewYork, Three).ShouldBe([new Instalment(1, fee, InstalmentTrigger.AfterDays, new LocalDate(2027, 1, 1), null)]);
        PaymentTerms.Immediate.Schedule(Money.Zero(Currency.USD), SignedAt, NewYork, []).ShouldHaveSingleItem().Amount.IsZero.ShouldBeTrue();
        PaymentTerms.FromReference(new PaymentTermsReference("immediate")).GetValueOrThrow().ShouldBeSameAs(PaymentTerms.Immediate);
        PaymentTerms.FromReference(new PaymentTermsReference("milestones")).GetValueOrThrow().ShouldBeSameAs(PaymentTerms.Milestones);
    }

    [Fact]
    public void A_negative_fee_or_terms_paying_on_approval_without_deliverables_are_refused()
    {
        var refund = Should.Throw<ArgumentException>(() => PaymentTerms.Immediate.Schedule(Money.Of(-1m, Currency.USD), SignedAt, NewYork, []));
        refund.ParamName.ShouldBe("fee");
        refund.Message.ShouldContain("a fee of zero or more, got USD -1.00");

        foreach (var terms in new[] { PaymentTerms.Upfront(30m), PaymentTerms.Milestones })
        {
            var missing = Should.Throw<ArgumentException>(() => terms.Schedule(Money.Of(1m, Currency.USD), SignedAt, NewYork, []));
            missing.ParamName.ShouldBe("deliverables");
            missing.Message.ShouldContain($"{terms.Name} pays on approval");
        }

        Should.Throw<ArgumentNullException>(() => PaymentTerms.Immediate.Schedule(Money.Of(1m, Currency.USD), SignedAt, null!, [])).ParamName.ShouldBe("payerZone");
        Should.Throw<ArgumentNullException>(() => PaymentTerms.Immediate.Schedule(Money.Of(1m, Currency.USD), SignedAt, NewYork, null!)).ParamName.ShouldBe("deliverables");
        Should.Throw<ArgumentNullException>(() => PaymentTerms.FromReference(null!));
    }

    [Fact]
    public void A_milestone_reads_with_its_deliverable_and_an_instalment_without_one_reads_without()
    {
        var schedule = PaymentTerms.Milestones.Schedule(Money.Of(100m, Currency.USD), SignedAt, NewYork, Three);

        schedule[0].ToString().ShouldBe("1: USD 33.34 on approval of a, due 2027-01-10");
        schedule.Select(i => i.Trigger).ShouldAllBe(trigger => trigger == InstalmentTrigger.OnApproval);
        PaymentTerms.Net(5).Schedule(Money.Of(1m, Currency.USD), SignedAt, NewYork, []).ShouldHaveSingleItem().ToString().ShouldBe("1: USD 1.00 after days, due 2027-01-05");
        InstalmentTrigger.List.Select(t => t.ToString()).ShouldBe(["on signing", "after days", "on approval"], ignoreOrder: true);
    }
}
