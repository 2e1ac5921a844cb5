using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Campaigns;

/// <summary>
/// An event of a collaboration. Every transition is one; replaying a collaboration's events in order through
/// <see cref="Collaboration.FromHistory"/> rebuilds the same collaboration.
/// </summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">Who acted.</param>
/// <param name="OccurredAt">When.</param>
public abstract record CollaborationEvent(CollaborationId Collaboration, Actor Actor, Instant OccurredAt) : IDomainEvent
{
    /// <summary>The action the event records, as the audit trail names it.</summary>
    public abstract string Action { get; }
}

/// <summary>A brand invited a creator, or a creator applied.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The brand (an invitation) or the creator (an application).</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Campaign">The campaign.</param>
/// <param name="Brand">The brand.</param>
/// <param name="Creator">The creator.</param>
/// <param name="Categories">The campaign's industry categories, checked against the creator's exclusivities.</param>
/// <param name="Policy">The rules the collaboration runs under.</param>
public sealed record CollaborationOpened(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, CampaignId Campaign, BrandId Brand, CreatorId Creator, IReadOnlyList<IndustryLabel> Categories, CollaborationPolicy Policy)
    : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => Actor == Actor.Brand ? "invite" : "apply";
}

/// <summary>A party made an offer or a counter-offer.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The party.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Offer">The offer.</param>
public sealed record OfferMade(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, Offer Offer) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "make offer";
}

/// <summary>A party accepted the other's offer; its price and terms are agreed.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The accepting party.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Number">The offer's number.</param>
/// <param name="Price">The agreed price.</param>
/// <param name="Brand">The brand, who pays the price into escrow.</param>
public sealed record OfferAccepted(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, int Number, Money Price, BrandId Brand) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "accept offer";
}

/// <summary>A party declined the other's offer.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The declining party.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Number">The offer's number.</param>
public sealed record OfferDeclined(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, int Number) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "decline offer";
}

/// <summary>A party withdrew its own offer.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The party.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Number">The offer's number.</param>
public sealed record OfferWithdrawn(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, int Number) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "withdraw offer";
}

/// <summary>The invitation or application was turned down.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The party that declined.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Reason">Why.</param>
public sealed record CollaborationDeclined(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, string Reason) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "decline";
}

/// <summary>The signed contract was attached; production starts on its deliverables.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The brand.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Contract">The contract.</param>
/// <param name="Deliverables">The deliverables of the contract's version attached.</param>
/// <param name="RevisionRounds">The revision rounds the contract allows per deliverable.</param>
/// <param name="RequiresAdReview">Whether drafts also go through the platform's ad review (the contract grants paid amplification).</param>
/// <param name="ContractVersion">
/// The number of the contract's version attached, whose deliverables and payment terms the collaboration works to
/// whatever the contract is amended to later; null in a history stored before that was recorded, whose payments follow
/// the version in force when they are handled.
/// </param>
public sealed record ContractAttached(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, ContractId Contract, IReadOnlyList<ContractDeliverable> Deliverables, int RevisionRounds, bool RequiresAdReview, int? ContractVersion)
    : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "attach contract";
}

/// <summary>The creator submitted a draft.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The creator.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Deliverable">The deliverable's name.</param>
/// <param name="Version">The draft's version.</param>
/// <param name="Content">A reference to the content.</param>
public sealed record DraftSubmitted(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, string Deliverable, int Version, string Content) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "submit draft";
}

/// <summary>A draft's content was approved, by the brand or, after the policy's period of silence, by the system.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The brand, or the system for an auto-approval.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Deliverable">The deliverable's name.</param>
/// <param name="Version">The draft's version.</param>
/// <param name="DeliverableApproved">Whether the deliverable is approved with it; false when the draft goes on to the platform's ad review.</param>
/// <param name="AllApproved">Whether every deliverable of the contract is approved with it.</param>
/// <param name="ContractVersion">The number of the contract's version attached, whose payment terms apply (see <see cref="ContractAttached.ContractVersion"/>).</param>
public sealed record ContentApproved(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, string Deliverable, int Version, bool DeliverableApproved, bool AllApproved, int? ContractVersion) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => Actor == Actor.System ? "auto-approve" : "review content";
}

/// <summary>The brand failed a draft's content and asked for a revision.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The brand.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Deliverable">The deliverable's name.</param>
/// <param name="Version">The draft's version.</param>
/// <param name="Notes">What to change.</param>
public sealed record RevisionRequested(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, string Deliverable, int Version, string Notes) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "review content";
}

/// <summary>The platform's ad review of a draft finished.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The brand, recording it.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Deliverable">The deliverable's name.</param>
/// <param name="Version">The draft's version.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Reason">Why it failed, when it did.</param>
/// <param name="AllApproved">Whether every deliverable of the contract is approved with it (it passed, and so had the others).</param>
/// <param name="ContractVersion">The number of the contract's version attached, whose payment terms apply (see <see cref="ContractAttached.ContractVersion"/>).</param>
public sealed record AdReviewRecorded(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, string Deliverable, int Version, bool Passed, string? Reason, bool AllApproved, int? ContractVersion) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "record ad review";
}

/// <summary>An approved deliverable was posted inside its window.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The creator.</param>
/// <param name="OccurredAt">When it was recorded.</param>
/// <param name="Deliverable">The deliverable's name.</param>
/// <param name="Post">The post.</param>
public sealed record PostRecorded(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, string Deliverable, PostRecord Post) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "record post";
}

/// <summary>A post was checked: live, and disclosed.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">Who checked.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Deliverable">The deliverable's name.</param>
/// <param name="Verification">The result.</param>
public sealed record PostVerified(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, string Deliverable, Verification Verification) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "verify";
}

/// <summary>Every deliverable was posted and verified.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">Who completed it (the last verification's actor).</param>
/// <param name="OccurredAt">When.</param>
public sealed record CollaborationCompleted(CollaborationId Collaboration, Actor Actor, Instant OccurredAt) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "complete";
}

/// <summary>A party cancelled the collaboration.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The party.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Cancellation">Who, why, when and at which stage.</param>
/// <param name="Brand">The brand, refunded what escrow holds.</param>
/// <param name="Creator">The creator, paid any compensation.</param>
/// <param name="AgreedPrice">The agreed price, when an offer had been accepted (and so charged); null before.</param>
public sealed record CollaborationCancelled(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, CollaborationCancellation Cancellation, BrandId Brand, CreatorId Creator, Money? AgreedPrice) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "cancel";
}

/// <summary>A message was sent.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The author.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Message">The message.</param>
public sealed record MessageSent(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, Message Message) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "send message";
}

/// <summary>A party read the other's messages up to a number.</summary>
/// <param name="Collaboration">The collaboration.</param>
/// <param name="Actor">The reader.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="UpTo">The newest message read.</param>
public sealed record MessagesRead(CollaborationId Collaboration, Actor Actor, Instant OccurredAt, int UpTo) : CollaborationEvent(Collaboration, Actor, OccurredAt)
{
    /// <inheritdoc />
    public override string Action => "read messages";
}
