using OneOf;

namespace CreatorMarketplace.Access;

/// <summary>
/// An actor may do it: by a role held in one of the resource's workspaces, or, acting for an agency, by the
/// agency role and a grant of that workspace.
/// </summary>
/// <param name="Actor">Who acts.</param>
/// <param name="Permission">What they may do.</param>
/// <param name="Workspace">The resource's workspace they act in.</param>
/// <param name="Role">The role that permits it: held in <paramref name="Workspace"/>, or, with a grant, in the agency's workspace.</param>
/// <param name="Grant">The agency's grant it is used through; null for a member of the workspace itself.</param>
/// <param name="SecondApprover">The other actor who approved it under the four-eyes rule; null when none was needed.</param>
public sealed record AccessPermitted(ActorId Actor, Permission Permission, WorkspaceId Workspace, string Role, AccessGrantId? Grant, ActorId? SecondApprover)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Actor} may {Permission} in {Workspace} as {Role}" + (Grant is { } grant ? $" through grant {grant}" : string.Empty) +
        (SecondApprover is { } approver ? $", approved by {approver}" : string.Empty);
}

/// <summary>One reason an actor may not do something, with a stable code.</summary>
/// <param name="Workspace">The workspace the reason is about; null when it is about the actor or the policy.</param>
/// <param name="Code">A stable, dotted, lower-case code (<c>access.role_lacks_permission</c>).</param>
/// <param name="Message">A sentence for people.</param>
public sealed record AccessDenial(WorkspaceId? Workspace, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Message} ({Code})";
}

/// <summary>An actor may not do it: every reason, what would permit it, and whether the actor may know the resource exists.</summary>
/// <param name="Reasons">Every reason, workspace by workspace.</param>
/// <param name="WouldPermit">What would permit it: the roles that hold the permission, and a grant including it.</param>
/// <param name="CanView">
/// Whether the actor may view the resource. When false, the resource is none of the actor's business: a store reports
/// it as not found, never as forbidden, so that a refusal does not tell that it exists.
/// </param>
public sealed record AccessDenied(IReadOnlyList<AccessDenial> Reasons, IReadOnlyList<string> WouldPermit, bool CanView)
{
    /// <summary>
    /// The denial of a ledger transaction whose key another workspace's transaction holds (<c>access.ledger_key_taken</c>),
    /// which does not show that transaction: for a store whose row security hides it, as for the actor's view of the ledger.
    /// </summary>
    /// <param name="key">The transaction's key.</param>
    /// <returns>The denial; the actor may not view what holds the key.</returns>
    public static AccessDenied LedgerKeyTaken(string key) =>
        new([new AccessDenial(null, "access.ledger_key_taken", $"ledger transaction {ErrorText.Quote(key)} was not appended: its key is taken; choose another.")], [], CanView: false);

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, Reasons);
}

/// <summary>
/// An actor may do it, but the amount is above the four-eyes threshold: a second approver, another actor who may do
/// the same, must approve (<see cref="AccessControl.DecideApproved"/>).
/// </summary>
/// <param name="Permitted">What permits the actor's own part.</param>
/// <param name="Threshold">The threshold the amount exceeds; null when the rule sets none in the amount's currency.</param>
public sealed record ApprovalRequired(AccessPermitted Permitted, Money? Threshold)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Permitted}, once another actor approves" + (Threshold is { } threshold ? $" (above {threshold})" : " (no threshold in this currency)");
}

/// <summary>The answer to "may this actor do this to a resource of these workspaces, at this instant?".</summary>
[Union]
public sealed partial class AccessDecision : OneOfBase<AccessPermitted, AccessDenied, ApprovalRequired>
{
    /// <summary>Whether the actor may go ahead now.</summary>
    public bool IsPermitted => IsT0;

    /// <summary>Whether the actor may view the resource at all (a denial with this false reads as "not found").</summary>
    public bool CanView => IsT0 || IsT2 || AsT1.CanView;

    /// <summary>The reasons it is denied; empty otherwise.</summary>
    public IReadOnlyList<AccessDenial> Reasons => IsT1 ? AsT1.Reasons : [];

    /// <inheritdoc />
    public override string ToString() => Match(permitted => permitted.ToString(), denied => $"denied: {denied}", approval => approval.ToString());
}
