using CreatorMarketplace.Compliance;
using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Contracts;

/// <summary>A deliverable the creator owes: what, where, how many, and when it must be posted.</summary>
/// <param name="Name">A name unique within the contract, by which rights checks and amendments refer to it ("launch-video").</param>
/// <param name="Type">The kind of content.</param>
/// <param name="Platform">Where it is posted.</param>
/// <param name="Quantity">How many; at least 1.</param>
/// <param name="Window">When it must be posted, in the creator's time zone.</param>
public sealed record ContractDeliverable(string Name, DeliverableType Type, Platform Platform, int Quantity, PostingWindow Window)
{
    /// <summary>Formats the deliverable, for example <c>"launch-video: 1 × ShortVideo on TikTok, 2026-03-08 09:00 to …"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {Quantity} × {Type} on {Platform}, {Window}";
}

/// <summary>How many rounds of revisions the brand may ask for, and how long the creator has for each.</summary>
/// <param name="Rounds">The number of revision rounds; 0 or more.</param>
/// <param name="Turnaround">The time the creator has to deliver a revision; positive.</param>
public sealed record RevisionPolicy(int Rounds, Duration Turnaround)
{
    /// <summary>Formats the policy, for example <c>"2 rounds, 72 hours each"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Rounds} {(Rounds == 1 ? "round" : "rounds")}, {Turnaround.TotalHours:0.##} hours each";
}

/// <summary>A reference to the payment terms the contract uses ("net-30", "50-50"); the schedule is drawn up from them.</summary>
/// <param name="Name">The terms' name; not blank.</param>
public sealed record PaymentTermsReference(string Name)
{
    /// <summary>Returns the name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}

/// <summary>What ending the contract early costs and needs.</summary>
/// <param name="NoticeDays">Days of notice either party gives; 0 or more.</param>
/// <param name="KillFee">What the brand pays the creator if it cancels after work has started; in the fee's currency and at most the fee; null for none.</param>
public sealed record CancellationTerms(int NoticeDays, Money? KillFee)
{
    /// <summary>Formats the terms, for example <c>"14 days' notice, kill fee USD 250.00"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{NoticeDays} days' notice{(KillFee is { } fee ? $", kill fee {fee}" : ", no kill fee")}";
}

/// <summary>
/// A period during which the creator may not work with the brand's competitors: anyone in the listed industry
/// categories, or the named brands.
/// </summary>
public sealed record Exclusivity
{
    /// <summary>The industry categories the creator may not promote for another brand.</summary>
    public IReadOnlyList<IndustryLabel> Categories { get; init; } = [];

    /// <summary>The brands the creator may not work with.</summary>
    public IReadOnlyList<BrandId> Competitors { get; init; } = [];

    /// <summary>The first instant of exclusivity.</summary>
    public required Instant Start { get; init; }

    /// <summary>The first instant the creator is free again (exclusive).</summary>
    public required Instant End { get; init; }

    /// <summary>Names every problem.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(Categories is not null && Competitors is not null, nameof(Categories), "contract.null", "the categories and competitors may be empty but not null.");
        errors.Require(Categories is null || Competitors is null || Categories.Count + Competitors.Count > 0, nameof(Categories), "contract.exclusivity_empty", "an exclusivity names at least one category or competitor.");
        errors.Require(End > Start, nameof(End), "contract.exclusivity_window", $"an exclusivity must end after it starts ({Start}), got {End}.");
        return errors.Errors;
    }

    /// <summary>Whether the exclusivity applies at an instant.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>True from the start (inclusive) to the end (exclusive).</returns>
    public bool Contains(Instant instant) => instant >= Start && instant < End;

