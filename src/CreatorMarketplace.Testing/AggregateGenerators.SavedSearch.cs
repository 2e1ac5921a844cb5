using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Eligibility;

namespace CreatorMarketplace.Testing;

// The class is described in AggregateGenerators.cs.
public static partial class AggregateGenerators
{
    private static readonly string[] SavedSearchNames = ["US beauty", "  Spring launch  ", "Micro creators, DE", "Gaming · 18-24", new string('x', 100)];
    private static readonly Country[] SavedSearchCountries = [Country.US, Country.CA, Country.DE, Country.BR, Country.JP, Country.KR];
    private static readonly Subdivision[] SavedSearchSubdivisions = [Subdivision.Parse("US-CA"), Subdivision.Parse("US-NY"), Subdivision.Parse("CA-ON"), Subdivision.Parse("DE-BY")];
    private static readonly string[] SavedSearchKeywords = ["maya", "diy", " home ", "Zoë"];

    /// <summary>
    /// Saved searches saved with a random valid query (filters of every kind, every sort, a score when sorting by
    /// score, an eligibility filter, sometimes a paging cursor that saving drops) and then renamed or given new
    /// queries 0 to 8 times, sometimes with the name and query they already have.
    /// </summary>
    /// <returns>The generator.</returns>
    public static Gen<SavedSearch> SavedSearches() =>
        from id in KernelGenerators.Ids<SavedSearchId>()
        from owner in KernelGenerators.Ids<BrandId>()
        from start in KernelGenerators.Instants()
        from name in Gen.Elements(SavedSearchNames)
        from query in SavedSearchQueries()
        from count in Gen.Choose(0, 8)
        from changes in Gen.ArrayOf(SavedSearchChanges(), count)
        select RunSavedSearch(id, owner, start, name, query, changes);

    private static SavedSearch RunSavedSearch(SavedSearchId id, BrandId owner, Instant start, string name, CreatorQuery query, SavedSearchChange[] changes)
    {
        var clock = new FakeClock(start);
        var search = SavedSearch.Save(id, owner, name, query, clock);
        foreach (var change in changes)
        {
            clock.Advance(change.Wait);
            search.Change(change.Name ?? search.Name, change.Query ?? search.Query, clock);
        }

        return search;
    }

    // A null name or query keeps the one the search has: a rename, a new query, both, or no change at all.
    private static Gen<SavedSearchChange> SavedSearchChanges() =>
        from wait in Gen.Choose(0, 60 * 24 * 30).Select(minutes => Duration.FromMinutes(minutes))
        from name in Gen.Frequency((1, Gen.Constant<string?>(null)), (1, Gen.Elements(SavedSearchNames).Select(n => (string?)n)))
        from query in Gen.Frequency((1, Gen.Constant<CreatorQuery?>(null)), (2, SavedSearchQueries().Select(q => (CreatorQuery?)q)))
        select new SavedSearchChange(wait, name, query);

    private static Gen<CreatorQuery> SavedSearchQueries() =>
        from filters in SavedSearchFilters()
        from audience in SavedSearchAudienceFilters()
        from order in SavedSearchOrders()
        select order(audience(filters));

