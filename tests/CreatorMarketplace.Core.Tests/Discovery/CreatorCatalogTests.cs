using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

public sealed class ReferenceCreatorCatalogTests : CreatorCatalogContract
{
    protected override ICreatorCatalog CreateCatalog() => new ReferenceCreatorCatalog();
}

/// <summary>The contract with no term pushed down to the columns: the residual check decides every term on every row.</summary>
public sealed class InMemoryCreatorCatalogResidualTests : CreatorCatalogContract
{
    protected override ICreatorCatalog CreateCatalog() => new InMemoryCreatorCatalog { MayPushDown = static _ => false };
}

/// <summary>The contract with every other term type pushed down: the columns and the residual check share the terms.</summary>
public sealed class InMemoryCreatorCatalogPartialPushDownTests : CreatorCatalogContract
{
    protected override ICreatorCatalog CreateCatalog() =>
        new InMemoryCreatorCatalog { MayPushDown = static term => CreatorCatalogContract.TermTypes.OrderBy(type => type.Name, StringComparer.Ordinal).ToList().IndexOf(term.GetType()) % 2 == 0 };
}

public sealed class InMemoryCreatorCatalogTests : CreatorCatalogContract
{
    // The only terms the in-memory catalog leaves to the residual check: no column or bitmap holds them.
    private static readonly Type[] NotInColumns =
    [
        typeof(CreatorQueryTerm.Subdivisions),
        typeof(CreatorQueryTerm.FollowerCountry),
        typeof(CreatorQueryTerm.MajorAudienceGender),
        typeof(CreatorQueryTerm.MajorAudienceAge),
        typeof(CreatorQueryTerm.MajorAudienceCountry),
    ];

    // The columns hold the primary account's numbers, so on another platform its account and numbers are residual.
    private static readonly Type[] OnAnotherPlatform =
    [
        typeof(CreatorQueryTerm.AccountOn),
        typeof(CreatorQueryTerm.Tiers),
        typeof(CreatorQueryTerm.Followers),
        typeof(CreatorQueryTerm.AverageViews),
        typeof(CreatorQueryTerm.MedianViews),
        typeof(CreatorQueryTerm.EngagementRate),
    ];

    private static readonly IReadOnlyList<CreatorListing> SomeListings =
        new CreatorGenerator(41, new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(400).Select(creator => creator.ToListing()).ToList();

    protected override ICreatorCatalog CreateCatalog() => new InMemoryCreatorCatalog();

    [Property(MaxTest = 60)]
    public Property Any_split_of_the_terms_between_the_columns_and_the_residual_gives_the_reference_s_page(NonNegativeInt seed, int pushedDown)
    {
        // Bit i of pushedDown says whether the i-th term type may be pushed down.
        var catalog = new InMemoryCreatorCatalog { MayPushDown = term => ((pushedDown >> CreatorCatalogContract.TermTypes.ToList().IndexOf(term.GetType())) & 1) == 1 };
        var reference = new ReferenceCreatorCatalog();
        foreach (var listing in SomeListings)
        {
            catalog.UpsertAsync(listing).AsTask().GetAwaiter().GetResult();
            reference.UpsertAsync(listing).AsTask().GetAwaiter().GetResult();
        }

        var query = CreatorCatalogContract.RandomQuery(new Random(seed.Get));
        var actual = catalog.SearchAsync(query).AsTask().GetAwaiter().GetResult().AsT0;
        var expected = reference.SearchAsync(query).AsTask().GetAwaiter().GetResult().AsT0;

        return (actual.TotalCount == expected.TotalCount).Label($"total {actual.TotalCount} == {expected.TotalCount}")
            .And(actual.Items.Select(c => c.Id).SequenceEqual(expected.Items.Select(c => c.Id)).Label("the same items in the same order"))
            .And(Equals(actual.Next, expected.Next).Label("the same next cursor"));
    }

    // A page whose last 50 creators are in id order (rows without the number, or tied on it), found with no more
    // allocated than its own listings take (about 2 KB each) and some.
    private static async Task EndsInCreatorOrderDecodingOnlyItself(InMemoryCreatorCatalog catalog, CreatorQuery query)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var page = (await catalog.SearchAsync(query)).AsT0;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        page.Items.Count.ShouldBe(query.PageSize);
        page.Items.Skip(query.PageSize - 50).Select(c => c.Id).ShouldBeInOrder(SortDirection.Ascending, Comparer<CreatorId>.Default, query.ToString());
        allocated.ShouldBeLessThan(4_000_000, query.ToString());
    }

