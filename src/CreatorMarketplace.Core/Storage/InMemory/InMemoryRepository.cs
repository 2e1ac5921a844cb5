namespace CreatorMarketplace.Storage.InMemory;

// Keeps each aggregate as its snapshot and version, so that nothing a caller does to a loaded or saved aggregate
// reaches the store except through a save.
internal sealed class InMemoryRepository<TAggregate, TId, TSnapshot> : IRepository<TAggregate, TId>
    where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
    where TId : struct, IEntityId<TId>
    where TSnapshot : class
{
    private readonly object _gate;
    private readonly InMemoryOutbox _outbox;
    private readonly Dictionary<TId, (long Version, TSnapshot Snapshot)> _stored = [];

    public InMemoryRepository(object gate, InMemoryOutbox outbox)
    {
        _gate = gate;
        _outbox = outbox;
    }

    public ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        (long Version, TSnapshot Snapshot) stored;
        lock (_gate)
        {
            if (!_stored.TryGetValue(id, out stored))
            {
                return ValueTask.FromResult<TAggregate?>(null);
            }
        }

        return ValueTask.FromResult<TAggregate?>(TAggregate.FromSnapshot(stored.Snapshot, stored.Version));
    }

    public ValueTask<SaveResult> SaveAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        cancellationToken.ThrowIfCancellationRequested();

        // Taken before the lock: a snapshot that throws leaves the store untouched.
        var snapshot = aggregate.ToSnapshot();
        var events = aggregate.PendingEvents.ToArray();
        long version;
        lock (_gate)
        {
            var storedVersion = _stored.TryGetValue(aggregate.Id, out var stored) ? stored.Version : 0;
            if (storedVersion != aggregate.Version)
            {
                return ValueTask.FromResult<SaveResult>(new Conflict(typeof(TAggregate).Name, aggregate.Id.Value, aggregate.Version, storedVersion));
            }

            version = storedVersion + 1;
            _stored[aggregate.Id] = (version, snapshot);
            _outbox.Append(typeof(TAggregate).Name, aggregate.Id.Value, version, events);
        }

        aggregate.MarkStored(version);
        return ValueTask.FromResult<SaveResult>(new Saved(version, events.Length));
    }
}
