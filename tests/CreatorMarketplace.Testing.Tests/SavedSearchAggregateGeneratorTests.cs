using CreatorMarketplace.Discovery;
using FsCheck.Fluent;

namespace CreatorMarketplace.Testing.Tests;

public class SavedSearchAggregateGeneratorTests
{
    // A fixed seed, so that what the sample reaches is the same on every run.
    private static readonly List<SavedSearch> Sample = AggregateGenerators.SavedSearches().Sample(300, new Rnd(2027UL), 50).ToList();

    [Fact]
    public void Generated_saved_searches_keep_their_rules_and_their_pending_events()
    {
        Sample.ShouldAllBe(s => s.Query.Validate().Count == 0 && s.Query.After == null);
        Sample.ShouldAllBe(s => s.Name.Length >= 1 && s.Name == s.Name.Trim());
        Sample.ShouldAllBe(s => s.PendingEvents.Count >= 1 && s.PendingEvents.Count <= 9);
        Sample.Select(s => s.Id).ShouldBeUnique();
    }

    [Fact]
    public void Generated_saved_searches_reach_every_shape()
    {
        Sample.ShouldContain(s => s.PendingEvents.Count == 1);
        Sample.ShouldContain(s => s.PendingEvents.Count >= 4);
        Sample.Select(s => s.Query.Sort).Distinct().Count().ShouldBe(CreatorSort.List.Count);
        Sample.ShouldContain(s => s.Query.Score != null);
        Sample.ShouldContain(s => s.Query.Eligibility != null);
        Sample.ShouldContain(s => s.Query.Subdivisions.Count > 0 && s.Query.Countries.Count > 0);
        Sample.ShouldContain(s => s.Query.FollowerCountries.Count > 0 && s.Query.FollowerGender != null && s.Query.FollowerAges.Count > 0);
        Sample.ShouldContain(s => s.Query.Price.Currency != null);
        Sample.ShouldContain(s => s.Query.Keyword != null && s.Query.Excluded.Count > 0);
    }
}
