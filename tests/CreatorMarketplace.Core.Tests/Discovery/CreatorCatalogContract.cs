using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>
/// What every <see cref="ICreatorCatalog"/> must do. A catalog implementation gets its tests by deriving from this
/// class; the expected results come from <see cref="CreatorQuery.Matches"/> and <see cref="CreatorQuery.Compare(CreatorListing, CreatorListing)"/> over plain lists.
/// </summary>
public abstract class CreatorCatalogContract
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 0, 0);

    private static readonly IReadOnlyList<CreatorListing> Listings =
        new CreatorGenerator(17, new FakeClock(Now)).Generate(1_500).Select(creator => creator.ToListing()).ToList();

    private static readonly CreatorSort[] Sorts = [.. CreatorSort.List.OrderBy(sort => sort.Value)];

    protected abstract ICreatorCatalog CreateCatalog();

    private async Task<ICreatorCatalog> FilledCatalog()
    {
        var catalog = CreateCatalog();
        foreach (var listing in Listings)
        {
            (await catalog.UpsertAsync(listing)).ShouldBeTrue();
        }

        return catalog;
    }

    [Fact]
    public async Task Upsert_keeps_the_newest_version_and_remove_forgets()
    {
        var clock = new FakeClock(Now);
        var creator = new CreatorGenerator(1, clock).Next();
        var catalog = CreateCatalog();
        var first = creator.ToListing();
        creator.SetOnVacation(!creator.OnVacation, clock);
        creator.MarkStored(2);
        var second = creator.ToListing();

        (await catalog.UpsertAsync(second)).ShouldBeTrue();
        (await catalog.UpsertAsync(first)).ShouldBeFalse();
        (await catalog.FindAsync(creator.Id)).ShouldBe(second);
        (await catalog.RemoveAsync(creator.Id)).ShouldBeTrue();
        (await catalog.RemoveAsync(creator.Id)).ShouldBeFalse();
        (await catalog.FindAsync(creator.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task An_invalid_query_is_answered_with_every_problem()
    {
        var catalog = await FilledCatalog();

        var result = await catalog.SearchAsync(new CreatorQuery { Followers = new(10, 1), PageSize = 0 });

        result.IsT1.ShouldBeTrue();
        result.AsT1.Errors.Select(e => e.Field).ShouldBe(["Followers", "PageSize"]);
    }

    [Property(MaxTest = 60)]
    public bool A_search_returns_exactly_what_the_query_defines(NonNegativeInt seed)
    {
        var catalog = FilledCatalog().GetAwaiter().GetResult();
        var query = RandomQuery(new Random(seed.Get));
        var expected = Listings.Where(query.Matches).ToList();
        expected.Sort(query.Compare);

        var page = catalog.SearchAsync(query).AsTask().GetAwaiter().GetResult().AsT0;

        return page.TotalCount == expected.Count
            && page.Items.Select(c => c.Id).SequenceEqual(expected.Take(query.PageSize).Select(c => c.Id))
            && (page.Next is null) == (expected.Count <= query.PageSize)
            && SameCounts(page.Facets.ByCountry, expected.GroupBy(c => c.Profile.HomeCountry))
            && SameCounts(page.Facets.ByLanguage, expected.SelectMany(c => c.Profile.Languages).GroupBy(l => l))
            && SameCounts(page.Facets.ByContentLabel, expected.SelectMany(c => c.Profile.ContentLabels).GroupBy(l => l))
            && SameCounts(page.Facets.ByTier, expected.GroupBy(c => query.AccountOf(c)!.Stats.Tier));
    }

    [Fact]
    public async Task Following_the_cursor_visits_every_match_once()
    {
        var catalog = await FilledCatalog();
        var query = new CreatorQuery { Sort = CreatorSort.MedianViews, PageSize = 37, Countries = [Country.US, Country.BR, Country.ID] };
        var expected = Listings.Where(query.Matches).ToList();
        expected.Sort(query.Compare);

        var seen = new List<CreatorListing>();
        var page = (await catalog.SearchAsync(query)).AsT0;
        seen.AddRange(page.Items);
        while (page.Next is { } next)
        {
            page = (await catalog.SearchAsync(query with { After = next })).AsT0;
            page.TotalCount.ShouldBe(expected.Count);
            seen.AddRange(page.Items);
        }

        seen.Select(c => c.Id).ShouldBe(expected.Select(c => c.Id));
    }

    [Fact]
    public async Task Searches_during_upserts_never_see_a_half_applied_creator()
    {
        var clock = new FakeClock(Now);
        var creators = new CreatorGenerator(3, clock).Generate(200).ToList();
        var catalog = CreateCatalog();
        foreach (var creator in creators)
        {
            await catalog.UpsertAsync(creator.ToListing());
        }

        // Each version of a creator ties its display name to its follower count; a torn read breaks the tie.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var writer = Task.Run(async () =>
        {
            for (var version = 2; !stop.IsCancellationRequested && version < 2_000; version++)
            {
                foreach (var creator in creators.Take(20))
                {
                    creator.ChangeProfile(creator.Profile with { DisplayName = $"v{version}" }, clock);
                    creator.RefreshStats(Platform.TikTok, AccountStats.Create(Now + Duration.FromSeconds(version), version * 1_000L), clock);
                    creator.MarkStored(version);
                    await catalog.UpsertAsync(creator.ToListing());
                }
            }
        });

        var torn = 0;
        var searches = 0;
        while (!writer.IsCompleted)
        {
            var page = (await catalog.SearchAsync(new CreatorQuery { Sort = CreatorSort.Followers, PageSize = 50 })).AsT0;
            torn += page.Items.Count(c => c.Profile.DisplayName.StartsWith('v') && c.PrimaryAccount.Stats.Followers != int.Parse(c.Profile.DisplayName[1..], System.Globalization.CultureInfo.InvariantCulture) * 1_000L);
            searches++;
        }

        await writer;
        searches.ShouldBeGreaterThan(0);
        torn.ShouldBe(0);
    }

    private static bool SameCounts<TKey, TItem>(IReadOnlyDictionary<TKey, int> actual, IEnumerable<IGrouping<TKey, TItem>> expected)
        where TKey : notnull
    {
        var counts = expected.ToDictionary(g => g.Key, g => g.Count());
        return actual.Count == counts.Count && counts.All(pair => actual.TryGetValue(pair.Key, out var count) && count == pair.Value);
    }

    private static CreatorQuery RandomQuery(Random random)
    {
        var query = new CreatorQuery
        {
            Sort = Sorts[random.Next(Sorts.Length)],
            Descending = random.Next(2) == 0,
            PageSize = random.Next(1, 80),
        };
        if (random.Next(2) == 0)
        {
            Country[] countries = [Country.US, Country.GB, Country.BR, Country.KR, Country.MX];
            query = query with { Countries = countries[..random.Next(1, 5)] };
        }

        if (random.Next(2) == 0)
        {
            query = query with { ContentLabels = CreatorGenerator.ContentLabels.Skip(random.Next(15)).Take(random.Next(1, 5)).ToArray() };
        }

        if (random.Next(2) == 0)
        {
            var low = (long)Math.Pow(10, random.Next(2, 6));
            query = query with { Followers = new(low, random.Next(2) == 0 ? null : low * 100) };
        }

        if (random.Next(3) == 0)
        {
            query = query with { EngagementRate = new(random.NextDouble() * 0.08, null) };
        }

        if (random.Next(3) == 0)
        {
            query = query with { FollowerGender = new(AudienceGender.Female, random.NextDouble()) };
        }

        if (random.Next(3) == 0)
        {
            query = query with { Price = new(Currency.USD, new(null, random.Next(100, 5_000))) };
        }

        if (random.Next(4) == 0)
        {
            query = query with { Keyword = new[] { "maya", "garcia", "beauty", "from", "zoe" }[random.Next(5)] };
        }

        if (random.Next(4) == 0)
        {
            query = query with { RequireResponsiveBadge = true, ExcludeOnVacation = true };
        }

        return query;
    }
}

public sealed class ReferenceCreatorCatalogTests : CreatorCatalogContract
{
    protected override ICreatorCatalog CreateCatalog() => new ReferenceCreatorCatalog();
}

public sealed class InMemoryCreatorCatalogTests : CreatorCatalogContract
{
    protected override ICreatorCatalog CreateCatalog() => new CreatorMarketplace.Discovery.InMemory.InMemoryCreatorCatalog();

    [Fact]
    public async Task Many_updates_and_removals_leave_the_same_answers_as_the_reference()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        var creators = new CreatorGenerator(29, clock).Generate(700).ToList();
        var catalog = new CreatorMarketplace.Discovery.InMemory.InMemoryCreatorCatalog();
        var reference = new ReferenceCreatorCatalog();
        var random = new Random(29);

        // Enough rewrites that dead rows outnumber the living several times over, forcing compactions.
        for (var round = 0; round < 8; round++)
        {
            foreach (var creator in creators)
            {
                creator.SetOnVacation(random.Next(4) == 0, clock);
                creator.RefreshStats(Platform.TikTok, AccountStats.Create(clock.GetCurrentInstant() + Duration.FromMinutes(round + 1), random.Next(500, 2_000_000), medianViews: random.Next(0, 50_000), engagementRate: random.NextDouble() * 0.1), clock);
                creator.MarkStored(creator.Version + 1);
                await catalog.UpsertAsync(creator.ToListing());
                await reference.UpsertAsync(creator.ToListing());
            }
        }

        foreach (var creator in creators.Where((_, i) => i % 7 == 0))
        {
            await catalog.RemoveAsync(creator.Id);
            await reference.RemoveAsync(creator.Id);
        }

        catalog.Count.ShouldBe(reference.Count);
        foreach (var query in new[]
        {
            new CreatorQuery { Sort = CreatorSort.Followers, PageSize = 1_000 },
            new CreatorQuery { Followers = new(100_000, null), ExcludeOnVacation = true, Sort = CreatorSort.EngagementRate, PageSize = 200 },
            new CreatorQuery { Countries = [Country.US], MedianViews = new(10_000, null), Sort = CreatorSort.MedianViews, Descending = false },
        })
        {
            var actual = (await catalog.SearchAsync(query)).AsT0;
            var expected = (await reference.SearchAsync(query)).AsT0;
            actual.TotalCount.ShouldBe(expected.TotalCount);
            actual.Items.Select(c => c.Id).ShouldBe(expected.Items.Select(c => c.Id));
            actual.Items.ShouldBe(expected.Items);
        }
    }
}
