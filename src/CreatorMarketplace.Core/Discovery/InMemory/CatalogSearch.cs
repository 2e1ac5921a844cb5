using System.Buffers;
using System.Numerics;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// One search over one snapshot. The query's terms the columns hold are pushed down and narrow a bitset of rows,
/// cheapest first: key bitmaps (countries, languages, labels, tiers, badges, currency), then the numeric columns 64
/// rows at a time with vector compares, skipping words with no candidate left; a keyword of two bytes or more first
/// keeps the rows in the bitmaps of each of its byte pairs' buckets (<see cref="TextPairs"/>), and is then matched on
/// each candidate's folded text. Only rows the columns cannot decide (a float equal to a bound) are checked on their listings, by the
/// terms pushed down as bounds, and the terms no column holds (the residual) are checked on every candidate. The page
/// is ranked on the sort column and only the best rows are ordered exactly; facets are popcounts of the result
/// against each key's bitmap.
/// </summary>
internal sealed partial class CatalogSearch : IDisposable
{
    private readonly CatalogSnapshot _snapshot;
    private readonly CreatorQuery _query;
    private readonly int _words;
    private readonly ulong[] _match;
    private readonly ulong[] _edge;
    private readonly bool[] _edged; // by chunk: whether its words of _edge hold this search's edges

    // On the primary account the account's numbers are in the columns; another platform's are only on the listing.
    private readonly bool _onPrimary;
    private readonly (int Column, bool Descending)? _sortColumn; // where the page is ranked on a column (SortColumn)

    // The keyword, folded once for the search and matched against each row's folded text (null without one), and
    // the query less its keyword, which positions are taken on: the rank comes from the folded text.
    private readonly byte[]? _keyword;
    private readonly CreatorQuery _onListings;

    // The terms pushed down, in the columns' form; the terms the columns may leave undecided at a row (a float equal
    // to a bound, a market's threshold), to check on that row's listing; and the terms no column holds.
    private readonly List<int[]> _anyOf = [];
    private readonly List<ColumnBound> _bounds = [];
    private readonly List<CreatorQueryTerm> _onEdges = [];
    private readonly ResidualFilter _residual;
    private bool _refuseOnVacation;
    private bool _keepKeywordMatches;
    private EligibilityColumns? _eligibility;
    private IReadOnlyCollection<CreatorId> _excluded = [];
    private PerCore<BestCodes>? _bestCodes; // filled by the filters where they can (BestCodesWhileFiltering)

    private CatalogSearch(CatalogSnapshot snapshot, CreatorQuery query, Func<CreatorQueryTerm, bool> mayPushDown)
    {
        _snapshot = snapshot;
        _query = query;
        _onPrimary = query.Platform is null;
        _sortColumn = SortColumn(query, _onPrimary);
        _keyword = query.Keyword is { } keyword ? FoldedText.Keyword(keyword) : null;
        _onListings = query.Keyword is null ? query : query with { Keyword = null };
        _residual = query.PushDown(term => mayPushDown(term) && TryPushDown(term));
        _words = Bits.WordsFor(snapshot.Count);
        _match = ArrayPool<ulong>.Shared.Rent(Math.Max(_words, 1));
        _edge = ArrayPool<ulong>.Shared.Rent(Math.Max(_words, 1)); // a chunk's words cleared at its first edge (ChunkEdges)
        _edged = new bool[snapshot.Chunks.Length];
    }

