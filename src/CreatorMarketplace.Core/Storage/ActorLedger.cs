using System.Runtime.CompilerServices;
using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Payments;

namespace CreatorMarketplace.Storage;

/// <summary>
/// The ledger as one actor sees it (<see cref="ActorStore.Ledger"/>): the transactions on accounts of the actor's
/// workspaces, and appends the actor's permissions allow. Being an <see cref="ILedgerStore"/>, it takes the store's
/// ledger's place wherever a ledger is written, so that a command that moves money is checked where it is recorded.
/// </summary>
/// <remarks>
/// <para>
/// An account belongs to the workspaces of its owner: brand funding and refunds to the brand's, creator payable and
/// paid out to the creator's, escrow to those of the collaboration's brand and creator; the platform's fees to none.
/// A transaction is seen with <see cref="Permission.ViewFinances"/> in a workspace of any of its accounts: a brand
/// sees its escrow released to the creator, and the creator sees it arrive.
/// </para>
/// <para>
/// An append needs the permission its kind names, in the workspaces of the accounts its money leaves: a charge
/// <see cref="Permission.Fund"/> in the brand's, a release <see cref="Permission.Release"/> and a refund
/// <see cref="Permission.Refund"/> in the collaboration's, a payout and the return of an unclaimed one
/// <see cref="Permission.PayOut"/> in the creator's, a correction the permission of the transaction it reverses. The
/// entries must be what the kind moves (a charge from brand funding to escrow, a release from escrow to the creator and
/// the platform's fees, a refund from escrow to the brand's refunds and the creator, a payout from the creator's payable
/// to paid out, a return from paid out to a brand's refunds, a correction the exact reverse of what it corrects), and an
/// escrow's money moves only between the collaboration's brand and creator: a label cannot disguise a release as a
/// charge, nor a grant move one client's money into another's collaboration. The amount is the sum of its entries;
/// above the policy's four-eyes threshold it needs a second approver (<see cref="ApprovedBy"/>). The transaction
/// appended records who acted and who approved (<see cref="LedgerTransaction.ActedBy"/>,
/// <see cref="LedgerTransaction.ApprovedBy"/>), in the same row as its entries. A refusal throws
/// <see cref="AccessDeniedException"/> and appends nothing.
/// Idempotency keys are one namespace for the whole ledger: a key another workspace used is refused as not found
/// rather than answered with that workspace's transaction, so choose keys that cannot collide (a command's id).
/// </para>
/// </remarks>
public sealed class ActorLedger : ILedgerStore
{
    // What each kind of transaction moves, and the permission it needs: the kinds EscrowLedger posts.
    private static readonly Dictionary<string, (Permission Permission, (AccountKind From, AccountKind To)[] Moves)> Kinds = new(StringComparer.Ordinal)
    {
        ["charge"] = (Permission.Fund, [(AccountKind.BrandFunding, AccountKind.EscrowHeld)]),
        ["release"] = (Permission.Release, [(AccountKind.EscrowHeld, AccountKind.CreatorPayable), (AccountKind.EscrowHeld, AccountKind.PlatformFees)]),
        ["refund"] = (Permission.Refund, [(AccountKind.EscrowHeld, AccountKind.Refunds), (AccountKind.EscrowHeld, AccountKind.CreatorPayable)]),
        ["payout"] = (Permission.PayOut, [(AccountKind.CreatorPayable, AccountKind.PaidOut)]),
        ["return unclaimed"] = (Permission.PayOut, [(AccountKind.PaidOut, AccountKind.Refunds)]),
    };

    private readonly ILedgerStore _inner;
    private readonly IRepository<Collaboration, CollaborationId> _collaborations;
    private readonly AccessScope _scope;

    internal ActorLedger(ILedgerStore inner, IRepository<Collaboration, CollaborationId> collaborations, AccessScope scope, ActorId? approver = null)
    {
        _inner = inner;
        _collaborations = collaborations;
        _scope = scope;
        Approver = approver;
    }

    /// <summary>The second approver this view appends with, if any (<see cref="ApprovedBy"/>).</summary>
    public ActorId? Approver { get; }

    /// <summary>
    /// The same ledger, appending with another actor's approval: an amount above the four-eyes threshold is then
    /// permitted when both may move it on their own. The approval is the caller's to obtain.
    /// </summary>
    /// <param name="approver">The second approver: another actor.</param>
    /// <returns>The ledger appending with the approval.</returns>
    public ActorLedger ApprovedBy(ActorId approver) => new(_inner, _collaborations, _scope, approver);

