using CreatorMarketplace.Creators;
using CreatorMarketplace.Eligibility;
using FsCheck.Fluent;
using NodaTime;

namespace CreatorMarketplace.Tests.Eligibility;

public class PolicyJsonTests
{
    private static readonly MarketplacePolicy TikTok = MarketplacePolicy.TikTokCreatorMarketplace;

    private const string Version = """
            {
              "effectiveFrom": "2025-01-01T00:00:00Z",
              "creators": {
                "minimumAge": 18, "minimumFollowers": 10000, "minimumViewsLast30Days": 1000,
                "minimumPostsLast30Days": 3, "goodStandingLookBackDays": 90, "accountTypes": ["Personal", "Creator"]
              },
              "brands": { "verifiedIdentity": true, "businessInformation": true, "taxInformation": false },
              "markets": [
                { "country": "US", "launchDate": "2025-01-01" },
                { "country": "KR", "launchDate": "2025-03-01", "creators": { "minimumAge": 19, "minimumFollowers": 50000 } }
              ]
            }
        """;

    private static readonly string Valid = Policy(Version);

    private static string Policy(params string[] versions) => $$"""{ "name": "small", "description": "", "versions": [{{string.Join(",", versions)}}] }""";

    [Fact]
    public void The_shipped_policy_survives_a_round_trip()
    {
        var json = TikTok.ToJson();

        var read = MarketplacePolicy.FromJson(json).GetValueOrThrow();

        read.ShouldBe(TikTok);
        read.ToJson().ShouldBe(json);
        (read.Platform, json.Contains("\"platform\": \"TikTok\"", StringComparison.Ordinal)).ShouldBe((Platform.TikTok, true));
    }

    [Fact]
    public void A_policys_platform_is_optional_and_must_be_a_platform()
    {
        var none = MarketplacePolicy.FromJson(Valid).GetValueOrThrow();
        var unknown = MarketplacePolicy.FromJson(Valid.Replace("\"description\"", "\"platform\": \"MySpace\", \"description\"", StringComparison.Ordinal));

        none.Platform.ShouldBeNull();
        none.ToJson().ShouldNotContain("platform");
        unknown.Errors.ShouldHaveSingleItem().ShouldBe(new DomainError("$.platform", "policy.unknown_platform", "'MySpace' is not a platform; expected one of TikTok, Instagram, YouTube, Facebook, Snapchat, X, Twitch."));
    }

