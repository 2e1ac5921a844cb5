using Ardalis.SmartEnum;

namespace CreatorMarketplace.Access;

/// <summary>
/// Something an actor may do in a workspace. Roles hold permissions (<see cref="AccessRole"/>); an agency's grant
/// scopes which of them its staff may use in a client's workspace (<see cref="AccessGrant"/>).
/// </summary>
public sealed class Permission : SmartEnum<Permission, int>
{
    /// <summary>Read the workspace's campaigns, collaborations, contracts, shortlists and saved searches.</summary>
    public static readonly Permission View = new("view", 1);

    /// <summary>Read the workspace's ledger accounts, invoices and payouts.</summary>
    public static readonly Permission ViewFinances = new("view-finances", 2);

    /// <summary>Read the workspace's metrics and reports.</summary>
    public static readonly Permission ViewReports = new("view-reports", 3);

    /// <summary>
    /// Create and change campaigns, briefs, shortlists, saved searches, offers and collaborations; in a creator's own
    /// account, the creator's side of offers and collaborations.
    /// </summary>
    public static readonly Permission ManageCampaigns = new("manage-campaigns", 4);

    /// <summary>Sign contracts.</summary>
    public static readonly Permission SignContracts = new("sign-contracts", 5);

    /// <summary>Propose and accept amendments to contracts.</summary>
    public static readonly Permission AmendContracts = new("amend-contracts", 6);

    /// <summary>Fund escrow.</summary>
    public static readonly Permission Fund = new("fund", 7);

    /// <summary>Release escrowed money to a creator.</summary>
    public static readonly Permission Release = new("release", 8);

    /// <summary>Refund escrowed money to the brand.</summary>
    public static readonly Permission Refund = new("refund", 9);

    /// <summary>Pay out a creator's balance.</summary>
    public static readonly Permission PayOut = new("pay-out", 10);

    /// <summary>Add and remove the workspace's members and change their roles.</summary>
    public static readonly Permission ManageMembers = new("manage-members", 11);

    /// <summary>Give agencies access to the workspace and revoke it.</summary>
    public static readonly Permission ManageGrants = new("manage-grants", 12);

    /// <summary>Change a creator's own profile and personal data, and ask for their export or erasure.</summary>
    public static readonly Permission ManageProfile = new("manage-profile", 13);

    private Permission(string name, int value)
        : base(name, value)
    {
    }
}
