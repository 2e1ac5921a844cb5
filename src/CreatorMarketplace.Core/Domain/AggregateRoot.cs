namespace CreatorMarketplace;

/// <summary>
/// The base of every aggregate: its identity, the version it was stored at (for optimistic concurrency), and the
/// domain events raised since it was last stored.
/// </summary>
/// <typeparam name="TId">The aggregate's identifier type.</typeparam>
public abstract class AggregateRoot<TId>
    where TId : struct, IEntityId<TId>
{
    private readonly List<IDomainEvent> _pendingEvents = [];

    /// <summary>Creates a new aggregate (version 0) or rehydrates a stored one.</summary>
    /// <param name="id">The aggregate's identity.</param>
    /// <param name="version">The version it was stored at; 0 for an aggregate never stored.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default (empty) id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is negative.</exception>
    protected AggregateRoot(TId id, long version = 0)
    {
        if (id.Equals(default(TId)))
        {
            throw new ArgumentException($"id: an aggregate needs a non-empty {typeof(TId).Name}.", nameof(id));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(version);
        Id = id;
        Version = version;
    }

    /// <summary>The aggregate's identity.</summary>
    public TId Id { get; }

    /// <summary>
    /// The version the aggregate was last stored at: 0 before it is first stored. A store saves only when the
    /// stored version still equals this one, so two writers never overwrite each other silently.
    /// </summary>
    public long Version { get; private set; }

    /// <summary>The domain events raised since the aggregate was last stored, oldest first.</summary>
    public IReadOnlyList<IDomainEvent> PendingEvents => _pendingEvents.AsReadOnly();

    /// <summary>
    /// Who is saving the pending events, while a store opened for them (<see cref="Storage.ActorStore"/>) saves the
    /// aggregate; null otherwise. A store records it on each event the save writes (<see cref="Storage.OutboxMessage.ActedBy"/>).
    /// </summary>
    public ActorId? PendingActor { get; internal set; }

    /// <summary>
    /// Called by a store once the aggregate's changes are saved: records the new version and hands over the
    /// pending events (for the outbox), leaving none pending and no <see cref="PendingActor"/>.
    /// </summary>
    /// <param name="newVersion">The version now stored; greater than <see cref="Version"/>.</param>
    /// <returns>The events that were pending, oldest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="newVersion"/> is not greater than <see cref="Version"/>.</exception>
    public IReadOnlyList<IDomainEvent> MarkStored(long newVersion)
    {
        if (newVersion <= Version)
        {
            throw new ArgumentOutOfRangeException(nameof(newVersion), newVersion, $"newVersion: must be greater than the current version {Version}.");
        }

        var events = _pendingEvents.ToArray();
        _pendingEvents.Clear();
        PendingActor = null;
        Version = newVersion;
        return events;
    }

    /// <summary>Records an event; call it only when the aggregate's state really changed.</summary>
    /// <param name="domainEvent">The event.</param>
    /// <exception cref="ArgumentNullException"><paramref name="domainEvent"/> is null.</exception>
    protected void Raise(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        _pendingEvents.Add(domainEvent);
    }
}
