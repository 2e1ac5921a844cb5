using System.Diagnostics;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

public sealed class RateLimitTests : TikTokTestBase
{
    private static readonly Answer Profile = Answer.Ok("""{"user":{"display_name":"Jane","follower_count":10}}""");

    [Fact]
    public async Task A_short_Retry_After_is_waited_out_on_the_injected_time_and_the_call_tried_once_more()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Error(429, "rate_limit_exceeded", "Slow down.") with { RetryAfter = "5" }, Profile);
        var connector = Connector(time: Time);
        var watch = Stopwatch.StartNew();

        var result = await WithTimePassing(() => connector.GetProfileAsync(Account, default));

        result.Succeeded.ShouldBeTrue(result.ToString());
        (Time.GetUtcNow() - Now.ToDateTimeOffset()).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(5));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2), "the wait runs on the injected time");
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(2);
        Logs.Lines.ShouldContain(line => line.Contains("asked to slow down; waiting 5 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_time_provider_the_wait_is_real_time()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Error(429, "rate_limit_exceeded", "Slow down.") with { RetryAfter = "1" }, Profile);
        var watch = Stopwatch.StartNew();

        var result = await Connector().GetProfileAsync(Account, default);

        result.Succeeded.ShouldBeTrue(result.ToString());
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task A_second_429_after_the_wait_is_handed_to_the_caller()
    {
        TikTok.On(FakeTikTok.UserInfo, new Answer(429, "", RetryAfter: "1"));
        var connector = Connector(time: Time);

        var result = await WithTimePassing(() => connector.GetProfileAsync(Account, default));

        result.AsT3.ShouldBe(new RateLimited(Duration.FromSeconds(1)));
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_long_Retry_After_goes_to_the_caller_and_the_endpoint_rests_until_it_is_over()
    {
        TikTok
            .On(FakeTikTok.UserInfo, Answer.Error(429, "rate_limit_exceeded") with { RetryAfter = "120" }, Profile)
            .On(FakeTikTok.VideoQuery, Answer.Ok("""{"videos":[]}"""));
        var connector = Connector();

        (await connector.GetProfileAsync(Account, default)).AsT3.ShouldBe(new RateLimited(Duration.FromSeconds(120)));
        Clock.Advance(Duration.FromSeconds(100));
        (await connector.GetProfileAsync(Account, default)).AsT3.ShouldBe(new RateLimited(Duration.FromSeconds(20)));
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(1);
        (await connector.GetPostMetricsAsync(Account, ["v1"], default)).Succeeded.ShouldBeTrue("another endpoint has its own limit");
        Clock.Advance(Duration.FromSeconds(20));
        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("315360000")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public async Task A_Retry_After_of_years_rests_the_endpoint_a_day_at_most(string retryAfter)
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Error(429, "rate_limit_exceeded") with { RetryAfter = retryAfter });

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT3.ShouldBe(new RateLimited(Duration.FromDays(1)));
    }

    [Fact]
    public async Task A_Retry_After_given_as_a_date_is_read_against_the_injected_clock()
    {
        var until = (Now + Duration.FromSeconds(90)).ToDateTimeUtc().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        TikTok.On(FakeTikTok.UserInfo, Answer.Error(429, "rate_limit_exceeded") with { RetryAfter = until });

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT3.ShouldBe(new RateLimited(Duration.FromSeconds(90)));
    }

    [Fact]
    public async Task Without_Retry_After_the_wait_lasts_until_the_oldest_request_leaves_the_minute()
    {
        TikTok.On(FakeTikTok.UserInfo, Profile, Answer.Error(429, "rate_limit_exceeded"));
        var connector = Connector(options => options.MaxRetryAfterWait = TimeSpan.Zero);

        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        Clock.Advance(Duration.FromSeconds(20));

        (await connector.GetProfileAsync(Account, default)).AsT3.ShouldBe(new RateLimited(Duration.FromSeconds(40)));
    }

    [Fact]
    public async Task The_budget_refuses_the_request_past_its_count_in_a_sliding_minute_without_sending_it()
    {
        TikTok.On(FakeTikTok.UserInfo, Profile).On(FakeTikTok.VideoQuery, Answer.Ok("""{"videos":[]}"""));
        var connector = Connector(options => options.RequestsPerMinute = 3);

        for (var i = 0; i < 3; i++)
        {
            (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
            Clock.Advance(Duration.FromSeconds(10));
        }

        (await connector.GetProfileAsync(Account, default)).AsT3.ShouldBe(new RateLimited(Duration.FromSeconds(30)), "the first request leaves the minute 60 s after it was sent");
        (await connector.GetPostMetricsAsync(Account, ["v1"], default)).Succeeded.ShouldBeTrue("the budget is per endpoint");
        Clock.Advance(Duration.FromSeconds(29));
        (await connector.GetProfileAsync(Account, default)).AsT3.RetryAfter.ShouldBe(Duration.FromSeconds(1));
        Clock.Advance(Duration.FromSeconds(1));
        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        (await connector.GetProfileAsync(Account, default)).AsT3.RetryAfter.ShouldBe(Duration.FromSeconds(10));
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(4);
    }

    [Fact]
    public async Task By_default_the_budget_is_TikToks_600_requests_a_minute()
    {
        TikTok.On(FakeTikTok.UserInfo, Profile);
        var connector = Connector();

        for (var i = 0; i < 600; i++)
        {
            (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        }

        (await connector.GetProfileAsync(Account, default)).AsT3.RetryAfter.ShouldBe(Duration.FromMinutes(1));
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(600);
        Clock.Advance(Duration.FromMinutes(1));
        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
    }
}