    /// <inheritdoc />
    /// <exception cref="AccessDeniedException">
    /// The actor may not make the transaction; its amount needs a second approver this view does not have; or it is
    /// not what its kind moves (a kind no permission allows, entries of another kind, a correction that does not reverse
    /// a transaction the ledger holds entry for entry or reverses one already reversed, an escrow of a collaboration the
    /// store does not hold, or money
    /// moved between an escrow and an account of another brand or creator than the collaboration's).
    /// </exception>
    public async ValueTask<LedgerAppendResult> AppendAsync(LedgerTransaction transaction, long expectedLastSequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var what = $"ledger transaction {ErrorText.Quote(transaction.Key)}";
        var collaborations = await CollaborationsAsync(transaction, cancellationToken).ConfigureAwait(false);
        var everyone = Owners(transaction.Entries.SelectMany(entry => new[] { entry.From, entry.To }), collaborations);
        var judged = await JudgeAsync(transaction, collaborations, cancellationToken).ConfigureAwait(false);
        if (judged.Permission is not { } permission)
        {
            throw new AccessDeniedException(new AccessDenied([new AccessDenial(null, judged.Code, $"{what} {judged.Why}")], [], _scope.May(Permission.View, everyone)));
        }

        // Decided where the money comes from: moving it out of an account is its owners' decision, account by account,
        // since a permission is granted through any one owner and one entry from the actor's own account must not
        // carry another's. Each is held to the whole amount's four-eyes threshold.
        var amount = Money.Sum(transaction.Entries.Select(entry => entry.Amount), transaction.Entries[0].Amount.Currency);
        try
        {
            foreach (var payer in transaction.Entries.Select(entry => entry.From).Distinct())
            {
                _scope.RequireMoney(permission, Owners([payer], collaborations), amount, Approver, what);
            }
        }
        catch (AccessDeniedException denied) when (!denied.Denial.CanView && _scope.May(Permission.View, everyone))
        {
            // Refused where the money comes from, but the actor may view the transaction's other accounts: forbidden.
            throw new AccessDeniedException(denied.Denial with { CanView = true });
        }

        var result = await _inner.AppendAsync(transaction.WithActors(_scope.Actor, Approver), expectedLastSequence, cancellationToken).ConfigureAwait(false);
        if (result.TryPickT1(out var recorded, out _) && !await VisibleAsync(recorded.Transaction, cancellationToken).ConfigureAwait(false))
        {
            throw new AccessDeniedException(AccessDenied.LedgerKeyTaken(transaction.Key));
        }

        return result;
    }

