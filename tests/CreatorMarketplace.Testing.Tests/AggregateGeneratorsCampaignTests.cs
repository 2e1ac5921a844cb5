using CreatorMarketplace.Campaigns;
using FsCheck.Fluent;

namespace CreatorMarketplace.Testing.Tests;

public class AggregateGeneratorsCampaignTests
{
    private static Campaign[] Sample(ulong seed, int count) => AggregateGenerators.Campaigns().Sample(count, new Rnd(seed), 50);

    [Fact]
    public void Generated_campaigns_reach_every_status_with_revisions_briefs_codes_and_orders()
    {
        var campaigns = Sample(1, 400);

        campaigns.Select(c => c.Status).Distinct().ShouldBe(CampaignStatus.List, ignoreOrder: true);
        campaigns.Count(c => c.AuditTrail.Any(entry => entry.Action == "revise")).ShouldBeGreaterThan(0);
        campaigns.Count(c => c.Status == CampaignStatus.Completed && c.Codes.Any(code => code.Orders.Count > 1)).ShouldBeGreaterThan(0);
        campaigns.Count(c => c.Status == CampaignStatus.Cancelled && c.Brief is null).ShouldBeGreaterThan(0);
        campaigns.All(c => c.PendingEvents.Count == c.AuditTrail.Count && c.Version == 0).ShouldBeTrue("every change is pending, none stored");
    }

    [Fact]
    public void The_same_seed_gives_the_same_campaigns()
    {
        Sample(7, 20).Select(c => c.ToSnapshot()).ToArray().ShouldBeEquivalentTo(Sample(7, 20).Select(c => c.ToSnapshot()).ToArray());
        Sample(8, 20).Select(c => c.Id).ShouldNotBe(Sample(7, 20).Select(c => c.Id));
    }
}
