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
/// An append needs, in the workspaces of the accounts it moves, the permission its kind names: a charge
/// <see cref="Permission.Fund"/>, a release <see cref="Permission.Release"/>, a refund <see cref="Permission.Refund"/>,
/// a payout and the return of an unclaimed one <see cref="Permission.PayOut"/>, a correction the permission of the
/// transaction it reverses. The amount is the sum of its entries; above the policy's four-eyes threshold it needs a
/// second approver (<see cref="ApprovedBy"/>). The transaction appended records who acted and who approved
/// (<see cref="LedgerTransaction.ActedBy"/>, <see cref="LedgerTransaction.ApprovedBy"/>), in the same row as its entries.
/// A refusal throws <see cref="AccessDeniedException"/> and appends nothing.
/// Idempotency keys are one namespace for the whole ledger: a key another workspace used is refused as not found
/// rather than answered with that workspace's transaction, so choose keys that cannot collide (a command's id).
/// </para>
/// </remarks>
public sealed class ActorLedger : ILedgerStore
{
    private static readonly Dictionary<string, Permission> PermissionOfKind = new(StringComparer.Ordinal)
    {
        ["charge"] = Permission.Fund,
        ["release"] = Permission.Release,
        ["refund"] = Permission.Refund,
        ["payout"] = Permission.PayOut,
        ["return unclaimed"] = Permission.PayOut,
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
    /// <exception cref="AccessDeniedException">The actor may not make the transaction, or its amount needs a second approver this view does not have.</exception>
    public async ValueTask<LedgerAppendResult> AppendAsync(LedgerTransaction transaction, long expectedLastSequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var owners = await OwnersAsync(transaction, cancellationToken).ConfigureAwait(false);
        var permission = await PermissionOfAsync(transaction, cancellationToken).ConfigureAwait(false);
        var what = $"ledger transaction {ErrorText.Quote(transaction.Key)}";
        if (permission is null)
        {
            throw new AccessDeniedException(new AccessDenied(
                [new AccessDenial(null, "access.ledger_kind_unknown", $"{what} is a {ErrorText.Quote(transaction.Kind)}, which no permission allows.")], [], CanView: false));
        }

        var amount = Money.Sum(transaction.Entries.Select(entry => entry.Amount), transaction.Entries[0].Amount.Currency);
        _scope.RequireMoney(permission, owners, amount, Approver, what);
        var result = await _inner.AppendAsync(transaction.WithActors(_scope.Actor, Approver), expectedLastSequence, cancellationToken).ConfigureAwait(false);
        if (result.TryPickT1(out var recorded, out _) && !await VisibleAsync(recorded.Transaction, cancellationToken).ConfigureAwait(false))
        {
            throw new AccessDeniedException(new AccessDenied(
                [new AccessDenial(null, "access.ledger_key_taken", $"{what} was not appended: its key is taken; choose another.")], [], CanView: false));
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
        _scope.May(Permission.ViewFinances, await OwnersAsync(transaction, cancellationToken).ConfigureAwait(false));

    // A correction is allowed as what it reverses is; one that reverses nothing the ledger holds is allowed by nothing.
    private async ValueTask<Permission?> PermissionOfAsync(LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        if (transaction.Reverses is { } reversed)
        {
            return await _inner.FindAsync(reversed, cancellationToken).ConfigureAwait(false) is { } original
                ? PermissionOfKind.GetValueOrDefault(original.Kind)
                : null;
        }

        return PermissionOfKind.GetValueOrDefault(transaction.Kind);
    }

    private async ValueTask<IReadOnlyList<WorkspaceId>> OwnersAsync(LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        var owners = new HashSet<WorkspaceId>();
        var escrows = new HashSet<Guid>();
        foreach (var entry in transaction.Entries)
        {
            Add(entry.From);
            Add(entry.To);
        }

        foreach (var escrow in escrows)
        {
            // The collaboration is looked up in the store itself: its parties own its escrow, whoever asks.
            if (await _collaborations.FindAsync(CollaborationId.From(escrow), cancellationToken).ConfigureAwait(false) is { } collaboration)
            {
                owners.UnionWith(_scope.Access.WorkspacesOf(collaboration.Brand));
                owners.UnionWith(_scope.Access.WorkspacesOf(collaboration.Creator));
            }
        }

        return [.. owners];

        void Add(LedgerAccount account)
        {
            if (account.Kind == AccountKind.EscrowHeld)
            {
                escrows.Add(account.Owner);
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
    }
}
