using CreatorMarketplace.Connectors;
using NodaTime;

namespace CreatorMarketplace.Tests.Connectors;

public class ConnectorResultTests
{
    [Fact]
    public void Each_outcome_says_what_happened_and_only_a_value_is_a_success()
    {
        ConnectorResult<int> ok = 42;
        ConnectorResult<int>[] failures =
        [
            new NotFound("post 7301542987100"),
            new Unauthorized("access_token_invalid"),
            new RateLimited(Duration.FromMilliseconds(1500)),
            new PlatformError("internal_error", "try later", Retryable: true),
            new MalformedData("data.user.follower_count: expected a number, got \"many\""),
        ];

        ok.Succeeded.ShouldBeTrue();
        ok.GetValueOrThrow().ShouldBe(42);
        ok.Failure.ShouldBeNull();
        failures.ShouldAllBe(failure => !failure.Succeeded);
        failures.Select(failure => failure.Failure).ShouldBe(
        [
            "not found: post 7301542987100",
            "unauthorised: access_token_invalid",
            "rate limited: retry after 1.5 s",
            "platform error internal_error: try later (retryable)",
            "malformed data: data.user.follower_count: expected a number, got \"many\"",
        ]);
        Should.Throw<InvalidOperationException>(() => failures[2].GetValueOrThrow()).Message.ShouldBe("The platform call failed: rate limited: retry after 1.5 s.");
    }

    [Fact]
    public void A_page_with_a_next_cursor_has_more()
    {
        new PostPage([], "cursor-2").HasMore.ShouldBeTrue();
        new PostPage([], null).HasMore.ShouldBeFalse();
        new ConnectedAccount(EntityId.New<CreatorId>(new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 30, 0, 0))), new Handle(Platform.TikTok, "maya.makes")).Platform.ShouldBe(Platform.TikTok);
    }
}
