using NodaTime;

namespace CreatorMarketplace.Access;

/// <summary>
/// Who may do what, held as data as the eligibility policies are: versions with effective instants, each listing
/// its roles and what they permit, and an optional four-eyes rule for money. A decision uses the version in force
/// at the instant judged, so a role changed tomorrow permits by tomorrow's rules from then on.
/// </summary>
public sealed class AccessPolicy
{
    private static readonly Lazy<AccessPolicy> Shipped = new(CreateDefault);

    private AccessPolicy(string name, AccessPolicyVersion[] versions)
    {
        Name = name;
        Versions = versions;
    }

    /// <summary>
    /// The library's roles, in force at every instant and with no four-eyes rule: in brand and agency workspaces
    /// <c>owner</c> (everything), <c>admin</c> (everything but granting agencies access), <c>campaign-manager</c>
    /// (view, reports, campaigns), <c>legal</c> (view, sign and amend contracts), <c>finance</c> (view, finances,
    /// fund, release, refund, pay out), <c>analyst</c> (view, reports) and <c>viewer</c> (view); in a creator's
    /// account <c>creator</c> (view, finances, reports, the creator's side of offers and collaborations, sign contracts,
    /// manage the profile) and <c>viewer</c>.
    /// </summary>
    public static AccessPolicy Default => Shipped.Value;

    /// <summary>A short, stable name ("default"); decisions with no version in force name it.</summary>
    public string Name { get; }

    /// <summary>The versions, earliest first; each is in force from its effective instant until the next one's.</summary>
    public IReadOnlyList<AccessPolicyVersion> Versions { get; }

    /// <summary>Creates a policy.</summary>
    /// <param name="name">A short, stable name: one line, not blank.</param>
    /// <param name="versions">The versions, at least one, each with its own effective instant, in any order.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="DomainValidationException">The name is blank, there is no version, a version is null, or two take effect at once.</exception>
    public static AccessPolicy Create(string name, IEnumerable<AccessPolicyVersion> versions)
    {
        var errors = new ErrorCollector();
        var checkedVersions = EffectiveVersions.Checked(errors, "access_policy", name, versions, version => version.EffectiveFrom);
        errors.ThrowIfAny();
        return new AccessPolicy(name, checkedVersions);
    }

    /// <summary>Reads a policy from its JSON form, naming the JSON path of every problem.</summary>
    /// <param name="json">The JSON text: <c>{ "name": …, "versions": [{ "effectiveFrom": …, "roles": [{ "name": …, "permissions": […], "heldIn": […] }], "fourEyes": { "permissions": […], "thresholds": ["USD 10000.00"] } }] }</c>, <c>fourEyes</c> optional.</param>
    /// <returns>The policy, or every problem, each with its path (<c>$.versions[0].roles[2].permissions[1]</c>) as the field.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static Validated<AccessPolicy> FromJson(string json) => AccessPolicyJson.Read(json);

    /// <summary>Writes the policy in its JSON form, which <see cref="FromJson"/> reads back as the same policy.</summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson() => AccessPolicyJson.Write(this);

    /// <summary>The version in force at an instant: the latest whose effective instant is at or before it.</summary>
    /// <param name="asOf">The instant.</param>
    /// <returns>The version, or null before the first one takes effect.</returns>
    public AccessPolicyVersion? VersionAsOf(Instant asOf) => EffectiveVersions.InForceAt(Versions, asOf, version => version.EffectiveFrom);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Versions.Count} versions)";

    private static AccessPolicy CreateDefault()
    {
        WorkspaceKind[] teams = [WorkspaceKind.Brand, WorkspaceKind.Agency];
        var everything = Permission.List.Where(permission => permission != Permission.ManageProfile).ToArray();
        AccessRole[] roles =
        [
            AccessRole.Create("owner", everything, teams),
            AccessRole.Create("admin", everything.Where(permission => permission != Permission.ManageGrants), teams),
            AccessRole.Create("campaign-manager", [Permission.View, Permission.ViewReports, Permission.ManageCampaigns], teams),
            AccessRole.Create("legal", [Permission.View, Permission.SignContracts, Permission.AmendContracts], teams),
            AccessRole.Create("finance", [Permission.View, Permission.ViewFinances, Permission.Fund, Permission.Release, Permission.Refund, Permission.PayOut], teams),
            AccessRole.Create("analyst", [Permission.View, Permission.ViewReports], teams),
            AccessRole.Create("viewer", [Permission.View], [.. teams, WorkspaceKind.Creator]),
            AccessRole.Create("creator", [Permission.View, Permission.ViewFinances, Permission.ViewReports, Permission.ManageCampaigns, Permission.SignContracts, Permission.ManageProfile], [WorkspaceKind.Creator]),
        ];
        return Create("default", [AccessPolicyVersion.Create(Instant.MinValue, roles)]);
    }
}
