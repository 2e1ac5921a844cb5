using System.Collections.Immutable;
using NodaTime;
using OneOf;
using static System.FormattableString;

namespace CreatorMarketplace.Payments;

/// <summary>
/// The escrow ledger: double-entry, append-only postings for charges, releases, refunds and payouts. Every
/// command carries an idempotency key: the same key with the same content returns the first transaction and posts
/// nothing; the same key with other content is rejected. A rejected command posts nothing; a mistake is corrected
/// by a reversing transaction, never by changing an entry.
/// </summary>
/// <remarks>
/// <para>
/// Rejections are not remembered under their key: a command refused for want of escrow can be retried under the
/// same key once the escrow is funded.
/// </para>
/// <para>
/// A command is all or nothing: its postings and every new balance are worked out first, and only when all of them
/// hold (no balance beyond ±(2⁶³ − 1) minor units included) does the ledger move to its next state, in one
/// step. A command that is rejected, or that throws, leaves the ledger exactly as it was.
/// </para>
/// <para>
/// The ledger is safe for concurrent callers: commands run one at a time, and <see cref="Entries"/>,
/// <see cref="Transactions"/> and <see cref="Balance"/> read a consistent state (never half a command) without
/// waiting. The lists they return are snapshots that later commands do not change.
/// </para>
/// </remarks>
public sealed class EscrowLedger
{
    // Commands are serialised by the gate; readers take the current state without it. A state never changes once
    // made, so publishing the next one is a single reference write and a reader sees a whole command or none of it.
    private readonly object _gate = new();
    private volatile State _state = State.Empty;

    /// <summary>
    /// Restores a ledger from its transactions as a store kept them (<see cref="Storage.ILedgerStore.ReadAsync"/>), in
    /// order: the same entries, balances and keys, so that a repeated command is still recognised by its key and new
    /// postings continue the numbering.
    /// </summary>
    /// <param name="transactions">Every transaction, oldest first.</param>
    /// <returns>The ledger.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="DomainValidationException">
    /// A transaction is null, a key repeats, the entries do not run from 1 without gaps, a transaction lacks the
    /// command it recorded, a correction reverses an unknown transaction, or a balance would leave the 64-bit range.
    /// Every problem of the first transaction that breaks a rule is named; the ones after it are not judged, since
    /// their numbers and balances depend on it.
    /// </exception>
    public static EscrowLedger FromTransactions(IEnumerable<LedgerTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var state = State.Empty;
        var errors = new ErrorCollector();
        var index = 0;
        foreach (var transaction in transactions)
        {
            var at = errors.At($"transactions[{index++}]");
            if (transaction is null)
            {
                at.Add(string.Empty, "ledger.transaction_missing", "a transaction is null.");
                break;
            }

            at.Require(transaction.Command is not null, "command", "ledger.command_missing", "a restored transaction keeps the command it recorded, by which a repeated key is recognised.");
            at.Require(!state.ByKey.ContainsKey(transaction.Key), "key", "ledger.key_repeated", $"the key {ErrorText.Quote(transaction.Key)} is used twice.");
            at.Require(
                transaction.Entries[0].Sequence == state.Entries.Count + 1,
                "entries[0].sequence",
                "ledger.sequence_gap",
                $"entries run from 1 without gaps; the next is {state.Entries.Count + 1}.");
            at.Require(
                transaction.Reverses is null || state.ByKey.ContainsKey(transaction.Reverses),
                "reverses",
                "ledger.unknown_transaction",
                $"there is no earlier transaction {ErrorText.Quote(transaction.Reverses)}.");
            if (errors.HasErrors)
            {
                // What follows a broken transaction cannot be judged: its numbers and balances depend on it.
                break;
            }

            var next = state.With(transaction);
            if (next.TryPickT1(out var rejection, out state))
            {
                at.Add("entries", rejection.Code, rejection.Message);
                break;
            }
        }

        errors.ThrowIfAny(nameof(transactions));
        return new EscrowLedger { _state = state };
    }

