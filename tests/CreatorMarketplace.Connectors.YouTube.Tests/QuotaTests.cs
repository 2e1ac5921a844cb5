using FsCheck.Fluent;

namespace CreatorMarketplace.Connectors.YouTube.Tests;

public sealed class QuotaTests : YouTubeTestBase
{
    [Fact]
    public async Task A_call_beyond_the_daily_quota_sends_nothing_and_waits_for_midnight_Pacific_then_the_count_starts_again()
    {
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel()));
        var connector = Connector(options => options.DailyQuota = 2);
        Tokens.Put(Account, new YouTubeTokens(AccessToken, NextPacificMidnight + Duration.FromHours(1), RefreshToken));

        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        var refused = await connector.GetProfileAsync(Account, default);

        refused.AsT3.RetryAfter.ShouldBe(NextPacificMidnight - Now);
        Google.Received.Count.ShouldBe(2);
        Clock.Reset(NextPacificMidnight);
        (await connector.GetProfileAsync(Account, default)).Succeeded.ShouldBeTrue();
        Google.Received.Count.ShouldBe(3);
    }

    [Fact]
    public async Task YouTubes_quotaExceeded_stops_every_call_until_the_reset()
    {
        Google.On(FakeYouTube.Channels, Answer.GoogleError(403, "quotaExceeded", "The request cannot be completed because you have exceeded your quota."));
        var connector = Connector();

        var first = await connector.GetProfileAsync(Account, default);
        var second = await connector.GetPostMetricsAsync(Account, ["v1"], default);

        first.AsT3.RetryAfter.ShouldBe(NextPacificMidnight - Now);
        second.AsT3.RetryAfter.ShouldBe(NextPacificMidnight - Now);
        Google.Received.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData(403, "rateLimitExceeded", null, 60)]
    [InlineData(403, "userRateLimitExceeded", "7", 7)]
    [InlineData(429, "rateLimitExceeded", "30", 30)]
    public async Task A_rate_limit_is_rate_limited_with_Googles_wait_or_a_minute(int status, string reason, string? retryAfter, int seconds)
    {
        Google.On(FakeYouTube.Channels, Answer.GoogleError(status, reason, domain: "usageLimits") with { RetryAfter = retryAfter });

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT3.RetryAfter.ShouldBe(Duration.FromSeconds(seconds));
    }

    [Fact]
    public async Task Other_errors_are_platform_errors_with_Googles_reason()
    {
        Google.On(FakeYouTube.Videos, Answer.GoogleError(400, "badRequest", "Invalid id.", "youtube.video"));

        var result = await Connector().GetPostMetricsAsync(Account, ["v1"], default);

        result.AsT4.ShouldBe(new PlatformError("badRequest", "badRequest: Invalid id.", Retryable: false));
    }

    [Property(MaxTest = 300)]
    public Property The_reset_is_the_next_midnight_in_Los_Angeles(long seconds)
    {
        // Any instant from 1970 to about 2100, across both changes of daylight saving time.
        var now = Instant.FromUnixTimeSeconds(Math.Abs(seconds % 4_102_444_800L));
        var reset = YouTubeQuota.NextReset(now);
        var pacific = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];
        var local = reset.InZone(pacific);
        return (reset > now).Label("after now")
            .And((reset - now <= Duration.FromHours(25)).Label("within 25 hours"))
            .And((local.TimeOfDay == LocalTime.Midnight).Label("at midnight in Los Angeles"))
            .And((local.Date == now.InZone(pacific).Date.PlusDays(1)).Label("on the next day there"));
    }
}
