using System.Buffers;
using System.Numerics;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// One search over one snapshot. Filters narrow a bitset of rows, cheapest first: key bitmaps (countries,
/// languages, labels, tiers, badges, currency), then the numeric columns 64 rows at a time with vector compares,
/// skipping words with no candidate left; only rows the columns cannot decide (a float equal to a bound, a filter
/// with no column) are checked on their listings; a keyword is matched on each row's folded text. The page is ranked on the sort column and only the best rows
/// are ordered exactly; facets are popcounts of the result against each key's bitmap.
/// </summary>
internal sealed partial class CatalogSearch : IDisposable
{
    private readonly CatalogSnapshot _snapshot;
    private readonly CreatorQuery _query;
    private readonly int _words;
    private readonly ulong[] _match;
    private readonly ulong[] _edge;

    // On the primary account the account's numbers are in the columns; another platform's are only on the listing.
    private readonly bool _onPrimary;

    // The keyword, folded once for the search and matched against each row's folded text (null without one), and
    // the query less its keyword, which is what the listings are checked against.
    private readonly byte[]? _keyword;
    private readonly CreatorQuery _onListings;

    private CatalogSearch(CatalogSnapshot snapshot, CreatorQuery query)
    {
        _snapshot = snapshot;
        _query = query;
        _onPrimary = query.Platform is null;
        _keyword = query.Keyword is { } keyword ? FoldedText.Keyword(keyword) : null;
        _onListings = query.Keyword is null ? query : query with { Keyword = null };
        _words = Bits.WordsFor(snapshot.Count);
        _match = ArrayPool<ulong>.Shared.Rent(Math.Max(_words, 1));
        _edge = ArrayPool<ulong>.Shared.Rent(Math.Max(_words, 1));
        Array.Clear(_edge, 0, _words);
    }

    public static CreatorSearchPage Run(CatalogSnapshot snapshot, CreatorQuery query)
    {
        using var search = new CatalogSearch(snapshot, query);
        var total = search.Filter();
        var facets = query.IncludeFacets ? search.Facets() : null; // before paging, which drops rows before the cursor
        var (items, next) = search.Page(total);
        return new CreatorSearchPage(items, total, facets, next);
    }

    public void Dispose()
    {
        ArrayPool<ulong>.Shared.Return(_match);
        ArrayPool<ulong>.Shared.Return(_edge);
    }

    private int Filter()
    {
        var query = _query;
        var keys = _snapshot.Keys;
        Array.Fill(_match, ulong.MaxValue, 0, _words);
        if (_snapshot.Count % 64 != 0)
        {
            _match[_words - 1] = Bits.Before(_snapshot.Count);
        }

        RequireAnyOf(keys.Countries, query.Countries);
        RequireAnyOf(keys.Languages, query.Languages);
        RequireAnyOf(keys.ContentLabels, query.ContentLabels);
        RequireAnyOf(keys.IndustryLabels, query.IndustryLabels);
        if (_onPrimary && query.Tiers.Count > 0)
        {
            RequireAny(query.Tiers.Select(CatalogKeys.TierOrdinal).ToArray());
        }

        if (query.RequireResponsiveBadge)
        {
            RequireAny([CatalogKeys.Responsive]);
        }

        if (query.ExcludeOnVacation)
        {
            Refuse(CatalogKeys.OnVacation);
        }

        var bounds = new List<ColumnBound>();
        if (PriceBounds(query.Price) is { } price)
        {
            RequireAny(keys.Currencies.TryGetValue(price.Currency, out var currency) ? [currency] : []);
            bounds.Add(price.Bound);
        }

        DropRetired();
        if (_onPrimary)
        {
            AddBound(bounds, NumberColumn.Followers, query.Followers);
            AddBound(bounds, NumberColumn.AverageViews, query.AverageViews);
            AddBound(bounds, NumberColumn.MedianViews, query.MedianViews);
            if (!query.EngagementRate.IsAny)
            {
                bounds.Add(new(NumberColumn.EngagementRate, Low(query.EngagementRate.Min), High(query.EngagementRate.Max)));
            }
        }

        if (!query.PastCampaignCount.IsAny)
        {
            bounds.Add(new(NumberColumn.PastCampaigns, Low(query.PastCampaignCount.Min), High(query.PastCampaignCount.Max)));
        }

        if (query.FollowerGender is { } gender)
        {
            bounds.Add(new(NumberColumn.Of(gender.Bucket), (float)gender.MinShare, float.PositiveInfinity));
        }

        foreach (var age in query.FollowerAges)
        {
            bounds.Add(new(NumberColumn.Of(age.Bucket), (float)age.MinShare, float.PositiveInfinity));
        }

        ApplyBounds(bounds);
        if (query.Eligibility is { } eligibility)
        {
            ApplyEligibility(EligibilityColumns.Compile(eligibility, keys));
        }

        foreach (var excluded in query.Excluded)
        {
            if (_snapshot.RowOf(excluded) is var row and >= 0)
            {
                Bits.Clear(_match, row);
            }
        }

        if (_keyword is not null)
        {
            KeepKeywordMatches(_keyword);
        }

        CheckOnListings(everyRow: NeedsListing(_onListings));
        var total = 0;
        for (var word = 0; word < _words; word++)
        {
            total += BitOperations.PopCount(_match[word]);
        }

        return total;
    }
}
