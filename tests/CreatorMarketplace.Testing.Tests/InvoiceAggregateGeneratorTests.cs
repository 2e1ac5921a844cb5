using CreatorMarketplace.Payments;
using FsCheck.Fluent;
using NodaTime;

namespace CreatorMarketplace.Testing.Tests;

public class InvoiceAggregateGeneratorTests
{
    // A fixed seed, so that what the sample reaches is the same on every run.
    private static readonly List<Invoice> Sample = AggregateGenerators.Invoices().Sample(400, new Rnd(2028UL), 50).ToList();

    [Fact]
    public void Generated_invoices_keep_their_rules()
    {
        Sample.ShouldAllBe(i => (i.Status == InvoiceStatus.Draft) == (i.Number == null) && (i.Number == null) == (i.IssuedAt == null));
        Sample.ShouldAllBe(i => i.Status == InvoiceStatus.Draft || i.Lines.Count > 0);
        Sample.ShouldAllBe(i => i.Number == null || i.Number.StartsWith(i.IsCreditNote ? "CN-" : "INV-", StringComparison.Ordinal));
        Sample.ShouldAllBe(i => i.PendingEvents.Count == 0, "an invoice raises no events");
    }

    [Fact]
    public void Generated_invoices_and_credit_notes_reach_every_status()
    {
        var invoices = Sample.Where(i => !i.IsCreditNote).ToList();
        var creditNotes = Sample.Where(i => i.IsCreditNote).ToList();

        invoices.Select(i => i.Status).Distinct().ShouldBe([InvoiceStatus.Draft, InvoiceStatus.Issued, InvoiceStatus.Paid, InvoiceStatus.Void], ignoreOrder: true);
        creditNotes.Select(i => i.Status).Distinct().ShouldBe([InvoiceStatus.Draft, InvoiceStatus.Issued, InvoiceStatus.Paid, InvoiceStatus.Void], ignoreOrder: true);
        Sample.ShouldContain(i => i.IssuedAt != null && i.StatusOn(i.IssuedAt.Value.InUtc().Date) == InvoiceStatus.Overdue, "some are past due the day they are issued");
        Sample.ShouldContain(i => i.Status == InvoiceStatus.Issued && i.StatusOn(i.IssuedAt!.Value.InUtc().Date) == InvoiceStatus.Issued);
        Sample.ShouldContain(i => i.Status == InvoiceStatus.Draft && i.Lines.Count == 0);
        Sample.ShouldContain(i => i.Taxes.Count >= 2 && i.Lines.Count >= 2);
    }
}