    /// <summary>Every posting, in order: a snapshot that later commands leave as it is.</summary>
    public IReadOnlyList<LedgerEntry> Entries => _state.Entries;

    /// <summary>
    /// The number of the last entry, 0 for an empty ledger: the position the next command is decided on, which a
    /// store checks when the command's transaction is appended (<see cref="Storage.ILedgerStore.AppendAsync"/>).
    /// </summary>
    public long LastSequence => _state.LastSequence;

    /// <summary>Every transaction, in order: a snapshot that later commands leave as it is.</summary>
    public IReadOnlyList<LedgerTransaction> Transactions => _state.Transactions;

    /// <summary>
    /// Takes the numbers a store gave a transaction this ledger posted, when it appended it
    /// (<see cref="Storage.Appended.Transaction"/>). Appended at the position it was decided on, the transaction keeps
    /// the ledger's own numbers and nothing changes; appended after another position, its entries and those of every
    /// transaction posted after it move by the same amount, and later postings are numbered on from them.
    /// </summary>
    /// <param name="stored">The transaction as the store numbered it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stored"/> is null.</exception>
    /// <exception cref="ArgumentException">The ledger holds no transaction under its key that differs from it in its entries' numbers alone.</exception>
    public void Adopt(LedgerTransaction stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        lock (_gate)
        {
            var state = _state;
            var shift = state.ByKey.TryGetValue(stored.Key, out var posted) && posted.NumberedAfter(stored.Entries[0].Sequence - 1).Equals(stored)
                ? stored.Entries[0].Sequence - posted.Entries[0].Sequence
                : throw new ArgumentException($"stored: the ledger posted no transaction {ErrorText.Quote(stored.Key)} that differs from it in its entries' numbers alone.", nameof(stored));
            if (shift == 0)
            {
                return;
            }

            // Every entry from the adopted transaction's first on moves by the same amount, so the numbers stay gap-free.
            var index = state.Transactions.IndexOf(posted);
            var moved = state.Transactions.Skip(index).Select(t => t.NumberedAfter(t.Entries[0].Sequence - 1 + shift)).ToArray();
            var kept = state.Entries.Count - moved.Sum(t => t.Entries.Count);
            _state = state with
            {
                Entries = state.Entries.Take(kept).Concat(moved.SelectMany(t => t.Entries)).ToImmutableList(),
                Transactions = state.Transactions.Take(index).Concat(moved).ToImmutableList(),
                ByKey = state.ByKey.SetItems(moved.Select(t => KeyValuePair.Create(t.Key, t))),
            };
        }
    }

    /// <summary>An account's balance in a currency: what has arrived minus what has left.</summary>
    /// <param name="account">The account.</param>
    /// <param name="currency">The currency.</param>
    /// <returns>The balance.</returns>
    public Money Balance(LedgerAccount account, Currency currency) => _state.Balance(account, currency);

    /// <summary>The brand pays into a collaboration's escrow (when it confirms the order or accepts a counter-price).</summary>
    /// <param name="key">The idempotency key.</param>
    /// <param name="collaboration">The collaboration.</param>
    /// <param name="brand">The brand.</param>
    /// <param name="amount">A positive amount.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The transaction, or a rejection (a balance would leave the 64-bit range).</returns>
    public LedgerResult Charge(string key, CollaborationId collaboration, BrandId brand, Money amount, IClock clock) =>
        Post(key, new("charge", collaboration.Value, brand.Value, Guid.Empty, amount, ""), clock, amount, _ =>
            One(LedgerAccount.BrandFunding(brand), LedgerAccount.Escrow(collaboration), amount, "charge"));

