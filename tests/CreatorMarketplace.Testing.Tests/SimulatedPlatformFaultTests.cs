using CreatorMarketplace.Connectors;
using CreatorMarketplace.Metrics;
using NodaTime;
using NodaTime.Testing;
using static CreatorMarketplace.Testing.Tests.SimulatedPlatformTests;

namespace CreatorMarketplace.Testing.Tests;

public class SimulatedPlatformFaultTests
{
    [Fact]
    public async Task More_calls_than_the_budget_in_a_minute_are_rate_limited_until_the_oldest_is_a_minute_old()
    {
        var clock = new FakeClock(Start);
        var platform = new SimulatedPlatform(Platform.TikTok, 1, clock, new SimulatedPlatformOptions { RequestsPerMinute = 5 });
        var account = platform.Generate(1)[0];

        for (var i = 0; i < 3; i++)
        {
            (await platform.GetProfileAsync(account, default)).Succeeded.ShouldBeTrue();
        }

        clock.Advance(Duration.FromSeconds(20));
        (await platform.GetAudienceAsync(account, default)).Succeeded.ShouldBeTrue();
        (await platform.VerifyPostAsync(account, "nothing-0", default)).IsT1.ShouldBeTrue();
        var limited = await platform.GetProfileAsync(account, default);

        limited.AsT3.RetryAfter.ShouldBe(Duration.FromSeconds(40));
        clock.Advance(Duration.FromSeconds(39));
        (await platform.GetProfileAsync(account, default)).IsT3.ShouldBeTrue();
        clock.Advance(Duration.FromSeconds(1));
        for (var i = 0; i < 3; i++)
        {
            (await platform.GetProfileAsync(account, default)).Succeeded.ShouldBeTrue();
        }

        (await platform.GetProfileAsync(account, default)).AsT3.RetryAfter.ShouldBe(Duration.FromSeconds(20));
        platform.CallCount(SimulatedCall.Profile).ShouldBe(9);
        platform.TotalCalls.ShouldBe(11);
        platform.Faults.Given(SimulatedFault.RateLimited).ShouldBe(3);
    }

