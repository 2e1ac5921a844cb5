using CreatorMarketplace.Contracts;
using NodaTime;
using static CreatorMarketplace.Tests.Contracts.ContractFixtures;

namespace CreatorMarketplace.Tests.Contracts;

public class RightsCalendarTests
{
    [Fact]
    public void Grants_expiring_in_a_period_are_listed_soonest_first_across_contracts()
    {
        var clock = Clock();
        var soon = Grant(UsageChannel.Web) with { Term = RightsTerm.Between(GrantStart, GrantEnd - Duration.FromDays(10)) };
        var later = Active(clock, Terms(Grant()));
        var sooner = Active(clock, Terms(Grant(UsageChannel.Organic) with { Term = RightsTerm.Perpetual(GrantStart) }, soon));
        var unsigned = Draft(clock, Terms(soon));

        var expiring = RightsCalendar.ExpiringGrants([later, sooner, unsigned], GrantEnd - Duration.FromDays(30), Duration.FromDays(30));

        expiring.Select(e => (e.Contract, e.GrantNumber, e.ExpiresAt)).ShouldBe([
            (sooner.Id, 2, GrantEnd - Duration.FromDays(10)),
        ]);
        RightsCalendar.ExpiringGrants([later, sooner], GrantEnd - Duration.FromDays(30), Duration.FromDays(30) + Duration.Epsilon)
            .Select(e => e.Contract).ShouldBe([sooner.Id, later.Id]);
    }

    [Fact]
    public void Spark_ads_codes_expiring_in_a_period_are_listed_unless_deleted()
    {
        var clock = Clock();
        var contract = Active(clock);
        var week = SparkAdsAuthorization.Request(contract.Id, "launch-video", "1", 7, clock).Accept("A", clock).GetValueOrThrow();
        var month = SparkAdsAuthorization.Request(contract.Id, "launch-video", "2", 30, clock).Accept("B", clock).GetValueOrThrow();
        var deleted = week.Delete(clock).GetValueOrThrow();

        RightsCalendar.ExpiringSparkAds([month, week, deleted], clock.GetCurrentInstant(), Duration.FromDays(31)).Select(a => a.PostId).ShouldBe(["1", "2"]);
    }
}
