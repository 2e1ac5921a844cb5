using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

public sealed class CancellationTests : RegisteredTestBase
{
    private static readonly Answer Slow = Answer.Ok("""{"user":{"display_name":"Jane","follower_count":10}}""") with { Delay = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Cancelling_a_call_TikTok_is_slow_to_answer_throws_at_once()
    {
        TikTok.On(FakeTikTok.UserInfo, Slow);
        using var cancellation = new CancellationTokenSource();

        var call = Connector().GetProfileAsync(Account, cancellation.Token).AsTask();
        var watch = await CancelOnceTikTokHasTheRequest(cancellation);

        await Should.ThrowAsync<OperationCanceledException>(call);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Cancelling_through_the_resilience_handler_throws_rather_than_retrying_or_failing()
    {
        TikTok.On(FakeTikTok.UserInfo, Slow);
        await using var services = Register();
        using var cancellation = new CancellationTokenSource();

        var call = services.GetRequiredService<TikTokConnector>().GetProfileAsync(Account, cancellation.Token).AsTask();
        var watch = await CancelOnceTikTokHasTheRequest(cancellation);

        await Should.ThrowAsync<OperationCanceledException>(call);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        await Task.Delay(100);
        TikTok.To(FakeTikTok.UserInfo).Count.ShouldBe(1, "a cancelled call is not retried");
    }

    [Fact]
    public async Task Cancelling_the_wait_for_a_Retry_After_throws_at_once()
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Error(429, "rate_limit_exceeded") with { RetryAfter = "30" });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Should.ThrowAsync<OperationCanceledException>(async () => await Connector(options => options.MaxRetryAfterWait = TimeSpan.FromMinutes(1)).GetProfileAsync(Account, cancellation.Token));

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Cancelling_a_listing_between_pages_stops_it_before_the_next_request()
    {
        TikTok.On(FakeTikTok.VideoList, Answer.Ok("""{"videos":[],"cursor":1700000001000,"has_more":true}"""));
        using var cancellation = new CancellationTokenSource();
        var pages = 0;

        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var page in Connector().ListPostsAsync(Account, null, cancellation.Token))
            {
                page.Succeeded.ShouldBeTrue();
                pages++;
                await cancellation.CancelAsync();
            }
        });

        pages.ShouldBe(1);
        TikTok.To(FakeTikTok.VideoList).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_call_cancelled_before_it_starts_sends_nothing()
    {
        var connector = Connector();

        await Should.ThrowAsync<OperationCanceledException>(async () => await connector.GetPostMetricsAsync(Account, ["v1"], new CancellationToken(true)));
        await Should.ThrowAsync<OperationCanceledException>(async () => await connector.GetAudienceAsync(Account, new CancellationToken(true)));

        TikTok.Received.ShouldBeEmpty();
    }

    private async Task<Stopwatch> CancelOnceTikTokHasTheRequest(CancellationTokenSource cancellation)
    {
        var waiting = Stopwatch.StartNew();
        while (TikTok.Received.Count == 0)
        {
            waiting.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "the request never reached the fake");
            await Task.Delay(10);
        }

        await cancellation.CancelAsync();
        return Stopwatch.StartNew();
    }
}
