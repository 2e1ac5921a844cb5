using CreatorMarketplace;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage.InMemory;
using CreatorMarketplace.Testing;
using NodaTime;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// Step 3: a brand searches a catalog of 100,000 generated creators three ways, reads the facets, pages through
/// results and keeps the best creators on a shortlist.
/// </summary>
internal static class DiscoveryStep
{
    /// <returns>The catalog, for the steps that follow.</returns>
    public static async Task<ICreatorCatalog> Run(IClock clock, TextWriter output)
    {
        output.WriteLine("Step 3: discovery");

        // The seeded generator stands in for creators synced from the platforms: the same seed, the same catalog.
        var catalog = new InMemoryCreatorCatalog();
        var listings = new CreatorGenerator(seed: 2026, clock).Generate(100_000).Select(creator => creator.ToListing()).ToList();
        var loaded = 0;
        foreach (var listing in listings)
        {
            if (await catalog.UpsertAsync(listing))
            {
                loaded++;
            }
        }

        output.WriteLine($"  {loaded:N0} creators loaded into the in-memory catalog");

        // 1. Market, content, audience and budget filters together, best engagement first.
        var beauty = new CreatorQuery
        {
            Countries = [Country.US, Country.CA, Country.GB],
            ContentLabels = [new ContentLabel("beauty"), new ContentLabel("fashion")],
            Followers = new(10_000, 500_000),
            EngagementRate = new(0.05, null),
            FollowerGender = new(AudienceGender.Female, 0.6),
            Price = new(Currency.USD, new(null, 2_000m)),
            ExcludeOnVacation = true,
            Sort = CreatorSort.EngagementRate,
            PageSize = 10,
        };
        output.WriteLine();
        output.WriteLine("  Search 1: beauty or fashion in US, CA or GB; 10k-500k followers; engagement >= 5%; audience >= 60% female; from <= USD 2,000; not on vacation");
        var beautyPage = await Search(catalog, beauty);
        output.WriteLine($"  {beautyPage.TotalCount:N0} of {loaded:N0} creators match; the top {beautyPage.Items.Count} by engagement:");
        WritePage(output, beauty, beautyPage, "engagement", stats => stats.EngagementRate);
        WriteFacets(output, beautyPage.Facets);

        // The same matches ranked by the brand's own score: engaged followers, a reach estimate.
        var byReach = await Search(catalog, beauty with { Sort = CreatorSort.Score, Score = new EngagedFollowers(), PageSize = 3, IncludeFacets = false });
        output.WriteLine($"  ranked by the score \"{new EngagedFollowers().Name}\" instead: {string.Join(", ", byReach.Items.Select(c => c.PrimaryAccount.Handle))}");

        // 2. A keyword typed without accents still finds "García"; languages and audience age narrow it down.
        var garcia = new CreatorQuery
        {
            Keyword = "garcia",
            Languages = [Language.Spanish, Language.Portuguese],
            FollowerAges = [new(AgeBucket.From18To24, 0.4)],
            Sort = CreatorSort.MedianViews,
            PageSize = 10,
        };
        output.WriteLine();
        output.WriteLine("  Search 2: keyword \"garcia\" (any case or accent) in a handle, name or bio; publishing in Spanish or Portuguese; audience aged 18-24 >= 40%");
        var garciaPage = await Search(catalog, garcia);
        output.WriteLine($"  {garciaPage.TotalCount:N0} of {loaded:N0} creators match; the top {garciaPage.Items.Count} by median views:");
        WritePage(output, garcia, garciaPage, "median views", stats => stats.MedianViews);
        WriteFacets(output, garciaPage.Facets);

        // 3. The numbers of one platform's account, a proven track record, and paging by keyset cursor.
        // Generated creators have TikTok accounts only; a YouTube query would filter YouTube accounts the same way.
        var tiktok = new CreatorQuery
        {
            Platform = Platform.TikTok,
            AverageViews = new(50_000, 500_000),
            PastCampaignCount = new(3, null),
            RequireResponsiveBadge = true,
            Sort = CreatorSort.Followers,
            PageSize = 5,
        };
        output.WriteLine();
        output.WriteLine("  Search 3: TikTok accounts with 50k-500k average views; 3 or more past campaigns; responsive badge");
        var tiktokPage = await Search(catalog, tiktok);
        output.WriteLine($"  {tiktokPage.TotalCount:N0} of {loaded:N0} creators match; the top {tiktokPage.Items.Count} by followers:");
        WritePage(output, tiktok, tiktokPage, "avg views", stats => stats.AverageViews);

        // The next page starts strictly after the last creator shown, so it never repeats or skips one; its facets
        // would be the first page's, so it does not ask for them again.
        var nextPage = await Search(catalog, tiktok with { After = tiktokPage.Next, IncludeFacets = false });
        output.WriteLine($"  page 2, after {tiktokPage.Items[^1].PrimaryAccount.Handle}:");
        WritePage(output, tiktok, nextPage, "avg views", stats => stats.AverageViews);
        WriteFacets(output, tiktokPage.Facets);

        // The brand keeps the best of each search on a shortlist; listing a creator twice changes nothing.
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(clock), EntityId.New<BrandId>(clock), "Summer launch", clock);
        foreach (var creator in beautyPage.Items.Take(2))
        {
            shortlist.Add(creator.Id, clock, tags: ["beauty", "high engagement"], note: $"engagement {creator.PrimaryAccount.Stats.EngagementRate:0.00%}");
        }

