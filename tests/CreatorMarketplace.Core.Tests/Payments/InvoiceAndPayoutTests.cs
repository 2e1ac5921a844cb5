using CreatorMarketplace.Payments;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Payments;

public class InvoiceAndPayoutTests
{
    private static readonly Instant Now = Instant.FromUtc(2027, 1, 4, 15, 0);
    private static readonly CreatorId Creator = EscrowLedgerTests.Creator;
    private static readonly BrandId Brand = EscrowLedgerTests.Brand;

    private static Money Usd(decimal amount) => Money.Of(amount, Currency.USD);

    private static Invoice Draft(FakeClock clock) =>
        Invoice.Draft(EntityId.New<InvoiceId>(clock), "Glow Labs", "Maya Makes", Currency.USD, new LocalDate(2027, 2, 3));

    [Fact]
    public void Invoice_numbers_are_taken_at_issue_so_the_series_has_no_gap()
    {
        var clock = new FakeClock(Now);
        var series = new DocumentNumbering("GLOW-INV-");
        var first = Draft(clock);
        var abandoned = Draft(clock);
        var second = Draft(clock);
        first.AddLine(new InvoiceLine("Launch video", 1, Usd(1_000m))).ThrowIfNotAllowed();
        second.AddLine(new InvoiceLine("Teaser", 2, Usd(150m))).ThrowIfNotAllowed();
        abandoned.AddLine(new InvoiceLine("Never sent", 1, Usd(1m))).ThrowIfNotAllowed();

        first.Issue(series, clock).IsDone.ShouldBeTrue();
        first.MarkVoid().IsDone.ShouldBeTrue();
        second.Issue(series, clock).IsDone.ShouldBeTrue();

        (first.Number, first.Status, second.Number, abandoned.Number).ShouldBe(("GLOW-INV-000001", InvoiceStatus.Void, "GLOW-INV-000002", (string?)null));
    }

    [Fact]
    public void An_issued_invoice_never_changes_and_is_corrected_by_a_credit_note()
    {
        var clock = new FakeClock(Now);
        var invoice = Draft(clock);
        invoice.AddLine(new InvoiceLine("Launch video", 1, Usd(999.99m))).ThrowIfNotAllowed();
        invoice.AddTax(new TaxLine("Sales tax 8.875%", 0.08875m, MidpointRounding.AwayFromZero)).ThrowIfNotAllowed();
        invoice.Issue(new DocumentNumbering("GLOW-INV-"), clock).ThrowIfNotAllowed();

        invoice.AddLine(new InvoiceLine("Extra", 1, Usd(1m))).Refusal!.Reason.ShouldBe("an issued invoice never changes; correct it with a credit note.");
        invoice.Total.ShouldBe(Usd(1_088.74m));
        var credit = invoice.CreditNote(EntityId.New<InvoiceId>(clock)).GetValueOrThrow();
        credit.AddLine(new InvoiceLine("Credit: fee reduced", 1, Usd(99.99m))).ThrowIfNotAllowed();
        credit.Issue(new DocumentNumbering("GLOW-CN-"), clock).ThrowIfNotAllowed();

        credit.CorrectionOf.ShouldBe("GLOW-INV-000001");
        credit.Number.ShouldBe("GLOW-CN-000001");
        invoice.Lines.ShouldHaveSingleItem();
    }

    [Fact]
    public void An_issued_invoice_is_overdue_after_its_due_date()
    {
        var clock = new FakeClock(Now);
        var invoice = Draft(clock);
        invoice.AddLine(new InvoiceLine("Launch video", 1, Usd(100m))).ThrowIfNotAllowed();
        invoice.Issue(new DocumentNumbering("X-"), clock).ThrowIfNotAllowed();

        invoice.StatusOn(new LocalDate(2027, 2, 3)).ShouldBe(InvoiceStatus.Issued);
        invoice.StatusOn(new LocalDate(2027, 2, 4)).ShouldBe(InvoiceStatus.Overdue);
        invoice.MarkPaid().IsDone.ShouldBeTrue();
        invoice.StatusOn(new LocalDate(2027, 2, 4)).ShouldBe(InvoiceStatus.Paid);
        Should.Throw<DomainValidationException>(() => Draft(clock).AddLine(new InvoiceLine(" ", 0, Money.Of(1m, Currency.EUR))))
            .Errors.Select(e => e.Field).ShouldBe(["Description", "Quantity", "UnitPrice"]);
    }

    [Property]
    public Property An_invoice_restored_from_its_snapshot_holds_the_same_at_the_version_stored() =>
        Prop.ForAll(
            Gen.Zip(AggregateGenerators.Invoices(), Gen.Choose(1, int.MaxValue), (invoice, version) => (Invoice: invoice, Version: (long)version)).ToArbitrary(),
            generated =>
            {
                var (invoice, version) = generated;
                var snapshot = invoice.ToSnapshot();

                var restored = Invoice.FromSnapshot(snapshot, version);

                restored.ToSnapshot().ShouldBeEquivalentTo(snapshot);
                restored.Version.ShouldBe(version);
                restored.PendingEvents.ShouldBeEmpty();
                restored.Total.ShouldBe(invoice.Total);
                restored.StatusOn(invoice.Due.PlusDays(1)).ShouldBe(invoice.StatusOn(invoice.Due.PlusDays(1)));
            });

