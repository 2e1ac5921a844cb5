using CreatorMarketplace.Payments;
using OneOf;

namespace CreatorMarketplace.Storage;

/// <summary>
/// The escrow ledger's durable record: transactions appended in order, never changed or removed, each under an
/// idempotency key the store keeps unique.
/// </summary>
/// <remarks>
/// Entries are numbered without gaps across the whole ledger (<see cref="LedgerEntry.Sequence"/>, from 1), and a
/// transaction is appended only when its first entry continues that numbering. Two writers that each posted to a
/// ledger loaded at the same point therefore cannot both append: the second gets <see cref="LedgerConflict"/>.
/// A mistake is corrected by appending a reversing transaction, as <see cref="EscrowLedger"/> does.
/// </remarks>
public interface ILedgerStore
{
    /// <summary>Appends a transaction and its entries, atomically.</summary>
    /// <param name="transaction">The transaction (well formed, as every <see cref="LedgerTransaction"/> is), its entries numbered on from the last stored one.</param>
    /// <param name="cancellationToken">Cancels the append; a cancelled append stores nothing.</param>
    /// <returns>
    /// <see cref="Appended"/>; <see cref="AlreadyRecorded"/> with the stored transaction when the key is taken (nothing
    /// is appended); or <see cref="LedgerConflict"/> when the entries do not continue the stored numbering.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="transaction"/> is null.</exception>
    ValueTask<LedgerAppendResult> AppendAsync(LedgerTransaction transaction, CancellationToken cancellationToken = default);

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
/// <param name="Transaction">The transaction as stored.</param>
/// <param name="LastSequence">The number of its last entry: the ledger's last entry now.</param>
public sealed record Appended(LedgerTransaction Transaction, long LastSequence);

/// <summary>The key was used before: nothing was appended, and this is the transaction stored under it.</summary>
/// <param name="Transaction">The stored transaction.</param>
public sealed record AlreadyRecorded(LedgerTransaction Transaction);

/// <summary>The entries do not continue the stored numbering: another writer appended first. Nothing was appended.</summary>
/// <param name="Key">The transaction's key.</param>
/// <param name="ExpectedSequence">The number the first entry needed.</param>
/// <param name="GivenSequence">The number it had.</param>
public sealed record LedgerConflict(string Key, long ExpectedSequence, long GivenSequence)
{
    /// <summary>Formats the conflict for people.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"ledger transaction {ErrorText.Quote(Key)} was not appended: its first entry is number {GivenSequence}, but the ledger's next is {ExpectedSequence}.";
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
