using CreatorMarketplace.Access;
using NodaTime;

namespace CreatorMarketplace.Tests.Access;

public class AccessControlTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 1, 12, 0);

    private static readonly WorkspaceId Acme = Id(1);
    private static readonly WorkspaceId Globex = Id(2);
    private static readonly WorkspaceId Agency = Id(3);
    private static readonly WorkspaceId Mia = Id(4);

    private static readonly ActorId AcmeFinance = Actor(1);
    private static readonly ActorId AcmeViewer = Actor(2);
    private static readonly ActorId AgencyManager = Actor(3);
    private static readonly ActorId MiaHerself = Actor(4);
    private static readonly ActorId AcmeFinanceToo = Actor(5);
    private static readonly ActorId FormerAcmeOwner = Actor(6);

    private static readonly AccessGrantId AcmeGrant = AccessGrantId.From(Guid.Parse("00000000-0000-0000-0000-0000000000a1"));

    private static WorkspaceId Id(int n) => WorkspaceId.From(Guid.Parse($"00000000-0000-0000-0000-{n:D12}"));

    private static ActorId Actor(int n) => ActorId.From(Guid.Parse($"00000000-0000-0000-0001-{n:D12}"));

    private static Workspace[] Workspaces() =>
    [
        Workspace.ForBrand(Acme, "Acme", BrandId.From(Guid.Parse("00000000-0000-0000-0002-000000000001"))),
        Workspace.ForBrand(Globex, "Globex", BrandId.From(Guid.Parse("00000000-0000-0000-0002-000000000002"))),
        Workspace.ForAgency(Agency, "Loud Agency"),
        Workspace.ForCreator(Mia, "Mia", CreatorId.From(Guid.Parse("00000000-0000-0000-0003-000000000001"))),
    ];

    private static Membership[] Memberships() =>
    [
        Membership.Create(AcmeFinance, Acme, "finance", Start),
        Membership.Create(AcmeFinanceToo, Acme, "finance", Start),
        Membership.Create(AcmeViewer, Acme, "viewer", Start),
        Membership.Create(AgencyManager, Agency, "campaign-manager", Start),
        Membership.Create(MiaHerself, Mia, "creator", Start),
        Membership.Create(FormerAcmeOwner, Acme, "owner", Start, Now - Duration.FromDays(1)),
    ];

    private static AccessGrant Grant(IEnumerable<Permission>? scope = null) =>
        AccessGrant.Create(AcmeGrant, Agency, Acme, scope ?? [Permission.View, Permission.ViewReports, Permission.ManageCampaigns], Start);

    private static AccessControl Access(AccessPolicy? policy = null, AccessGrant? grant = null) =>
        AccessControl.Create(policy ?? AccessPolicy.Default, Workspaces(), Memberships(), [grant ?? Grant()]);

    [Fact]
    public void A_role_in_the_workspace_permits_what_it_includes_and_the_decision_says_by_which_role()
    {
        var decision = Access().Decide(AcmeFinance, Permission.Refund, [Acme], Now);

        decision.IsPermitted.ShouldBeTrue();
        decision.AsT0.ShouldBe(new AccessPermitted(AcmeFinance, Permission.Refund, Acme, "finance", null, null));
    }

    [Fact]
    public void A_role_without_the_permission_is_denied_with_the_reason_and_what_would_permit_it()
    {
        var decision = Access().Decide(AcmeViewer, Permission.Refund, [Acme], Now);

        decision.IsPermitted.ShouldBeFalse();
        decision.CanView.ShouldBeTrue("a viewer of the workspace may know the resource exists: this is forbidden, not not-found");
        decision.Reasons.ShouldHaveSingleItem().ShouldBe(new AccessDenial(Acme, "access.role_lacks_permission", $"the role viewer in {Acme} does not include refund."));
        decision.AsT1.WouldPermit.ShouldBe(
        [
            $"the role owner, admin or finance in workspace {Acme}",
            $"a grant of workspace {Acme} to an agency that includes refund, and the role owner, admin or finance in that agency",
        ]);
    }

    [Fact]
    public void Another_brands_resource_is_not_even_visible()
    {
        var decision = Access().Decide(AcmeFinance, Permission.View, [Globex], Now);

        decision.IsPermitted.ShouldBeFalse();
        decision.CanView.ShouldBeFalse("a store reports another workspace's resource as not found");
        decision.Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.not_a_member");
    }

    [Fact]
    public void An_agency_acts_for_its_client_within_the_grant_and_its_own_role()
    {
        var access = Access();

        access.Decide(AgencyManager, Permission.ManageCampaigns, [Acme], Now).AsT0
            .ShouldBe(new AccessPermitted(AgencyManager, Permission.ManageCampaigns, Acme, "campaign-manager", AcmeGrant, null));
        var beyondScope = access.Decide(AgencyManager, Permission.SignContracts, [Acme], Now);
        beyondScope.Reasons.ShouldHaveSingleItem().ShouldBe(new AccessDenial(Acme, "access.grant_lacks_permission", $"grant {AcmeGrant} to agency {Agency} does not include sign-contracts."));
        beyondScope.CanView.ShouldBeTrue();
        var otherClient = access.Decide(AgencyManager, Permission.View, [Globex], Now);
        otherClient.CanView.ShouldBeFalse("the agency has no grant from Globex");
    }

    [Fact]
    public void A_grant_does_not_widen_the_agency_members_own_role()
    {
        var access = Access(grant: Grant([Permission.View, Permission.Refund]));

        var decision = access.Decide(AgencyManager, Permission.Refund, [Acme], Now);

        decision.Reasons.ShouldHaveSingleItem().ShouldBe(new AccessDenial(Agency, "access.role_lacks_permission", $"the role campaign-manager in {Agency} does not include refund."));
    }

    [Fact]
    public void A_revoked_grant_permits_nothing_from_its_revocation_on()
    {
        var revokedAt = Now - Duration.FromHours(1);
        var access = Access(grant: Grant().RevokedOn(revokedAt));

        access.Decide(AgencyManager, Permission.View, [Acme], revokedAt - Duration.FromTicks(1)).IsPermitted.ShouldBeTrue();
        var decision = access.Decide(AgencyManager, Permission.View, [Acme], Now);
        decision.Reasons.ShouldHaveSingleItem().ShouldBe(new AccessDenial(Acme, "access.grant_not_in_force", $"grant {AcmeGrant} was revoked at {revokedAt}."));
        decision.CanView.ShouldBeFalse();
        Grant().RevokedOn(revokedAt).RevokedOn(Now).RevokedAt.ShouldBe(revokedAt, "revoking again keeps the first revocation");
    }

    [Fact]
    public void A_role_that_has_ended_permits_nothing()
    {
        var decision = Access().Decide(FormerAcmeOwner, Permission.View, [Acme], Now);

        decision.Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.role_not_held");
        decision.Reasons[0].Message.ShouldContain($"until {Now - Duration.FromDays(1)}");
        decision.CanView.ShouldBeFalse();
    }

    [Fact]
    public void A_resource_of_two_workspaces_is_reached_through_either()
    {
        var access = Access();
        WorkspaceId[] collaboration = [Acme, Mia];

        access.Decide(MiaHerself, Permission.SignContracts, collaboration, Now).AsT0.Workspace.ShouldBe(Mia);
        access.Decide(AcmeFinance, Permission.Release, collaboration, Now).AsT0.Workspace.ShouldBe(Acme);
        var denied = access.Decide(AcmeViewer, Permission.SignContracts, collaboration, Now);
        denied.Reasons.Select(reason => reason.Code).ShouldBe(["access.role_lacks_permission", "access.not_a_member"]);
    }

    [Fact]
    public void An_unknown_actor_and_a_forged_owner_are_refused_as_not_found()
    {
        var access = Access();

        var stranger = access.Decide(Actor(99), Permission.View, [Acme], Now);
        stranger.Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.actor_unknown");
        stranger.CanView.ShouldBeFalse();
        var forged = access.Decide(AcmeFinance, Permission.View, [Id(99)], Now);
        forged.Reasons.ShouldHaveSingleItem().ShouldBe(new AccessDenial(Id(99), "access.workspace_unknown", $"workspace {Id(99)} is unknown."));
        forged.CanView.ShouldBeFalse();
    }

    [Fact]
    public void A_role_held_in_the_wrong_kind_of_workspace_permits_nothing()
    {
        var access = AccessControl.Create(AccessPolicy.Default, Workspaces(), [Membership.Create(MiaHerself, Acme, "creator", Start)], []);

        access.Decide(MiaHerself, Permission.View, [Acme], Now).Reasons.ShouldHaveSingleItem()
            .ShouldBe(new AccessDenial(Acme, "access.role_not_for_workspace", "the role creator is not held in a brand workspace."));
    }

    [Fact]
    public void Roles_follow_the_policy_version_in_force()
    {
        var change = Now - Duration.FromDays(10);
        var before = AccessPolicyVersion.Create(Start, [AccessRole.Create("finance", [Permission.View, Permission.Refund], [WorkspaceKind.Brand])]);
        var after = AccessPolicyVersion.Create(change, [AccessRole.Create("finance", [Permission.View], [WorkspaceKind.Brand])]);
        var access = Access(AccessPolicy.Create("tightened", [after, before]));

        access.Decide(AcmeFinance, Permission.Refund, [Acme], change - Duration.FromTicks(1)).IsPermitted.ShouldBeTrue();
        access.Decide(AcmeFinance, Permission.Refund, [Acme], change).IsPermitted.ShouldBeFalse();
        access.Decide(AcmeViewer, Permission.View, [Acme], Now).Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.role_unknown");
        access.Decide(AcmeFinance, Permission.View, [Acme], Start - Duration.FromTicks(1)).Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.no_policy_version");
    }

    [Fact]
    public void Money_above_the_four_eyes_threshold_needs_another_permitted_approver()
    {
        var threshold = Money.Of(10_000m, Currency.USD);
        var rule = FourEyesRule.Create([Permission.Release, Permission.Refund], [threshold]);
        var access = Access(AccessPolicy.Create("four-eyes", [AccessPolicyVersion.Create(Instant.MinValue, AccessPolicy.Default.Versions[0].Roles, rule)]));

        access.Decide(AcmeFinance, Permission.Refund, [Acme], Now, threshold).IsPermitted.ShouldBeTrue("at the threshold one approver suffices");
        var above = Money.Of(10_000.01m, Currency.USD);
        var decision = access.Decide(AcmeFinance, Permission.Refund, [Acme], Now, above);
        decision.IsT2.ShouldBeTrue();
        decision.AsT2.Threshold.ShouldBe(threshold);
        access.Decide(AcmeFinance, Permission.Refund, [Acme], Now, Money.Of(1m, Currency.EUR)).AsT2.Threshold.ShouldBeNull("no threshold in euros: it cannot be compared");
        access.Decide(AcmeFinance, Permission.Fund, [Acme], Now, above).IsPermitted.ShouldBeTrue("funding is not governed by the rule");

        access.DecideApproved(AcmeFinance, AcmeFinanceToo, Permission.Refund, [Acme], Now, above).AsT0.SecondApprover.ShouldBe(AcmeFinanceToo);
        access.DecideApproved(AcmeFinance, AcmeFinance, Permission.Refund, [Acme], Now, above).Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.approver_is_actor");
        access.DecideApproved(AcmeFinance, AcmeViewer, Permission.Refund, [Acme], Now, above).Reasons.Select(reason => reason.Code)
            .ShouldBe(["access.approver_not_permitted", "access.role_lacks_permission"]);
        access.DecideApproved(AcmeViewer, AcmeFinance, Permission.Refund, [Acme], Now, above).Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.role_lacks_permission");
        Should.Throw<ArgumentException>(() => access.Decide(AcmeFinance, Permission.Refund, [Acme], Now, default(Money))).ParamName.ShouldBe("amount");
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_the_field_and_the_rule()
    {
        Should.Throw<ArgumentException>(() => Access().Decide(AcmeFinance, Permission.View, [], Now)).ParamName.ShouldBe("owners");
        Should.Throw<DomainValidationException>(() => Membership.Create(AcmeFinance, Acme, "finance", Now, Now)).Errors.ShouldHaveSingleItem()
            .ShouldBe(new DomainError("until", "membership.ends_before_start", $"a membership ends after it begins ({Now})."));
        Should.Throw<DomainValidationException>(() => AccessGrant.Create(AcmeGrant, Agency, Agency, [], Now)).Errors.Select(error => error.Code)
            .ShouldBe(["grant.client_is_agency", "grant.scope_empty"]);
        Should.Throw<DomainValidationException>(() => AccessRole.Create(" ", [], [WorkspaceKind.Brand])).Errors.Select(error => error.Field).ShouldBe(["name", "permissions"]);
        Should.Throw<DomainValidationException>(() => Workspace.ForAgency(Agency, "two\nlines")).Errors.ShouldHaveSingleItem().Field.ShouldBe("name");
        Should.Throw<DomainValidationException>(() => FourEyesRule.Create([Permission.Refund], [Money.Of(1m, Currency.USD), Money.Of(2m, Currency.USD), Money.Of(-1m, Currency.EUR), default]))
            .Errors.Select(error => (error.Field, error.Code)).ShouldBe([("thresholds[1]", "four_eyes.duplicate_currency"), ("thresholds[2]", "four_eyes.negative_threshold"), ("thresholds[3]", "four_eyes.threshold_without_currency")]);
        Should.Throw<DomainValidationException>(() => AccessPolicyVersion.Create(Now, [AccessRole.Create("a", [Permission.View], [WorkspaceKind.Brand]), AccessRole.Create("a", [Permission.View], [WorkspaceKind.Brand])]))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("roles[1].name");
    }

    [Fact]
    public void What_does_not_fit_together_is_refused_with_every_problem_named()
    {
        var errors = Should.Throw<DomainValidationException>(() => AccessControl.Create(
            AccessPolicy.Default,
            [.. Workspaces(), Workspace.ForAgency(Acme, "Acme again")],
            [Membership.Create(AcmeFinance, Id(42), "finance", Start)],
            [Grant(), AccessGrant.Create(AcmeGrant, Acme, Mia, [Permission.View], Start)])).Errors;

        errors.Select(error => (error.Field, error.Code)).ShouldBe(
        [
            ("workspaces[4].id", "access.duplicate_workspace"),
            ("memberships[0].workspace", "access.workspace_unknown"),
            ("grants[1].id", "access.duplicate_grant"),
            ("grants[1].agency", "access.grant_not_from_agency"),
            ("grants[1].client", "access.grant_not_to_brand"),
        ]);
        errors[3].Message.ShouldBe($"a grant is from an agency's workspace; {Acme} is a brand workspace.");
    }
}
