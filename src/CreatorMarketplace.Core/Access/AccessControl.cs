using NodaTime;

namespace CreatorMarketplace.Access;

/// <summary>
/// Decides who may do what: an access policy (the roles and what they permit, by version) over the workspaces, the
/// actors' memberships and the agencies' grants. Every decision is explained: permitted by which role, in which
/// workspace, through which grant; or denied with every reason and what would permit it. A resource belongs to one
/// or more workspaces (a collaboration to both the brand's and the creator's); an actor may act on it through any
/// of them.
/// </summary>
/// <example>
/// <code>
/// var access = AccessControl.Create(AccessPolicy.Default, workspaces, memberships, grants);
/// var decision = access.Decide(actor, Permission.SignContracts, [brandWorkspace, creatorWorkspace], clock.GetCurrentInstant());
/// if (!decision.IsPermitted) { /* decision.Reasons say why; !decision.CanView reads as "not found" */ }
/// </code>
/// </example>
public sealed class AccessControl
{
    private readonly Dictionary<WorkspaceId, Workspace> _workspaces;
    private readonly ILookup<ActorId, Membership> _byActor;
    private readonly ILookup<WorkspaceId, AccessGrant> _byClient;

    private readonly ILookup<BrandId, WorkspaceId> _ofBrand;
    private readonly ILookup<CreatorId, WorkspaceId> _ofCreator;

    private AccessControl(AccessPolicy policy, Workspace[] workspaces, Membership[] memberships, AccessGrant[] grants)
    {
        Policy = policy;
        Workspaces = workspaces;
        Memberships = memberships;
        Grants = grants;
        _workspaces = workspaces.ToDictionary(workspace => workspace.Id);
        _ofBrand = workspaces.Where(workspace => workspace.Brand is not null).ToLookup(workspace => workspace.Brand!.Value, workspace => workspace.Id);
        _ofCreator = workspaces.Where(workspace => workspace.Creator is not null).ToLookup(workspace => workspace.Creator!.Value, workspace => workspace.Id);
        _byActor = memberships.ToLookup(membership => membership.Actor);
        _byClient = grants.ToLookup(grant => grant.Client);
    }

    /// <summary>The access policy decisions follow.</summary>
    public AccessPolicy Policy { get; }

    /// <summary>The workspaces.</summary>
    public IReadOnlyList<Workspace> Workspaces { get; }

    /// <summary>The memberships, current and past.</summary>
    public IReadOnlyList<Membership> Memberships { get; }

    /// <summary>The agencies' grants, standing, expired and revoked.</summary>
    public IReadOnlyList<AccessGrant> Grants { get; }

    /// <summary>Creates the access control, checking that everything it is given fits together and naming every problem.</summary>
    /// <param name="policy">The access policy.</param>
    /// <param name="workspaces">The workspaces, each id once.</param>
    /// <param name="memberships">The memberships, each in a known workspace.</param>
    /// <param name="grants">The grants, each id once, each from an agency's workspace to a brand's.</param>
    /// <returns>The access control.</returns>
    /// <exception cref="ArgumentNullException">The policy or a list is null.</exception>
    /// <exception cref="DomainValidationException">An item is null, an id repeats, a membership's workspace is unknown, or a grant is not from a known agency to a known brand.</exception>
    public static AccessControl Create(AccessPolicy policy, IEnumerable<Workspace> workspaces, IEnumerable<Membership> memberships, IEnumerable<AccessGrant> grants)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(workspaces);
        ArgumentNullException.ThrowIfNull(memberships);
        ArgumentNullException.ThrowIfNull(grants);
        var (spaces, members, granted) = (workspaces.ToArray(), memberships.ToArray(), grants.ToArray());
        var errors = new ErrorCollector();
        var kinds = new Dictionary<WorkspaceId, WorkspaceKind>();
        for (var i = 0; i < spaces.Length; i++)
        {
            if (errors.Require(spaces[i] is not null, $"workspaces[{i}]", "access.workspace_null", "a workspace may not be null."))
            {
                errors.Require(kinds.TryAdd(spaces[i].Id, spaces[i].Kind), $"workspaces[{i}].id", "access.duplicate_workspace", $"another workspace also has the id {spaces[i].Id}.");
            }
        }

