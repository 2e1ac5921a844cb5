using Ardalis.SmartEnum;

namespace CreatorMarketplace.Access;

/// <summary>Whose a workspace is: it decides which roles may be held in it (<see cref="AccessRole.HeldIn"/>).</summary>
public sealed class WorkspaceKind : SmartEnum<WorkspaceKind, int>
{
    /// <summary>A brand's workspace: its campaigns, contracts, shortlists, ledger and invoices.</summary>
    public static readonly WorkspaceKind Brand = new("brand", 1);

    /// <summary>An agency's workspace; the agency acts in its client brands' workspaces through grants.</summary>
    public static readonly WorkspaceKind Agency = new("agency", 2);

    /// <summary>A creator's own account: their profile, collaborations, contracts and payouts.</summary>
    public static readonly WorkspaceKind Creator = new("creator", 3);

    private WorkspaceKind(string name, int value)
        : base(name, value)
    {
    }
}