    [Fact]
    public async Task The_default_budget_is_six_hundred_calls_a_minute_shared_by_concurrent_callers()
    {
        var clock = new FakeClock(Start);
        var platform = new SimulatedPlatform(Platform.TikTok, 1, clock);
        var accounts = platform.Generate(8);

        var results = await Task.WhenAll(accounts.Select(account => Task.Run(async () =>
        {
            var outcomes = new List<bool>();
            for (var i = 0; i < 100; i++)
            {
                outcomes.Add((await platform.GetProfileAsync(account, default)).Succeeded);
            }

            return outcomes;
        })));

        results.SelectMany(outcomes => outcomes).Count(succeeded => succeeded).ShouldBe(600);
        platform.TotalCalls.ShouldBe(800);
        platform.Faults.Given(SimulatedFault.RateLimited).ShouldBe(200);
        clock.Advance(Duration.FromMinutes(1));
        (await platform.GetProfileAsync(accounts[0], default)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Each_injected_fault_gives_its_outcome_once_then_calls_succeed_again()
    {
        var platform = new SimulatedPlatform(Platform.TikTok, 1, new FakeClock(Start));
        var account = platform.Generate(1)[0];

        platform.Faults.Inject(SimulatedFault.RateLimited);
        platform.Faults.Inject(SimulatedFault.Timeout);
        platform.Faults.Inject(SimulatedFault.ServerError);
        platform.Faults.Inject(SimulatedFault.MalformedData, times: 2);
        platform.Faults.Pending.ShouldBe(5);

        (await platform.GetProfileAsync(account, default)).AsT3.RetryAfter.ShouldBeInRange(Duration.FromSeconds(1), Duration.FromSeconds(60));
        (await platform.GetAudienceAsync(account, default)).AsT4.ShouldBe(new PlatformError("timeout", "The platform did not answer within the time allowed.", Retryable: true));
        (await platform.VerifyPostAsync(account, "x-1", default)).AsT4.ShouldBe(new PlatformError("internal_error", "The platform failed to process the request.", Retryable: true));
        (await platform.GetProfileAsync(account, default)).AsT5.Reason.ShouldStartWith("data.user.follower_count");
        (await platform.GetPostMetricsAsync(account, ["x-1"], default)).AsT5.Reason.ShouldStartWith("data.videos[0].view_count");
        (await platform.GetProfileAsync(account, default)).Succeeded.ShouldBeTrue();

        platform.Faults.Pending.ShouldBe(0);
        SimulatedFault.List.Where(fault => fault != SimulatedFault.CorruptNumbers && fault != SimulatedFault.TokenExpired)
            .ShouldAllBe(fault => platform.Faults.Given(fault) == (fault == SimulatedFault.MalformedData ? 2 : 1));
    }

    [Fact]
    public async Task A_fault_aimed_at_a_kind_of_call_waits_for_it_and_a_failed_listing_resumes_from_its_last_cursor()
    {
        var platform = new SimulatedPlatform(Platform.TikTok, 1, new FakeClock(Start), new SimulatedPlatformOptions { PageSize = 5 });
        var account = platform.Generate(10).MaxBy(account => Profile(platform, account).Posts)!;
        var expected = await ListAll(platform, account);
        platform.Faults.Inject(SimulatedFault.ServerError, call: SimulatedCall.ListPosts);
        platform.Faults.Inject(SimulatedFault.Timeout, call: SimulatedCall.ListPosts);

        (await platform.GetProfileAsync(account, default)).Succeeded.ShouldBeTrue();
        var outcomes = new List<ConnectorResult<PostPage>>();
        await foreach (var page in platform.ListPostsAsync(account, null, default))
        {
            outcomes.Add(page);
        }

        outcomes.Single().AsT4.Code.ShouldBe("internal_error");

        // A consumer's retry loop: resume from the last page that arrived.
        var posts = new List<PlatformPost>();
        string? cursor = null;
        var failures = 0;
        for (var done = false; !done;)
        {
            done = true;
            await foreach (var page in platform.ListPostsAsync(account, cursor, default))
            {
                if (!page.Succeeded)
                {
                    failures++;
                    done = false;
                    break;
                }

                posts.AddRange(page.AsT0.Posts);
                cursor = page.AsT0.NextCursor;
            }
        }

        failures.ShouldBe(1);
        posts.ShouldBe(expected);
    }

    [Fact]
    public async Task An_expired_token_is_unauthorised_for_that_account_alone_until_it_reconnects()
    {
        var platform = new SimulatedPlatform(Platform.TikTok, 1, new FakeClock(Start));
        var accounts = platform.Generate(2);

        platform.Faults.Inject(SimulatedFault.TokenExpired);
        var first = await platform.GetProfileAsync(accounts[0], default);
        var again = await platform.GetAudienceAsync(accounts[0], default);
        var other = await platform.GetProfileAsync(accounts[1], default);
        platform.Reconnect(accounts[0]);
        var reconnected = await platform.GetProfileAsync(accounts[0], default);
        platform.Faults.ExpireToken(accounts[1]);
        var expired = await platform.GetPostMetricsAsync(accounts[1], [], default);
        platform.Connect(new CreatorGenerator(1, new FakeClock(Start)).Generate(2).Last());

        first.AsT2.Reason.ShouldStartWith("access_token_invalid");
        again.IsT2.ShouldBeTrue();
        other.Succeeded.ShouldBeTrue();
        reconnected.Succeeded.ShouldBeTrue();
        expired.IsT2.ShouldBeTrue();
        (await platform.GetProfileAsync(accounts[1], default)).Succeeded.ShouldBeTrue("connecting again renews the token");
        platform.Faults.Given(SimulatedFault.TokenExpired).ShouldBe(1);
    }

    [Fact]
    public async Task Corrupt_numbers_come_in_a_seemingly_successful_answer_that_only_validation_catches()
    {
        var platform = new SimulatedPlatform(Platform.TikTok, 1, new FakeClock(Start + Duration.FromDays(1)));
        var accounts = platform.Generate(10).Where(account => Profile(platform, account).Posts >= 20).ToArray();
        Should.Throw<ArgumentException>(() => platform.Faults.Inject(SimulatedFault.CorruptNumbers, call: SimulatedCall.Profile)).ParamName.ShouldBe("call");
        platform.Faults.Inject(SimulatedFault.CorruptNumbers);

        (await platform.GetProfileAsync(accounts[0], default)).Succeeded.ShouldBeTrue();
        platform.Faults.Pending.ShouldBe(1);
        platform.Faults.Clear();
        var broken = new List<PostMetrics>();
        foreach (var account in accounts)
        {
            var ids = (await ListAll(platform, account)).Take(20).Select(post => post.Id).ToArray();
            platform.Faults.Inject(SimulatedFault.CorruptNumbers);
            var result = await platform.GetPostMetricsAsync(account, ids, default);

            result.Succeeded.ShouldBeTrue();
            var invalid = result.AsT0.Where(m => m.Validate().Count > 0).ToArray();
            invalid.Length.ShouldBe(1);
            result.AsT0.Where(m => m.Likes > m.Views).ShouldBe(invalid);
            broken.Add(invalid[0]);
            MetricsOf(platform, account, ids).ShouldAllBe(m => m.Validate().Count == 0 && m.Likes <= m.Views);
        }

        broken.SelectMany(m => m.Validate()).Select(error => error.Code).Distinct()
            .ShouldBe(["metrics.part_exceeds_views", "metrics.negative", "metrics.captured_before_posting"], ignoreOrder: true);
        platform.Faults.Given(SimulatedFault.CorruptNumbers).ShouldBe(accounts.Length);
    }

    [Fact]
    public async Task Faults_by_chance_come_at_their_rates_and_repeat_with_the_seed()
    {
        var rates = new SimulatedFaultRates { RateLimited = 0.05, Timeout = 0.05, ServerError = 0.05, MalformedData = 0.05, TokenExpired = 0.01, CorruptNumbers = 0.1 };

        async Task<List<string>> Run(int seed)
        {
            var platform = new SimulatedPlatform(Platform.TikTok, seed, new FakeClock(Start), new SimulatedPlatformOptions { FaultRates = rates, RequestsPerMinute = 100_000 });
            var faultless = new SimulatedPlatform(Platform.TikTok, seed, new FakeClock(Start));
            faultless.Generate(20);
            var outcomes = new List<string>();
            foreach (var account in platform.Generate(20))
            {
                var ids = (await ListAll(faultless, account)).Take(5).Select(post => post.Id).ToArray();
                for (var i = 0; i < 100; i++)
                {
                    var profile = await platform.GetProfileAsync(account, default);
                    outcomes.Add(profile.Failure ?? "ok");
                    if (profile.IsT2)
                    {
                        platform.Reconnect(account);
                    }

                    var metrics = await platform.GetPostMetricsAsync(account, ids, default);
                    outcomes.Add(metrics.Failure ?? (metrics.AsT0.Any(m => m.Validate().Count > 0) ? "corrupt" : "ok"));
                    if (metrics.IsT2)
                    {
                        platform.Reconnect(account);
                    }
                }
            }

            return outcomes;
        }

        var first = await Run(3);
        var counts = first.GroupBy(outcome => outcome.Split(':')[0]).ToDictionary(group => group.Key, group => group.Count());

        (await Run(3)).ShouldBe(first);
        (await Run(4)).ShouldNotBe(first);
        counts["rate limited"].ShouldBeInRange(150, 250);
        counts["platform error timeout"].ShouldBeInRange(150, 250);
        counts["platform error internal_error"].ShouldBeInRange(150, 250);
        counts["malformed data"].ShouldBeInRange(150, 250);
        counts["unauthorised"].ShouldBeInRange(20, 60);
        // Corrupt numbers only in metrics calls, and only where posts were asked for.
        counts["corrupt"].ShouldBeInRange(100, 300);
    }

    [Fact]
    public async Task Each_account_meets_the_same_faults_whether_accounts_are_served_one_by_one_or_concurrently()
    {
        var options = new SimulatedPlatformOptions { FaultRates = new() { RateLimited = 0.1, Timeout = 0.1, TokenExpired = 0.05 } };

        static async Task<List<string>> Serve(SimulatedPlatform platform, ConnectedAccount account)
        {
            var outcomes = new List<string>();
            for (var i = 0; i < 60; i++)
            {
                var profile = await platform.GetProfileAsync(account, default);
                outcomes.Add(profile.Failure ?? profile.AsT0.Stats!.Followers.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (profile.IsT2)
                {
                    platform.Reconnect(account);
                }
            }

            return outcomes;
        }

        var oneByOne = new SimulatedPlatform(Platform.TikTok, 5, new FakeClock(Start), options);
        var sequential = new List<List<string>>();
        foreach (var account in oneByOne.Generate(8))
        {
            sequential.Add(await Serve(oneByOne, account));
        }

        var together = new SimulatedPlatform(Platform.TikTok, 5, new FakeClock(Start), options);
        var concurrent = await Task.WhenAll(together.Generate(8).Select(account => Task.Run(() => Serve(together, account))));

        concurrent.ShouldBe(sequential);
        sequential.SelectMany(outcomes => outcomes).Count(outcome => outcome.StartsWith("unauthorised", StringComparison.Ordinal)).ShouldBeGreaterThan(5);
    }

    [Fact]
    public async Task Every_call_honours_its_cancellation_token_and_is_not_counted()
    {
        var platform = new SimulatedPlatform(Platform.TikTok, 1, new FakeClock(Start));
        var account = platform.Generate(1)[0];
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () => await platform.GetProfileAsync(account, cancelled.Token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await platform.GetAudienceAsync(account, cancelled.Token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await platform.GetPostMetricsAsync(account, [], cancelled.Token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await platform.VerifyPostAsync(account, "x-1", cancelled.Token));
        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var page in platform.ListPostsAsync(account, null, cancelled.Token))
            {
                page.ShouldBeNull();
            }
        });

        platform.TotalCalls.ShouldBe(0);
    }

    [Fact]
    public async Task A_listing_cancelled_between_pages_makes_no_further_call()
    {
        var platform = new SimulatedPlatform(Platform.TikTok, 1, new FakeClock(Start), new SimulatedPlatformOptions { PageSize = 3 });
        var account = platform.Generate(5).MaxBy(account => Profile(platform, account).Posts)!;
        using var source = new CancellationTokenSource();

        var pages = 0;
        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var page in platform.ListPostsAsync(account, null, default).WithCancellation(source.Token))
            {
                pages++;
                page.AsT0.HasMore.ShouldBeTrue();
                await source.CancelAsync();
            }
        });

        pages.ShouldBe(1);
        platform.CallCount(SimulatedCall.ListPosts).ShouldBe(1);
    }
}