    [Fact]
    public async Task A_page_sorted_on_a_number_few_creators_report_decodes_only_its_own_listings()
    {
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(CreatorCatalogContract.FewReporting(20_000)).ShouldBe(20_000);
        var fitOnly = CatalogScore.Create(
            new CatalogScoreWeights(EngagementRate: 0, ViewsToFollowers: 0, PastCampaigns: 0, AudienceFit: 1),
            Distribution.Create([KeyValuePair.Create(AudienceGender.Female, 1d)])).GetValueOrThrow();
        CreatorQuery[] queries =
        [
            new() { Sort = CreatorSort.EngagementRate, PageSize = 400 },
            new() { Sort = CreatorSort.MedianViews, Descending = true, PageSize = 400 },
            new() { Sort = CreatorSort.Score, Score = fitOnly, PageSize = 500 },
        ];

        // 200 and 400 creators report the number, so the page goes on into the 19,600 who do not; their listings, about
        // 2 KB each, were all decoded to order them by id (about 40 MB).
        foreach (var query in queries)
        {
            (await catalog.SearchAsync(query)).AsT0.Items.Count.ShouldBe(query.PageSize);
            await EndsInCreatorOrderDecodingOnlyItself(catalog, query);
        }
    }

    [Fact]
    public async Task A_page_inside_a_tie_of_many_creators_decodes_only_its_own_listings()
    {
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(CreatorCatalogContract.ManyTied(20_000)).ShouldBe(20_000);
        CreatorQuery[] queries =
        [
            new() { Sort = CreatorSort.MedianViews, Descending = false, PageSize = 400 },
            new() { Sort = CreatorSort.EngagementRate, Descending = true, PageSize = 400 },
            new() { Sort = CreatorSort.Followers, Descending = false, PageSize = 400 },
        ];

        foreach (var query in queries)
        {
            var first = (await catalog.SearchAsync(query)).AsT0;
            var after = query with { After = first.Next };
            (await catalog.SearchAsync(after)).AsT0.Items.Count.ShouldBe(query.PageSize);
            // 19,800 creators share the number, and the page (and the next, after a cursor inside the tie) lies inside
            // them; each of them was decoded to be ordered by id (about 40 MB).
            await EndsInCreatorOrderDecodingOnlyItself(catalog, query);
            await EndsInCreatorOrderDecodingOnlyItself(catalog, after);
        }
    }

    [Fact]
    public async Task Every_term_a_query_can_produce_is_pushed_down_but_those_no_column_holds()
    {
        var catalog = new InMemoryCreatorCatalog();
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        foreach (var creator in new CreatorGenerator(3, clock).Generate(50))
        {
            (await catalog.UpsertAsync(creator.ToListing())).ShouldBeTrue();
        }

        static string[] Names(IEnumerable<Type> types) => [.. types.Select(type => type.Name).Distinct().Order(StringComparer.Ordinal)];

        Names(catalog.ResidualOf(CreatorCatalogContract.QueryWithEveryFilter(null)).Select(term => term.GetType())).ShouldBe(Names(NotInColumns));
        Names(catalog.ResidualOf(CreatorCatalogContract.QueryWithEveryFilter(Platform.Instagram)).Select(term => term.GetType())).ShouldBe(Names([.. NotInColumns, .. OnAnotherPlatform]));
        catalog.ResidualOf(new CreatorQuery { Keyword = "an", Countries = [Country.US], Followers = new(1_000, null), Eligibility = CreatorCatalogContract.QueryWithEveryFilter(null).Eligibility }).ShouldBeEmpty();
    }

