using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

public class CreatorQueryProperties
{
    private static readonly IReadOnlyList<CreatorListing> Catalog =
        new CreatorGenerator(5, new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(400).Select(creator => creator.ToListing()).ToList();

    private static readonly CreatorSort[] Sorts = [.. CreatorSort.List.OrderBy(sort => sort.Value)];

    [Property]
    public Property The_result_order_is_a_strict_total_order(NonNegativeInt first, NonNegativeInt second, NonNegativeInt sort, bool descending)
    {
        var query = new CreatorQuery { Sort = Sorts[sort.Get % Sorts.Length], Descending = descending, Keyword = sort.Get % 2 == 0 ? "a" : null };
        var a = Catalog[first.Get % Catalog.Count];
        var b = Catalog[second.Get % Catalog.Count];

        return (Math.Sign(query.Compare(a, b)) == -Math.Sign(query.Compare(b, a))).Label("Math.Sign(query.Compare(a, b)) == -Math.Sign(query.Compare(b, a))")
            .And(((query.Compare(a, b) == 0) == (a.Id == b.Id)).Label("(query.Compare(a, b) == 0) == (a.Id == b.Id)"));
    }

    [Property(MaxTest = 40)]
    public Property Paging_by_position_yields_every_match_once_in_order(NonNegativeInt sort, bool descending, PositiveInt pageSize)
    {
        var query = new CreatorQuery
        {
            Sort = Sorts[sort.Get % Sorts.Length],
            Descending = descending,
            Keyword = sort.Get % 2 == 0 ? "an" : null,
            PageSize = (pageSize.Get % 40) + 1,
        };
        var expected = Catalog.Where(query.Matches).ToList();
        expected.Sort(query.Compare);

        var paged = new List<CreatorListing>();
        var page = query;
        while (true)
        {
            var items = Catalog.Where(page.Matches).Where(page.IsAfterCursor).ToList();
            items.Sort(page.Compare);
            var taken = items.Take(page.PageSize).ToList();
            paged.AddRange(taken);
            if (taken.Count < page.PageSize)
            {
                break;
            }

            page = page with { After = page.PositionOf(taken[^1]) };
        }

        return (paged.Select(c => c.Id).SequenceEqual(expected.Select(c => c.Id))).Label("paged.Select(c => c.Id).SequenceEqual(expected.Select(c => c.Id))");
    }

    [Property]
    public Property Narrowing_a_range_never_adds_matches(NonNegativeInt lower, NonNegativeInt extra)
    {
        var wide = new CreatorQuery { Followers = new(lower.Get, null) };
        var narrow = wide with { Followers = new(lower.Get, lower.Get + (long)extra.Get) };

        return (Catalog.Where(narrow.Matches).All(wide.Matches)).Label("Catalog.Where(narrow.Matches).All(wide.Matches)");
    }
}
