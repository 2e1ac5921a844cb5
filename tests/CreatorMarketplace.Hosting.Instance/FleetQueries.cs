using CreatorMarketplace.Discovery;
using CreatorMarketplace.Tests.Discovery;

namespace CreatorMarketplace.Hosting.Instance;

/// <summary>
/// The searches the fleet test compares: every creator a page at a time, then random queries (filters, sorts, page
/// sizes) with up to three pages each. One list, compiled into the instance program and into the test, so that an
/// instance's answers and the reference catalog's come from the same queries.
/// </summary>
internal static class FleetQueries
{
    private const int RandomQueries = 24;

    private const int PagesPerQuery = 3;

    /// <summary>The unfiltered query, paged to its end: every creator the catalog holds.</summary>
    public static CreatorQuery Everyone { get; } = new() { PageSize = CreatorQuery.MaxPageSize };

    /// <summary>The queries, <see cref="Everyone"/> first; a random query whose first page has a next one is followed by up to two more pages.</summary>
    public static IReadOnlyList<CreatorQuery> All { get; } = Make();

    /// <summary>
    /// A catalog's answers to every query, each page's as <see cref="CreatorCatalogContract.AnswerAsync"/> writes it,
    /// after the query's index in <see cref="All"/> and the page's number.
    /// </summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="cancellationToken">Cancels the searches.</param>
    /// <returns>The answers, in order.</returns>
    public static async Task<IReadOnlyList<string>> AnswersAsync(ICreatorCatalog catalog, CancellationToken cancellationToken = default)
    {
        var answers = new List<string>();
        foreach (var (index, query) in All.Index())
        {
            var pages = ReferenceEquals(query, Everyone) ? int.MaxValue : PagesPerQuery;
            var next = query;
            for (var page = 1; page <= pages; page++)
            {
                answers.Add($"query {index}, page {page}: {await CreatorCatalogContract.AnswerAsync(catalog, next)}");
                cancellationToken.ThrowIfCancellationRequested();
                if ((await catalog.SearchAsync(next, cancellationToken)).AsT0.Next is not { } after)
                {
                    break;
                }

                next = next with { After = after };
            }
        }

        return answers;
    }

    private static List<CreatorQuery> Make()
    {
        var random = new Random(20261204);
        return [Everyone, .. Enumerable.Range(0, RandomQueries).Select(_ => CreatorCatalogContract.RandomQuery(random))];
    }
}
