using CreatorMarketplace.Payments;

namespace CreatorMarketplace.Testing;

// The class is described in AggregateGenerators.cs.
public static partial class AggregateGenerators
{
    private static readonly string[] InvoicePartyNames = ["Glow Labs", "Maya Makes LLC", "Northwind Studio", "Acme Beauty GmbH"];
    private static readonly string[] InvoiceLineDescriptions = ["Launch video", "Teaser", "Usage rights, 90 days", "Story set", "Revision round"];
    private static readonly Currency[] InvoiceCurrencies = [Currency.USD, Currency.EUR, Currency.JPY, Currency.KWD];

    private static readonly MidpointRounding[] InvoiceRoundings =
        [MidpointRounding.ToEven, MidpointRounding.AwayFromZero, MidpointRounding.ToZero, MidpointRounding.ToNegativeInfinity, MidpointRounding.ToPositiveInfinity];

    /// <summary>
    /// Invoices and credit notes: drafts with or without lines and taxes; issued ones due before or after the day
    /// they were issued, so that some are overdue then (<see cref="Invoice.StatusOn"/>); paid and void ones; and
    /// credit notes, started from an issued or paid invoice, in each of those states. Refused commands (a line
    /// added once issued, a draft without lines issued) are part of the sequences.
    /// </summary>
    /// <returns>The generator.</returns>
    public static Gen<Invoice> Invoices() =>
        from id in KernelGenerators.Ids<InvoiceId>()
        from issuer in Gen.Elements(InvoicePartyNames)
        from recipient in Gen.Elements(InvoicePartyNames)
        from currency in Gen.Elements(InvoiceCurrencies)
        from start in KernelGenerators.Instants()
        from dueInDays in Gen.Choose(-30, 90)
        from count in Gen.Choose(0, 30)
        from commands in Gen.ArrayOf(InvoiceCommands(currency), count)
        from parties in InvoicePartiesOrNone()
        select RunInvoice(id, issuer, recipient, currency, start, dueInDays, commands, parties);

    // Between a brand and a creator, either alone, or none (an invoice no workspace owns).
    private static Gen<InvoiceParties?> InvoicePartiesOrNone() =>
        from brand in KernelGenerators.Ids<BrandId>()
        from creator in KernelGenerators.Ids<CreatorId>()
        from shape in Gen.Choose(0, 3)
        select shape switch
        {
            0 => (InvoiceParties?)null,
            1 => new InvoiceParties(brand, null),
            2 => new InvoiceParties(null, creator),
            _ => InvoiceParties.Between(brand, creator),
        };

    private static Invoice RunInvoice(InvoiceId id, string issuer, string recipient, Currency currency, Instant start, int dueInDays, InvoiceCommand[] commands, InvoiceParties? parties)
    {
        var clock = new FakeClock(start);
        var series = new InvoiceSeries(new DocumentNumbering("INV-"), new DocumentNumbering("CN-"));
        var invoice = Invoice.Draft(id, issuer, recipient, currency, start.InUtc().Date.PlusDays(dueInDays), parties);
        foreach (var command in commands)
        {
            clock.Advance(command.Wait);
            invoice = command.Run(invoice, series, clock);
        }

        return invoice;
    }

    // Each command returns the invoice the sequence goes on with: the credit note, once one is started.
    private static Gen<InvoiceCommand> InvoiceCommands(Currency currency) =>
        from wait in InvoiceWaits()
        from run in Gen.Frequency(
            (3, InvoiceLinesIn(currency).Select(line => InvoiceStep(invoice => WithinCreditLimit(() => invoice.AddLine(line))))),
            (1, InvoiceTaxes().Select(tax => InvoiceStep(invoice => WithinCreditLimit(() => invoice.AddTax(tax))))),
            (3, Gen.Constant(InvoiceStep((invoice, series, clock) => invoice.Issue(invoice.IsCreditNote ? series.CreditNotes : series.Invoices, clock)))),
            (2, Gen.Constant(InvoiceStep(invoice => invoice.MarkPaid()))),
            (1, Gen.Constant(InvoiceStep(invoice => invoice.MarkVoid()))),
            (1, KernelGenerators.Ids<InvoiceId>().Select(InvoiceCreditNote)))
        select new InvoiceCommand(wait, run);

    // A credit note credits back at most the invoice it corrects: a line or tax that would take it further is left
    // out, as its author would leave it out once refused.
    private static CommandResult WithinCreditLimit(Func<CommandResult> command)
    {
        try
        {
            return command();
        }
        catch (DomainValidationException refused) when (refused.Errors.All(error => error.Code == "invoice.credit_exceeds_invoice"))
        {
            return CommandResult.Done;
        }
    }

    private static Func<Invoice, InvoiceSeries, IClock, Invoice> InvoiceCreditNote(InvoiceId id) =>
        (invoice, _, _) => invoice.CreditNote(id).Match(credit => credit, _ => invoice);

    private static Func<Invoice, InvoiceSeries, IClock, Invoice> InvoiceStep(Func<Invoice, CommandResult> command) =>
        InvoiceStep((invoice, _, _) => command(invoice));

    private static Func<Invoice, InvoiceSeries, IClock, Invoice> InvoiceStep(Func<Invoice, InvoiceSeries, IClock, CommandResult> command) =>
        (invoice, series, clock) =>
        {
            command(invoice, series, clock);
            return invoice;
        };

    private static Gen<InvoiceLine> InvoiceLinesIn(Currency currency) =>
        from description in Gen.Elements(InvoiceLineDescriptions)
        from quantity in Gen.Frequency((4, Gen.Constant(1)), (2, Gen.Choose(2, 20)))
        from minorUnits in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 2_000_000)))
        select new InvoiceLine(description, quantity, Money.FromMinorUnits(minorUnits, currency));

    private static Gen<TaxLine> InvoiceTaxes() =>
        from name in Gen.Elements("VAT", "Sales tax", "GST", "Withholding")
        from rate in Gen.Frequency((1, Gen.Elements(0m, 1m)), (6, Gen.Choose(1, 25_000).Select(hundredThousandths => hundredThousandths / 100_000m)))
        from rounding in Gen.Elements(InvoiceRoundings)
        select new TaxLine(name, rate, rounding);

    // Minutes to days between two commands.
    private static Gen<Duration> InvoiceWaits() =>
        Gen.Frequency(
            (2, Gen.Choose(0, 120).Select(minutes => Duration.FromMinutes(minutes))),
            (1, Gen.Choose(1, 72).Select(hours => Duration.FromHours(hours))),
            (1, Gen.Choose(1, 10).Select(days => Duration.FromDays(days))));

    private sealed record InvoiceCommand(Duration Wait, Func<Invoice, InvoiceSeries, IClock, Invoice> Run);

    // One issuer's two series: invoices and credit notes are numbered apart.
    private sealed record InvoiceSeries(DocumentNumbering Invoices, DocumentNumbering CreditNotes);
}