    // The creators loaded into a catalog that counts the collections its compactions would ask for, and upserted into
    // the reference.
    private static async Task<(InMemoryCreatorCatalog Catalog, ReferenceCreatorCatalog Reference)> LoadedWithReference(List<Creator> creators, Action collectAfterCompaction)
    {
        var catalog = new InMemoryCreatorCatalog { CollectAfterCompaction = collectAfterCompaction };
        var reference = new ReferenceCreatorCatalog();
        catalog.Load(creators.Select(creator => creator.ToListing())).ShouldBe(creators.Count);
        foreach (var creator in creators)
        {
            (await reference.UpsertAsync(creator.ToListing())).ShouldBeTrue();
        }

        return (catalog, reference);
    }

    // Each query's total, page and country facets from the catalog are the reference's.
    private static async Task AnswersAsTheReference(InMemoryCreatorCatalog catalog, ReferenceCreatorCatalog reference, params CreatorQuery[] queries)
    {
        foreach (var query in queries)
        {
            var actual = (await catalog.SearchAsync(query)).AsT0;
            var expected = (await reference.SearchAsync(query)).AsT0;
            actual.TotalCount.ShouldBe(expected.TotalCount);
            actual.Items.ShouldBe(expected.Items);
            (actual.Facets?.ByCountry.OrderBy(f => f.Key.Value)).ShouldBe(expected.Facets?.ByCountry.OrderBy(f => f.Key.Value));
        }
    }

    // Rewriting creators at random retires rows in every chunk, until the whole catalog is compacted: its new chunks
    // are filled side by side, each from runs of living rows that cross the old chunks' edges and its own. Under the
    // writers' lock, or apart from them (waited for after each write, so that no write comes meanwhile).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_compaction_of_several_chunks_keeps_every_creator_and_answer(bool apart)
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        var creators = new CreatorGenerator(41, clock).Generate((2 * CatalogChunk.Rows) + 5_000).ToList();
        var collections = 0;
        var (catalog, reference) = await LoadedWithReference(creators, () => collections++);
        catalog.RowsCompactedApart = apart ? 0 : int.MaxValue;

        var (random, compactedTo) = (new Random(41), (int?)null);
        while (compactedTo is null)
        {
            var creator = creators[random.Next(creators.Count)];
            NewerVersion(creator, clock);
            var rows = catalog.RowsWritten;
            await Stored(creator, catalog, reference);
            await catalog.CompactingApart;
            compactedTo = catalog.RowsWritten <= rows ? catalog.RowsWritten : null;
        }

        compactedTo.ShouldBe(creators.Count, "the whole catalog was compacted, to one row a creator");
        collections.ShouldBe(1, "the compaction that let go of every chunk asked for a collection, once");
        catalog.CreatorsInRowOrder().Count.ShouldBe(creators.Count);
        foreach (var creator in creators.Where((_, i) => i % 97 == 0 || (i % CatalogChunk.Rows) is < 3 or > CatalogChunk.Rows - 3))
        {
            (await catalog.FindAsync(creator.Id)).ShouldBe(await reference.FindAsync(creator.Id));
        }

