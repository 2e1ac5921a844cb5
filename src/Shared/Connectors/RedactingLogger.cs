using System.Collections;
using Microsoft.Extensions.Logging;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>
/// The connector's only way to log: every line passes through <see cref="Secrets.Redact"/> before the application's
/// logger sees it, its message and each of its values, its exception and its scopes alike, so that no value logged now
/// or later can carry a secret out.
/// </summary>
internal sealed class RedactingLogger(ILogger inner, Secrets secrets) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull =>
        inner.BeginScope(Redact(state, state.ToString() ?? ""));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        inner.Log(logLevel, eventId, Redact(state, formatter(state, exception)), Redact(exception), static (line, _) => line.Message);
    }

    private Line Redact<TState>(TState state, string message) =>
        new(
            secrets.Redact(message),
            state is IEnumerable<KeyValuePair<string, object?>> values
                ? values.Select(value => KeyValuePair.Create(value.Key, Redact(value.Value))).ToArray()
                : []);

    private object? Redact(object? value)
    {
        if (value is null)
        {
            return null;
        }

        // Values without a secret keep their type, for structured logging.
        var text = value.ToString() ?? "";
        var redacted = secrets.Redact(text);
        return value is string || !ReferenceEquals(redacted, text) ? redacted : value;
    }

    private RedactedException? Redact(Exception? exception) => exception is null ? null : new RedactedException(exception, secrets);

    /// <summary>A log line's message and values, redacted.</summary>
    private sealed class Line(string message, KeyValuePair<string, object?>[] values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;

        public int Count => values.Length;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}

/// <summary>An exception logged by the connector, as its type, message and stack trace, redacted.</summary>
#pragma warning disable CA1032 // Internal, made only by the redacting logger: no need for the usual constructors.
internal sealed class RedactedException(Exception exception, Secrets secrets) : Exception(secrets.Redact($"{exception.GetType()}: {exception.Message}"))
#pragma warning restore CA1032
{
    private readonly string _text = secrets.Redact(exception.ToString());

    public override string? StackTrace => null;

    public override string ToString() => _text;
}
