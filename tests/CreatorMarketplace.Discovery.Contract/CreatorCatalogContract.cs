using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Eligibility;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>
/// What every <see cref="ICreatorCatalog"/> must do. A catalog implementation gets its tests by deriving from this
/// class; the expected results come from <see cref="CreatorQuery.Matches"/> and <see cref="CreatorQuery.Compare(CreatorListing, CreatorListing)"/> over plain lists.
/// The facts are skippable, so that a catalog whose server is missing skips them (see <see cref="CreateCatalog"/>).
/// </summary>
public abstract class CreatorCatalogContract
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 0, 0);

    private static readonly IReadOnlyList<CreatorListing> Listings =
        new CreatorGenerator(17, new FakeClock(Now)).Generate(1_500).Select(creator => creator.ToListing()).ToList();

    // The shipped policy, then from a year before now a stricter one: 20,000 followers, 6 posts, and Korea opening
    // on the date judged (so its creators' local dates decide).
    private static readonly MarketplacePolicy TwoVersionPolicy = MarketplacePolicy.Create(
        "two-versions",
        string.Empty,
        [
            .. MarketplacePolicy.TikTokCreatorMarketplace.Versions,
            PolicyVersion.Create(
                Now - Duration.FromDays(365),
                MarketplacePolicy.TikTokCreatorMarketplace.Versions[0].Creators with { MinimumFollowers = 20_000, MinimumPostsLast30Days = 6 },
                BrandRequirements.All,
                MarketplacePolicy.TikTokCreatorMarketplace.Versions[0].Markets.Select(market => market.Country == Country.KR ? market with { LaunchDate = Now.InUtc().Date } : market)),
        ]);

    private static readonly CreatorSort[] Sorts = [.. CreatorSort.List.OrderBy(sort => sort.Value)];

    // The profile the eligibility edges start from; each creator replaces its home, time zone and age.
    private static readonly CreatorProfile EdgeProfile = new()
    {
        DisplayName = "Maya Makes",
        Bio = "DIY and home projects",
        HomeCountry = Country.US,
        TimeZone = DateTimeZoneProviders.Tzdb["America/Los_Angeles"],
        Languages = [Language.English, Language.Spanish],
        ContentLabels = [new ContentLabel("diy"), new ContentLabel("home")],
        IndustryLabels = [new IndustryLabel("home-improvement")],
    };

    /// <summary>Every term type there is: the concrete types nested in <see cref="CreatorQueryTerm"/>.</summary>
    public static IReadOnlyList<Type> TermTypes { get; } =
        [.. typeof(CreatorQueryTerm).GetNestedTypes().Where(type => !type.IsAbstract && type.IsAssignableTo(typeof(CreatorQueryTerm)))];

    /// <summary>A query with every filter given, on the primary account or on a platform.</summary>
    public static CreatorQuery QueryWithEveryFilter(Platform? platform) => new()
    {
        Platform = platform,
        Countries = [Country.US, Country.CA],
        Subdivisions = [Subdivision.Parse("US-CA")],
        ContentLabels = [new ContentLabel("beauty")],
        IndustryLabels = [new IndustryLabel("cosmetics")],
        Languages = [Language.English],
        Tiers = [FollowerTier.Micro],
        Followers = new(10_000, null),
        AverageViews = new(null, 1_000_000),
        MedianViews = new(100, null),
        EngagementRate = new(0.01, 0.5),
        Price = new(Currency.USD, new(null, 5_000m)),
        FollowerCountries = [new(Country.US, 0.2), new(Country.CA, 0.05)],
        FollowerGender = new(AudienceGender.Female, 0.5),
        FollowerAges = [new(AgeBucket.From18To24, 0.1)],
        PastCampaignCount = new(1, null),
        RequireResponsiveBadge = true,
        MajorAudienceGender = AudienceGender.Female,
        MajorAudienceAge = AgeBucket.From18To24,
        MajorAudienceCountry = Country.US,
        Keyword = "beauty",
        Excluded = [CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"))],
        ExcludeOnVacation = true,
        Eligibility = new EligibilityFilter(MarketplacePolicy.TikTokCreatorMarketplace, Now),
    };

    /// <summary>Makes an empty catalog, or skips the test (<c>Skip.If</c>) where the catalog's server is missing.</summary>
    protected abstract ICreatorCatalog CreateCatalog();

    private Task<ICreatorCatalog> FilledCatalog() => FilledCatalog(Listings);

    // A new catalog holding the listings, each upserted in turn (every one stored).
    private async Task<ICreatorCatalog> FilledCatalog(IEnumerable<CreatorListing> listings)
    {
        var catalog = CreateCatalog();
        foreach (var listing in listings)
        {
            (await catalog.UpsertAsync(listing)).ShouldBeTrue();
        }

        return catalog;
    }

    [SkippableFact]
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
        (await catalog.FindAsync(default)).ShouldBeNull("no listing has a default id");
        (await catalog.RemoveAsync(default)).ShouldBeFalse();
    }

    [SkippableFact]
    public async Task A_bulk_load_has_the_outcome_of_upserting_each_in_order()
    {
        var catalog = CreateCatalog();
        Skip.IfNot(catalog is ICatalogBulkLoad, "the catalog has no bulk load");
        var reference = new ReferenceCreatorCatalog();
        var clock = new FakeClock(Now);
        var creators = new CreatorGenerator(23, clock).Generate(120).ToList();

        // Stored before the load: the first 80 creators, a version on.
        var before = new List<CreatorListing>();
        foreach (var creator in creators.Take(80))
        {
            creator.MarkStored(creator.Version + 1);
            before.Add(creator.ToListing());
        }

        foreach (var listing in before)
        {
            (await catalog.UpsertAsync(listing)).ShouldBeTrue();
            (await reference.UpsertAsync(listing)).ShouldBeTrue();
        }

        // The load: the first 30 a version on again, with their audience gone and an account linked (rows to replace
        // in a catalog that keeps them apart), some of them twice and then older again; 30 more at their stored
        // version (no change); the last 40, new to the catalog, two of them at an older version after a newer one.
        var load = new List<CreatorListing>();
        foreach (var creator in creators.Take(30))
        {
            creator.UpdateAudience(Audience.Unknown, clock);
            if (creator.AccountOn(Platform.Instagram) is null)
            {
                creator.LinkAccount(new PlatformAccount(new Handle(Platform.Instagram, "@bulk." + creator.Id.Value.ToString("N")[..8]), AccountType.Creator, AccountStats.Create(clock.GetCurrentInstant(), followers: 12_345, engagementRate: 0.05)), clock);
            }

            creator.MarkStored(creator.Version + 1);
            load.Add(creator.ToListing());
        }

        load.AddRange(load.Take(10).ToList());
        load.AddRange(before.Take(5));
        load.AddRange(before.Skip(30).Take(30));
        foreach (var creator in creators.Skip(80))
        {
            var first = creator.ToListing();
            creator.MarkStored(creator.Version + 1);
            load.Add(creator.ToListing());
            if (load.Count % 20 == 0)
            {
                load.Add(first);
            }
        }

        var changed = new HashSet<CreatorId>();
        foreach (var listing in load)
        {
            if (await reference.UpsertAsync(listing))
            {
                changed.Add(listing.Id);
            }
        }

        var loaded = await ((ICatalogBulkLoad)catalog).LoadAsync(Stream(load));

        loaded.ShouldBe(changed.Count);
        foreach (var creator in creators)
        {
            (await catalog.FindAsync(creator.Id)).ShouldBe(await reference.FindAsync(creator.Id));
        }

        foreach (var query in new CreatorQuery[]
        {
            new() { PageSize = 200, Sort = CreatorSort.Followers },
            new() { Platform = Platform.Instagram, PageSize = 200, Sort = CreatorSort.Followers },
            new() { FollowerGender = new(AudienceGender.Female, 0.01), PageSize = 200, Sort = CreatorSort.Followers },
            new() { FollowerCountries = [new(Country.US, 0.01)], PageSize = 200, Sort = CreatorSort.EngagementRate },
        })
        {
            (await AnswerAsync(catalog, query)).ShouldBe(await AnswerAsync(reference, query), query.ToString());
        }

        static async IAsyncEnumerable<CreatorListing> Stream(IEnumerable<CreatorListing> listings)
        {
            foreach (var listing in listings)
            {
                await Task.Yield();
                yield return listing;
            }
        }
    }

    [SkippableFact]
    public async Task An_empty_catalog_answers_with_an_empty_page()
    {
        var catalog = CreateCatalog();

        var page = (await catalog.SearchAsync(new CreatorQuery { Countries = [Country.US], Sort = CreatorSort.EngagementRate })).AsT0;

        page.TotalCount.ShouldBe(0);
        page.Items.ShouldBeEmpty();
        page.Next.ShouldBeNull();
        page.Facets!.ByCountry.ShouldBeEmpty();
        (await catalog.FindAsync(Listings[0].Id)).ShouldBeNull();
        (await catalog.RemoveAsync(Listings[0].Id)).ShouldBeFalse();
    }

    [SkippableFact]
    public async Task An_invalid_query_is_answered_with_every_problem()
    {
        var catalog = await FilledCatalog();

        var result = await catalog.SearchAsync(new CreatorQuery { Followers = new(10, 1), PageSize = 0 });

        result.IsT1.ShouldBeTrue();
        result.AsT1.Errors.Select(e => e.Field).ShouldBe(["Followers", "PageSize"]);
    }

    [SkippableFact]
    public async Task A_search_returns_exactly_what_the_query_defines()
    {
        // Searches change nothing, so one filled catalog serves every random query.
        var catalog = await FilledCatalog();
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(80),
            Prop.ForAll(ArbMap.Default.ArbFor<NonNegativeInt>(), seed => SearchesExactly(catalog, seed)));
    }

    private static bool SearchesExactly(ICreatorCatalog catalog, NonNegativeInt seed)
    {
        var random = new Random(seed.Get);
        var query = RandomQuery(random);
        var matches = Listings.Where(query.Matches).ToList();
        matches.Sort(query.Compare);
        var expected = matches;
        if (matches.Count > 0 && random.Next(3) == 0)
        {
            // Resume after a random match, as the next page of an earlier search would.
            var last = random.Next(matches.Count);
            query = query with { After = query.PositionOf(matches[last]) };
            expected = matches.Skip(last + 1).ToList();
        }

        var page = catalog.SearchAsync(query).AsTask().GetAwaiter().GetResult().AsT0;

        return page.TotalCount == matches.Count
            && page.Items.Select(c => c.Id).SequenceEqual(expected.Take(query.PageSize).Select(c => c.Id))
            && (page.Next is null) == (expected.Count <= query.PageSize)
            && (query.IncludeFacets
                ? page.Facets is { } facets
                    && SameCounts(facets.ByCountry, matches.GroupBy(c => c.Profile.HomeCountry))
                    && SameCounts(facets.ByLanguage, matches.SelectMany(c => c.Profile.Languages).GroupBy(l => l))
                    && SameCounts(facets.ByContentLabel, matches.SelectMany(c => c.Profile.ContentLabels).GroupBy(l => l))
                    && SameCounts(facets.ByTier, matches.GroupBy(c => query.AccountOf(c)!.Stats.Tier))
                : page.Facets is null);
    }

    [SkippableFact]
    public async Task Numbers_a_hair_either_side_of_a_bound_are_decided_exactly()
    {
        // Above 2^24 neighbouring whole numbers share a 32-bit float, and so do neighbouring doubles near 0.03:
        // a catalog that packs numbers must still decide these bounds exactly.
        const long Big = 16_777_217;
        var clock = new FakeClock(Now);
        var catalog = CreateCatalog();
        var listings = new List<CreatorListing>();
        var creators = new CreatorGenerator(5, clock).Generate(9).ToList();
        for (var i = 0; i < creators.Count; i++)
        {
            var creator = creators[i];
            var step = (i % 3) - 1;
            double Nudge(double value) => step < 0 ? Math.BitDecrement(value) : step > 0 ? Math.BitIncrement(value) : value;
            creator.RefreshStats(Platform.TikTok, AccountStats.Create(Now + Duration.FromHours(1), Big + step, averageViews: Big + step, medianViews: Big + step, engagementRate: Nudge(0.03)), new FakeClock(Now + Duration.FromHours(1))).ShouldBeTrue();
            creator.UpdateAudience(creator.Audience with { Gender = Distribution.Create([KeyValuePair.Create(AudienceGender.Female, Nudge(0.6)), KeyValuePair.Create(AudienceGender.Male, 1 - Nudge(0.6))]) }, clock);
            creator.SetRateCard(RateCard.Create(Currency.USD, [KeyValuePair.Create(DeliverableType.Video, Money.FromMinorUnits(Big + step, Currency.USD))], negotiable: true), clock);
            creator.MarkStored(creator.Version + 1);
            listings.Add(creator.ToListing());
            (await catalog.UpsertAsync(listings[^1])).ShouldBeTrue();
        }

        var price = Money.FromMinorUnits(Big, Currency.USD).Amount;
        CreatorQuery[] queries =
        [
            new() { Followers = new(Big, null) },
            new() { Followers = new(null, Big) },
            new() { AverageViews = new(Big, Big) },
            new() { MedianViews = new(Big, null) },
            new() { EngagementRate = new(0.03, null) },
            new() { EngagementRate = new(null, 0.03) },
            new() { FollowerGender = new(AudienceGender.Female, 0.6) },
            new() { Price = new(Currency.USD, new(price, null)) },
            new() { Price = new(Currency.USD, new(null, price)) },
            new() { Sort = CreatorSort.EngagementRate, After = new SearchPosition(0, 0.03, listings[1].Id) },
        ];
        foreach (var query in queries)
        {
            var expected = listings.Where(query.Matches).Where(query.IsAfterCursor).ToList();
            expected.Sort(query.Compare);
            expected.Count.ShouldBeInRange(1, 8, $"the bound should split the nine creators: {query}");

            var page = (await catalog.SearchAsync(query)).AsT0;

            page.Items.Select(c => c.Id).ShouldBe(expected.Select(c => c.Id), query.ToString());
        }
    }

    [SkippableFact]
    public async Task A_price_range_narrower_than_a_minor_unit_or_wider_than_money_holds_is_decided_exactly()
    {
        // USD 10.00 and 10.01 lie either side of [10.001, 10.009]; a bound as large as a decimal is valid and holds
        // every price.
        var clock = new FakeClock(Now);
        var catalog = CreateCatalog();
        var listings = new List<CreatorListing>();
        foreach (var (creator, i) in new CreatorGenerator(101, clock).Generate(6).Select((creator, i) => (creator, i)))
        {
            creator.SetRateCard(RateCard.Create(Currency.USD, [KeyValuePair.Create(DeliverableType.Video, Money.FromMinorUnits(1_000 + (i % 2), Currency.USD))], negotiable: true), clock);
            creator.MarkStored(creator.Version + 1);
            listings.Add(creator.ToListing());
            (await catalog.UpsertAsync(listings[^1])).ShouldBeTrue();
        }

        CreatorQuery[] queries =
        [
            new() { Price = new(Currency.USD, new(10.001m, 10.009m)) },
            new() { Price = new(Currency.USD, new(10.001m, 10.01m)) },
            new() { Price = new(Currency.USD, new(null, decimal.MaxValue)) },
            new() { Price = new(Currency.USD, new(decimal.MaxValue, null)) },
        ];
        foreach (var query in queries)
        {
            query.Validate().ShouldBeEmpty();
            var expected = listings.Where(query.Matches).ToList();
            expected.Sort(query.Compare);

            var page = (await catalog.SearchAsync(query)).AsT0;

            page.TotalCount.ShouldBe(expected.Count, query.ToString());
            page.Items.Select(c => c.Id).ShouldBe(expected.Select(c => c.Id), query.ToString());
        }
    }

    [SkippableFact]
    public async Task An_audience_threshold_without_a_bucket_is_answered_as_invalid_naming_its_place()
    {
        var catalog = await FilledCatalog(Listings.Take(5));
        (CreatorQuery Query, string Field)[] cases =
        [
            (new() { FollowerGender = default(AudienceThreshold<AudienceGender>) }, "FollowerGender[0]"),
            (new() { FollowerAges = [new(AgeBucket.From18To24, 0.1), default] }, "FollowerAges[1]"),
            (new() { FollowerCountries = [default] }, "FollowerCountries[0]"),
        ];
        foreach (var (query, field) in cases)
        {
            var result = await catalog.SearchAsync(query);

            result.IsT1.ShouldBeTrue(field);
            result.AsT1.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe(field), e => e.Code.ShouldBe("query.null"));
        }
    }

    [SkippableFact]
    public async Task Numbers_a_hair_either_side_of_every_narrow_step_are_decided_exactly()
    {
        // A catalog may compare narrow codes of its numbers (8 or 16 bits, a fixed number per power of two or per unit)
        // before the numbers: bounds at powers of two, at 8- and 16-bit steps of a unit and of a power of two, and at
        // values beyond a float's precision, each with rows one unit or one ulp either side, unreported numbers beside
        // them, and rates whose 32-bit float is infinite.
        const long Unit8 = 1L << 8, Unit16 = 1L << 16;
        long[] counts =
        [
            0, 1, 2, 3, 255, 256, 257, 2_047, 2_048, 2_049, 4_096 + 2, 10_000, Unit16 - 1, Unit16, (Unit16 * 3) + Unit8,
            (1L << 24) + 1, (1L << 31) - (1L << 19), (1L << 32) + 1, (1L << 40) + 3, long.MaxValue - 1,
        ];
        double[] fractions =
        [
            0, 1.0 / Unit16, 1.0 / (1 << 15), 1.0 / 4_096, 1.0 / Unit8, 0.03, 0.125, 0.5 - (1.0 / Unit8), 0.5,
            0.5 + (1.0 / Unit16), 0.6, 1 - (1.0 / Unit8), 1 - (1.0 / Unit16), 1,
        ];
        double[] rates = [.. fractions, 1.5, 2, 3, 1e38, 1e39];
        var clock = new FakeClock(Now);
        var catalog = CreateCatalog();
        var listings = new List<CreatorListing>();
        using var generated = new CreatorGenerator(13, clock).Generate(1_000).GetEnumerator();
        var count = 0;
        Creator Next()
        {
            count++;
            generated.MoveNext().ShouldBeTrue();
            return generated.Current;
        }

        foreach (var number in counts.SelectMany(value => new[] { value - 1, value, value + 1 }).Where(value => value >= 0).Distinct())
        {
            var creator = Next();
            var reported = count % 5 != 0;
            creator.RefreshStats(Platform.TikTok, AccountStats.Create(Now + Duration.FromHours(1), number, averageViews: reported ? number : null, medianViews: number, engagementRate: reported ? null : 0.01), new FakeClock(Now + Duration.FromHours(1))).ShouldBeTrue();
            if (reported)
            {
                creator.SetRateCard(RateCard.Create(Currency.USD, [KeyValuePair.Create(DeliverableType.Video, Money.FromMinorUnits(number, Currency.USD))], negotiable: true), clock);
            }

            if (number is > 0 and <= 101)
            {
                creator.RecordCollaboration(new PastCollaboration("Brand", null, (int)number), clock);
            }

            creator.MarkStored(creator.Version + 1);
            listings.Add(creator.ToListing());
        }

        foreach (var share in fractions.SelectMany(value => new[] { Math.BitDecrement(value), value, Math.BitIncrement(value) }).Where(value => value is >= 0 and <= 1).Distinct())
        {
            var creator = Next();
            creator.UpdateAudience(creator.Audience with
            {
                Gender = Distribution.Create([KeyValuePair.Create(AudienceGender.Female, share), KeyValuePair.Create(AudienceGender.Male, 1 - share)]),
                Age = count % 4 == 0 ? null : Distribution.Create([KeyValuePair.Create(AgeBucket.From18To24, share), KeyValuePair.Create(AgeBucket.From25To34, 1 - share)]),
            }, clock);
            creator.MarkStored(creator.Version + 1);
            listings.Add(creator.ToListing());
        }

        foreach (var rate in rates.SelectMany(value => new[] { Math.BitDecrement(value), value, Math.BitIncrement(value) }).Where(value => value >= 0).Distinct())
        {
            var creator = Next();
            creator.RefreshStats(Platform.TikTok, AccountStats.Create(Now + Duration.FromHours(1), 5_000, engagementRate: rate), new FakeClock(Now + Duration.FromHours(1))).ShouldBeTrue();
            creator.MarkStored(creator.Version + 1);
            listings.Add(creator.ToListing());
        }

        foreach (var listing in listings)
        {
            (await catalog.UpsertAsync(listing)).ShouldBeTrue();
        }

        var queries = new List<CreatorQuery>();
        foreach (var bound in counts)
        {
            var price = Money.FromMinorUnits(bound, Currency.USD).Amount;
            queries.AddRange(
            [
                new() { Followers = new(bound, null) },
                new() { Followers = new(null, bound) },
                new() { AverageViews = new(bound, bound) },
                new() { MedianViews = new(bound, Math.Min(bound, long.MaxValue - 2) + 2) },
                new() { Price = new(Currency.USD, new(price, null)) },
                new() { Price = new(Currency.USD, new(null, price)) },
            ]);
            if (bound <= 100)
            {
                queries.Add(new() { PastCampaignCount = new((int)bound, null) });
                queries.Add(new() { PastCampaignCount = new(null, (int)bound) });
            }
        }

        foreach (var bound in fractions)
        {
            queries.AddRange(
            [
                new() { FollowerGender = new(AudienceGender.Female, bound) },
                new() { FollowerAges = [new(AgeBucket.From18To24, bound)] },
            ]);
        }

        foreach (var bound in rates.Append(1e300))
        {
            queries.AddRange(
            [
                new() { EngagementRate = new(bound, null) },
                new() { EngagementRate = new(null, bound) },
                new() { EngagementRate = new(bound, bound) },
            ]);
        }

        foreach (var query in queries.Select(query => query with { PageSize = CreatorQuery.MaxPageSize, Sort = CreatorSort.Followers }))
        {
            var expected = listings.Where(query.Matches).ToList();
            expected.Sort(query.Compare);

            var result = await catalog.SearchAsync(query);
            result.IsT0.ShouldBeTrue(result.IsT1 ? $"{query}: {string.Join("; ", result.AsT1.Errors)}" : null);
            var page = result.AsT0;

            page.TotalCount.ShouldBe(expected.Count, query.ToString());
            page.Items.Select(c => c.Id).ShouldBe(expected.Select(c => c.Id), query.ToString());
        }
    }

    [SkippableFact]
    public async Task Keywords_match_folded_within_one_handle_name_or_bio()
    {
        // Names and bios with case, accents, ß and text outside Latin; "ab" ends a name whose bio starts "cd", so
        // "abcd" and "ab cd" would match only across the two parts, which no keyword may.
        var clock = new FakeClock(Now);
        var catalog = CreateCatalog();
        var listings = new List<CreatorListing>();
        (string Name, string Bio)[] texts =
        [
            ("José García", "Fotógrafa en São Paulo"),
            ("Lena Ab", "cd and more"),
            ("GARCIA Studio", "Straße food"),
            ("Kim Lee", "Cooking with garcía"),
            ("Noor Haddad", "Nothing to see"),
            ("Zoe Ab", "Cdefg"),
            ("Σοφία 🎨", "日本語 vlog"),
        ];
        var creators = new CreatorGenerator(7, clock).Generate(texts.Length).ToList();
        for (var i = 0; i < creators.Count; i++)
        {
            creators[i].ChangeProfile(EdgeProfile with { DisplayName = texts[i].Name, Bio = texts[i].Bio }, clock);
            creators[i].MarkStored(creators[i].Version + 1);
            listings.Add(creators[i].ToListing());
            (await catalog.UpsertAsync(listings[^1])).ShouldBeTrue();
        }

        var handle = listings[4].PrimaryAccount.Handle.Value;
        (string Keyword, int Matches)[] keywords =
        [
            ("garcia", 3), ("  GARCÍA ", 3), ("sao paulo", 1), ("STRASSE", 1), ("abcd", 0), ("ab cd", 0), ("ab", 2),
            ("e\u0301", 7), (handle.ToUpperInvariant(), 1), (handle[1..^1], 1),
            ("ΣΟΦΊΑ", 1), ("σοφία", 1), ("🎨", 1), ("日本", 1), ("ΊΑ 🎨", 1),
        ];
        foreach (var (keyword, matches) in keywords)
        {
            foreach (var sort in new[] { CreatorSort.Relevance, CreatorSort.Followers })
            {
                var query = new CreatorQuery { Keyword = keyword, Sort = sort };
                var expected = listings.Where(query.Matches).ToList();
                expected.Sort(query.Compare);
                expected.Count.ShouldBe(matches, $"the query's own meaning of {query}");

                var page = (await catalog.SearchAsync(query)).AsT0;

                page.TotalCount.ShouldBe(matches, query.ToString());
                page.Items.Select(c => c.Id).ShouldBe(expected.Select(c => c.Id), query.ToString());
            }
        }
    }

    [SkippableFact]
    public async Task Eligibility_at_every_boundary_is_decided_exactly()
    {
        // Judged at 10:00 UTC: already the next day at UTC+14, still the day before at UTC-11. Followers and views
        // above 2^24 share floats with their neighbours; violations sit on the look-back window's edges.
        const long Big = 16_777_217;
        var asOf = Instant.FromUtc(2026, 11, 25, 10, 0);
        var clock = new FakeClock(asOf - Duration.FromDays(400));
        var requirements = MarketplacePolicy.TikTokCreatorMarketplace.Versions[0].Creators with { MinimumFollowers = Big, MinimumViewsLast30Days = Big };
        var policy = MarketplacePolicy.Create("edges", string.Empty, [
            PolicyVersion.Create(asOf - Duration.FromDays(1_000), requirements, BrandRequirements.All, [
                new PolicyMarket(Country.US, new LocalDate(2020, 1, 1)),
                new PolicyMarket(Country.KR, asOf.InUtc().Date, requirements with { MinimumAge = 19 }),
                new PolicyMarket(Country.MX, asOf.InUtc().Date.PlusDays(1)),
            ]),
        ]);
        DateTimeZone[] zones = [DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"], DateTimeZoneProviders.Tzdb["Pacific/Pago_Pago"], DateTimeZone.Utc];
        var lookBack = requirements.GoodStandingLookBack;
        Instant[][] histories =
        [
            [], [asOf - lookBack], [asOf - lookBack + Duration.Epsilon], [asOf], [asOf + Duration.Epsilon],
            [asOf - Duration.FromDays(10), asOf + Duration.FromDays(1)], [asOf - Duration.FromDays(200), asOf + Duration.FromDays(5)],
        ];
        var catalog = CreateCatalog();
        var listings = new List<CreatorListing>();
        var sequence = 0;
        foreach (var country in new[] { Country.US, Country.KR, Country.MX, Country.PL })
        {
            foreach (var zone in zones)
            {
                for (var day = -2; day <= 2; day++)
                {
                    var n = sequence++;
                    var years = country == Country.KR ? 19 : 18;
                    var profile = EdgeProfile with
                    {
                        HomeCountry = country,
                        HomeSubdivision = null,
                        TimeZone = zone,
                        BirthDate = n % 7 == 6 ? null : asOf.InUtc().Date.PlusDays(day).PlusYears(-years),
                        AgeBand = n % 7 == 6 ? (n % 2 == 0 ? AgeBucket.From18To24 : AgeBucket.From13To17) : null,
                    };
                    var followers = Big + (n % 3) - 1;
                    var stats = AccountStats.Create(clock.GetCurrentInstant(), followers, viewsLast30Days: Big + ((n / 3) % 3) - 1, postsLast30Days: 3 + (n % 2) - (n % 5 == 0 ? 1 : 0));
                    var type = n % 11 == 10 ? AccountType.Business : AccountType.Personal;
                    var creator = Creator.Register(EntityId.New<CreatorId>(clock), profile, new PlatformAccount(new Handle(Platform.TikTok, $"edge{n}"), type, stats), clock);
                    foreach (var at in histories[n % histories.Length])
                    {
                        creator.RecordViolation(new ComplianceViolation(at, "community_guidelines", "Removed."), clock);
                    }

                    creator.MarkStored(1);
                    listings.Add(creator.ToListing());
                    (await catalog.UpsertAsync(listings[^1])).ShouldBeTrue();
                }
            }
        }

        foreach (var at in new[] { asOf, asOf + Duration.FromHours(14), asOf - Duration.FromHours(11), asOf + Duration.FromDays(1) })
        {
            var query = new CreatorQuery { Eligibility = new(policy, at), PageSize = CreatorQuery.MaxPageSize, Sort = CreatorSort.Followers };
            var expected = listings.Where(listing => policy.ForCreators.Evaluate(listing, at).IsEligible).ToList();
            expected.Sort(query.Compare);
            expected.Count.ShouldBeInRange(1, listings.Count - 1);

            var page = (await catalog.SearchAsync(query)).AsT0;

            page.Items.Select(c => c.Id).ShouldBe(expected.Select(c => c.Id), $"as of {at}");
        }
    }

    // A catalog may narrow a page's candidates while it filters, where no facets need every match; a page after a
    // cursor must still find the rows after it, with and without bounds on the columns, in either direction, with and
    // without facets.
    [SkippableFact]
    public async Task Following_the_cursor_visits_every_match_once()
    {
        var catalog = await FilledCatalog();
        CreatorQuery[] queries =
        [
            new() { Sort = CreatorSort.MedianViews, PageSize = 37, Countries = [Country.US, Country.BR, Country.ID] },
            new() { Sort = CreatorSort.EngagementRate, PageSize = 23, Followers = new(1_000, null) },
            new() { Sort = CreatorSort.Followers, Descending = false, PageSize = 29, EngagementRate = new(0.01, null) },
            new() { Sort = CreatorSort.MedianViews, PageSize = 17, Followers = new(100, 10_000_000), Countries = [Country.US, Country.BR] },
        ];
        foreach (var query in queries.SelectMany(query => new[] { query, query with { IncludeFacets = false } }))
        {
            var expected = Listings.Where(query.Matches).ToList();
            expected.Sort(query.Compare);
            expected.Count.ShouldBeGreaterThan(query.PageSize * 2, "more than two pages, so that the later pages follow a cursor");

            var seen = new List<CreatorListing>();
            var page = (await catalog.SearchAsync(query)).AsT0;
            seen.AddRange(page.Items);
            while (page.Next is { } next)
            {
                page = (await catalog.SearchAsync(query with { After = next })).AsT0;
                page.TotalCount.ShouldBe(expected.Count);
                seen.AddRange(page.Items);
            }

            seen.Select(c => c.Id).ShouldBe(expected.Select(c => c.Id), $"{query}");
        }
    }

    [SkippableFact]
    public async Task Pages_that_split_rows_within_one_narrow_step_are_ordered_exactly()
    {
        // A catalog may rank on narrow codes of the sort's numbers before the numbers: rows whose numbers differ by
        // less than a 16-bit step (sharing a code but not a float), share a float above 2^24 or near 0.03, are equal
        // (ties broken by id), or are unreported, split by pages of every small size in both directions, followed by
        // their cursors; more creators than a 64-row word, so that later rows meet a page already held.
        var clock = new FakeClock(Now);
        var catalog = CreateCatalog();
        var listings = new List<CreatorListing>();
        var creators = new CreatorGenerator(23, clock).Generate(200).ToList();
        for (var i = 0; i < creators.Count; i++)
        {
            var creator = creators[i];
            long followers = (i % 4) switch
            {
                0 => 1_000_000 + i,
                1 => (1L << 24) + (i % 3),
                2 => 1_000_000 + (i % 5),
                _ => 2_000 + (i % 3),
            };
            long? median = i % 5 == 0 ? null : followers / 2;
            double? rate = (i % 6) switch
            {
                0 => null,
                1 => Math.BitIncrement(0.03),
                5 => 0.5,
                _ => 0.03 * (1 + ((i % 7) * 1e-5)),
            };
            creator.RefreshStats(Platform.TikTok, AccountStats.Create(Now + Duration.FromHours(1), followers, medianViews: median, engagementRate: rate), new FakeClock(Now + Duration.FromHours(1))).ShouldBeTrue();
            creator.MarkStored(creator.Version + 1);
            listings.Add(creator.ToListing());
            (await catalog.UpsertAsync(listings[^1])).ShouldBeTrue();
        }

        CreatorSort[] sorts = [CreatorSort.Followers, CreatorSort.MedianViews, CreatorSort.EngagementRate, CreatorSort.Relevance];
        foreach (var sort in sorts)
        {
            foreach (var descending in new[] { true, false })
            {
                foreach (var pageSize in new[] { 1, 2, 3, 5, 7, 11 })
                {
                    await EveryPageFollowsTheOrder(catalog, listings, new CreatorQuery { Sort = sort, Descending = descending, PageSize = pageSize });
                }
            }
        }
    }

    // Follows a query's cursors from its first page to its last: each page is the next of the listings in the query's
    // order after the cursor, and together they are every match once.
    private static async Task EveryPageFollowsTheOrder(ICreatorCatalog catalog, IReadOnlyList<CreatorListing> listings, CreatorQuery query)
    {
        var expected = listings.Where(query.Matches).ToList();
        expected.Sort(query.Compare);

        var seen = new List<CreatorListing>();
        var page = (await catalog.SearchAsync(query)).AsT0;
        page.Items.Select(c => c.Id).ShouldBe(expected.Take(query.PageSize).Select(c => c.Id), query.ToString());
        seen.AddRange(page.Items);
        while (page.Next is { } next)
        {
            var after = query with { After = next };
            page = (await catalog.SearchAsync(after)).AsT0;
            page.Items.Select(c => c.Id).ShouldBe(expected.Where(after.IsAfterCursor).Take(query.PageSize).Select(c => c.Id), after.ToString());
            seen.AddRange(page.Items);
        }

        seen.Select(c => c.Id).ShouldBe(expected.Select(c => c.Id), query.ToString());
    }

    /// <summary>
    /// Creators of whom only every hundredth reports its engagement rate and median views, and every fiftieth its
    /// audience: a sort on those numbers, or on a score of them, has fewer than a page of creators with a value, and the
    /// rest follow in creator order.
    /// </summary>
    public static IReadOnlyList<CreatorListing> FewReporting(int count) =>
        Generated(31, count, (i, listing) => WithPrimaryStats(
            listing,
            stats => i % 100 == 0 ? stats : AccountStats.Create(stats.AsOf, stats.Followers, stats.AverageViews, medianViews: null, engagementRate: null, stats.FollowerGrowthRate, stats.PostsLast30Days, stats.ViewsLast30Days),
            i % 50 == 0 ? listing.Audience : Audience.Unknown));

    // Generated listings, the i-th changed by `change`.
    private static List<CreatorListing> Generated(int seed, int count, Func<int, CreatorListing, CreatorListing> change) =>
        [.. new CreatorGenerator(seed, new FakeClock(Now)).Generate(count).Select((creator, i) => change(i, creator.ToListing()))];

    // A listing with its primary account's statistics restated and its audience replaced.
    private static CreatorListing WithPrimaryStats(CreatorListing listing, Func<AccountStats, AccountStats> restate, Audience audience)
    {
        var primary = listing.PrimaryAccount;
        var stats = restate(primary.Stats);
        return CreatorListing.Create(
            listing.Id,
            listing.Version,
            listing.RegisteredAt,
            listing.Profile,
            [.. listing.Accounts.Select(account => ReferenceEquals(account, primary) ? new PlatformAccount(account.Handle, account.Type, stats, account.ExternalId) : account)],
            audience,
            listing.RateCard,
            listing.Badges,
            listing.OnVacation,
            listing.PastCampaignCount,
            listing.ComplianceHistory);
    }

    [SkippableFact]
    public async Task A_sort_on_a_number_few_creators_report_gives_the_rest_in_creator_order()
    {
        var listings = FewReporting(400);
        var catalog = await FilledCatalog(listings);

        var fitOnly = CatalogScore.Create(
            new CatalogScoreWeights(EngagementRate: 0, ViewsToFollowers: 0, PastCampaigns: 0, AudienceFit: 1),
            Distribution.Create([KeyValuePair.Create(AudienceGender.Female, 0.6), KeyValuePair.Create(AudienceGender.Male, 0.4)])).GetValueOrThrow();
        var rateAndRatio = CatalogScore.Create(new CatalogScoreWeights(EngagementRate: 1, ViewsToFollowers: 1, PastCampaigns: 0, AudienceFit: 0)).GetValueOrThrow();
        CreatorQuery[] queries =
        [
            new() { Sort = CreatorSort.EngagementRate },
            new() { Sort = CreatorSort.MedianViews },
            new() { Sort = CreatorSort.Score, Score = fitOnly },
            new() { Sort = CreatorSort.Score, Score = rateAndRatio },
        ];
        foreach (var sorted in queries)
        {
            foreach (var (descending, pageSize) in new[] { (true, 10), (false, 10), (true, 60), (false, 7) })
            {
                await EveryPageFollowsTheOrder(catalog, listings, sorted with { Descending = descending, PageSize = pageSize });
            }
        }
    }

    /// <summary>
    /// Creators of whom all but every hundredth share their followers (5,000), median views (none at all) and
    /// engagement rate (exactly 0.03): a sort on those numbers has a page, and cursors, inside a tie of thousands,
    /// ordered by creator.
    /// </summary>
    public static IReadOnlyList<CreatorListing> ManyTied(int count) =>
        Generated(37, count, (i, listing) => i % 100 == 0 ? listing : WithPrimaryStats(
            listing,
            stats => AccountStats.Create(stats.AsOf, 5_000, stats.AverageViews, medianViews: 0, engagementRate: 0.03, stats.FollowerGrowthRate, stats.PostsLast30Days, stats.ViewsLast30Days),
            listing.Audience));

    [SkippableFact]
    public async Task A_sort_on_a_number_many_creators_share_pages_through_the_tie_in_creator_order()
    {
        var listings = ManyTied(400);
        var catalog = await FilledCatalog(listings);

        foreach (var sort in new[] { CreatorSort.Followers, CreatorSort.MedianViews, CreatorSort.EngagementRate, CreatorSort.Relevance })
        {
            foreach (var (descending, pageSize) in new[] { (true, 10), (false, 10), (true, 60), (false, 7) })
            {
                await EveryPageFollowsTheOrder(catalog, listings, new CreatorQuery { Sort = sort, Descending = descending, PageSize = pageSize });
            }
        }
    }

    [SkippableFact]
    public async Task Searches_during_upserts_never_see_a_half_applied_creator()
    {
        var clock = new FakeClock(Now);
        var creators = new CreatorGenerator(3, clock).Generate(200).ToList();
        var catalog = CreateCatalog();
        foreach (var creator in creators)
        {
            (await catalog.UpsertAsync(creator.ToListing())).ShouldBeTrue();
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
                    creator.RefreshStats(Platform.TikTok, AccountStats.Create(Now + Duration.FromSeconds(version), version * 1_000L), new FakeClock(Now + Duration.FromSeconds(version))).ShouldBeTrue();
                    creator.MarkStored(version);
                    (await catalog.UpsertAsync(creator.ToListing())).ShouldBeTrue();
                }
            }
        });

        static bool IsTorn(CreatorListing c) =>
            c.Profile.DisplayName.StartsWith('v') && c.PrimaryAccount.Stats.Followers != int.Parse(c.Profile.DisplayName[1..], System.Globalization.CultureInfo.InvariantCulture) * 1_000L;

        var torn = 0;
        var missing = 0;
        var searches = 0;
        while (!writer.IsCompleted)
        {
            var page = (await catalog.SearchAsync(new CreatorQuery { Sort = CreatorSort.Followers, PageSize = 50 })).AsT0;
            torn += page.Items.Count(IsTorn);
            missing += page.TotalCount == creators.Count ? 0 : 1;
            var found = await catalog.FindAsync(creators[searches % 20].Id);
            missing += found is null ? 1 : 0;
            torn += found is not null && IsTorn(found) ? 1 : 0;
            searches++;
        }

        await writer;
        searches.ShouldBeGreaterThan(0);
        torn.ShouldBe(0);
        missing.ShouldBe(0);
    }

    private static bool SameCounts<TKey, TItem>(IReadOnlyDictionary<TKey, int> actual, IEnumerable<IGrouping<TKey, TItem>> expected)
        where TKey : notnull
    {
        var counts = expected.ToDictionary(g => g.Key, g => g.Count());
        return actual.Count == counts.Count && counts.All(pair => actual.TryGetValue(pair.Key, out var count) && count == pair.Value);
    }

    /// <summary>A random <see cref="CatalogScore"/>, sometimes without its gender or age target.</summary>
    /// <param name="random">The source of randomness.</param>
    /// <returns>The score.</returns>
    public static CatalogScore RandomCatalogScore(Random random)
    {
        var weights = new CatalogScoreWeights(random.Next(0, 4) * 10, random.Next(0, 4) * 10, random.Next(0, 2) * 10, random.Next(1, 4) * 10, EngagementRateAtFull: 0.02 + (random.NextDouble() * 0.2));
        var gender = random.Next(3) == 0 ? null : Distribution.Create([KeyValuePair.Create(AudienceGender.Female, 0.7), KeyValuePair.Create(AudienceGender.Male, 0.3)]);
        var age = gender is not null && random.Next(2) == 0 ? null : Distribution.Create([KeyValuePair.Create(AgeBucket.From18To24, 0.5), KeyValuePair.Create(AgeBucket.From25To34, 0.5)]);
        return CatalogScore.Create(weights, gender, age).GetValueOrThrow();
    }

    /// <summary>
    /// A search's whole answer as text, to compare two catalogs: the total, the page's ids with their versions, the
    /// cursor and every facet in a fixed order.
    /// </summary>
    /// <param name="catalog">The catalog to search.</param>
    /// <param name="query">A valid query.</param>
    /// <returns>The answer's text.</returns>
    public static async Task<string> AnswerAsync(ICreatorCatalog catalog, CreatorQuery query)
    {
        var page = (await catalog.SearchAsync(query)).AsT0;
        static string Counts<TKey>(IReadOnlyDictionary<TKey, int> counts)
            where TKey : notnull =>
            string.Join(",", counts.Select(pair => $"{pair.Key}={pair.Value}").Order(StringComparer.Ordinal));
        var facets = page.Facets is { } f
            ? $"{Counts(f.ByCountry)};{Counts(f.ByLanguage)};{Counts(f.ByContentLabel)};{Counts(f.ByTier)}"
            : "none";
        return $"{page.TotalCount} [{string.Join(",", page.Items.Select(item => $"{item.Id}@{item.Version}"))}] {page.Next} {facets}";
    }

    /// <summary>A random valid query: a sort, a page size and a random few of the filters.</summary>
    /// <param name="random">The source of randomness.</param>
    /// <returns>The query.</returns>
    public static CreatorQuery RandomQuery(Random random)
    {
        var sort = Sorts[random.Next(Sorts.Length)];
        var query = new CreatorQuery
        {
            Sort = sort,
            Score = sort != CreatorSort.Score ? null : random.Next(2) == 0 ? new ReachScore() : RandomCatalogScore(random),
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

        if (random.Next(5) == 0)
        {
            query = query with { Platform = random.Next(2) == 0 ? Platform.TikTok : Platform.Instagram };
        }

        if (random.Next(5) == 0)
        {
            query = query with { Tiers = FollowerTier.List.Where(_ => random.Next(2) == 0).ToArray() };
        }

        if (random.Next(5) == 0)
        {
            Language[] languages = [Language.English, Language.Spanish, Language.Portuguese, Language.Korean];
            query = query with { Languages = languages[..random.Next(1, 4)], IndustryLabels = CreatorGenerator.IndustryLabels.Take(random.Next(0, 3)).ToArray() };
        }

        if (random.Next(5) == 0)
        {
            var low = (long)Math.Pow(10, random.Next(1, 5));
            query = query with { MedianViews = new(low, null), AverageViews = new(null, low * 50) };
        }

        if (random.Next(5) == 0)
        {
            query = query with { PastCampaignCount = new(random.Next(0, 3), random.Next(2) == 0 ? null : 8) };
        }

        if (random.Next(5) == 0)
        {
            query = query with { FollowerAges = [new(AgeBucket.From18To24, random.NextDouble() * 0.5)] };
        }

        if (random.Next(5) == 0)
        {
            query = query with { Excluded = Listings.Where((_, i) => i % 3 == 0).Select(c => c.Id).ToArray() };
        }

        if (random.Next(3) == 0)
        {
            // Around the generated facts: violations up to two years back, ages near 18 and 19, Korea's launch.
            var policy = random.Next(2) == 0 ? MarketplacePolicy.TikTokCreatorMarketplace : TwoVersionPolicy;
            query = query with { Eligibility = new(policy, Now + Duration.FromHours(random.Next(-800 * 24, 800 * 24))) };
        }

        if (random.Next(3) == 0)
        {
            query = query with { IncludeFacets = false };
        }

        return query;
    }
}

/// <summary>Expected engaged followers: a score that is unknown whenever the engagement rate is.</summary>
internal sealed class ReachScore : ICreatorScore
{
    public string Name => "reach";

    public double? Score(CreatorListing creator) => creator.PrimaryAccount.Stats.EngagementRate * creator.PrimaryAccount.Stats.Followers;
}
