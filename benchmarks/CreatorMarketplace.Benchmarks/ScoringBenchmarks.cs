using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Scoring;
using NodaTime;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// Scoring a generated catalog with a <see cref="CatalogScore"/> (engagement, views per follower, past campaigns and
/// audience fit to a target gender and age mix): every creator at once, and a six-filter discovery query sorted by the
/// score with its top 100; and benchmarking every peer group (label × tier × market) on engagement rate, with the
/// quartiles of each. The baselines are the LINQ a user would write over the same listings; the scored search is also
/// held against the best plain C# (<see cref="FlatCreators"/>: the filters on a flat array of structs, the score
/// computed for the matches only, a bounded heap), which is its baseline, with both answers checked equal first.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ScoringBenchmarks
{
    private static readonly CatalogScore Score = CatalogScore.Create(
        new CatalogScoreWeights(),
        Distribution.Create([KeyValuePair.Create(AudienceGender.Female, 0.7), KeyValuePair.Create(AudienceGender.Male, 0.3)]),
        Distribution.Create([KeyValuePair.Create(AgeBucket.From18To24, 0.6), KeyValuePair.Create(AgeBucket.From25To34, 0.4)])).GetValueOrThrow();

    // The discovery benchmarks' six filters, sorted by the score.
    internal static readonly CreatorQuery Query = DiscoveryBenchmarks.Query with { Sort = CreatorSort.Score, Score = Score, PageSize = 100 };

    private readonly IClock _clock = new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
    private List<CreatorListing> _listings = [];
    private InMemoryCreatorCatalog _catalog = new();
    private FlatCreators _flat = null!;

    /// <summary>The catalog size.</summary>
    [Params(1_000_000)]
    public int Creators { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_listings, _catalog) = GeneratedCatalog.Create(Creators, _clock);
        Console.WriteLine($"// matches of the six filters: {_listings.Count(Query.Matches):N0}; peer groups: {_catalog.BenchmarkPeers(PeerMetric.EngagementRate).Groups.Count:N0}");
        _flat = new FlatCreators(_listings);
        var (catalog, flat) = (SearchOnColumns(), SearchWithFlatStructs());
        if (catalog.TotalCount != flat.Total || !catalog.Items.Select(item => item.Id).SequenceEqual(flat.Page.Select(item => item.Id)))
        {
            throw new InvalidOperationException($"The flat structs answer {flat.Total} creators, the catalog {catalog.TotalCount}, or another page.");
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ: score every listing")]
    [BenchmarkCategory("ScoreAll")]
    public double?[] ScoreAllWithLinq() => _listings.Select(Score.Score).ToArray();

    [Benchmark(Description = "InMemoryCreatorCatalog.ScoreAll (columns, vectorised)")]
    [BenchmarkCategory("ScoreAll")]
    public int ScoreAllOnColumns()
    {
        using var scores = _catalog.ScoreAll(Score);
        return scores.Count;
    }

    [Benchmark(Baseline = true, Description = "Flat structs, one loop, score the matches, a heap: top 100")]
    [BenchmarkCategory("Search")]
    public (int Total, CreatorListing[] Page) SearchWithFlatStructs() => _flat.SearchByScore(Query.PageSize, Score);

    [Benchmark(Description = "LINQ: 6 filters, sort by score, top 100")]
    [BenchmarkCategory("Search")]
    public (int, List<CreatorListing>) SearchWithLinq()
    {
        var matches = _listings.Where(Query.Matches).ToList();
        matches.Sort(Query.Compare);
        return (matches.Count, matches.Take(Query.PageSize).ToList());
    }

    [Benchmark(Description = "InMemoryCreatorCatalog: 6 filters + score + top 100")]
    [BenchmarkCategory("Search")]
    public CreatorSearchPage SearchOnColumns() => _catalog.SearchAsync(Query).AsTask().GetAwaiter().GetResult().AsT0;

    [Benchmark(Baseline = true, Description = "LINQ: group by peers, sort, quartiles")]
    [BenchmarkCategory("Peers")]
    public List<(PeerGroup Group, Quartiles Quartiles)> PeersWithLinq() =>
        _listings
            .Where(listing => listing.PrimaryAccount.Stats.EngagementRate is not null)
            .GroupBy(PeerGroup.Of)
            .Select(group =>
            {
                var sorted = group.Select(listing => listing.PrimaryAccount.Stats.EngagementRate!.Value).Order().ToArray();
                double At(double p)
                {
                    var h = (sorted.Length - 1) * p;
                    var low = (int)h;
                    return low + 1 < sorted.Length ? sorted[low] + ((h - low) * (sorted[low + 1] - sorted[low])) : sorted[low];
                }

                return (group.Key, new Quartiles(At(0.25), At(0.5), At(0.75), sorted.Length));
            })
            .ToList();

    [Benchmark(Description = "InMemoryCreatorCatalog.BenchmarkPeers + every group's quartiles")]
    [BenchmarkCategory("Peers")]
    public List<(PeerGroup Group, Quartiles Quartiles)> PeersOnColumns()
    {
        var peers = _catalog.BenchmarkPeers(PeerMetric.EngagementRate);
        return [.. peers.Groups.Select(group => (group, peers.QuartilesOf(group)!))];
    }
}
