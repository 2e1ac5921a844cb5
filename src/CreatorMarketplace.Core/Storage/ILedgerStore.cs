using CreatorMarketplace.Payments;
using OneOf;

namespace CreatorMarketplace.Storage;

/// <summary>
/// The escrow ledger's durable record: transactions appended in order, never changed or removed, each under an
/// idempotency key the store keeps unique.
/// </summary>
/// <remarks>
/// The store numbers the entries, without gaps across the whole ledger (<see cref="LedgerEntry.Sequence"/>, from 1).
/// A writer names the position its decision was made on, the number of the last entry of the ledger it posted to,
/// and the store appends only while that is still its last entry, as a repository saves only the version it was
/// loaded at. Two writers that each posted to a ledger loaded at the same point therefore cannot both append: the
/// second gets <see cref="LedgerConflict"/>. A mistake is corrected by appending a reversing transaction, as
/// <see cref="EscrowLedger"/> does.
/// </remarks>
public interface ILedgerStore
{
    /// <summary>
    /// Appends a transaction and its entries, atomically, numbering the entries on from the store's last one, if that
    /// is still <paramref name="expectedLastSequence"/>.
    /// </summary>
    /// <param name="transaction">The transaction; its entries' own numbers are replaced by the store's.</param>
    /// <param name="expectedLastSequence">
    /// The number of the ledger's last entry when the transaction was decided (0 for an empty ledger): for a
    /// transaction <see cref="EscrowLedger"/> posted, the number before its first entry.
    /// </param>
    /// <param name="cancellationToken">Cancels the append; a cancelled append stores nothing.</param>
    /// <returns>
    /// <see cref="Appended"/> with the transaction as numbered and stored; <see cref="AlreadyRecorded"/> with the
    /// stored transaction when the key is taken (nothing is appended); or <see cref="LedgerConflict"/> when the
    /// ledger's last entry is no longer <paramref name="expectedLastSequence"/> (nothing is appended).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="transaction"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedLastSequence"/> is negative, or the entries' numbers would pass <see cref="long.MaxValue"/>.</exception>
    ValueTask<LedgerAppendResult> AppendAsync(LedgerTransaction transaction, long expectedLastSequence, CancellationToken cancellationToken = default);

    /// <summary>Finds a transaction by its idempotency key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The transaction, or null.</returns>
    ValueTask<LedgerTransaction?> FindAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Reads transactions in the order they were appended.</summary>
    /// <param name="afterSequence">Only transactions whose entries come after this entry number; 0 for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The transactions, oldest first.</returns>
    IAsyncEnumerable<LedgerTransaction> ReadAsync(long afterSequence = 0, CancellationToken cancellationToken = default);
}

/// <summary>The transaction was appended.</summary>
/// <param name="Transaction">The transaction as stored, its entries numbered by the store.</param>
/// <param name="LastSequence">The number of its last entry: the ledger's last entry now.</param>
public sealed record Appended(LedgerTransaction Transaction, long LastSequence);

/// <summary>The key was used before: nothing was appended, and this is the transaction stored under it.</summary>
/// <param name="Transaction">The stored transaction.</param>
public sealed record AlreadyRecorded(LedgerTransaction Transaction);

/// <summary>
/// The ledger's last entry is not the one the transaction was decided on: another writer appended first. Nothing was
/// appended; load the ledger again, decide again and append again.
/// </summary>
/// <param name="Key">The transaction's key.</param>
/// <param name="ExpectedLastSequence">The number of the last entry the writer expected (0: an empty ledger).</param>
/// <param name="StoredLastSequence">The number of the ledger's last entry in the store (0: none).</param>
public sealed record LedgerConflict(string Key, long ExpectedLastSequence, long StoredLastSequence)
{
    /// <summary>Formats the conflict for people.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"ledger transaction {ErrorText.Quote(Key)} was not appended: it was decided after entry {ExpectedLastSequence}, but the ledger's last entry is {StoredLastSequence}.";
}

/// <summary>The outcome of <see cref="ILedgerStore.AppendAsync"/>.</summary>
[Union]
public sealed partial class LedgerAppendResult : OneOfBase<Appended, AlreadyRecorded, LedgerConflict>
{
    /// <summary>Whether this call appended the transaction.</summary>
    public bool IsAppended => IsT0;

    /// <summary>Formats the outcome.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Match(
        appended => $"appended {ErrorText.Quote(appended.Transaction.Key)} up to entry {appended.LastSequence}",
        recorded => $"{ErrorText.Quote(recorded.Transaction.Key)} was recorded before",
        conflict => conflict.ToString());
}
