using System.Runtime.CompilerServices;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>A load of many listings at once has the outcome of upserting each in order, and publishes it whole or not at all.</summary>
public sealed class CatalogLoadTests
{
    private static readonly IReadOnlyList<CreatorListing> Pool =
        new CreatorGenerator(53, new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(150).Select(creator => creator.ToListing()).ToList();

    [Property(MaxTest = 80)]
    public Property Loading_any_listings_answers_every_search_as_upserting_them_in_order(NonNegativeInt seed, bool intoHeldCreators, bool fromStream)
    {
        var random = new Random(seed.Get);
        var upserted = new InMemoryCreatorCatalog();
        var loaded = new InMemoryCreatorCatalog();
        if (intoHeldCreators)
        {
            foreach (var listing in RandomListings(random, random.Next(1, 200)))
            {
                Upsert(upserted, listing);
                Upsert(loaded, listing);
            }
        }

        // Every version of a creator, older, equal and newer, in any order and repeated.
        var listings = RandomListings(random, random.Next(0, 400));
        var changed = new HashSet<CreatorId>();
        foreach (var listing in listings)
        {
            if (Upsert(upserted, listing))
            {
                changed.Add(listing.Id);
            }
        }

        var count = fromStream
            ? loaded.LoadAsync(Stream(listings)).AsTask().GetAwaiter().GetResult()
            : loaded.Load(listings);

        var queries = Enumerable.Range(0, 6).Select(_ => CreatorCatalogContract.RandomQuery(random)).ToList();
        return (count == changed.Count).Label($"load reports {count} creators added or updated, upserts changed {changed.Count}")
            .And((loaded.Count == upserted.Count).Label($"count {loaded.Count} == {upserted.Count}"))
            .And(Pool.All(listing => Equals(Find(loaded, listing.Id), Find(upserted, listing.Id))).Label("every creator's listing is the same"))
            .And(queries.All(query => Answer(loaded, query) == Answer(upserted, query)).Label("every search answers the same"));
    }

    [Fact]
    public async Task Creators_whose_ids_hash_alike_are_told_apart_by_their_ids()
    {
        // The id table keeps each id's hash beside its row and reads a listing only where the hashes match; ids whose
        // hashes are equal must still be told apart. Ids with the same UUID words in another order hash alike, if
        // the UUID's hash combines its words as they are; the test says so before relying on it.
        var id = Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8059");
        var bytes = id.ToByteArray();
        var twinBytes = bytes[4..8].Concat(bytes[..4]).Concat(bytes[8..]).ToArray();
        var (first, second) = (CreatorId.From(id), CreatorId.From(new Guid(twinBytes)));
        first.GetHashCode().ShouldBe(second.GetHashCode());
        first.ShouldNotBe(second);

        var creators = new CreatorGenerator(11, new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(2).ToList();
        var listings = new[] { first, second }
            .Select((creatorId, i) => Creator.FromSnapshot(creators[i].ToSnapshot() with { Id = creatorId }, 1).ToListing())
            .ToList();

        var loaded = new InMemoryCreatorCatalog();
        loaded.Load(listings).ShouldBe(2);
        var upserted = new InMemoryCreatorCatalog();
        listings.ForEach(listing => Upsert(upserted, listing));
        (await upserted.RemoveAsync(first)).ShouldBeTrue();

        foreach (var listing in listings)
        {
            Find(loaded, listing.Id).ShouldBe(listing);
        }

        Find(upserted, first).ShouldBeNull();
        Find(upserted, second).ShouldBe(listings[1]);
    }

    [Fact]
    public async Task A_load_larger_than_a_batch_with_many_versions_of_each_creator_ends_as_the_upserts_do()
    {
        // 30,000 listings of 150 creators: several batches, chunk growth, and retired rows that force compactions.
        var random = new Random(7);
        var listings = RandomListings(random, 30_000);
        foreach (var heldFirst in new[] { false, true })
        {
            var upserted = new InMemoryCreatorCatalog();
            var loaded = new InMemoryCreatorCatalog();
            if (heldFirst)
            {
                foreach (var listing in Pool.Where((_, i) => i % 3 == 0))
                {
                    Upsert(upserted, WithVersion(listing, 3));
                    Upsert(loaded, WithVersion(listing, 3));
                }
            }

            foreach (var listing in listings)
            {
                Upsert(upserted, listing);
            }

            await loaded.LoadAsync(Stream(listings));

            loaded.Count.ShouldBe(upserted.Count);
            foreach (var listing in Pool)
            {
                (await loaded.FindAsync(listing.Id)).ShouldBe(await upserted.FindAsync(listing.Id));
            }

            foreach (var query in Enumerable.Range(0, 20).Select(_ => CreatorCatalogContract.RandomQuery(random)))
            {
                Answer(loaded, query).ShouldBe(Answer(upserted, query));
            }
        }
    }

    [Fact]
    public void A_compaction_across_chunks_keeps_each_key_on_its_rows()
    {
        // Three chunks of creators: on vacation only the last 40 of the first chunk and those past 500 into the third,
        // so the second chunk has no bitmap for the key. A newer version of the first creator ends the load, whose
        // clustering then compacts its first row away: every later row moves down one, across both chunk ends, and
        // the key's bits move with their rows through a chunk that has none.
        var listings = new CreatorGenerator(61, new FakeClock(Instant.FromUtc(2026, 12, 6, 0, 0)))
            .Generate((2 * CatalogChunk.Rows) + 1_000)
            .Select((creator, i) => WithVersion(creator.ToListing(), 1, onVacation: i is >= CatalogChunk.Rows - 40 and < CatalogChunk.Rows or >= (2 * CatalogChunk.Rows) + 500))
            .ToList();
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load([.. listings, WithVersion(listings[0], 2, onVacation: true)]).ShouldBe(listings.Count);

        var available = catalog.KeyedCreators(new CreatorQuery { ExcludeOnVacation = true }).ToHashSet();

        var expected = listings.Skip(1).Where(listing => !listing.OnVacation).Select(listing => listing.Id).ToList();
        available.Count.ShouldBe(expected.Count);
        expected.Count(id => !available.Contains(id)).ShouldBe(0, "creators not on vacation that the key's bitmap left out");
    }

    [Fact]
    public async Task An_empty_load_changes_nothing()
    {
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load([]).ShouldBe(0);
        catalog.Count.ShouldBe(0);
        Upsert(catalog, Pool[0]);

        (await catalog.LoadAsync(Stream([]))).ShouldBe(0);

        catalog.Count.ShouldBe(1);
        (await catalog.FindAsync(Pool[0].Id)).ShouldBe(Pool[0]);
    }

    [Fact]
    public async Task A_load_of_versions_the_catalog_already_holds_changes_nothing()
    {
        var catalog = new InMemoryCreatorCatalog();
        var held = Pool.Take(20).Select(listing => WithVersion(listing, 2)).ToList();
        catalog.Load(held).ShouldBe(20);

        (await catalog.LoadAsync(Stream([.. held, .. Pool.Take(20).Select(listing => WithVersion(listing, 1))]))).ShouldBe(0);

        catalog.Count.ShouldBe(20);
        foreach (var listing in held)
        {
            (await catalog.FindAsync(listing.Id)).ShouldBe(listing);
        }
    }

    [Fact]
    public async Task A_cancelled_load_leaves_the_catalog_as_it_was()
    {
        foreach (var heldFirst in new[] { false, true })
        {
            var catalog = new InMemoryCreatorCatalog();
            if (heldFirst)
            {
                Upsert(catalog, WithVersion(Pool[0], 1));
            }

            var before = Answer(catalog, new CreatorQuery { PageSize = 1_000 });
            using var cancellation = new CancellationTokenSource();

            // Cancelled after more than a batch has been written into the load's own index.
            var listings = RandomListings(new Random(3), 10_000);
            await Should.ThrowAsync<OperationCanceledException>(async () =>
                await catalog.LoadAsync(Stream(listings, cancelAt: 9_000, cancellation), cancellation.Token));
            Should.Throw<OperationCanceledException>(() => catalog.Load(listings, cancellation.Token));

            Answer(catalog, new CreatorQuery { PageSize = 1_000 }).ShouldBe(before);
            catalog.Count.ShouldBe(heldFirst ? 1 : 0);
        }
    }

    [Fact]
    public async Task A_null_listing_refuses_the_whole_load()
    {
        var catalog = new InMemoryCreatorCatalog();
        List<CreatorListing> listings = [.. Pool.Take(10), null!, .. Pool.Skip(10).Take(10)];

        Should.Throw<ArgumentNullException>(() => catalog.Load(listings)).ParamName.ShouldBe("listings");
        (await Should.ThrowAsync<ArgumentNullException>(async () => await catalog.LoadAsync(Stream(listings)))).ParamName.ShouldBe("listings");

        catalog.Count.ShouldBe(0);
        (await catalog.FindAsync(Pool[0].Id)).ShouldBeNull();
    }

    [Fact]
    public async Task A_load_into_held_creators_ends_as_the_upserts_do_when_an_upsert_meanwhile_brings_new_keys()
    {
        // The load's batches are prepared against the keys the catalog had when it began, the batches' new keys added
        // after them. An upsert during the load that brings a key the catalog had not seen takes the next key's
        // number first: the load's rows must then not keep theirs, or a search for that key would find them.
        var held = Pool.Take(40).Select(listing => WithVersion(listing, 1)).ToList();
        var listings = RandomListings(new Random(5), 6_000);
        var stranger = new CreatorGenerator(99, new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(1).Single().ToListing();
        stranger = WithVersion(stranger, 1, profile: stranger.Profile with { HomeCountry = Country.IS, Languages = [Language.FromCode("is")] });
        Pool.ShouldNotContain(listing => listing.Profile.HomeCountry == Country.IS, "the stranger's country is new to the catalog");

        var (loaded, upserted) = (new InMemoryCreatorCatalog(), new InMemoryCreatorCatalog());
        foreach (var listing in held)
        {
            Upsert(loaded, listing);
            Upsert(upserted, listing);
        }

        Upsert(upserted, stranger);
        listings.ForEach(listing => Upsert(upserted, listing));

        async IAsyncEnumerable<CreatorListing> UpsertingMidway()
        {
            await foreach (var listing in Stream(listings))
            {
                if (ReferenceEquals(listing, listings[3_000]))
                {
                    Upsert(loaded, stranger).ShouldBeTrue();
                }

                yield return listing;
            }
        }

        (await loaded.LoadAsync(UpsertingMidway())).ShouldBe(Pool.Count);

        loaded.Count.ShouldBe(upserted.Count);
        Find(loaded, stranger.Id).ShouldBe(stranger);
        var countries = Pool.Select(listing => listing.Profile.HomeCountry).Append(Country.IS).Distinct();
        foreach (var query in countries.Select(country => new CreatorQuery { Countries = [country], PageSize = 200 }))
        {
            Answer(loaded, query).ShouldBe(Answer(upserted, query));
        }

        var random = new Random(17);
        foreach (var query in Enumerable.Range(0, 20).Select(_ => CreatorCatalogContract.RandomQuery(random)))
        {
            Answer(loaded, query).ShouldBe(Answer(upserted, query));
        }
    }

    [Fact]
    public async Task A_search_during_a_load_sees_the_catalog_as_it_was_until_the_load_is_published()
    {
        var catalog = new InMemoryCreatorCatalog();
        Upsert(catalog, WithVersion(Pool[0], 1));
        var seenDuring = new List<int>();

        async IAsyncEnumerable<CreatorListing> Observed()
        {
            foreach (var listing in RandomListings(new Random(11), 20_000))
            {
                if (seenDuring.Count < 40 && listing.Version == 0)
                {
                    seenDuring.Add((await catalog.SearchAsync(new CreatorQuery())).AsT0.TotalCount);
                }

                yield return listing;
            }
        }

        var loaded = await catalog.LoadAsync(Observed());

        seenDuring.ShouldNotBeEmpty();
        seenDuring.ShouldAllBe(total => total == 1);
        loaded.ShouldBe(Pool.Count);
        (await catalog.SearchAsync(new CreatorQuery())).AsT0.TotalCount.ShouldBe(Pool.Count);
    }

    // Random versions (0-4) of the pool's creators, each with its flags and past campaigns changed, so that which
    // version a catalog keeps changes what searches find.
    private static List<CreatorListing> RandomListings(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => WithVersion(Pool[random.Next(Pool.Count)], random.Next(5), random.Next(2) == 0, random.Next(0, 30)))];

    internal static CreatorListing WithVersion(CreatorListing listing, long version, bool? onVacation = null, int? pastCampaigns = null, CreatorProfile? profile = null, CreatorId? id = null) =>
        CreatorListing.Create(
            id ?? listing.Id,
            version,
            listing.RegisteredAt,
            profile ?? listing.Profile,
            listing.Accounts,
            listing.Audience,
            listing.RateCard,
            listing.Badges,
            onVacation ?? listing.OnVacation,
            pastCampaigns ?? listing.PastCampaignCount,
            listing.ComplianceHistory);

    private static async IAsyncEnumerable<CreatorListing> Stream(
        IReadOnlyList<CreatorListing> listings,
        int cancelAt = -1,
        CancellationTokenSource? cancellation = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < listings.Count; i++)
        {
            if (i == cancelAt)
            {
                await cancellation!.CancelAsync();
            }

            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return listings[i];
        }
    }

    private static bool Upsert(ICreatorCatalog catalog, CreatorListing listing) => catalog.UpsertAsync(listing).AsTask().GetAwaiter().GetResult();

    private static CreatorListing? Find(ICreatorCatalog catalog, CreatorId id) => catalog.FindAsync(id).AsTask().GetAwaiter().GetResult();

    private static string Answer(ICreatorCatalog catalog, CreatorQuery query) => CreatorCatalogContract.AnswerAsync(catalog, query).GetAwaiter().GetResult();
}
