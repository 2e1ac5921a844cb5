using NodaTime;

namespace CreatorMarketplace.Storage.InMemory;

// The outbox of an InMemoryMarketplaceStore, and its change feed; appended to under the store's lock by its
// repositories. A message's position is its index plus one, and every append happens under the lock, so the order
// of positions is the order of saves.
internal sealed class InMemoryOutbox : IOutbox, IChangeFeed
{
    private readonly object _gate;
    private readonly TimeProvider _time;
    private readonly List<OutboxMessage> _messages = [];
    private readonly Dictionary<Guid, Instant> _delivered = [];
    private int _firstPending;

    // Completed, and replaced, by each append: what a wait for the next change awaits.
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InMemoryOutbox(object gate, TimeProvider time)
    {
        _gate = gate;
        _time = time;
    }

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

    public ValueTask<IReadOnlyList<OutboxMessage>> ReadAsync(long afterPosition, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default)
    {
        ChangeFeed.ThrowIfInvalidRead(afterPosition, pageSize);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var first = (int)Math.Min(afterPosition, _messages.Count);
            return ValueTask.FromResult<IReadOnlyList<OutboxMessage>>(_messages.GetRange(first, Math.Min(pageSize, _messages.Count - first)));
        }
    }

    public ValueTask<long> HeadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult<long>(_messages.Count);
        }
    }

    public async ValueTask<bool> WaitAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ChangeFeed.ThrowIfInvalidWait(afterPosition, timeout);
        cancellationToken.ThrowIfCancellationRequested();
        Task appended;
        lock (_gate)
        {
            if (_messages.Count > afterPosition)
            {
                return true;
            }

            appended = _appended.Task;
        }

        // Every append after the check completes this task; the first one stores a change after the position.
        try
        {
            await appended.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    // Called under the store's lock, in the same step as the aggregate's save.
    internal void Append(string aggregate, Guid aggregateId, long version, IReadOnlyList<IDomainEvent> events)
    {
        foreach (var domainEvent in events)
        {
            _messages.Add(new OutboxMessage(Guid.NewGuid(), _messages.Count + 1, aggregate, aggregateId, version, domainEvent));
        }

        if (events.Count > 0)
        {
            var appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            appended.SetResult();
        }
    }
}
