using System.Collections.Concurrent;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Storage.InMemory;

// Personal data in a dictionary: CreatorIdentity is immutable, so the store keeps the value it was given.
internal sealed class InMemoryCreatorIdentityStore : ICreatorIdentityStore
{
    private readonly ConcurrentDictionary<CreatorId, CreatorIdentity> _identities = new();

    public ValueTask<CreatorIdentity?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_identities.GetValueOrDefault(creator));
    }

    public ValueTask SaveAsync(CreatorIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        cancellationToken.ThrowIfCancellationRequested();
        _identities[identity.Creator] = identity;
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> EraseAsync(CreatorId creator, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Erase(creator));
    }

    internal bool Erase(CreatorId creator) => _identities.TryRemove(creator, out _);
}
