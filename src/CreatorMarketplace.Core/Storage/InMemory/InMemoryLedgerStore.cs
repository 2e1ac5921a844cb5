using System.Runtime.CompilerServices;
using CreatorMarketplace.Payments;

namespace CreatorMarketplace.Storage.InMemory;

// The ledger of an InMemoryMarketplaceStore: a list that only grows, and a key index.
internal sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly object _gate = new();
    private readonly List<LedgerTransaction> _transactions = [];
    private readonly Dictionary<string, LedgerTransaction> _byKey = new(StringComparer.Ordinal);
    private long _lastSequence;

    // A fault where an append takes its room, for tests: what an allocation failure there would do.
    internal Action? TakingRoom { get; set; }

    public ValueTask<LedgerAppendResult> AppendAsync(LedgerTransaction transaction, long expectedLastSequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var numbered = transaction.NumberedAfter(expectedLastSequence);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_byKey.TryGetValue(transaction.Key, out var recorded))
            {
                return ValueTask.FromResult<LedgerAppendResult>(new AlreadyRecorded(recorded));
            }

            if (expectedLastSequence != _lastSequence)
            {
                return ValueTask.FromResult<LedgerAppendResult>(new LedgerConflict(transaction.Key, expectedLastSequence, _lastSequence));
            }

            // Room taken before the first change, so that an append that fails (out of memory) records nothing.
            TakingRoom?.Invoke();
            _transactions.EnsureCapacity(_transactions.Count + 1);
            _byKey.EnsureCapacity(_byKey.Count + 1);
            _transactions.Add(numbered);
            _byKey.Add(numbered.Key, numbered);
            _lastSequence = numbered.Entries[^1].Sequence;
            return ValueTask.FromResult<LedgerAppendResult>(new Appended(numbered, _lastSequence));
        }
    }

    public ValueTask<LedgerTransaction?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_byKey.GetValueOrDefault(key));
        }
    }

    public async IAsyncEnumerable<LedgerTransaction> ReadAsync(long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        LedgerTransaction[] transactions;
        lock (_gate)
        {
            transactions = _transactions.Where(t => t.Entries[^1].Sequence > afterSequence).ToArray();
        }

        foreach (var transaction in transactions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return transaction;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
