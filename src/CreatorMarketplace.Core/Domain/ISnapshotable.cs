namespace CreatorMarketplace;

/// <summary>
/// An aggregate with a stored form: an immutable snapshot of everything it holds, from which it is restored
/// exactly. Stores save the snapshot (and the aggregate's version beside it), never the live object, so a stored
/// aggregate shares nothing with the one a caller keeps changing.
/// </summary>
/// <typeparam name="TSelf">The aggregate.</typeparam>
/// <typeparam name="TSnapshot">Its snapshot: a sealed record of values.</typeparam>
/// <remarks>
/// The law every aggregate keeps: <c>TSelf.FromSnapshot(a.ToSnapshot(), v)</c> is indistinguishable from
/// <c>a</c> (same state, same answers to every command) except that it has version <c>v</c> and no pending events.
/// Pending events are not part of the snapshot: a store hands them to its outbox.
/// </remarks>
public interface ISnapshotable<TSelf, TSnapshot>
    where TSelf : ISnapshotable<TSelf, TSnapshot>
    where TSnapshot : class
{
    /// <summary>Takes the aggregate's stored form.</summary>
    /// <returns>The snapshot.</returns>
    TSnapshot ToSnapshot();

    /// <summary>Restores an aggregate from its stored form.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="version">The version it was stored at; at least 1.</param>
    /// <returns>The aggregate, with no pending events.</returns>
    /// <exception cref="ArgumentException">The snapshot breaks one of the aggregate's invariants; the message names the member and the rule.</exception>
    static abstract TSelf FromSnapshot(TSnapshot snapshot, long version);
}
