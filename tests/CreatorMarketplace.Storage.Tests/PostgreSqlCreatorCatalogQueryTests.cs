using FsCheck.Fluent;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Eligibility;
using CreatorMarketplace.Storage.PostgreSql;
using CreatorMarketplace.Tests.Discovery;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>
/// The PostgreSQL catalog against <see cref="ReferenceCreatorCatalog"/>, page for page, on creators built to sit on
/// the edges SQL could get wrong: several accounts, follower counts above 2^53 that share a double, unknown numbers
/// and audiences, tied audience buckets, prices in currencies of 0 and 3 decimals, names with accents, LIKE's
/// wildcards and characters PostgreSQL text cannot hold.
/// </summary>
public sealed class PostgreSqlCreatorCatalogQueryTests : IAsyncLifetime
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 0, 0);
    private static readonly long TwoTo53 = 1L << 53;
    private static readonly IReadOnlyList<CreatorListing> Listings = EdgeListings();
    private static readonly CreatorSort[] Sorts = [.. CreatorSort.List.OrderBy(sort => sort.Value)];
    private static readonly Currency[] Currencies = [Currency.USD, Currency.JPY, Currency.KWD, Currency.EUR];

    private static readonly string[] Keywords =
        ["garcia", "GARCÍA", "jose", "zoe", "_", "%", "50%", "a", "\u0301", "ñ", "\0", "\uD83D", "smile", "edge.", "nobody-has-this"];

    private readonly List<string> _schemas = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => PostgreSqlServer.DropAsync(_schemas);

    [SkippableFact]
    public async Task Every_filter_sort_and_cursor_gives_the_reference_catalogs_page()
    {
        var catalog = NewCatalog();
        var reference = new ReferenceCreatorCatalog();
        foreach (var listing in Listings)
        {
            (await catalog.UpsertAsync(listing)).ShouldBeTrue();
            (await reference.UpsertAsync(listing)).ShouldBeTrue();
        }

        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(80),
            Prop.ForAll(ArbMap.Default.ArbFor<NonNegativeInt>(), seed => SamePage(catalog, reference, RandomQuery(new Random(seed.Get)))));
    }

    [SkippableFact]
    public async Task A_cursor_followed_to_the_end_visits_every_match_once_in_every_order()
    {
        var catalog = NewCatalog();
        foreach (var listing in Listings)
        {
            (await catalog.UpsertAsync(listing)).ShouldBeTrue();
        }

        foreach (var sort in Sorts.Where(sort => sort != CreatorSort.Score))
        {
            foreach (var query in new[]
            {
                new CreatorQuery { Sort = sort, PageSize = 23 },
                new CreatorQuery { Sort = sort, Descending = false, PageSize = 31, Keyword = "a", Platform = Platform.YouTube },
            })
            {
                var expected = Listings.Where(query.Matches).ToList();
                expected.Sort(query.Compare);
                var seen = new List<CreatorListing>();
                for (var page = (await catalog.SearchAsync(query)).AsT0; ; page = (await catalog.SearchAsync(query with { After = page.Next, IncludeFacets = false })).AsT0)
                {
                    page.TotalCount.ShouldBe(expected.Count);
                    seen.AddRange(page.Items);
                    if (page.Next is null)
                    {
                        break;
                    }
                }

                seen.Select(c => c.Id).ShouldBe(expected.Select(c => c.Id), $"{sort}, descending {query.Descending}");
            }
        }
    }

    [SkippableFact]
    public async Task A_load_into_an_empty_catalog_gives_the_reference_catalogs_pages()
    {
        var catalog = NewCatalog(loadBatch: 37);
        var reference = new ReferenceCreatorCatalog();

        // Every listing, some of them also at an older version (before the newer one, in another batch, or after it)
        // or again at the same version with other content (the first one stays).
        var stream = new List<CreatorListing>();
        for (var i = 0; i < Listings.Count; i++)
        {
            var listing = Listings[i];
            var older = Changed(listing, listing.Version - 1);
            if (i % 5 == 0)
            {
                stream.Add(older);
            }

            stream.Add(listing);
            if (i % 7 == 0)
            {
                stream.Insert(Math.Max(0, stream.Count - 50), Changed(listing, listing.Version));
                stream.Add(older);
            }
        }

        var changed = new HashSet<CreatorId>();
        foreach (var listing in stream)
        {
            if (await reference.UpsertAsync(listing))
            {
                changed.Add(listing.Id);
            }
        }

        (await catalog.LoadAsync(stream.ToAsyncEnumerable())).ShouldBe(changed.Count);

        foreach (var listing in Listings)
        {
            (await catalog.FindAsync(listing.Id)).ShouldBe(await reference.FindAsync(listing.Id));
        }

        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(80),
            Prop.ForAll(ArbMap.Default.ArbFor<NonNegativeInt>(), seed => SamePage(catalog, reference, RandomQuery(new Random(seed.Get)))));

        // Totals counted on the labels' rows, creators with several of the labels among them, once each.
        foreach (var query in new CreatorQuery[]
        {
            new() { ContentLabels = [new ContentLabel("beauty"), new ContentLabel("fashion"), new ContentLabel("lifestyle"), new ContentLabel("tech")], PageSize = 10 },
            new() { ContentLabels = [new ContentLabel("gaming"), new ContentLabel("music")], Countries = [Country.US, Country.GB], Followers = new(10_000, null), FollowerGender = new(AudienceGender.Male, 0.2), Sort = CreatorSort.EngagementRate },
            new() { ContentLabels = [new ContentLabel("food")], Price = new(Currency.USD, new(null, 5_000m)), EngagementRate = new(0.01, null), FollowerGender = new(AudienceGender.Female, 0.4) },
        })
        {
            Listings.Count(query.Matches).ShouldBeGreaterThan(0, query.ToString());
            SamePage(catalog, reference, query).ShouldBeTrue();
        }

        // The new tables replaced the old ones whole: the same indexes, keys and storage as a migrated schema's.
        var migrated = NewCatalog();
        await migrated.MigrateAsync();
        (await DefinitionAsync(catalog.Schema)).ShouldBe(await DefinitionAsync(migrated.Schema));
    }

    [SkippableFact]
    public async Task A_load_into_an_empty_catalog_leaves_every_page_visible_to_index_only_scans_and_its_statistics_taken()
    {
        var catalog = NewCatalog(loadBatch: 100);

        (await catalog.LoadAsync(Listings.ToAsyncEnumerable())).ShouldBe(Listings.Count);

        foreach (var table in new[] { "creator_catalog", "creator_catalog_accounts", "creator_catalog_audience" })
        {
            await using var pages = PostgreSqlServer.DataSource().CreateCommand(
                $"SELECT relpages > 0 AND relallvisible = relpages AND reltuples > 0 FROM pg_class WHERE oid = '\"{catalog.Schema}\".{table}'::regclass;");
            ((bool)(await pages.ExecuteScalarAsync())!).ShouldBeTrue(table);
        }
    }

    // The catalog tables' indexes, constraints and storage options, with the schema's name taken out.
    private static async Task<string> DefinitionAsync(string schema)
    {
        await using var command = PostgreSqlServer.DataSource().CreateCommand($"""
            SELECT string_agg(line, E'\n' ORDER BY line) FROM (
                SELECT 'index ' || indexname || ': ' || indexdef AS line FROM pg_indexes WHERE schemaname = @schema
                UNION ALL SELECT 'constraint ' || c.relname || '.' || k.conname || ': ' || pg_get_constraintdef(k.oid)
                    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema
                UNION ALL SELECT 'table ' || c.relname || ': ' || coalesce(array_to_string(c.reloptions, ','), '')
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relkind = 'r'
                UNION ALL SELECT 'column ' || c.relname || '.' || a.attname || ': ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attstorage::text || ' ' || a.attnotnull::text
                    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = @schema AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            ) lines;
            """);
        command.Parameters.AddWithValue("schema", schema);
        var definition = (string)(await command.ExecuteScalarAsync())!;
        return definition.Replace(schema, "<schema>", StringComparison.Ordinal);
    }

    // The listing at a version, with other content than the listing's own.
    private static CreatorListing Changed(CreatorListing listing, long version) =>
        CreatorListing.Create(listing.Id, version, listing.RegisteredAt, listing.Profile, listing.Accounts, listing.Audience, listing.RateCard, listing.Badges, !listing.OnVacation, listing.PastCampaignCount + 1, listing.ComplianceHistory);

    private PostgreSqlCreatorCatalog NewCatalog(int loadBatch = 5_000)
    {
        var schema = PostgreSqlServer.NewSchema();
        var catalog = new PostgreSqlCreatorCatalog(PostgreSqlServer.DataSource(), new PostgreSqlStoreOptions { Schema = schema }) { LoadBatch = loadBatch };
        _schemas.Add(schema);
        return catalog;
    }

    private static bool SamePage(ICreatorCatalog catalog, ICreatorCatalog reference, CreatorQuery query)
    {
        var expected = reference.SearchAsync(query).AsTask().GetAwaiter().GetResult();
        var actual = catalog.SearchAsync(query).AsTask().GetAwaiter().GetResult();
        if (expected.IsT1)
        {
            actual.AsT1.Errors.ShouldBe(expected.AsT1.Errors, query.ToString());
            return true;
        }

        var (page, want) = (actual.AsT0, expected.AsT0);
        var context = $"{query} with keyword {(query.Keyword is null ? "none" : string.Join(' ', query.Keyword.Select(c => ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture))))}";
        page.TotalCount.ShouldBe(want.TotalCount, context);
        page.Items.Select(c => c.Id).ShouldBe(want.Items.Select(c => c.Id), context);
        page.Items.ShouldBe(want.Items, context);
        page.Next.ShouldBe(want.Next, context);
        if (want.Facets is { } facets)
        {
            var got = page.Facets.ShouldNotBeNull(context);
            got.ByCountry.OrderBy(f => f.Key.Value).ShouldBe(facets.ByCountry.OrderBy(f => f.Key.Value), context);
            got.ByLanguage.OrderBy(f => f.Key.Value, StringComparer.Ordinal).ShouldBe(facets.ByLanguage.OrderBy(f => f.Key.Value, StringComparer.Ordinal), context);
            got.ByContentLabel.OrderBy(f => f.Key.Id, StringComparer.Ordinal).ShouldBe(facets.ByContentLabel.OrderBy(f => f.Key.Id, StringComparer.Ordinal), context);
            got.ByTier.OrderBy(f => f.Key.Value).ShouldBe(facets.ByTier.OrderBy(f => f.Key.Value), context);
        }
        else
        {
            page.Facets.ShouldBeNull(context);
        }

        return true;
    }

    // Generated creators, then one edge in every few: other platforms' accounts, counts that share a double,
    // unknown numbers, tied and unknown audiences, prices of 0 and 3 decimals, awkward names.
    private static List<CreatorListing> EdgeListings()
    {
        var clock = new FakeClock(Now);
        var creators = new CreatorGenerator(41, clock).Generate(420).ToList();
        var later = Now + Duration.FromHours(1);
        clock.Reset(later);
        for (var i = 0; i < creators.Count; i++)
        {
            var creator = creators[i];
            var huge = TwoTo53 + (i % 4);
            switch (i % 14)
            {
                case 0:
                    creator.LinkAccount(new PlatformAccount(new Handle(Platform.Instagram, $"edge.{i}"), AccountType.Creator, AccountStats.Create(later, 1_000 + (i * 997 % 400_000), averageViews: i * 31, engagementRate: i % 3 == 0 ? null : 0.01 * (i % 9))), clock);
                    break;
                case 1:
                    creator.LinkAccount(new PlatformAccount(new Handle(Platform.YouTube, $"edge_{i}"), AccountType.Creator, AccountStats.Create(later, huge, medianViews: i % 2 == 0 ? null : huge, engagementRate: 0.03)), clock);
                    break;
                case 2:
                    creator.RefreshStats(Platform.TikTok, AccountStats.Create(later, huge, averageViews: huge, medianViews: null, engagementRate: null), clock).ShouldBeTrue();
                    break;
                case 3:
                    // Tied buckets: the first listed is the major one, so the order given decides.
                    var female = KeyValuePair.Create(AudienceGender.Female, 0.5);
                    var male = KeyValuePair.Create(AudienceGender.Male, 0.5);
                    creator.UpdateAudience(creator.Audience with
                    {
                        Gender = Distribution.Create<AudienceGender>(i % 28 == 3 ? [female, male] : [male, female]),
                        Age = null,
                        Countries = Distribution.Create([KeyValuePair.Create(Country.US, 0.5), KeyValuePair.Create(Country.BR, 0.5)]),
                    }, clock);
                    break;
                case 4:
                    creator.UpdateAudience(Audience.Unknown, clock);
                    break;
                case 5:
                    creator.SetRateCard(RateCard.Create(Currency.JPY, [KeyValuePair.Create(DeliverableType.Video, Money.FromMinorUnits(1_000 + i, Currency.JPY))], negotiable: false), clock);
                    break;
                case 6:
                    creator.SetRateCard(RateCard.Create(Currency.KWD, [KeyValuePair.Create(DeliverableType.Video, Money.FromMinorUnits(12_345 + i, Currency.KWD))], negotiable: true), clock);
                    break;
                case 7:
                    creator.SetRateCard(null, clock);
                    creator.RefreshStats(Platform.TikTok, AccountStats.Create(later, TwoTo53 - 1, averageViews: 0, medianViews: 0, engagementRate: 0.0), clock).ShouldBeTrue();
                    break;
                case 8:
                    creator.ChangeProfile(creator.Profile with { DisplayName = $"José Núñez_{i}", Bio = "50% off, 100_000 fans" }, clock);
                    break;
                case 9:
                    creator.ChangeProfile(creator.Profile with { DisplayName = "Zoë \U0001F600 Smile", Bio = "e\u0301te\u0301" }, clock);
                    break;
                case 10:
                    creator.SetOnVacation(true, clock);
                    creator.AwardBadge(Badge.Responsive, clock);
                    break;
                case 11:
                    creator.LinkAccount(new PlatformAccount(new Handle(Platform.X, $"edge{i}"), AccountType.Personal, AccountStats.Create(later, i)), clock);
                    creator.LinkAccount(new PlatformAccount(new Handle(Platform.Instagram, $"other.{i}"), AccountType.Creator, AccountStats.Create(later, i * 1_000, medianViews: i * 10, engagementRate: Math.BitIncrement(0.03))), clock);
                    break;
                case 12:
                    creator.RefreshStats(Platform.TikTok, AccountStats.Create(later, 100_000, averageViews: 5_000, medianViews: 5_000, engagementRate: Math.BitDecrement(0.03)), clock).ShouldBeTrue();
                    break;
                default:
                    break;
            }

            creator.MarkStored(creator.Version + 1);
        }

        return creators.Select(creator => creator.ToListing()).ToList();
    }

    private static CreatorQuery RandomQuery(Random random)
    {
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        T[] Some<T>(IEnumerable<T> items, int most) => items.OrderBy(_ => random.Next()).Take(random.Next(1, most + 1)).ToArray();
        bool Often() => random.Next(3) == 0;

        // Most filters lean towards one creator's facts, so that a good share of the queries match someone.
        var listing = Pick(Listings);
        T[] With<T>(T[] some, IEnumerable<T> theirs) => random.Next(3) == 0 || !theirs.Any() ? some : [.. some, Pick(theirs.ToList())];
        var platform = random.Next(2) == 0 ? null : random.Next(3) > 0 ? Pick(listing.Accounts).Platform : Pick(new[] { Platform.TikTok, Platform.Instagram, Platform.YouTube, Platform.X });
        var stats = (platform is null ? listing.PrimaryAccount : listing.AccountOn(platform) ?? listing.PrimaryAccount).Stats;

        var sort = Pick(Sorts);
        var query = new CreatorQuery
        {
            Sort = sort,
            Score = sort == CreatorSort.Score ? CreatorCatalogContract.RandomCatalogScore(random) : null,
            Descending = random.Next(2) == 0,
            PageSize = random.Next(1, 60),
            IncludeFacets = random.Next(2) == 0,
            Platform = platform,
        };

        if (Often())
        {
            query = query with { Countries = With(Some(Listings.Select(l => l.Profile.HomeCountry).Distinct(), 4), [listing.Profile.HomeCountry]) };
        }

        if (random.Next(6) == 0)
        {
            var subdivisions = Some(Listings.Where(l => l.Profile.HomeSubdivision is not null).Select(l => l.Profile.HomeSubdivision!.Value).Distinct(), 3);
            query = query with { Subdivisions = subdivisions, Countries = query.Countries.Count == 0 ? [] : [.. query.Countries, .. subdivisions.Select(s => s.Country)] };
        }

        if (Often())
        {
            query = query with { ContentLabels = With(Some(CreatorGenerator.ContentLabels, 4), listing.Profile.ContentLabels) };
        }

        if (random.Next(5) == 0)
        {
            query = query with
            {
                IndustryLabels = With(Some(CreatorGenerator.IndustryLabels, 3), listing.Profile.IndustryLabels),
                Languages = With(Some(Listings.SelectMany(l => l.Profile.Languages).Distinct(), 3), listing.Profile.Languages),
            };
        }

        if (random.Next(5) == 0)
        {
            query = query with { Tiers = With(Some(FollowerTier.List, 3), [stats.Tier]) };
        }

        // Bounds on the numbers a creator has, a hair either side, and on the counts above 2^53 that share a double.
        long Near(long value) => value + random.Next(-1, 2);
        if (Often())
        {
            var low = random.Next(3) == 0 ? TwoTo53 + random.Next(-1, 3) : Near(stats.Followers);
            query = query with { Followers = random.Next(3) switch { 0 => new(low, null), 1 => new(null, low), _ => new(Math.Min(low, stats.Followers / 2), low) } };
        }

        if (random.Next(5) == 0)
        {
            query = query with { AverageViews = new(null, Near(stats.AverageViews ?? 10_000)), MedianViews = new(Math.Max(0, Near(stats.MedianViews ?? 100)), null) };
        }

        if (Often())
        {
            var rate = stats.EngagementRate ?? 0.03;
            var bound = random.Next(3) switch { 0 => rate, 1 => Math.BitIncrement(rate), _ => Math.BitDecrement(rate) };
            query = query with { EngagementRate = random.Next(2) == 0 ? new(Math.Max(0, bound), null) : new(null, Math.Max(0, bound)) };
        }

        if (Often())
        {
            // Bounds at a price, a minor unit off, or between two minor units.
            var currency = listing.RateCard?.LowestPrice is { } lowest && random.Next(3) > 0 ? lowest.Currency : Pick(Currencies);
            var amount = listing.RateCard?.LowestPrice is { } price && ReferenceEquals(price.Currency, currency) ? price.Amount : 100m;
            var step = 1m / (decimal)Math.Pow(10, currency.MinorUnits);
            var bound = Math.Max(0, amount + (step * random.Next(-1, 2)) + (random.Next(3) == 0 ? step / 2 : 0));
            query = query with { Price = new(currency, random.Next(2) == 0 ? new(bound, null) : new(null, bound)) };
        }

        // Shares at the edges (0, 1), exactly a creator's own, or below it.
        double Share(double? known) => random.Next(6) switch { 0 => 0, 1 => 1, 2 or 3 => known ?? 0.25, 4 => random.NextDouble() * (known ?? 1), _ => random.NextDouble() };
        if (Often())
        {
            var countries = listing.Audience.Countries;
            var bucket = countries is not null && random.Next(2) == 0 ? Pick(countries.Keys.ToList()) : Pick(new[] { Country.US, Country.BR, Country.KR });
            query = query with { FollowerCountries = [new(bucket, Share(countries?[bucket].Fraction))] };
        }

        if (Often())
        {
            var bucket = Pick(AudienceGender.List.ToList());
            query = query with { FollowerGender = new(bucket, Share(listing.Audience.Gender?[bucket].Fraction)) };
        }

        if (random.Next(5) == 0)
        {
            var bucket = Pick(AgeBucket.List.ToList());
            query = query with { FollowerAges = [new(bucket, Share(listing.Audience.Age?[bucket].Fraction))] };
        }

        if (random.Next(5) == 0)
        {
            query = query with { PastCampaignCount = new(random.Next(0, 3), random.Next(2) == 0 ? null : random.Next(3, 9)) };
        }

        if (random.Next(5) == 0)
        {
            query = query with { RequireResponsiveBadge = random.Next(2) == 0, ExcludeOnVacation = random.Next(2) == 0 };
        }

        if (random.Next(5) == 0)
        {
            query = random.Next(3) switch
            {
                0 => query with { MajorAudienceGender = Pick(AudienceGender.List.ToList()) },
                1 => query with { MajorAudienceAge = Pick(AgeBucket.List.ToList()) },
                _ => query with { MajorAudienceCountry = Pick(new[] { Country.US, Country.BR, Country.MX, Country.GB }) },
            };
        }

        if (Often())
        {
            // A listed keyword, or a piece of the creator's name or bio as written, accents and all.
            var text = random.Next(2) == 0 ? listing.Profile.DisplayName : listing.Profile.Bio;
            var start = random.Next(Math.Max(1, text.Length - 2));
            var piece = text.Length == 0 ? "a" : text.Substring(start, Math.Min(text.Length - start, random.Next(1, 6)));
            query = query with { Keyword = random.Next(2) == 0 || string.IsNullOrWhiteSpace(piece) ? Pick(Keywords) : piece };
        }

        if (random.Next(6) == 0)
        {
            query = query with { Excluded = [.. Listings.Where((_, i) => i % 4 == random.Next(4)).Select(l => l.Id), default] };
        }

        if (random.Next(5) == 0)
        {
            query = query with { Eligibility = new(MarketplacePolicy.TikTokCreatorMarketplace, Now + Duration.FromDays(random.Next(-400, 400))) };
        }

        if (random.Next(5) < 2)
        {
            // The next page of an earlier search, or a position no creator holds.
            var matches = Listings.Where(query.Matches).ToList();
            var after = matches.Count > 0 && random.Next(3) > 0
                ? query.PositionOf(Pick(matches))
                : new SearchPosition(
                    query.Sort == CreatorSort.Relevance ? random.Next(0, 4) : 0,
                    random.Next(3) == 0 ? null : random.Next(2) == 0 ? 0.5 + random.Next(0, 100_000) : (double)TwoTo53,
                    Pick(Listings).Id);
            query = query with { After = after };
        }

        return query;
    }
}
