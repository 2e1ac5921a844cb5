using CreatorMarketplace.Creators;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Testing.Tests;

public class CreatorGeneratorTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 0, 0);

    private static List<Creator> Generate(int seed, int count) => new CreatorGenerator(seed, new FakeClock(Now)).Generate(count).ToList();

    [Fact]
    public void The_same_seed_gives_the_same_creators()
    {
        var first = Generate(42, 300);
        var second = Generate(42, 300);

        first.Select(c => c.Id).ShouldBe(second.Select(c => c.Id));
        first.Select(c => (c.Profile, c.PrimaryAccount, c.Audience, c.RateCard, c.PastCampaignCount))
            .ShouldBe(second.Select(c => (c.Profile, c.PrimaryAccount, c.Audience, c.RateCard, c.PastCampaignCount)));
        Generate(43, 300).Select(c => c.Id).ShouldNotBe(first.Select(c => c.Id));
    }

    [Fact]
    public void Generated_creators_are_valid_stored_and_distinct()
    {
        var creators = Generate(7, 2_000);

        creators.ShouldAllBe(c => c.Profile.Validate().Count == 0 && c.Version == 1 && c.PendingEvents.Count == 0);
        creators.Select(c => c.Id).ShouldBeUnique();
        creators.Select(c => c.PrimaryAccount.Handle).ShouldBeUnique();
        creators.ShouldAllBe(c => Math.Abs(c.Audience.Countries!.Total - 1) < 1e-9 && Math.Abs(c.Audience.Age!.Total - 1) < 1e-9);
    }

    [Fact]
    public void Followers_are_skewed_like_a_real_catalog()
    {
        var creators = Generate(11, 10_000);
        var byTier = creators.GroupBy(c => c.Tier).ToDictionary(g => g.Key, g => g.Count());

        // Log-normal: most creators are small, a few are very large.
        byTier[FollowerTier.Micro].ShouldBeGreaterThan(byTier[FollowerTier.Mid]);
        byTier[FollowerTier.Mid].ShouldBeGreaterThan(byTier[FollowerTier.Mega]);
        byTier.GetValueOrDefault(FollowerTier.Mega).ShouldBeGreaterThan(0);
        creators.Count(c => c.Profile.HomeCountry == Country.US).ShouldBeInRange(2_000, 4_000);

        // Engagement falls with size.
        double MedianEngagement(FollowerTier tier) => creators.Where(c => c.Tier == tier).Select(c => c.PrimaryAccount.Stats.EngagementRate!.Value).Order().ElementAt(byTier[tier] / 2);
        MedianEngagement(FollowerTier.Nano).ShouldBeGreaterThan(MedianEngagement(FollowerTier.Macro));
    }
}
