using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Storage.InMemory;

/// <summary>
/// The reference store: everything in memory, for tests, samples and applications that keep nothing between runs.
/// It keeps the same promises as the durable stores (snapshots, not live objects; optimistic concurrency; events
/// in the outbox in the same step as their aggregate, read in order by its change feed; an append-only ledger with
/// unique keys) and passes the same contract tests. Safe to use from several threads.
/// </summary>
public sealed class InMemoryMarketplaceStore : MarketplaceStore, ICreatorRecordEraser, IMessageExpirer
{
    private readonly InMemoryOutbox _outbox;
    private readonly Repositories _repositories;
    private readonly InMemoryCreatorIdentityStore _identities;

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
        : this(outbox, new Repositories(outbox), new InMemoryCreatorIdentityStore(), logger)
    {
    }

    private InMemoryMarketplaceStore(InMemoryOutbox outbox, Repositories repositories, InMemoryCreatorIdentityStore identities, ILogger logger)
        : base(Instruments.Instrument(repositories, logger), outbox, outbox, new InMemoryOutboxLease(), Instruments.Instrument(new InMemoryLedgerStore()), new InMemoryPostMetricsStore(), identities)
    {
        _outbox = outbox;
        _repositories = repositories;
        _identities = identities;
    }

    // On Core's source and meter: the in-memory store's saves, loads and ledger postings.
    private static StoreInstruments Instruments { get; } = new(CoreTelemetry.Package);

    /// <inheritdoc />
    ValueTask<bool> ICreatorRecordEraser.EraseRecordsAsync(CreatorErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var creator = request.Creator;
        var collaborations = request.Collaborations.Select(id => id.Value).ToHashSet();

        // Under the store's lock, as one save: nothing reads the store halfway through.
        lock (_outbox.Gate)
        {
            var identity = _identities.Erase(creator);
            var storedVersion = _repositories.Creators!.Remove(creator);
            var scrubbed = false;
            foreach (var collaboration in request.Collaborations)
            {
                scrubbed |= RewriteHistory(collaboration, request.Redact);
            }

            scrubbed |= _outbox.Rewrite(message => collaborations.Contains(message.AggregateId) && message.Aggregate == nameof(Collaboration) ? request.Redact(message.Event) : message.Event);
            return ValueTask.FromResult(_outbox.EraseCreator(creator, request.ErasedAt, storedVersion, identity || storedVersion > 0 || scrubbed));
        }
    }

    /// <inheritdoc />
    ValueTask<int> IMessageExpirer.ExpireMessagesAsync(MessageExpiry expiry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expiry);
        cancellationToken.ThrowIfCancellationRequested();
        var collaborations = expiry.Collaborations.Select(id => id.Value).ToHashSet();
        lock (_outbox.Gate)
        {
            var changed = expiry.Collaborations.Count(collaboration => RewriteHistory(collaboration, expiry.Expire));
            _outbox.Rewrite(message => collaborations.Contains(message.AggregateId) && message.Aggregate == nameof(Collaboration) ? expiry.Expire(message.Event) : message.Event);
            return ValueTask.FromResult(changed);
        }
    }

    // Rewrites a collaboration's stored history event by event; a rewrite that returns each event itself changes nothing.
    private bool RewriteHistory(CollaborationId collaboration, Func<IDomainEvent, IDomainEvent> rewrite) =>
        _repositories.Collaborations!.Rewrite(collaboration, snapshot =>
            snapshot.History.Select(rewrite).ToArray() is var history && history.SequenceEqual<IDomainEvent>(snapshot.History, ReferenceEqualityComparer.Instance)
                ? snapshot
                : snapshot with { History = [.. history.Cast<CollaborationEvent>()] });

    // One lock for the whole store, the outbox's: a save changes a repository and the outbox together, as a
    // transaction would. The creators' and collaborations' repositories are kept for an erasure, which changes them.
    private sealed class Repositories(InMemoryOutbox outbox) : IRepositoryFactory
    {
        public InMemoryRepository<Creator, CreatorId, CreatorSnapshot>? Creators { get; private set; }

        public InMemoryRepository<Collaboration, CollaborationId, CollaborationSnapshot>? Collaborations { get; private set; }

        public IRepository<TAggregate, TId> Create<TAggregate, TId, TSnapshot>()
            where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
            where TId : struct, IEntityId<TId>
            where TSnapshot : class
        {
            var repository = new InMemoryRepository<TAggregate, TId, TSnapshot>(outbox.Gate, outbox);
            Creators ??= repository as InMemoryRepository<Creator, CreatorId, CreatorSnapshot>;
            Collaborations ??= repository as InMemoryRepository<Collaboration, CollaborationId, CollaborationSnapshot>;

            return repository;
        }
    }
}
