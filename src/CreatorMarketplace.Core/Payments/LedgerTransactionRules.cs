namespace CreatorMarketplace.Payments;

// The shape of a ledger transaction, checked once, when one is made: a non-blank key, entries under that key,
// numbered consecutively from 1 or more, and text that keeps the kernel's TextRule (key, kind and reversed key on one
// line). The refusal names the argument "transaction", as the member paths it lists are the transaction's.
internal static class LedgerTransactionRules
{
    public static void ThrowIfMalformed(string key, string kind, IReadOnlyList<LedgerEntry>? entries, string? reverses, string? command, ActorId? actedBy = null, ActorId? approvedBy = null)
    {
        var errors = new ErrorCollector();
        errors.Require(approvedBy is null || actedBy is not null, "approvedBy", "ledger.approver_without_actor", "a transaction names its second approver only beside who appended it.");
        errors.Require(approvedBy is null || approvedBy != actedBy, "approvedBy", "ledger.approver_is_actor", "the second approver is another actor than who appended it.");
        errors.Require(!string.IsNullOrWhiteSpace(key), "key", "ledger.key_blank", "a transaction has a non-blank idempotency key.");
        errors.Require(!string.IsNullOrWhiteSpace(kind), "kind", "ledger.kind_blank", "a transaction names its kind.");
        errors.RequireText(TextRule.SingleLine, key, "key");
        errors.RequireText(TextRule.SingleLine, kind, "kind");
        errors.RequireText(TextRule.SingleLine, reverses, "reverses");
        errors.RequireText(TextRule.MultiLine, command, "command");
        if (entries is null || entries.Count == 0)
        {
            errors.Add("entries", "ledger.entries_empty", "a transaction posts at least one entry.");
        }
        else
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                if (entry is null)
                {
                    errors.Add($"entries[{i}]", "ledger.entry_missing", "an entry is null.");
                    continue;
                }

                // The paths and messages are made only for a rule that is broken: every transaction the ledger posts
                // comes through here, and a posting's cost is mostly its allocations.
                if (entry.Transaction != key)
                {
                    errors.Add($"entries[{i}].transaction", "ledger.entry_foreign", $"an entry belongs to its transaction {ErrorText.Quote(key)}, not {ErrorText.Quote(entry.Transaction)}.");
                }

                // Both numbers are at least 1 before they are subtracted, so that no sequence can overflow the check.
                var first = entries[0]?.Sequence ?? 0;
                if (!(entry.Sequence >= 1 && first >= 1 && entry.Sequence - first == i))
                {
                    errors.Add($"entries[{i}].sequence", "ledger.sequence_gap", "entries are numbered consecutively from 1 or more.");
                }

                if (entry.Amount.IsNegative)
                {
                    errors.Add($"entries[{i}].amount", "ledger.amount_negative", "an entry moves a positive amount or zero.");
                }

                if (entry.Memo is not null && !TextRule.MultiLine.Allows(entry.Memo))
                {
                    errors.RequireText(TextRule.MultiLine, entry.Memo, $"entries[{i}].memo");
                }
            }
        }

        errors.ThrowIfAny("transaction");
    }
}
