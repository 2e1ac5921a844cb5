using NodaTime;

namespace CreatorMarketplace;

/// <summary>
/// Something that happened to an aggregate, raised by the aggregate itself on a real change and delivered after
/// the change is stored (through an outbox, so at least once).
/// </summary>
public interface IDomainEvent
{
    /// <summary>When it happened, from the injected clock.</summary>
    Instant OccurredAt { get; }
}