        foreach (var creator in garciaPage.Items.Take(2))
        {
            shortlist.Add(creator.Id, clock, tags: ["latam", "gen z"], note: $"median views {creator.PrimaryAccount.Stats.MedianViews:N0}");
        }

        shortlist.Add(tiktokPage.Items[0].Id, clock, tags: ["tiktok", "experienced"], note: $"{tiktokPage.Items[0].PastCampaignCount} past campaigns");

        var best = beautyPage.Items[0];
        var again = shortlist.Add(best.Id, clock);
        output.WriteLine();
        output.WriteLine($"  Shortlist \"{shortlist.Name}\": {shortlist.Entries.Count} creators; adding {best.PrimaryAccount.Handle} again: {(again.Added ? "added" : "already listed")}");
        var rows = new List<object?[]>();
        foreach (var entry in shortlist.Entries)
        {
            // The shortlist keeps ids only; the catalog has the rest.
            var listing = await catalog.FindAsync(entry.Creator);
            rows.Add([listing?.PrimaryAccount.Handle, listing?.Profile.HomeCountry, string.Join(", ", entry.Tags), entry.Note]);
        }

        WriteTable(output, ["handle", "country", "tags", "note"], rows);

        // A query is checked before it runs, and every problem is named at once.
        var refused = await catalog.SearchAsync(beauty with { Followers = new(500_000, 10_000), FollowerGender = new(AudienceGender.Female, 60) });
        output.WriteLine();
        output.WriteLine("  An invalid query is refused with every problem named:");
        foreach (var error in refused.AsT1.Errors)
        {
            output.WriteLine($"    {error}");
        }

        // A day later the platforms are read again (the same numbers here), and an application that keeps its own
        // versions gives each creator's newer listing to the catalog in one load: published as one change, so no
        // search sees half of the refresh.
        var nextDay = clock.GetCurrentInstant() + Duration.FromDays(1);
        var updated = catalog.Load(listings.Select(listing => Refreshed(listing, nextDay)));
        output.WriteLine();
        output.WriteLine($"  A day later, every creator's numbers read again: {updated:N0} newer listings loaded at once; the catalog holds {catalog.Count:N0} creators");