        // Rates of exactly 0.03 and 0.05 (the generator's are four-place decimals) share their bounds' floats: the
        // compacted chunks' exact rates decide them.
        creators.Count(creator => creator.PrimaryAccount.Stats.EngagementRate is 0.03 or 0.05).ShouldBeGreaterThan(0);
        await AnswersAsTheReference(
            catalog,
            reference,
            new CreatorQuery { ExcludeOnVacation = true, Sort = CreatorSort.Followers, PageSize = 500 },
            new CreatorQuery { Countries = [Country.US], Followers = new(10_000, null), Sort = CreatorSort.EngagementRate, IncludeFacets = true },
            new CreatorQuery { EngagementRate = new(0.03, 0.05), Sort = CreatorSort.EngagementRate, Descending = false, PageSize = 500 },
            new CreatorQuery { Keyword = "an", Sort = CreatorSort.MedianViews, PageSize = 200 });
    }

    // A compaction builds new chunks, hundreds of megabytes at a million creators, and can fail for that memory: the
    // write that set it off is whole without it, so it stands, and the compaction is tried again later.
    [Fact]
    public async Task A_compaction_that_fails_leaves_the_write_that_set_it_off_stored_and_is_tried_again_later()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        var creators = new CreatorGenerator(43, clock).Generate(100).ToList();
        var attempts = 0;
        var catalog = new InMemoryCreatorCatalog
        {
            CollectAfterCompaction = () => { },
            CompactionStarting = () =>
            {
                attempts++;
                throw new OutOfMemoryException("no memory for the new chunks");
            },
        };
        var reference = new ReferenceCreatorCatalog();
        async Task NewerVersionsOfEvery(int rounds)
        {
            for (var round = 0; round < rounds; round++)
            {
                foreach (var creator in creators)
                {
                    NewerVersion(creator, clock);
                    await Stored(creator, catalog, reference);
                }
            }
        }

        await StoredEach(creators, catalog, reference);

        // The 1,025th retired row sets off a compaction, which fails: every upsert still stores its version.
        await NewerVersionsOfEvery(rounds: 11);
        attempts.ShouldBe(1);
        catalog.RowsWritten.ShouldBe(1_200, "nothing was compacted");
        catalog.Count.ShouldBe(100);
        foreach (var creator in creators)
        {
            (await catalog.FindAsync(creator.Id)).ShouldBe(await reference.FindAsync(creator.Id));
        }

        var queries = new[]
        {
            new CreatorQuery { ExcludeOnVacation = true, Sort = CreatorSort.Followers, PageSize = 100 },
            new CreatorQuery { Sort = CreatorSort.EngagementRate, PageSize = 100, IncludeFacets = true },
        };
        await AnswersAsTheReference(catalog, reference, queries);

        // Tried again once as many more rows are retired as the catalog's first capacity (2,049 retired), and without
        // the fault it drops every retired row.
        catalog.CompactionStarting = () => attempts++;
        await NewerVersionsOfEvery(rounds: 10);
        attempts.ShouldBe(2);
        catalog.RowsWritten.ShouldBe(151, "the compaction at the 2,049th retired row kept the 100 living rows; 51 upserts followed it");
        await AnswersAsTheReference(catalog, reference, queries);
    }

    // Rows are retired as of a change's number: the change numbered int.MaxValue compacts the whole catalog, which
    // numbers changes from 0 again. If that compaction fails, the change stands, and the next write tries it first.
    [Fact]
    public async Task The_last_change_number_compacts_the_catalog_first_and_a_failed_compaction_is_tried_before_the_next_write()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        var creators = new CreatorGenerator(59, clock).Generate(100).ToList();
        var (catalog, reference) = (new InMemoryCreatorCatalog { CollectAfterCompaction = () => { } }, new ReferenceCreatorCatalog());
        await StoredEach(creators, catalog, reference);

        catalog.SkipSequenceTo(int.MaxValue - 2);
        NewerVersion(creators[0], clock);
        await Stored(creators[0], catalog, reference);
        (catalog.Sequence, catalog.RowsWritten).ShouldBe((int.MaxValue - 1, 101));

        catalog.CompactionStarting = () => throw new OutOfMemoryException("no memory for the new chunks");
        NewerVersion(creators[1], clock);
        await Stored(creators[1], catalog, reference);
        (catalog.Sequence, catalog.RowsWritten).ShouldBe((int.MaxValue, 102), "the last number's change stands uncompacted");

        NewerVersion(creators[2], clock);
        await Should.ThrowAsync<OutOfMemoryException>(() => catalog.UpsertAsync(creators[2].ToListing()).AsTask());
        await Should.ThrowAsync<OutOfMemoryException>(() => catalog.RemoveAsync(creators[3].Id).AsTask());
        (catalog.Sequence, catalog.RowsWritten, catalog.Count).ShouldBe((int.MaxValue, 102, 100), "no write is made without a number");
        await SameAsTheReference(catalog, reference, creators);

        catalog.CompactionStarting = null;
        await Stored(creators[2], catalog, reference);
        (catalog.Sequence, catalog.RowsWritten).ShouldBe((1, 101), "compacted to the 100 living rows, then the upsert numbered 1");
        await SameAsTheReference(catalog, reference, creators);
    }

    // A write that throws under the lock before it is published (out of memory for a row page, a bitmap or a larger
    // id table; here a test's fault once the row is written, its creator's previous row retired and the id table
    // pointed at it, just before it is published) leaves the catalog as it was: the next write, at the same row,
    // would otherwise publish that retirement and inherit the row's bits.
    [Fact]
    public async Task An_upsert_that_throws_after_writing_its_row_leaves_the_catalog_as_it_was()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        var creators = new CreatorGenerator(47, clock).Generate(300).ToList();
        var (catalog, reference) = (new InMemoryCreatorCatalog(), new ReferenceCreatorCatalog());

        // A catalog that never sees the failed upsert: the other must compact when it does.
        var twin = new InMemoryCreatorCatalog { CollectAfterCompaction = () => { } };
        catalog.CollectAfterCompaction = () => { };
        foreach (var creator in creators)
        {
            await Stored(creator, catalog, reference, twin);
        }

        var failing = creators[0];
        var next = creators.First(creator => creator.Profile.HomeCountry != failing.Profile.HomeCountry);
        NewerVersion(failing, clock);
        catalog.Publishing = () => throw new OutOfMemoryException("no memory for the row");
        await Should.ThrowAsync<OutOfMemoryException>(() => catalog.UpsertAsync(failing.ToListing()).AsTask());
        catalog.Publishing = null;

        catalog.Count.ShouldBe(300);
        (await catalog.FindAsync(failing.Id)).ShouldBe(await reference.FindAsync(failing.Id), "the creator keeps its stored version");
        NewerVersion(next, clock);
        await Stored(next, catalog, reference, twin);
        await SameAsTheReference(catalog, reference, creators);

        // The upsert tried again is stored; then enough newer versions for a compaction, at the same row as the twin's.
        await Stored(failing, catalog, reference, twin);
        await SameAsTheReference(catalog, reference, creators);
        for (var round = 0; round < 4; round++)
        {
            foreach (var creator in creators)
            {
                NewerVersion(creator, clock);
                await Stored(creator, catalog, reference, twin);
                catalog.RowsWritten.ShouldBe(twin.RowsWritten);
            }
        }

        catalog.RowsWritten.ShouldBeLessThan(1_200, "a compaction ran");
        await SameAsTheReference(catalog, reference, creators);
    }

    // A load into a catalog that holds creators writes its rows in batches and publishes them once: one that throws
    // before that leaves none of its rows, retirements or slots behind.
    [Fact]
    public async Task A_load_into_a_catalog_that_throws_before_publishing_leaves_the_catalog_as_it_was()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        var creators = new CreatorGenerator(53, clock).Generate(3_000).ToList();
        var (held, arriving) = (creators.Take(2_000).ToList(), creators.Skip(2_000).ToList());
        var (catalog, reference) = (new InMemoryCreatorCatalog(), new ReferenceCreatorCatalog());
        await StoredEach(held, catalog, reference);

        // Newer versions of half the creators held, and a thousand new ones: the fault comes once the load has
        // retired rows and taken slots, and grown the id table past the one published.
        foreach (var creator in held.Where((_, i) => i % 2 == 0))
        {
            NewerVersion(creator, clock);
        }

        var load = held.Where((_, i) => i % 2 == 0).Concat(arriving).Select(creator => creator.ToListing()).ToList();
        catalog.Publishing = () => throw new OutOfMemoryException("no memory for the rows");
        Should.Throw<OutOfMemoryException>(() => catalog.Load(load));
        catalog.Publishing = null;

        catalog.Count.ShouldBe(2_000);
        foreach (var creator in arriving.Take(50))
        {
            (await catalog.FindAsync(creator.Id)).ShouldBeNull();
        }

        await SameAsTheReference(catalog, reference, held);

        // Writes after it take the rows the load had written: none inherits anything from them.
        foreach (var creator in held.Where((_, i) => i % 2 == 1).Take(300))
        {
            NewerVersion(creator, clock);
            await Stored(creator, catalog, reference);
        }

        await SameAsTheReference(catalog, reference, held);
        catalog.Load(load).ShouldBe(2_000);
        foreach (var listing in load)
        {
            (await reference.UpsertAsync(listing)).ShouldBeTrue();
        }

        await SameAsTheReference(catalog, reference, creators);
    }

    // The creator's listing upserted into each catalog, and stored by each.
    private static async Task Stored(Creator creator, params ICreatorCatalog[] catalogs)
    {
        foreach (var catalog in catalogs)
        {
            (await catalog.UpsertAsync(creator.ToListing())).ShouldBeTrue();
        }
    }

    private static async Task StoredEach(IEnumerable<Creator> creators, params ICreatorCatalog[] catalogs)
    {
        foreach (var creator in creators)
        {
            await Stored(creator, catalogs);
        }
    }

    // A newer version of the creator, as a store would number its next save.
    private static void NewerVersion(Creator creator, IClock clock)
    {
        creator.SetOnVacation(!creator.OnVacation, clock);
        creator.MarkStored(creator.Version + 1);
    }

    // Every creator found as the reference finds it, and the answers of a search of every country the creators live
    // in, with and without the creators on vacation, the reference's.
    private static async Task SameAsTheReference(InMemoryCreatorCatalog catalog, ReferenceCreatorCatalog reference, List<Creator> creators)
    {
        foreach (var creator in creators)
        {
            (await catalog.FindAsync(creator.Id)).ShouldBe(await reference.FindAsync(creator.Id));
        }

        var countries = creators.Select(creator => creator.Profile.HomeCountry).Distinct();
        await AnswersAsTheReference(
            catalog,
            reference,
            [
                new CreatorQuery { Sort = CreatorSort.Followers, PageSize = 500, IncludeFacets = true },
                new CreatorQuery { ExcludeOnVacation = true, Sort = CreatorSort.EngagementRate, PageSize = 500, IncludeFacets = true },
                .. countries.Select(country => new CreatorQuery { Countries = [country], Sort = CreatorSort.Followers, PageSize = 100 }),
            ]);
    }

    // Rewriting a few creators often retires rows only in the newest chunk: it is compacted alone, before retired
    // rows outnumber the living in the whole catalog, and the first chunk keeps its own retired rows.
    [Fact]
    public async Task Creators_updated_often_are_compacted_in_the_newest_chunk_alone_with_the_same_answers()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        var creators = new CreatorGenerator(31, clock).Generate(70_000).ToList();
        var collections = 0;
        var (catalog, reference) = await LoadedWithReference(creators, () => collections++);

        var (hot, upserts, compactedTo) = (creators.Take(200).ToList(), 0, (int?)null);
        for (var round = 0; round < 30; round++)
        {
            foreach (var creator in hot)
            {
                NewerVersion(creator, clock);
                var rows = catalog.RowsWritten;
                await Stored(creator, catalog, reference);
                upserts++;
                compactedTo ??= catalog.RowsWritten <= rows ? catalog.RowsWritten : null;
            }
        }

        // Without a compaction every upsert adds a row; a compaction of the whole catalog leaves one row a creator.
        catalog.RowsWritten.ShouldBeLessThan(creators.Count + upserts);
        compactedTo.ShouldBe(creators.Count + hot.Count, "the first chunk keeps the hot creators' first rows, retired");
        collections.ShouldBe(0, "compacting the newest chunk alone lets go of too little to ask for a collection");
        catalog.Count.ShouldBe(reference.Count);
        foreach (var creator in creators.Where((_, i) => i < 300 || i % 1_000 == 0))
        {
            (await catalog.FindAsync(creator.Id)).ShouldBe(await reference.FindAsync(creator.Id));
        }

        await AnswersAsTheReference(
            catalog,
            reference,
            new CreatorQuery { ExcludeOnVacation = true, Sort = CreatorSort.Followers, PageSize = 500 },
            new CreatorQuery { Countries = [Country.US], Followers = new(10_000, null), Sort = CreatorSort.EngagementRate, IncludeFacets = true });
    }

    [Fact]
    public async Task Many_updates_and_removals_leave_the_same_answers_as_the_reference()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        var creators = new CreatorGenerator(29, clock).Generate(700).ToList();
        var catalog = new InMemoryCreatorCatalog();
        var reference = new ReferenceCreatorCatalog();
        var random = new Random(29);

        // Enough rewrites that dead rows outnumber the living several times over, forcing compactions.
        for (var round = 0; round < 8; round++)
        {
            foreach (var creator in creators)
            {
                creator.SetOnVacation(random.Next(4) == 0, clock);
                creator.RefreshStats(Platform.TikTok, AccountStats.Create(clock.GetCurrentInstant() + Duration.FromMinutes(round + 1), random.Next(500, 2_000_000), medianViews: random.Next(0, 50_000), engagementRate: random.NextDouble() * 0.1), new FakeClock(clock.GetCurrentInstant() + Duration.FromMinutes(round + 1))).ShouldBeTrue();
                creator.MarkStored(creator.Version + 1);
                await Stored(creator, catalog, reference);
            }
        }

        // Rewriting a hundred creators eleven times compacts at least once more; the other six hundred then exist
        // only as rows the compaction copied.
        for (var round = 0; round < 11; round++)
        {
            foreach (var creator in creators.Take(100))
            {
                NewerVersion(creator, clock);
                await Stored(creator, catalog, reference);
            }
        }

        foreach (var creator in creators.Where((_, i) => i % 7 == 0))
        {
            (await catalog.RemoveAsync(creator.Id)).ShouldBeTrue();
            (await reference.RemoveAsync(creator.Id)).ShouldBeTrue();
        }

        // Compact again with the removed creators gone; then one of them comes back.
        for (var round = 0; round < 11; round++)
        {
            foreach (var creator in creators.Skip(1).Take(100))
            {
                NewerVersion(creator, clock);
                await Stored(creator, catalog, reference);
            }
        }

        (await catalog.UpsertAsync(creators[105].ToListing())).ShouldBeTrue();
        (await reference.UpsertAsync(creators[105].ToListing())).ShouldBeTrue();
        foreach (var creator in creators)
        {
            (await catalog.FindAsync(creator.Id)).ShouldBe(await reference.FindAsync(creator.Id));
        }

        catalog.Count.ShouldBe(reference.Count);
        foreach (var query in new[]
        {
            new CreatorQuery { Sort = CreatorSort.Followers, PageSize = 1_000 },
            new CreatorQuery { Followers = new(100_000, null), ExcludeOnVacation = true, Sort = CreatorSort.EngagementRate, PageSize = 200 },
            new CreatorQuery { Countries = [Country.US], MedianViews = new(10_000, null), Sort = CreatorSort.MedianViews, Descending = false },
            new CreatorQuery { ContentLabels = CreatorGenerator.ContentLabels.Take(4).ToArray(), Languages = [Language.English], EngagementRate = new(0.02, null) },
        })
        {
            var actual = (await catalog.SearchAsync(query)).AsT0;
            var expected = (await reference.SearchAsync(query)).AsT0;
            actual.TotalCount.ShouldBe(expected.TotalCount);
            actual.Items.Select(c => c.Id).ShouldBe(expected.Items.Select(c => c.Id));
            actual.Items.ShouldBe(expected.Items);
            actual.Facets!.ByCountry.OrderBy(f => f.Key.Value).ShouldBe(expected.Facets!.ByCountry.OrderBy(f => f.Key.Value));
            actual.Facets.ByLanguage.OrderBy(f => f.Key.Value, StringComparer.Ordinal).ShouldBe(expected.Facets.ByLanguage.OrderBy(f => f.Key.Value, StringComparer.Ordinal));
            actual.Facets.ByContentLabel.OrderBy(f => f.Key.ToString(), StringComparer.Ordinal).ShouldBe(expected.Facets.ByContentLabel.OrderBy(f => f.Key.ToString(), StringComparer.Ordinal));
            actual.Facets.ByTier.OrderBy(f => f.Key.Value).ShouldBe(expected.Facets.ByTier.OrderBy(f => f.Key.Value));
        }
    }
}
