using CreatorMarketplace.Compliance;
using CreatorMarketplace.Connectors;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Metrics;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Testing.Tests;

public class SimulatedPlatformTests
{
    internal static readonly Instant Start = Instant.FromUtc(2026, 11, 25, 0, 0);

    [Fact]
    public async Task The_same_seed_and_clock_readings_give_the_same_answers()
    {
        var first = await Observe(seed: 42);
        var second = await Observe(seed: 42);
        var other = await Observe(seed: 43);

        first.Count.ShouldBeGreaterThan(100);
        second.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public async Task An_account_answers_the_same_whatever_the_order_accounts_were_connected_in()
    {
        var creators = new CreatorGenerator(5, new FakeClock(Start)).Generate(6).ToArray();
        var forward = new SimulatedPlatform(Platform.TikTok, 9, new FakeClock(Start + Duration.FromDays(3)));
        var backward = new SimulatedPlatform(Platform.TikTok, 9, new FakeClock(Start + Duration.FromDays(3)));
        var accounts = creators.Select(forward.Connect).ToArray();
        foreach (var creator in creators.Reverse())
        {
            backward.Connect(creator);
        }

        foreach (var account in accounts)
        {
            (await ListAll(backward, account)).ShouldBe(await ListAll(forward, account));
            (await backward.GetProfileAsync(account, default)).GetValueOrThrow().ShouldBe((await forward.GetProfileAsync(account, default)).GetValueOrThrow());
        }
    }

    [Fact]
    public async Task A_connected_creator_starts_from_the_numbers_of_their_account()
    {
        var clock = new FakeClock(Start);
        var creators = new CreatorGenerator(3, clock).Generate(40).Where(creator => creator.PrimaryAccount.Stats.PostsLast30Days > 0).ToArray();
        var platform = new SimulatedPlatform(Platform.TikTok, 1, clock);

        foreach (var creator in creators)
        {
            var account = platform.Connect(creator);
            var stats = creator.PrimaryAccount.Stats;
            var profile = (await platform.GetProfileAsync(account, default)).GetValueOrThrow();

            account.Handle.ShouldBe(creator.PrimaryAccount.Handle);
            account.ExternalId.ShouldBe(creator.PrimaryAccount.ExternalId);
            profile.DisplayName.ShouldBe(creator.Profile.DisplayName);
            profile.Stats!.Followers.ShouldBe(stats.Followers);
            profile.Stats!.PostsLast30Days.ShouldBe(stats.PostsLast30Days);
            (await platform.GetAudienceAsync(account, default)).GetValueOrThrow().ShouldBe(creator.Audience);
        }

        // The medians of the posts' final views sit around the accounts' median views.
        clock.Advance(Duration.FromDays(365));
        var ratios = new List<double>();
        foreach (var (creator, account) in creators.Zip(platform.Accounts))
        {
            var profile = (await platform.GetProfileAsync(account, default)).GetValueOrThrow();
            ratios.Add((double)profile.Stats!.MedianViews!.Value / creator.PrimaryAccount.Stats.MedianViews!.Value);
        }

        ratios.Order().ElementAt(ratios.Count / 2).ShouldBeInRange(0.5, 2);
    }

    [Fact]
    public async Task An_audience_the_creator_never_reported_is_made_up_and_stays_the_same()
    {
        var clock = new FakeClock(Start);
        var creator = new CreatorGenerator(3, clock).Next();
        creator.UpdateAudience(Audience.Unknown, clock);
        var platform = new SimulatedPlatform(Platform.TikTok, 1, clock);
        var account = platform.Connect(creator);

        var audience = (await platform.GetAudienceAsync(account, default)).GetValueOrThrow();
        clock.Advance(Duration.FromDays(10));

        audience.Countries!.ShouldContainKey(creator.Profile.HomeCountry);
        audience.Age!.Total.ShouldBe(1, 1e-9);
        audience.Languages!.Keys.ShouldBe(creator.Profile.Languages, ignoreOrder: true);
        (await platform.GetAudienceAsync(account, default)).GetValueOrThrow().ShouldBe(audience);
        var again = new SimulatedPlatform(Platform.TikTok, 1, clock);
        (await again.GetAudienceAsync(again.Connect(creator), default)).GetValueOrThrow().ShouldBe(audience);
        var otherSeed = new SimulatedPlatform(Platform.TikTok, 2, clock);
        (await otherSeed.GetAudienceAsync(otherSeed.Connect(creator), default)).GetValueOrThrow().ShouldNotBe(audience);
    }

    [Property(MaxTest = 40)]
    public Property Numbers_never_fall_and_always_pass_their_checks_as_the_clock_advances() =>
        Prop.ForAll(
            (from seed in Gen.Choose(0, 1_000)
             from steps in Gen.ArrayOf(Gen.Choose(0, 60 * 24 * 20), 8)
             select (seed, steps)).ToArbitrary(),
            sample =>
            {
                var clock = new FakeClock(Start);
                var platform = new SimulatedPlatform(Platform.Instagram, sample.seed, clock);
                var account = platform.Generate(1)[0];
                var ids = ListAll(platform, account).GetAwaiter().GetResult().Take(20).Select(post => post.Id).ToArray();
                clock.Advance(Duration.FromMinutes(1));
                var before = MetricsOf(platform, account, ids);
                var likesBefore = Profile(platform, account).Likes;
                foreach (var minutes in sample.steps)
                {
                    clock.Advance(Duration.FromMinutes(minutes));
                    var after = MetricsOf(platform, account, ids);
                    after.Select(m => m.PostId).ShouldBe(before.Select(m => m.PostId));
                    foreach (var (earlier, later) in before.Zip(after))
                    {
                        later.Validate().ShouldBeEmpty();
                        foreach (var count in Counts)
                        {
                            count(later).ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(count(earlier)!.Value);
                            count(later)!.Value.ShouldBeLessThanOrEqualTo(later.Views!.Value);
                        }
                    }

                    var likes = Profile(platform, account).Likes;
                    likes!.Value.ShouldBeGreaterThanOrEqualTo(likesBefore!.Value);
                    (before, likesBefore) = (after, likes);
                }
            });

    [Property(MaxTest = 100)]
    public Property Any_creator_on_any_platform_can_be_connected_and_served_valid_numbers() =>
        Prop.ForAll(
            (from creator in AggregateGenerators.Creators()
             from seed in Gen.Choose(int.MinValue, int.MaxValue)
             from days in Gen.Choose(-400, 4_000)
             select (creator, seed, days)).ToArbitrary(),
            sample =>
            {
                var account = sample.creator.Accounts[(sample.seed & 0x7) % sample.creator.Accounts.Count];
                var clock = new FakeClock(account.Stats.AsOf + Duration.FromDays(sample.days));
                var platform = new SimulatedPlatform(account.Platform, sample.seed, clock, new SimulatedPlatformOptions { PageSize = 100 });
                var connected = platform.Connect(sample.creator);

                var profile = Profile(platform, connected);
                var firstPage = FirstPage(platform, connected);
                var metrics = MetricsOf(platform, connected, firstPage.Posts.Take(20).Select(post => post.Id).ToArray());

                connected.Handle.ShouldBe(account.Handle);
                profile.Posts!.Value.ShouldBeGreaterThanOrEqualTo(firstPage.Posts.Count);
                metrics.Count.ShouldBe(Math.Min(20, firstPage.Posts.Count));
                metrics.ShouldAllBe(m => m.Validate().Count == 0 && m.Likes <= m.Views && m.Reach <= m.Views);
            });

    [Fact]
    public async Task Views_rise_fast_then_level_off()
    {
        var clock = new FakeClock(Start);
        var platform = new SimulatedPlatform(Platform.TikTok, 4, clock, new SimulatedPlatformOptions { History = Duration.Zero });
        var account = platform.Generate(10).MaxBy(account => Profile(platform, account).Stats!.Followers)!;
        clock.Advance(Duration.FromDays(20));
        var oldest = (await ListAll(platform, account)).Last();
        var postedAt = oldest.PostedAt;

        long ViewsAt(Duration age)
        {
            clock.Reset(postedAt + age);
            return MetricsOf(platform, account, [oldest.Id]).Single().Views!.Value;
        }

        var hour = ViewsAt(Duration.FromHours(1));
        var day = ViewsAt(Duration.FromDays(1));
        var week = ViewsAt(Duration.FromDays(7));
        var month = ViewsAt(Duration.FromDays(30));
        var monthAndDay = ViewsAt(Duration.FromDays(31));

        ViewsAt(Duration.Zero).ShouldBe(0);
        hour.ShouldBeLessThan(day);
        day.ShouldBeLessThan(week);
        (monthAndDay - month).ShouldBeLessThan(week - day);
    }

    [Fact]
    public async Task Followers_drift_by_the_accounts_monthly_growth()
    {
        var clock = new FakeClock(Start);
        var creators = new CreatorGenerator(8, clock).Generate(30).Where(creator => Math.Abs(creator.PrimaryAccount.Stats.FollowerGrowthRate!.Value) > 0.01 && creator.PrimaryAccount.Stats.Followers > 10_000).ToArray();
        var platform = new SimulatedPlatform(Platform.TikTok, 2, clock);
        var accounts = creators.Select(platform.Connect).ToArray();
        clock.Advance(Duration.FromDays(30));

        creators.Length.ShouldBeGreaterThan(5);
        foreach (var (creator, account) in creators.Zip(accounts))
        {
            var stats = creator.PrimaryAccount.Stats;
            var profile = (await platform.GetProfileAsync(account, default)).GetValueOrThrow();
            ((double)profile.Stats!.Followers).ShouldBe(stats.Followers * (1 + stats.FollowerGrowthRate!.Value), stats.Followers * 0.001);
            profile.Stats!.FollowerGrowthRate!.Value.ShouldBe(stats.FollowerGrowthRate.Value, 0.0002);
        }
    }

    [Fact]
    public async Task Paging_lists_every_post_once_newest_first_in_pages_of_the_page_size()
    {
        var clock = new FakeClock(Start);
        var platform = new SimulatedPlatform(Platform.TikTok, 6, clock, new SimulatedPlatformOptions { PageSize = 7 });
        var account = platform.Generate(20).MaxBy(account => Profile(platform, account).Posts)!;
        clock.Advance(Duration.FromDays(2));

        var pages = new List<PostPage>();
        await foreach (var page in platform.ListPostsAsync(account, null, default))
        {
            pages.Add(page.GetValueOrThrow());
        }

        var posts = pages.SelectMany(page => page.Posts).ToList();
        pages.Count.ShouldBeGreaterThan(3);
        pages.SkipLast(1).ShouldAllBe(page => page.Posts.Count == 7 && page.HasMore);
        pages[^1].Posts.Count.ShouldBeInRange(1, 7);
        pages[^1].HasMore.ShouldBeFalse();
        posts.Select(post => post.Id).ShouldBeUnique();
        posts.Select(post => post.PostedAt).ShouldBe(posts.Select(post => post.PostedAt).OrderDescending());
        posts.ShouldAllBe(post => post.PostedAt <= clock.GetCurrentInstant() && post.PostedAt >= Start - Duration.FromDays(91));
        posts.Count.ShouldBe((int)Profile(platform, account).Posts!.Value);
        platform.CallCount(SimulatedCall.ListPosts).ShouldBe(pages.Count);
        posts[0].Url.ShouldBe(new Uri($"https://www.tiktok.com/@{account.Handle.Value}/video/{posts[0].Id}"));
    }

    [Fact]
    public async Task A_cursor_resumes_just_after_its_page_even_when_new_posts_appeared()
    {
        var clock = new FakeClock(Start);
        var platform = new SimulatedPlatform(Platform.TikTok, 6, clock);
        var account = platform.Generate(20).MaxBy(account => Profile(platform, account).Posts)!;
        var everything = await ListAll(platform, account);
        PostPage firstPage = null!;
        await foreach (var page in platform.ListPostsAsync(account, null, default))
        {
            firstPage = page.GetValueOrThrow();
            break;
        }

        clock.Advance(Duration.FromDays(5));
        var rest = await ListAll(platform, account, firstPage.NextCursor);
        var fresh = await ListAll(platform, account);

        everything.Count.ShouldBeGreaterThan(40);
        firstPage.Posts.Concat(rest).Select(post => post.Id).ShouldBe(everything.Select(post => post.Id));
        var appeared = fresh.Count - everything.Count;
        appeared.ShouldBeGreaterThan(0);
        fresh.Skip(appeared).Select(post => post.Id).ShouldBe(everything.Select(post => post.Id));
        fresh.Take(appeared).ShouldAllBe(post => post.PostedAt > Start);
    }

    [Fact]
    public void A_cursor_from_elsewhere_is_refused_naming_the_cursor()
    {
        var platform = new SimulatedPlatform(Platform.TikTok, 6, new FakeClock(Start));
        var accounts = platform.Generate(2);
        var cursor = FirstPage(platform, accounts[0]).NextCursor!;

        Should.Throw<ArgumentException>(() => platform.ListPostsAsync(accounts[1], cursor, default)).ParamName.ShouldBe("cursor");
        Should.Throw<ArgumentException>(() => platform.ListPostsAsync(accounts[0], "not-a-cursor", default)).ParamName.ShouldBe("cursor");
        Should.Throw<ArgumentException>(() => new SimulatedPlatform(Platform.TikTok, 7, new FakeClock(Start)).ListPostsAsync(accounts[0], cursor, default)).ParamName.ShouldBe("cursor");
    }

    [Fact]
    public async Task Metrics_come_for_the_posts_found_at_most_twenty_at_a_time()
    {
        var clock = new FakeClock(Start);
        var platform = new SimulatedPlatform(Platform.TikTok, 6, clock);
        var accounts = platform.Generate(10).Where(account => Profile(platform, account).Posts > 25).Take(2).ToArray();
        var posts = await ListAll(platform, accounts[0]);
        var others = await ListAll(platform, accounts[1]);

        var ex = Should.Throw<ArgumentException>(() => platform.GetPostMetricsAsync(accounts[0], posts.Take(21).Select(post => post.Id).ToArray(), default));
        ex.ParamName.ShouldBe("postIds");
        ex.Message.ShouldContain("at most 20");
        Should.Throw<ArgumentException>(() => platform.GetPostMetricsAsync(accounts[0], [posts[0].Id, " "], default)).ParamName.ShouldBe("postIds");

        string[] asked = [posts[0].Id, "unknown", others[0].Id, posts[1].Id, posts[0].Id, posts[0].Id[..^1] + "999999", $"{posts[0].Id.Split('-')[0]}-{long.MaxValue}"];
        var metrics = (await platform.GetPostMetricsAsync(accounts[0], asked, default)).GetValueOrThrow();

        metrics.Select(m => m.PostId).ShouldBe([posts[0].Id, posts[1].Id]);
        metrics.ShouldAllBe(m => m.Platform == Platform.TikTok && m.Kind == PostKind.Video && m.CapturedAt == Start && m.Validate().Count == 0);
        metrics[0].PostedAt.ShouldBe(posts[0].PostedAt);
        metrics[0].Followers.ShouldBe(Profile(platform, accounts[0]).Stats!.Followers);
        metrics[0].ViewsBySource!.Values.Sum().ShouldBeInRange(metrics[0].Views!.Value - 6, metrics[0].Views!.Value);
        (await platform.GetPostMetricsAsync(accounts[0], posts.Take(20).Select(post => post.Id).ToArray(), default)).GetValueOrThrow().Count.ShouldBe(20);
    }

    [Fact]
    public async Task Posts_are_live_with_their_captions_and_some_carry_a_disclosure()
    {
        var clock = new FakeClock(Start);
        var platform = new SimulatedPlatform(Platform.TikTok, 12, clock, new SimulatedPlatformOptions { SponsoredShare = 0.3 });
        var checks = new List<PostCheck>();
        foreach (var account in platform.Generate(15))
        {
            foreach (var post in (await ListAll(platform, account)).Take(30))
            {
                var check = (await platform.VerifyPostAsync(account, post.Id, default)).GetValueOrThrow();
                check.Caption.ShouldBe(post.Caption);
                checks.Add(check);
            }
        }

        var disclosing = DisclosureRules.Default.Jurisdictions.SelectMany(country => DisclosureRules.Default.For(country).Hashtags).Concat(DisclosureRules.Default.Fallback.Hashtags).Select(tag => "#" + tag).ToHashSet();
        bool Discloses(PostCheck check) => check.Caption!.Split(' ').Any(disclosing.Contains);

        checks.ShouldAllBe(check => check.Live && check.CheckedAt == Start && check.BrandedContentFlag != null);
        checks.Count(Discloses).ShouldBeInRange(checks.Count / 7, checks.Count / 3);
        checks.Count(check => check.BrandedContentFlag == true).ShouldBeInRange(checks.Count / 10, checks.Count / 3);
        checks.Count(check => check.BrandedContentFlag == true && !Discloses(check)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_post_taken_down_is_not_live_and_a_deleted_one_is_not_found()
    {
        var clock = new FakeClock(Start);
        var platform = new SimulatedPlatform(Platform.TikTok, 6, clock);
        var account = platform.Generate(10).First(account => Profile(platform, account).Posts > 5);
        var posts = await ListAll(platform, account);
        var (takenDown, deleted) = (posts[1].Id, posts[3].Id);

        platform.TakeDown(account, takenDown);
        platform.Delete(account, deleted);
        platform.TakeDown(account, deleted);

        var check = (await platform.VerifyPostAsync(account, takenDown, default)).GetValueOrThrow();
        check.Live.ShouldBeFalse();
        check.Caption.ShouldBeNull();
        (await platform.VerifyPostAsync(account, deleted, default)).IsT1.ShouldBeTrue();
        (await platform.VerifyPostAsync(account, "nothing-0", default)).AsT1.What.ShouldBe("post nothing-0");
        (await ListAll(platform, account)).Select(post => post.Id).ShouldBe(posts.Select(post => post.Id).Except([takenDown, deleted]));
        (await platform.GetPostMetricsAsync(account, [posts[0].Id, takenDown, deleted], default)).GetValueOrThrow().Select(m => m.PostId).ShouldBe([posts[0].Id]);
        Should.Throw<ArgumentException>(() => platform.TakeDown(account, "nothing-0")).ParamName.ShouldBe("postId");
    }

    [Fact]
    public async Task With_a_takedown_share_posts_vanish_some_time_after_they_went_live()
    {
        var clock = new FakeClock(Start);
        var options = new SimulatedPlatformOptions { History = Duration.Zero };
        var platform = new SimulatedPlatform(Platform.TikTok, 6, clock, options with { TakenDownShare = 0.3 });
        var untouched = new SimulatedPlatform(Platform.TikTok, 6, clock, options);
        var account = platform.Generate(10).Zip(untouched.Generate(10)).Select(pair => pair.First).MaxBy(account => Profile(untouched, account).Stats!.PostsLast30Days)!;
        clock.Advance(Duration.FromDays(60));

        var listed = await ListAll(platform, account);
        var all = await ListAll(untouched, account);
        var gone = all.ExceptBy(listed.Select(post => post.Id), post => post.Id).ToArray();

        listed.Select(post => post.Id).ShouldBeSubsetOf(all.Select(post => post.Id));
        ((double)gone.Length / all.Count).ShouldBeInRange(0.15, 0.45);
        gone.ShouldAllBe(post => post.PostedAt < clock.GetCurrentInstant() - Duration.FromHours(1));
        (await platform.VerifyPostAsync(account, gone[0].Id, default)).GetValueOrThrow().Live.ShouldBeFalse();
        clock.Reset(gone[0].PostedAt + Duration.FromMinutes(1));
        (await platform.VerifyPostAsync(account, gone[0].Id, default)).GetValueOrThrow().Live.ShouldBeTrue();
        (await ListAll(platform, account))[0].Id.ShouldBe(gone[0].Id);
    }

    [Fact]
    public async Task Accounts_elsewhere_are_refused_and_unknown_ones_are_not_found()
    {
        var platform = new SimulatedPlatform(Platform.TikTok, 6, new FakeClock(Start));
        var youTube = new SimulatedPlatform(Platform.YouTube, 6, new FakeClock(Start)).Generate(1)[0];
        var unknown = new SimulatedPlatform(Platform.TikTok, 7, new FakeClock(Start)).Generate(1)[0];

        Should.Throw<ArgumentException>(() => platform.GetProfileAsync(youTube, default)).ParamName.ShouldBe("account");
        (await platform.GetProfileAsync(unknown, default)).AsT1.What.ShouldBe($"account {unknown.Handle}");
        Should.Throw<ArgumentException>(() => platform.Reconnect(unknown)).ParamName.ShouldBe("account");
        Should.Throw<ArgumentException>(() => new SimulatedPlatform(Platform.TikTok, 1, new FakeClock(Start), new SimulatedPlatformOptions { PageSize = 0 })).Message.ShouldStartWith("options: PageSize");
        Should.Throw<ArgumentException>(() => new SimulatedPlatform(Platform.TikTok, 1, new FakeClock(Start), new SimulatedPlatformOptions { FaultRates = new() { Timeout = 0.6, ServerError = 0.6 } })).ParamName.ShouldBe("options");
    }

    [Fact]
    public void Generated_accounts_elsewhere_have_valid_distinct_handles()
    {
        foreach (var platform in Platform.List)
        {
            var accounts = new SimulatedPlatform(platform, 3, new FakeClock(Start)).Generate(300);

            accounts.ShouldAllBe(account => account.Platform == platform && account.ExternalId != null);
            accounts.Select(account => account.Handle).ShouldBeUnique();
        }
    }

    internal static async Task<List<PlatformPost>> ListAll(SimulatedPlatform platform, ConnectedAccount account, string? cursor = null)
    {
        var posts = new List<PlatformPost>();
        await foreach (var page in platform.ListPostsAsync(account, cursor, default))
        {
            posts.AddRange(page.GetValueOrThrow().Posts);
        }

        return posts;
    }

    internal static PostPage FirstPage(SimulatedPlatform platform, ConnectedAccount account)
    {
        var pages = platform.ListPostsAsync(account, null, default).GetAsyncEnumerator();
        pages.MoveNextAsync().AsTask().GetAwaiter().GetResult().ShouldBeTrue();
        return pages.Current.GetValueOrThrow();
    }

    internal static PlatformProfile Profile(SimulatedPlatform platform, ConnectedAccount account) =>
        platform.GetProfileAsync(account, default).AsTask().GetAwaiter().GetResult().GetValueOrThrow();

    internal static IReadOnlyList<PostMetrics> MetricsOf(SimulatedPlatform platform, ConnectedAccount account, IReadOnlyList<string> ids) =>
        platform.GetPostMetricsAsync(account, ids, default).AsTask().GetAwaiter().GetResult().GetValueOrThrow();

    private static readonly Func<PostMetrics, long?>[] Counts =
    [
        m => m.Views, m => m.Likes, m => m.Comments, m => m.Shares, m => m.Saves, m => m.Reach, m => m.OrganicViews,
        m => m.TwoSecondViews ?? 0, m => m.SixSecondViews ?? 0, m => m.CompletedViews ?? 0,
    ];

    // Everything a consumer can see of the first accounts, as text, at three clock readings.
    private static async Task<List<string>> Observe(int seed)
    {
        var clock = new FakeClock(Start);
        var platform = new SimulatedPlatform(Platform.TikTok, seed, clock);
        var accounts = platform.Generate(5);
        var seen = new List<string>();
        for (var day = 0; day < 3; day++)
        {
            foreach (var account in accounts)
            {
                seen.Add((await platform.GetProfileAsync(account, default)).ToString());
                seen.Add((await platform.GetAudienceAsync(account, default)).ToString());
                var posts = await ListAll(platform, account);
                seen.AddRange(posts.Select(post => post.ToString()));
                seen.AddRange(MetricsOf(platform, account, posts.Take(20).Select(post => post.Id).ToArray()).Select(Describe));
            }

            clock.Advance(Duration.FromDays(1));
        }

        return seen;
    }

    private static string Describe(PostMetrics m) =>
        $"{m with { ViewsBySource = null }} {string.Join(",", m.ViewsBySource?.OrderBy(pair => pair.Key.Value).Select(pair => $"{pair.Key}={pair.Value}") ?? [])}";
}
