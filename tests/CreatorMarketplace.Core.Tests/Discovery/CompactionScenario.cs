using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

// The compaction tests' catalog: generated creators loaded into an in-memory catalog and a reference, newer versions of
// random creators written to both, and the two compared.
internal static class CompactionScenario
{
    internal static readonly IReadOnlyList<CreatorListing> Generated =
        new CreatorGenerator(71, new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(3_000).Select(creator => creator.ToListing()).ToList();

    // The generated creators in a catalog that makes every compaction apart from its writers (or every one under their
    // lock), calling `starting` as each starts, and catches up with the writes made meanwhile outside its lock (all but
    // none) or all under it; and in the reference.
    internal static async Task<(InMemoryCreatorCatalog Catalog, ReferenceCreatorCatalog Reference)> Loaded(Action? starting = null, bool outsideTheLock = false, bool apart = true)
    {
        var catalog = new InMemoryCreatorCatalog
        {
            RowsCompactedApart = apart ? 0 : int.MaxValue,
            RowsCaughtUpUnderLock = outsideTheLock ? 0 : int.MaxValue,
            CollectAfterCompaction = () => { },
            CompactionStarting = starting,
        };
        var reference = new ReferenceCreatorCatalog();
        catalog.Load(Generated).ShouldBe(Generated.Count);
        foreach (var listing in Generated)
        {
            (await reference.UpsertAsync(listing)).ShouldBeTrue();
        }

        return (catalog, reference);
    }

    internal static async Task Both(InMemoryCreatorCatalog catalog, ReferenceCreatorCatalog reference, CreatorListing listing)
    {
        (await catalog.UpsertAsync(listing)).ShouldBeTrue();
        (await reference.UpsertAsync(listing)).ShouldBeTrue();
    }

    // A newer version of a random creator still held, another on vacation than the last, with another creator's
    // profile (`like`) when given.
    internal static CreatorListing Newer(Random random, Dictionary<CreatorId, long> versions, CreatorListing? like = null)
    {
        var id = versions.Keys.ElementAt(random.Next(versions.Count));
        var listing = Generated.FirstOrDefault(listing => listing.Id == id) ?? Generated[0];
        versions[id]++;
        return CatalogLoadTests.WithVersion(listing, versions[id], onVacation: versions[id] % 2 == 0, pastCampaigns: (int)(versions[id] % 40), profile: like?.Profile, id: id);
    }

    internal static CreatorId NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return CreatorId.From(new Guid(bytes));
    }

    internal static async Task SameAsTheReference(InMemoryCreatorCatalog catalog, ReferenceCreatorCatalog reference, string because)
    {
        catalog.Count.ShouldBe(reference.Count, because);
        foreach (var listing in Generated.Take(200))
        {
            (await catalog.FindAsync(listing.Id)).ShouldBe(await reference.FindAsync(listing.Id), because);
        }

        CreatorQuery[] queries =
        [
            new() { Sort = CreatorSort.Followers, PageSize = 500, IncludeFacets = true },
            new() { ExcludeOnVacation = true, Sort = CreatorSort.EngagementRate, PageSize = 300 },
            new() { Countries = [Country.IS], Sort = CreatorSort.Followers },
            new() { Languages = [Language.FromCode("is")] },
            new() { Keyword = "an", Sort = CreatorSort.MedianViews, PageSize = 200 },
            new() { PastCampaignCount = new(10, 20), Sort = CreatorSort.Followers, Descending = false, PageSize = 300 },
            .. Generated.Select(listing => listing.Profile.HomeCountry).Distinct().Select(country => new CreatorQuery { Countries = [country], Sort = CreatorSort.Followers, PageSize = 100 }),
        ];
        foreach (var query in queries)
        {
            var actual = (await catalog.SearchAsync(query)).AsT0;
            var expected = (await reference.SearchAsync(query)).AsT0;
            actual.TotalCount.ShouldBe(expected.TotalCount, because);
            actual.Items.ShouldBe(expected.Items, because);
            (actual.Facets?.ByCountry.OrderBy(f => f.Key.Value)).ShouldBe(expected.Facets?.ByCountry.OrderBy(f => f.Key.Value), because);
        }
    }
}
