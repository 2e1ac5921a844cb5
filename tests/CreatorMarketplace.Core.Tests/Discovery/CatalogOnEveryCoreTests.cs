using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

// A catalog of four or more chunks is searched on every core, a chunk at a time; these catalogs are large enough
// for that, and must answer as the reference does, retired rows and removals included.
public sealed class CatalogOnEveryCoreTests
{
    private const int Creators = (4 * 65_536) + 3_001;

    private static readonly IReadOnlyList<CreatorListing> Pool =
        new CreatorGenerator(61, new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(400).Select(creator => creator.ToListing()).ToList();

    [Fact]
    public async Task A_catalog_of_many_chunks_answers_every_search_as_the_reference_does()
    {
        var random = new Random(61);
        var listings = Enumerable.Range(0, Creators).Select(i => Copy(Pool[random.Next(Pool.Count)], Id(i), 1, random)).ToList();
        var catalog = new InMemoryCreatorCatalog();
        var reference = new ReferenceCreatorCatalog();
        catalog.Load(listings).ShouldBe(Creators);
        foreach (var listing in listings)
        {
            (await reference.UpsertAsync(listing)).ShouldBeTrue();
        }

        // Newer versions and removals spread over every chunk leave retired rows in each of them.
        for (var i = 0; i < Creators; i += 97)
        {
            var newer = Copy(Pool[random.Next(Pool.Count)], listings[i].Id, 2, random);
            (await catalog.UpsertAsync(newer)).ShouldBeTrue();
            (await reference.UpsertAsync(newer)).ShouldBeTrue();
            if (i % 3 == 0)
            {
                (await catalog.RemoveAsync(Id(i + 1))).ShouldBeTrue();
                (await reference.RemoveAsync(Id(i + 1))).ShouldBeTrue();
            }
        }

        catalog.Count.ShouldBe(reference.Count);
        var queries = new List<CreatorQuery>
        {
            new() { Sort = CreatorSort.Followers, PageSize = 100, IncludeFacets = true },
            new() { Keyword = "a", Sort = CreatorSort.Followers, PageSize = 40, IncludeFacets = true },
            new() { Keyword = "an", Sort = CreatorSort.Relevance, PageSize = 40, IncludeFacets = true },
            new() { Keyword = "garcia", Sort = CreatorSort.Followers, PageSize = 40 },
            CreatorCatalogContract.QueryWithEveryFilter(null) with { IncludeFacets = true },
            new() { Sort = CreatorSort.Score, Score = CreatorCatalogContract.RandomCatalogScore(new Random(5)), PageSize = 100 },
            new() { Countries = [Country.US], Sort = CreatorSort.Score, Score = CreatorCatalogContract.RandomCatalogScore(new Random(6)), Descending = false, PageSize = 7 },
        };
        queries.AddRange(Enumerable.Range(0, 24).Select(_ => CreatorCatalogContract.RandomQuery(random) with { IncludeFacets = random.Next(2) == 0 }));
        foreach (var query in queries)
        {
            var answer = await CreatorCatalogContract.AnswerAsync(catalog, query);
            answer.ShouldBe(await CreatorCatalogContract.AnswerAsync(reference, query), $"{query}");
        }
    }

    private static CreatorId Id(int i) => CreatorId.From(new Guid(i, 0x7ab1, 0x7c00, 1, 2, 3, 4, 5, 6, 7, 8));

    private static CreatorListing Copy(CreatorListing listing, CreatorId id, long version, Random random) =>
        CreatorListing.Create(
            id,
            version,
            listing.RegisteredAt,
            listing.Profile,
            listing.Accounts,
            listing.Audience,
            listing.RateCard,
            listing.Badges,
            random.Next(5) == 0,
            random.Next(0, 30),
            listing.ComplianceHistory);
}
