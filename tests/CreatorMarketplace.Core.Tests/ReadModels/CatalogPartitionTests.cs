using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage.InMemory;
using CreatorMarketplace.Tests.Discovery;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.ReadModels;

/// <summary>
/// A catalog that follows the store for one partition holds exactly the partition's creators, however they move
/// between markets, and answers every query its partition answers as a catalog of every creator does.
/// </summary>
public sealed class CatalogPartitionTests
{
    private static readonly Country[] Markets = [Country.US, Country.GB, Country.BR, Country.MX, Country.KR, Country.DE];
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 12, 4, 9, 0), Duration.FromSeconds(1));

    [Property(MaxTest = 30)]
    public Property A_partition_holds_its_markets_creators_and_answers_its_markets_queries_as_the_whole_catalog(NonNegativeInt seed)
    {
        var random = new Random(seed.Get);
        var store = new InMemoryMarketplaceStore();
        var generator = new CreatorGenerator(seed.Get, _clock);
        var partition = CatalogPartition.ByHomeCountry(Markets.OrderBy(_ => random.Next()).Take(random.Next(1, 4)));
        var partitioned = new InMemoryCreatorCatalog();
        var whole = new InMemoryCreatorCatalog();
        var ids = new List<CreatorId>();

        // Loaded after some saves, then following the rest: creators are added and moved between markets.
        Steps(store, generator, ids, random, random.Next(0, 20));
        var follower = new CatalogFollower(store, partitioned, TimeProvider.System, pageSize: random.Next(1, 6), partition: partition);
        CatalogFollowerTests.FollowUntilCaughtUpAsync(follower).GetAwaiter().GetResult();
        Steps(store, generator, ids, random, random.Next(1, 30));
        CatalogFollowerTests.FollowUntilCaughtUpAsync(follower).GetAwaiter().GetResult();
        CatalogFollowerTests.FollowUntilCaughtUpAsync(new CatalogFollower(store, whole, TimeProvider.System)).GetAwaiter().GetResult();

        var held = ids.Where(id => Find(whole, id) is { } listing && follower.Partition.Holds(listing)).ToHashSet();
        var countries = partition.HomeCountries!.ToArray();
        var queries = Enumerable.Range(0, 6)
            .Select(_ => CreatorCatalogContract.RandomQuery(random) with { Countries = countries.OrderBy(_ => random.Next()).Take(random.Next(1, countries.Length + 1)).ToArray() })
            .Append(new CreatorQuery { Countries = countries, PageSize = 1_000 })
            .ToList();
        return (partitioned.Count == held.Count).Label($"the partition holds {partitioned.Count} creators; {held.Count} of the store's are in its markets")
            .And(ids.All(id => Equals(Find(partitioned, id), held.Contains(id) ? Find(whole, id) : null)).Label("each creator is held at the whole catalog's version when in the partition, and not otherwise"))
            .And(queries.All(partition.Answers).Label("every query naming only the partition's countries is one it answers"))
            .And(queries.All(query => Answer(partitioned, query) == Answer(whole, query)).Label("every such query answers as over the whole catalog"));
    }

    [Fact]
    public void A_partition_answers_only_queries_that_stay_inside_its_countries()
    {
        var partition = CatalogPartition.ByHomeCountry(Country.US, Country.CA, Country.US);

        partition.HomeCountries.ShouldBe([Country.CA, Country.US], ignoreOrder: true);
        partition.ToString().ShouldBe("home country in CA, US");
        partition.Answers(new CreatorQuery { Countries = [Country.US] }).ShouldBeTrue();
        partition.Answers(new CreatorQuery { Countries = [Country.US, Country.CA] }).ShouldBeTrue();
        partition.Answers(new CreatorQuery { Subdivisions = [Subdivision.Parse("CA-ON"), Subdivision.Parse("US-NY")] }).ShouldBeTrue();
        partition.Answers(new CreatorQuery { Countries = [Country.US, Country.MX] }).ShouldBeFalse("a Mexican creator may match");
        partition.Answers(new CreatorQuery { Subdivisions = [Subdivision.Parse("MX-JAL")] }).ShouldBeFalse();
        partition.Answers(new CreatorQuery()).ShouldBeFalse("a query without countries may match a creator of any market");
        CatalogPartition.All.Answers(new CreatorQuery()).ShouldBeTrue();
        CatalogPartition.All.HomeCountries.ShouldBeNull();
        CatalogPartition.All.ToString().ShouldBe("every creator");
    }

    [Fact]
    public void A_partition_of_no_country_or_of_a_null_one_is_refused_by_name()
    {
        Should.Throw<ArgumentException>(() => CatalogPartition.ByHomeCountry([])).Message.ShouldStartWith("homeCountries: a partition holds the creators of one country or more");
        Should.Throw<ArgumentException>(() => CatalogPartition.ByHomeCountry(Country.US, null!)).Message.ShouldStartWith("homeCountries[1]: a country may not be null.");
        Should.Throw<ArgumentNullException>(() => CatalogPartition.ByHomeCountry((IEnumerable<Country>)null!));
        Should.Throw<ArgumentNullException>(() => CatalogPartition.All.Holds(null!));
        Should.Throw<ArgumentNullException>(() => CatalogPartition.All.Answers(null!));
    }

    [Fact]
    public async Task A_follower_without_a_partition_holds_every_creator()
    {
        var store = new InMemoryMarketplaceStore();
        var follower = new CatalogFollower(store, new InMemoryCreatorCatalog(), TimeProvider.System);

        follower.Partition.ShouldBeSameAs(CatalogPartition.All);
        var generator = new CreatorGenerator(11, _clock);
        for (var i = 0; i < 12; i++)
        {
            (await store.Creators.SaveAsync(generator.NextNew())).IsSaved.ShouldBeTrue();
        }

        var catalog = new InMemoryCreatorCatalog();
        await CatalogFollowerTests.FollowUntilCaughtUpAsync(new CatalogFollower(store, catalog, TimeProvider.System, partition: null));
        catalog.Count.ShouldBe(12);
    }

    // New creators, and profile changes that move a creator to another market (or keep it in its own).
    private void Steps(InMemoryMarketplaceStore store, CreatorGenerator generator, List<CreatorId> ids, Random random, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            switch (ids.Count == 0 ? 0 : random.Next(3))
            {
                case 0:
                case 1:
                    var created = generator.NextNew();
                    store.Creators.SaveAsync(created).AsTask().GetAwaiter().GetResult().IsSaved.ShouldBeTrue();
                    ids.Add(created.Id);
                    break;
                default:
                    var moved = store.Creators.FindAsync(ids[random.Next(ids.Count)]).AsTask().GetAwaiter().GetResult().ShouldNotBeNull();
                    // Always another country: a save with no change moves the version but writes no change to follow.
                    var to = Markets.Where(country => country != moved.Profile.HomeCountry).ElementAt(random.Next(Markets.Length - 1));
                    moved.ChangeProfile(moved.Profile with { HomeCountry = to, HomeSubdivision = null }, _clock);
                    store.Creators.SaveAsync(moved).AsTask().GetAwaiter().GetResult().IsSaved.ShouldBeTrue();
                    break;
            }
        }
    }

    private static CreatorListing? Find(ICreatorCatalog catalog, CreatorId id) => catalog.FindAsync(id).AsTask().GetAwaiter().GetResult();

    private static string Answer(ICreatorCatalog catalog, CreatorQuery query) => CreatorCatalogContract.AnswerAsync(catalog, query).GetAwaiter().GetResult();
}
