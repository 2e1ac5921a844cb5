namespace CreatorMarketplace.Storage;

/// <summary>
/// Loads and saves one kind of aggregate with optimistic concurrency. A save names the version it expects (the
/// aggregate's <see cref="AggregateRoot{TId}.Version"/>, 0 for one never stored); when the store holds another
/// version the save is a <see cref="Conflict"/> and changes nothing, so two writers never overwrite each other
/// silently.
/// </summary>
/// <typeparam name="TAggregate">The aggregate.</typeparam>
/// <typeparam name="TId">Its id.</typeparam>
/// <remarks>
/// A successful save stores the aggregate's new state and its pending events (in the store's <see cref="IOutbox"/>)
/// in one transaction, then calls <see cref="AggregateRoot{TId}.MarkStored"/>: the aggregate carries the new version
/// and no pending events. A conflict, a cancellation or a failure leaves the aggregate, its events and the store
/// exactly as they were.
/// </remarks>
public interface IRepository<TAggregate, TId>
    where TAggregate : AggregateRoot<TId>
    where TId : struct, IEntityId<TId>
{
    /// <summary>Loads an aggregate as last stored.</summary>
    /// <param name="id">The aggregate's id.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>A fresh aggregate, at its stored version with no pending events; null when none is stored under the id.</returns>
    ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves an aggregate if the store still holds the version it was loaded at (or none, for a new one), with its
    /// pending events.
    /// </summary>
    /// <param name="aggregate">The aggregate.</param>
    /// <param name="cancellationToken">Cancels the save; a cancelled save stores nothing.</param>
    /// <returns><see cref="Saved"/> with the new version, or <see cref="Conflict"/> and no change.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="aggregate"/> is null.</exception>
    ValueTask<SaveResult> SaveAsync(TAggregate aggregate, CancellationToken cancellationToken = default);
}
