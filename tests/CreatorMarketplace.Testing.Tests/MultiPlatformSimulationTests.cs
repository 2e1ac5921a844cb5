using CreatorMarketplace.Connectors;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Metrics;
using NodaTime;
using NodaTime.Testing;
using static CreatorMarketplace.Testing.Tests.SimulatedPlatformTests;

namespace CreatorMarketplace.Testing.Tests;

public class MultiPlatformSimulationTests
{
    private static List<Creator> Generate(int seed, int count, bool multiPlatform) =>
        new CreatorGenerator(seed, new FakeClock(Start)) { MultiPlatform = multiPlatform }.Generate(count).ToList();

    [Fact]
    public void Multi_platform_creators_are_mostly_on_one_or_two_platforms_and_some_on_three()
    {
        var creators = Generate(17, 2_000, multiPlatform: true);

        var byCount = creators.GroupBy(c => c.Accounts.Count).ToDictionary(g => g.Key, g => g.Count() / 2_000.0);
        byCount.Keys.Order().ShouldBe([1, 2, 3]);
        byCount[1].ShouldBeInRange(0.40, 0.50);
        byCount[2].ShouldBeInRange(0.35, 0.45);
        byCount[3].ShouldBeInRange(0.12, 0.18);
        creators.ShouldAllBe(c => c.PrimaryAccount.Platform == Platform.TikTok && c.Version == 1 && c.PendingEvents.Count == 0);
        foreach (var platform in new[] { Platform.Instagram, Platform.YouTube })
        {
            var accounts = creators.Select(c => c.AccountOn(platform)).OfType<PlatformAccount>().ToList();
            accounts.Count.ShouldBeGreaterThan(400);
            accounts.Select(a => a.Handle).ShouldBeUnique();
            accounts.ShouldAllBe(a => a.Stats.AsOf == Start && a.ExternalId != null);
        }

        // YouTube's views per subscriber run below TikTok's views per follower.
        var youTube = creators.Where(c => c.AccountOn(Platform.YouTube) is not null).ToList();
        Median(youTube.Select(c => Ratio(c.AccountOn(Platform.YouTube)!.Stats))).ShouldBeLessThan(Median(youTube.Select(c => Ratio(c.PrimaryAccount.Stats))));
    }

    [Fact]
    public void Multi_platform_creators_are_the_single_platform_ones_with_accounts_added()
    {
        var single = Generate(42, 300, multiPlatform: false);
        var multi = Generate(42, 300, multiPlatform: true);

        multi.Select(c => c.Id).ShouldBe(single.Select(c => c.Id));
        multi.Select(c => (c.Profile, c.PrimaryAccount, c.Audience, c.RateCard, c.PastCampaignCount))
            .ShouldBe(single.Select(c => (c.Profile, c.PrimaryAccount, c.Audience, c.RateCard, c.PastCampaignCount)));
        single.ShouldAllBe(c => c.Accounts.Count == 1);
        Generate(42, 300, multiPlatform: true).SelectMany(c => c.Accounts).ShouldBe(multi.SelectMany(c => c.Accounts));
    }

    [Fact]
    public async Task Discovery_filters_by_platform_find_the_creators_on_it()
    {
        var creators = Generate(23, 500, multiPlatform: true);
        var catalog = new InMemoryCreatorCatalog();
        catalog.Load(creators.Select(creator => creator.ToListing()));

        foreach (var platform in new[] { Platform.TikTok, Platform.Instagram, Platform.YouTube })
        {
            var expected = creators.Count(c => c.AccountOn(platform) is not null);
            var page = (await catalog.SearchAsync(new CreatorQuery { Platform = platform, PageSize = 50 })).AsT0;

            page.TotalCount.ShouldBe(expected);
            page.Items.ShouldAllBe(listing => listing.AccountOn(platform) != null);
        }

        // TikTok is everyone's; Instagram and YouTube only some creators'.
        creators.Count(c => c.AccountOn(Platform.Instagram) is not null).ShouldBeInRange(100, 400);
        creators.Count(c => c.AccountOn(Platform.YouTube) is not null).ShouldBeInRange(50, 300);
    }

    [Fact]
    public async Task Connected_accounts_take_their_platforms_numbers()
    {
        var clock = new FakeClock(Start);
        var creator = new CreatorGenerator(23, clock) { MultiPlatform = true }.Generate(50).First(c => c.Accounts.Count == 3);
        foreach (var account in creator.Accounts)
        {
            var platform = new SimulatedPlatform(account.Platform, 23, clock);
            var connected = platform.Connect(creator);

            connected.Handle.ShouldBe(account.Handle);
            if (Profile(platform, connected).Stats is { } stats)
            {
                stats.Followers.ShouldBe(account.Platform == Platform.YouTube ? ThreeFigures(account.Stats.Followers) : account.Stats.Followers);
            }
            else
            {
                account.Platform.ShouldBe(Platform.YouTube, "only a YouTube channel hides its count");
            }

            (await ListAll(platform, connected)).ShouldNotBeEmpty();
        }
    }

