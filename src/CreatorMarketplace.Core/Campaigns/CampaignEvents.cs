using NodaTime;

namespace CreatorMarketplace.Campaigns;

/// <summary>A campaign was created.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Brand">The brand.</param>
/// <param name="Plan">The plan.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CampaignCreated(CampaignId Campaign, BrandId Brand, CampaignPlan Plan, Instant OccurredAt) : IDomainEvent;

/// <summary>A campaign's plan changed.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Plan">The new plan.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CampaignRevised(CampaignId Campaign, CampaignPlan Plan, Instant OccurredAt) : IDomainEvent;

/// <summary>A campaign's brief was set.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Brief">The brief.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CampaignBriefSet(CampaignId Campaign, Brief Brief, Instant OccurredAt) : IDomainEvent;

/// <summary>A campaign moved to another status.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="From">The status before.</param>
/// <param name="To">The status after.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CampaignStatusChanged(CampaignId Campaign, CampaignStatus From, CampaignStatus To, Instant OccurredAt) : IDomainEvent;

/// <summary>A campaign code was added.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Code">The code.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CampaignCodeAdded(CampaignId Campaign, string Code, Instant OccurredAt) : IDomainEvent;

/// <summary>An order was linked to a campaign code.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Code">The code.</param>
/// <param name="Order">The collaboration.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CampaignOrderLinked(CampaignId Campaign, string Code, CollaborationId Order, Instant OccurredAt) : IDomainEvent;
