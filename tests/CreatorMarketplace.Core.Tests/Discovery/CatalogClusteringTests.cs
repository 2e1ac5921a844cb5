using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>
/// A load clusters its rows by home country and followers, and bounds decide whole blocks of 1,024 rows on their
/// code ranges: neither changes an answer, at the rows on a block's edges above all.
/// </summary>
public sealed class CatalogClusteringTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 0, 0);
    private static readonly FakeClock Clock = new(Now);

    // Five blocks, the last part full, of one country: followers from 5,000 up in steps of one, so that above 4,096
    // two to four neighbours share a code and a block's edge code may be shared with the block before or after.
    // The engagement rate rises with the followers and is unknown for the 1,024 fewest, whose block then holds
    // no known rate at all.
    private const int Rows = (4 * 1_024) + 100;

    private static readonly IReadOnlyList<CreatorListing> Listings = EdgeListings();

    [Fact]
    public void Bounds_at_a_blocks_least_and_greatest_values_answer_as_the_listings_do()
    {
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(Listings).ShouldBe(Rows);

        var followers = Listings.Select(listing => listing.PrimaryAccount.Stats.Followers).Order().ToArray();
        var rates = Listings.Select(listing => listing.PrimaryAccount.Stats.EngagementRate).OfType<double>().Order().ToArray();
        var queries = new List<CreatorQuery>();
        foreach (var edge in BlockEdges(followers.Length))
        {
            foreach (var value in new[] { followers[edge] - 1, followers[edge], followers[edge] + 1 })
            {
                queries.AddRange(
                [
                    new() { Followers = new(value, null) },
                    new() { Followers = new(null, value) },
                    new() { Followers = new(value, value) },
                    new() { Followers = new(value, value + 2_000), Sort = CreatorSort.Followers, Descending = false },
                ]);
            }
        }

        // The known rates fill the blocks after the first, so their block edges are those of their own order.
        foreach (var edge in BlockEdges(rates.Length))
        {
            foreach (var value in new[] { Math.BitDecrement(rates[edge]), rates[edge], Math.BitIncrement(rates[edge]) })
            {
                queries.AddRange(
                [
                    new() { EngagementRate = new(value, null), Sort = CreatorSort.EngagementRate },
                    new() { EngagementRate = new(null, value) },
                    new() { EngagementRate = new(value, value) },
                ]);
            }
        }

        foreach (var query in queries)
        {
            Answer(catalog, query).ShouldBe(Expected(query), $"{query.Followers} {query.EngagementRate}");
        }
    }

    [Fact]
    public async Task A_block_whose_rates_are_all_unknown_is_inside_no_bound_on_them()
    {
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(Listings).ShouldBe(Rows);

        foreach (var query in new CreatorQuery[] { new() { EngagementRate = new(null, 1) }, new() { EngagementRate = new(0, null) } })
        {
            var page = (await catalog.SearchAsync(query with { PageSize = 1 })).AsT0;
            page.TotalCount.ShouldBe(Rows - 1_024);
        }
    }

    [Fact]
    public void A_load_puts_each_chunks_rows_in_order_of_home_country_then_followers()
    {
        var listings = new CreatorGenerator(29, Clock).Generate(3_000).Select(creator => creator.ToListing()).ToList();
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(listings).ShouldBe(listings.Count);

        var byId = listings.ToDictionary(listing => listing.Id);
        var rows = catalog.CreatorsInRowOrder().Select(id => byId[id]).ToList();
        rows.Count.ShouldBe(listings.Count);
        var runs = rows.Zip(rows.Skip(1)).Count(pair => pair.First.Profile.HomeCountry != pair.Second.Profile.HomeCountry);
        runs.ShouldBe(listings.Select(listing => listing.Profile.HomeCountry).Distinct().Count() - 1);
        rows.Zip(rows.Skip(1))
            .Where(pair => pair.First.Profile.HomeCountry == pair.Second.Profile.HomeCountry)
            .ShouldAllBe(pair => FollowersCode(pair.First) <= FollowersCode(pair.Second));

        // Rows of one country and code keep the order they were loaded in, within each chunk.
        var loadedAt = listings.Select((listing, at) => (listing.Id, at)).ToDictionary();
        var ties = rows.Zip(rows.Skip(1))
            .Where(pair => pair.First.Profile.HomeCountry == pair.Second.Profile.HomeCountry && FollowersCode(pair.First) == FollowersCode(pair.Second))
            .ToList();
        ties.Count.ShouldBeGreaterThan(10);
        ties.ShouldAllBe(pair => loadedAt[pair.First.Id] < loadedAt[pair.Second.Id]);
    }

    [Fact]
    public void A_clustered_load_keeps_the_encoded_listings_in_their_rows_order()
    {
        // A keyword's scan and a page's decoding read the texts and listings in row order: after the rows are put in
        // a new order their texts and listings follow, so that the reads walk the pages forward instead of jumping about.
        var listings = new CreatorGenerator(31, Clock).Generate(3_000).Select(creator => creator.ToListing()).ToList();
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(listings).ShouldBe(listings.Count);

        var starts = catalog.EncodedStartsInRowOrder();
        starts.Count.ShouldBe(listings.Count);
        var inChunks = starts.Zip(starts.Skip(1)).Where(pair => pair.First.Chunk == pair.Second.Chunk).ToList();
        inChunks.ShouldAllBe(pair => pair.First.Listing < pair.Second.Listing);
        inChunks.ShouldAllBe(pair => pair.First.Text < pair.Second.Text);
        var byId = listings.ToDictionary(listing => listing.Id);
        catalog.CreatorsInRowOrder().ShouldAllBe(id => catalog.FindAsync(id, default).AsTask().Result == byId[id]);
    }

    [Fact]
    public async Task A_load_of_more_chunks_than_cores_gives_back_every_listing_and_text_from_pages_used_again()
    {
        // The clustering copies each chunk's texts and listings into pages that chunks reordered before it let go of;
        // with more chunks than cores, some chunks are written over pages another chunk has just left. Each creator
        // still finds its own listing, and a keyword its own rows' texts.
        var listings = new CreatorGenerator(37, Clock).Generate((3 * CatalogChunk.Rows) + 1_000).Select(creator => creator.ToListing()).ToList();
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(listings).ShouldBe(listings.Count);

        foreach (var listing in listings)
        {
            (await catalog.FindAsync(listing.Id)).ShouldBe(listing);
        }

        foreach (var keyword in new[] { "garcia", "beauty", "kenji" })
        {
            var query = new CreatorQuery { Keyword = keyword, PageSize = 1 };
            (await catalog.SearchAsync(query)).AsT0.TotalCount.ShouldBe(listings.Count(query.Matches), keyword);
        }
    }

    [Fact]
    public async Task A_clustered_load_keeps_each_creators_listing_as_upserting_in_order_would()
    {
        // Each creator's versions differ in country and followers, so that the clustering would put them apart; the
        // newest version wins, and of equal versions the first, as upserts decide.
        var creators = new CreatorGenerator(31, Clock).Generate(600).ToList();
        var random = new Random(5);
        var countries = new[] { Country.US, Country.GB, Country.DE, Country.JP };
        var listings = new List<CreatorListing>();
        for (var round = 0; round < 4; round++)
        {
            foreach (var creator in creators.OrderBy(_ => random.Next()))
            {
                creator.ChangeProfile(creator.ToListing().Profile with { HomeCountry = countries[random.Next(countries.Length)] }, Clock);
                var stats = AccountStats.Create(Now + Duration.FromHours(round + 1), random.Next(1, 100_000), engagementRate: random.NextDouble() / 10);
                creator.RefreshStats(Platform.TikTok, stats, new FakeClock(stats.AsOf)).ShouldBeTrue();
                listings.Add(CatalogLoadTests.WithVersion(creator.ToListing(), random.Next(1, 4)));
            }
        }

        var upserted = new InMemoryCreatorCatalog();
        foreach (var listing in listings)
        {
            await upserted.UpsertAsync(listing); // an older or equal version is refused, as the load refuses it
        }

        var loaded = new InMemoryCreatorCatalog();
        loaded.Load(listings).ShouldBe(creators.Count);

        foreach (var creator in creators)
        {
            (await loaded.FindAsync(creator.Id)).ShouldBe(await upserted.FindAsync(creator.Id));
        }

        foreach (var country in countries)
        {
            foreach (var query in new CreatorQuery[]
            {
                new() { Countries = [country], PageSize = 40 },
                new() { Countries = [country], Followers = new(20_000, 70_000), Sort = CreatorSort.Followers, PageSize = 40 },
                new() { Countries = [country], EngagementRate = new(0.05, null), Sort = CreatorSort.EngagementRate, Descending = false, PageSize = 40 },
            })
            {
                Answer(loaded, query).ShouldBe(Answer(upserted, query));
            }
        }

        // Upserts after the load append and are found as any upsert is.
        var later = listings[^1];
        var newer = CatalogLoadTests.WithVersion(later, 9, pastCampaigns: 77);
        (await loaded.UpsertAsync(newer)).ShouldBeTrue();
        (await loaded.FindAsync(later.Id)).ShouldBe(newer);
        loaded.CreatorsInRowOrder()[^1].ShouldBe(later.Id);
    }

    [Fact]
    public async Task A_keys_blocks_follow_its_rows_when_a_load_moves_them()
    {
        // Each key's bitmap keeps the blocks it is set in, so that searches skip the others unread. A rare country
        // that arrives in the first block and is clustered after three thousand rows of another must be found there,
        // by the filter and by the facets, and so must one upserted later.
        var generator = new CreatorGenerator(37, Clock);
        CreatorListing In(Country country)
        {
            var listing = generator.Next().ToListing();
            return CatalogLoadTests.WithVersion(listing, listing.Version, profile: listing.Profile with { HomeCountry = country });
        }

        var listings = new List<CreatorListing> { In(Country.US) };
        listings.AddRange(Enumerable.Range(0, 10).Select(_ => In(Country.SE)));
        listings.AddRange(Enumerable.Range(0, 3_000).Select(_ => In(Country.US)));
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(listings).ShouldBe(listings.Count);

        var swedes = new CreatorQuery { Countries = [Country.SE], IncludeFacets = true, PageSize = 50 };
        var page = (await catalog.SearchAsync(swedes)).AsT0;
        page.TotalCount.ShouldBe(10);
        page.Facets!.ByCountry.ShouldBe(new Dictionary<Country, int> { [Country.SE] = 10 });
        (await catalog.SearchAsync(new CreatorQuery { IncludeFacets = true, PageSize = 1 })).AsT0.Facets!.ByCountry[Country.SE].ShouldBe(10);

        (await catalog.UpsertAsync(In(Country.SE))).ShouldBeTrue();
        (await catalog.SearchAsync(swedes)).AsT0.TotalCount.ShouldBe(11);
    }

    // The first and last rows of each block, in ascending order of a column's values.
    private static IEnumerable<int> BlockEdges(int count) =>
        Enumerable.Range(0, (count + 1_023) / 1_024).SelectMany(block => new[] { block * 1_024, Math.Min(count, (block + 1) * 1_024) - 1 });

    private static ushort FollowersCode(CreatorListing listing) => ColumnCodes.Of(NumberColumn.Followers, listing.PrimaryAccount.Stats.Followers);

    private static List<CreatorListing> EdgeListings()
    {
        var generator = new CreatorGenerator(23, Clock);
        var order = Enumerable.Range(0, Rows).OrderBy(i => (i * 7_919) % Rows).ToList();
        return order.ConvertAll(i =>
        {
            var creator = generator.Next();
            var stats = AccountStats.Create(Now + Duration.FromHours(1), 5_000 + i, engagementRate: i < 1_024 ? null : 0.01 + (i * 0.00001));
            creator.RefreshStats(Platform.TikTok, stats, new FakeClock(stats.AsOf)).ShouldBeTrue();
            var listing = creator.ToListing();
            return CatalogLoadTests.WithVersion(listing, listing.Version, profile: listing.Profile with { HomeCountry = Country.US });
        });
    }

    private static (int Total, string Page) Expected(CreatorQuery query)
    {
        var matches = Listings.Where(query.Matches).ToList();
        matches.Sort(query.Compare);
        return (matches.Count, string.Join(",", matches.Take(query.PageSize).Select(listing => listing.Id)));
    }

    private static (int Total, string Page) Answer(ICreatorCatalog catalog, CreatorQuery query)
    {
        var page = catalog.SearchAsync(query).AsTask().GetAwaiter().GetResult().AsT0;
        return (page.TotalCount, string.Join(",", page.Items.Select(listing => listing.Id)));
    }
}