        await OneMarketPerInstance(clock, output, beauty);
        output.WriteLine();
        return catalog;
    }

    // A marketplace too large for one instance's memory can keep one market per instance: each instance's catalog
    // follows the same store with a partition, and a query that names only that market's countries goes there.
    private static async Task OneMarketPerInstance(IClock clock, TextWriter output, CreatorQuery query)
    {
        var store = new InMemoryMarketplaceStore();
        var generator = new CreatorGenerator(seed: 2027, clock);
        for (var i = 0; i < 10_000; i++)
        {
            (await store.Creators.SaveAsync(generator.NextNew())).ThrowIfConflict();
        }

        var partition = CatalogPartition.ByHomeCountry(Country.US, Country.CA, Country.GB);
        var (market, whole) = (new InMemoryCreatorCatalog(), new InMemoryCreatorCatalog());
        foreach (var follower in new[] { new CatalogFollower(store, market, TimeProvider.System, partition: partition), new CatalogFollower(store, whole, TimeProvider.System) })
        {
            using var stop = new CancellationTokenSource();
            var run = follower.RunAsync(stop.Token);
            await follower.WaitUntilCaughtUpAsync();
            await stop.CancelAsync();
            await run.ContinueWith(_ => { }, TaskScheduler.Default); // stopped, as a host stops it
        }

        var (fromMarket, fromWhole) = (await Search(market, query), await Search(whole, query));
        output.WriteLine();
        output.WriteLine($"  One market per instance: of 10,000 stored creators, the catalog for {partition} follows the store with {market.Count:N0};");
        output.WriteLine($"  it answers Search 1 ({(partition.Answers(query) ? "which names only its countries" : "which it cannot answer")}) with {fromMarket.TotalCount:N0} matches, as the whole catalog does: {fromMarket.TotalCount == fromWhole.TotalCount && fromMarket.Items.Select(c => c.Id).SequenceEqual(fromWhole.Items.Select(c => c.Id))}");
    }

    /// <summary>A brand's own ranking: followers times engagement rate, unknown when the rate is.</summary>
    private sealed class EngagedFollowers : ICreatorScore
    {
        public string Name => "engaged followers";

        public double? Score(CreatorListing creator) => creator.PrimaryAccount.Stats.EngagementRate * creator.PrimaryAccount.Stats.Followers;
    }

    // The listing's next version, its accounts' numbers the same but read at another time.
    private static CreatorListing Refreshed(CreatorListing listing, Instant asOf) =>
        CreatorListing.Create(
            listing.Id,
            listing.Version + 1,
            listing.RegisteredAt,
            listing.Profile,
            [.. listing.Accounts.Select(account => account.WithStats(AccountStats.Create(asOf, account.Stats.Followers, account.Stats.AverageViews, account.Stats.MedianViews, account.Stats.EngagementRate, account.Stats.FollowerGrowthRate, account.Stats.PostsLast30Days, account.Stats.ViewsLast30Days)))],
            listing.Audience,
            listing.RateCard,
            listing.Badges,
            listing.OnVacation,
            listing.PastCampaignCount,
            listing.ComplianceHistory);

    private static async Task<CreatorSearchPage> Search(ICreatorCatalog catalog, CreatorQuery query) =>
        (await catalog.SearchAsync(query)).Match(page => page, invalid => throw new InvalidOperationException($"The sample's query is invalid: {invalid}"));

    private static void WritePage(TextWriter output, CreatorQuery query, CreatorSearchPage page, string metric, Func<AccountStats, object?> metricOf) =>
        WriteTable(
            output,
            ["handle", "name", "country", "tier", "followers", metric, "from"],
            page.Items.Select(creator =>
            {
                // The filtered platform's account: the one whose numbers the query matched and sorted on.
                var account = query.AccountOf(creator)!;
                return new object?[]
                {
                    account.Handle, creator.Profile.DisplayName, creator.Profile.HomeCountry, account.Stats.Tier,
                    account.Stats.Followers, metricOf(account.Stats), creator.RateCard?.LowestPrice,
                };
            }));

    /// <summary>Writes the four facets side by side: the 5 largest buckets of each, ties by name.</summary>
    private static void WriteFacets(TextWriter output, CreatorFacets? facets)
    {
        // Null when the query did not ask for facets.
        if (facets is null)
        {
            return;
        }

        (string Name, int Count)[][] columns = [Top(facets.ByCountry), Top(facets.ByLanguage), Top(facets.ByContentLabel), Top(facets.ByTier)];
        var rows = Enumerable.Range(0, columns.Max(column => column.Length))
            .Select(i => columns.SelectMany(column => i < column.Length ? new object?[] { column[i].Name, column[i].Count } : ["", ""]).ToArray());
        output.WriteLine("  facets of all matches:");
        WriteTable(output, ["country", "#", "language", "#", "label", "#", "tier", "#"], rows);

        static (string Name, int Count)[] Top<TKey>(IReadOnlyDictionary<TKey, int> facet)
            where TKey : notnull =>
            facet.Select(bucket => (Name: bucket.Key.ToString() ?? "", Count: bucket.Value))
                .OrderByDescending(bucket => bucket.Count)
                .ThenBy(bucket => bucket.Name, StringComparer.Ordinal)
                .Take(5)
                .ToArray();
    }

    /// <summary>
    /// Writes rows under headers, each column as wide as its widest cell. Numbers and prices are right-aligned so
    /// that their digits line up; whole numbers get thousands separators, fractions are shown as percentages, and
    /// a missing value is a dash, never a zero.
    /// </summary>
    internal static void WriteTable(TextWriter output, string[] headers, IEnumerable<object?[]> rows)
    {
        var cells = rows.Select(row => row.Select(Format).ToArray()).ToList();
        var right = headers.Select((_, i) => cells.Exists(row => row[i].Right)).ToArray();
        ReportTable.WriteColumns(output, [headers, .. cells.Select(row => row.Select(cell => cell.Text).ToArray())], right);

        static (string Text, bool Right) Format(object? cell) => cell switch
        {
            null => ("-", true),
            int or long => ($"{cell:N0}", true),
            double fraction => ($"{fraction:0.00%}", true),
            Money price => (price.ToString(), true),
            _ => (cell.ToString() ?? "", false),
        };
    }
}
