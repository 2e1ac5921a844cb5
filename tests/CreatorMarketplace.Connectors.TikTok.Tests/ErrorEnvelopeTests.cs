namespace CreatorMarketplace.Connectors.TikTok.Tests;

public sealed class ErrorEnvelopeTests : TikTokTestBase
{
    [Theory]
    [InlineData(401, "access_token_invalid")]
    [InlineData(401, "scope_not_authorized")]
    public async Task A_refused_authorisation_is_unauthorized_with_TikToks_code_and_log_id(int status, string code)
    {
        TikTok.On(FakeTikTok.UserInfo, Answer.Error(status, code, "Not allowed."));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT2.ShouldBe(new Unauthorized($"{code}: Not allowed. (log id {Answer.LogId})"));
        TikTok.To(FakeTikTok.Token).ShouldBeEmpty("only an expired token is worth a refresh");
    }

    [Theory]
    [InlineData(400, "invalid_params", false)]
    [InlineData(200, "something_new", false)]
    [InlineData(500, "internal_error", true)]
    [InlineData(503, "unknown_error", true)]
    public async Task Any_other_code_is_a_platform_error_retryable_for_server_errors(int status, string code, bool retryable)
    {
        TikTok.On(FakeTikTok.VideoQuery, Answer.Error(status, code, "Details."));

        var result = await Connector().GetPostMetricsAsync(Account, ["v1"], default);

        result.AsT4.ShouldBe(new PlatformError(code, $"Details. (log id {Answer.LogId})", retryable));
    }

    [Theory]
    [InlineData(502, "<html>Bad gateway</html>", "http_502", true)]
    [InlineData(404, "", "http_404", false)]
    [InlineData(500, """{"error":{"message":"no code"}}""", "http_500", true)]
    public async Task A_failed_status_without_an_envelope_is_a_platform_error_named_by_the_status(int status, string body, string code, bool retryable)
    {
        TikTok.On(FakeTikTok.UserInfo, new Answer(status, body));

        var result = await Connector().GetProfileAsync(Account, default);

        result.IsT4.ShouldBeTrue(result.ToString());
        result.AsT4.Code.ShouldBe(code);
        result.AsT4.Retryable.ShouldBe(retryable);
    }

    [Fact]
    public async Task An_account_without_tokens_is_unauthorized_without_a_call()
    {
        var stranger = new ConnectedAccount(EntityId.New<CreatorId>(Clock), new Handle(Platform.TikTok, "stranger"));

        var result = await Connector().GetProfileAsync(stranger, default);

        result.AsT2.Reason.ShouldBe("no TikTok tokens are stored for the account; the creator connects it again.");
        TikTok.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_a_retryable_network_error()
    {
        var options = Options(options => options.BaseAddress = new Uri("http://127.0.0.1:1/"));
        var connector = new TikTokConnector(Http, Tokens, options, Clock);

        var result = await connector.GetProfileAsync(Account, default);

        result.AsT4.Code.ShouldBe("network_error");
        result.AsT4.Retryable.ShouldBeTrue();
    }
}
