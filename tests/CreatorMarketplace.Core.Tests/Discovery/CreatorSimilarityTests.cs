using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

public class CreatorSimilarityTests
{
    private static readonly IReadOnlyList<CreatorListing> Catalog =
        new CreatorGenerator(23, new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0))).Generate(300).Select(creator => creator.ToListing()).ToList();

    [Fact]
    public void A_creator_is_wholly_similar_to_itself()
    {
        var similarity = CreatorSimilarity.Between(Catalog[0], Catalog[0]);

        similarity.Score.ShouldBe(1, 1e-9);
        similarity.Components.Sum(c => c.Weight).ShouldBe(1, 1e-9);
        similarity.Components.Select(c => c.Name).ShouldBe(["labels", "tier", "audience countries", "audience gender", "audience age"]);
    }

    [Fact]
    public void Signals_a_creator_lacks_are_left_out_not_counted_as_zero()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 0, 0));
        var creator = new CreatorGenerator(1, clock).Next();
        creator.UpdateAudience(Audience.Unknown, clock);
        var withoutAudience = creator.ToListing();

        var similarity = CreatorSimilarity.Between(withoutAudience, withoutAudience);

        similarity.Components.Select(c => c.Name).ShouldBe(["labels", "tier"]);
        similarity.Components.Select(c => c.Weight).ShouldBe([0.8, 0.2], tolerance: 1e-9);
        similarity.Score.ShouldBe(1, 1e-9);
    }

    [Property(MaxTest = 50)]
    public Property Similarity_is_symmetric_and_between_0_and_1(NonNegativeInt first, NonNegativeInt second)
    {
        var a = Catalog[first.Get % Catalog.Count];
        var b = Catalog[second.Get % Catalog.Count];
        var ab = CreatorSimilarity.Between(a, b).Score;

        return (ab is >= 0 and <= 1).Label("ab is >= 0 and <= 1")
            .And((Math.Abs(ab - CreatorSimilarity.Between(b, a).Score) < 1e-12).Label("Math.Abs(ab - CreatorSimilarity.Between(b, a).Score) < 1e-12"));
    }

    [Fact]
    public void The_most_similar_creators_come_first_without_the_target()
    {
        var target = Catalog[5];

        var similar = CreatorSimilarity.MostSimilar(target, Catalog, 10);

        similar.Count.ShouldBe(10);
        similar.ShouldNotContain(pair => pair.Creator.Id == target.Id);
        similar.Select(pair => pair.Similarity.Score).ShouldBeInOrder(SortDirection.Descending);
        similar[0].Similarity.Score.ShouldBeGreaterThanOrEqualTo(Catalog.Where(c => c.Id != target.Id).Max(c => CreatorSimilarity.Between(target, c).Score) - 1e-12);
    }
}