    /// <summary>Searches a snapshot, pushing down the terms <paramref name="mayPushDown"/> allows (all, but in tests).</summary>
    public static CreatorSearchPage Run(CatalogSnapshot snapshot, CreatorQuery query, Func<CreatorQueryTerm, bool> mayPushDown)
    {
        using var search = new CatalogSearch(snapshot, query, mayPushDown);
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

    /// <summary>The terms of a query the search of a snapshot leaves to the residual check.</summary>
    public static IReadOnlyList<CreatorQueryTerm> ResidualOf(CatalogSnapshot snapshot, CreatorQuery query)
    {
        using var search = new CatalogSearch(snapshot, query, static _ => true);
        return search._residual.Terms;
    }

    private int Filter()
    {
        // Passes over the chunks, each chunk's words apart from every other's: the keys, then the bounds in the order
        // a sample of the keys' result finds most selective, then (after the exclusions, looked up by id) the rest.
        ForEachChunk(KeepKeyed);
        var bounds = MostSelectiveFirst(_bounds);
        var total = 0;
        if (bounds.Length > 0 || _eligibility is not null)
        {
            // Without exclusions or a keyword nothing comes between a chunk's bounds and its last checks: one pass,
            // which also keeps the chunk's rows that may make a page ranked on a coded column, where it can.
            var finishHere = _excluded.Count == 0 && !_keepKeywordMatches;
            var bestCodes = finishHere ? BestCodesWhileFiltering() : null;
            var (column, descending) = _sortColumn ?? default;
            ForEachChunk((chunk, first, end) =>
            {
                KeepInBounds(chunk, bounds, first, end);
                if (finishHere)
                {
                    Interlocked.Add(ref total, Finish(chunk, first, end));
                    bestCodes?.With(best => KeepBestByCode(best, column, descending, first, end));
                }
            });

            if (finishHere)
            {
                _bestCodes = bestCodes;
                return total;
            }
        }

        foreach (var excluded in _excluded)
        {
            if (_snapshot.RowOf(excluded) is var row and >= 0)
            {
                Bits.Clear(_match, row);
            }
        }

        ForEachChunk((chunk, first, end) => Interlocked.Add(ref total, Finish(chunk, first, end)));
        return total;
    }

    // The last pass over a chunk's words: the keyword, the checks on listings, and the count of what is left.
    private int Finish(CatalogChunk chunk, int first, int end)
    {
        if (_keepKeywordMatches)
        {
            KeepKeywordMatches(chunk, _keyword!, first, end);
        }

        CheckOnListings(first, end);
        return Bits.Count(_match.AsSpan(first, end - first));
    }

    /// <summary>
    /// How many rows of a snapshot the key bitmaps leave to a query's later passes: for a keyword alone, the rows the
    /// keyword index leaves its ordinal search to confirm.
    /// </summary>
    public static int KeyedCandidates(CatalogSnapshot snapshot, CreatorQuery query)
    {
        using var search = new CatalogSearch(snapshot, query, static _ => true);
        search.ForEachChunk(search.KeepKeyed);
        return search.Candidates();
    }

    /// <summary>The creators of the rows <see cref="KeyedCandidates"/> counts, in row order (for tests of which rows the keyword index keeps).</summary>
    public static IReadOnlyList<CreatorId> KeyedCreators(CatalogSnapshot snapshot, CreatorQuery query)
    {
        using var search = new CatalogSearch(snapshot, query, static _ => true);
        search.ForEachChunk(search.KeepKeyed);
        var creators = new List<CreatorId>();
        for (var word = 0; word < search._words; word++)
        {
            for (var set = search._match[word]; set != 0; set &= set - 1)
            {
                creators.Add(snapshot.IdAt(Bits.LowestRow(word, set)));
            }
        }

        return creators;
    }

    // The rows still in the result.
    private int Candidates() => Bits.Count(_match.AsSpan(0, _words));

    // Translates a term into the columns' form; false for a term no column holds (another platform's numbers,
    // subdivisions, audience countries, major audience buckets), which the residual check then decides.
    private bool TryPushDown(CreatorQueryTerm term)
    {
        var keys = _snapshot.Keys;
        switch (term)
        {
            case CreatorQueryTerm.Countries countries:
                return AnyOf(Ordinals(keys.Countries, countries.AnyOf));
            case CreatorQueryTerm.Languages languages:
                return AnyOf(Ordinals(keys.Languages, languages.AnyOf));
            case CreatorQueryTerm.ContentLabels labels:
                return AnyOf(Ordinals(keys.ContentLabels, labels.AnyOf));
            case CreatorQueryTerm.IndustryLabels labels:
                return AnyOf(Ordinals(keys.IndustryLabels, labels.AnyOf));
            case CreatorQueryTerm.Tiers { Platform: null } tiers:
                return AnyOf(tiers.AnyOf.Select(CatalogKeys.TierOrdinal).ToArray());
            case CreatorQueryTerm.ResponsiveBadge:
                return AnyOf([CatalogKeys.Responsive]);
            case CreatorQueryTerm.ExcludeOnVacation:
                _refuseOnVacation = true;
                return true;
            case CreatorQueryTerm.Price price:
                var (currency, bound) = PriceBound(price.Range);
                _anyOf.Add(keys.Currencies.TryGetValue(currency, out var ordinal) ? [ordinal] : []);
                return OnColumn(term, bound);
            case CreatorQueryTerm.Followers { Platform: null } followers:
                return OnColumn(term, Bound(NumberColumn.Followers, followers.Range));
            case CreatorQueryTerm.AverageViews { Platform: null } views:
                return OnColumn(term, Bound(NumberColumn.AverageViews, views.Range));
            case CreatorQueryTerm.MedianViews { Platform: null } views:
                return OnColumn(term, Bound(NumberColumn.MedianViews, views.Range));
            case CreatorQueryTerm.EngagementRate { Platform: null } rate:
                return OnColumn(term, new(NumberColumn.EngagementRate, Low(rate.Range.Min), High(rate.Range.Max), Exact: rate.Range));
            case CreatorQueryTerm.PastCampaignCount campaigns:
                return OnColumn(term, new(NumberColumn.PastCampaigns, Low(campaigns.Range.Min), High(campaigns.Range.Max), WholeNumbers: true));
            case CreatorQueryTerm.FollowerGender { Threshold: var gender }:
                return OnColumn(term, new(NumberColumn.Of(gender.Bucket), (float)gender.MinShare, float.PositiveInfinity));
            case CreatorQueryTerm.FollowerAge { Threshold: var age }:
                return OnColumn(term, new(NumberColumn.Of(age.Bucket), (float)age.MinShare, float.PositiveInfinity));
            case CreatorQueryTerm.Eligibility eligibility:
                _eligibility = EligibilityColumns.Compile(eligibility.Filter, keys);
                _onEdges.Add(term);
                return true;
            case CreatorQueryTerm.Excluded excluded:
                _excluded = excluded.Creators;
                return true;
            case CreatorQueryTerm.Keyword:
                // The keyword's pair buckets narrow the rows with the other keys, so that only rows holding every
                // pair of the keyword (and a few whose buckets other pairs share) have their text searched.
                Span<int> pairs = stackalloc int[TextPairs.Buckets];
                foreach (var pair in pairs[..TextPairs.OrdinalsOf(_keyword!, pairs)])
                {
                    _anyOf.Add([pair]);
                }

                _keepKeywordMatches = true;
                return true;
            default:
                return false;
        }
    }

    // A term decided on key bitmaps: a row has at least one of the keys.
    private bool AnyOf(int[] ordinals)
    {
        _anyOf.Add(ordinals);
        return true;
    }

    // A term decided on a column, except at rows whose float equals a bound's, where its listing decides.
    private bool OnColumn(CreatorQueryTerm term, ColumnBound bound)
    {
        _bounds.Add(bound);
        _onEdges.Add(term);
        return true;
    }
}
