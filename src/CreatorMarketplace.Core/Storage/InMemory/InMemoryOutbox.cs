using CreatorMarketplace.Creators;
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
    private readonly Dictionary<Guid, int> _failedAttempts = [];
    private readonly Dictionary<Guid, OutboxDeadLetter> _deadLetters = [];
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
                if (IsPending(_messages[i].EventId))
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

            SkipSettledHead();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RecordFailedAttemptAsync(Guid eventId, string errorType, Instant failedAt, int maxAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // A failed event is pending, so it lies at or after the first pending one.
            var message = _messages.Skip(_firstPending).FirstOrDefault(m => m.EventId == eventId);
            if (message is null || !IsPending(eventId))
            {
                return ValueTask.FromResult(false);
            }

            // The dead letter is made and its room taken before the attempt is counted: a failure counts nothing.
            var attempts = _failedAttempts.GetValueOrDefault(eventId) + 1;
            var letter = attempts < maxAttempts ? null : new OutboxDeadLetter(message, attempts, errorType, failedAt);
            if (letter is not null)
            {
                TakingRoom?.Invoke();
                _deadLetters.EnsureCapacity(_deadLetters.Count + 1);
            }

            _failedAttempts[eventId] = attempts;
            if (letter is null)
            {
                return ValueTask.FromResult(false);
            }

            _deadLetters.Add(eventId, letter);
            SkipSettledHead();
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<IReadOnlyList<OutboxDeadLetter>> ReadDeadLettersAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<OutboxDeadLetter>>(
                _deadLetters.Values.OrderBy(letter => letter.Message.Sequence).Take(max).ToList());
        }
    }

    public ValueTask<bool> RetryDeadLetterAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(Retry(eventId));
        }
    }

    public ValueTask<int> RetryAllDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_deadLetters.Keys.ToList().Count(Retry));
        }
    }

    public ValueTask<OutboxBacklog> ReadBacklogAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var pending = _messages.Skip(_firstPending).Where(message => IsPending(message.EventId)).ToList();
            return ValueTask.FromResult(new OutboxBacklog(pending.Count, _deadLetters.Count, pending.FirstOrDefault()?.OccurredAt));
        }
    }

    // Called under the lock.
    private bool Retry(Guid eventId)
    {
        if (!_deadLetters.Remove(eventId, out var letter))
        {
            return false;
        }

        _failedAttempts.Remove(eventId);
        _firstPending = Math.Min(_firstPending, (int)letter.Message.Sequence - 1);
        return true;
    }

    private bool IsPending(Guid eventId) => !_delivered.ContainsKey(eventId) && !_deadLetters.ContainsKey(eventId);

    // Skips the delivered and dead-lettered head, so that reading stays proportional to what is pending.
    private void SkipSettledHead()
    {
        while (_firstPending < _messages.Count && !IsPending(_messages[_firstPending].EventId))
        {
            _firstPending++;
        }
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

    // Called under the store's lock, before the erasure changes anything: the outbox's part of a creator's erasure,
    // made (Erase puts it in place). Each event of the creator's aggregate, stored at storedVersion (0 for none),
    // becomes what is left of it once erased, each other event what `redact` gives, and CreatorErased is made to
    // tell readers, after the creator's last version.
    internal PreparedErasure PrepareErasure(CreatorId creator, Instant erasedAt, long storedVersion, Func<OutboxMessage, IDomainEvent> redact)
    {
        var lastVersion = storedVersion;
        var replaced = Rewritten(message =>
        {
            if (message.Aggregate != nameof(Creator) || message.AggregateId != creator.Value)
            {
                return redact(message);
            }

            lastVersion = Math.Max(lastVersion, message.AggregateVersion);
            return message.Event is CreatorErased or CreatorEventErased
                ? message.Event
                : new CreatorEventErased(creator, message.Event.GetType().Name, message.OccurredAt);
        });

        return new PreparedErasure(replaced, Prepare(nameof(Creator), creator.Value, lastVersion + 1, [new CreatorErased(creator, erasedAt)]));
    }

    // Puts what PrepareErasure made in place, under the same hold of the lock: the events replaced and, when anything
    // was erased here or by the caller (erasedElsewhere), CreatorErased appended. Returns whether anything was erased.
    internal bool Erase(PreparedErasure erasure, bool erasedElsewhere)
    {
        Replace(erasure.Replaced);
        var erased = erasure.Replaced.Count > 0 || erasedElsewhere;
        if (erased)
        {
            Append(erasure.Erased);
        }

        return erased;
    }

    // Called under the store's lock, before anything changes: the messages whose event `rewrite` replaces (where it
    // gives another event), each in the same place and with the same delivery state, its dead letter included.
    // Replace puts them in place without allocating.
    internal IReadOnlyList<ReplacedMessage> Rewritten(Func<OutboxMessage, IDomainEvent> rewrite)
    {
        List<ReplacedMessage>? replaced = null;
        for (var i = 0; i < _messages.Count; i++)
        {
            var message = _messages[i];
            var rewritten = rewrite(message);
            if (ReferenceEquals(rewritten, message.Event))
            {
                continue;
            }

            var replacement = message with { Event = rewritten };
            var letter = _deadLetters.TryGetValue(message.EventId, out var dead) ? dead with { Message = replacement } : null;
            (replaced ??= []).Add(new ReplacedMessage(i, replacement, letter));
        }

        TakingRoom?.Invoke();
        return replaced ?? [];
    }

    // Puts what Rewritten made in place: each replaces a message (and its dead letter) already there.
    internal void Replace(IReadOnlyList<ReplacedMessage> replaced)
    {
        foreach (var (index, message, letter) in replaced)
        {
            _messages[index] = message;
            if (letter is not null)
            {
                _deadLetters[message.EventId] = letter;
            }
        }
    }

    // Called under the store's lock, in the same step as the aggregate's save: the save's messages, made, and the
    // room for them taken, before the save changes anything. Appending them (Append) then allocates nothing, so that
    // a save that fails, out of memory included, stores nothing.
    internal PreparedAppend Prepare(string aggregate, Guid aggregateId, long version, IReadOnlyList<IDomainEvent> events, ActorId? actedBy = null)
    {
        TakingRoom?.Invoke();
        var messages = new OutboxMessage[events.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = new OutboxMessage(Guid.NewGuid(), _messages.Count + i + 1, aggregate, aggregateId, version, events[i]) { ActedBy = actedBy };
        }

        _messages.EnsureCapacity(_messages.Count + messages.Length);
        return new PreparedAppend(messages, messages.Length > 0 ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null);
    }

    // Appends what Prepare made, under the same hold of the lock, and wakes the waits for the next change.
    internal void Append(PreparedAppend prepared)
    {
        _messages.AddRange(prepared.Messages);
        if (prepared.NextAppended is { } next)
        {
            var appended = _appended;
            _appended = next;
            appended.SetResult();
        }
    }

    // A fault where a change takes its room (an append's, a dead letter's), for tests: what an allocation failure
    // there would do.
    internal Action? TakingRoom { get; set; }

    internal readonly record struct PreparedAppend(OutboxMessage[] Messages, TaskCompletionSource? NextAppended);

    internal readonly record struct ReplacedMessage(int Index, OutboxMessage Message, OutboxDeadLetter? Letter);

    internal readonly record struct PreparedErasure(IReadOnlyList<ReplacedMessage> Replaced, PreparedAppend Erased);
}
