using CreatorMarketplace.Creators;
using OneOf;

namespace CreatorMarketplace.Discovery;

/// <summary>The outcome of a search: a <see cref="CreatorSearchPage"/>, or <see cref="Invalid"/> when the query is not valid.</summary>
[Union]
public sealed partial class CreatorSearchResult : OneOfBase<CreatorSearchPage, Invalid>
{
}

/// <summary>One page of search results with the total number of matches and the facets of all matches.</summary>
/// <param name="Items">The creators on this page, in the query's order.</param>
/// <param name="TotalCount">How many creators match in all (every page; a cursor does not reduce it).</param>
/// <param name="Facets">
/// Counts of all matches by country, language, content label and tier; null when the query did not ask for them
/// (<see cref="CreatorQuery.IncludeFacets"/>).
/// </param>
/// <param name="Next">The cursor for the next page (set it as <see cref="CreatorQuery.After"/>), or null on the last page.</param>
public sealed record CreatorSearchPage(IReadOnlyList<CreatorListing> Items, int TotalCount, CreatorFacets? Facets, SearchPosition? Next);

/// <summary>
/// How many matching creators fall in each bucket, for a discovery UI's filters. A creator with two languages or
/// labels counts once in each; buckets with no creator are left out.
/// </summary>
/// <param name="ByCountry">Matches per home country.</param>
/// <param name="ByLanguage">Matches per language.</param>
/// <param name="ByContentLabel">Matches per content label.</param>
/// <param name="ByTier">Matches per follower tier (of the filtered account).</param>
public sealed record CreatorFacets(
    IReadOnlyDictionary<Country, int> ByCountry,
    IReadOnlyDictionary<Language, int> ByLanguage,
    IReadOnlyDictionary<ContentLabel, int> ByContentLabel,
    IReadOnlyDictionary<FollowerTier, int> ByTier);
