using System.Globalization;
using Ardalis.SmartEnum;
using NodaTime;
using OneOf;

namespace CreatorMarketplace.Payments;

/// <summary>What an account of the escrow ledger holds.</summary>
public sealed class AccountKind : SmartEnum<AccountKind, int>
{
    /// <summary>A brand's money paid in; its balance is minus what the brand has paid.</summary>
    public static readonly AccountKind BrandFunding = new("brand funding", 1);

    /// <summary>Money held in escrow for one collaboration.</summary>
    public static readonly AccountKind EscrowHeld = new("escrow held", 2);

    /// <summary>Money a creator has earned and not yet been paid out.</summary>
    public static readonly AccountKind CreatorPayable = new("creator payable", 3);

    /// <summary>The platform's fees.</summary>
    public static readonly AccountKind PlatformFees = new("platform fees", 4);

    /// <summary>Money returned to a brand.</summary>
    public static readonly AccountKind Refunds = new("refunds", 5);

    /// <summary>Money paid out to a creator.</summary>
    public static readonly AccountKind PaidOut = new("paid out", 6);

    private AccountKind(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>An account of the escrow ledger: a kind and whose it is.</summary>
/// <param name="Kind">What it holds.</param>
/// <param name="Owner">Whose: the UUID of a brand, collaboration or creator; empty for the platform.</param>
public readonly record struct LedgerAccount(AccountKind Kind, Guid Owner)
{
    /// <summary>A brand's funding account.</summary>
    /// <param name="brand">The brand.</param>
    /// <returns>The account.</returns>
    public static LedgerAccount BrandFunding(BrandId brand) => new(AccountKind.BrandFunding, brand.Value);

    /// <summary>The escrow of a collaboration.</summary>
    /// <param name="collaboration">The collaboration.</param>
    /// <returns>The account.</returns>
    public static LedgerAccount Escrow(CollaborationId collaboration) => new(AccountKind.EscrowHeld, collaboration.Value);

    /// <summary>What a creator is owed.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>The account.</returns>
    public static LedgerAccount CreatorPayable(CreatorId creator) => new(AccountKind.CreatorPayable, creator.Value);

    /// <summary>What has been paid out to a creator.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>The account.</returns>
    public static LedgerAccount PaidOut(CreatorId creator) => new(AccountKind.PaidOut, creator.Value);

    /// <summary>What has been returned to a brand.</summary>
    /// <param name="brand">The brand.</param>
    /// <returns>The account.</returns>
    public static LedgerAccount Refunds(BrandId brand) => new(AccountKind.Refunds, brand.Value);

    /// <summary>The platform's fees.</summary>
    public static LedgerAccount PlatformFees { get; } = new(AccountKind.PlatformFees, Guid.Empty);

    /// <summary>Formats the account, for example <c>"escrow held:0190…"</c> or <c>"platform fees"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Owner == Guid.Empty ? Kind.Name : $"{Kind}:{Owner:D}";
}

/// <summary>
/// One immutable posting: an amount moved from one account to another. Each posting debits one account and
/// credits the other by the same amount, so every transaction balances in every currency by construction.
/// </summary>
/// <param name="Sequence">The posting's position in the ledger, from 1, without gaps.</param>
/// <param name="Transaction">The transaction (its idempotency key).</param>
/// <param name="From">The account credited (money leaves it).</param>
/// <param name="To">The account debited (money arrives).</param>
/// <param name="Amount">The amount; positive.</param>
/// <param name="PostedAt">When.</param>
/// <param name="Memo">What it is for.</param>
public sealed record LedgerEntry(long Sequence, string Transaction, LedgerAccount From, LedgerAccount To, Money Amount, Instant PostedAt, string Memo);

/// <summary>
/// A command's postings, under its idempotency key. A transaction is checked when it is made, so that one that
/// breaks a rule cannot exist: the ledger, the stores and the readers of stored transactions rely on that and do not
/// check again.
/// </summary>
/// <remarks>
/// Two transactions are equal when every member is, the entries compared one by one, in order, except who acted
/// (<see cref="ActedBy"/>, <see cref="ApprovedBy"/>): that is a record of who asked, not of what the transaction does, so
/// that a retry by another person is the same transaction.
/// </remarks>
public sealed record LedgerTransaction
{
    /// <summary>Makes a transaction, checking its shape.</summary>
    /// <param name="key">The idempotency key: not blank, one line.</param>
    /// <param name="kind">What the command was: <c>charge</c>, <c>release</c>, <c>refund</c>, <c>payout</c>, <c>return unclaimed</c> or <c>correction</c>; not blank, one line.</param>
    /// <param name="entries">The postings: at least one, every one under <paramref name="key"/>, numbered consecutively from 1 or more, none moving a negative amount. Copied.</param>
    /// <param name="postedAt">When.</param>
    /// <param name="reverses">For a correction, the key of the transaction it reverses; one line.</param>
    /// <param name="command">
    /// What the command asked for, as <see cref="EscrowLedger"/> records it: a repeat of the key with the same command
    /// is a retry, with another an idempotency conflict, also once the ledger is restored with
    /// <see cref="EscrowLedger.FromTransactions"/>. Null for a transaction made by other means, which cannot be restored.
    /// </param>
    /// <param name="actedBy">Who appended it, when a store opened for an actor did (<see cref="Storage.ActorLedger"/>); null otherwise.</param>
    /// <param name="approvedBy">The second approver, when one approved it; only with <paramref name="actedBy"/>, and another actor.</param>
    /// <exception cref="DomainValidationException">The transaction would break a rule; every problem is named by its member and rule.</exception>
    public LedgerTransaction(string key, string kind, IReadOnlyList<LedgerEntry> entries, Instant postedAt, string? reverses = null, string? command = null, ActorId? actedBy = null, ActorId? approvedBy = null)
    {
        LedgerTransactionRules.ThrowIfMalformed(key, kind, entries, reverses, command, actedBy, approvedBy);
        Key = key;
        Kind = kind;
        Entries = Array.AsReadOnly(entries.ToArray());
        PostedAt = postedAt;
        Reverses = reverses;
        Command = command;
        ActedBy = actedBy;
        ApprovedBy = approvedBy;
    }

    // A copy numbered from another first entry, or acted on by others: the shape is the one already checked.
    private LedgerTransaction(LedgerTransaction numbered, IReadOnlyList<LedgerEntry> entries, ActorId? actedBy, ActorId? approvedBy)
    {
        Key = numbered.Key;
        Kind = numbered.Kind;
        Entries = entries;
        PostedAt = numbered.PostedAt;
        Reverses = numbered.Reverses;
        Command = numbered.Command;
        ActedBy = actedBy;
        ApprovedBy = approvedBy;
    }

    /// <summary>The idempotency key.</summary>
    public string Key { get; }

    /// <summary>What the command was: <c>charge</c>, <c>release</c>, <c>refund</c>, <c>payout</c>, <c>return unclaimed</c> or <c>correction</c>.</summary>
    public string Kind { get; }

    /// <summary>The postings, numbered consecutively.</summary>
    public IReadOnlyList<LedgerEntry> Entries { get; }

    /// <summary>When.</summary>
    public Instant PostedAt { get; }

    /// <summary>For a correction, the key of the transaction it reverses.</summary>
    public string? Reverses { get; }

    /// <summary>What the command asked for, as <see cref="EscrowLedger"/> records it; null for a transaction made by other means.</summary>
    public string? Command { get; }

    /// <summary>Who appended it through a store opened for them (<see cref="Storage.ActorLedger"/>); null for one appended otherwise.</summary>
    public ActorId? ActedBy { get; }

    /// <summary>The second approver the four-eyes rule asked for, when one approved it.</summary>
    public ActorId? ApprovedBy { get; }

    /// <summary>The same transaction, recording who appended it and who approved it.</summary>
    /// <param name="actedBy">Who appends it.</param>
    /// <param name="approvedBy">The second approver, if any: another actor.</param>
    /// <returns>The transaction with who acted.</returns>
    /// <exception cref="DomainValidationException">The approver is the actor.</exception>
    public LedgerTransaction WithActors(ActorId actedBy, ActorId? approvedBy = null)
    {
        LedgerTransactionRules.ThrowIfMalformed(Key, Kind, Entries, Reverses, Command, actedBy, approvedBy);
        return new LedgerTransaction(this, Entries, actedBy, approvedBy);
    }

    /// <summary>
    /// The same transaction with its entries numbered on from <paramref name="lastSequence"/>, as a store numbers it when it
    /// appends it after the ledger's last entry. The transaction itself when it is numbered so already.
    /// </summary>
    /// <param name="lastSequence">The number of the entry before the first: 0 for a ledger's first transaction.</param>
    /// <returns>The transaction, its first entry numbered <paramref name="lastSequence"/> + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastSequence"/> is negative, or the last entry's number would pass <see cref="long.MaxValue"/>.</exception>
    public LedgerTransaction NumberedAfter(long lastSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastSequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastSequence, long.MaxValue - Entries.Count);
        return Entries[0].Sequence == lastSequence + 1
            ? this
            : new LedgerTransaction(this, Array.AsReadOnly(Entries.Select((entry, i) => entry with { Sequence = lastSequence + 1 + i }).ToArray()), ActedBy, ApprovedBy);
    }


    /// <summary>Whether another transaction has the same key, kind, entries (in order), time, reversal and command, whoever acted.</summary>
    /// <param name="other">The other transaction.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(LedgerTransaction? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Key == other.Key && Kind == other.Kind && PostedAt == other.PostedAt && Reverses == other.Reverses && Command == other.Command
                && Entries.SequenceEqual(other.Entries)));

    /// <summary>A hash code consistent with <see cref="Equals(LedgerTransaction?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Key, Kind, PostedAt, Reverses, Command, Entries.Count);
}

