namespace CreatorMarketplace.Access;

/// <summary>
/// A role as an access policy defines it: its name, what it permits, and the kinds of workspace it may be held in.
/// Roles are data: a policy version lists its own, and a membership names one.
/// </summary>
public sealed class AccessRole
{
    private readonly Permission[] _permissions;
    private readonly WorkspaceKind[] _heldIn;

    private AccessRole(string name, Permission[] permissions, WorkspaceKind[] heldIn)
    {
        Name = name;
        _permissions = permissions;
        _heldIn = heldIn;
    }

    /// <summary>The role's name ("finance"), unique within a policy version.</summary>
    public string Name { get; }

    /// <summary>What the role permits, in the order of <see cref="Permission"/>.</summary>
    public IReadOnlyList<Permission> Permissions => _permissions;

    /// <summary>The kinds of workspace the role may be held in.</summary>
    public IReadOnlyList<WorkspaceKind> HeldIn => _heldIn;

    /// <summary>Creates a role.</summary>
    /// <param name="name">Its name: one line, not blank.</param>
    /// <param name="permissions">What it permits: at least one permission.</param>
    /// <param name="heldIn">The kinds of workspace it may be held in: at least one.</param>
    /// <returns>The role.</returns>
    /// <exception cref="DomainValidationException">The name is blank, or a list is empty or holds a null.</exception>
    public static AccessRole Create(string name, IEnumerable<Permission> permissions, IEnumerable<WorkspaceKind> heldIn)
    {
        var (granted, kinds) = (permissions?.ToArray(), heldIn?.ToArray());
        var errors = new ErrorCollector();
        if (errors.Require(!string.IsNullOrWhiteSpace(name), "name", "role.name_missing", "a role needs a name."))
        {
            errors.RequireText(TextRule.SingleLine, name, "name");
        }

        if (errors.Require(granted is { Length: > 0 }, "permissions", "role.permissions_missing", "a role permits at least one thing."))
        {
            errors.Require(!granted!.Contains(null), "permissions", "role.permission_null", "a role's permissions hold no null.");
        }

        if (errors.Require(kinds is { Length: > 0 }, "heldIn", "role.kinds_missing", "a role may be held in at least one kind of workspace."))
        {
            errors.Require(!kinds!.Contains(null), "heldIn", "role.kind_null", "a role's kinds of workspace hold no null.");
        }

        errors.ThrowIfAny();
        return new AccessRole(name, [.. granted!.Distinct().OrderBy(p => p.Value)], [.. kinds!.Distinct().OrderBy(k => k.Value)]);
    }

    /// <summary>Whether the role permits something.</summary>
    /// <param name="permission">The permission.</param>
    /// <returns>True when it does.</returns>
    public bool Permits(Permission permission) => Array.IndexOf(_permissions, permission) >= 0;

    /// <summary>Whether the role may be held in a kind of workspace.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>True when it may.</returns>
    public bool MayBeHeldIn(WorkspaceKind kind) => Array.IndexOf(_heldIn, kind) >= 0;

    /// <inheritdoc />
    public override string ToString() => Name;
}
