namespace CreatorMarketplace.Access;

/// <summary>
/// A tenant: a brand's workspace, an agency's, or a creator's own account. What a workspace owns is private to it
/// and to those it grants access; a brand's workspace stands for one brand and a creator's for one creator.
/// </summary>
public sealed class Workspace
{
    private Workspace(WorkspaceId id, WorkspaceKind kind, string name, BrandId? brand, CreatorId? creator)
    {
        Id = id;
        Kind = kind;
        Name = name;
        Brand = brand;
        Creator = creator;
    }

    /// <summary>The workspace.</summary>
    public WorkspaceId Id { get; }

    /// <summary>Whose workspace it is.</summary>
    public WorkspaceKind Kind { get; }

    /// <summary>Its display name.</summary>
    public string Name { get; }

    /// <summary>The brand a brand's workspace stands for; null for the other kinds.</summary>
    public BrandId? Brand { get; }

    /// <summary>The creator a creator's account stands for; null for the other kinds.</summary>
    public CreatorId? Creator { get; }

    /// <summary>A brand's workspace.</summary>
    /// <param name="id">The workspace.</param>
    /// <param name="name">Its display name: one line, not blank.</param>
    /// <param name="brand">The brand it stands for.</param>
    /// <returns>The workspace.</returns>
    /// <exception cref="DomainValidationException">The name is blank or not one line of text.</exception>
    public static Workspace ForBrand(WorkspaceId id, string name, BrandId brand) => Create(id, WorkspaceKind.Brand, name, brand, null);

    /// <summary>An agency's workspace.</summary>
    /// <param name="id">The workspace.</param>
    /// <param name="name">Its display name: one line, not blank.</param>
    /// <returns>The workspace.</returns>
    /// <exception cref="DomainValidationException">The name is blank or not one line of text.</exception>
    public static Workspace ForAgency(WorkspaceId id, string name) => Create(id, WorkspaceKind.Agency, name, null, null);

    /// <summary>A creator's own account.</summary>
    /// <param name="id">The workspace.</param>
    /// <param name="name">Its display name: one line, not blank.</param>
    /// <param name="creator">The creator it stands for.</param>
    /// <returns>The workspace.</returns>
    /// <exception cref="DomainValidationException">The name is blank or not one line of text.</exception>
    public static Workspace ForCreator(WorkspaceId id, string name, CreatorId creator) => Create(id, WorkspaceKind.Creator, name, null, creator);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} workspace {Id} ({Name})";

    private static Workspace Create(WorkspaceId id, WorkspaceKind kind, string name, BrandId? brand, CreatorId? creator)
    {
        var errors = new ErrorCollector();
        if (errors.Require(!string.IsNullOrWhiteSpace(name), "name", "workspace.name_missing", "a workspace needs a name."))
        {
            errors.RequireText(TextRule.SingleLine, name, "name");
        }

        errors.ThrowIfAny();
        return new Workspace(id, kind, name, brand, creator);
    }
}
