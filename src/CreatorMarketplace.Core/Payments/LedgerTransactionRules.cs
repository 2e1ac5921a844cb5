namespace CreatorMarketplace.Payments;

/// <summary>The checks every ledger store makes before appending, so that all stores refuse the same transactions.</summary>
public static class LedgerTransactionRules
{
    /// <summary>
    /// Checks a transaction's shape: a non-blank key, entries under that key, numbered consecutively from 1 or more,
    /// and text that keeps the kernel's <see cref="TextRule"/> (key, kind and reversed key on one line).
    /// </summary>
    /// <param name="transaction">The transaction.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transaction"/> is null.</exception>
    /// <exception cref="DomainValidationException">The transaction breaks a rule; every problem is named.</exception>
    public static void ThrowIfMalformed(LedgerTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var errors = new ErrorCollector();
        errors.Require(!string.IsNullOrWhiteSpace(transaction.Key), "key", "ledger.key_blank", "a transaction has a non-blank idempotency key.");
        errors.Require(!string.IsNullOrWhiteSpace(transaction.Kind), "kind", "ledger.kind_blank", "a transaction names its kind.");
        errors.RequireText(TextRule.SingleLine, transaction.Key, "key");
        errors.RequireText(TextRule.SingleLine, transaction.Kind, "kind");
        errors.RequireText(TextRule.SingleLine, transaction.Reverses, "reverses");
        errors.RequireText(TextRule.MultiLine, transaction.Command, "command");
        if (transaction.Entries is null || transaction.Entries.Count == 0)
        {
            errors.Add("entries", "ledger.entries_empty", "a transaction posts at least one entry.");
        }
        else
        {
            for (var i = 0; i < transaction.Entries.Count; i++)
            {
                var entry = transaction.Entries[i];
                if (entry is null)
                {
                    errors.Add($"entries[{i}]", "ledger.entry_missing", "an entry is null.");
                    continue;
                }

                errors.Require(entry.Transaction == transaction.Key, $"entries[{i}].transaction", "ledger.entry_foreign", $"an entry belongs to its transaction {ErrorText.Quote(transaction.Key)}, not {ErrorText.Quote(entry.Transaction)}.");
                // Both numbers are at least 1 before they are subtracted, so that no sequence can overflow the check.
                var first = transaction.Entries[0]?.Sequence ?? 0;
                errors.Require(
                    entry.Sequence >= 1 && first >= 1 && entry.Sequence - first == i,
                    $"entries[{i}].sequence",
                    "ledger.sequence_gap",
                    "entries are numbered consecutively from 1 or more.");
                errors.Require(!entry.Amount.IsNegative, $"entries[{i}].amount", "ledger.amount_negative", "an entry moves a positive amount or zero.");
                errors.RequireText(TextRule.MultiLine, entry.Memo, $"entries[{i}].memo");
            }
        }

        errors.ThrowIfAny(nameof(transaction));
    }
}
