using NodaTime;

namespace CreatorMarketplace.Contracts;

/// <summary>A contract was drafted (version 1).</summary>
/// <param name="Contract">The contract.</param>
/// <param name="Brand">The brand.</param>
/// <param name="Creator">The creator.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ContractDrafted(ContractId Contract, BrandId Brand, CreatorId Creator, Instant OccurredAt) : IDomainEvent;

/// <summary>A contract was sent for signature.</summary>
/// <param name="Contract">The contract.</param>
/// <param name="Version">The version sent.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ContractSent(ContractId Contract, int Version, Instant OccurredAt) : IDomainEvent;

/// <summary>A new version of a contract's terms was written.</summary>
/// <param name="Contract">The contract.</param>
/// <param name="Version">The new version's number.</param>
/// <param name="Changes">What changed from the version before.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ContractAmended(ContractId Contract, int Version, IReadOnlyList<TermChange> Changes, Instant OccurredAt) : IDomainEvent;

/// <summary>A party signed a version.</summary>
/// <param name="Contract">The contract.</param>
/// <param name="Signature">The signature.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ContractSigned(ContractId Contract, Signature Signature, Instant OccurredAt) : IDomainEvent;

/// <summary>Both parties have signed a version, which is now the one in force.</summary>
/// <param name="Contract">The contract.</param>
/// <param name="Version">The version in force.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ContractVersionInForce(ContractId Contract, int Version, Instant OccurredAt) : IDomainEvent;

/// <summary>A contract moved to another status.</summary>
/// <param name="Contract">The contract.</param>
/// <param name="From">The status before.</param>
/// <param name="To">The status after.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ContractStatusChanged(ContractId Contract, ContractStatus From, ContractStatus To, Instant OccurredAt) : IDomainEvent;

/// <summary>A contract was ended early.</summary>
/// <param name="Contract">The contract.</param>
/// <param name="Termination">Who ended it, why and when.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ContractTerminated(ContractId Contract, Termination Termination, Instant OccurredAt) : IDomainEvent;