    /// <summary>
    /// Releases escrow to the creator on approval (all of it, or one milestone's amount), less the platform's fee.
    /// </summary>
    /// <param name="key">The idempotency key.</param>
    /// <param name="collaboration">The collaboration.</param>
    /// <param name="creator">The creator.</param>
    /// <param name="amount">A positive amount, at most what escrow holds.</param>
    /// <param name="fees">The fee policy.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The transaction, or a rejection when escrow holds less.</returns>
    public LedgerResult Release(string key, CollaborationId collaboration, CreatorId creator, Money amount, FeePolicy fees, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(fees);
        return Post(key, new("release", collaboration.Value, creator.Value, Guid.Empty, amount, Invariant($"{fees.Rate} {fees.Fixed} {fees.Rounding}")), clock, amount, state =>
        {
            if (state.Balance(LedgerAccount.Escrow(collaboration), amount.Currency) < amount)
            {
                return Insufficient(collaboration, amount);
            }

            var fee = fees.On(amount);
            return new List<Posting>
            {
                new(LedgerAccount.Escrow(collaboration), LedgerAccount.CreatorPayable(creator), amount - fee, "release to creator"),
                new(LedgerAccount.Escrow(collaboration), LedgerAccount.PlatformFees, fee, $"platform fee {fees}"),
            };
        });
    }

    /// <summary>
    /// Settles a collaboration that ended early: what escrow holds goes to the brand and the creator as the refund
    /// policy splits it (a kill fee being the least the creator gets when the brand cancels after submission).
    /// </summary>
    /// <param name="key">The idempotency key.</param>
    /// <param name="collaboration">The collaboration.</param>
    /// <param name="brand">The brand.</param>
    /// <param name="creator">The creator.</param>
    /// <param name="currency">The escrow's currency.</param>
    /// <param name="refundCase">Why it ended.</param>
    /// <param name="policy">The refund policy.</param>
    /// <param name="killFee">The contract's kill fee, if any.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The transaction, or a rejection when escrow holds nothing.</returns>
    public LedgerResult Refund(string key, CollaborationId collaboration, BrandId brand, CreatorId creator, Currency currency, RefundCase refundCase, RefundPolicy policy, Money? killFee, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(refundCase);
        ArgumentNullException.ThrowIfNull(policy);
        return Post(key, new("refund", collaboration.Value, brand.Value, creator.Value, Money.Zero(currency), Invariant($"{refundCase} {policy.BrandShare(refundCase)} {policy.Rounding} {killFee}")), clock, null, state =>
        {
            var held = state.Balance(LedgerAccount.Escrow(collaboration), currency);
            if (!held.IsPositive)
            {
                return new LedgerRejection("ledger.nothing_held", $"escrow of {collaboration} holds nothing in {currency.Code} to refund.");
            }

            var (toBrand, toCreator) = policy.Split(held, refundCase, killFee);
            return new List<Posting>
            {
                new(LedgerAccount.Escrow(collaboration), LedgerAccount.Refunds(brand), toBrand, $"refund: {refundCase}"),
                new(LedgerAccount.Escrow(collaboration), LedgerAccount.CreatorPayable(creator), toCreator, $"compensation: {refundCase}"),
            };
        });
    }

    /// <summary>Records money paid out to a creator from what they are owed.</summary>
    /// <param name="key">The idempotency key (the payout's).</param>
    /// <param name="creator">The creator.</param>
    /// <param name="amount">A positive amount, at most what the creator is owed.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The transaction, or a rejection when the creator is owed less.</returns>
    public LedgerResult PayOut(string key, CreatorId creator, Money amount, IClock clock) =>
        Post(key, new("payout", creator.Value, Guid.Empty, Guid.Empty, amount, ""), clock, amount, state =>
            state.Balance(LedgerAccount.CreatorPayable(creator), amount.Currency) is var owed && owed < amount
                ? new LedgerRejection("ledger.insufficient_payable", $"creator {creator} is owed {owed}, less than {amount}.")
                : One(LedgerAccount.CreatorPayable(creator), LedgerAccount.PaidOut(creator), amount, "payout"));

