using System.Collections.Concurrent;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Telemetry;

/// <summary>
/// Core's log events carry ids, positions, counts and error types: never a creator's name or bio, even when what
/// failed was about them.
/// </summary>
public sealed class CoreLoggingTests
{
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 12, 4, 9, 0), Duration.FromSeconds(1));

    [Fact]
    public async Task A_conflict_a_fault_and_a_dead_letter_are_logged_with_their_ids_and_no_personal_data()
    {
        var logs = new Logs();
        var store = new InMemoryMarketplaceStore(TimeProvider.System, logs.For<InMemoryMarketplaceStore>());
        var creator = new CreatorGenerator(25, _clock).NextNew();
        (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        var stale = (await store.Creators.FindAsync(creator.Id))!;
        (await store.Creators.SaveAsync((await store.Creators.FindAsync(creator.Id))!)).IsSaved.ShouldBeTrue();
        (await store.Creators.SaveAsync(stale)).IsSaved.ShouldBeFalse();

        // The catalog refuses the creator, quoting its name and bio, as a validation message may.
        var follower = new CatalogFollower(store, new Refusing(), TimeProvider.System, logger: logs.For<CatalogFollower>());
        using var stop = new CancellationTokenSource();
        var run = follower.RunAsync(stop.Token);
        await follower.WaitUntilCaughtUpAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);

        var dispatcher = new OutboxDispatcher(store.Outbox, new RefusingPublisher(creator), _clock, maxAttempts: 1, logger: logs.For<OutboxDispatcher>());
        (await dispatcher.DispatchPendingAsync()).DeadLettered.ShouldBeGreaterThan(0);

        logs.Events.ShouldContain(e => e.Id == 1301 && e.Level == LogLevel.Debug && e.Message.Contains(creator.Id.Value.ToString(), StringComparison.Ordinal));
        logs.Events.ShouldContain(e => e.Id == 1004 && e.Level == LogLevel.Warning && e.Message.Contains(creator.Id.Value.ToString(), StringComparison.Ordinal));
        logs.Events.ShouldContain(e => e.Id == 1001 && e.Level == LogLevel.Information);
        logs.Events.ShouldContain(e => e.Id == 1102 && e.Level == LogLevel.Warning);
        foreach (var logged in logs.Events)
        {
            logged.Message.ShouldNotContain(creator.Profile.DisplayName, Case.Insensitive);
            logged.Message.ShouldNotContain(creator.Profile.Bio.Length > 0 ? creator.Profile.Bio : "\u0000", Case.Insensitive);
            logged.Message.ShouldNotContain("secret-token", Case.Insensitive);
            logged.Exception.ShouldBeNull("an exception's message may quote data, so only its type is logged");
        }
    }

    private sealed class Refusing : ICreatorCatalog
    {
        public ValueTask<bool> UpsertAsync(CreatorListing listing, CancellationToken cancellationToken = default) =>
            throw new ArgumentException($"refused {listing.Profile.DisplayName}: {listing.Profile.Bio}", nameof(listing));

        public ValueTask<bool> RemoveAsync(CreatorId creator, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        public ValueTask<CreatorListing?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default) => ValueTask.FromResult<CreatorListing?>(null);

        public ValueTask<CreatorSearchResult> SearchAsync(CreatorQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class RefusingPublisher(Creator creator) : IOutboxPublisher
    {
        public ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"the bus refused {creator.Profile.DisplayName} with secret-token");
    }

    /// <summary>Every event logged through its loggers, formatted as a provider would write it.</summary>
    private sealed class Logs
    {
        public ConcurrentQueue<(int Id, LogLevel Level, string Message, Exception? Exception)> Events { get; } = new();

        public ILogger<T> For<T>() => new Logger<T>(this);

        private sealed class Logger<T>(Logs logs) : ILogger<T>
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Events.Enqueue((eventId.Id, logLevel, formatter(state, exception), exception));
        }
    }
}