    [Fact]
    public void A_restored_invoice_answers_the_next_commands_as_the_original_does()
    {
        var clock = new FakeClock(Now);
        var invoice = Draft(clock);
        invoice.AddLine(new InvoiceLine("Launch video", 1, Usd(999.99m))).ThrowIfNotAllowed();
        invoice.AddTax(new TaxLine("Sales tax 8.875%", 0.08875m, MidpointRounding.AwayFromZero)).ThrowIfNotAllowed();
        invoice.Issue(new DocumentNumbering("GLOW-INV-"), clock).ThrowIfNotAllowed();
        var extra = new InvoiceLine("Extra", 1, Usd(1m));

        var restored = Invoice.FromSnapshot(invoice.ToSnapshot(), 3);

        restored.Total.ShouldBe(Usd(1_088.74m));
        restored.AddLine(extra).Refusal.ShouldBe(invoice.AddLine(extra).Refusal);
        restored.StatusOn(new LocalDate(2027, 2, 4)).ShouldBe(InvoiceStatus.Overdue);
        restored.CreditNote(EntityId.New<InvoiceId>(clock)).GetValueOrThrow().CorrectionOf.ShouldBe("GLOW-INV-000001");
        restored.MarkPaid().IsDone.ShouldBeTrue();
        restored.MarkVoid().Refusal.ShouldNotBeNull();
        invoice.MarkVoid().IsDone.ShouldBeTrue("the original moves on its own");

        var draft = Draft(clock);
        draft.AddLine(extra).ThrowIfNotAllowed();
        var snapshot = draft.ToSnapshot();
        var restoredDraft = Invoice.FromSnapshot(snapshot, 1);
        restoredDraft.AddLine(extra).IsDone.ShouldBeTrue();
        restoredDraft.Issue(new DocumentNumbering("GLOW-INV-"), clock).IsDone.ShouldBeTrue();
        restoredDraft.Subtotal.ShouldBe(Usd(2m));
        (draft.Lines.Count, snapshot.Lines.Count, draft.Status).ShouldBe((1, 1, InvoiceStatus.Draft), "restoring shares no list with the original or the snapshot");
    }

