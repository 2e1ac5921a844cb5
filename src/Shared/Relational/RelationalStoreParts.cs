using CreatorMarketplace.Serialization;
using Microsoft.Extensions.Logging;

namespace CreatorMarketplace.Storage.Relational;

// A relational store's database and what the store hands MarketplaceStore over it: its repositories, its outbox
// (which is its change feed too, its waits timed by timeProvider), its outbox lease, its ledger, its post metrics, its creators' personal data and its part of a creator's erasure;
// the repositories and the ledger measured on the store package's instruments.
internal sealed class RelationalStoreParts<TDatabase>(TDatabase database, StoredFormats formats, TimeSpan changePollingInterval, TimeProvider? timeProvider, StoreInstruments instruments, ILogger logger)
    where TDatabase : RelationalDatabase
{
    public TDatabase Database { get; } = database;

    public IRepositoryFactory Repositories { get; } = instruments.Instrument(new RelationalRepositories(database, formats), logger);

    public RelationalOutbox Outbox { get; } = new(database, timeProvider ?? throw new ArgumentNullException(nameof(timeProvider)), changePollingInterval);

    public IOutboxLease OutboxLease { get; } = database.CreateOutboxLease(timeProvider!);

    public ILedgerStore Ledger { get; } = instruments.Instrument(new RelationalLedgerStore(database));

    public IPostMetricsStore PostMetrics { get; } = new RelationalPostMetricsStore(database);

    public ICreatorIdentityStore Identities { get; } = new RelationalCreatorIdentityStore(database);

    public ICreatorRecordEraser Eraser { get; } = new RelationalCreatorEraser(database);

    public IMessageExpirer MessageExpirer { get; } = new RelationalMessageExpirer(database);
}

// The options both relational stores share.
internal static class RelationalStoreOptions
{
    // The rule of both stores' ChangePollingInterval option; dialect prefixes the error's code ("sqlite").
    public static void RequireChangePollingInterval(ErrorCollector errors, TimeSpan interval, string dialect) =>
        errors.Require(
            interval >= TimeSpan.FromMilliseconds(1) && interval <= TimeSpan.FromHours(1),
            "changePollingInterval",
            $"{dialect}.change_polling_interval_out_of_range",
            "the change feed's polling interval is at least a millisecond and at most an hour.");
}
