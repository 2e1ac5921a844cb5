using CreatorMarketplace.Access;
using NodaTime;

namespace CreatorMarketplace.Tests.Access;

public class AccessPolicyJsonTests
{
    private const string Valid = """
        {
          "name": "agency-friendly",
          "versions": [
            {
              "effectiveFrom": "2026-01-01T00:00:00Z",
              "roles": [
                { "name": "finance", "permissions": ["view", "refund", "release"], "heldIn": ["brand"] },
                { "name": "planner", "permissions": ["view", "manage-campaigns"], "heldIn": ["brand", "agency"] }
              ],
              "fourEyes": { "permissions": ["refund"], "thresholds": ["USD 10000.00", "EUR 9000"] }
            },
            {
              "effectiveFrom": "2027-01-01T00:00:00Z",
              "roles": [{ "name": "finance", "permissions": ["view"], "heldIn": ["brand"] }]
            }
          ]
        }
        """;

    [Fact]
    public void A_policy_is_read_with_its_versions_roles_and_four_eyes_rule()
    {
        var policy = AccessPolicy.FromJson(Valid).GetValueOrThrow();

        policy.Name.ShouldBe("agency-friendly");
        var first = policy.VersionAsOf(Instant.FromUtc(2026, 6, 1, 0, 0)).ShouldNotBeNull();
        first.Role("finance")!.Permissions.ShouldBe([Permission.View, Permission.Release, Permission.Refund]);
        first.Role("planner")!.HeldIn.ShouldBe([WorkspaceKind.Brand, WorkspaceKind.Agency]);
        first.FourEyes!.Thresholds[Currency.EUR].ShouldBe(Money.Of(9_000m, Currency.EUR));
        policy.VersionAsOf(Instant.FromUtc(2027, 6, 1, 0, 0))!.FourEyes.ShouldBeNull();
    }

    [Fact]
    public void Written_policies_read_back_as_they_were_the_default_included()
    {
        foreach (var policy in new[] { AccessPolicy.Default, AccessPolicy.FromJson(Valid).GetValueOrThrow() })
        {
            var json = policy.ToJson();

            var read = AccessPolicy.FromJson(json).GetValueOrThrow();

            read.ToJson().ShouldBe(json);
            read.Versions.Select(version => version.EffectiveFrom).ShouldBe(policy.Versions.Select(version => version.EffectiveFrom));
            read.Versions.SelectMany(version => version.Roles).Select(role => $"{role.Name}: {string.Join(",", role.Permissions)} in {string.Join(",", role.HeldIn)}")
                .ShouldBe(policy.Versions.SelectMany(version => version.Roles).Select(role => $"{role.Name}: {string.Join(",", role.Permissions)} in {string.Join(",", role.HeldIn)}"));
        }
    }

    [Fact]
    public void Every_problem_is_named_with_its_json_path()
    {
        var json = """
            {
              "name": "broken",
              "versions": [
                {
                  "effectiveFrom": "yesterday",
                  "roles": [
                    { "name": "finance", "permissions": ["view", "Refund", 3], "heldIn": ["brand"], "colour": "red" },
                    { "name": "finance", "permissions": ["view"], "heldIn": ["brand", "brand"] }
                  ],
                  "fourEyes": { "permissions": ["refund"], "thresholds": ["USD 1.001", "EUR -1"] }
                }
              ]
            }
            """;

        AccessPolicy.FromJson(json).Errors.Select(error => (error.Field, error.Code)).ShouldBe(
        [
            ("$.versions[0].effectiveFrom", "access_policy.bad_format"),
            ("$.versions[0].roles[0].colour", "access_policy.unknown_property"),
            ("$.versions[0].roles[0].permissions[1]", "access_policy.unknown_name"),
            ("$.versions[0].roles[0].permissions[2]", "access_policy.json_type"),
            ("$.versions[0].fourEyes.thresholds[0]", "access_policy.unknown_name"),
        ]);
        AccessPolicy.FromJson(json).Errors[2].Message.ShouldStartWith("'Refund' is not a permission; use one of amend-contracts, fund, ");
    }

    [Fact]
    public void What_the_model_refuses_is_named_at_the_path_it_was_read_from()
    {
        var json = """
            { "name": "twice", "versions": [ { "effectiveFrom": "2026-01-01T00:00:00Z", "roles": [
                { "name": "finance", "permissions": ["view"], "heldIn": ["brand"] },
                { "name": "finance", "permissions": ["view"], "heldIn": ["brand"] } ],
              "fourEyes": { "permissions": ["refund"], "thresholds": ["EUR -1"] } } ] }
            """;

        AccessPolicy.FromJson(json).Errors.Select(error => (error.Field, error.Code)).ShouldBe(
        [
            ("$.versions[0].fourEyes.thresholds[0]", "four_eyes.negative_threshold"),
        ]);
        AccessPolicy.FromJson(json.Replace("\"EUR -1\"", "\"EUR 1\"", StringComparison.Ordinal)).Errors.Select(error => (error.Field, error.Code)).ShouldBe(
        [
            ("$.versions[0].roles[1].name", "access_policy.duplicate_role"),
        ]);
    }

    [Fact]
    public void A_hostile_value_is_quoted_only_briefly()
    {
        var huge = new string('x', 1_000_000);
        var digits = "1" + new string('0', 100_000);

        var errors = AccessPolicy.FromJson("{ \"name\": \"a\", \"versions\": [\"" + huge + "\", " + digits + "] }").Errors;

        errors.Select(error => (error.Field, error.Code)).ShouldBe([("$.versions[0]", "access_policy.json_type"), ("$.versions[1]", "access_policy.json_type")]);
        errors.ShouldAllBe(error => error.Message.Length < 200);
        errors[0].Message.ShouldStartWith("expected an object, got the string \"xxxx");
        errors[0].Message.ShouldContain("1000002 characters");
    }

    [Fact]
    public void Text_that_is_not_a_policy_is_refused_whole()
    {
        AccessPolicy.FromJson("{ \"name\": ").Errors.ShouldHaveSingleItem().Code.ShouldBe("access_policy.json_malformed");
        AccessPolicy.FromJson("[]").Errors.ShouldHaveSingleItem().ShouldBe(new DomainError("$", "access_policy.json_type", "expected an object, got an array."));
        AccessPolicy.FromJson("""{ "name": "a", "name": "b", "versions": [] }""").Errors.ShouldHaveSingleItem().Code.ShouldBe("access_policy.duplicate_property");
        AccessPolicy.FromJson("""{ "name": "a", "versions": [] }""").Errors.ShouldHaveSingleItem().ShouldBe(new DomainError("$.versions", "access_policy.versions_missing", "a policy needs at least one version."));
        Should.Throw<ArgumentNullException>(() => AccessPolicy.FromJson(null!));
    }
}
