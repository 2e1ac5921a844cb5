using System.Diagnostics;
using System.Diagnostics.Metrics;
using CreatorMarketplace.Payments;
using Microsoft.Extensions.Logging;

namespace CreatorMarketplace.Storage;

// A store's spans and instruments, on its package's source and meter: every store wraps its repositories and its
// ledger in the decorators below, so the three stores measure and log saves, loads and postings alike, in one place.
// Log events 1301 to 1399 of each store's package (docs/observability.md): aggregates' types and ids, never a document.
internal sealed partial class StoreInstruments
{
    public const string Aggregate = "creator_marketplace.aggregate";
    public const string Outcome = "creator_marketplace.outcome";
    public const string Currency = "creator_marketplace.currency";
    public const string Kind = "creator_marketplace.ledger.kind";

    private readonly ActivitySource _source;
    private readonly Histogram<double> _saveDuration;
    private readonly Histogram<double> _loadDuration;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _ledgerTransactions;

    public StoreInstruments(PackageTelemetry package)
    {
        _source = package.Source;
        _saveDuration = package.Meter.CreateHistogram<double>("creator_marketplace.store.save.duration", "s", "How long saving an aggregate took.");
        _loadDuration = package.Meter.CreateHistogram<double>("creator_marketplace.store.load.duration", "s", "How long loading an aggregate by its id took.");
        _conflicts = package.Meter.CreateCounter<long>("creator_marketplace.store.conflicts", "{conflict}", "Saves refused because the store holds a newer version.");
        _ledgerTransactions = package.Meter.CreateCounter<long>("creator_marketplace.ledger.transactions", "{transaction}", "Ledger transactions appended.");
    }

    // Whether anyone listens to a save or a load; when nobody does, a repository is called straight through.
    public bool Enabled => _saveDuration.Enabled || _loadDuration.Enabled || _conflicts.Enabled || _source.HasListeners();

    public IRepositoryFactory Instrument(IRepositoryFactory repositories, ILogger logger) => new InstrumentedRepositories(repositories, this, logger);

    public ILedgerStore Instrument(ILedgerStore ledger) => new InstrumentedLedgerStore(ledger, this);

    public Activity? Start(string operation, string aggregate)
    {
        var activity = _source.StartActivity(operation, ActivityKind.Internal);
        activity?.SetTag(Aggregate, aggregate);
        return activity;
    }

    public void Saved(Activity? activity, long started, string aggregate, string outcome)
    {
        activity?.SetTag(Outcome, outcome);
        _saveDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new(Aggregate, aggregate), new(Outcome, outcome));
        if (outcome == Outcomes.Conflict)
        {
            _conflicts.Add(1, new KeyValuePair<string, object?>(Aggregate, aggregate));
        }
    }

    public void Loaded(Activity? activity, long started, string aggregate, string outcome)
    {
        activity?.SetTag(Outcome, outcome);
        _loadDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new(Aggregate, aggregate), new(Outcome, outcome));
    }

    public void Posted(LedgerTransaction transaction) =>
        _ledgerTransactions.Add(1, new(Currency, transaction.Entries[0].Amount.Currency.Code), new(Kind, transaction.Kind));

    public static partial class Log
    {
        [LoggerMessage(1301, LogLevel.Debug, "Did not save {Aggregate} {Id}: it was loaded at version {ExpectedVersion}, and the store holds version {StoredVersion}")]
        public static partial void Conflict(ILogger logger, string aggregate, Guid id, long expectedVersion, long storedVersion);

        // The exception's type only: a database's message may quote the values of a row.
        [LoggerMessage(1302, LogLevel.Warning, "Saving {Aggregate} {Id} failed ({ErrorType})")]
        public static partial void SaveFailed(ILogger logger, string aggregate, Guid id, string errorType);

        [LoggerMessage(1303, LogLevel.Warning, "Loading {Aggregate} {Id} failed ({ErrorType})")]
        public static partial void LoadFailed(ILogger logger, string aggregate, Guid id, string errorType);
    }

    // The outcomes a save or a load is tagged with.
    public static class Outcomes
    {
        public const string Saved = "saved";
        public const string Conflict = "conflict";
        public const string Found = "found";
        public const string NotFound = "not_found";
        public const string Failed = "failed";
    }
}

