using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Scale;

/// <summary>
/// Ten million generated creators in one in-memory catalog, loaded from a stream that nothing else holds, answer a
/// handful of searches as the queries' own meaning does over the same stream generated again. Minutes and about 6 GB
/// of memory: outside the default run (the project's default filter leaves out <c>Category=Scale</c>), run by
/// <c>dotnet test tests/CreatorMarketplace.Core.Tests -c Release --filter Category=Scale</c>.
/// </summary>
[Trait("Category", "Scale")]
public sealed class TenMillionCreatorsTests
{
    private const int Creators = 10_000_000;

    // Each sorted by engagement rate, first page of 50: a key bitmap, numeric bounds, a keyword, and none at all.
    private static readonly CreatorQuery[] Queries =
    [
        new()
        {
            Countries = [Country.US, Country.BR, Country.DE],
            ContentLabels = [new ContentLabel("gaming"), new ContentLabel("tech"), new ContentLabel("music")],
            Followers = new(50_000, 2_000_000),
            EngagementRate = new(0.02, 0.2),
            FollowerGender = new(AudienceGender.Male, 0.4),
            Price = new(Currency.USD, new(100m, 10_000m)),
            Sort = CreatorSort.EngagementRate,
        },
        new() { Countries = [Country.GB], Followers = new(1_000_000, null), Sort = CreatorSort.EngagementRate },
        new() { Keyword = "garcia", Countries = [Country.US, Country.MX], Sort = CreatorSort.EngagementRate },
        new() { Sort = CreatorSort.EngagementRate },
    ];

    [Fact]
    public async Task Ten_million_creators_answer_as_the_queries_meaning_over_the_same_stream()
    {
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(Listings()).ShouldBe(Creators);
        catalog.Count.ShouldBe(Creators);

        var expected = StreamedSearch.Answer(Listings(), Queries);
        for (var i = 0; i < Queries.Length; i++)
        {
            var page = (await catalog.SearchAsync(Queries[i])).AsT0;
            page.TotalCount.ShouldBe(expected[i].Total, $"query {i}: total");
            expected[i].Total.ShouldBeGreaterThan(0, $"query {i} matches no creator: it checks nothing");
            page.Items.Select(item => item.Id).ShouldBe(expected[i].Page.Select(item => item.Id), $"query {i}: first page");
        }
    }

    // Generated as the load asks for them, so that no one holds ten million listings beside the catalog.
    private static IEnumerable<CreatorListing> Listings() =>
        new CreatorGenerator(2026, new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(Creators).Select(creator => creator.ToListing());
}
