using BenchmarkDotNet.Attributes;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using NodaTime;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// Keyword search on a generated catalog: "garcia" in a handle, the display name or the bio (ignoring case and
/// accents), sorted by followers, the total and the first page of 50. The baselines are the LINQ a user would write:
/// with the query's own meaning (<see cref="CreatorQuery.Matches"/>, folding every listing's text per search), and
/// with direct lambdas (<c>Contains</c> ignoring case, which finds the same creators here: every "García" has a
/// handle with "garcia"). The setup checks that every engine counts the same matches and returns the same page.
/// </summary>
[MemoryDiagnoser]
public class KeywordBenchmarks
{
    private const string Keyword = "garcia";

    internal static readonly CreatorQuery Query = new() { Keyword = Keyword, Sort = CreatorSort.Followers, PageSize = 50 };

    private List<CreatorListing> _listings = [];
    private InMemoryCreatorCatalog _catalog = new();

    /// <summary>The catalog size.</summary>
    [Params(1_000_000)]
    public int Creators { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_listings, _catalog) = GeneratedCatalog.Create(Creators, new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0)));
        var (linq, lambdas, catalog) = (QueryWithLinq(), LambdasWithLinq(), Catalog());
        if (linq.Item1 != lambdas.Item1 || linq.Item1 != catalog.TotalCount)
        {
            throw new InvalidOperationException($"The engines count different matches for \"{Keyword}\": {linq.Item1}, {lambdas.Item1}, {catalog.TotalCount}.");
        }

        if (!linq.Item2.Select(c => c.Id).SequenceEqual(lambdas.Item2.Select(c => c.Id)) || !linq.Item2.Select(c => c.Id).SequenceEqual(catalog.Items.Select(c => c.Id)))
        {
            throw new InvalidOperationException($"The engines return different first pages for \"{Keyword}\".");
        }

        Console.WriteLine($"// matches of \"{Keyword}\": {linq.Item1:N0} of {Creators:N0}");
    }

    [Benchmark(Baseline = true, Description = "LINQ, the query's meaning: count + top 50")]
    public (int, List<CreatorListing>) QueryWithLinq()
    {
        var matches = _listings.Where(Query.Matches).ToList();
        matches.Sort(Query.Compare);
        return (matches.Count, matches.Take(Query.PageSize).ToList());
    }

    [Benchmark(Description = "LINQ, direct lambdas (OrdinalIgnoreCase): count + top 50")]
    public (int, List<CreatorListing>) LambdasWithLinq() => DirectLambdas(_listings);

    /// <summary>The keyword search as a user writes it with direct lambdas, ignoring case (but not accents).</summary>
    internal static (int, List<CreatorListing>) DirectLambdas(List<CreatorListing> listings)
    {
        var matches = listings
            .Where(listing => listing.Accounts.Any(account => account.Handle.Value.Contains(Keyword, StringComparison.OrdinalIgnoreCase))
                || listing.Profile.DisplayName.Contains(Keyword, StringComparison.OrdinalIgnoreCase)
                || listing.Profile.Bio.Contains(Keyword, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(listing => listing.PrimaryAccount.Stats.Followers)
            .ThenBy(listing => listing.Id)
            .ToList();
        return (matches.Count, matches.Take(Query.PageSize).ToList());
    }

    [Benchmark(Description = "InMemoryCreatorCatalog: count + top 50")]
    public CreatorSearchPage Catalog() => _catalog.SearchAsync(Query).AsTask().GetAwaiter().GetResult().AsT0;
}
