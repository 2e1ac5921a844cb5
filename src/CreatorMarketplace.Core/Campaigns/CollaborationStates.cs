using Ardalis.SmartEnum;

namespace CreatorMarketplace.Campaigns;

/// <summary>Who acts on a collaboration: the brand, the creator, or the system (for rules that run on time, such as auto-approval).</summary>
public sealed class Actor : SmartEnum<Actor, int>
{
    /// <summary>The brand.</summary>
    public static readonly Actor Brand = new("brand", 1);

    /// <summary>The creator.</summary>
    public static readonly Actor Creator = new("creator", 2);

    /// <summary>The marketplace itself, applying a rule.</summary>
    public static readonly Actor System = new("system", 3);

    private Actor(string name, int value)
        : base(name, value)
    {
    }

    /// <summary>Whether this is one of the two parties (not the system).</summary>
    public bool IsParty => this != System;

    /// <summary>The other party.</summary>
    /// <exception cref="InvalidOperationException">This is the system, which has no other party.</exception>
    public Actor Other => this == Brand ? Creator : this == Creator ? Brand : throw new InvalidOperationException("the system has no other party.");
}

/// <summary>An action on a <see cref="Collaboration"/>; which ones a status permits is data on <see cref="CollaborationStatus"/>.</summary>
public sealed class CollaborationAction : SmartEnum<CollaborationAction, int>
{
    /// <summary>Make an offer or a counter-offer.</summary>
    public static readonly CollaborationAction MakeOffer = new("make offer", 1);

    /// <summary>Accept the other party's open offer.</summary>
    public static readonly CollaborationAction AcceptOffer = new("accept offer", 2);

    /// <summary>Decline the other party's open offer.</summary>
    public static readonly CollaborationAction DeclineOffer = new("decline offer", 3);

    /// <summary>Withdraw one's own open offer.</summary>
    public static readonly CollaborationAction WithdrawOffer = new("withdraw offer", 4);

    /// <summary>Turn down the invitation or application.</summary>
    public static readonly CollaborationAction Decline = new("decline", 5);

    /// <summary>Attach the signed contract.</summary>
    public static readonly CollaborationAction AttachContract = new("attach contract", 6);

    /// <summary>Submit a draft of a deliverable.</summary>
    public static readonly CollaborationAction SubmitDraft = new("submit draft", 7);

    /// <summary>Review a draft's content: approve, or fail it with a revision request.</summary>
    public static readonly CollaborationAction ReviewContent = new("review content", 8);

    /// <summary>Record the platform's ad review of a draft.</summary>
    public static readonly CollaborationAction RecordAdReview = new("record ad review", 9);

    /// <summary>Approve drafts the brand has left unreviewed past the policy's period.</summary>
    public static readonly CollaborationAction AutoApprove = new("auto-approve", 10);

    /// <summary>Record that an approved deliverable was posted.</summary>
    public static readonly CollaborationAction RecordPost = new("record post", 11);

    /// <summary>Record the check that a post is live and disclosed.</summary>
    public static readonly CollaborationAction Verify = new("verify", 12);

    /// <summary>Cancel the collaboration.</summary>
    public static readonly CollaborationAction Cancel = new("cancel", 13);

    /// <summary>Send a message in the thread.</summary>
    public static readonly CollaborationAction SendMessage = new("send message", 14);

    /// <summary>Mark the other party's messages as read.</summary>
    public static readonly CollaborationAction ReadMessages = new("read messages", 15);

