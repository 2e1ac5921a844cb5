using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CreatorMarketplace.Connectors.Fakes;

/// <summary>An application's token store, in memory, remembering every save: one class for every platform's tokens.</summary>
public sealed class MemoryTokenStore<TTokens> : IConnectorTokenStore<TTokens>
    where TTokens : class
{
    private readonly ConcurrentDictionary<ConnectedAccount, TTokens> _tokens = new();
    private readonly ConcurrentQueue<TTokens> _saved = new();

    public IReadOnlyList<TTokens> Saved => _saved.ToArray();

    public void Put(ConnectedAccount account, TTokens tokens) => _tokens[account] = tokens;

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

/// <summary>Keeps every log line, its exception and its values, to search them for secrets.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(pair => $"{pair.Key}={pair.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
