using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using static CreatorMarketplace.Tests.Discovery.CompactionScenario;

namespace CreatorMarketplace.Tests.Discovery;

// The pages of the chunks a compaction replaced are written over by later rows once no reader is left in the
// generation they belong to: never while a search, a find or scores not yet disposed of may still read them.
public sealed class CompactionPageReuseTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rows_written_after_a_compaction_go_to_the_pages_it_replaced_and_every_answer_stays_right(bool apart)
    {
        var (catalog, reference) = await Loaded(apart: apart);
        var (random, versions) = (new Random(5), Generated.ToDictionary(listing => listing.Id, listing => listing.Version));
        await UntilCompactedAsync(catalog, reference, random, versions);

        // Kept, and handed to the writers at the first write once no reader is left (a compaction made apart may have
        // been done before the last write).
        var (waiting, ready) = catalog.PagesToReuse;
        (waiting + ready).ShouldBeGreaterThan(0, "the replaced chunks' pages are kept");
        await Both(catalog, reference, Newer(random, versions));
        var handed = catalog.PagesToReuse;
        handed.Waiting.ShouldBe(0, "no reader is left");
        handed.Ready.ShouldBeInRange(1, waiting + ready, "the pages were handed to the writers");
        for (var i = 0; i < 2_000; i++)
        {
            await Both(catalog, reference, Newer(random, versions));
        }

        catalog.PagesToReuse.Ready.ShouldBeLessThan(handed.Ready, "new rows were written to replaced pages");
        await SameAsTheReference(catalog, reference, "every write is in the catalog");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Scores_held_across_compactions_keep_answering_as_of_their_snapshot_and_hold_back_its_pages(bool apart)
    {
        var (catalog, reference) = await Loaded(apart: apart);
        var score = CreatorCatalogContract.RandomCatalogScore(new Random(3));
        var scores = catalog.ScoreAll(score);
        var expected = Generated.ToDictionary(listing => listing.Id, listing => score.Score(listing));
        var top = scores.Top(100);

        // Two compactions, each followed by more writes than a compaction keeps pages for: the first generation's
        // pages would be written over by now, were they not read.
        var (random, versions) = (new Random(8), Generated.ToDictionary(listing => listing.Id, listing => listing.Version));
        var (compactions, rows) = (0, catalog.RowsWritten);
        for (var writes = 0; writes < 100_000 && (compactions < 2 || catalog.PagesToReuse.Ready == 0); writes++)
        {
            await Both(catalog, reference, Newer(random, versions, Generated[random.Next(Generated.Count)]));
            compactions += catalog.RowsWritten < rows ? 1 : 0;
            rows = catalog.RowsWritten;
        }

        (compactions >= 2, catalog.PagesToReuse.Ready > 0).ShouldBe((true, true), "a later compaction's pages went to the writers");

        for (var i = 0; i < 4_000; i++)
        {
            await Both(catalog, reference, Newer(random, versions, Generated[random.Next(Generated.Count)]));
        }

        foreach (var listing in Generated)
        {
            scores.ScoreOf(listing.Id).ShouldBe(expected[listing.Id]);
        }

        scores.Top(100).ShouldBe(top);
        scores.Dispose();
        await SameAsTheReference(catalog, reference, "every write is in the catalog");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pages_wait_while_scores_of_the_replaced_generation_are_held_and_go_to_the_writers_once_disposed_of(bool apart)
    {
        var (catalog, reference) = await Loaded(apart: apart);
        var (random, versions) = (new Random(13), Generated.ToDictionary(listing => listing.Id, listing => listing.Version));
        var scores = catalog.ScoreAll(CreatorCatalogContract.RandomCatalogScore(new Random(2)));
        await UntilCompactedAsync(catalog, reference, random, versions);

        for (var i = 0; i < 100; i++)
        {
            await Both(catalog, reference, Newer(random, versions));
        }

        var (waiting, ready) = catalog.PagesToReuse;
        (waiting > 0, ready).ShouldBe((true, 0), "the scores still read the replaced generation");

        scores.Dispose();
        await Both(catalog, reference, Newer(random, versions));
        catalog.PagesToReuse.ShouldBe((0, waiting), "handed to the writers at the first write after the scores were disposed of");
        await SameAsTheReference(catalog, reference, "every write is in the catalog");
    }

    [Fact]
    public async Task Searches_and_finds_while_compactions_hand_their_pages_to_the_writers_read_whole_listings()
    {
        var (catalog, reference) = await Loaded();
        var (random, versions) = (new Random(21), Generated.ToDictionary(listing => listing.Id, listing => listing.Version));
        var generated = Generated.ToDictionary(listing => listing.Id);
        using var stop = new CancellationTokenSource();

        // Every listing a reader gets is one the writers wrote, whole, within the query's bounds.
        var readers = Task.Run(async () =>
        {
            var (reads, picks) = (0, new Random(34));
            while (!stop.IsCancellationRequested)
            {
                var page = (await catalog.SearchAsync(new CreatorQuery { PastCampaignCount = new(10, 30), Sort = CreatorSort.Followers, PageSize = 300 })).AsT0;
                page.Items.ShouldAllBe(listing => listing.PastCampaignCount >= 10 && listing.PastCampaignCount <= 30 && Written(listing, generated));
                var found = await catalog.FindAsync(Generated[picks.Next(Generated.Count)].Id);
                Written(found.ShouldNotBeNull(), generated).ShouldBeTrue();
                reads++;
            }

            return reads;
        });

        var (compactions, rows) = (0, catalog.RowsWritten);
        while (compactions < 4)
        {
            await Both(catalog, reference, Newer(random, versions));
            compactions += catalog.RowsWritten < rows ? 1 : 0;
            rows = catalog.RowsWritten;
        }

        await stop.CancelAsync();
        (await readers).ShouldBeGreaterThan(0);
        catalog.PagesToReuse.ShouldNotBe((0, 0), "the compactions' pages were kept for reuse");
        await SameAsTheReference(catalog, reference, "every write is in the catalog");
    }

    // Writes newer versions until a compaction is published and, made apart, its thread is done (and with it its
    // reading of the generation it replaced).
    private static async Task UntilCompactedAsync(InMemoryCreatorCatalog catalog, ReferenceCreatorCatalog reference, Random random, Dictionary<CreatorId, long> versions)
    {
        var rows = catalog.RowsWritten;
        while (catalog.RowsWritten >= rows)
        {
            rows = catalog.RowsWritten;
            await Both(catalog, reference, Newer(random, versions));
        }

        await catalog.CompactingApart;
    }

    // Whether the listing is the generated one, or the version of it Newer made.
    private static bool Written(CreatorListing listing, Dictionary<CreatorId, CreatorListing> generated) =>
        generated.TryGetValue(listing.Id, out var first)
        && listing.Equals(listing.Version == first.Version ? first : CatalogLoadTests.WithVersion(first, listing.Version, onVacation: listing.Version % 2 == 0, pastCampaigns: (int)(listing.Version % 40)));
}