        for (var i = 0; i < members.Length; i++)
        {
            if (errors.Require(members[i] is not null, $"memberships[{i}]", "access.membership_null", "a membership may not be null."))
            {
                errors.Require(kinds.ContainsKey(members[i].Workspace), $"memberships[{i}].workspace", "access.workspace_unknown", $"workspace {members[i].Workspace} is not among the workspaces.");
            }
        }

        var grantIds = new HashSet<AccessGrantId>();
        for (var i = 0; i < granted.Length; i++)
        {
            if (!errors.Require(granted[i] is not null, $"grants[{i}]", "access.grant_null", "a grant may not be null."))
            {
                continue;
            }

            var grant = granted[i];
            errors.Require(grantIds.Add(grant.Id), $"grants[{i}].id", "access.duplicate_grant", $"another grant also has the id {grant.Id}.");
            errors.Require(kinds.GetValueOrDefault(grant.Agency) == WorkspaceKind.Agency, $"grants[{i}].agency", "access.grant_not_from_agency", $"a grant is from an agency's workspace; {grant.Agency} is {KindOf(kinds, grant.Agency)}.");
            errors.Require(kinds.GetValueOrDefault(grant.Client) == WorkspaceKind.Brand, $"grants[{i}].client", "access.grant_not_to_brand", $"a grant is to a brand's workspace; {grant.Client} is {KindOf(kinds, grant.Client)}.");
        }

