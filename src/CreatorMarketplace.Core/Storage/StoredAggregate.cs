namespace CreatorMarketplace.Storage;

/// <summary>An aggregate as a bulk read (<see cref="IRepository{TAggregate, TId}.ReadAsync"/>) found it.</summary>
/// <typeparam name="TAggregate">The aggregate.</typeparam>
/// <typeparam name="TId">Its id.</typeparam>
/// <param name="Aggregate">The aggregate, fresh, with no pending events; the reader's to change and save.</param>
/// <param name="Version">The version it was stored at when read, which a change to the aggregate leaves as it is.</param>
public sealed record StoredAggregate<TAggregate, TId>(TAggregate Aggregate, long Version)
    where TAggregate : AggregateRoot<TId>
    where TId : struct, IEntityId<TId>
{
    /// <summary>The aggregate's id: the position the read reached, to resume after.</summary>
    public TId Id => Aggregate.Id;
}
