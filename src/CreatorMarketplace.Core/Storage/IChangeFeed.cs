namespace CreatorMarketplace.Storage;

/// <summary>
/// A store's changes in order: every domain event its saves wrote, at its position
/// (<see cref="OutboxMessage.Sequence"/>), whether or not <see cref="OutboxDispatcher"/> has delivered it. A read
/// model (a creator catalog, a search index, a report) follows the store by reading the changes after the last
/// position it applied and waiting for more.
/// </summary>
/// <remarks>
/// <para>What a follower may rely on, in every store:</para>
/// <list type="bullet">
/// <item><description><b>Total order.</b> Changes are read in ascending position; a position is never reused, so a
/// change read once is read at the same position on every later read. Positions grow but need not be consecutive
/// (a save that failed may have used a number).</description></item>
/// <item><description><b>Order per aggregate.</b> An aggregate's changes have ascending positions in the order its
/// saves stored them, so its <see cref="OutboxMessage.AggregateVersion"/> never goes down along the feed.</description></item>
/// <item><description><b>No gaps skipped.</b> Once a change at a position can be read, every change at a lower
/// position can be read too: a save that commits late never puts a change behind a position a follower has
/// already passed.</description></item>
/// <item><description><b>At least once.</b> A follower that resumes after the last position it applied reads every
/// later change. One that resumes from an earlier position reads some changes again; applying them again is
/// harmless where a read model keeps only newer versions (a catalog's upsert does).</description></item>
/// </list>
/// </remarks>
public interface IChangeFeed
{
    /// <summary>Reads the changes after a position, in position order.</summary>
    /// <param name="afterPosition">The last position already applied; 0 to read from the first change.</param>
    /// <param name="pageSize">The most changes to read, from 1 to <see cref="BulkRead.MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// Up to <paramref name="pageSize"/> changes after <paramref name="afterPosition"/>, in position order; fewer than
    /// <paramref name="pageSize"/> only when no more are stored now. The last one's
    /// <see cref="OutboxMessage.Sequence"/> is the position to read after next.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterPosition"/> is negative, or <paramref name="pageSize"/> is out of range.</exception>
    ValueTask<IReadOnlyList<OutboxMessage>> ReadAsync(long afterPosition, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// The position of the last change a read can give now, 0 when the store holds none: a follower that reads
    /// after this position later reads exactly what was stored after now.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The head position.</returns>
    ValueTask<long> HeadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the store holds a change after a position, or until the timeout. Returns at once when it holds
    /// one already. A save through the same store instance wakes the wait at once; a save through another instance
    /// or process wakes it by the database's notification where there is one (PostgreSQL's <c>NOTIFY</c>), and
    /// otherwise, or when a notification is missed, within the store's polling interval.
    /// </summary>
    /// <param name="afterPosition">The last position already applied.</param>
    /// <param name="timeout">How long to wait at most; <see cref="Timeout.InfiniteTimeSpan"/> to wait until a change or cancellation.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when a change after <paramref name="afterPosition"/> can be read; false when the timeout passed first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterPosition"/> is negative, or <paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    ValueTask<bool> WaitAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken = default);
}
