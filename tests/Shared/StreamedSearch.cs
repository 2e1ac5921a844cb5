using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;

namespace CreatorMarketplace.Tests;

/// <summary>
/// The plain answer to several queries over a stream of listings, by each query's own <see cref="CreatorQuery.Matches"/>
/// and order, in one pass that keeps nothing but each query's first page: the check for a catalog too large to hold
/// its listings twice (<see cref="ReferenceCreatorCatalog"/> holds every one). Compiled into the tests and the
/// benchmarks.
/// </summary>
internal static class StreamedSearch
{
    /// <summary>Each query's total and first page (no cursor, no facets), in the order of <paramref name="queries"/>.</summary>
    public static (int Total, CreatorListing[] Page)[] Answer(IEnumerable<CreatorListing> listings, IReadOnlyList<CreatorQuery> queries)
    {
        var totals = new int[queries.Count];
        // Each page's last creator on top, to be replaced by a match that comes earlier; a position is taken once per
        // match, as a score computed per comparison would cost more than the pass.
        var pages = queries
            .Select(query => new PriorityQueue<CreatorListing, SearchPosition>(query.PageSize + 1, Comparer<SearchPosition>.Create((a, b) => query.Compare(b, a))))
            .ToArray();
        foreach (var listing in listings)
        {
            for (var i = 0; i < queries.Count; i++)
            {
                var query = queries[i];
                if (!query.Matches(listing))
                {
                    continue;
                }

                totals[i]++;
                var (page, position) = (pages[i], query.PositionOf(listing));
                if (page.Count < query.PageSize)
                {
                    page.Enqueue(listing, position);
                }
                else if (page.TryPeek(out _, out var last) && query.Compare(position, last) < 0)
                {
                    page.EnqueueDequeue(listing, position);
                }
            }
        }

        return [.. totals.Select((total, i) => (total, Drained(pages[i])))];
    }

    // The heap's creators, first first.
    private static CreatorListing[] Drained(PriorityQueue<CreatorListing, SearchPosition> page)
    {
        var listings = new CreatorListing[page.Count];
        for (var i = listings.Length - 1; i >= 0; i--)
        {
            listings[i] = page.Dequeue();
        }

        return listings;
    }
}
