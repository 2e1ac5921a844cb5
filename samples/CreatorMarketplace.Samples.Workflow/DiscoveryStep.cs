using CreatorMarketplace;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Testing;
using NodaTime;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>Step 3: a brand looks for creators with a validated query over a generated catalog.</summary>
internal static class DiscoveryStep
{
    public static async Task Run(IClock clock, TextWriter output)
    {
        output.WriteLine("Step 3: discovery");
        ICreatorCatalog catalog = new InMemoryCreatorCatalog();
        foreach (var creator in new CreatorGenerator(seed: 2026, clock).Generate(20_000))
        {
            await catalog.UpsertAsync(creator.ToListing());
        }

        var query = new CreatorQuery
        {
            Countries = [Country.US, Country.CA, Country.GB],
            ContentLabels = [new ContentLabel("beauty"), new ContentLabel("fashion")],
            Followers = new(10_000, 500_000),
            EngagementRate = new(0.05, null),
            FollowerGender = new(AudienceGender.Female, 0.6),
            Price = new(Currency.USD, new(null, 2_000m)),
            ExcludeOnVacation = true,
            Sort = CreatorSort.EngagementRate,
            PageSize = 5,
        };

        var result = await catalog.SearchAsync(query);
        if (result.TryPickT1(out var invalid, out var page))
        {
            output.WriteLine($"  invalid query: {invalid}");
            return;
        }

        output.WriteLine($"  {page.TotalCount:N0} of 20,000 creators match; the top {page.Items.Count} by engagement:");
        output.WriteLine($"  {"handle",-22} {"country",-7} {"followers",10} {"engagement",10} {"from",12}");
        foreach (var creator in page.Items)
        {
            var stats = creator.PrimaryAccount.Stats;
            output.WriteLine($"  {creator.PrimaryAccount.Handle,-22} {creator.Profile.HomeCountry,-7} {stats.Followers,10:N0} {stats.EngagementRate,10:P1} {creator.RateCard?.LowestPrice,12}");
        }

        output.WriteLine($"  by country: {string.Join(", ", page.Facets.ByCountry.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value}"))}");
        output.WriteLine($"  by tier: {string.Join(", ", page.Facets.ByTier.OrderBy(f => f.Key.Value).Select(f => $"{f.Key} {f.Value}"))}");

        // The brand keeps the best of them on a shortlist; listing a creator twice changes nothing.
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(clock), EntityId.New<BrandId>(clock), "Spring beauty launch", clock);
        foreach (var creator in page.Items.Take(3))
        {
            shortlist.Add(creator.Id, clock, tags: ["spring-launch"], note: $"engagement {creator.PrimaryAccount.Stats.EngagementRate:P1}");
        }

        var again = shortlist.Add(page.Items[0].Id, clock);
        output.WriteLine($"  shortlist \"{shortlist.Name}\": {shortlist.Entries.Count} creators; adding the first again: {(again.Added ? "added" : "already listed")}");

        var refused = await catalog.SearchAsync(query with { Followers = new(500_000, 10_000), FollowerGender = new(AudienceGender.Female, 60) });
        output.WriteLine($"  an invalid query is refused with every problem named: {string.Join("; ", refused.AsT1.Errors)}");
        output.WriteLine();
    }
}
