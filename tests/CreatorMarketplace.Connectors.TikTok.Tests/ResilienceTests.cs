using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using CreatorMarketplace.Connectors.Http;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

public sealed class ResilienceTests : RegisteredTestBase
{
    private static readonly Answer Profile = Answer.Ok("""{"user":{"display_name":"Jane","follower_count":10}}""");

    [Fact]
    public async Task Server_errors_are_retried_by_the_resilience_handler_until_one_succeeds()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Error(503, "internal_error"), new Answer(502, "<html>Bad gateway</html>"), Profile);
        await using var services = Register();

        var result = await services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default);

        result.Succeeded.ShouldBeTrue(result.ToString());
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Server_errors_past_the_retries_are_a_retryable_platform_error()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Error(500, "internal_error", "Try later."));
        await using var services = Register(resilience: options => options.Retry.MaxRetryAttempts = 2);

        var result = await services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default);

        result.AsT4.ShouldBe(new PlatformError("internal_error", $"Try later. (log id {Answer.LogId})", Retryable: true));
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(3);
    }

    [Fact]
    public async Task The_back_off_runs_on_the_containers_time_provider()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Error(503, "internal_error"), Answer.Error(503, "internal_error"), Profile);
        await using var services = Register(time: Time, resilience: options =>
        {
            FarTimeouts(options);
            options.Retry.Delay = TimeSpan.FromMinutes(1);
            options.Retry.UseJitter = false;
        });
        var real = Stopwatch.StartNew();

        var result = await WithTimePassing(() => services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default));

        result.Succeeded.ShouldBeTrue(result.ToString());
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(3);
        (Time.GetUtcNow() - Now.ToDateTimeOffset()).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(3), "a minute's back-off, then two");
        real.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_tried_again()
    {
        TikTok.On(FakeTikTok.UserInfo, Profile with { Delay = TimeSpan.FromSeconds(3) }, Profile);
        await using var services = Register(resilience: options => options.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        var result = await services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default);

        result.Succeeded.ShouldBeTrue(result.ToString());
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2.5));
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Timeouts_past_the_retries_are_a_retryable_timeout()
    {
        TikTok.On(FakeTikTok.UserInfo, Profile with { Delay = TimeSpan.FromSeconds(3) });
        await using var services = Register(resilience: options =>
        {
            options.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(200);
            options.Retry.MaxRetryAttempts = 1;
        });

        var result = await services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default);

        result.AsT4.Code.ShouldBe("timeout");
        result.AsT4.Retryable.ShouldBeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_answer_past_the_most_bytes_read_is_refused_and_not_retried(bool chunked)
    {
        // A display name of 16 MiB: a valid answer, but no page of any platform comes near it.
        var huge = Answer.Ok($$$"""{"user":{"display_name":"{{{new string('a', ConnectorExchange.MaxAnswerBytes)}}}","follower_count":10}}""") with { Chunked = chunked };
        TikTok.On(FakeTikTok.UserInfo, huge, Profile);
        await using var services = Register();

        var result = await services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default);

        result.AsT4.Code.ShouldBe("answer_too_large");
        result.AsT4.Message.ShouldContain("16777216 bytes");
        result.AsT4.Retryable.ShouldBeFalse();
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_answer_of_the_most_bytes_read_or_fewer_is_read_whole_without_a_length()
    {
        TikTok.On(FakeTikTok.UserInfo, Profile with { Chunked = true });
        await using var services = Register();

        var result = await services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default);

        result.AsT0.DisplayName.ShouldBe("Jane");
    }

    [Fact]
    public async Task A_429_is_left_to_the_connector_not_retried_by_the_handler()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Error(429, "rate_limit_exceeded") with { RetryAfter = "120" });
        await using var services = Register();

        var result = await services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default);

        result.AsT3.ShouldBe(new RateLimited(Duration.FromSeconds(120)));
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_token_refresh_is_never_retried_since_TikTok_may_have_rotated_the_refresh_token()
    {
        TikTok.On(FakeTikTok.Token, new Answer(503, "Service Unavailable"));
        Clock.Advance(Duration.FromDays(2));
        await using var services = Register();

        var result = await services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default);

        result.AsT4.Code.ShouldBe("http_503");
        result.AsT4.Retryable.ShouldBeTrue();
        TikTok.To(FakeTikTok.Token).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_handlers_retries_take_from_the_budget_and_stop_when_it_is_spent()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Error(503, "internal_error"));
        await using var services = Register(options => options.RequestsPerMinute = 2);

        var result = await services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, default);

        result.AsT3.ShouldBe(new RateLimited(Duration.FromMinutes(1)));
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(2, "the first attempt and one retry; the third attempt found the budget spent");
    }
}
