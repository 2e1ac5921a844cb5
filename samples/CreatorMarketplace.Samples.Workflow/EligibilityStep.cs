using CreatorMarketplace;
using CreatorMarketplace.Brands;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Eligibility;
using CreatorMarketplace.Testing;
using NodaTime;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// Step 4: who may take part? The shipped TikTok policy judges creators and a brand with every reason and the
/// distance to yes, a campaign adds its own requirements, a future policy version answers a what-if, policies go to
/// and from JSON, and the catalog from step 3 filters on eligibility.
/// </summary>
internal static class EligibilityStep
{
    public static async Task Run(IClock clock, ICreatorCatalog catalog, TextWriter output)
    {
        output.WriteLine("Step 4: eligibility");
        var now = clock.GetCurrentInstant();
        var policy = MarketplacePolicy.TikTokCreatorMarketplace;
        var version = policy.VersionAsOf(now)!;
        output.WriteLine($"  Policy {policy.Name}, version in force from {version.EffectiveFrom}, {version.Markets.Count} markets:");
        DiscoveryStep.WriteTable(
            output,
            ["market", "age", "followers", "views/30d", "posts/30d", "standing", "accounts"],
            new[] { Country.US, Country.KR }.Select(country =>
            {
                var rules = version.CreatorRequirementsIn(country);
                return new object?[]
                {
                    country == Country.KR ? "KR" : "others", $"{rules.MinimumAge}+", rules.MinimumFollowers, rules.MinimumViewsLast30Days, rules.MinimumPostsLast30Days,
                    $"{rules.GoodStandingLookBack.Days} days", string.Join(", ", rules.AccountTypes),
                };
            }));

        // 1. Creators: every failure with the distance to passing, in the creator's own market and time zone.
        output.WriteLine();
        var creators = new CreatorGenerator(seed: 7, clock).Generate(6).Select(c => c.ToListing()).ToList();
        foreach (var creator in creators.Take(4))
        {
            WriteResult(output, $"{creator.PrimaryAccount.Handle} ({creator.Profile.HomeCountry}, {creator.PrimaryAccount.Stats.Followers:N0} followers)", policy.ForCreators.Evaluate(creator, now));
        }

        // 2. A campaign's own requirements on top: an alcohol brand targeting the US.
        var campaign = new CampaignRequirements
        {
            TargetMarkets = [Country.US],
            MinimumAudienceInTargetMarkets = Share.FromFraction(0.5),
            ExcludedKeywords = ["kids", "family friendly"],
            MinorAudienceLimit = new(RestrictedCategory.Alcohol, Share.FromFraction(0.1)),
        };
        output.WriteLine();
        output.WriteLine("  For an alcohol campaign in the US (50% of the audience there, at most 10% under 18):");
        var eligibleCreator = creators.First(creator => policy.ForCreators.Evaluate(creator, now).IsEligible);
        WriteResult(output, eligibleCreator.PrimaryAccount.Handle.ToString(), policy.ForCampaign(campaign).Evaluate(eligibleCreator, now));

        // 3. What-if: a stricter version from next year; the same creator, judged as of a date after it.
        var nextYear = new LocalDate(now.InUtc().Year + 1, 1, 1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var stricter = MarketplacePolicy.Create(policy.Name, policy.Description, [
            .. policy.Versions,
            PolicyVersion.Create(nextYear, version.Creators with { MinimumFollowers = 100_000 }, version.Brands, version.Markets),
        ]);
        output.WriteLine();
        output.WriteLine($"  What if 100,000 followers were required from {nextYear}?");
        WriteResult(output, $"{eligibleCreator.PrimaryAccount.Handle} as of {nextYear + Duration.FromDays(1)}", stricter.ForCreators.Evaluate(eligibleCreator, nextYear + Duration.FromDays(1)));

        // 4. A brand: verified, business information on file, tax information not yet.
        var brand = new BrandProfile
        {
            Id = EntityId.New<BrandId>(clock),
            Name = "Glow Labs",
            Country = Country.US,
            TimeZone = DateTimeZoneProviders.Tzdb["America/New_York"],
            IdentityVerifiedAt = now - Duration.FromDays(30),
            BusinessInformationSubmittedAt = now - Duration.FromDays(30),
        };
        output.WriteLine();
        WriteResult(output, $"brand {brand.Name}", policy.ForBrands.Evaluate(brand, now));

        // 5. Policies are data: saved as JSON and read back; a malformed one is refused with the path of each problem.
        var json = policy.ToJson();
        output.WriteLine();
        output.WriteLine($"  The policy as JSON: {json.Length:N0} characters; read back equal: {MarketplacePolicy.FromJson(json).AsT0.Equals(policy)}");
        var malformed = json
            .Replace("\"minimumAge\": 18", "\"minimumAge\": \"18\"", StringComparison.Ordinal)
            .Replace("\"country\": \"GB\"", "\"country\": \"UK\"", StringComparison.Ordinal)
            .Replace("\"launchDate\": \"2024-10-01\"", "\"launchDate\": \"2024-10-32\"", StringComparison.Ordinal);
        output.WriteLine("  A malformed policy is refused:");
        foreach (var error in MarketplacePolicy.FromJson(malformed).Errors)
        {
            output.WriteLine($"    {error}");
        }

        // 6. Eligibility as a discovery filter, decided on the catalog's columns.
        var eligibleNow = new CreatorQuery { Eligibility = new(policy, now), Sort = CreatorSort.Followers, PageSize = 3, IncludeFacets = false };
        var page = (await catalog.SearchAsync(eligibleNow)).AsT0;
        var korea = (await catalog.SearchAsync(eligibleNow with { Countries = [Country.KR] })).AsT0;
        output.WriteLine();
        output.WriteLine($"  In the catalog: {page.TotalCount:N0} creators eligible now, {korea.TotalCount:N0} of them in Korea; the most followed:");
        DiscoveryStep.WriteTable(
            output,
            ["handle", "country", "followers", "views/30d", "posts/30d"],
            page.Items.Select(c => new object?[] { c.PrimaryAccount.Handle, c.Profile.HomeCountry, c.PrimaryAccount.Stats.Followers, c.PrimaryAccount.Stats.ViewsLast30Days, c.PrimaryAccount.Stats.PostsLast30Days }));
        output.WriteLine();
    }

    private static void WriteResult(TextWriter output, string subject, EligibilityResult result)
    {
        output.WriteLine($"  {subject}: {(result.IsEligible ? "eligible" : "not eligible")}");
        foreach (var failure in result.Failures)
        {
            output.WriteLine($"    {failure.Rule}: {failure.Message}{(failure.Distance is { } distance ? $" ({distance})" : "")}");
        }
    }
}