    private CollaborationAction(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>
/// Where a collaboration stands: invited or applied → negotiating → agreed → in production → completed; declined
/// or cancelled on the way. Each status lists the actions it permits.
/// </summary>
public sealed class CollaborationStatus : LifecycleStatus<CollaborationStatus, CollaborationAction>
{
    /// <summary>The brand invited the creator.</summary>
    public static readonly CollaborationStatus Invited = new("invited", 1, CollaborationAction.MakeOffer, CollaborationAction.Decline, CollaborationAction.Cancel, CollaborationAction.SendMessage, CollaborationAction.ReadMessages);

    /// <summary>The creator applied to the campaign.</summary>
    public static readonly CollaborationStatus Applied = new("applied", 2, CollaborationAction.MakeOffer, CollaborationAction.Decline, CollaborationAction.Cancel, CollaborationAction.SendMessage, CollaborationAction.ReadMessages);

    /// <summary>Offers are being exchanged.</summary>
    public static readonly CollaborationStatus Negotiating = new(
        "negotiating", 3, CollaborationAction.MakeOffer, CollaborationAction.AcceptOffer, CollaborationAction.DeclineOffer, CollaborationAction.WithdrawOffer,
        CollaborationAction.Cancel, CollaborationAction.SendMessage, CollaborationAction.ReadMessages);

    /// <summary>An offer was accepted; the contract is being signed.</summary>
    public static readonly CollaborationStatus Agreed = new("agreed", 4, CollaborationAction.AttachContract, CollaborationAction.Cancel, CollaborationAction.SendMessage, CollaborationAction.ReadMessages);

    /// <summary>Under contract: drafts, reviews, posting and verification, deliverable by deliverable.</summary>
    public static readonly CollaborationStatus InProduction = new(
        "in production", 5, CollaborationAction.SubmitDraft, CollaborationAction.ReviewContent, CollaborationAction.RecordAdReview, CollaborationAction.AutoApprove,
        CollaborationAction.RecordPost, CollaborationAction.Verify, CollaborationAction.Cancel, CollaborationAction.SendMessage, CollaborationAction.ReadMessages);

    /// <summary>Every deliverable was posted and verified.</summary>
    public static readonly CollaborationStatus Completed = new("completed", 6, CollaborationAction.ReadMessages);

    /// <summary>The invitation or application was turned down.</summary>
    public static readonly CollaborationStatus Declined = new("declined", 7, CollaborationAction.ReadMessages);

    /// <summary>Cancelled by a party.</summary>
    public static readonly CollaborationStatus Cancelled = new("cancelled", 8, CollaborationAction.ReadMessages);

    private CollaborationStatus(string name, int value, params CollaborationAction[] permitted)
        : base(name, value, permitted)
    {
    }

    /// <summary>Whether the collaboration has ended in this status.</summary>
    public bool IsFinal => this == Completed || this == Declined || this == Cancelled;
}

/// <summary>
/// The review state of a draft, as on TikTok's marketplace: no review, content reviewing, content review failed, ad
/// reviewing, ad review failed, succeeded. The transitions each state allows are data.
/// </summary>
public sealed class ReviewState : SmartEnum<ReviewState, int>
{
    /// <summary>No draft yet.</summary>
    public static readonly ReviewState NoReview = new("no review", 1);

    /// <summary>The brand is reviewing the content.</summary>
    public static readonly ReviewState ContentReviewing = new("content reviewing", 2);

    /// <summary>The brand failed the content and asked for a revision.</summary>
    public static readonly ReviewState ContentReviewFailed = new("content review failed", 3);

    /// <summary>The platform is reviewing the draft as an ad.</summary>
    public static readonly ReviewState AdReviewing = new("ad reviewing", 4);

    /// <summary>The platform's ad review failed.</summary>
    public static readonly ReviewState AdReviewFailed = new("ad review failed", 5);

    /// <summary>Approved: the draft may be posted.</summary>
    public static readonly ReviewState Succeeded = new("succeeded", 6);

    private ReviewState(string name, int value)
        : base(name, value)
    {
    }

    /// <summary>The states a draft in this state may move to (a new draft starts at content reviewing).</summary>
    public IReadOnlyList<ReviewState> Next =>
        this == ContentReviewing ? [ContentReviewFailed, AdReviewing, Succeeded]
        : this == AdReviewing ? [AdReviewFailed, Succeeded]
        : [];

    /// <summary>Whether a new draft may be submitted after a draft in this state.</summary>
    public bool AcceptsNewDraft => this == NoReview || this == ContentReviewFailed || this == AdReviewFailed;
}

/// <summary>How an offer stands.</summary>
public sealed class OfferStatus : SmartEnum<OfferStatus, int>
{
    /// <summary>Waiting for the other party.</summary>
    public static readonly OfferStatus Open = new("open", 1);

    /// <summary>Accepted: its terms were agreed.</summary>
    public static readonly OfferStatus Accepted = new("accepted", 2);

    /// <summary>Declined by the other party.</summary>
    public static readonly OfferStatus Declined = new("declined", 3);

    /// <summary>Withdrawn by the party that made it.</summary>
    public static readonly OfferStatus Withdrawn = new("withdrawn", 4);

    /// <summary>Answered by a counter-offer.</summary>
    public static readonly OfferStatus Countered = new("countered", 5);

    /// <summary>Open past its expiry; it can no longer be accepted.</summary>
    public static readonly OfferStatus Expired = new("expired", 6);

    private OfferStatus(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>How far a collaboration had got when it was cancelled; the refund rules read it.</summary>
public sealed class CancellationStage : SmartEnum<CancellationStage, int>
{
    /// <summary>Before any draft was submitted.</summary>
    public static readonly CancellationStage BeforeSubmission = new("before submission", 1);

    /// <summary>After a draft was submitted, before every deliverable was approved.</summary>
    public static readonly CancellationStage AfterSubmission = new("after submission", 2);

    /// <summary>After every deliverable was approved.</summary>
    public static readonly CancellationStage AfterApproval = new("after approval", 3);

    /// <summary>After a deliverable's posting window closed with nothing posted for it: the creator missed its deadline.</summary>
    public static readonly CancellationStage AfterMissedDeadline = new("after a missed deadline", 4);

    private CancellationStage(string name, int value)
        : base(name, value)
    {
    }
}
