using NodaTime;

namespace CreatorMarketplace.Storage.InMemory;

// The outbox of an InMemoryMarketplaceStore; appended to under the store's lock by its repositories.
internal sealed class InMemoryOutbox : IOutbox
{
    private readonly object _gate;
    private readonly List<OutboxMessage> _messages = [];
    private readonly Dictionary<Guid, Instant> _delivered = [];
    private int _firstPending;

    public InMemoryOutbox(object gate) => _gate = gate;

    // The store's lock, under which its repositories save and append here.
    internal object Gate => _gate;

    public ValueTask<IReadOnlyList<OutboxMessage>> ReadPendingAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var pending = new List<OutboxMessage>(Math.Min(max, _messages.Count - _firstPending));
            for (var i = _firstPending; i < _messages.Count && pending.Count < max; i++)
            {
                if (!_delivered.ContainsKey(_messages[i].EventId))
                {
                    pending.Add(_messages[i]);
                }
            }

            return ValueTask.FromResult<IReadOnlyList<OutboxMessage>>(pending);
        }
    }

    public ValueTask MarkDeliveredAsync(IReadOnlyCollection<Guid> eventIds, Instant deliveredAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (var id in eventIds)
            {
                _delivered.TryAdd(id, deliveredAt);
            }

            // Skips the delivered head, so that reading stays proportional to what is pending.
            while (_firstPending < _messages.Count && _delivered.ContainsKey(_messages[_firstPending].EventId))
            {
                _firstPending++;
            }
        }

        return ValueTask.CompletedTask;
    }

    // Called under the store's lock, in the same step as the aggregate's save.
    internal void Append(string aggregate, Guid aggregateId, long version, IReadOnlyList<IDomainEvent> events)
    {
        foreach (var domainEvent in events)
        {
            _messages.Add(new OutboxMessage(Guid.NewGuid(), _messages.Count + 1, aggregate, aggregateId, version, domainEvent));
        }
    }
}
