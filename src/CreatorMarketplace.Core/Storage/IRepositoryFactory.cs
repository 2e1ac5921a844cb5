namespace CreatorMarketplace.Storage;

/// <summary>
/// Makes a store's repository for any aggregate: what a <see cref="MarketplaceStore"/> asks of a store, which names
/// the aggregates once for every store.
/// </summary>
public interface IRepositoryFactory
{
    /// <summary>Makes the repository of one kind of aggregate.</summary>
    /// <typeparam name="TAggregate">The aggregate.</typeparam>
    /// <typeparam name="TId">Its id.</typeparam>
    /// <typeparam name="TSnapshot">Its stored form.</typeparam>
    /// <returns>The repository, writing to the store's outbox.</returns>
    IRepository<TAggregate, TId> Create<TAggregate, TId, TSnapshot>()
        where TAggregate : AggregateRoot<TId>, ISnapshotable<TAggregate, TSnapshot>
        where TId : struct, IEntityId<TId>
        where TSnapshot : class;
}