    /// <inheritdoc />
    public bool Equals(Exclusivity? other) =>
        other is not null && Start == other.Start && End == other.End
        && Categories.ToHashSet().SetEquals(other.Categories) && Competitors.ToHashSet().SetEquals(other.Competitors);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, End, Categories.Count, Competitors.Count);

    /// <summary>Formats the exclusivity, for example <c>"categories cosmetics; 2026-01-01T00:00:00Z to 2026-04-01T00:00:00Z"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Categories.Count > 0)
        {
            parts.Add($"categories {string.Join(", ", Categories)}");
        }

        if (Competitors.Count > 0)
        {
            parts.Add($"competitors {string.Join(", ", Competitors)}");
        }

        return $"{string.Join(" and ", parts)}; {Start} to {End}";
    }
}

/// <summary>
/// The terms of one contract version: fee, deliverables, revisions, usage rights, exclusivity, payment and
/// cancellation terms, and the disclosure duty. Immutable; a change is a new version of the contract.
/// </summary>
public sealed record ContractTerms
{
    /// <summary>The fee the brand pays the creator.</summary>
    public required Money Fee { get; init; }

    /// <summary>What the creator delivers; at least one, names unique.</summary>
    public required IReadOnlyList<ContractDeliverable> Deliverables { get; init; }

    /// <summary>The revision rounds the brand may ask for.</summary>
    public required RevisionPolicy Revisions { get; init; }

    /// <summary>The usage rights granted; none means the brand may not use the content anywhere.</summary>
    public IReadOnlyList<UsageGrant> Grants { get; init; } = [];

    /// <summary>The creator's exclusivity, if any.</summary>
    public Exclusivity? Exclusivity { get; init; }

    /// <summary>The payment terms the schedule is drawn from.</summary>
    public required PaymentTermsReference PaymentTerms { get; init; }

    /// <summary>What ending early costs and needs.</summary>
    public required CancellationTerms Cancellation { get; init; }

    /// <summary>Where the posts must be disclosed as advertising.</summary>
    public required DisclosureDuty Disclosure { get; init; }

