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
        first.AddLine(new InvoiceLine("Launch video", 1, Usd(1_000m)));
        second.AddLine(new InvoiceLine("Teaser", 2, Usd(150m)));
        abandoned.AddLine(new InvoiceLine("Never sent", 1, Usd(1m)));

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
        invoice.AddLine(new InvoiceLine("Launch video", 1, Usd(999.99m)));
        invoice.AddTax(new TaxLine("Sales tax 8.875%", 0.08875m, MidpointRounding.AwayFromZero));
        invoice.Issue(new DocumentNumbering("GLOW-INV-"), clock);

        invoice.AddLine(new InvoiceLine("Extra", 1, Usd(1m))).Refusal!.Reason.ShouldBe("an issued invoice never changes; correct it with a credit note.");
        invoice.Total.ShouldBe(Usd(1_088.74m));
        var credit = invoice.CreditNote(EntityId.New<InvoiceId>(clock)).GetValueOrThrow();
        credit.AddLine(new InvoiceLine("Credit: fee reduced", 1, Usd(99.99m)));
        credit.Issue(new DocumentNumbering("GLOW-CN-"), clock);

        credit.CorrectionOf.ShouldBe("GLOW-INV-000001");
        credit.Number.ShouldBe("GLOW-CN-000001");
        invoice.Lines.ShouldHaveSingleItem();
    }

    [Fact]
    public void An_issued_invoice_is_overdue_after_its_due_date()
    {
        var clock = new FakeClock(Now);
        var invoice = Draft(clock);
        invoice.AddLine(new InvoiceLine("Launch video", 1, Usd(100m)));
        invoice.Issue(new DocumentNumbering("X-"), clock);

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
        invoice.AddLine(new InvoiceLine("Launch video", 1, Usd(999.99m)));
        invoice.AddTax(new TaxLine("Sales tax 8.875%", 0.08875m, MidpointRounding.AwayFromZero));
        invoice.Issue(new DocumentNumbering("GLOW-INV-"), clock);
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
        draft.AddLine(extra);
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
            ("issuer", "invoice.issuer_missing"),
            ("correctionOf", "invoice.correction_of_blank"),
            ("number", "invoice.number_mismatch"),
            ("issuedAt", "invoice.issued_at_mismatch"),
            ("lines[1].description", "invoice.description_missing"),
            ("lines[1].quantity", "invoice.out_of_range"),
            ("lines[1].unitPrice", "invoice.price_invalid"),
            ("lines[2]", "snapshot.line_missing"),
            ("taxes[0]", "invoice.tax_invalid"),
        ]);
        var issued = snapshot with { Issuer = "Glow Labs", CorrectionOf = null, Number = "GLOW-INV-000001", IssuedAt = Now, Lines = [], Taxes = [] };
        Invoice.FromSnapshot(issued with { Lines = snapshot.Lines.Take(1).ToArray() }, 1).Status.ShouldBe(InvoiceStatus.Paid);
        Should.Throw<DomainValidationException>(() => Invoice.FromSnapshot(issued, 1)).Errors.Select(e => e.Field).ShouldBe(["lines"]);
        Should.Throw<DomainValidationException>(() => Invoice.FromSnapshot(issued with { Status = InvoiceStatus.Overdue, Id = default }, 1))
            .Errors.Select(e => e.Field).ShouldBe(["id", "status"]);
        Should.Throw<DomainValidationException>(() => Invoice.FromSnapshot(issued with { Status = InvoiceStatus.Draft, Lines = snapshot.Lines.Take(1).ToArray() }, 1))
            .Errors.Select(e => e.Field).ShouldBe(["number", "issuedAt"]);
        Should.Throw<ArgumentOutOfRangeException>(() => Invoice.FromSnapshot(issued with { Lines = snapshot.Lines.Take(1).ToArray() }, 0));
    }

    private static (EscrowLedger Ledger, FakePayoutGateway Gateway, FakeTaxForms Forms, PayoutDesk Desk, FakeClock Clock) Desk(decimal owed)
    {
        var clock = new FakeClock(Now);
        var ledger = new EscrowLedger();
        ledger.Charge("charge", EscrowLedgerTests.Collaboration, Brand, Usd(owed), clock);
        ledger.Release("release", EscrowLedgerTests.Collaboration, Creator, Usd(owed), FeePolicy.None, clock);
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
    public async Task A_payout_unclaimed_for_30_days_goes_back_to_the_brand()
    {
        var (ledger, _, forms, desk, clock) = Desk(300m);
        forms.File(Creator, TaxForm.W9);
        var id = EntityId.New<PayoutId>(clock);
        await desk.PayAsync(id, Creator, Brand, Usd(300m), Currency.USD);

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
        await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, Usd(599.99m), Currency.USD);
        (await desk.Form1099DueAsync(Creator, 2027)).ShouldBeFalse();

        await desk.PayAsync(EntityId.New<PayoutId>(clock), Creator, Brand, Usd(0.01m), Currency.USD);

        desk.YearlyUsdTotal(Creator, 2027).ShouldBe(Usd(600m));
        (await desk.Form1099DueAsync(Creator, 2027)).ShouldBeTrue();
        (await desk.Form1099DueAsync(Creator, 2026)).ShouldBeFalse();
    }
}
