using NodaTime;

namespace CreatorMarketplace.Access;

/// <summary>
/// One version of an <see cref="AccessPolicy"/>, in force from <see cref="EffectiveFrom"/> until the next version's:
/// the roles and what each permits, and the optional four-eyes rule for money.
/// </summary>
public sealed class AccessPolicyVersion
{
    private readonly Dictionary<string, AccessRole> _roles;

    private AccessPolicyVersion(Instant effectiveFrom, AccessRole[] roles, FourEyesRule? fourEyes)
    {
        EffectiveFrom = effectiveFrom;
        Roles = roles;
        FourEyes = fourEyes;
        _roles = roles.ToDictionary(role => role.Name, StringComparer.Ordinal);
    }

    /// <summary>The instant this version comes into force.</summary>
    public Instant EffectiveFrom { get; }

    /// <summary>The roles, in the order given.</summary>
    public IReadOnlyList<AccessRole> Roles { get; }

    /// <summary>The four-eyes rule for money; null when one approver suffices for any amount.</summary>
    public FourEyesRule? FourEyes { get; }

    /// <summary>Creates a version.</summary>
    /// <param name="effectiveFrom">The instant the version comes into force.</param>
    /// <param name="roles">The roles: at least one, each name once.</param>
    /// <param name="fourEyes">The four-eyes rule for money, if any.</param>
    /// <returns>The version.</returns>
    /// <exception cref="DomainValidationException">There is no role, a role is null, or two share a name.</exception>
    public static AccessPolicyVersion Create(Instant effectiveFrom, IEnumerable<AccessRole> roles, FourEyesRule? fourEyes = null)
    {
        var list = roles?.ToArray();
        var errors = new ErrorCollector();
        if (errors.Require(list is { Length: > 0 }, "roles", "access_policy.roles_missing", "a policy version defines at least one role."))
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list!.Length; i++)
            {
                if (errors.Require(list[i] is not null, $"roles[{i}]", "access_policy.role_null", "a role may not be null."))
                {
                    errors.Require(names.Add(list[i].Name), $"roles[{i}].name", "access_policy.duplicate_role", $"another role is also named '{list[i].Name}'.");
                }
            }
        }

        errors.ThrowIfAny();
        return new AccessPolicyVersion(effectiveFrom, list!, fourEyes);
    }

    /// <summary>A role by its name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The role, or null when this version defines none by that name.</returns>
    public AccessRole? Role(string name) => name is not null && _roles.TryGetValue(name, out var role) ? role : null;
}
