using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Scoring;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Scoring;

public class PeerBenchmarkCatalogTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 11, 25, 12, 0));

    [Property(MaxTest = 20)]
    public Property The_catalogs_benchmarks_are_those_of_its_living_creators_values_as_floats(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var generated = new CreatorGenerator(seed.Get, Clock).Generate(400 + random.Next(400)).Select(c => c.ToListing()).ToList();
        var catalog = new InMemoryCreatorCatalog();
        foreach (var listing in generated)
        {
            catalog.UpsertAsync(listing).AsTask().GetAwaiter().GetResult();
        }

        // Some creators leave: their rows stay in the columns, retired, and must not count.
        var removed = generated.Where(_ => random.Next(5) == 0).Select(l => l.Id).ToHashSet();
        foreach (var id in removed)
        {
            catalog.RemoveAsync(id).AsTask().GetAwaiter().GetResult();
        }

        var living = generated.Where(l => !removed.Contains(l.Id)).ToList();
        return (PeerMetric.List.All(metric =>
        {
            var onColumns = catalog.BenchmarkPeers(metric);
            var exact = PeerBenchmarks.Build(living.Select(l => (PeerGroup.Of(l), metric.ValueOf(l) is { } value ? (double?)(float)value : null)));
            return onColumns.Groups.ToHashSet().SetEquals(exact.Groups)
                && exact.Groups.All(group => onColumns.QuartilesOf(group) == exact.QuartilesOf(group)
                    && living.Where(l => PeerGroup.Of(l) == group).All(l => metric.ValueOf(l) is not { } value
                        || onColumns.PercentileRank(group, (float)value) == exact.PercentileRank(group, (float)value)));
        })).Label("The catalogs benchmarks are those of its living creators values as floats");
    }

    [Fact]
    public async Task A_group_holds_only_creators_of_its_label_tier_and_market()
    {
        var listings = new CreatorGenerator(5, Clock).Generate(2_000).Select(c => c.ToListing()).ToList();
        var catalog = new InMemoryCreatorCatalog();
        foreach (var listing in listings)
        {
            (await catalog.UpsertAsync(listing)).ShouldBeTrue();
        }

        var benchmarks = catalog.BenchmarkPeers(PeerMetric.Followers);
        var group = benchmarks.Groups.MaxBy(g => benchmarks.QuartilesOf(g)!.Count);
        var peers = listings.Where(l => PeerGroup.Of(l) == group).Select(l => (double)l.PrimaryAccount.Stats.Followers).Order().ToArray();

        benchmarks.QuartilesOf(group)!.Count.ShouldBe(peers.Length);
        benchmarks.QuartilesOf(group)!.P50.ShouldBe(peers.Length % 2 == 1 ? peers[peers.Length / 2] : (peers[(peers.Length / 2) - 1] + peers[peers.Length / 2]) / 2);
        benchmarks.PercentileRank(group, peers[0] - 1).ShouldBe(0);
    }
}
