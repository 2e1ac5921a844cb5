using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using NodaTime;

namespace CreatorMarketplace.Campaigns;

/// <summary>The rules a collaboration runs under, as values; a collaboration opens only under a valid policy (<see cref="Validate"/>).</summary>
/// <param name="AutoApprovalAfter">
/// How long a draft may wait for the brand's content review before it counts as approved: more than zero and at most
/// <see cref="MostAutoApprovalAfter"/>; TikTok One uses 14 days.
/// </param>
public sealed record CollaborationPolicy(Duration AutoApprovalAfter)
{
    /// <summary>The default: auto-approval after 14 days.</summary>
    public static CollaborationPolicy Default { get; } = new(Duration.FromDays(14));

    /// <summary>The longest a policy may leave a draft waiting for review: a year.</summary>
    public static Duration MostAutoApprovalAfter { get; } = Duration.FromDays(365);

    /// <summary>Names every problem of the policy.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        // A period of zero or less would approve every draft as it is submitted and refuse every revision; a huge one
        // would overflow the instants the commands work out from it.
        var errors = new ErrorCollector();
        errors.Require(
            AutoApprovalAfter > Duration.Zero && AutoApprovalAfter <= MostAutoApprovalAfter,
            nameof(AutoApprovalAfter),
            "collaboration.auto_approval_out_of_range",
            $"a draft waits more than no time and at most {MostAutoApprovalAfter.Days} days for the brand's review before it counts as approved, not {AutoApprovalAfter}.");
        return errors.Errors;
    }
}

/// <summary>What an offer proposes: price, deliverables and usage rights.</summary>
/// <param name="Price">The price.</param>
/// <param name="Deliverables">What the creator would deliver: at least one, at most <see cref="Brief.MaxDeliverablesPerOrder"/> in all, as for a brief.</param>
/// <param name="Rights">The usage rights the brand would get.</param>
public sealed record OfferTerms(Money Price, IReadOnlyList<BriefDeliverable> Deliverables, IReadOnlyList<UsageGrant> Rights)
{
    /// <summary>Names every problem.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(!Price.IsDefault && !Price.IsNegative, nameof(Price), "offer.price_invalid", "an offer has a price of zero or more.");
        if (errors.Require(Deliverables is not null, nameof(Deliverables), "offer.deliverables_missing", "an offer names at least one deliverable.")
            && errors.Require(Deliverables!.All(d => d is not null), nameof(Deliverables), "offer.null", "the deliverables hold no null."))
        {
            // An offer is an order's terms: the same rule as a brief's deliverables.
            BriefDeliverable.CheckOrder(errors, "offer", Deliverables!, "an offer names at least one deliverable.");
        }

        if (errors.Require(Rights is not null && Rights.All(r => r is not null), nameof(Rights), "offer.null", "the rights may be empty but not null, and hold no null."))
        {
            for (var i = 0; i < Rights!.Count; i++)
            {
                errors.At($"{nameof(Rights)}[{i}]").AddRange(Rights[i].Validate());
            }
        }

        return errors.Errors;
    }

    // The terms with every list copied, so that an offer holds its own (as ContractTerms.Frozen does): a caller changing
    // an array it passed in cannot change what was offered or agreed. Only for terms that passed Validate.
    internal OfferTerms Frozen() => this with { Deliverables = [.. Deliverables], Rights = [.. Rights.Select(grant => grant.Frozen())] };

    /// <inheritdoc />
    public bool Equals(OfferTerms? other) =>
        other is not null && Price == other.Price && Deliverables.SequenceEqual(other.Deliverables) && Rights.SequenceEqual(other.Rights);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Price, Deliverables.Count, Rights.Count);
}

/// <summary>An offer or counter-offer.</summary>
/// <param name="Number">The offer's number in the collaboration, from 1.</param>
/// <param name="From">The party that made it.</param>
/// <param name="Terms">What it proposes.</param>
/// <param name="MadeAt">When it was made.</param>
/// <param name="ExpiresAt">The first instant it can no longer be accepted.</param>
/// <param name="Status">How it stands, as recorded (an open offer past its expiry reads as expired through <see cref="StatusAt"/>).</param>
public sealed record Offer(int Number, Actor From, OfferTerms Terms, Instant MadeAt, Instant ExpiresAt, OfferStatus Status)
{
    /// <summary>How the offer stands at an instant: an open offer is expired from its expiry on.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The status.</returns>
    public OfferStatus StatusAt(Instant instant) => Status == OfferStatus.Open && instant >= ExpiresAt ? OfferStatus.Expired : Status;
}

