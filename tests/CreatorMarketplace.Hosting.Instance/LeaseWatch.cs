using Microsoft.Extensions.Logging;

namespace CreatorMarketplace.Hosting.Instance;

/// <summary>
/// Whether this instance's dispatcher holds the outbox lease, as its log says: the hosted dispatcher logs taking the
/// lease (event 1) and losing it (event 2), and exposes nothing else.
/// </summary>
internal sealed class LeaseWatch
{
    private const string DispatcherCategory = "CreatorMarketplace.DependencyInjection.OutboxDispatcherService";

    private volatile bool _held;

    /// <summary>Whether the lease was taken and not lost since.</summary>
    public bool Held => _held;

    /// <summary>Watches the dispatcher's log and writes every line of the host's log to stderr, named by the instance.</summary>
    internal sealed class Provider(LeaseWatch watch, string instance) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(watch, instance, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(LeaseWatch watch, string instance, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (category == DispatcherCategory && eventId.Id is 1 or 2)
            {
                watch._held = eventId.Id == 1;
            }

            Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {instance} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
        }
    }
}