    [Fact]
    public void A_market_lists_only_what_differs_from_its_versions_defaults()
    {
        var policy = MarketplacePolicy.FromJson(Valid).GetValueOrThrow();
        var version = policy.Versions.ShouldHaveSingleItem();

        version.CreatorRequirementsIn(Country.KR).ShouldBe(version.Creators with { MinimumAge = 19, MinimumFollowers = 50_000 });
        version.Brands.ShouldBe(new BrandRequirements(true, true, false));
        using var written = System.Text.Json.JsonDocument.Parse(policy.ToJson());
        var korea = written.RootElement.GetProperty("versions")[0].GetProperty("markets")[1].GetProperty("creators");
        korea.EnumerateObject().Select(property => $"{property.Name}={property.Value}").ShouldBe(["minimumAge=19", "minimumFollowers=50000"]);
        written.RootElement.GetProperty("versions")[0].GetProperty("markets")[0].TryGetProperty("creators", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_property_given_twice_is_refused_rather_than_one_of_its_values_read()
    {
        var twice = Valid.Replace("\"name\": \"small\"", "\"name\": \"small\", \"name\": \"large\"", StringComparison.Ordinal);

        MarketplacePolicy.FromJson(twice).Errors.ShouldHaveSingleItem()
            .ShouldBe(new DomainError("$.name", "policy.duplicate_property", "'name' is given more than once; a property is given once."));
        MarketplacePolicy.FromJson(Valid.Replace("\"launchDate\"", "\"launchDate\": \"2024-01-01\", \"launchDate\"", StringComparison.Ordinal)).Errors
            .Select(error => (error.Field, error.Code)).ShouldContain(("$.versions[0].markets[0].launchDate", "policy.duplicate_property"));
    }

    [Fact]
    public void A_malformed_policy_is_refused_with_the_json_path_of_every_problem()
    {
        var json = Valid
            .Replace("\"minimumAge\": 18", "\"minimumAge\": \"18\"", StringComparison.Ordinal)
            .Replace("\"goodStandingLookBackDays\": 90", "\"goodStandingLookBackDays\": 0", StringComparison.Ordinal)
            .Replace("[\"Personal\", \"Creator\"]", "[\"Personal\", \"creator\"]", StringComparison.Ordinal)
            .Replace("\"taxInformation\": false", "\"taxInformation\": \"no\"", StringComparison.Ordinal)
            .Replace("{ \"country\": \"US\", \"launchDate\": \"2025-01-01\" }", "{ \"country\": \"XX\", \"launchDate\": \"2025-02-30\", \"lanuchDate\": 1 }", StringComparison.Ordinal)
            .Replace("\"minimumFollowers\": 50000", "\"minimumFollowers\": -1", StringComparison.Ordinal);

        var errors = MarketplacePolicy.FromJson(json).Errors;

        errors.Select(e => (e.Field, e.Code)).ShouldBe([
            ("$.versions[0].creators.minimumAge", "policy.json_type"),
            ("$.versions[0].creators.accountTypes[1]", "policy.unknown_account_type"),
            ("$.versions[0].creators.goodStandingLookBackDays", "policy.out_of_range"),
            ("$.versions[0].brands.taxInformation", "policy.json_type"),
            ("$.versions[0].markets[0].lanuchDate", "policy.unknown_property"),
            ("$.versions[0].markets[0].country", "policy.unknown_country"),
            ("$.versions[0].markets[0].launchDate", "policy.bad_format"),
            ("$.versions[0].markets[1].creators.minimumFollowers", "policy.out_of_range"),
        ]);
        errors.ShouldAllBe(error => error.Message.Length > 0);
    }

    [Fact]
    public void Structure_problems_are_named_too()
    {
        MarketplacePolicy.FromJson("{ \"name\": \"x\", \"versions\": [1, {}] }").Errors.Select(e => e.Field).ShouldBe([
            "$.versions[0]", "$.versions[1].effectiveFrom", "$.versions[1].creators", "$.versions[1].brands", "$.versions[1].markets",
        ]);
        MarketplacePolicy.FromJson("{ \"name\": \"\" }").Errors.Select(e => (e.Field, e.Code)).ShouldBe([("$.versions", "policy.missing"), ("$.name", "policy.name_missing")]);
        MarketplacePolicy.FromJson("[]").Errors.ShouldHaveSingleItem().Field.ShouldBe("$");
    }

    [Fact]
    public void A_string_with_an_unpaired_surrogate_is_an_invalid_result_not_an_exception()
    {
        var name = MarketplacePolicy.FromJson(Valid.Replace("\"name\": \"", "\"name\": \"\\ud800", StringComparison.Ordinal));
        var accountType = MarketplacePolicy.FromJson(Valid.Replace("[\"Personal\", \"Creator\"]", "[\"Personal\", \"\\udc00\"]", StringComparison.Ordinal));
        var member = MarketplacePolicy.FromJson(Valid.Replace("\"name\":", "\"\\ud800\": 1, \"name\":", StringComparison.Ordinal));

        name.Errors.First().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("$.name"), e => e.Code.ShouldBe("policy.invalid_text"));
        accountType.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("$.versions[0].creators.accountTypes[1]"), e => e.Code.ShouldBe("policy.invalid_text"));
        member.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("$"), e => e.Code.ShouldBe("policy.invalid_text"));
    }

    [Fact]
    public void Text_that_is_not_json_is_refused_with_its_position()
    {
        var error = MarketplacePolicy.FromJson("{ \"name\": ").Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("$");
        error.Code.ShouldBe("policy.json_malformed");
        error.Message.ShouldContain("line 1");
    }

    [Fact]
    public void Two_versions_taking_effect_at_once_and_a_market_listed_twice_are_refused()
    {
        var usTwice = Version.Replace("\"country\": \"KR\"", "\"country\": \"US\"", StringComparison.Ordinal);

        MarketplacePolicy.FromJson(Policy(usTwice, usTwice.Replace("2025-01-01T", "2026-01-01T", StringComparison.Ordinal))).Errors.Select(e => e.Field).ShouldBe([
            "$.versions[0].markets[1].country", "$.versions[1].markets[1].country",
        ]);
        MarketplacePolicy.FromJson(Policy(Version, Version)).Errors.Select(e => e.Field).ShouldBe(["$.versions[1].effectiveFrom"]);
    }

    [Property(MaxTest = 200)]
    public Property Any_policy_reads_back_equal_from_its_json(PositiveInt seed)
    {
        var policy = RandomPolicy(new Random(seed.Get));

        var read = MarketplacePolicy.FromJson(policy.ToJson());

        return read.IsValid.Label("read.IsValid")
            .And(read.AsT0.Equals(policy).Label("read.AsT0.Equals(policy)"))
            .And((read.AsT0.ToJson() == policy.ToJson()).Label("read.AsT0.ToJson() == policy.ToJson()"));
    }

    private static MarketplacePolicy RandomPolicy(Random random)
    {
        CreatorRequirements Requirements() => new()
        {
            MinimumAge = random.Next(1, 151),
            MinimumFollowers = random.NextInt64(0, long.MaxValue),
            MinimumViewsLast30Days = random.Next(0, 100_000),
            MinimumPostsLast30Days = random.Next(0, 50),
            GoodStandingLookBack = Duration.FromDays(random.Next(1, 1_000)),
            AccountTypes = [.. AccountType.List.Where(_ => random.Next(2) == 0).DefaultIfEmpty(AccountType.Creator)],
        };

        var countries = Country.List.OrderBy(_ => random.Next()).Take(random.Next(0, 8)).ToArray();
        var versions = Enumerable.Range(0, random.Next(1, 4)).Select(i =>
        {
            var defaults = Requirements();
            return PolicyVersion.Create(
                Instant.FromUnixTimeSeconds(random.NextInt64(-10_000_000_000, 10_000_000_000)) + Duration.FromNanoseconds(random.Next(0, 1_000_000_000)),
                defaults,
                new BrandRequirements(random.Next(2) == 0, random.Next(2) == 0, random.Next(2) == 0),
                countries.Select(country => new PolicyMarket(
                    country,
                    new LocalDate(random.Next(1900, 2100), random.Next(1, 13), random.Next(1, 29)),
                    random.Next(3) switch { 0 => null, 1 => defaults, _ => Requirements() })));
        });
        return MarketplacePolicy.Create($"policy-{random.Next()}", random.Next(2) == 0 ? string.Empty : "Described: \"quoted\", ünïcode, 'apostrophes' & <tags>.", versions.DistinctBy(v => v.EffectiveFrom));
    }
}