/// <summary>A ledger command that was refused; nothing was posted.</summary>
/// <param name="Code">A stable reason code, for example <c>ledger.insufficient_escrow</c>.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record LedgerRejection(string Code, string Message)
{
    /// <summary>Formats the rejection.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Message} ({Code})";
}

/// <summary>The outcome of a ledger command: its transaction (new, or the first one for a repeated key), or a rejection.</summary>
[Union]
public sealed partial class LedgerResult : OneOfBase<LedgerTransaction, LedgerRejection>
{
    /// <summary>Whether the command was posted (now or the first time its key was used).</summary>
    public bool IsPosted => IsT0;

    /// <summary>The transaction, or throws the rejection.</summary>
    /// <returns>The transaction.</returns>
    /// <exception cref="InvalidOperationException">The command was rejected.</exception>
    public LedgerTransaction GetValueOrThrow() => IsT0 ? AsT0 : throw new InvalidOperationException(AsT1.ToString());

    /// <inheritdoc />
    public override string ToString() => IsT0 ? $"posted {AsT0.Key}" : $"rejected: {AsT1}";
}

/// <summary>
/// The platform's fee on a release: a percentage of the amount plus a fixed amount, rounded to the minor unit with
/// the rounding it names, and never more than the amount.
/// </summary>
/// <param name="Rate">The percentage as a fraction (0.05 for 5%); from 0 to 1.</param>
/// <param name="Fixed">A fixed amount per release, in the currency it applies to; null for none.</param>
/// <param name="Rounding">How the percentage part is rounded to the minor unit.</param>
public sealed record FeePolicy(decimal Rate, Money? Fixed, MidpointRounding Rounding)
{
    /// <summary>No fee.</summary>
    public static FeePolicy None { get; } = new(0m, null, MidpointRounding.ToEven);

