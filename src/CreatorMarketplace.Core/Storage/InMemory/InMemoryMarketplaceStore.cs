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

        // Under the store's lock, as one save: nothing reads the store halfway through. Everything that can fail (the
        // rewrites, their allocations, the outbox's room) comes before the first change, as in a transaction: an
        // erasure that throws erases nothing, and erasing again erases it all and tells readers (CreatorErased).
        lock (_outbox.Gate)
        {
            var histories = _repositories.Collaborations!.Rewritten(request.Collaborations, Histories(request.Redact));
            var storedVersion = _repositories.Creators!.VersionOf(creator);
            var outbox = _outbox.PrepareErasure(creator, request.ErasedAt, storedVersion, CollaborationEvents(collaborations, request.Redact));

            var identity = _identities.Erase(creator);
            _repositories.Creators.Remove(creator);
            _repositories.Collaborations.Replace(histories);
            return ValueTask.FromResult(_outbox.Erase(outbox, erasedElsewhere: identity || storedVersion > 0 || histories.Count > 0));
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
            // Made whole before either is put in place, as an erasure is.
            var histories = _repositories.Collaborations!.Rewritten(expiry.Collaborations, Histories(expiry.Expire));
            var messages = _outbox.Rewritten(CollaborationEvents(collaborations, expiry.Expire));
            _repositories.Collaborations.Replace(histories);
            _outbox.Replace(messages);
            return ValueTask.FromResult(histories.Count);
        }
    }

    // A collaboration's stored history rewritten event by event; a rewrite that returns each event itself changes nothing.
    private static Func<CollaborationSnapshot, CollaborationSnapshot> Histories(Func<IDomainEvent, IDomainEvent> rewrite) =>
        snapshot => snapshot.History.Select(rewrite).ToArray() is var history && history.SequenceEqual<IDomainEvent>(snapshot.History, ReferenceEqualityComparer.Instance)
            ? snapshot
            : snapshot with { History = [.. history.Cast<CollaborationEvent>()] };

    // The outbox's events of the collaborations rewritten, every other event as it is.
    private static Func<OutboxMessage, IDomainEvent> CollaborationEvents(HashSet<Guid> collaborations, Func<IDomainEvent, IDomainEvent> rewrite) =>
        message => message.Aggregate == nameof(Collaboration) && collaborations.Contains(message.AggregateId) ? rewrite(message.Event) : message.Event;

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
