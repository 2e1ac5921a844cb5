using CreatorMarketplace.Access;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CreatorMarketplace.Tests.Access;

/// <summary>
/// Over random policies, workspaces, memberships, grants and questions, every decision equals what the policy's
/// table says: a role held at the instant, defined by the version in force, allowed in the workspace's kind and
/// including the permission, in one of the resource's workspaces, or in an agency's workspace through a grant of it
/// in force whose scope includes the permission.
/// </summary>
public class AccessControlProperties
{
    private static readonly Instant Base = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly string[] RoleNames = ["r0", "r1", "r2", "r3", "undefined"];

    [Property(MaxTest = 1_000)]
    public Property Every_decision_equals_the_policy_table(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var world = World.Random(random);
        var access = AccessControl.Create(world.Policy, world.Workspaces, world.Memberships, world.Grants);
        var failures = new List<string>();
        for (var question = 0; question < 20; question++)
        {
            var actor = random.Next(6) == 0 ? ActorId.From(NewGuid(random)) : world.Actors[random.Next(world.Actors.Length)];
            var permission = Permission.List.ElementAt(random.Next(Permission.List.Count));
            var owners = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => random.Next(8) == 0 ? WorkspaceId.From(NewGuid(random)) : world.Workspaces[random.Next(world.Workspaces.Length)].Id)
                .ToArray();
            var at = Base + Duration.FromHours(random.Next(-10, 110));
            var amount = Money.FromMinorUnits(random.Next(0, 2_000), random.Next(4) == 0 ? Currency.EUR : Currency.USD);

            var decision = access.Decide(actor, permission, owners, at, amount);
            var expected = world.Permits(actor, permission, owners, at);
            var approval = expected && world.NeedsApproval(permission, amount, at);
            var canView = expected || world.Permits(actor, Permission.View, owners, at);
            var explained = decision.Match(
                permitted => owners.Contains(permitted.Workspace) && world.Explains(permitted, at),
                denied => denied.Reasons.Count > 0,
                required => owners.Contains(required.Permitted.Workspace) && world.Explains(required.Permitted, at));
            if (decision.IsT0 != (expected && !approval) || decision.IsT2 != approval || decision.CanView != canView || !explained)
            {
                failures.Add($"{actor} {permission} on [{string.Join(", ", owners)}] at {at} for {amount}: {decision} (table: permitted {expected}, approval {approval}, view {canView})");
            }
        }