    /// <summary>The fee on an amount.</summary>
    /// <param name="amount">The amount released.</param>
    /// <returns>The fee: percentage part rounded as named, plus the fixed part, at most <paramref name="amount"/>.</returns>
    /// <exception cref="ArgumentException">The rate is outside 0..1, or the fixed part is in another currency.</exception>
    public Money On(Money amount)
    {
        if (Rate is < 0m or > 1m)
        {
            throw new ArgumentException($"Rate: a fee rate is from 0 to 1, got {Rate}.", nameof(Rate));
        }

        if (Fixed is { } fixedPart && (fixedPart.Currency != amount.Currency || fixedPart.IsNegative))
        {
            throw new ArgumentException($"Fixed: the fixed fee {fixedPart} does not apply to an amount in {amount.Currency.Code}.", nameof(Fixed));
        }

        var fee = amount.Multiply(Rate, Rounding) + (Fixed ?? Money.Zero(amount.Currency));
        return fee > amount ? amount : fee;
    }

    /// <summary>Formats the policy, for example <c>"5% (AwayFromZero) + USD 0.30"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{(Rate * 100m).ToString("0.####", CultureInfo.InvariantCulture)}% ({Rounding}){(Fixed is { } fixedPart ? $" + {fixedPart}" : "")}";
}
