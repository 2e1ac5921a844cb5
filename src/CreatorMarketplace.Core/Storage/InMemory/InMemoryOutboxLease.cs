namespace CreatorMarketplace.Storage.InMemory;

// The outbox lease of an InMemoryMarketplaceStore: one holder per store instance, which nothing else shares, so it
// is never lost; disposing of the held lease releases it.
internal sealed class InMemoryOutboxLease : IOutboxLease
{
    private Held? _holder;

    public ValueTask<IHeldLease?> TryAcquireAsync(TimeSpan renewalInterval, CancellationToken cancellationToken = default)
    {
        OutboxLease.ThrowIfInvalidRenewalInterval(renewalInterval);
        cancellationToken.ThrowIfCancellationRequested();
        var held = new Held(this);
        return ValueTask.FromResult<IHeldLease?>(Interlocked.CompareExchange(ref _holder, held, null) is null ? held : null);
    }

    private sealed class Held(InMemoryOutboxLease lease) : IHeldLease
    {
        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync()
        {
            Interlocked.CompareExchange(ref lease._holder, null, this);
            return ValueTask.CompletedTask;
        }
    }
}