    /// <summary>Returns a payout the creator did not claim to the brand.</summary>
    /// <param name="key">The idempotency key.</param>
    /// <param name="creator">The creator.</param>
    /// <param name="brand">The brand it goes back to.</param>
    /// <param name="amount">The unclaimed amount, at most what was paid out.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The transaction, or a rejection.</returns>
    public LedgerResult ReturnUnclaimed(string key, CreatorId creator, BrandId brand, Money amount, IClock clock) =>
        Post(key, new("return unclaimed", creator.Value, brand.Value, Guid.Empty, amount, ""), clock, amount, state =>
            state.Balance(LedgerAccount.PaidOut(creator), amount.Currency) < amount
                ? new LedgerRejection("ledger.insufficient_paid_out", $"less than {amount} was paid out to creator {creator}.")
                : One(LedgerAccount.PaidOut(creator), LedgerAccount.Refunds(brand), amount, "unclaimed payout returned"));

    /// <summary>Corrects a transaction by posting its reverse; the original stays as it was.</summary>
    /// <param name="key">The idempotency key of the correction.</param>
    /// <param name="transaction">The key of the transaction to reverse.</param>
    /// <param name="reason">Why; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The correction, or a rejection when there is no such transaction, it was already reversed, or reversing it would leave an account short.</returns>
    public LedgerResult Correct(string key, string transaction, string reason, IClock clock)
    {
        TextRule.MultiLine.RequireNonBlank(reason);
        return Post(key, new("correction", Guid.Empty, Guid.Empty, Guid.Empty, default, transaction + "\n" + reason), clock, null, reverses: transaction, plan: state =>
        {
            if (!state.ByKey.TryGetValue(transaction, out var original))
            {
                return new LedgerRejection("ledger.unknown_transaction", $"there is no transaction {ErrorText.Quote(transaction)}.");
            }

            if (state.Reversed.Contains(transaction))
            {
                return new LedgerRejection("ledger.already_corrected", $"transaction {ErrorText.Quote(transaction)} was already reversed.");
            }

            // The reverse of each posting: money goes back from where it arrived to where it came from.
            var reversal = original.Entries.Select(e => new Posting(e.To, e.From, e.Amount, $"reverses {transaction}: {reason}")).ToList();
            var shortfall = reversal
                .Where(posting => posting.From.Kind != AccountKind.BrandFunding)
                .GroupBy(posting => (Account: posting.From, posting.Amount.Currency))
                .FirstOrDefault(group => state.Balance(group.Key.Account, group.Key.Currency).MinorUnits < group.Sum(posting => (decimal)posting.Amount.MinorUnits));
            return shortfall is null
                ? reversal
                : new LedgerRejection("ledger.correction_short", $"reversing {ErrorText.Quote(transaction)} would leave {shortfall.Key.Account} below zero.");
        });
    }

    private static List<Posting> One(LedgerAccount from, LedgerAccount to, Money amount, string memo) => [new(from, to, amount, memo)];

    private static LedgerRejection Insufficient(CollaborationId collaboration, Money amount) =>
        new("ledger.insufficient_escrow", $"escrow of {collaboration} holds less than {amount}.");

