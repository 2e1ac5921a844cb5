using System.Globalization;
using Ardalis.SmartEnum;
using CreatorMarketplace.Contracts;
using NodaTime;

namespace CreatorMarketplace.Payments;

/// <summary>What makes an instalment due.</summary>
public sealed class InstalmentTrigger : SmartEnum<InstalmentTrigger, int>
{
    /// <summary>Due when the contract is signed.</summary>
    public static readonly InstalmentTrigger OnSigning = new("on signing", 1);

    /// <summary>Due a number of days after signing.</summary>
    public static readonly InstalmentTrigger AfterDays = new("after days", 2);

    /// <summary>Due when the work (or one deliverable) is approved; dated by the end of its posting window.</summary>
    public static readonly InstalmentTrigger OnApproval = new("on approval", 3);

    private InstalmentTrigger(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>One instalment of a payment schedule.</summary>
/// <param name="Number">The instalment's number, from 1.</param>
/// <param name="Amount">What is due.</param>
/// <param name="Trigger">What makes it due.</param>
/// <param name="Due">The calendar date it is due in the payer's zone (for an approval, the last day of the posting window).</param>
/// <param name="Deliverable">The deliverable it pays for, for a milestone.</param>
public sealed record Instalment(int Number, Money Amount, InstalmentTrigger Trigger, LocalDate Due, string? Deliverable)
{
    /// <summary>Formats the instalment, for example <c>"2: USD 500.00 on approval, due 2027-01-20"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Number}: {Amount} {Trigger}{(Deliverable is null ? "" : $" of {Deliverable}")}, due {Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Payment terms as a template: immediate, net N days, an upfront share with the rest on approval, or one
/// milestone per deliverable. <see cref="Schedule"/> turns a fee into instalments whose amounts add up exactly to
/// it (largest remainder) and whose due dates are calendar dates in the payer's zone.
/// </summary>
public sealed record PaymentTerms
{
    private PaymentTerms(string name, Kind kind, int days, decimal upfrontPercent)
    {
        Name = name;
        TermsKind = kind;
        Days = days;
        UpfrontPercent = upfrontPercent;
    }

    private enum Kind
    {
        Immediate,
        Net,
        Upfront,
        Milestones,
    }

    /// <summary>The terms' name as contracts refer to them: <c>immediate</c>, <c>net-30</c>, <c>upfront-50</c>, <c>milestones</c>.</summary>
    public string Name { get; }

    /// <summary>For net terms, the days after signing the fee is due.</summary>
    public int Days { get; }

    /// <summary>For upfront terms, the percentage due on signing.</summary>
    public decimal UpfrontPercent { get; }

    private Kind TermsKind { get; }

    /// <summary>The whole fee on signing.</summary>
    public static PaymentTerms Immediate { get; } = new("immediate", Kind.Immediate, 0, 0m);

    /// <summary>One instalment per deliverable, in equal shares, each due on the deliverable's approval.</summary>
    public static PaymentTerms Milestones { get; } = new("milestones", Kind.Milestones, 0, 0m);

    /// <summary>The whole fee a number of days after signing.</summary>
    /// <param name="days">From 1 to 365.</param>
    /// <returns>The terms, named <c>net-{days}</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is outside 1..365.</exception>
    public static PaymentTerms Net(int days) =>
        IsNetDays(days)
            ? new($"net-{days}", Kind.Net, days, 0m)
            : throw new ArgumentOutOfRangeException(nameof(days), days, "days: net terms are from 1 to 365 days.");

    /// <summary>A share of the fee on signing, the rest on approval of the work.</summary>
    /// <param name="percent">The upfront percentage, above 0 and below 100.</param>
    /// <returns>The terms, named <c>upfront-{percent}</c> with every digit of the percentage and no trailing zero (<c>upfront-33.333</c>), so that the name reads back as these terms.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is not strictly between 0 and 100.</exception>
    public static PaymentTerms Upfront(decimal percent) =>
        IsUpfrontPercent(percent)
            ? new($"upfront-{percent.ToString("0.############################", CultureInfo.InvariantCulture)}", Kind.Upfront, 0, percent)
            : throw new ArgumentOutOfRangeException(nameof(percent), percent, "percent: an upfront share is above 0% and below 100%.");

    /// <summary>The terms a contract refers to by name.</summary>
    /// <param name="reference">The reference: <c>immediate</c>, <c>net-N</c>, <c>upfront-P</c> or <c>milestones</c>.</param>
    /// <returns>The terms, or every problem with the name.</returns>
    public static Validated<PaymentTerms> FromReference(PaymentTermsReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var name = reference.Name?.Trim() ?? "";
        const string Field = nameof(PaymentTermsReference.Name);
        if (name == "immediate")
        {
            return Immediate;
        }

        if (name == "milestones")
        {
            return Milestones;
        }

        if (name.StartsWith("net-", StringComparison.Ordinal) && int.TryParse(name[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && IsNetDays(days))
        {
            return Net(days);
        }

        if (name.StartsWith("upfront-", StringComparison.Ordinal) && decimal.TryParse(name[8..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && IsUpfrontPercent(percent))
        {
            return Upfront(percent);
        }

        return new Invalid(Field, "payments.unknown_terms", $"{ErrorText.Quote(name)} is not payment terms this library knows: immediate, net-N (1–365 days), upfront-P (0 < P < 100) or milestones.");
    }

    /// <summary>Draws up the schedule for a fee.</summary>
    /// <param name="fee">The fee; zero or more.</param>
    /// <param name="signedAt">When the contract came into force.</param>
    /// <param name="payerZone">The payer's time zone, whose calendar dates the instalments.</param>
    /// <param name="deliverables">The contract's deliverables; approvals are dated by the last day of their posting windows.</param>
    /// <returns>The instalments, in order; their amounts add up exactly to <paramref name="fee"/>.</returns>
    /// <exception cref="ArgumentException">No deliverables for terms that pay on approval, or a negative fee.</exception>
    public IReadOnlyList<Instalment> Schedule(Money fee, Instant signedAt, DateTimeZone payerZone, IReadOnlyList<ContractDeliverable> deliverables)
    {
        ArgumentNullException.ThrowIfNull(payerZone);
        ArgumentNullException.ThrowIfNull(deliverables);
        if (fee.IsNegative)
        {
            throw DomainValidationException.Of(nameof(fee), "contract.fee_negative", $"a schedule is drawn up for a fee of zero or more, got {fee}.");
        }

        var signedOn = signedAt.InZone(payerZone).Date;
        if (TermsKind is Kind.Immediate or Kind.Net)
        {
            return [TermsKind == Kind.Immediate
                ? new Instalment(1, fee, InstalmentTrigger.OnSigning, signedOn, null)
                : new Instalment(1, fee, InstalmentTrigger.AfterDays, signedOn.PlusDays(Days), null)];
        }

        if (deliverables.Count == 0)
        {
            throw DomainValidationException.Of(nameof(deliverables), "contract.deliverables_missing", $"{Name} pays on approval and needs the contract's deliverables.");
        }

        LocalDate ApprovalDate(ContractDeliverable deliverable) => (deliverable.Window.End - Duration.Epsilon).InZone(payerZone).Date;
        if (TermsKind == Kind.Upfront)
        {
            var parts = fee.Allocate(UpfrontPercent, 100m - UpfrontPercent);
            return
            [
                new Instalment(1, parts[0], InstalmentTrigger.OnSigning, signedOn, null),
                new Instalment(2, parts[1], InstalmentTrigger.OnApproval, deliverables.Max(ApprovalDate), null),
            ];
        }

        var shares = fee.Split(deliverables.Count);
        return [.. deliverables.Select((deliverable, i) => new Instalment(i + 1, shares[i], InstalmentTrigger.OnApproval, ApprovalDate(deliverable), deliverable.Name))];
    }

    /// <summary>Returns the name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    private static bool IsNetDays(int days) => days is >= 1 and <= 365;

    private static bool IsUpfrontPercent(decimal percent) => percent is > 0m and < 100m;
}
