using System.Runtime.CompilerServices;

namespace CreatorMarketplace.Storage.InMemory;

// Keeps each aggregate as its snapshot and version, so that nothing a caller does to a loaded or saved aggregate
// reaches the store except through a save. The ids are also kept in their order, so that a page of a bulk read
// starts where the last one ended instead of sorting everything again.
internal sealed class InMemoryRepository<TAggregate, TId, TSnapshot> : IRepository<TAggregate, TId>
    where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
    where TId : struct, IEntityId<TId>
    where TSnapshot : class
{
    private readonly object _gate;
    private readonly InMemoryOutbox _outbox;
    private readonly Dictionary<TId, (long Version, TSnapshot Snapshot)> _stored = [];
    private readonly SortedSet<TId> _ids = [];

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
        var actedBy = aggregate.PendingActor;
        long version;
        lock (_gate)
        {
            var storedVersion = _stored.TryGetValue(aggregate.Id, out var stored) ? stored.Version : 0;
            if (storedVersion != aggregate.Version)
            {
                return ValueTask.FromResult<SaveResult>(new Conflict(typeof(TAggregate).Name, aggregate.Id.Value, aggregate.Version, storedVersion));
            }

            // Everything that can fail (allocations) comes before the first change: a save that throws stores nothing.
            version = storedVersion + 1;
            var messages = _outbox.Prepare(typeof(TAggregate).Name, aggregate.Id.Value, version, events, actedBy);
            _stored.EnsureCapacity(_stored.Count + 1);
            _ids.Add(aggregate.Id); // the set makes its node before linking it in: failing, it changes nothing
            _stored[aggregate.Id] = (version, snapshot);
            _outbox.Append(messages);
        }

        aggregate.MarkStored(version);
        return ValueTask.FromResult<SaveResult>(new Saved(version, events.Length));
    }

    // The version an aggregate is stored at, 0 for none.
    internal long VersionOf(TId id)
    {
        lock (_gate)
        {
            return _stored.TryGetValue(id, out var stored) ? stored.Version : 0;
        }
    }

    // Removes an aggregate for good (an erasure); returns the version it was stored at, 0 for none. Allocates nothing.
    internal long Remove(TId id)
    {
        lock (_gate)
        {
            _ids.Remove(id);
            return _stored.Remove(id, out var stored) ? stored.Version : 0;
        }
    }

    // Called under the store's lock, before anything changes (an erasure's scrubbing, an expiry): the stored forms
    // `rewrite` replaces, at the same versions, where it gives another. Replace puts them in place.
    internal IReadOnlyList<(TId Id, long Version, TSnapshot Snapshot)> Rewritten(IEnumerable<TId> ids, Func<TSnapshot, TSnapshot> rewrite)
    {
        lock (_gate)
        {
            List<(TId, long, TSnapshot)> rewritten = [];
            foreach (var id in ids.Distinct())
            {
                if (_stored.TryGetValue(id, out var stored) && rewrite(stored.Snapshot) is var snapshot && !ReferenceEquals(snapshot, stored.Snapshot))
                {
                    rewritten.Add((id, stored.Version, snapshot));
                }
            }

            return rewritten;
        }
    }

    // Puts what Rewritten made in place: each replaces a stored form already there, so nothing is allocated.
    internal void Replace(IReadOnlyList<(TId Id, long Version, TSnapshot Snapshot)> rewritten)
    {
        lock (_gate)
        {
            foreach (var (id, version, snapshot) in rewritten)
            {
                _stored[id] = (version, snapshot);
            }
        }
    }

    public IAsyncEnumerable<StoredAggregate<TAggregate, TId>> ReadAsync(TId? afterId = null, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default)
    {
        BulkRead.ThrowIfInvalidPageSize(pageSize);
        return ReadPagesAsync(afterId, pageSize, cancellationToken);
    }

    private async IAsyncEnumerable<StoredAggregate<TAggregate, TId>> ReadPagesAsync(TId? afterId, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            // Lets a long read give up its thread between pages, as a store that waits for its database does.
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            var page = Page(afterId, pageSize);
            foreach (var (id, (version, snapshot)) in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return new StoredAggregate<TAggregate, TId>(Restore(id, version, snapshot), version);
                afterId = id;
            }

            if (page.Length < pageSize)
            {
                yield break;
            }
        }
    }

    public IAsyncEnumerable<StoredAggregate<TAggregate, TId>> FindManyAsync(IEnumerable<TId> ids, CancellationToken cancellationToken = default)
    {
        var wanted = BulkRead.IdsToFind(ids);
        return FindEachAsync(wanted, cancellationToken);
    }

    private async IAsyncEnumerable<StoredAggregate<TAggregate, TId>> FindEachAsync(TId[] ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        List<(TId Id, long Version, TSnapshot Snapshot)> found = [];
        lock (_gate)
        {
            foreach (var id in ids)
            {
                if (_stored.TryGetValue(id, out var stored))
                {
                    found.Add((id, stored.Version, stored.Snapshot));
                }
            }
        }

        foreach (var (id, version, snapshot) in found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StoredAggregate<TAggregate, TId>(Restore(id, version, snapshot), version);
        }
    }

    // The stored aggregates whose ids come after afterId (all for none), at most pageSize of them, in id order.
    private KeyValuePair<TId, (long Version, TSnapshot Snapshot)>[] Page(TId? afterId, int pageSize)
    {
        lock (_gate)
        {
            if (_ids.Count == 0 || (afterId is { } after && after.CompareTo(_ids.Max) >= 0))
            {
                return [];
            }

            var ids = afterId is { } start ? _ids.GetViewBetween(start, _ids.Max).Where(id => id.CompareTo(start) > 0) : _ids;
            return ids.Take(pageSize).Select(id => KeyValuePair.Create(id, _stored[id])).ToArray();
        }
    }

    private static TAggregate Restore(TId id, long version, TSnapshot snapshot)
    {
        try
        {
            return TAggregate.FromSnapshot(snapshot, version);
        }
        catch (DomainValidationException refused)
        {
            throw new UnreadableAggregateException(typeof(TAggregate).Name, id.Value, version, refused);
        }
    }
}