    private LedgerResult Post(string key, Command command, IClock clock, Money? amount, Func<State, OneOf<List<Posting>, LedgerRejection>> plan, string? reverses = null)
    {
        TextRule.SingleLine.RequireNonBlank(key);
        ArgumentNullException.ThrowIfNull(clock);
        if (amount is { } money && !money.IsPositive)
        {
            throw new ArgumentException($"amount: a ledger amount is positive, got {money}.", nameof(amount));
        }

        lock (_gate)
        {
            var state = _state;
            if (state.ByKey.TryGetValue(key, out var first))
            {
                return first.Command == command.Text
                    ? first
                    : new LedgerRejection("ledger.idempotency_conflict", $"the key {ErrorText.Quote(key)} was used for another command ({first.Kind}).");
            }

            var decided = plan(state);
            if (decided.TryPickT1(out var refused, out var postings))
            {
                return refused;
            }

            var now = clock.GetCurrentInstant();
            var sequence = state.LastSequence;
            var entries = postings
                .Where(posting => !posting.Amount.IsZero)
                .Select(posting => new LedgerEntry(++sequence, key, posting.From, posting.To, posting.Amount, now, posting.Memo))
                .ToArray();
            var transaction = new LedgerTransaction(key, command.Kind, entries, now, reverses, command.Text);

            // Every new balance is worked out before the ledger changes; only a state that holds is published.
            var next = state.With(transaction);
            if (next.TryPickT1(out var overflow, out var committed))
            {
                return overflow;
            }

            _state = committed;
            return transaction;
        }
    }

    // One posting a command asks for, before it is numbered.
    private readonly record struct Posting(LedgerAccount From, LedgerAccount To, Money Amount, string Memo);

    // What a command asked for. Its text, kept with the transaction, tells a retry from a different command under the
    // same key, also in a ledger restored from storage; the terms are written invariantly for the same reason.
    private readonly record struct Command(string Kind, Guid First, Guid Second, Guid Third, Money Amount, string Terms)
    {
        public string Text => Invariant($"{Kind}|{First}|{Second}|{Third}|{(Amount.IsDefault ? "" : Amount.ToString())}|{Terms}");
    }

    // Everything the ledger knows, immutable: a command makes the next state from this one or is refused.
    private sealed record State(
        ImmutableList<LedgerEntry> Entries,
        ImmutableList<LedgerTransaction> Transactions,
        ImmutableDictionary<string, LedgerTransaction> ByKey,
        ImmutableHashSet<string> Reversed,
        ImmutableDictionary<(LedgerAccount Account, Currency Currency), long> Balances)
    {
        public static State Empty { get; } = new([], [], ImmutableDictionary.Create<string, LedgerTransaction>(StringComparer.Ordinal), ImmutableHashSet.Create<string>(StringComparer.Ordinal), ImmutableDictionary<(LedgerAccount, Currency), long>.Empty);

        public long LastSequence => Entries.IsEmpty ? 0 : Entries[^1].Sequence;

        public Money Balance(LedgerAccount account, Currency currency) =>
            Money.FromMinorUnits(Balances.GetValueOrDefault((account, currency)), currency);

        // The state after a transaction, or a rejection when a balance would leave the 64-bit range of minor units.
        public OneOf<State, LedgerRejection> With(LedgerTransaction transaction)
        {
            var balances = Balances.ToBuilder();
            foreach (var entry in transaction.Entries)
            {
                var currency = entry.Amount.Currency;
                if (!TryMove(balances, (entry.From, currency), -(Int128)entry.Amount.MinorUnits)
                    || !TryMove(balances, (entry.To, currency), entry.Amount.MinorUnits))
                {
                    return new LedgerRejection(
                        "ledger.balance_out_of_range",
                        $"posting {entry.Amount} from {entry.From} to {entry.To} would take a balance beyond ±(2⁶³ − 1) minor units.");
                }
            }

            return new State(
                Entries.AddRange(transaction.Entries),
                Transactions.Add(transaction),
                ByKey.Add(transaction.Key, transaction),
                transaction.Reverses is { } reversed ? Reversed.Add(reversed) : Reversed,
                balances.ToImmutable());
        }

        private static bool TryMove(ImmutableDictionary<(LedgerAccount, Currency), long>.Builder balances, (LedgerAccount, Currency) account, Int128 change)
        {
            // The range is kept symmetric, so that every balance can also be negated.
            var balance = balances.GetValueOrDefault(account) + change;
            if (balance < -long.MaxValue || balance > long.MaxValue)
            {
                return false;
            }

            balances[account] = (long)balance;
            return true;
        }
    }
}