    /// <inheritdoc />
    public bool Equals(ContractTerms? other) =>
        other is not null
        && Fee == other.Fee
        && Deliverables.SequenceEqual(other.Deliverables)
        && Equals(Revisions, other.Revisions)
        && Grants.SequenceEqual(other.Grants)
        && Equals(Exclusivity, other.Exclusivity)
        && Equals(PaymentTerms, other.PaymentTerms)
        && Equals(Cancellation, other.Cancellation)
        && Equals(Disclosure, other.Disclosure);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Fee, Deliverables.Count, Grants.Count, Revisions);

    // The terms with every list copied, so that a contract's version holds its own: a caller changing an array it
    // passed in (a grant's channels) cannot change what was signed. Only for terms that passed Validate.
    internal ContractTerms Frozen() => this with
    {
        Deliverables = [.. Deliverables],
        Grants = [.. Grants.Select(grant => grant.Frozen())],
        Exclusivity = Exclusivity is { } exclusivity ? exclusivity with { Categories = [.. exclusivity.Categories], Competitors = [.. exclusivity.Competitors] } : null,
        Disclosure = Disclosure with { Jurisdictions = [.. Disclosure.Jurisdictions] },
    };

    /// <summary>The deliverable with a name, if there is one.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The deliverable, or null.</returns>
    public ContractDeliverable? Deliverable(string name) => Deliverables.FirstOrDefault(deliverable => deliverable.Name == name);

    /// <summary>Names every problem of the terms, with paths such as <c>Deliverables[1].Quantity</c>.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        var currency = Fee.IsDefault ? null : Fee.Currency;
        errors.Require(currency is not null, nameof(Fee), "contract.fee_missing", "a contract needs a fee (it may be zero).");
        errors.Require(currency is null || !Fee.IsNegative, nameof(Fee), "contract.fee_negative", $"a fee may not be negative, got {(currency is null ? "" : Fee.ToString())}.");
        ValidateDeliverables(errors);
        if (errors.Require(Revisions is not null, nameof(Revisions), "contract.null", "a contract states its revision policy."))
        {
            errors.Require(Revisions!.Rounds >= 0, $"{nameof(Revisions)}.{nameof(RevisionPolicy.Rounds)}", "contract.out_of_range", $"revision rounds may not be negative, got {Revisions.Rounds}.");
            errors.Require(Revisions.Turnaround > Duration.Zero, $"{nameof(Revisions)}.{nameof(RevisionPolicy.Turnaround)}", "contract.out_of_range", $"a revision turnaround must be positive, got {Revisions.Turnaround}.");
        }

        if (errors.Require(Grants is not null && Grants.All(grant => grant is not null), nameof(Grants), "contract.null", "the grants may be empty but not null, and hold no null."))
        {
            for (var i = 0; i < Grants!.Count; i++)
            {
                errors.At($"{nameof(Grants)}[{i}]").AddRange(Grants[i].Validate());
            }
        }

        if (Exclusivity is not null)
        {
            errors.At(nameof(Exclusivity)).AddRange(Exclusivity.Validate());
        }

        if (errors.Require(PaymentTerms is not null && !string.IsNullOrWhiteSpace(PaymentTerms.Name), nameof(PaymentTerms), "contract.payment_terms_missing", "a contract names its payment terms."))
        {
            errors.RequireText(TextRule.SingleLine, PaymentTerms!.Name, $"{nameof(PaymentTerms)}.{nameof(PaymentTermsReference.Name)}");
        }

        if (errors.Require(Cancellation is not null, nameof(Cancellation), "contract.null", "a contract states its cancellation terms."))
        {
            errors.Require(Cancellation!.NoticeDays >= 0, $"{nameof(Cancellation)}.{nameof(CancellationTerms.NoticeDays)}", "contract.out_of_range", $"notice days may not be negative, got {Cancellation.NoticeDays}.");
            if (Cancellation.KillFee is { } killFee && currency is not null)
            {
                var field = $"{nameof(Cancellation)}.{nameof(CancellationTerms.KillFee)}";
                if (errors.Require(!killFee.IsDefault && killFee.Currency == currency, field, "contract.currency_mismatch", $"a kill fee is in the fee's currency, {currency.Code}."))
                {
                    errors.Require(!killFee.IsNegative && killFee <= Fee, field, "contract.out_of_range", $"a kill fee is from zero to the fee ({Fee}), got {killFee}.");
                }
            }
        }

        if (errors.Require(Disclosure is not null, nameof(Disclosure), "contract.null", "a contract states its disclosure duty (DisclosureDuty.None where there is none)."))
        {
            errors.At(nameof(Disclosure)).AddRange(Disclosure!.Validate());
        }

        return errors.Errors;
    }

    private void ValidateDeliverables(ErrorCollector errors)
    {
        if (!errors.Require(Deliverables is { Count: > 0 } && Deliverables.All(deliverable => deliverable is not null), nameof(Deliverables), "contract.deliverables_missing", "a contract names at least one deliverable, and no null."))
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Deliverables.Count; i++)
        {
            var deliverable = Deliverables[i];
            var at = errors.At($"{nameof(Deliverables)}[{i}]");
            if (at.Require(!string.IsNullOrWhiteSpace(deliverable.Name), nameof(ContractDeliverable.Name), "contract.deliverable_name_missing", "a deliverable needs a name.")
                && at.RequireText(TextRule.SingleLine, deliverable.Name, nameof(ContractDeliverable.Name)))
            {
                at.Require(names.Add(deliverable.Name), nameof(ContractDeliverable.Name), "contract.duplicate", $"another deliverable is also named {ErrorText.Quote(deliverable.Name)}.");
            }

            at.Require(deliverable.Type is not null, nameof(ContractDeliverable.Type), "contract.null", "a deliverable names its type.");
            at.Require(deliverable.Platform is not null, nameof(ContractDeliverable.Platform), "contract.null", "a deliverable names its platform.");
            at.Require(deliverable.Quantity >= 1, nameof(ContractDeliverable.Quantity), "contract.out_of_range", $"a deliverable's quantity is at least 1, got {deliverable.Quantity}.");
            at.Require(deliverable.Window is not null, nameof(ContractDeliverable.Window), "contract.null", "a deliverable has a posting window.");
        }
    }
}
