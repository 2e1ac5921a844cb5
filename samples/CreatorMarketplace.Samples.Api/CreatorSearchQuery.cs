using System.Globalization;
using System.Numerics;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;

namespace CreatorMarketplace.Samples.Api;

/// <summary>
/// A <see cref="CreatorQuery"/> from a query string: every parameter that cannot be read is named, and so is every
/// problem <see cref="CreatorQuery.Validate"/> finds in the query read, in one answer.
/// </summary>
internal static class CreatorSearchQuery
{
    public static Validated<CreatorQuery> From(IQueryCollection parameters)
    {
        var errors = new ErrorCollector();
        var query = new CreatorQuery
        {
            Countries = Each(parameters, "country", errors, "query.country_unknown", "an ISO 3166-1 alpha-2 country code.", text => Country.TryFromCode(text, out var country) ? country : null),
            ContentLabels = Each<ContentLabel?>(parameters, "label", errors, "query.label_invalid", "a content label id.", text => string.IsNullOrWhiteSpace(text) || text.Length > 64 ? null : new ContentLabel(text)).Select(label => label!.Value).ToArray(),
            Followers = new NumberRange<long>(Number<long>(parameters, "minFollowers", errors), Number<long>(parameters, "maxFollowers", errors)),
            Keyword = parameters["keyword"].FirstOrDefault(),
            Sort = One(parameters, "sort", errors, "query.sort_unknown", $"one of {string.Join(", ", CreatorSort.List.Select(s => s.Name))}.", text => CreatorSort.TryFromName(text, ignoreCase: true, out var sort) ? sort : null) ?? CreatorSort.Relevance,
            Descending = !string.Equals(parameters["order"].FirstOrDefault(), "asc", StringComparison.OrdinalIgnoreCase),
            PageSize = Number<int>(parameters, "pageSize", errors) ?? 20,
            After = One(parameters, "after", errors, "query.cursor_invalid", "the next of the previous page.", text => SearchCursor.TryParse(text, out var after) ? after : (SearchPosition?)null),
        };

        // The query's own problems are checked only on a query read in full: a parameter left out would be reported twice.
        return errors.HasErrors ? new Invalid(errors.Errors) : errors.AddRange(query.Validate()).ToResult(() => query);
    }

    private static IReadOnlyCollection<T> Each<T>(IQueryCollection parameters, string name, ErrorCollector errors, string code, string expected, Func<string, T?> read)
    {
        var values = new List<T>();
        foreach (var text in parameters[name])
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

    private static T? One<T>(IQueryCollection parameters, string name, ErrorCollector errors, string code, string expected, Func<string, T?> read) =>
        parameters.ContainsKey(name) ? Each(parameters, name, errors, code, expected, read).LastOrDefault() : default;

    private static T? Number<T>(IQueryCollection parameters, string name, ErrorCollector errors)
        where T : struct, INumber<T> =>
        One<T?>(parameters, name, errors, "query.number_invalid", "a whole number.", text => T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null);
}
