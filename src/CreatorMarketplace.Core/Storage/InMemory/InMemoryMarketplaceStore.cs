namespace CreatorMarketplace.Storage.InMemory;

/// <summary>
/// The reference store: everything in memory, for tests, samples and applications that keep nothing between runs.
/// It keeps the same promises as the durable stores (snapshots, not live objects; optimistic concurrency; events
/// in the outbox in the same step as their aggregate, read in order by its change feed; an append-only ledger with
/// unique keys) and passes the same contract tests. Safe to use from several threads.
/// </summary>
public sealed class InMemoryMarketplaceStore : MarketplaceStore
{
    /// <summary>Creates an empty store whose change feed times its waits by the system's clock.</summary>
    public InMemoryMarketplaceStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates an empty store whose change feed times its waits by <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">Times <see cref="IChangeFeed.WaitAsync"/>'s timeouts.</param>
    /// <param name="logger">Where failed saves and loads and conflicts are logged (aggregates' ids only); none when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    public InMemoryMarketplaceStore(TimeProvider timeProvider, ILogger<InMemoryMarketplaceStore>? logger = null)
        : this(new InMemoryOutbox(new object(), timeProvider ?? throw new ArgumentNullException(nameof(timeProvider))), logger ?? (ILogger)NullLogger.Instance)
    {
    }

    private InMemoryMarketplaceStore(InMemoryOutbox outbox, ILogger logger)
        : base(Instruments.Instrument(new Repositories(outbox), logger), outbox, outbox, new InMemoryOutboxLease(), Instruments.Instrument(new InMemoryLedgerStore()), new InMemoryPostMetricsStore(), new InMemoryCreatorIdentityStore())
    {
    }

    // On Core's source and meter: the in-memory store's saves, loads and ledger postings.
    private static StoreInstruments Instruments { get; } = new(CoreTelemetry.Package);

    // One lock for the whole store, the outbox's: a save changes a repository and the outbox together, as a
    // transaction would.
    private sealed class Repositories(InMemoryOutbox outbox) : IRepositoryFactory
    {
        public IRepository<TAggregate, TId> Create<TAggregate, TId, TSnapshot>()
            where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
            where TId : struct, IEntityId<TId>
            where TSnapshot : class =>
            new InMemoryRepository<TAggregate, TId, TSnapshot>(outbox.Gate, outbox);
    }
}
