using System.Globalization;
using Ardalis.SmartEnum;
using NodaTime;

namespace CreatorMarketplace.Payments;

/// <summary>Where an invoice stands. Overdue is not stored: it is an issued invoice past its due date (<see cref="Invoice.StatusOn"/>).</summary>
public sealed class InvoiceStatus : SmartEnum<InvoiceStatus, int>
{
    /// <summary>Being written; no number yet, and it may still change.</summary>
    public static readonly InvoiceStatus Draft = new("draft", 1);

    /// <summary>Issued with its number; it never changes again.</summary>
    public static readonly InvoiceStatus Issued = new("issued", 2);

    /// <summary>Paid.</summary>
    public static readonly InvoiceStatus Paid = new("paid", 3);

    /// <summary>Issued and unpaid after its due date.</summary>
    public static readonly InvoiceStatus Overdue = new("overdue", 4);

    /// <summary>Cancelled; it keeps its number, so the series has no gap.</summary>
    public static readonly InvoiceStatus Void = new("void", 5);

    private InvoiceStatus(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>A line of an invoice.</summary>
/// <param name="Description">What is charged.</param>
/// <param name="Quantity">How many; at least 1.</param>
/// <param name="UnitPrice">The price of one; zero or more.</param>
public sealed record InvoiceLine(string Description, int Quantity, Money UnitPrice)
{
    /// <summary>Quantity × unit price.</summary>
    public Money Total => Money.FromMinorUnits(checked(UnitPrice.MinorUnits * Quantity), UnitPrice.Currency);
}

/// <summary>A tax on an invoice's subtotal.</summary>
/// <param name="Name">The tax, for example <c>VAT 20%</c>.</param>
/// <param name="Rate">The rate as a fraction (0.2 for 20%).</param>
/// <param name="Rounding">How the tax is rounded to the minor unit.</param>
public sealed record TaxLine(string Name, decimal Rate, MidpointRounding Rounding);

/// <summary>
/// Gap-free numbers for one issuer's invoices or credit notes: a number is taken only when a document is issued,
/// and an issued document is never deleted (a voided one keeps its number).
/// </summary>
/// <param name="Prefix">The series' prefix, for example <c>GLOW-INV-</c>.</param>
public sealed class DocumentNumbering(string Prefix)
{
    /// <summary>
    /// Resumes a series after a restart, from how many numbers it had issued (the count of issued documents the
    /// application stored), so that no number is issued twice: the next is <paramref name="issued"/> + 1.
    /// </summary>
    /// <param name="prefix">The series' prefix.</param>
    /// <param name="issued">How many numbers the series had issued; zero or more.</param>
    /// <exception cref="DomainValidationException">The prefix is blank or not one line, or the count is negative.</exception>
    public DocumentNumbering(string prefix, long issued)
        : this(prefix)
    {
        Issued = issued >= 0 ? issued : throw DomainValidationException.Of(nameof(issued), "invoice.issued_negative", $"a series has issued zero numbers or more, got {issued}.");
    }

    /// <summary>The series' prefix.</summary>
    public string Prefix { get; } = string.IsNullOrWhiteSpace(Prefix) ? throw DomainValidationException.Of(nameof(Prefix), "invoice.prefix_missing", "a numbering series needs a prefix.") : TextRule.SingleLine.Require(Prefix, nameof(Prefix));

    /// <summary>How many numbers have been issued.</summary>
    public long Issued { get; private set; }

    internal string Next() => $"{Prefix}{(++Issued).ToString("000000", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// An invoice (or, with <see cref="CorrectionOf"/>, a credit note): lines, optional tax lines and a due date. A
/// draft may change; issuing gives it the next number of its issuer's series and freezes it. An issued invoice is
/// corrected by a credit note, never edited.
/// </summary>
public sealed class Invoice : AggregateRoot<InvoiceId>, ISnapshotable<Invoice, InvoiceSnapshot>
{
    private readonly List<InvoiceLine> _lines = [];
    private readonly List<TaxLine> _taxes = [];

    private Invoice(InvoiceId id, string issuer, string recipient, Currency currency, LocalDate due, string? correctionOf, InvoiceParties? parties, Money? creditLimit = null, long version = 0)
        : base(id, version)
    {
        Parties = parties;
        CreditLimit = creditLimit;
        Issuer = issuer;
        Recipient = recipient;
        Currency = currency;
        Due = due;
        CorrectionOf = correctionOf;
    }

    /// <summary>
    /// The brand and creator it is between, whose workspaces own it (see <c>store.For(actor, …)</c>); null for an
    /// invoice no workspace owns, which only the store itself reads.
    /// </summary>
    public InvoiceParties? Parties { get; }

    /// <summary>Who issues it.</summary>
    public string Issuer { get; }

    /// <summary>Who it is addressed to.</summary>
    public string Recipient { get; }

    /// <summary>Its currency.</summary>
    public Currency Currency { get; }

    /// <summary>The day payment is due.</summary>
    public LocalDate Due { get; }

    /// <summary>For a credit note, the number of the invoice it corrects.</summary>
    public string? CorrectionOf { get; }

    /// <summary>
    /// For a credit note, the most it may credit back: the total of the invoice it corrects. Null for an invoice, and
    /// for a credit note stored before the limit was kept.
    /// </summary>
    public Money? CreditLimit { get; }

    /// <summary>Whether this is a credit note.</summary>
    public bool IsCreditNote => CorrectionOf is not null;

    /// <summary>The number, once issued.</summary>
    public string? Number { get; private set; }

    /// <summary>The stored status (overdue is derived: <see cref="StatusOn"/>).</summary>
    public InvoiceStatus Status { get; private set; } = InvoiceStatus.Draft;

    /// <summary>When it was issued.</summary>
    public Instant? IssuedAt { get; private set; }

    /// <summary>The lines.</summary>
    public IReadOnlyList<InvoiceLine> Lines => _lines.AsReadOnly();

    /// <summary>The tax lines.</summary>
    public IReadOnlyList<TaxLine> Taxes => _taxes.AsReadOnly();

    /// <summary>The sum of the lines.</summary>
    public Money Subtotal => Money.Sum(_lines.Select(line => line.Total), Currency);

    /// <summary>Each tax on the subtotal, rounded as its line names.</summary>
    public IReadOnlyList<(TaxLine Tax, Money Amount)> TaxAmounts => [.. _taxes.Select(tax => (tax, Subtotal.Multiply(tax.Rate, tax.Rounding)))];

    /// <summary>Subtotal plus taxes.</summary>
    public Money Total => TaxAmounts.Aggregate(Subtotal, (sum, tax) => sum + tax.Amount);

    /// <summary>Starts a draft invoice.</summary>
    /// <param name="id">The id.</param>
    /// <param name="issuer">Who issues it; not blank.</param>
    /// <param name="recipient">Who it is for; not blank.</param>
    /// <param name="currency">Its currency.</param>
    /// <param name="due">The day payment is due.</param>
    /// <returns>The draft.</returns>
    /// <exception cref="ArgumentException">An issuer or recipient that is blank or not a single line of well-formed text (<see cref="TextRule.SingleLine"/>).</exception>
    public static Invoice Draft(InvoiceId id, string issuer, string recipient, Currency currency, LocalDate due) => Draft(id, issuer, recipient, currency, due, null);

    /// <summary>Starts a draft invoice between a brand and a creator, whose workspaces own it.</summary>
    /// <param name="id">The id.</param>
    /// <param name="issuer">Who issues it; not blank.</param>
    /// <param name="recipient">Who it is for; not blank.</param>
    /// <param name="currency">Its currency.</param>
    /// <param name="due">The day payment is due.</param>
    /// <param name="parties">The brand and creator it is between; null for none.</param>
    /// <returns>The draft.</returns>
    /// <exception cref="ArgumentException">An issuer or recipient that is blank or not a single line of well-formed text (<see cref="TextRule.SingleLine"/>).</exception>
    public static Invoice Draft(InvoiceId id, string issuer, string recipient, Currency currency, LocalDate due, InvoiceParties? parties)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        TextRule.SingleLine.Require(issuer, nameof(issuer));
        TextRule.SingleLine.Require(recipient, nameof(recipient));
        ArgumentNullException.ThrowIfNull(currency);
        return new(id, issuer, recipient, currency, due, null, parties);
    }

    /// <summary>Adds a line to a draft.</summary>
    /// <param name="line">The line, in the invoice's currency.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once issued.</returns>
    /// <exception cref="DomainValidationException">A blank description or one that breaks <see cref="TextRule.MultiLine"/>, a quantity below 1, a negative price, another currency, or a total beyond what <see cref="Money"/> holds.</exception>
    public CommandResult AddLine(InvoiceLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var errors = new ErrorCollector();
        CheckLine(errors, line, Currency);
        if (!errors.HasErrors)
        {
            CheckTotals(errors, nameof(Total), [.. _lines, line], _taxes, Currency, CreditLimit);
        }

        errors.ThrowIfAny(nameof(line));
        if (Status != InvoiceStatus.Draft)
        {
            return Frozen("add line");
        }

        _lines.Add(line);
        return CommandResult.Done;
    }

    /// <summary>Adds a tax line to a draft.</summary>
    /// <param name="tax">The tax; its rate from 0 to 1.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once issued.</returns>
    /// <exception cref="ArgumentException">A name that is blank or breaks <see cref="TextRule.SingleLine"/>, or a rate outside 0..1.</exception>
    /// <exception cref="DomainValidationException">The taxes would take the total beyond what <see cref="Money"/> holds.</exception>
    public CommandResult AddTax(TaxLine tax)
    {
        CheckTax(tax);
        var errors = new ErrorCollector();
        CheckTotals(errors, nameof(Total), _lines, [.. _taxes, tax], Currency, CreditLimit);
        errors.ThrowIfAny(nameof(tax));
        if (Status != InvoiceStatus.Draft)
        {
            return Frozen("add tax");
        }

        _taxes.Add(tax);
        return CommandResult.Done;
    }

    /// <summary>Issues the draft with the next number of the issuer's series; from now on it never changes.</summary>
    /// <param name="numbering">The issuer's series (invoices and credit notes keep separate series).</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> unless a draft with at least one line.</returns>
    public CommandResult Issue(DocumentNumbering numbering, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(numbering);
        ArgumentNullException.ThrowIfNull(clock);
        if (Status != InvoiceStatus.Draft)
        {
            return Frozen("issue");
        }

        if (_lines.Count == 0)
        {
            return new NotAllowed("issue", Status.Name, "an invoice needs at least one line.");
        }

        // Every value is worked out before any is assigned: a clock or a series that fails leaves the draft as it was.
        var issuedAt = clock.GetCurrentInstant();
        (Number, IssuedAt, Status) = (numbering.Next(), issuedAt, InvoiceStatus.Issued);
        return CommandResult.Done;
    }

    /// <summary>Records that the invoice was paid.</summary>
    /// <returns>Done, or <see cref="NotAllowed"/> unless issued.</returns>
    public CommandResult MarkPaid() => Move("mark paid", InvoiceStatus.Paid);

    /// <summary>Voids the invoice; it keeps its number.</summary>
    /// <returns>Done, or <see cref="NotAllowed"/> unless issued.</returns>
    public CommandResult MarkVoid() => Move("void", InvoiceStatus.Void);

    /// <summary>The status on a day: an issued invoice is overdue after its due date.</summary>
    /// <param name="today">The day, in the issuer's zone.</param>
    /// <returns>The status.</returns>
    public InvoiceStatus StatusOn(LocalDate today) => Status == InvoiceStatus.Issued && today > Due ? InvoiceStatus.Overdue : Status;

    /// <summary>
    /// Starts a credit note correcting this issued invoice; its lines list what is credited back, as positive amounts,
    /// and add up to at most this invoice's total (<see cref="CreditLimit"/>).
    /// </summary>
    /// <param name="id">The credit note's id.</param>
    /// <returns>The draft credit note, or <see cref="NotAllowed"/> unless this invoice is issued or paid.</returns>
    public CommandResult<Invoice> CreditNote(InvoiceId id)
    {
        if (Status != InvoiceStatus.Issued && Status != InvoiceStatus.Paid)
        {
            return new NotAllowed("credit", Status.Name, "only an issued invoice is corrected by a credit note; a draft is simply changed.");
        }

        return new Invoice(id, Issuer, Recipient, Currency, Due, Number, Parties, Total);
    }

    /// <summary>Formats the invoice, one line per line, with taxes and total.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var lines = new List<string> { $"{(IsCreditNote ? "Credit note" : "Invoice")} {Number ?? "(draft)"} from {Issuer} to {Recipient}, due {Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{(IsCreditNote ? $", correcting {CorrectionOf}" : "")}" };
        lines.AddRange(_lines.Select(line => $"  {line.Quantity} × {line.Description} at {line.UnitPrice}: {line.Total}"));
        lines.Add($"  subtotal {Subtotal}");
        lines.AddRange(TaxAmounts.Select(tax => $"  {tax.Tax.Name}: {tax.Amount}"));
        lines.Add($"  total {Total}");
        return string.Join(Environment.NewLine, lines);
    }

    /// <inheritdoc />
    public InvoiceSnapshot ToSnapshot() =>
        new(Id, Issuer, Recipient, Currency, Due, CorrectionOf, Number, Status, IssuedAt, _lines.ToArray(), _taxes.ToArray(), Parties, CreditLimit);

    /// <inheritdoc />
    public static Invoice FromSnapshot(InvoiceSnapshot snapshot, long version)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(snapshot.Lines);
        ArgumentNullException.ThrowIfNull(snapshot.Taxes);

        // A stored invoice passes the same checks as one built through Draft, AddLine, AddTax, Issue and the moves
        // after it: only those commands' states, and only lines and taxes they accept.
        var errors = new ErrorCollector();
        errors.Require(snapshot.Id != default, "Id", "snapshot.id_empty", "an invoice needs an id.");
        errors.Require(!string.IsNullOrWhiteSpace(snapshot.Issuer), "Issuer", "invoice.issuer_missing", "an invoice names its issuer.");
        errors.Require(!string.IsNullOrWhiteSpace(snapshot.Recipient), "Recipient", "invoice.recipient_missing", "an invoice names its recipient.");
        errors.RequireText(TextRule.SingleLine, snapshot.Issuer, "Issuer");
        errors.RequireText(TextRule.SingleLine, snapshot.Recipient, "Recipient");
        errors.RequireText(TextRule.SingleLine, snapshot.CorrectionOf, "CorrectionOf");
        errors.RequireText(TextRule.SingleLine, snapshot.Number, "Number");
        errors.Require(snapshot.Currency is not null, "Currency", "invoice.currency_missing", "an invoice has a currency.");
        errors.Require(
            snapshot.CorrectionOf is null || !string.IsNullOrWhiteSpace(snapshot.CorrectionOf),
            "CorrectionOf",
            "invoice.correction_of_blank",
            "a credit note names the number of the invoice it corrects.");
        var status = snapshot.Status;
        if (errors.Require(status is not null && status != InvoiceStatus.Overdue, "Status", "invoice.status_not_stored", "the status is draft, issued, paid or void; overdue is derived from the due date."))
        {
            var draft = status == InvoiceStatus.Draft;
            errors.Require(
                draft ? snapshot.Number is null : !string.IsNullOrWhiteSpace(snapshot.Number),
                "Number",
                "invoice.number_mismatch",
                draft ? "a draft has no number yet." : "an issued invoice has its number.");
            errors.Require(
                draft == (snapshot.IssuedAt is null),
                "IssuedAt",
                "invoice.issued_at_mismatch",
                draft ? "a draft has not been issued." : "an issued invoice records when it was issued.");
            errors.Require(draft || snapshot.Lines.Count > 0, "Lines", "invoice.lines_missing", "an invoice needs at least one line.");
        }

        for (var i = 0; i < snapshot.Lines.Count; i++)
        {
            if (snapshot.Lines[i] is not { } line)
            {
                errors.Add($"Lines[{i}]", "snapshot.line_missing", "a line is null.");
            }
            else if (snapshot.Currency is not null)
            {
                var found = new ErrorCollector();
                CheckLine(found, line, snapshot.Currency);
                errors.At($"Lines[{i}]").AddRange(found.Errors);
            }
        }

        for (var i = 0; i < snapshot.Taxes.Count; i++)
        {
            if (snapshot.Taxes[i] is not { } tax)
            {
                errors.Add($"Taxes[{i}]", "snapshot.tax_missing", "a tax line is null.");
            }
            else
            {
                errors.Require(TaxIsChecked(tax), $"Taxes[{i}]", "invoice.tax_invalid", "a tax line has a name and a rate from 0 to 1.");
            }
        }

        errors.Require(
            snapshot.CreditLimit is not { } limit || (snapshot.CorrectionOf is not null && !limit.IsDefault && limit.Currency == snapshot.Currency && !limit.IsNegative),
            "CreditLimit",
            "invoice.credit_limit_invalid",
            "only a credit note has a credit limit: the total, zero or more, of the invoice it corrects, in its currency.");
        if (!errors.HasErrors)
        {
            CheckTotals(errors, "lines", snapshot.Lines, snapshot.Taxes, snapshot.Currency!, snapshot.CreditLimit);
        }

        errors.ThrowIfAny(nameof(snapshot));
        var invoice = new Invoice(snapshot.Id, snapshot.Issuer, snapshot.Recipient, snapshot.Currency!, snapshot.Due, snapshot.CorrectionOf, snapshot.Parties, snapshot.CreditLimit, version)
        {
            Number = snapshot.Number,
            Status = snapshot.Status,
            IssuedAt = snapshot.IssuedAt,
        };
        invoice._lines.AddRange(snapshot.Lines);
        invoice._taxes.AddRange(snapshot.Taxes);
        return invoice;
    }