// Makes every repository of a store an instrumented one.
internal sealed class InstrumentedRepositories(IRepositoryFactory inner, StoreInstruments instruments, ILogger logger) : IRepositoryFactory
{
    public IRepository<TAggregate, TId> Create<TAggregate, TId, TSnapshot>()
        where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
        where TId : struct, IEntityId<TId>
        where TSnapshot : class =>
        new InstrumentedRepository<TAggregate, TId>(inner.Create<TAggregate, TId, TSnapshot>(), instruments, logger);
}

// A repository measured and logged: a span, a duration and an outcome per save and per load. A bulk read and a find
// of many are passed through, as their pages are consumed at the reader's pace, which a duration would measure
// instead of the store.
internal sealed class InstrumentedRepository<TAggregate, TId>(IRepository<TAggregate, TId> inner, StoreInstruments instruments, ILogger logger) : IRepository<TAggregate, TId>
    where TAggregate : AggregateRoot<TId>
    where TId : struct, IEntityId<TId>
{
    private static readonly string AggregateName = typeof(TAggregate).Name;

    public ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default) =>
        Measured ? FindMeasuredAsync(id, cancellationToken) : inner.FindAsync(id, cancellationToken);

    public ValueTask<SaveResult> SaveAsync(TAggregate aggregate, CancellationToken cancellationToken = default) =>
        Measured ? SaveMeasuredAsync(aggregate, cancellationToken) : inner.SaveAsync(aggregate, cancellationToken);

    public IAsyncEnumerable<StoredAggregate<TAggregate, TId>> ReadAsync(TId? afterId = null, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(afterId, pageSize, cancellationToken);

    public IAsyncEnumerable<StoredAggregate<TAggregate, TId>> FindManyAsync(IEnumerable<TId> ids, CancellationToken cancellationToken = default) =>
        inner.FindManyAsync(ids, cancellationToken);

    // Straight through when nobody listens and nothing would be logged (a conflict, logged at Debug, is counted too).
    private bool Measured => instruments.Enabled || logger.IsEnabled(LogLevel.Warning);

    private async ValueTask<TAggregate?> FindMeasuredAsync(TId id, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = instruments.Start("creator_marketplace.store.load", AggregateName);
        try
        {
            var found = await inner.FindAsync(id, cancellationToken).ConfigureAwait(false);
            instruments.Loaded(activity, started, AggregateName, found is null ? StoreInstruments.Outcomes.NotFound : StoreInstruments.Outcomes.Found);
            return found;
        }
        catch (Exception exception)
        {
            StoreInstruments.Log.LoadFailed(logger, AggregateName, id.Value, PackageTelemetry.Failed(activity, exception));
            instruments.Loaded(activity, started, AggregateName, StoreInstruments.Outcomes.Failed);
            throw;
        }
    }

    private async ValueTask<SaveResult> SaveMeasuredAsync(TAggregate aggregate, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = instruments.Start("creator_marketplace.store.save", AggregateName);
        try
        {
            var result = await inner.SaveAsync(aggregate, cancellationToken).ConfigureAwait(false);
            instruments.Saved(activity, started, AggregateName, result.IsSaved ? StoreInstruments.Outcomes.Saved : StoreInstruments.Outcomes.Conflict);
            if (result.Conflict is { } conflict)
            {
                StoreInstruments.Log.Conflict(logger, AggregateName, conflict.Id, conflict.ExpectedVersion, conflict.StoredVersion);
            }

            return result;
        }
        catch (Exception exception)
        {
            StoreInstruments.Log.SaveFailed(logger, AggregateName, aggregate.Id.Value, PackageTelemetry.Failed(activity, exception));
            instruments.Saved(activity, started, AggregateName, StoreInstruments.Outcomes.Failed);
            throw;
        }
    }
}

// A ledger whose appended transactions are counted by currency and kind.
internal sealed class InstrumentedLedgerStore(ILedgerStore inner, StoreInstruments instruments) : ILedgerStore
{
    public async ValueTask<LedgerAppendResult> AppendAsync(LedgerTransaction transaction, long expectedLastSequence, CancellationToken cancellationToken = default)
    {
        var result = await inner.AppendAsync(transaction, expectedLastSequence, cancellationToken).ConfigureAwait(false);
        if (result.IsAppended)
        {
            instruments.Posted(transaction);
        }

        return result;
    }

    public ValueTask<LedgerTransaction?> FindAsync(string key, CancellationToken cancellationToken = default) => inner.FindAsync(key, cancellationToken);

    public IAsyncEnumerable<LedgerTransaction> ReadAsync(long afterSequence = 0, CancellationToken cancellationToken = default) => inner.ReadAsync(afterSequence, cancellationToken);
}