        errors.ThrowIfAny();
        return new AccessControl(policy, spaces, members, granted);
    }

    /// <summary>The workspaces that stand for a brand: what the brand's campaigns, contracts and lists belong to.</summary>
    /// <param name="brand">The brand.</param>
    /// <returns>The workspaces; empty when none stands for it (its resources then belong to nobody here).</returns>
    public IReadOnlyList<WorkspaceId> WorkspacesOf(BrandId brand) => [.. _ofBrand[brand]];

    /// <summary>The workspaces that stand for a creator: the creator's own account.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>The workspaces; empty when the creator has no account here.</returns>
    public IReadOnlyList<WorkspaceId> WorkspacesOf(CreatorId creator) => [.. _ofCreator[creator]];

    /// <summary>Decides whether an actor may do something to a resource of some workspaces at an instant.</summary>
    /// <param name="actor">Who acts.</param>
    /// <param name="permission">What they would do.</param>
    /// <param name="owners">The workspaces the resource belongs to: at least one.</param>
    /// <param name="at">When.</param>
    /// <returns>Permitted, with what permits it, or denied, with every reason.</returns>
    /// <exception cref="ArgumentNullException">The permission or the owners are null.</exception>
    /// <exception cref="ArgumentException">There is no owner.</exception>
    public AccessDecision Decide(ActorId actor, Permission permission, IEnumerable<WorkspaceId> owners, Instant at)
    {
        var (version, workspaces) = Prepare(permission, owners, at);
        return Judge(actor, permission, workspaces, at, version);
    }

    /// <summary>
    /// Decides whether an actor may move an amount of money: as <see cref="Decide(ActorId, Permission, IEnumerable{WorkspaceId}, Instant)"/>,
    /// and, where the policy's four-eyes rule governs the permission and the amount is above its threshold, that a
    /// second approver is required.
    /// </summary>
    /// <param name="actor">Who acts.</param>
    /// <param name="permission">What they would do (a release, a refund).</param>
    /// <param name="owners">The workspaces the money belongs to: at least one.</param>
    /// <param name="at">When.</param>
    /// <param name="amount">The amount moved.</param>
    /// <returns>Permitted, denied, or permitted once another actor approves.</returns>
    /// <exception cref="ArgumentNullException">The permission or the owners are null.</exception>
    /// <exception cref="ArgumentException">There is no owner, or the amount is <c>default(Money)</c>.</exception>
    public AccessDecision Decide(ActorId actor, Permission permission, IEnumerable<WorkspaceId> owners, Instant at, Money amount)
    {
        FourEyesRule.RequireAmount(amount);
        var (version, workspaces) = Prepare(permission, owners, at);
        var decision = Judge(actor, permission, workspaces, at, version);
        return decision.IsT0 && version?.FourEyes is { } rule && rule.Requires(permission, amount, out var threshold)
            ? new ApprovalRequired(decision.AsT0, threshold)
            : decision;
    }

    /// <summary>
    /// Decides whether an actor may move an amount of money with a second approver's approval: both must be
    /// permitted on their own, and the approver must be another actor. The permitted decision names the approver,
    /// for the audit trail.
    /// </summary>
    /// <param name="actor">Who acts.</param>
    /// <param name="approver">Who approves: another actor.</param>
    /// <param name="permission">What they would do (a release, a refund).</param>
    /// <param name="owners">The workspaces the money belongs to: at least one.</param>
    /// <param name="at">When.</param>
    /// <param name="amount">The amount moved.</param>
    /// <returns>Permitted with the approver named, or denied with every reason.</returns>
    /// <exception cref="ArgumentNullException">The permission or the owners are null.</exception>
    /// <exception cref="ArgumentException">There is no owner, or the amount is <c>default(Money)</c>.</exception>
    public AccessDecision DecideApproved(ActorId actor, ActorId approver, Permission permission, IEnumerable<WorkspaceId> owners, Instant at, Money amount)
    {
        FourEyesRule.RequireAmount(amount);
        var (version, workspaces) = Prepare(permission, owners, at);
        var decision = Judge(actor, permission, workspaces, at, version);
        if (!decision.IsT0)
        {
            return decision;
        }

        if (approver == actor)
        {
            return new AccessDenied([new AccessDenial(null, "access.approver_is_actor", $"the second approver must be another actor than {actor}.")], WouldPermit(permission, workspaces, version), CanView: true);
        }

        var approval = Judge(approver, permission, workspaces, at, version);
        return approval.IsT0
            ? decision.AsT0 with { SecondApprover = approver }
            : new AccessDenied(
                [new AccessDenial(null, "access.approver_not_permitted", $"the second approver {approver} may not {permission} here."), .. approval.Reasons],
                WouldPermit(permission, workspaces, version),
                CanView: true);
    }

    private static string KindOf(Dictionary<WorkspaceId, WorkspaceKind> kinds, WorkspaceId workspace) =>
        kinds.TryGetValue(workspace, out var kind) ? $"a {kind} workspace" : "not among the workspaces";

    private (AccessPolicyVersion? Version, WorkspaceId[] Owners) Prepare(Permission permission, IEnumerable<WorkspaceId> owners, Instant at)
    {
        ArgumentNullException.ThrowIfNull(permission);
        ArgumentNullException.ThrowIfNull(owners);
        var workspaces = owners.Distinct().ToArray();
        if (workspaces.Length == 0)
        {
            throw new ArgumentException("owners: a resource belongs to at least one workspace.", nameof(owners));
        }

        return (Policy.VersionAsOf(at), workspaces);
    }

    private AccessDecision Judge(ActorId actor, Permission permission, WorkspaceId[] owners, Instant at, AccessPolicyVersion? version)
    {
        if (version is null)
        {
            return new AccessDenied([new AccessDenial(null, "access.no_policy_version", $"access policy '{Policy.Name}' has no version in force at {at}.")], [], CanView: false);
        }

        if (!_byActor.Contains(actor))
        {
            return new AccessDenied([new AccessDenial(null, "access.actor_unknown", $"actor {actor} is not a member of any workspace.")], [], CanView: false);
        }

        var reasons = new List<AccessDenial>();
        if (Find(actor, permission, owners, at, version, reasons) is { } permitted)
        {
            return permitted;
        }

        var canView = permission == Permission.View ? false : Find(actor, Permission.View, owners, at, version, []) is not null;
        return new AccessDenied(reasons, WouldPermit(permission, owners, version), canView);
    }

    // The first workspace, membership or grant that permits it; every reason the others do not, in order.
    private AccessPermitted? Find(ActorId actor, Permission permission, WorkspaceId[] owners, Instant at, AccessPolicyVersion version, List<AccessDenial> reasons)
    {
        foreach (var owner in owners)
        {
            if (!_workspaces.TryGetValue(owner, out var workspace))
            {
                reasons.Add(new AccessDenial(owner, "access.workspace_unknown", $"workspace {owner} is unknown."));
                continue;
            }

            var direct = _byActor[actor].Where(membership => membership.Workspace == owner).ToList();
            foreach (var membership in direct)
            {
                if (Check(membership, workspace.Kind, permission, at, version, reasons) is { } role)
                {
                    return new AccessPermitted(actor, permission, owner, role.Name, null, null);
                }
            }

            var throughAgency = false;
            foreach (var grant in _byClient[owner])
            {
                var staff = _byActor[actor].Where(membership => membership.Workspace == grant.Agency).ToList();
                if (staff.Count == 0)
                {
                    continue; // another agency's grant: nothing of this actor's
                }

                throughAgency = true;
                if (grant.NotInForce(at) is { } why)
                {
                    reasons.Add(new AccessDenial(owner, "access.grant_not_in_force", why));
                    continue;
                }

                if (!grant.Scope.Contains(permission))
                {
                    reasons.Add(new AccessDenial(owner, "access.grant_lacks_permission", $"grant {grant.Id} to agency {grant.Agency} does not include {permission}."));
                    continue;
                }

                foreach (var membership in staff)
                {
                    if (Check(membership, WorkspaceKind.Agency, permission, at, version, reasons) is { } role)
                    {
                        return new AccessPermitted(actor, permission, owner, role.Name, grant.Id, null);
                    }
                }
            }

            if (direct.Count == 0 && !throughAgency)
            {
                reasons.Add(new AccessDenial(owner, "access.not_a_member", $"actor {actor} holds no role in workspace {owner} and acts for no agency it has granted access."));
            }
        }

        return null;
    }

    // The membership's role when it is held and permits it; otherwise the reason it does not.
    private static AccessRole? Check(Membership membership, WorkspaceKind kind, Permission permission, Instant at, AccessPolicyVersion version, List<AccessDenial> reasons)
    {
        var where = membership.Workspace;
        if (!membership.HeldAt(at))
        {
            var held = membership.Until is { } until ? $"from {membership.From} until {until}" : $"from {membership.From}";
            reasons.Add(new AccessDenial(where, "access.role_not_held", $"the role {membership.Role} in {where} is held {held}, not at {at}."));
            return null;
        }

        if (version.Role(membership.Role) is not { } role)
        {
            reasons.Add(new AccessDenial(where, "access.role_unknown", $"the access policy in force defines no role '{membership.Role}'."));
            return null;
        }

        if (!role.MayBeHeldIn(kind))
        {
            reasons.Add(new AccessDenial(where, "access.role_not_for_workspace", $"the role {role.Name} is not held in a {kind} workspace."));
            return null;
        }

        if (!role.Permits(permission))
        {
            reasons.Add(new AccessDenial(where, "access.role_lacks_permission", $"the role {role.Name} in {where} does not include {permission}."));
            return null;
        }

        return role;
    }

    private List<string> WouldPermit(Permission permission, WorkspaceId[] owners, AccessPolicyVersion? version)
    {
        var would = new List<string>();
        if (version is null)
        {
            return would;
        }

        var agencyRoles = RolesFor(permission, WorkspaceKind.Agency, version);
        foreach (var owner in owners)
        {
            if (!_workspaces.TryGetValue(owner, out var workspace))
            {
                continue;
            }

            var roles = RolesFor(permission, workspace.Kind, version);
            if (roles.Count > 0)
            {
                would.Add($"the role {Either(roles)} in workspace {owner}");
            }

            if (workspace.Kind == WorkspaceKind.Brand && agencyRoles.Count > 0)
            {
                would.Add($"a grant of workspace {owner} to an agency that includes {permission}, and the role {Either(agencyRoles)} in that agency");
            }
        }

        return would;
    }

    private static List<string> RolesFor(Permission permission, WorkspaceKind kind, AccessPolicyVersion version) =>
        version.Roles.Where(role => role.Permits(permission) && role.MayBeHeldIn(kind)).Select(role => role.Name).ToList();

    private static string Either(List<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";
}
