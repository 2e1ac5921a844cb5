using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using static CreatorMarketplace.Tests.Discovery.CompactionScenario;

namespace CreatorMarketplace.Tests.Discovery;

// A large compaction is made apart from the writers, from the snapshot it started at, and then brought up to the writes
// published meanwhile: these tests make every compaction apart and hold one at its start while they write.
public sealed class CompactionApartTests
{
    // The writes made meanwhile caught up with outside the writers' lock (as many as are there) or all under it.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Writes_made_while_a_compaction_is_made_apart_are_all_in_the_catalog_it_publishes(bool outsideTheLock)
    {
        using var held = new HeldCompaction();
        var (catalog, reference) = await Loaded(held.Starting, outsideTheLock);
        var (random, versions) = (new Random(7), Generated.ToDictionary(listing => listing.Id, listing => listing.Version));

        // Newer versions of random creators until retired rows outnumber the living and a compaction starts.
        while (!held.Started.IsSet)
        {
            await Both(catalog, reference, Newer(random, versions));
        }

        var rowsWhenStarted = catalog.RowsWritten;

        // Meanwhile: creators of the compacted rows updated or removed, new creators (one from a country and language
        // the catalog has not seen, so new keys), some of them updated again and removed.
        var stranger = CatalogLoadTests.WithVersion(Generated[0], 1, profile: Generated[0].Profile with { HomeCountry = Country.IS, Languages = [Language.FromCode("is")] }, id: NewId(random));
        Generated.ShouldNotContain(listing => listing.Profile.HomeCountry == Country.IS, "the stranger's country is new to the catalog");
        var newcomers = Generated.Take(300).Select(listing => CatalogLoadTests.WithVersion(listing, 1, id: NewId(random))).Append(stranger).ToList();
        foreach (var listing in newcomers)
        {
            await Both(catalog, reference, listing);
            versions[listing.Id] = listing.Version;
            await Both(catalog, reference, Newer(random, versions));
        }

        for (var i = 0; i < 400; i++)
        {
            await Both(catalog, reference, Newer(random, versions));
        }

        foreach (var removed in Generated.Where((_, i) => i % 50 == 1).Select(listing => listing.Id).Concat(newcomers.Where((_, i) => i % 30 == 2).Select(listing => listing.Id)))
        {
            (await catalog.RemoveAsync(removed)).ShouldBe(await reference.RemoveAsync(removed));
            versions.Remove(removed);
        }

        // A write that fails before it is published is undone, as at any time.
        var failed = Newer(random, versions);
        catalog.Publishing = () => throw new InvalidOperationException("a fault before publishing");
        await Should.ThrowAsync<InvalidOperationException>(async () => await catalog.UpsertAsync(failed));
        catalog.Publishing = null;
        versions[failed.Id]--;

        await SameAsTheReference(catalog, reference, "while the compaction is held, the catalog answers from the old generation");
        catalog.RowsWritten.ShouldBeGreaterThan(rowsWhenStarted);

        held.Release();
        await catalog.CompactingApart;
        catalog.RowsWritten.ShouldBeLessThan(rowsWhenStarted, "the compaction was published");
        catalog.Count.ShouldBe(versions.Count);
        await SameAsTheReference(catalog, reference, "the compacted catalog holds every write made meanwhile");

        // Writes go on into the compacted generation, and the next compaction finds the rows the catch-up retired.
        for (var i = 0; i < 6_000; i++)
        {
            await Both(catalog, reference, Newer(random, versions));
        }

        await catalog.CompactingApart;
        held.Compactions.ShouldBe(2);
        await SameAsTheReference(catalog, reference, "after another compaction");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Compactions_made_apart_while_writes_and_searches_go_on_end_with_every_write(bool outsideTheLock)
    {
        var compactions = 0;
        var (catalog, reference) = await Loaded(() => compactions++, outsideTheLock);
        var (random, versions) = (new Random(13), Generated.ToDictionary(listing => listing.Id, listing => listing.Version));
        using var stop = new CancellationTokenSource();

        // Searches all along: every answer is whole (its total is the creators the search's snapshot held).
        var searches = Task.Run(async () =>
        {
            var searched = 0;
            while (!stop.IsCancellationRequested)
            {
                var page = (await catalog.SearchAsync(new CreatorQuery { Sort = CreatorSort.Followers, PageSize = 20, IncludeFacets = true })).AsT0;
                page.Facets!.ByCountry.Sum(facet => facet.Value).ShouldBe(page.TotalCount);
                searched++;
            }

            return searched;
        });

        for (var i = 0; i < 30_000; i++)
        {
            if (i % 1_000 == 500)
            {
                var newcomer = CatalogLoadTests.WithVersion(Generated[i % Generated.Count], 1, id: NewId(random));
                await Both(catalog, reference, newcomer);
                versions[newcomer.Id] = 1;
            }
            else if (i % 1_000 == 900)
            {
                var removed = versions.Keys.ElementAt(random.Next(versions.Count));
                (await catalog.RemoveAsync(removed)).ShouldBeTrue();
                (await reference.RemoveAsync(removed)).ShouldBeTrue();
                versions.Remove(removed);
            }
            else
            {
                await Both(catalog, reference, Newer(random, versions));
            }
        }

        await stop.CancelAsync();
        (await searches).ShouldBeGreaterThan(0);
        await catalog.CompactingApart;
        compactions.ShouldBeGreaterThanOrEqualTo(4, "compactions were made apart while the writes went on");
        await SameAsTheReference(catalog, reference, "every write is in the catalog");
    }

    [Fact]
    public async Task A_compaction_made_apart_that_fails_changes_nothing_and_is_tried_again_later()
    {
        using var held = new HeldCompaction { Fault = new OutOfMemoryException("no memory for the new chunks") };
        var (catalog, reference) = await Loaded(held.Starting);
        var (random, versions) = (new Random(9), Generated.ToDictionary(listing => listing.Id, listing => listing.Version));
        while (!held.Started.IsSet)
        {
            await Both(catalog, reference, Newer(random, versions));
        }

        var rows = catalog.RowsWritten;
        held.Release();
        await catalog.CompactingApart;
        catalog.RowsWritten.ShouldBe(rows, "nothing was compacted");
        await SameAsTheReference(catalog, reference, "a failed compaction changes nothing");

        held.Fault = null;
        while (catalog.RowsWritten >= rows)
        {
            await Both(catalog, reference, Newer(random, versions));
            await catalog.CompactingApart;
        }

        held.Compactions.ShouldBe(2, "tried again once a few more rows were retired");
        await SameAsTheReference(catalog, reference, "compacted on the second attempt");
    }

    [Fact]
    public async Task A_compaction_made_apart_is_dropped_when_the_catalog_started_a_new_generation_meanwhile()
    {
        using var held = new HeldCompaction();
        var (catalog, reference) = await Loaded(held.Starting);
        var (random, versions) = (new Random(11), Generated.ToDictionary(listing => listing.Id, listing => listing.Version));
        while (!held.Started.IsSet)
        {
            await Both(catalog, reference, Newer(random, versions));
        }

        // Every creator removed, then a load into the emptied catalog, which publishes the load's own generation.
        foreach (var id in versions.Keys.ToList())
        {
            (await catalog.RemoveAsync(id)).ShouldBeTrue();
            (await reference.RemoveAsync(id)).ShouldBeTrue();
        }

        // More rows than the compaction started from, so that nothing but the generation tells them apart.
        var rows = catalog.RowsWritten;
        var reloaded = Generated.Select(listing => CatalogLoadTests.WithVersion(listing, listing.Version + 100))
            .Concat(Enumerable.Range(0, rows - Generated.Count + 1_000).Select(i => CatalogLoadTests.WithVersion(Generated[i % Generated.Count], 1, id: NewId(random))))
            .ToList();
        catalog.Load(reloaded).ShouldBe(reloaded.Count);
        foreach (var listing in reloaded)
        {
            (await reference.UpsertAsync(listing)).ShouldBeTrue();
        }

        held.Release();
        await catalog.CompactingApart;
        catalog.RowsWritten.ShouldBe(reloaded.Count, "the load's generation stands");
        catalog.Count.ShouldBe(reloaded.Count);
        await SameAsTheReference(catalog, reference, "the rows made from the old generation were dropped");
    }

    // A compaction's start, held on its own thread until the test lets it go (or failing then, with a fault).
    private sealed class HeldCompaction : IDisposable
    {
        private readonly ManualResetEventSlim _released = new();

        public ManualResetEventSlim Started { get; } = new();

        public Exception? Fault { get; set; }

        public int Compactions { get; private set; }

        public void Starting()
        {
            Compactions++;
            Started.Set();
            _released.Wait(TimeSpan.FromMinutes(1)).ShouldBeTrue("the test let the compaction go");
            if (Fault is { } fault)
            {
                throw fault;
            }
        }

        public void Release() => _released.Set();

        public void Dispose()
        {
            _released.Set();
            _released.Dispose();
            Started.Dispose();
        }
    }
}