    [Fact]
    public void An_invoice_snapshot_that_breaks_the_rules_is_refused_with_every_problem_named()
    {
        var clock = new FakeClock(Now);
        var snapshot = new InvoiceSnapshot(
            EntityId.New<InvoiceId>(clock),
            " ",
            "Maya Makes",
            Currency.USD,
            new LocalDate(2027, 2, 3),
            "",
            null,
            InvoiceStatus.Paid,
            null,
            [new InvoiceLine("Launch video", 1, Usd(100m)), new InvoiceLine(" ", 0, Money.Of(1m, Currency.EUR)), null!],
            [new TaxLine("VAT", 1.5m, MidpointRounding.ToEven)]);

        var error = Should.Throw<DomainValidationException>(() => Invoice.FromSnapshot(snapshot, 1));

        error.ParamName.ShouldBe("snapshot");
        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("Issuer", "invoice.issuer_missing"),
            ("CorrectionOf", "invoice.correction_of_blank"),
            ("Number", "invoice.number_mismatch"),
            ("IssuedAt", "invoice.issued_at_mismatch"),
            ("Lines[1].Description", "invoice.description_missing"),
            ("Lines[1].Quantity", "invoice.out_of_range"),
            ("Lines[1].UnitPrice", "invoice.price_invalid"),
            ("Lines[2]", "snapshot.line_missing"),
            ("Taxes[0]", "invoice.tax_invalid"),
        ]);
        var issued = snapshot with { Issuer = "Glow Labs", CorrectionOf = null, Number = "GLOW-INV-000001", IssuedAt = Now, Lines = [], Taxes = [] };
        Invoice.FromSnapshot(issued with { Lines = snapshot.Lines.Take(1).ToArray() }, 1).Status.ShouldBe(InvoiceStatus.Paid);
        Should.Throw<DomainValidationException>(() => Invoice.FromSnapshot(issued, 1)).Errors.Select(e => e.Field).ShouldBe(["Lines"]);
        Should.Throw<DomainValidationException>(() => Invoice.FromSnapshot(issued with { Status = InvoiceStatus.Overdue, Id = default }, 1))
            .Errors.Select(e => e.Field).ShouldBe(["Id", "Status"]);
        Should.Throw<DomainValidationException>(() => Invoice.FromSnapshot(issued with { Status = InvoiceStatus.Draft, Lines = snapshot.Lines.Take(1).ToArray() }, 1))
            .Errors.Select(e => e.Field).ShouldBe(["Number", "IssuedAt"]);
        Should.Throw<ArgumentOutOfRangeException>(() => Invoice.FromSnapshot(issued with { Lines = snapshot.Lines.Take(1).ToArray() }, 0));
    }

    private static (EscrowLedger Ledger, FakePayoutGateway Gateway, FakeTaxForms Forms, PayoutDesk Desk, FakeClock Clock) Desk(decimal owed)
    {
        var clock = new FakeClock(Now);
        var ledger = new EscrowLedger();
        ledger.Charge("charge", EscrowLedgerTests.Collaboration, Brand, Usd(owed), clock).GetValueOrThrow();
        ledger.Release("release", EscrowLedgerTests.Collaboration, Creator, Usd(owed), FeePolicy.None, clock).GetValueOrThrow();
        var gateway = new FakePayoutGateway();
        var forms = new FakeTaxForms();
        return (ledger, gateway, forms, new PayoutDesk(ledger, new FakeExchangeRates().Set(Currency.USD, Currency.EUR, 0.9187m), forms, gateway, clock), clock);
    }

    [Fact]
    public async Task A_payout_waits_for_a_tax_form_then_converts_at_a_snapshotted_rate()
    {
        var (ledger, gateway, forms, desk, clock) = Desk(1_000m);
        var id = EntityId.New<PayoutId>(clock);

        (await desk.PayAsync(id, Creator, Brand, Usd(1_000m), Currency.EUR)).AsT0.Status.ShouldBe(PayoutStatus.BlockedForTaxForm);
        gateway.Calls.ShouldBe(0);
        forms.File(Creator, TaxForm.W8Ben);
        var payout = (await desk.PayAsync(id, Creator, Brand, Usd(1_000m), Currency.EUR)).AsT0;

        payout.Status.ShouldBe(PayoutStatus.Sent);
        payout.Converted.ShouldBe(Money.Of(918.70m, Currency.EUR));
        payout.Rate!.Rate.ShouldBe(0.9187m);
        ledger.Balance(LedgerAccount.PaidOut(Creator), Currency.USD).ShouldBe(Usd(1_000m));
        ledger.Balance(LedgerAccount.CreatorPayable(Creator), Currency.USD).IsZero.ShouldBeTrue();
    }

    [Fact]
    public async Task A_failed_payout_retried_under_the_same_id_pays_once()
    {
        var (ledger, gateway, forms, desk, clock) = Desk(500m);
        forms.File(Creator, TaxForm.W9);
        gateway.FailNext(new PayoutFailed("timeout", "no answer", Retryable: true));
        var id = EntityId.New<PayoutId>(clock);

        (await desk.PayAsync(id, Creator, Brand, Usd(500m), Currency.USD)).AsT0.Status.ShouldBe(PayoutStatus.Failed);
        (await desk.PayAsync(id, Creator, Brand, Usd(500m), Currency.USD)).AsT0.Status.ShouldBe(PayoutStatus.Sent);
        (await desk.PayAsync(id, Creator, Brand, Usd(500m), Currency.USD)).AsT0.Status.ShouldBe(PayoutStatus.Sent);

        gateway.Calls.ShouldBe(2);
        gateway.Transfers.ShouldHaveSingleItem();
        ledger.Balance(LedgerAccount.PaidOut(Creator), Currency.USD).ShouldBe(Usd(500m));
        (await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, Usd(1m), Currency.USD)).AsT1.Code.ShouldBe("ledger.insufficient_payable");
    }

    [Fact]
    public async Task A_payout_id_asked_for_another_payee_brand_amount_or_currency_is_refused_and_nothing_is_sent()
    {
        var (ledger, gateway, forms, desk, clock) = Desk(500m);
        forms.File(Creator, TaxForm.W8Ben);
        var (failedId, sentId) = (EntityId.New<PayoutId>(clock), EntityId.New<PayoutId>(clock));
        gateway.FailNext(new PayoutFailed("timeout", "no answer", Retryable: true));
        (await desk.PayAsync(failedId, Creator, Brand, Usd(100m), Currency.EUR)).AsT0.Status.ShouldBe(PayoutStatus.Failed);
        (await desk.PayAsync(sentId, Creator, Brand, Usd(100m), Currency.USD)).AsT0.Status.ShouldBe(PayoutStatus.Sent);
        var before = desk.Payouts.ToDictionary();

        foreach (var id in new[] { failedId, sentId })
        {
            var currency = desk.Payouts[id].Converted.Currency;
            var refused = new[]
            {
                await desk.PayAsync(id, Creator, Brand, Usd(50m), currency),
                await desk.PayAsync(id, EntityId.New<CreatorId>(clock), Brand, Usd(100m), currency),
                await desk.PayAsync(id, Creator, EntityId.New<BrandId>(clock), Usd(100m), currency),
                await desk.PayAsync(id, Creator, Brand, Usd(100m), currency == Currency.EUR ? Currency.JPY : Currency.EUR),
            };
            refused.ShouldAllBe(result => result.IsT1 && result.AsT1.Code == "payout.idempotency_conflict");
            refused[0].AsT1.Message.ShouldBe($"payout {id} is already a payout of USD 100.00 to creator {Creator}; its id cannot name another payout.");
        }

        desk.Payouts.ShouldBe(before);
        gateway.Transfers.ShouldHaveSingleItem().Amount.ShouldBe(Usd(100m));
        ledger.Balance(LedgerAccount.PaidOut(Creator), Currency.USD).ShouldBe(Usd(100m));

        // The same request again is still the retry it was.
        (await desk.PayAsync(failedId, Creator, Brand, Usd(100m), Currency.EUR)).AsT0.Converted.ShouldBe(Money.Of(91.87m, Currency.EUR));
    }

    [Fact]
    public async Task A_payout_that_converts_to_nothing_is_refused_and_nothing_is_paid()
    {
        var (ledger, gateway, forms, desk, clock) = Desk(1m);
        forms.File(Creator, TaxForm.W8Ben);

        // USD 0.01 at 0.9187 is EUR 0.009187, EUR 0.00 rounded toward zero.
        var refused = (await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, Usd(0.01m), Currency.EUR)).AsT1;

        (refused.Code, refused.Message).ShouldBe(("payout.converts_to_nothing", "USD 0.01 converts to EUR 0.00 at 0.9187 USD/EUR; nothing would be sent."));
        gateway.Calls.ShouldBe(0);
        desk.Payouts.ShouldBeEmpty();
        ledger.Balance(LedgerAccount.CreatorPayable(Creator), Currency.USD).ShouldBe(Usd(1m));
    }

    [Fact]
    public async Task A_payout_unclaimed_for_30_days_goes_back_to_the_brand()
    {
        var (ledger, _, forms, desk, clock) = Desk(300m);
        forms.File(Creator, TaxForm.W9);
        var id = EntityId.New<PayoutId>(clock);
        (await desk.PayAsync(id, Creator, Brand, Usd(300m), Currency.USD)).IsT0.ShouldBeTrue();

        clock.Advance(PayoutDesk.ClaimPeriod - Duration.Epsilon);
        desk.ReturnUnclaimed().ShouldBeEmpty();
        clock.Advance(Duration.Epsilon);
        desk.ReturnUnclaimed().ShouldHaveSingleItem().Status.ShouldBe(PayoutStatus.Returned);

        ledger.Balance(LedgerAccount.Refunds(Brand), Currency.USD).ShouldBe(Usd(300m));
        desk.MarkClaimed(id).Refusal!.State.ShouldBe("returned");
    }

    [Fact]
    public async Task A_form_1099_is_due_from_600_dollars_a_year_for_a_payee_with_a_w9()
    {
        var (_, _, forms, desk, clock) = Desk(1_000m);
        forms.File(Creator, TaxForm.W9);
        (await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, Usd(599.99m), Currency.USD)).IsT0.ShouldBeTrue();
        (await desk.Form1099DueAsync(Creator, 2027)).ShouldBeFalse();

        (await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, Usd(0.01m), Currency.USD)).IsT0.ShouldBeTrue();

        desk.YearlyUsdTotal(Creator, 2027).ShouldBe(Usd(600m));
        (await desk.Form1099DueAsync(Creator, 2027)).ShouldBeTrue();
        (await desk.Form1099DueAsync(Creator, 2026)).ShouldBeFalse();
    }

    [Fact]
    public void A_numbering_series_needs_a_prefix_and_counts_what_it_issued()
    {
        var blank = Should.Throw<ArgumentException>(() => new DocumentNumbering(" "));
        blank.ParamName.ShouldBe("Prefix");
        blank.Message.ShouldContain("Prefix: a numbering series needs a prefix.");
        var clock = new FakeClock(Now);
        var series = new DocumentNumbering("INV-");
        var invoice = Draft(clock);
        invoice.AddLine(new InvoiceLine("Launch video", 1, Usd(1m))).ThrowIfNotAllowed();

        series.Issued.ShouldBe(0);
        invoice.Issue(series, clock).IsDone.ShouldBeTrue();
        (series.Issued, series.Prefix, invoice.IssuedAt, invoice.Status).ShouldBe((1L, "INV-", (Instant?)Now, InvoiceStatus.Issued));
    }

    [Fact]
    public void A_draft_needs_an_issuer_a_recipient_and_a_currency()
    {
        var clock = new FakeClock(Now);
        var due = new LocalDate(2027, 2, 3);

        Should.Throw<ArgumentException>(() => Invoice.Draft(EntityId.New<InvoiceId>(clock), " ", "Maya Makes", Currency.USD, due)).ParamName.ShouldBe("issuer");
        Should.Throw<ArgumentException>(() => Invoice.Draft(EntityId.New<InvoiceId>(clock), "Glow Labs", "", Currency.USD, due)).ParamName.ShouldBe("recipient");
        Should.Throw<ArgumentNullException>(() => Invoice.Draft(EntityId.New<InvoiceId>(clock), "Glow Labs", "Maya Makes", null!, due)).ParamName.ShouldBe("currency");
        var draft = Draft(clock);
        (draft.Issuer, draft.Recipient, draft.Currency, draft.Due, draft.Number, draft.IsCreditNote).ShouldBe(("Glow Labs", "Maya Makes", Currency.USD, due, (string?)null, false));
    }

    [Fact]
    public void A_line_of_one_at_no_price_is_valid_and_totals_quantity_times_price()
    {
        var clock = new FakeClock(Now);
        var invoice = Draft(clock);

        invoice.AddLine(new InvoiceLine("Free sample", 1, Usd(0m))).IsDone.ShouldBeTrue();
        invoice.AddLine(new InvoiceLine("Story", 3, Usd(12.5m))).IsDone.ShouldBeTrue();

        invoice.Lines.Select(l => l.Total).ShouldBe([Usd(0m), Usd(37.5m)]);
        invoice.Subtotal.ShouldBe(Usd(37.5m));
        Should.Throw<DomainValidationException>(() => invoice.AddLine(new InvoiceLine("Story", 1, default))).Errors.ShouldHaveSingleItem().Field.ShouldBe("UnitPrice");
        Should.Throw<DomainValidationException>(() => invoice.AddLine(new InvoiceLine("Story", 1, Usd(-0.01m)))).Errors.ShouldHaveSingleItem()
            .ShouldSatisfyAllConditions(e => e.Code.ShouldBe("invoice.price_invalid"), e => e.Message.ShouldContain("zero or more in USD"));
        Should.Throw<DomainValidationException>(() => invoice.AddLine(new InvoiceLine("Story", 0, Usd(1m)))).Errors.ShouldHaveSingleItem().Message.ShouldContain("at least 1, got 0");
        Should.Throw<ArgumentNullException>(() => invoice.AddLine(null!));
    }

    [Theory]
    [InlineData("0", "USD 100.00")]
    [InlineData("1", "USD 200.00")]
    public void A_tax_rate_may_be_0_or_1_and_each_tax_is_on_the_subtotal(string rate, string total)
    {
        var clock = new FakeClock(Now);
        var invoice = Draft(clock);
        invoice.AddLine(new InvoiceLine("Launch video", 1, Usd(100m))).ThrowIfNotAllowed();

        invoice.AddTax(new TaxLine("Tax", decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), MidpointRounding.ToEven)).IsDone.ShouldBeTrue();

        invoice.Total.ToString().ShouldBe(total);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.01")]
    public void A_tax_rate_outside_0_to_1_is_refused_naming_the_tax(string rate)
    {
        var clock = new FakeClock(Now);

        var error = Should.Throw<ArgumentException>(() => Draft(clock).AddTax(new TaxLine("Tax", decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), MidpointRounding.ToEven)));

        error.ParamName.ShouldBe("tax");
        error.Message.ShouldContain($"a tax rate is from 0 to 1, got {rate}");
        Should.Throw<ArgumentException>(() => Draft(clock).AddTax(new TaxLine(" ", 0.1m, MidpointRounding.ToEven)));
        Should.Throw<ArgumentNullException>(() => Draft(clock).AddTax(null!));
    }

    [Fact]
    public void Two_taxes_are_each_rounded_as_named_and_added_to_the_subtotal()
    {
        var clock = new FakeClock(Now);
        var invoice = Draft(clock);
        invoice.AddLine(new InvoiceLine("Post", 1, Usd(0.25m))).ThrowIfNotAllowed();
        invoice.AddTax(new TaxLine("A", 0.1m, MidpointRounding.ToEven)).ThrowIfNotAllowed();
        invoice.AddTax(new TaxLine("B", 0.1m, MidpointRounding.AwayFromZero)).ThrowIfNotAllowed();

        invoice.TaxAmounts.Select(t => (t.Tax.Name, t.Amount)).ShouldBe([("A", Usd(0.02m)), ("B", Usd(0.03m))]);
        invoice.Total.ShouldBe(Usd(0.30m));
        invoice.Taxes.Count.ShouldBe(2);
    }

    [Fact]
    public void Only_a_draft_with_a_line_is_issued_and_only_an_issued_invoice_is_paid_voided_or_credited()
    {
        var clock = new FakeClock(Now);
        var invoice = Draft(clock);
        var series = new DocumentNumbering("INV-");

        invoice.Issue(series, clock).Refusal.ShouldBe(new NotAllowed("issue", "draft", "an invoice needs at least one line."));
        invoice.MarkPaid().Refusal.ShouldBe(new NotAllowed("mark paid", "draft", "only an issued, unpaid invoice can be paid or voided."));
        invoice.MarkVoid().Refusal!.Action.ShouldBe("void");
        invoice.CreditNote(EntityId.New<InvoiceId>(clock)).Refusal.ShouldBe(new NotAllowed("credit", "draft", "only an issued invoice is corrected by a credit note; a draft is simply changed."));
        invoice.StatusOn(new LocalDate(2030, 1, 1)).ShouldBe(InvoiceStatus.Draft);
        series.Issued.ShouldBe(0);

        invoice.AddLine(new InvoiceLine("Launch video", 1, Usd(100m))).ThrowIfNotAllowed();
        invoice.Issue(series, clock).IsDone.ShouldBeTrue();
        invoice.Issue(series, clock).Refusal.ShouldBe(new NotAllowed("issue", "issued", "an issued invoice never changes; correct it with a credit note."));
        invoice.AddTax(new TaxLine("Tax", 0.1m, MidpointRounding.ToEven)).Refusal!.Action.ShouldBe("add tax");
        invoice.AddLine(new InvoiceLine("Extra", 1, Usd(1m))).Refusal!.Action.ShouldBe("add line");
        invoice.MarkPaid().IsDone.ShouldBeTrue();
        invoice.MarkPaid().Refusal!.State.ShouldBe("paid");
        invoice.MarkVoid().Refusal!.State.ShouldBe("paid");
        invoice.StatusOn(new LocalDate(2030, 1, 1)).ShouldBe(InvoiceStatus.Paid);
        var credit = invoice.CreditNote(EntityId.New<InvoiceId>(clock)).GetValueOrThrow();
        (credit.IsCreditNote, credit.CorrectionOf, credit.Status, credit.Currency).ShouldBe((true, "INV-000001", InvoiceStatus.Draft, Currency.USD));
        invoice.MarkVoid().Refusal.ShouldNotBeNull();
        Should.Throw<ArgumentNullException>(() => Draft(clock).Issue(null!, clock));
        Should.Throw<ArgumentNullException>(() => Draft(clock).Issue(series, null!));
    }

    [Fact]
    public void An_invoice_and_a_credit_note_read_line_by_line()
    {
        var clock = new FakeClock(Now);
        var invoice = Draft(clock);
        invoice.AddLine(new InvoiceLine("Story", 2, Usd(50m))).ThrowIfNotAllowed();
        invoice.AddTax(new TaxLine("VAT 20%", 0.2m, MidpointRounding.ToEven)).ThrowIfNotAllowed();

        invoice.ToString().Split(Environment.NewLine).ShouldBe(
        [
            "Invoice (draft) from Glow Labs to Maya Makes, due 2027-02-03",
            "  2 × Story at USD 50.00: USD 100.00",
            "  subtotal USD 100.00",
            "  VAT 20%: USD 20.00",
            "  total USD 120.00",
        ]);
        invoice.Issue(new DocumentNumbering("INV-"), clock).ThrowIfNotAllowed();
        var credit = invoice.CreditNote(EntityId.New<InvoiceId>(clock)).GetValueOrThrow();
        credit.ToString().Split(Environment.NewLine)[0].ShouldBe("Credit note (draft) from Glow Labs to Maya Makes, due 2027-02-03, correcting INV-000001");
        invoice.ToString().Split(Environment.NewLine)[0].ShouldBe("Invoice INV-000001 from Glow Labs to Maya Makes, due 2027-02-03");
        InvoiceStatus.Overdue.ToString().ShouldBe("overdue");
    }

    [Fact]
    public void A_snapshot_without_a_currency_recipient_or_tax_line_names_each()
    {
        var clock = new FakeClock(Now);
        var snapshot = new InvoiceSnapshot(
            EntityId.New<InvoiceId>(clock), "Glow Labs", " ", null!, new LocalDate(2027, 2, 3), null, null, InvoiceStatus.Draft, null,
            [new InvoiceLine("Story", 1, Usd(1m))], [null!]);

        Should.Throw<DomainValidationException>(() => Invoice.FromSnapshot(snapshot, 1)).Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("Recipient", "invoice.recipient_missing"),
            ("Currency", "invoice.currency_missing"),
            ("Taxes[0]", "snapshot.tax_missing"),
        ]);
        Should.Throw<DomainValidationException>(() => Invoice.FromSnapshot(snapshot with { Status = null! }, 1)).Errors.Select(e => e.Field).ShouldContain("Status");
        Should.Throw<ArgumentNullException>(() => Invoice.FromSnapshot(snapshot with { Lines = null! }, 1));
        Should.Throw<ArgumentNullException>(() => Invoice.FromSnapshot(snapshot with { Taxes = null! }, 1));
        Should.Throw<ArgumentNullException>(() => Invoice.FromSnapshot(null!, 1));
        var draft = Invoice.FromSnapshot(snapshot with { Recipient = "Maya Makes", Currency = Currency.USD, Lines = [], Taxes = [] }, 1);
        (draft.Status, draft.Lines.Count, draft.Version).ShouldBe((InvoiceStatus.Draft, 0, 1L));
    }

    [Fact]
    public async Task A_payout_without_a_known_positive_rate_or_a_positive_amount_is_refused()
    {
        var (_, gateway, forms, _, clock) = Desk(100m);
        forms.File(Creator, TaxForm.W9);
        var ledger = new EscrowLedger();
        ledger.Charge("charge", EscrowLedgerTests.Collaboration, Brand, Usd(100m), clock).GetValueOrThrow();
        ledger.Release("release", EscrowLedgerTests.Collaboration, Creator, Usd(100m), FeePolicy.None, clock).GetValueOrThrow();
        var desk = new PayoutDesk(ledger, new FakeExchangeRates().Set(Currency.USD, Currency.GBP, 0m), forms, gateway, clock);

        var none = (await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, Usd(10m), Currency.EUR)).AsT1;
        var zero = (await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, Usd(10m), Currency.GBP)).AsT1;
        var nothing = (await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, Usd(0m), Currency.USD)).AsT1;

        (none.Code, zero.Code, nothing.Code).ShouldBe(("payout.no_rate", "payout.no_rate", "ledger.insufficient_payable"));
        none.Message.ShouldBe("no exchange rate from USD to EUR is known.");
        nothing.Message.ShouldContain("is owed USD 100.00; a payout of USD 0.00 is not possible");
        gateway.Calls.ShouldBe(0);
        desk.Payouts.ShouldBeEmpty();
        Should.Throw<ArgumentNullException>(async () => await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, Usd(1m), null!));
    }

    [Fact]
    public async Task A_conversion_rounds_toward_zero_and_a_retry_sends_at_the_rate_first_snapshotted()
    {
        var clock = new FakeClock(Now);
        var ledger = new EscrowLedger();
        ledger.Charge("charge", EscrowLedgerTests.Collaboration, Brand, Usd(100m), clock).GetValueOrThrow();
        ledger.Release("release", EscrowLedgerTests.Collaboration, Creator, Usd(100m), FeePolicy.None, clock).GetValueOrThrow();
        var rates = new FakeExchangeRates().Set(Currency.USD, Currency.EUR, 0.91876m);
        var gateway = new FakePayoutGateway();
        var desk = new PayoutDesk(ledger, rates, new FakeTaxForms().File(Creator, TaxForm.W8Ben), gateway, clock);
        var id = EntityId.New<PayoutId>(clock);
        gateway.FailNext(new PayoutFailed("timeout", "no answer", Retryable: true));

        var failed = (await desk.PayAsync(id, Creator, Brand, Usd(10m), Currency.EUR)).AsT0;
        rates.Set(Currency.USD, Currency.EUR, 0.5m);
        var sent = (await desk.PayAsync(id, Creator, Brand, Usd(10m), Currency.EUR)).AsT0;

        (failed.Status, failed.Converted, failed.Failure!.Code, failed.SentAt).ShouldBe((PayoutStatus.Failed, Money.Of(9.18m, Currency.EUR), "timeout", (Instant?)null));
        (sent.Status, sent.Converted, sent.Rate!.Rate, sent.Reference is not null).ShouldBe((PayoutStatus.Sent, Money.Of(9.18m, Currency.EUR), 0.91876m, true));
        gateway.Transfers.ShouldHaveSingleItem().ShouldBe(new PayoutInstruction(id, Creator, Money.Of(9.18m, Currency.EUR), $"payout:{id}"));
        ledger.Transactions.Last().Key.ShouldBe($"payout:{id}");
    }

    [Fact]
    public async Task Only_a_sent_payout_is_claimed_and_a_claimed_one_is_never_returned()
    {
        var (_, gateway, forms, desk, clock) = Desk(300m);
        forms.File(Creator, TaxForm.W9);
        var claimed = EntityId.New<PayoutId>(clock);
        var failed = EntityId.New<PayoutId>(clock);
        (await desk.PayAsync(claimed, Creator, Brand, Usd(100m), Currency.USD)).IsT0.ShouldBeTrue();
        gateway.FailNext(new PayoutFailed("declined", "no", Retryable: false));
        (await desk.PayAsync(failed, Creator, Brand, Usd(100m), Currency.USD)).IsT0.ShouldBeTrue();

        clock.AdvanceHours(1);
        var result = desk.MarkClaimed(claimed).GetValueOrThrow();

        (result.Status, result.UpdatedAt).ShouldBe((PayoutStatus.Claimed, Now + Duration.FromHours(1)));
        desk.MarkClaimed(claimed).Refusal.ShouldBe(new NotAllowed("claim", "claimed", "only a sent payout can be claimed."));
        desk.MarkClaimed(failed).Refusal!.State.ShouldBe("failed");
        Should.Throw<KeyNotFoundException>(() => desk.MarkClaimed(EntityId.New<PayoutId>(clock)));
        clock.Advance(PayoutDesk.ClaimPeriod);
        desk.ReturnUnclaimed().ShouldBeEmpty();
        desk.Payouts[claimed].Status.ShouldBe(PayoutStatus.Claimed);
    }

    [Fact]
    public async Task Unclaimed_payouts_go_back_oldest_first_each_to_its_own_brand()
    {
        var (ledger, _, forms, desk, clock) = Desk(300m);
        forms.File(Creator, TaxForm.W9);
        var otherBrand = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8099"));
        var first = EntityId.New<PayoutId>(clock);
        (await desk.PayAsync(first, Creator, otherBrand, Usd(100m), Currency.USD)).IsT0.ShouldBeTrue();
        clock.AdvanceHours(1);
        var second = EntityId.New<PayoutId>(clock);
        (await desk.PayAsync(second, Creator, Brand, Usd(50m), Currency.USD)).IsT0.ShouldBeTrue();

        clock.Advance(PayoutDesk.ClaimPeriod);
        var returned = desk.ReturnUnclaimed();

        returned.Select(p => (p.Id, p.Status, p.UpdatedAt)).ShouldBe([(first, PayoutStatus.Returned, clock.GetCurrentInstant()), (second, PayoutStatus.Returned, clock.GetCurrentInstant())]);
        ledger.Balance(LedgerAccount.Refunds(otherBrand), Currency.USD).ShouldBe(Usd(100m));
        ledger.Balance(LedgerAccount.Refunds(Brand), Currency.USD).ShouldBe(Usd(50m));
        desk.YearlyUsdTotal(Creator, 2027).IsZero.ShouldBeTrue("returned payouts do not count");
        desk.ReturnUnclaimed().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_yearly_usd_total_counts_only_the_payees_usd_payouts_of_that_year()
    {
        var (_, _, forms, desk, clock) = Desk(1_000m);
        forms.File(Creator, TaxForm.W8Ben);
        var other = CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8098"));
        (await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, Usd(700m), Currency.USD)).IsT0.ShouldBeTrue();
        (await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, Usd(100m), Currency.EUR)).IsT0.ShouldBeTrue();

        desk.YearlyUsdTotal(Creator, 2027).ShouldBe(Usd(700m));
        desk.YearlyUsdTotal(other, 2027).IsZero.ShouldBeTrue();
        desk.YearlyUsdTotal(Creator, 2028).IsZero.ShouldBeTrue();
        (await desk.Form1099DueAsync(Creator, 2027)).ShouldBeFalse("a W-8BEN payee gets no 1099");
        TaxForm.W8Ben.ToString().ShouldBe("W-8BEN");
        PayoutStatus.BlockedForTaxForm.ToString().ShouldBe("blocked: no tax form");
    }

    [Fact]
    public void A_series_resumed_after_a_restart_from_the_count_it_issued_issues_no_number_twice()
    {
        var clock = new FakeClock(Now);
        var series = new DocumentNumbering("GLOW-INV-");
        var first = Draft(clock);
        first.AddLine(new InvoiceLine("Launch video", 1, Usd(100m))).ThrowIfNotAllowed();
        first.Issue(series, clock).ThrowIfNotAllowed();

        var resumed = new DocumentNumbering("GLOW-INV-", series.Issued);
        var next = Draft(clock);
        next.AddLine(new InvoiceLine("Teaser", 1, Usd(50m))).ThrowIfNotAllowed();
        next.Issue(resumed, clock).ThrowIfNotAllowed();

        (first.Number, next.Number).ShouldBe(("GLOW-INV-000001", "GLOW-INV-000002"));
        Should.Throw<DomainValidationException>(() => new DocumentNumbering("GLOW-INV-", -1)).Errors.ShouldHaveSingleItem().Code.ShouldBe("invoice.issued_negative");
    }

    [Fact]
    public async Task A_converted_payout_rounds_the_exact_product_toward_zero_however_many_digits_it_has()
    {
        // USD 9,000,000,744,600,000.81 at 0.91872345679 is EUR 8,268,511,795,191,486.669999999999…: EUR …486.66, where a
        // decimal product, rounded to 29 digits first, gave …486.67, a cent more than the rate gives.
        var clock = new FakeClock(Now);
        var owed = Money.FromMinorUnits(900_000_074_460_000_081, Currency.USD);
        var ledger = new EscrowLedger();
        ledger.Charge("charge", EscrowLedgerTests.Collaboration, Brand, owed, clock).GetValueOrThrow();
        ledger.Release("release", EscrowLedgerTests.Collaboration, Creator, owed, FeePolicy.None, clock).GetValueOrThrow();
        var rates = new FakeExchangeRates().Set(Currency.USD, Currency.EUR, 0.91872345679m);
        var desk = new PayoutDesk(ledger, rates, new FakeTaxForms().File(Creator, TaxForm.W8Ben), new FakePayoutGateway(), clock);

        var payout = (await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, owed, Currency.EUR)).AsT0;

        payout.Converted.MinorUnits.ShouldBe(826_851_179_519_148_666);

        // Into yen at 15,000, the same amount is more than an amount holds: refused, with nothing sent or posted.
        var again = new EscrowLedger();
        again.Charge("charge", EscrowLedgerTests.Collaboration, Brand, owed, clock).GetValueOrThrow();
        again.Release("release", EscrowLedgerTests.Collaboration, Creator, owed, FeePolicy.None, clock).GetValueOrThrow();
        var gateway = new FakePayoutGateway();
        var yen = new PayoutDesk(again, new FakeExchangeRates().Set(Currency.USD, Currency.JPY, 15_000m), new FakeTaxForms().File(Creator, TaxForm.W8Ben), gateway, clock);

        (await yen.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, owed, Currency.JPY)).AsT1.Code.ShouldBe("payout.converts_out_of_range");
        again.Transactions.Count.ShouldBe(2);
        gateway.Calls.ShouldBe(0);
    }

    [Fact]
    public void A_credit_note_credits_back_at_most_the_invoice_it_corrects_and_a_refused_line_changes_nothing()
    {
        var clock = new FakeClock(Now);
        var invoice = Draft(clock);
        invoice.AddLine(new InvoiceLine("Launch video", 1, Usd(100m))).ThrowIfNotAllowed();
        invoice.AddTax(new TaxLine("VAT 20%", 0.2m, MidpointRounding.AwayFromZero)).ThrowIfNotAllowed();
        invoice.Issue(new DocumentNumbering("GLOW-INV-"), clock).ThrowIfNotAllowed();
        var note = invoice.CreditNote(EntityId.New<InvoiceId>(clock)).GetValueOrThrow();
        note.CreditLimit.ShouldBe(Usd(120m));

        Should.Throw<DomainValidationException>(() => note.AddLine(new InvoiceLine("Refund", 1, Usd(10_000m))))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("invoice.credit_exceeds_invoice");
        note.Lines.ShouldBeEmpty();
        note.AddLine(new InvoiceLine("Refund", 1, Usd(100m))).ThrowIfNotAllowed();
        Should.Throw<DomainValidationException>(() => note.AddTax(new TaxLine("VAT 25%", 0.25m, MidpointRounding.AwayFromZero)));
        note.AddTax(new TaxLine("VAT 20%", 0.2m, MidpointRounding.AwayFromZero)).ThrowIfNotAllowed();
        note.Total.ShouldBe(Usd(120m));

        var stored = note.ToSnapshot();
        Should.Throw<DomainValidationException>(() => Invoice.FromSnapshot(stored with { CreditLimit = Usd(50m) }, 1)).Errors.ShouldHaveSingleItem().Code.ShouldBe("invoice.credit_exceeds_invoice");
        Should.Throw<DomainValidationException>(() => Invoice.FromSnapshot(invoice.ToSnapshot() with { CreditLimit = Usd(50m) }, 1)).Errors.ShouldHaveSingleItem().Code.ShouldBe("invoice.credit_limit_invalid");
        Invoice.FromSnapshot(stored, 1).CreditLimit.ShouldBe(Usd(120m));
    }
}
