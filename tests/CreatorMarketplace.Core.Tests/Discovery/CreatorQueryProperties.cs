using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

public class CreatorQueryProperties
{
    private static readonly IReadOnlyList<Creator> Catalog =
        new CreatorGenerator(5, new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(400).ToList();

    private static readonly CreatorSort[] Sorts = [.. CreatorSort.List.OrderBy(sort => sort.Value)];

    [Property]
    public bool The_result_order_is_a_strict_total_order(NonNegativeInt first, NonNegativeInt second, NonNegativeInt sort, bool descending)
    {
        var query = new CreatorQuery { Sort = Sorts[sort.Get % Sorts.Length], Descending = descending, Keyword = sort.Get % 2 == 0 ? "a" : null };
        var a = Catalog[first.Get % Catalog.Count];
        var b = Catalog[second.Get % Catalog.Count];

        return Math.Sign(query.Compare(a, b)) == -Math.Sign(query.Compare(b, a))
            && (query.Compare(a, b) == 0) == (a.Id == b.Id);
    }

    [Property]
    public bool Narrowing_a_range_never_adds_matches(NonNegativeInt lower, NonNegativeInt extra)
    {
        var wide = new CreatorQuery { Followers = new(lower.Get, null) };
        var narrow = wide with { Followers = new(lower.Get, lower.Get + (long)extra.Get) };

        return Catalog.Where(narrow.Matches).All(wide.Matches);
    }
}
