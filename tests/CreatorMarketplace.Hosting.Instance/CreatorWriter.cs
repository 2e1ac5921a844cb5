using CreatorMarketplace.Creators;
using CreatorMarketplace.Storage;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Hosting.Instance;

/// <summary>
/// Saves creator changes from a seed: new generated creators, and changes to the ones it saved (a holiday taken or
/// ended, new follower numbers), each save read back from the store first so that it names the stored version.
/// </summary>
internal sealed class CreatorWriter(IMarketplaceStore store, int seed)
{
    /// <summary>Saves <paramref name="count"/> changes, calling <paramref name="saved"/> with the count after each.</summary>
    public async Task WriteAsync(int count, Action<int> saved)
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 1, 0, 0), Duration.FromSeconds(1));
        var generator = new CreatorGenerator(seed, clock);
        var random = new Random(seed);
        var mine = new List<CreatorId>();
        for (var i = 1; i <= count; i++)
        {
            Creator creator;
            if (mine.Count == 0 || random.Next(4) == 0)
            {
                creator = generator.NextNew();
                mine.Add(creator.Id);
            }
            else
            {
                var id = mine[random.Next(mine.Count)];
                creator = await store.Creators.FindAsync(id) ?? throw new InvalidOperationException($"creator {id} was saved but is not found");
                Change(creator, random, clock);
            }

            var result = await store.Creators.SaveAsync(creator);
            if (!result.IsSaved)
            {
                throw new InvalidOperationException($"saving creator {creator.Id} failed: {result}");
            }

            saved(i);
        }
    }

    private static void Change(Creator creator, Random random, IClock clock)
    {
        if (random.Next(2) == 0)
        {
            creator.SetOnVacation(!creator.OnVacation, clock);
            return;
        }

        var account = creator.PrimaryAccount;
        var stats = account.Stats;
        var followers = Math.Max(100, (long)(stats.Followers * (0.5 + random.NextDouble())));
        var refreshed = AccountStats.Create(clock.GetCurrentInstant(), followers, stats.AverageViews, stats.MedianViews, stats.EngagementRate, stats.FollowerGrowthRate, stats.PostsLast30Days, stats.ViewsLast30Days);
        if (!creator.RefreshStats(account.Handle.Platform, refreshed, clock))
        {
            throw new InvalidOperationException($"creator {creator.Id}'s numbers as of {refreshed.AsOf} were not newer than {stats.AsOf}");
        }
    }
}