/// <summary>A draft of a deliverable and its review.</summary>
/// <param name="Version">The draft's number for its deliverable, from 1.</param>
/// <param name="Content">A reference to the content (a URL or storage key).</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="Review">Its review state.</param>
/// <param name="Notes">The reviewer's notes on a failed review.</param>
/// <param name="ReviewedAt">When its review last changed, if it has.</param>
public sealed record Draft(int Version, string Content, Instant SubmittedAt, ReviewState Review, string? Notes, Instant? ReviewedAt);

/// <summary>A posted deliverable.</summary>
/// <param name="PostId">The platform's id of the post.</param>
/// <param name="Url">Where it can be seen.</param>
/// <param name="PostedAt">When it went live.</param>
public sealed record PostRecord(string PostId, Uri Url, Instant PostedAt);

/// <summary>The check that a post is live and disclosed.</summary>
/// <param name="Live">Whether the post was live.</param>
/// <param name="Disclosure">The disclosure check of the post.</param>
/// <param name="CheckedAt">When it was checked.</param>
public sealed record Verification(bool Live, DisclosureResult Disclosure, Instant CheckedAt)
{
    /// <summary>Whether the post passed: live and disclosed.</summary>
    public bool Passed => Live && Disclosure.IsDisclosed;
}

/// <summary>A deliverable under contract and how far it has come.</summary>
/// <param name="Name">The deliverable's name in the contract.</param>
/// <param name="Window">When it must be posted.</param>
/// <param name="Drafts">Its drafts, oldest first.</param>
/// <param name="RevisionsRequested">How many revisions the brand has asked for.</param>
/// <param name="Post">The post, once posted.</param>
/// <param name="Verification">The latest verification of the post, if checked.</param>
public sealed record DeliverableProgress(string Name, PostingWindow Window, IReadOnlyList<Draft> Drafts, int RevisionsRequested, PostRecord? Post, Verification? Verification)
{
    /// <summary>The review state of the newest draft; no review before the first.</summary>
    public ReviewState Review => Drafts.Count == 0 ? ReviewState.NoReview : Drafts[^1].Review;

    /// <summary>Whether the newest draft is approved.</summary>
    public bool IsApproved => Review == ReviewState.Succeeded;

    /// <summary>Whether the post passed its verification.</summary>
    public bool IsVerified => Verification is { Passed: true };
}

/// <summary>A message in a collaboration's thread. Immutable; read state is kept per reader.</summary>
/// <param name="Number">The message's number in the thread, from 1.</param>
/// <param name="Author">Who wrote it.</param>
/// <param name="SentAt">When.</param>
/// <param name="Body">The text.</param>
/// <param name="Attachments">References to attached files.</param>
public sealed record Message(int Number, Actor Author, Instant SentAt, string Body, IReadOnlyList<string> Attachments);

/// <summary>How a collaboration was cancelled.</summary>
/// <param name="By">The party that cancelled.</param>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="Stage">How far it had got; the refund rules read it.</param>
public sealed record CollaborationCancellation(Actor By, string Reason, Instant At, CancellationStage Stage);

/// <summary>One entry of a collaboration's append-only audit trail.</summary>
/// <param name="Actor">Who acted.</param>
/// <param name="At">When.</param>
/// <param name="Action">What was done, for example <c>review content</c>.</param>
/// <param name="Before">The state before, for example <c>in production; launch-video: content reviewing</c>.</param>
/// <param name="After">The state after.</param>
public sealed record AuditEntry(Actor Actor, Instant At, string Action, string Before, string After)
{
    /// <summary>Formats the entry, for example <c>"2027-01-05T10:00:00Z brand review content: … → …"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{At} {Actor} {Action}: {Before} → {After}";
}