    private static Gen<CreatorQuery> SavedSearchFilters() =>
        from platform in CreatorMaybeClass(Gen.Elements(Platform.List.OrderBy(p => p.Value).ToArray()))
        from countries in CreatorPick(SavedSearchCountries, 0, 3)
        from subdivisions in CreatorPick(SavedSearchSubdivisions, 0, 2)
        from contentLabels in CreatorPick(CreatorGenerator.ContentLabels, 0, 2)
        from industryLabels in CreatorPick(CreatorGenerator.IndustryLabels, 0, 2)
        from languages in CreatorPick(CreatorLanguages, 0, 2)
        from tiers in CreatorPick(FollowerTier.List.OrderBy(tier => tier.Value).ToArray(), 0, 2)
        from followers in SavedSearchRange(Gen.Choose(0, int.MaxValue).Select(n => (long)n))
        from views in SavedSearchRange(Gen.Choose(0, 10_000_000).Select(n => (long)n))
        from engagement in SavedSearchRange(Gen.Choose(0, 100_000).Select(n => n / 1_000_000d))
        from price in SavedSearchPrices()
        from keyword in CreatorMaybeClass(Gen.Elements(SavedSearchKeywords))
        from excluded in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(KernelGenerators.Ids<CreatorId>(), n))
        from excludeOnVacation in Gen.Elements(true, false)
        select new CreatorQuery
        {
            Platform = platform,
            Countries = countries,
            // A subdivision outside every listed country would contradict them.
            Subdivisions = countries.Length == 0 ? subdivisions : [.. subdivisions.Where(s => countries.Contains(s.Country))],
            ContentLabels = contentLabels,
            IndustryLabels = industryLabels,
            Languages = languages,
            Tiers = tiers,
            Followers = followers,
            AverageViews = views,
            MedianViews = views,
            EngagementRate = engagement,
            Price = price,
            Keyword = keyword,
            Excluded = excluded,
            ExcludeOnVacation = excludeOnVacation,
        };

    private static Gen<Func<CreatorQuery, CreatorQuery>> SavedSearchAudienceFilters() =>
        from countries in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(KernelArbitraries.CountryThreshold().Generator, n))
        from gender in CreatorMaybe(KernelArbitraries.GenderThreshold().Generator)
        from ages in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(KernelArbitraries.AgeThreshold().Generator, n))
        from campaigns in SavedSearchRange(Gen.Choose(0, 100))
        from responsive in Gen.Elements(true, false)
        from majorGender in CreatorMaybeClass(Gen.Elements(AudienceGender.List.OrderBy(g => g.Value).ToArray()))
        from majorAge in CreatorMaybeClass(Gen.Elements(AgeBucket.List.OrderBy(a => a.Value).ToArray()))
        from majorCountry in CreatorMaybeClass(Gen.Elements(SavedSearchCountries))
        from eligibleAt in CreatorMaybe(KernelGenerators.Instants())
        select (Func<CreatorQuery, CreatorQuery>)(query => query with
        {
            FollowerCountries = countries,
            FollowerGender = gender,
            FollowerAges = ages,
            PastCampaignCount = campaigns,
            RequireResponsiveBadge = responsive,
            MajorAudienceGender = majorGender,
            MajorAudienceAge = majorAge,
            MajorAudienceCountry = majorCountry,
            Eligibility = eligibleAt is { } asOf ? new EligibilityFilter(MarketplacePolicy.TikTokCreatorMarketplace, asOf) : null,
        });

    // The order and paging: a score exactly when sorting by score, and a cursor this order produces.
    private static Gen<Func<CreatorQuery, CreatorQuery>> SavedSearchOrders() =>
        from sort in Gen.Elements(CreatorSort.List.OrderBy(sort => sort.Value).ToArray())
        from largestFirst in Gen.Elements(true, false)
        from pageSize in Gen.Frequency((2, Gen.Constant(50)), (1, Gen.Choose(1, CreatorQuery.MaxPageSize)))
        from facets in Gen.Elements(true, false)
        from cursor in CreatorMaybe(KernelArbitraries.SearchPosition().Generator)
        from target in KernelArbitraries.AgeDistribution().Generator
        select (Func<CreatorQuery, CreatorQuery>)(query => query with
        {
            Sort = sort,
            Score = sort == CreatorSort.Score ? CatalogScore.Create(new CatalogScoreWeights(), targetAge: target).GetValueOrThrow() : null,
            Descending = largestFirst,
            PageSize = pageSize,
            IncludeFacets = facets,
            After = cursor is { } after ? after with { Rank = sort == CreatorSort.Relevance ? after.Rank : 0 } : null,
        });

    private static Gen<PriceRange> SavedSearchPrices() =>
        Gen.Frequency(
            (1, Gen.Constant(default(PriceRange))),
            (1, from currency in Gen.Elements(CreatorRateCardCurrencies)
                from amounts in SavedSearchRange(Gen.Choose(0, 100_000).Select(n => (decimal)n))
                select new PriceRange(currency, amounts)));

    // Ranges with either end open and the ends in order, as a valid query needs.
    private static Gen<NumberRange<T>> SavedSearchRange<T>(Gen<T> bounds)
        where T : struct, System.Numerics.INumber<T> =>
        from range in KernelGenerators.NumberRanges(bounds)
        select range.Min is { } min && range.Max is { } max && min > max ? new NumberRange<T>(max, min) : range;

    private sealed record SavedSearchChange(Duration Wait, string? Name, CreatorQuery? Query);
}
