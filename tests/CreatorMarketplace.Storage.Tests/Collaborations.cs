using CreatorMarketplace.Campaigns;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Storage.Tests;

internal static class Collaborations
{
    // A generated collaboration with a few events whose status lets the parties write, and a clock after its last event.
    public static (Collaboration Collaboration, FakeClock Clock) TakingMessages()
    {
        var collaboration = AggregateGenerators.Collaborations().Sample(200, new Rnd(2026UL), 50)
            .First(c => c.ToSnapshot().History.Count > 3 && c.PermittedActions.Contains(CollaborationAction.SendMessage));
        var last = collaboration.ToSnapshot().History[^1].OccurredAt;
        return (collaboration, new FakeClock(last + Duration.FromDays(1)));
    }
}
