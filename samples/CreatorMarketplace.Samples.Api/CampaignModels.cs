using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Samples.Api;

/// <summary>A new campaign: the workflow sample's awareness campaign, for 60 days from today in the brand's zone.</summary>
/// <param name="Brand">The brand running it.</param>
/// <param name="Name">Its name.</param>
/// <param name="Budget">Its budget.</param>
/// <param name="Market">The market it targets.</param>
/// <param name="Category">The industry it belongs to.</param>
/// <param name="TimeZone">The brand's time zone (a TZDB id).</param>
/// <param name="Objective">The brief's objective.</param>
/// <param name="KeyMessage">The brief's key message.</param>
/// <param name="Hashtag">The brief's hashtag, without the #.</param>
internal sealed record NewCampaign(BrandId Brand, string Name, Money Budget, Country Market, IndustryLabel Category, string TimeZone, string Objective, string KeyMessage, string Hashtag);

/// <summary>A creator to invite.</summary>
/// <param name="Creator">The creator.</param>
internal sealed record Invitation(CreatorId Creator);

/// <summary>An offer at a price for the brief's deliverables.</summary>
/// <param name="From">Who makes it: <c>brand</c> or <c>creator</c>.</param>
/// <param name="Price">The price.</param>
/// <param name="ValidDays">How many days it stays open.</param>
internal sealed record NewOffer(Actor From, Money Price, int ValidDays = 3);

/// <summary>Who takes a step.</summary>
/// <param name="By"><c>brand</c> or <c>creator</c>.</param>
internal sealed record Party(Actor By);

/// <summary>The contract of a collaboration's agreed offer.</summary>
/// <param name="Collaboration">The collaboration.</param>
internal sealed record ContractDraft(CollaborationId Collaboration);

/// <summary>A signature of the contract's current version.</summary>
/// <param name="Party"><c>Brand</c> or <c>Creator</c>.</param>
/// <param name="Signer">The signer's name.</param>
internal sealed record Signature(ContractParty Party, string Signer);

/// <summary>The contract to attach to a collaboration.</summary>
/// <param name="Contract">The contract, active.</param>
internal sealed record Attachment(ContractId Contract);

/// <summary>A draft of the deliverable.</summary>
/// <param name="Content">Where the draft is.</param>
internal sealed record DraftContent(string Content);

/// <summary>What a revision should change.</summary>
/// <param name="Notes">The notes.</param>
internal sealed record RevisionNotes(string Notes);

/// <summary>The platform's ad review.</summary>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Reason">Why not, when it did not.</param>
internal sealed record AdReview(bool Passed, string? Reason = null);

/// <summary>The published post.</summary>
/// <param name="PlatformPostId">The platform's id of the post.</param>
/// <param name="Url">Its address.</param>
internal sealed record PublishedPost(string PlatformPostId, Uri Url);

/// <summary>What the brand saw when checking the post.</summary>
/// <param name="Caption">The caption.</param>
/// <param name="BrandedContentFlag">Whether the platform's branded-content toggle is on.</param>
/// <param name="Live">Whether the post is live.</param>
internal sealed record PostCheck(string Caption, bool BrandedContentFlag, bool Live = true);

/// <summary>A campaign as the API answers it.</summary>
internal sealed record CampaignView(CampaignId Id, BrandId Brand, string Name, CampaignStatus Status, Money Budget)
{
    public static CampaignView Of(Campaign campaign) => new(campaign.Id, campaign.Brand, campaign.Plan.Name, campaign.Status, campaign.Plan.Budget);
}

/// <summary>A collaboration as the API answers it: where it stands and what may happen next.</summary>
internal sealed record CollaborationView(
    CollaborationId Id,
    CampaignId Campaign,
    CreatorId Creator,
    CollaborationStatus Status,
    IReadOnlyList<OfferView> Offers,
    ContractId? Contract,
    IReadOnlyList<DeliverableView> Deliverables,
    IReadOnlyList<CollaborationAction> PermittedActions)
{
    public static CollaborationView Of(Collaboration collaboration) => new(
        collaboration.Id,
        collaboration.Campaign,
        collaboration.Creator,
        collaboration.Status,
        [.. collaboration.Offers.Select(offer => new OfferView(offer.Number, offer.From, offer.Terms.Price, offer.Status))],
        collaboration.Contract,
        [.. collaboration.Deliverables.Select(d => new DeliverableView(d.Name, d.Drafts.Count, d.RevisionsRequested, d.IsApproved, d.Post?.Url, d.IsVerified))],
        collaboration.PermittedActions);
}

/// <summary>An offer of a collaboration.</summary>
internal sealed record OfferView(int Number, Actor From, Money Price, OfferStatus Status);

/// <summary>Where a deliverable stands.</summary>
internal sealed record DeliverableView(string Name, int Drafts, int RevisionsRequested, bool Approved, Uri? Post, bool Verified);

/// <summary>A contract as the API answers it.</summary>
internal sealed record ContractView(ContractId Id, ContractStatus Status, int Version, int? InForce, Money Fee)
{
    public static ContractView Of(Contract contract) => new(contract.Id, contract.Status, contract.Current.Number, contract.InForce?.Number, contract.Current.Terms.Fee);
}

/// <summary>A payout as the API answers it.</summary>
internal sealed record PayoutView(PayoutId Id, Money Amount, string Status, string? Reference);
