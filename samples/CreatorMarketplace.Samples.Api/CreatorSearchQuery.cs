using System.Globalization;
using System.Numerics;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using Microsoft.AspNetCore.Mvc;

namespace CreatorMarketplace.Samples.Api;

/// <summary>
/// The query string of a creator search, as text, so that the OpenAPI document lists every parameter and a value
/// that cannot be read is named rather than refused by the binder without its field.
/// </summary>
/// <param name="Country">ISO 3166-1 alpha-2 codes, any of them.</param>
/// <param name="Label">Content labels, any of them.</param>
/// <param name="MinFollowers">The fewest followers.</param>
/// <param name="MaxFollowers">The most followers.</param>
/// <param name="Keyword">A keyword in the handle, the name or the bio.</param>
/// <param name="Sort">relevance, followers, medianViews or engagementRate.</param>
/// <param name="Order">desc (the default) or asc.</param>
/// <param name="PageSize">Creators per page, 20 unless given.</param>
/// <param name="After">The previous page's <c>next</c>; a page after the first comes without facets.</param>
internal sealed record CreatorSearchQuery(
    [FromQuery(Name = "country")] string[]? Country,
    [FromQuery(Name = "label")] string[]? Label,
    [FromQuery(Name = "minFollowers")] string? MinFollowers,
    [FromQuery(Name = "maxFollowers")] string? MaxFollowers,
    [FromQuery(Name = "keyword")] string? Keyword,
    [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "order")] string? Order,
    [FromQuery(Name = "pageSize")] string? PageSize,
    [FromQuery(Name = "after")] string? After)
{
    /// <summary>
    /// The <see cref="CreatorQuery"/>: every parameter that cannot be read is named, and so is every problem
    /// <see cref="CreatorQuery.Validate"/> finds in a query read in full, in one answer.
    /// </summary>
    public Validated<CreatorQuery> ToQuery()
    {
        var errors = new ErrorCollector();
        var query = new CreatorQuery
        {
            Countries = Each(Country, "country", errors, "query.country_unknown", "an ISO 3166-1 alpha-2 country code.", text => CreatorMarketplace.Country.TryFromCode(text, out var country) ? country : null),
            ContentLabels = [.. Each<ContentLabel?>(Label, "label", errors, "query.label_invalid", "a content label id.", text => string.IsNullOrWhiteSpace(text) || text.Length > 64 ? null : new ContentLabel(text)).Select(label => label!.Value)],
            Followers = new NumberRange<long>(Number<long>(MinFollowers, "minFollowers", errors), Number<long>(MaxFollowers, "maxFollowers", errors)),
            Keyword = Keyword,
            Sort = One(Sort, "sort", errors, "query.sort_unknown", $"one of {string.Join(", ", CreatorSort.List.Select(s => s.Name))}.", text => CreatorSort.TryFromName(text, ignoreCase: true, out var sort) ? sort : null) ?? CreatorSort.Relevance,
            Descending = !string.Equals(Order, "asc", StringComparison.OrdinalIgnoreCase),
            PageSize = Number<int>(PageSize, "pageSize", errors) ?? 20,
            After = One(After, "after", errors, "query.cursor_invalid", "the next of the previous page.", text => SearchCursor.TryParse(text, out var after) ? after : (SearchPosition?)null),

            // A later page has the first page's filters, and so its facets: only the first page counts them.
            IncludeFacets = After is null,
        };

        // The query's own problems are checked only on a query read in full: a parameter left out would be reported twice.
        return errors.HasErrors ? new Invalid(errors.Errors) : errors.AddRange(query.Validate()).ToResult(() => query);
    }

    private static List<T> Each<T>(IEnumerable<string?>? texts, string name, ErrorCollector errors, string code, string expected, Func<string, T?> read)
    {
        var values = new List<T>();
        foreach (var text in texts ?? [])
        {
            if (text is not null && read(text) is { } value)
            {
                values.Add(value);
            }
            else
            {
                errors.Add(name, code, $"expected {expected}");
            }
        }

        return values;
    }

    private static T? One<T>(string? text, string name, ErrorCollector errors, string code, string expected, Func<string, T?> read) =>
        text is null ? default : Each([text], name, errors, code, expected, read).LastOrDefault();

    private static T? Number<T>(string? text, string name, ErrorCollector errors)
        where T : struct, INumber<T> =>
        One<T?>(text, name, errors, "query.number_invalid", "a whole number.", text => T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null);
}
