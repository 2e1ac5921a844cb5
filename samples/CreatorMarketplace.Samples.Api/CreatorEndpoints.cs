using System.Globalization;
using CreatorMarketplace.AspNetCore;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage;

namespace CreatorMarketplace.Samples.Api;

/// <summary>Creator search with facets and keyset paging, and one creator by id.</summary>
internal static class CreatorEndpoints
{
    public static IEndpointRouteBuilder MapCreators(this IEndpointRouteBuilder app)
    {
        var creators = app.MapGroup("/creators").WithTags("Creators");
        creators.MapGet("/", SearchAsync)
            .WithName("SearchCreators")
            .WithSummary("Searches creators, with facets and keyset paging.");
        creators.MapGet("/{id}", FindAsync).WithName("GetCreator").WithSummary("One creator's listing.");
        return app;
    }

    private static async Task<IResult> SearchAsync([AsParameters] CreatorSearchQuery parameters, ICreatorCatalog catalog, CancellationToken cancellationToken)
    {
        var query = parameters.ToQuery();
        Validated<CreatorSearchPage> found = query.IsValid
            ? (await catalog.SearchAsync(query.AsT0, cancellationToken)).Match<Validated<CreatorSearchPage>>(page => page, invalid => invalid)
            : query.AsT1;
        return found.ToHttpResult(page => TypedResults.Ok(CreatorSearchResponse.Of(page)));
    }

    private static Task<IResult> FindAsync(CreatorId id, IRepository<Creator, CreatorId> creators, CancellationToken cancellationToken) =>
        creators.WithAsync(id, creator => Task.FromResult<IResult>(TypedResults.Ok(creator.ToListing())), cancellationToken);
}

/// <summary>A page of creators as the API answers it: the facets by code and the cursor of the next page as text.</summary>
/// <param name="Items">The creators on this page.</param>
/// <param name="TotalCount">How many creators match in all.</param>
/// <param name="Facets">Matches per country, language, content label and tier; on the first page only.</param>
/// <param name="Next">The <c>after</c> of the next page, or null on the last.</param>
internal sealed record CreatorSearchResponse(IReadOnlyList<CreatorListing> Items, int TotalCount, CreatorSearchFacets? Facets, string? Next)
{
    public static CreatorSearchResponse Of(CreatorSearchPage page) => new(
        page.Items,
        page.TotalCount,
        page.Facets is { } facets
            ? new CreatorSearchFacets(
                facets.ByCountry.ToDictionary(f => f.Key.Code, f => f.Value),
                facets.ByLanguage.ToDictionary(f => f.Key.Code, f => f.Value),
                facets.ByContentLabel.ToDictionary(f => f.Key.Id, f => f.Value),
                facets.ByTier.ToDictionary(f => f.Key.Name, f => f.Value))
            : null,
        page.Next is { } next ? SearchCursor.Format(next) : null);
}

/// <summary>The facets of a search, keyed by code.</summary>
/// <param name="Country">Matches per country code.</param>
/// <param name="Language">Matches per language code.</param>
/// <param name="ContentLabel">Matches per content label.</param>
/// <param name="Tier">Matches per follower tier.</param>
internal sealed record CreatorSearchFacets(
    IReadOnlyDictionary<string, int> Country,
    IReadOnlyDictionary<string, int> Language,
    IReadOnlyDictionary<string, int> ContentLabel,
    IReadOnlyDictionary<string, int> Tier);

/// <summary>A keyset cursor (<see cref="SearchPosition"/>) as the text of a query string: <c>rank~value~creator</c>.</summary>
internal static class SearchCursor
{
    private const char Separator = '~';

    public static string Format(SearchPosition position) => string.Join(
        Separator,
        position.Rank.ToString(CultureInfo.InvariantCulture),
        position.Value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty,
        position.Creator.ToString());

    public static bool TryParse(string text, out SearchPosition position)
    {
        position = default;
        var parts = text.Split(Separator);
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
            || !CreatorId.TryParse(parts[2], out var creator))
        {
            return false;
        }

        double? value = null;
        if (parts[1].Length > 0)
        {
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            value = number;
        }

        position = new SearchPosition(rank, value, creator);
        return true;
    }
}