        return (failures.Count == 0).Label(string.Join(Environment.NewLine, failures));
    }

    private static Guid NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private sealed record World(AccessPolicy Policy, Workspace[] Workspaces, Membership[] Memberships, AccessGrant[] Grants, ActorId[] Actors)
    {
        public static World Random(Random random)
        {
            var versions = Enumerable.Range(0, random.Next(1, 3))
                .Select(v => AccessPolicyVersion.Create(
                    Base + Duration.FromHours(v * 50),
                    RoleNames.Take(4).Where(_ => random.Next(5) > 0).Select(name => AccessRole.Create(
                        name,
                        Permission.List.Where(_ => random.Next(3) == 0).DefaultIfEmpty(Permission.View),
                        WorkspaceKind.List.Where(_ => random.Next(2) == 0).DefaultIfEmpty(WorkspaceKind.Brand))).DefaultIfEmpty(AccessRole.Create("r0", [Permission.View], [WorkspaceKind.Brand])),
                    random.Next(2) == 0 ? null : FourEyesRule.Create([Permission.Release, Permission.Refund], [Money.FromMinorUnits(random.Next(0, 2_000), Currency.USD)])))
                .ToArray();
            var workspaces = Enumerable.Range(0, random.Next(2, 7)).Select(i => (random.Next(3)) switch
            {
                0 => Workspace.ForBrand(WorkspaceId.From(NewGuid(random)), $"brand {i}", BrandId.From(NewGuid(random))),
                1 => Workspace.ForAgency(WorkspaceId.From(NewGuid(random)), $"agency {i}"),
                _ => Workspace.ForCreator(WorkspaceId.From(NewGuid(random)), $"creator {i}", CreatorId.From(NewGuid(random))),
            }).ToArray();
            var actors = Enumerable.Range(0, random.Next(1, 5)).Select(_ => ActorId.From(NewGuid(random))).ToArray();
            var memberships = Enumerable.Range(0, random.Next(0, 9)).Select(_ =>
            {
                var from = Base + Duration.FromHours(random.Next(0, 80));
                Instant? until = random.Next(3) == 0 ? from + Duration.FromHours(random.Next(1, 60)) : null;
                return Membership.Create(actors[random.Next(actors.Length)], workspaces[random.Next(workspaces.Length)].Id, RoleNames[random.Next(RoleNames.Length)], from, until);
            }).ToArray();
            var agencies = workspaces.Where(w => w.Kind == WorkspaceKind.Agency).ToArray();
            var brands = workspaces.Where(w => w.Kind == WorkspaceKind.Brand).ToArray();
            var grants = agencies.Length == 0 || brands.Length == 0 ? [] : Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
            {
                var from = Base + Duration.FromHours(random.Next(0, 80));
                Instant? until = random.Next(3) == 0 ? from + Duration.FromHours(random.Next(1, 60)) : null;
                var grant = AccessGrant.Create(AccessGrantId.From(NewGuid(random)), agencies[random.Next(agencies.Length)].Id, brands[random.Next(brands.Length)].Id, Permission.List.Where(_ => random.Next(2) == 0).DefaultIfEmpty(Permission.View), from, until);
                return random.Next(3) == 0 ? grant.RevokedOn(Base + Duration.FromHours(random.Next(0, 100))) : grant;
            }).ToArray();
            return new World(AccessPolicy.Create("random", versions), workspaces, memberships, grants, actors);
        }

        public bool Permits(ActorId actor, Permission permission, WorkspaceId[] owners, Instant at) =>
            Policy.VersionAsOf(at) is { } version && Memberships.Any(m => m.Actor == actor) && owners.Any(owner =>
                Workspaces.FirstOrDefault(w => w.Id == owner) is { } workspace &&
                (Memberships.Any(m => m.Actor == actor && m.Workspace == owner && Holds(m, workspace.Kind, permission, at, version)) ||
                 Grants.Any(g => g.Client == owner && g.From <= at && !(g.Until <= at) && !(g.RevokedAt <= at) && g.Scope.Contains(permission) &&
                     Memberships.Any(m => m.Actor == actor && m.Workspace == g.Agency && Holds(m, WorkspaceKind.Agency, permission, at, version)))));

        public bool NeedsApproval(Permission permission, Money amount, Instant at) =>
            Policy.VersionAsOf(at)?.FourEyes is { } rule && rule.Permissions.Contains(permission) &&
            (!rule.Thresholds.TryGetValue(amount.Currency, out var threshold) || amount.MinorUnits > threshold.MinorUnits);

        // What a permitted decision names is true of the table: the role permits it, held where it says.
        public bool Explains(AccessPermitted permitted, Instant at)
        {
            var version = Policy.VersionAsOf(at)!;
            if (permitted.Grant is { } id)
            {
                var grant = Grants.Single(g => g.Id == id);
                return grant.Client == permitted.Workspace && grant.Scope.Contains(permitted.Permission) &&
                    Memberships.Any(m => m.Actor == permitted.Actor && m.Workspace == grant.Agency && m.Role == permitted.Role && Holds(m, WorkspaceKind.Agency, permitted.Permission, at, version));
            }

            var kind = Workspaces.Single(w => w.Id == permitted.Workspace).Kind;
            return Memberships.Any(m => m.Actor == permitted.Actor && m.Workspace == permitted.Workspace && m.Role == permitted.Role && Holds(m, kind, permitted.Permission, at, version));
        }

        private static bool Holds(Membership membership, WorkspaceKind kind, Permission permission, Instant at, AccessPolicyVersion version) =>
            membership.From <= at && !(membership.Until <= at) &&
            version.Roles.FirstOrDefault(role => role.Name == membership.Role) is { } role &&
            role.HeldIn.Contains(kind) && role.Permissions.Contains(permission);
    }
}
