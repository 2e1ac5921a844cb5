using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Globalization;
using NodaTime;
using OneOf;

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
    // Commands are serialised by the gate and change the state below only once nothing can fail; readers never take
    // the gate. They read the published snapshot: prefixes of arrays that no command writes into again, since a
    // command appends past the published counts and a renumbering copies, and, for balances, the version at which
    // each balance cell was written, so that a balance newer than the snapshot is read as the one before it.
    private readonly object _gate = new();
    private readonly Dictionary<string, LedgerTransaction> _byKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reversed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(LedgerAccount Account, Currency Currency), BalanceCell> _balances = new();

    // A command's new balances, worked out before anything changes; kept between commands to allocate nothing.
    private readonly List<((LedgerAccount Account, Currency Currency) Key, long MinorUnits)> _decided = [];
    private readonly List<BalanceCell> _cells = [];
    private LedgerEntry[] _entries = [];
    private LedgerTransaction[] _transactions = [];
    private volatile Snapshot _published = Snapshot.Empty;

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
        var ledger = new EscrowLedger();
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

            var entryCount = ledger._published.EntryCount;
            at.Require(transaction.Command is not null, "command", "ledger.command_missing", "a restored transaction keeps the command it recorded, by which a repeated key is recognised.");
            at.Require(!ledger._byKey.ContainsKey(transaction.Key), "key", "ledger.key_repeated", $"the key {ErrorText.Quote(transaction.Key)} is used twice.");
            at.Require(
                transaction.Entries[0].Sequence == entryCount + 1,
                "entries[0].sequence",
                "ledger.sequence_gap",
                $"entries run from 1 without gaps; the next is {entryCount + 1}.");
            at.Require(
                transaction.Reverses is null || ledger._byKey.ContainsKey(transaction.Reverses),
                "reverses",
                "ledger.unknown_transaction",
                $"there is no earlier transaction {ErrorText.Quote(transaction.Reverses)}.");
            at.Require(
                transaction.Reverses is null || !ledger._reversed.Contains(transaction.Reverses),
                "reverses",
                "ledger.already_corrected",
                $"transaction {ErrorText.Quote(transaction.Reverses)} was already reversed: a second reversal gives its money back twice.");
            if (errors.HasErrors)
            {
                // What follows a broken transaction cannot be judged: its numbers and balances depend on it.
                break;
            }

            if (ledger.DecideBalances(transaction) is { } rejection)
            {
                at.Add("entries", rejection.Code, rejection.Message);
                break;
            }

            ledger.Commit(transaction);
        }

        errors.ThrowIfAny(nameof(transactions));
        return ledger;
    }

    /// <summary>Every posting, in order: a snapshot that later commands leave as it is.</summary>
    public IReadOnlyList<LedgerEntry> Entries => _published.Entries;

    /// <summary>
    /// The number of the last entry, 0 for an empty ledger: the position the next command is decided on, which a
    /// store checks when the command's transaction is appended (<see cref="Storage.ILedgerStore.AppendAsync"/>).
    /// </summary>
    public long LastSequence => _published.LastSequence;

    /// <summary>Every transaction, in order: a snapshot that later commands leave as it is.</summary>
    public IReadOnlyList<LedgerTransaction> Transactions => _published.Transactions;

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
            var shift = _byKey.TryGetValue(stored.Key, out var posted) && posted.NumberedAfter(stored.Entries[0].Sequence - 1).Equals(stored)
                ? stored.Entries[0].Sequence - posted.Entries[0].Sequence
                : throw new ArgumentException($"stored: the ledger posted no transaction {ErrorText.Quote(stored.Key)} that differs from it in its entries' numbers alone.", nameof(stored));
            if (shift == 0)
            {
                return;
            }

            // Every entry from the adopted transaction's first on moves by the same amount, so the numbers stay
            // gap-free. They move in new arrays: the ones published hold what readers were given.
            var published = _published;
            var index = Array.IndexOf(_transactions, posted, 0, published.TransactionCount);
            var transactions = new LedgerTransaction[_transactions.Length];
            var entries = new LedgerEntry[_entries.Length];
            Array.Copy(_transactions, transactions, index);
            var kept = published.EntryCount;
            for (var i = index; i < published.TransactionCount; i++)
            {
                transactions[i] = _transactions[i].NumberedAfter(_transactions[i].Entries[0].Sequence - 1 + shift);
                kept -= transactions[i].Entries.Count;
            }

            Array.Copy(_entries, entries, kept);
            var next = kept;
            for (var i = index; i < published.TransactionCount; i++)
            {
                foreach (var entry in transactions[i].Entries)
                {
                    entries[next++] = entry;
                }
            }

            var snapshot = published.Next(entries, published.EntryCount, transactions, published.TransactionCount);
            for (var i = index; i < published.TransactionCount; i++)
            {
                _byKey[transactions[i].Key] = transactions[i];
            }

            _entries = entries;
            _transactions = transactions;
            _published = snapshot;
        }
    }

    /// <summary>An account's balance in a currency: what has arrived minus what has left.</summary>
    /// <param name="account">The account.</param>
    /// <param name="currency">The currency.</param>
    /// <returns>The balance.</returns>
    public Money Balance(LedgerAccount account, Currency currency)
    {
        while (true)
        {
            var version = _published.Version;
            if (!_balances.TryGetValue((account, currency), out var cell))
            {
                return Money.FromMinorUnits(0, currency);
            }

            if (cell.TryReadAt(version, out var minorUnits))
            {
                return Money.FromMinorUnits(minorUnits, currency);
            }

            // The balance changed twice since the snapshot was read: read it again, at the newest snapshot.
        }
    }

    /// <summary>The brand pays into a collaboration's escrow (when it confirms the order or accepts a counter-price).</summary>
    /// <param name="key">The idempotency key.</param>
    /// <param name="collaboration">The collaboration.</param>
    /// <param name="brand">The brand.</param>
    /// <param name="amount">A positive amount.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The transaction, or a rejection (a balance would leave the 64-bit range).</returns>
    public LedgerResult Charge(string key, CollaborationId collaboration, BrandId brand, Money amount, IClock clock) =>
        Post(key, new("charge", collaboration.Value, brand.Value, Guid.Empty, amount, ""), clock, amount, () =>
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
        return Post(key, new("release", collaboration.Value, creator.Value, Guid.Empty, amount, string.Create(CultureInfo.InvariantCulture, $"{fees.Rate:G29} {fees.Fixed} {fees.Rounding}")), clock, amount, () =>
        {
            if (Balance(LedgerAccount.Escrow(collaboration), amount.Currency) < amount)
            {
                return Insufficient(collaboration, amount);
            }

            var fee = fees.On(amount);
            return new List<Posting>(2)
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
        return Post(key, new("refund", collaboration.Value, brand.Value, creator.Value, Money.Zero(currency), string.Create(CultureInfo.InvariantCulture, $"{refundCase} {policy.BrandShare(refundCase):G29} {policy.Rounding} {killFee}")), clock, null, () =>
        {
            var held = Balance(LedgerAccount.Escrow(collaboration), currency);
            if (!held.IsPositive)
            {
                return new LedgerRejection("ledger.nothing_held", $"escrow of {collaboration} holds nothing in {currency.Code} to refund.");
            }

            var (toBrand, toCreator) = policy.Split(held, refundCase, killFee);
            return new List<Posting>(2)
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
        Post(key, new("payout", creator.Value, Guid.Empty, Guid.Empty, amount, ""), clock, amount, () =>
            Balance(LedgerAccount.CreatorPayable(creator), amount.Currency) is var owed && owed < amount
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
        Post(key, new("return unclaimed", creator.Value, brand.Value, Guid.Empty, amount, ""), clock, amount, () =>
            Balance(LedgerAccount.PaidOut(creator), amount.Currency) < amount
                ? new LedgerRejection("ledger.insufficient_paid_out", $"less than {amount} was paid out to creator {creator}.")
                : One(LedgerAccount.PaidOut(creator), LedgerAccount.Refunds(brand), amount, "unclaimed payout returned"));

    /// <summary>Corrects a transaction by posting its reverse; the original stays as it was.</summary>
    /// <param name="key">The idempotency key of the correction.</param>
    /// <param name="transaction">The key of the transaction to reverse.</param>
    /// <param name="reason">Why; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The correction, or a rejection when there is no such transaction, it was already reversed, or reversing it would leave an account short.</returns>
    /// <exception cref="ArgumentException">The transaction's key is blank or not one line, or the reason is blank or breaks <see cref="TextRule.MultiLine"/>.</exception>
    public LedgerResult Correct(string key, string transaction, string reason, IClock clock)
    {
        // The key corrected is one line, as every key is, so that the command's text (key, line break, reason) names
        // one correction only and a retry is told from another command.
        TextRule.SingleLine.RequireNonBlank(transaction);
        TextRule.MultiLine.RequireNonBlank(reason);
        return Post(key, new("correction", Guid.Empty, Guid.Empty, Guid.Empty, default, transaction + "\n" + reason), clock, null, reverses: transaction, plan: () =>
        {
            if (!_byKey.TryGetValue(transaction, out var original))
            {
                return new LedgerRejection("ledger.unknown_transaction", $"there is no transaction {ErrorText.Quote(transaction)}.");
            }

            if (_reversed.Contains(transaction))
            {
                return new LedgerRejection("ledger.already_corrected", $"transaction {ErrorText.Quote(transaction)} was already reversed.");
            }

            // The reverse of each posting: money goes back from where it arrived to where it came from.
            var reversal = original.Entries.Select(e => new Posting(e.To, e.From, e.Amount, $"reverses {transaction}: {reason}")).ToList();
            var shortfall = reversal
                .Where(posting => posting.From.Kind != AccountKind.BrandFunding)
                .GroupBy(posting => (Account: posting.From, posting.Amount.Currency))
                .FirstOrDefault(group => Balance(group.Key.Account, group.Key.Currency).MinorUnits < group.Sum(posting => (decimal)posting.Amount.MinorUnits));
            return shortfall is null
                ? reversal
                : new LedgerRejection("ledger.correction_short", $"reversing {ErrorText.Quote(transaction)} would leave {shortfall.Key.Account} below zero.");
        });
    }

    private static List<Posting> One(LedgerAccount from, LedgerAccount to, Money amount, string memo) => [new(from, to, amount, memo)];

    private static LedgerRejection Insufficient(CollaborationId collaboration, Money amount) =>
        new("ledger.insufficient_escrow", $"escrow of {collaboration} holds less than {amount}.");

    private LedgerResult Post(string key, Command command, IClock clock, Money? amount, Func<OneOf<List<Posting>, LedgerRejection>> plan, string? reverses = null)
    {
        TextRule.SingleLine.RequireNonBlank(key);
        ArgumentNullException.ThrowIfNull(clock);
        if (amount is { } money && !money.IsPositive)
        {
            throw DomainValidationException.Of(nameof(amount), "ledger.amount_not_positive", $"a ledger amount is positive, got {money}.");
        }

        lock (_gate)
        {
            if (_byKey.TryGetValue(key, out var first))
            {
                return first.Command == command.Text
                    ? first
                    : new LedgerRejection("ledger.idempotency_conflict", $"the key {ErrorText.Quote(key)} was used for another command ({first.Kind}).");
            }

            // The plan runs under the gate, so the balances it reads are the ones the command moves.
            var decided = plan();
            if (decided.TryPickT1(out var refused, out var postings))
            {
                return refused;
            }

            var now = clock.GetCurrentInstant();
            var sequence = _published.LastSequence;
            postings.RemoveAll(posting => posting.Amount.IsZero);
            var entries = new LedgerEntry[postings.Count];
            for (var i = 0; i < entries.Length; i++)
            {
                var posting = postings[i];
                entries[i] = new LedgerEntry(++sequence, key, posting.From, posting.To, posting.Amount, now, posting.Memo);
            }

            var transaction = new LedgerTransaction(key, command.Kind, entries, now, reverses, command.Text);
            if (DecideBalances(transaction) is { } overflow)
            {
                return overflow;
            }

            Commit(transaction);
            return transaction;
        }
    }

    // Works out every balance the transaction changes, in _decided, or the rejection when one would leave the 64-bit
    // range of minor units. Changes nothing a reader or a later command sees.
    private LedgerRejection? DecideBalances(LedgerTransaction transaction)
    {
        _decided.Clear();
        foreach (var entry in transaction.Entries)
        {
            var currency = entry.Amount.Currency;
            if (!TryMove((entry.From, currency), -(Int128)entry.Amount.MinorUnits) || !TryMove((entry.To, currency), entry.Amount.MinorUnits))
            {
                _decided.Clear();
                return new LedgerRejection(
                    "ledger.balance_out_of_range",
                    $"posting {entry.Amount} from {entry.From} to {entry.To} would take a balance beyond ±(2⁶³ − 1) minor units.");
            }
        }

        return null;
    }

    private bool TryMove((LedgerAccount Account, Currency Currency) key, Int128 change)
    {
        var at = _decided.Count - 1;
        while (at >= 0 && !_decided[at].Key.Equals(key))
        {
            at--;
        }

        var current = at >= 0 ? _decided[at].MinorUnits : _balances.TryGetValue(key, out var cell) ? cell.MinorUnits : 0;

        // The range is kept symmetric, so that every balance can also be negated.
        var balance = current + change;
        if (balance < -long.MaxValue || balance > long.MaxValue)
        {
            return false;
        }

        if (at >= 0)
        {
            _decided[at] = (key, (long)balance);
        }
        else
        {
            _decided.Add((key, (long)balance));
        }

        return true;
    }

    // Posts a transaction whose balances DecideBalances worked out. Whatever can fail (allocations included) comes
    // first and changes nothing visible; then the arrays, keys and balances change, and the snapshot is published.
    private void Commit(LedgerTransaction transaction)
    {
        var published = _published;
        var entryCount = published.EntryCount + transaction.Entries.Count;
        var entries = Grown(_entries, entryCount);
        var transactions = Grown(_transactions, published.TransactionCount + 1);
        var snapshot = published.Next(entries, entryCount, transactions, published.TransactionCount + 1);
        _cells.Clear();
        foreach (var (key, minorUnits) in _decided)
        {
            // A new account starts from a cell that reads 0 at every version, as an absent one does.
            var cell = _balances.GetOrAdd(key, BalanceCell.Zero);
            _cells.Add(cell.Then(minorUnits, snapshot.Version));
        }

        _byKey.EnsureCapacity(_byKey.Count + 1);
        _reversed.EnsureCapacity(_reversed.Count + 1);

        // Nothing below allocates or throws.
        _entries = entries;
        _transactions = transactions;
        for (var i = 0; i < transaction.Entries.Count; i++)
        {
            entries[published.EntryCount + i] = transaction.Entries[i];
        }

        transactions[published.TransactionCount] = transaction;
        _byKey.Add(transaction.Key, transaction);
        if (transaction.Reverses is { } reversed)
        {
            _reversed.Add(reversed);
        }

        for (var i = 0; i < _cells.Count; i++)
        {
            _balances[_decided[i].Key] = _cells[i];
        }

        _published = snapshot;
    }

    // The array itself when it has room for count items, else a larger copy: the published one stays as readers hold it.
    private static T[] Grown<T>(T[] items, int count)
    {
        if (count <= items.Length)
        {
            return items;
        }

        var grown = new T[Math.Max(count, Math.Max(4, items.Length * 2))];
        Array.Copy(items, grown, items.Length);
        return grown;
    }

    // One posting a command asks for, before it is numbered.
    private readonly record struct Posting(LedgerAccount From, LedgerAccount To, Money Amount, string Memo);

    // What a command asked for. Its text, kept with the transaction, tells a retry from a different command under the
    // same key, also in a ledger restored from storage; the terms are written invariantly for the same reason
    // (string.Create formats the values without boxing them).
    private readonly record struct Command(string Kind, Guid First, Guid Second, Guid Third, Money Amount, string Terms)
    {
        public string Text => string.Create(CultureInfo.InvariantCulture, $"{Kind}|{First}|{Second}|{Third}|{(Amount.IsDefault ? "" : Amount.ToString())}|{Terms}");
    }

    // What readers see: whole commands only. The arrays' first counts of items never change once published; the lists
    // over them are made when first read and kept, so a reader asking again between commands gets the same list.
    private sealed class Snapshot(long version, LedgerEntry[] entries, int entryCount, LedgerTransaction[] transactions, int transactionCount)
    {
        private IReadOnlyList<LedgerEntry>? _entryList;
        private IReadOnlyList<LedgerTransaction>? _transactionList;

        public static Snapshot Empty { get; } = new(0, [], 0, [], 0);

        // Counts the snapshots published, so that a balance cell can tell which of its values a snapshot holds.
        public long Version => version;

        public int EntryCount => entryCount;

        public int TransactionCount => transactionCount;

        public long LastSequence => entryCount == 0 ? 0 : entries[entryCount - 1].Sequence;

        public IReadOnlyList<LedgerEntry> Entries => _entryList ?? Keep(ref _entryList, entries, entryCount);

        public IReadOnlyList<LedgerTransaction> Transactions => _transactionList ?? Keep(ref _transactionList, transactions, transactionCount);

        public Snapshot Next(LedgerEntry[] nextEntries, int nextEntryCount, LedgerTransaction[] nextTransactions, int nextTransactionCount) =>
            new(version + 1, nextEntries, nextEntryCount, nextTransactions, nextTransactionCount);

        // Readers racing to make the list all get the one that was kept first.
        private static IReadOnlyList<T> Keep<T>(ref IReadOnlyList<T>? list, T[] items, int count)
        {
            var made = new ReadOnlyCollection<T>(new ArraySegment<T>(items, 0, count));
            return Interlocked.CompareExchange(ref list, made, null) ?? made;
        }
    }

    // An account's balance from the version it was written at, and the balance before it, from the version that one
    // was written at: a reader whose snapshot predates the newer one reads the older, without waiting for the gate.
    private sealed class BalanceCell(long minorUnits, long since, long earlierMinorUnits, long earlierSince)
    {
        public static BalanceCell Zero { get; } = new(0, 0, 0, 0);

        public long MinorUnits => minorUnits;

        public BalanceCell Then(long nextMinorUnits, long version) => new(nextMinorUnits, version, minorUnits, since);

        public bool TryReadAt(long version, out long balance)
        {
            balance = version >= since ? minorUnits : earlierMinorUnits;
            return version >= earlierSince;
        }
    }
}