    [Fact]
    public void YouTube_rounds_subscriber_counts_and_some_channels_hide_them()
    {
        var clock = new FakeClock(Start);
        var youTube = new SimulatedPlatform(Platform.YouTube, 8, clock, new SimulatedPlatformOptions { RequestsPerMinute = 100_000 });
        var accounts = youTube.Generate(200);
        clock.AdvanceDays(3);

        var hidden = 0;
        foreach (var account in accounts)
        {
            var stats = Profile(youTube, account).Stats;
            var posts = FirstPage(youTube, account).Posts.Take(3).Select(post => post.Id).ToArray();
            var snapshots = MetricsOf(youTube, account, posts);
            if (stats is null)
            {
                // Hidden: not reported on the profile nor in any snapshot, never a rounded or zero count.
                snapshots.ShouldAllBe(s => s.Followers == null);
                hidden++;
            }
            else
            {
                stats.Followers.ShouldBe(ThreeFigures(stats.Followers));
                snapshots.ShouldAllBe(s => s.Followers == stats.Followers);
            }
        }

        hidden.ShouldBeInRange(8, 40, "about one channel in ten hides its subscribers");
    }

    [Fact]
    public async Task Instagram_stories_report_views_and_reach_but_no_likes_or_saves()
    {
        var clock = new FakeClock(Start);
        var instagram = new SimulatedPlatform(Platform.Instagram, 9, clock, new SimulatedPlatformOptions { StoryShare = 0.3 });
        var plain = new SimulatedPlatform(Platform.Instagram, 9, clock);
        var account = instagram.Generate(20).First(a => FirstPage(instagram, a).Posts.Count == 20);
        plain.Generate(20);
        clock.AdvanceDays(2);

        var ids = (await ListAll(instagram, account)).Take(20).Select(post => post.Id).ToArray();
        var snapshots = MetricsOf(instagram, account, ids);
        var stories = snapshots.Where(s => s.Kind == PostKind.Story).ToList();

        stories.Count.ShouldBeInRange(1, 15);
        stories.ShouldAllBe(s => s.Likes == null && s.Saves == null && s.Views != null && s.Reach <= s.Views && s.TwoSecondViews == null && s.Validate().Count == 0);
        snapshots.Where(s => s.Kind != PostKind.Story).ShouldAllBe(s => s.Likes != null);
        // Without stories asked for, the same posts are reels and images, with the same ids.
        MetricsOf(plain, account, ids).ShouldAllBe(s => s.Kind != PostKind.Story);
    }

    [Fact]
    public async Task A_daily_quota_refuses_calls_until_midnight_Pacific_time()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 20, 0)); // noon in California
        var youTube = new SimulatedPlatform(Platform.YouTube, 3, clock, new SimulatedPlatformOptions { DailyQuota = 3 });
        var account = youTube.Generate(1)[0];

        for (var i = 0; i < 3; i++)
        {
            (await youTube.GetProfileAsync(account, default)).Succeeded.ShouldBeTrue();
        }

        var refused = await youTube.GetProfileAsync(account, default);
        refused.AsT3.RetryAfter.ShouldBe(Duration.FromHours(12));
        youTube.Faults.Given(SimulatedFault.RateLimited).ShouldBe(1);
        clock.AdvanceHours(12);
        (await youTube.GetProfileAsync(account, default)).Succeeded.ShouldBeTrue();
        Should.Throw<ArgumentException>(() => new SimulatedPlatform(Platform.YouTube, 1, clock, new SimulatedPlatformOptions { DailyQuota = 0 })).Message.ShouldStartWith("options: DailyQuota");
        Should.Throw<ArgumentException>(() => new SimulatedPlatform(Platform.Instagram, 1, clock, new SimulatedPlatformOptions { StoryShare = 1.5 })).Message.ShouldStartWith("options: StoryShare");
    }

    [Theory]
    [InlineData("Instagram", "followers_count", "data[0].values[0].value")]
    [InlineData("YouTube", "items[0].statistics.subscriberCount", "items[0].statistics.viewCount")]
    public async Task Malformed_answers_name_the_fields_of_the_platform_s_own_api(string name, string profileField, string metricsField)
    {
        var platform = new SimulatedPlatform(Platform.FromName(name), 5, new FakeClock(Start));
        var account = platform.Generate(1)[0];
        platform.Faults.Inject(SimulatedFault.MalformedData, times: 2);

        (await platform.GetProfileAsync(account, default)).AsT5.Reason.ShouldStartWith(profileField + ":");
        (await platform.GetPostMetricsAsync(account, ["x-1"], default)).AsT5.Reason.ShouldStartWith(metricsField + ":");
    }

    private static double Ratio(AccountStats stats) => (double)stats.MedianViews!.Value / Math.Max(1, stats.Followers);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static long ThreeFigures(long count)
    {
        var unit = 1L;
        while (count / unit >= 1_000)
        {
            unit *= 10;
        }

        return count / unit * unit;
    }
}
