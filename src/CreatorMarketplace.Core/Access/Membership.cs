using NodaTime;

namespace CreatorMarketplace.Access;

/// <summary>
/// An actor's role in a workspace, held from an instant and, where it ends, until another (exclusive). The role is
/// named, not copied: what it permits is read from the access policy in force at the instant judged.
/// </summary>
public sealed class Membership
{
    private Membership(ActorId actor, WorkspaceId workspace, string role, Instant from, Instant? until)
    {
        Actor = actor;
        Workspace = workspace;
        Role = role;
        From = from;
        Until = until;
    }

    /// <summary>Who holds the role.</summary>
    public ActorId Actor { get; }

    /// <summary>Where.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>The role's name in the access policy (<see cref="AccessRole.Name"/>).</summary>
    public string Role { get; }

    /// <summary>When the role is first held.</summary>
    public Instant From { get; }

    /// <summary>When it stops being held (exclusive); null while it lasts.</summary>
    public Instant? Until { get; }

    /// <summary>Creates a membership.</summary>
    /// <param name="actor">Who holds the role.</param>
    /// <param name="workspace">Where.</param>
    /// <param name="role">The role's name: one line, not blank.</param>
    /// <param name="from">When the role is first held.</param>
    /// <param name="until">When it stops being held (exclusive), after <paramref name="from"/>; null while it lasts.</param>
    /// <returns>The membership.</returns>
    /// <exception cref="DomainValidationException">The role is blank, or the membership ends before it begins.</exception>
    public static Membership Create(ActorId actor, WorkspaceId workspace, string role, Instant from, Instant? until = null)
    {
        var errors = new ErrorCollector();
        if (errors.Require(!string.IsNullOrWhiteSpace(role), "role", "membership.role_missing", "a membership names a role."))
        {
            errors.RequireText(TextRule.SingleLine, role, "role");
        }

        errors.Require(until is null || until > from, "until", "membership.ends_before_start", $"a membership ends after it begins ({from}).");
        errors.ThrowIfAny();
        return new Membership(actor, workspace, role, from, until);
    }

    /// <summary>The membership ended at an instant: the role is not held from then on.</summary>
    /// <param name="at">When it ends; an earlier end already recorded stands.</param>
    /// <returns>The ended membership.</returns>
    public Membership EndedAt(Instant at) =>
        Until is { } until && until <= at ? this : new Membership(Actor, Workspace, Role, From, Instant.Max(at, From));

    /// <summary>Whether the role is held at an instant.</summary>
    /// <param name="at">The instant.</param>
    /// <returns>True from <see cref="From"/> until <see cref="Until"/>.</returns>
    public bool HeldAt(Instant at) => From <= at && (Until is not { } until || at < until);

    /// <inheritdoc />
    public override string ToString() => $"{Actor} as {Role} in {Workspace}";
}