    // A line's rules, in one place for AddLine and FromSnapshot.
    private static void CheckLine(ErrorCollector errors, InvoiceLine line, Currency currency)
    {
        errors.Require(!string.IsNullOrWhiteSpace(line.Description), nameof(InvoiceLine.Description), "invoice.description_missing", "a line says what it charges for.");
        errors.RequireText(TextRule.MultiLine, line.Description, nameof(InvoiceLine.Description));
        errors.Require(line.Quantity >= 1, nameof(InvoiceLine.Quantity), "invoice.out_of_range", $"a line's quantity is at least 1, got {line.Quantity}.");
        errors.Require(
            !line.UnitPrice.IsDefault && line.UnitPrice.Currency == currency && !line.UnitPrice.IsNegative,
            nameof(InvoiceLine.UnitPrice),
            "invoice.price_invalid",
            $"a unit price is zero or more in {currency.Code}.");
    }

    // An invoice whose lines or taxes add up beyond what Money holds could not tell its total: such a line or tax is
    // refused before it is added, so that every invoice can always be totalled. A credit note credits back at most the
    // total of the invoice it corrects.
    private static void CheckTotals(ErrorCollector errors, string field, IReadOnlyList<InvoiceLine> lines, IReadOnlyList<TaxLine> taxes, Currency currency, Money? creditLimit)
    {
        try
        {
            var subtotal = Money.Sum(lines.Select(line => line.Total), currency);
            var total = taxes.Aggregate(subtotal, (sum, tax) => sum + subtotal.Multiply(tax.Rate, tax.Rounding));
            errors.Require(
                creditLimit is not { } limit || limit.Currency != currency || total <= limit,
                field,
                "invoice.credit_exceeds_invoice",
                $"a credit note credits back at most the {creditLimit} the invoice it corrects totals, not {total}.");
        }
        catch (OverflowException)
        {
            errors.Add(field, "invoice.total_out_of_range", $"the lines and taxes would add up to more than the largest amount in {currency.Code} that can be held exactly.");
        }
    }

