using System.Collections.Concurrent;

namespace CreatorMarketplace.Connectors.Fakes;

/// <summary>An application's token store, in memory, remembering every save; each platform's store is one of these.</summary>
public abstract class MemoryTokens<TTokens>
    where TTokens : class
{
    private readonly ConcurrentDictionary<ConnectedAccount, TTokens> _tokens = new();
    private readonly ConcurrentQueue<TTokens> _saved = new();

    public IReadOnlyList<TTokens> Saved => _saved.ToArray();

    public MemoryTokens<TTokens> Put(ConnectedAccount account, TTokens tokens)
    {
        _tokens[account] = tokens;
        return this;
    }

    public void Remove(ConnectedAccount account) => _tokens.TryRemove(account, out _);

    public ValueTask<TTokens?> GetAsync(ConnectedAccount account, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_tokens.TryGetValue(account, out var tokens) ? tokens : null);
    }

    public ValueTask SaveAsync(ConnectedAccount account, TTokens tokens, CancellationToken cancellationToken)
    {
        _tokens[account] = tokens;
        _saved.Enqueue(tokens);
        return ValueTask.CompletedTask;
    }
}
