using NodaTime;

namespace CreatorMarketplace.Creators;

/// <summary>A creator joined the catalog.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CreatorRegistered(CreatorId Creator, Instant OccurredAt) : IDomainEvent;

/// <summary>A creator's profile changed.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="Before">The profile before.</param>
/// <param name="After">The profile after.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CreatorProfileChanged(CreatorId Creator, CreatorProfile Before, CreatorProfile After, Instant OccurredAt) : IDomainEvent;

/// <summary>A platform account was linked to a creator, or its numbers were refreshed.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="Account">The account as it is now.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CreatorAccountUpdated(CreatorId Creator, PlatformAccount Account, Instant OccurredAt) : IDomainEvent;

/// <summary>A creator's audience breakdown changed.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="Audience">The audience as it is now.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CreatorAudienceUpdated(CreatorId Creator, Audience Audience, Instant OccurredAt) : IDomainEvent;

/// <summary>A creator's rate card was set or removed.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="RateCard">The rate card now, or null when removed.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CreatorRateCardChanged(CreatorId Creator, RateCard? RateCard, Instant OccurredAt) : IDomainEvent;

/// <summary>A creator's availability changed.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="OnVacation">Whether the creator is now away.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CreatorAvailabilityChanged(CreatorId Creator, bool OnVacation, Instant OccurredAt) : IDomainEvent;

/// <summary>A badge was awarded to or withdrawn from a creator.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="Badge">The badge.</param>
/// <param name="Awarded">True when awarded, false when withdrawn.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CreatorBadgeChanged(CreatorId Creator, Badge Badge, bool Awarded, Instant OccurredAt) : IDomainEvent;

/// <summary>A violation was added to a creator's compliance history.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="Violation">The violation.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record CreatorViolationRecorded(CreatorId Creator, ComplianceViolation Violation, Instant OccurredAt) : IDomainEvent;

/// <summary>Past collaborations were added to a creator's history.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="Collaboration">The collaborations added.</param>
/// <param name="OccurredAt">When they were recorded.</param>
public sealed record CreatorCollaborationRecorded(CreatorId Creator, PastCollaboration Collaboration, Instant OccurredAt) : IDomainEvent;

/// <summary>
/// A creator was erased (GDPR Article 17, <see cref="Storage.CreatorErasure"/>): their personal data, their profile
/// and what the store's events said about them are gone; the creator's id lives on only as a pseudonym, in the
/// ledger and in what the creator was a party to. A reader that keeps a copy of the creator erases its copy.
/// </summary>
/// <param name="Creator">The creator.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CreatorErased(CreatorId Creator, Instant OccurredAt) : IDomainEvent;

/// <summary>
/// An event of a creator that was erased, in the place the event held in the outbox: what kind of event it was and
/// when it happened are kept, nothing it said about the creator.
/// </summary>
/// <param name="Creator">The creator.</param>
/// <param name="EventType">The erased event's type name, for example <c>CreatorProfileChanged</c>.</param>
/// <param name="OccurredAt">When the erased event happened.</param>
public sealed record CreatorEventErased(CreatorId Creator, string EventType, Instant OccurredAt) : IDomainEvent;