    // A tax line's rules, in one place for AddTax and FromSnapshot.
    private static void CheckTax(TaxLine tax)
    {
        ArgumentNullException.ThrowIfNull(tax);
        ArgumentException.ThrowIfNullOrWhiteSpace(tax.Name);
        TextRule.SingleLine.Require(tax.Name, nameof(tax), $"{nameof(tax)}.{nameof(TaxLine.Name)}");
        if (tax.Rate is < 0m or > 1m)
        {
            throw DomainValidationException.Of(nameof(tax), "invoice.tax_invalid", $"a tax rate is from 0 to 1, got {tax.Rate}.", $"{nameof(tax)}.{nameof(TaxLine.Rate)}");
        }
    }

    private static bool TaxIsChecked(TaxLine tax)
    {
        try
        {
            CheckTax(tax);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private NotAllowed Frozen(string action) => new(action, Status.Name, "an issued invoice never changes; correct it with a credit note.");

    private CommandResult Move(string action, InvoiceStatus to)
    {
        if (Status != InvoiceStatus.Issued)
        {
            return new NotAllowed(action, Status.Name, "only an issued, unpaid invoice can be paid or voided.");
        }

        Status = to;
        return CommandResult.Done;
    }
}

/// <summary>An invoice's stored form: everything it holds (see <see cref="ISnapshotable{TSelf, TSnapshot}"/>).</summary>
/// <param name="Id">The invoice's id.</param>
/// <param name="Issuer">Who issues it.</param>
/// <param name="Recipient">Who it is addressed to.</param>
/// <param name="Currency">Its currency.</param>
/// <param name="Due">The day payment is due.</param>
/// <param name="CorrectionOf">For a credit note, the number of the invoice it corrects; otherwise null.</param>
/// <param name="Number">The number, once issued; null for a draft.</param>
/// <param name="Status">The stored status: draft, issued, paid or void (overdue is derived, never stored).</param>
/// <param name="IssuedAt">When it was issued; null for a draft.</param>
/// <param name="Lines">The lines in the order they were added.</param>
/// <param name="Taxes">The tax lines in the order they were added.</param>
/// <param name="Parties">The brand and creator it is between, whose workspaces own it; null for none.</param>
/// <param name="CreditLimit">For a credit note, the total of the invoice it corrects, which it credits back at most; null otherwise.</param>
public sealed record InvoiceSnapshot(
    InvoiceId Id,
    string Issuer,
    string Recipient,
    Currency Currency,
    LocalDate Due,
    string? CorrectionOf,
    string? Number,
    InvoiceStatus Status,
    Instant? IssuedAt,
    IReadOnlyList<InvoiceLine> Lines,
    IReadOnlyList<TaxLine> Taxes,
    InvoiceParties? Parties = null,
    Money? CreditLimit = null);

/// <summary>
/// The brand and the creator an invoice is between: the workspaces of each own it, as they own a collaboration.
/// An invoice the platform issues to a brand alone, or to a creator alone, names one of them.
/// </summary>
public sealed record InvoiceParties
{
    /// <summary>Names the parties.</summary>
    /// <param name="brand">The brand, or null.</param>
    /// <param name="creator">The creator, or null.</param>
    /// <exception cref="DomainValidationException">Neither is named.</exception>
    public InvoiceParties(BrandId? brand, CreatorId? creator)
    {
        if (brand is null && creator is null)
        {
            throw DomainValidationException.Of(nameof(Brand), "invoice.parties_missing", "an invoice's parties name a brand, a creator or both.");
        }

        Brand = brand;
        Creator = creator;
    }

    /// <summary>The brand, if any.</summary>
    public BrandId? Brand { get; }

    /// <summary>The creator, if any.</summary>
    public CreatorId? Creator { get; }

    /// <summary>An invoice between a brand and a creator.</summary>
    /// <param name="brand">The brand.</param>
    /// <param name="creator">The creator.</param>
    /// <returns>The parties.</returns>
    public static InvoiceParties Between(BrandId brand, CreatorId creator) => new(brand, creator);

    /// <summary>Formats the parties, for example <c>brand 0190… and creator 0190…</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => (Brand, Creator) switch
    {
        ({ } brand, { } creator) => $"brand {brand} and creator {creator}",
        ({ } brand, null) => $"brand {brand}",
        _ => $"creator {Creator}",
    };
}