    /// <inheritdoc />
    public async ValueTask<LedgerTransaction?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        var found = await _inner.FindAsync(key, cancellationToken).ConfigureAwait(false);
        return found is not null && await VisibleAsync(found, cancellationToken).ConfigureAwait(false) ? found : null;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LedgerTransaction> ReadAsync(long afterSequence = 0, CancellationToken cancellationToken = default) =>
        Visible(_inner.ReadAsync(afterSequence, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<LedgerTransaction> Visible(IAsyncEnumerable<LedgerTransaction> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var transaction in read.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (await VisibleAsync(transaction, cancellationToken).ConfigureAwait(false))
            {
                yield return transaction;
            }
        }
    }

    private async ValueTask<bool> VisibleAsync(LedgerTransaction transaction, CancellationToken cancellationToken) =>
        _scope.May(Permission.ViewFinances, Owners(transaction.Entries.SelectMany(entry => new[] { entry.From, entry.To }), await CollaborationsAsync(transaction, cancellationToken).ConfigureAwait(false)));

    // The permission the transaction needs (its kind's; a correction's, that of the transaction it reverses), or why it
    // is not one the ledger's commands make: the check that a kind's permission covers what its entries really move,
    // and that an escrow's money stays between the collaboration's parties.
    private async ValueTask<Judgement> JudgeAsync(LedgerTransaction transaction, Dictionary<Guid, Collaboration?> collaborations, CancellationToken cancellationToken)
    {
        Permission permission;
        if (transaction.Reverses is { } reversed)
        {
            var original = await _inner.FindAsync(reversed, cancellationToken).ConfigureAwait(false);
            if (original is null || !Kinds.TryGetValue(original.Kind, out var reversedKind))
            {
                return new("access.ledger_reversal_unknown", $"reverses {ErrorText.Quote(reversed)}, which is no charge, release, refund, payout or return the ledger holds.");
            }

            var mirrors = original.Entries.Count == transaction.Entries.Count && original.Entries.Zip(transaction.Entries)
                .All(pair => pair.First.From == pair.Second.To && pair.First.To == pair.Second.From && pair.First.Amount == pair.Second.Amount);
            if (!mirrors)
            {
                return new("access.ledger_entries_mismatch", $"does not reverse {ErrorText.Quote(reversed)} entry for entry.");
            }

            // Reversed once at most, as EscrowLedger.Correct allows: a second reversal under another key gives the money
            // back twice. Only what came after the original can reverse it; a repeat under the same key is the store's
            // to answer as a retry.
            await foreach (var later in _inner.ReadAsync(original.Entries[^1].Sequence, cancellationToken).ConfigureAwait(false))
            {
                if (later.Reverses == reversed && later.Key != transaction.Key)
                {
                    return new("access.ledger_already_corrected", $"reverses {ErrorText.Quote(reversed)}, which {ErrorText.Quote(later.Key)} already reversed.");
                }
            }

            permission = reversedKind.Permission;
        }
        else if (!Kinds.TryGetValue(transaction.Kind, out var kind))
        {
            return new("access.ledger_kind_unknown", $"is a {ErrorText.Quote(transaction.Kind)}, which no permission allows.");
        }
        else if (transaction.Entries.FirstOrDefault(entry => !kind.Moves.Contains((entry.From.Kind, entry.To.Kind))) is { } stray)
        {
            return new("access.ledger_entries_mismatch", $"is a {transaction.Kind}, which does not move money from {stray.From.Kind} to {stray.To.Kind}.");
        }
        else
        {
            permission = kind.Permission;
        }

        foreach (var entry in transaction.Entries)
        {
            var (escrow, other) = entry.From.Kind == AccountKind.EscrowHeld ? (entry.From, entry.To) : (entry.To, entry.From);
            if (escrow.Kind != AccountKind.EscrowHeld)
            {
                continue;
            }

            if (collaborations[escrow.Owner] is not { } collaboration)
            {
                return new("access.ledger_collaboration_unknown", $"moves the escrow of collaboration {escrow.Owner:D}, which the store does not hold.");
            }

            var party = other.Kind == AccountKind.BrandFunding || other.Kind == AccountKind.Refunds ? collaboration.Brand.Value
                : other.Kind == AccountKind.CreatorPayable ? collaboration.Creator.Value
                : other.Owner;
            if (other.Owner != party)
            {
                return new("access.ledger_parties_mismatch", $"moves the escrow of collaboration {escrow.Owner:D} to or from {other}, which is not the collaboration's.");
            }
        }

        return new(permission);
    }

    // The collaborations whose escrow the transaction moves, looked up in the store itself: their parties own their
    // escrow, whoever asks. Null for one the store does not hold.
    private async ValueTask<Dictionary<Guid, Collaboration?>> CollaborationsAsync(LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        var collaborations = new Dictionary<Guid, Collaboration?>();
        foreach (var account in transaction.Entries.SelectMany(entry => new[] { entry.From, entry.To }))
        {
            if (account.Kind == AccountKind.EscrowHeld && !collaborations.ContainsKey(account.Owner))
            {
                collaborations[account.Owner] = await _collaborations.FindAsync(CollaborationId.From(account.Owner), cancellationToken).ConfigureAwait(false);
            }
        }

        return collaborations;
    }

    // The workspaces that own the accounts: a brand's funding and refunds its brand's, a creator's payable and paid out
    // the creator's, an escrow its collaboration's brand's and creator's; the platform's fees none.
    private IReadOnlyList<WorkspaceId> Owners(IEnumerable<LedgerAccount> accounts, Dictionary<Guid, Collaboration?> collaborations)
    {
        var owners = new HashSet<WorkspaceId>();
        foreach (var account in accounts)
        {
            if (account.Kind == AccountKind.EscrowHeld)
            {
                if (collaborations[account.Owner] is { } collaboration)
                {
                    owners.UnionWith(_scope.Access.WorkspacesOf(collaboration.Brand));
                    owners.UnionWith(_scope.Access.WorkspacesOf(collaboration.Creator));
                }
            }
            else if (account.Kind == AccountKind.BrandFunding || account.Kind == AccountKind.Refunds)
            {
                owners.UnionWith(_scope.Access.WorkspacesOf(BrandId.From(account.Owner)));
            }
            else if (account.Kind == AccountKind.CreatorPayable || account.Kind == AccountKind.PaidOut)
            {
                owners.UnionWith(_scope.Access.WorkspacesOf(CreatorId.From(account.Owner)));
            }
        }

        return [.. owners];
    }

    // A transaction judged: the permission it needs, or the code and reason it is refused with.
    private readonly record struct Judgement(Permission? Permission, string Code, string Why)
    {
        public Judgement(Permission permission)
            : this(permission, "", "")
        {
        }

        public Judgement(string code, string why)
            : this(null, code, why)
        {
        }
    }
}
