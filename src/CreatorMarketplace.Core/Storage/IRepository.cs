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
/// A successful save stores the aggregate's new state and its pending events (in the store's <see cref="IOutbox"/>,
/// each with who acted: the aggregate's <see cref="AggregateRoot{TId}.PendingActor"/> as <see cref="OutboxMessage.ActedBy"/>)
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

    /// <summary>
    /// Streams every aggregate stored, in id order, a page at a time: to rebuild a read model, or to resume a read
    /// that stopped after <paramref name="afterId"/>.
    /// </summary>
    /// <param name="afterId">
    /// Only the aggregates whose ids come after this one: the <see cref="StoredAggregate{TAggregate, TId}.Id"/> of the
    /// last item read, to resume; null (or <c>default(TId)</c>, which comes before every id) for all.
    /// </param>
    /// <param name="pageSize">How many aggregates each page reads, from 1 to <see cref="BulkRead.MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the read, between pages and between the items of a page.</param>
    /// <returns>
    /// Each aggregate stored when its page was read, fresh, with the version it was read at, in the ids' order
    /// (<see cref="IComparable{T}"/> of <typeparamref name="TId"/>: RFC 9562 byte order), the same in every store.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is less than 1 or more than <see cref="BulkRead.MaxPageSize"/>; thrown at the call.</exception>
    /// <exception cref="UnreadableAggregateException">
    /// While enumerating: a stored aggregate cannot be read (its aggregate's rules refuse it, or it was written by a
    /// newer release). The read stops there, after every aggregate before it; the exception names the id, so a reader
    /// may resume after it.
    /// </exception>
    /// <remarks>
    /// Pages are keyset pages: each reads the ids after the last one read, never an offset, so a page costs the
    /// same wherever it starts. The read is not a snapshot of the store: an aggregate saved during it is read at the
    /// version its page finds, or not at all when its id comes before the position reached.
    /// </remarks>
    IAsyncEnumerable<StoredAggregate<TAggregate, TId>> ReadAsync(
        TId? afterId = null,
        int pageSize = BulkRead.DefaultPageSize,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the aggregates stored under some ids, in one read where the store can: to bring a read model up to date
    /// with the aggregates a page of changes names (<see cref="IChangeFeed"/>), without a round trip per aggregate.
    /// </summary>
    /// <param name="ids">
    /// The ids, at most <see cref="BulkRead.MaxPageSize"/> different ones, in any order; an id given twice is read
    /// once, and <c>default(TId)</c>, which no aggregate has, is left out.
    /// </param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// Each aggregate stored under one of the ids when it was read, fresh, with the version it was read at, in the
    /// ids' order (as <see cref="ReadAsync"/> gives them); an id under which nothing is stored gives nothing.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null; thrown at the call.</exception>
    /// <exception cref="ArgumentOutOfRangeException">There are more than <see cref="BulkRead.MaxPageSize"/> different ids; thrown at the call.</exception>
    /// <exception cref="UnreadableAggregateException">
    /// While enumerating: a stored aggregate cannot be read. The read stops there, after every aggregate before it
    /// in id order; the exception names the id, so a reader may read the ids after it again.
    /// </exception>
    /// <remarks>
    /// The stores of this library read the ids in one query. A store that does not implement this member reads each id
    /// in turn with <see cref="ReadAsync"/>, from the id just before it, which gives the same answers.
    /// </remarks>
    IAsyncEnumerable<StoredAggregate<TAggregate, TId>> FindManyAsync(IEnumerable<TId> ids, CancellationToken cancellationToken = default) =>
        BulkRead.ReadEachAsync(this, BulkRead.IdsToFind(ids), cancellationToken);
}
