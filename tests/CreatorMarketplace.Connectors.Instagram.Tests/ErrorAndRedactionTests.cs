namespace CreatorMarketplace.Connectors.Instagram.Tests;

public sealed class ErrorAndRedactionTests : InstagramTestBase
{
    public static TheoryData<string> Encodings => [.. Echo.Encodings.Keys];

    [Theory]
    [InlineData(400, 100, null, "100: Invalid parameter (fbtrace_id AbCdEfTrace)", false)]
    [InlineData(500, 2, null, "2: Invalid parameter (fbtrace_id AbCdEfTrace)", true)]
    [InlineData(400, 24, 2207006L, "24/2207006: Invalid parameter (fbtrace_id AbCdEfTrace)", false)]
    public async Task Other_Graph_errors_are_platform_errors_with_their_code(int status, long code, long? subcode, string expected, bool retryable)
    {
        Instagram.On(Graph.User, Graph.Error(status, code, "Invalid parameter", subcode));

        var result = await Connector().GetProfileAsync(Account, default);

        var error = result.AsT4;
        $"{error.Code}: {error.Message}".ShouldBe(expected);
        error.Retryable.ShouldBe(retryable);
    }

    [Theory]
    [InlineData(10, "(#10) Application does not have permission for this action")]
    [InlineData(200, "(#200) Requires instagram_manage_insights permission")]
    public async Task Permission_errors_are_unauthorized(long code, string message)
    {
        Instagram.On(Graph.User, Graph.Error(403, code, message));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT2.Reason.ShouldStartWith($"{code}: {message}");
    }

    [Fact]
    public async Task A_failed_status_without_an_error_object_is_a_platform_error_and_a_success_that_is_not_json_is_malformed()
    {
        Instagram.On(Graph.User, new Answer(502, "<html>Bad gateway</html>"));
        Instagram.On(Graph.Media("p1"), new Answer(200, "not json"));
        var connector = Connector();

        var failed = await connector.GetProfileAsync(Account, default);
        var malformed = await connector.VerifyPostAsync(Account, "p1", default);

        failed.AsT4.Code.ShouldBe("http_502");
        failed.AsT4.Retryable.ShouldBeTrue();
        malformed.AsT5.Reason.ShouldStartWith("the response is not JSON: ");
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Tokens_echoed_in_paging_next_never_leave_the_connector(string encoding)
    {
        var echo = Echo.Encodings[encoding];
        Instagram.On(Graph.MediaList, Graph.Ok(new
        {
            data = new[] { new { id = "m1", caption = "c " + echo(AccessToken), timestamp = "2026-11-29T10:00:00+0000", permalink = "https://www.instagram.com/p/m1/?t=" + echo(AccessToken) } },
            paging = new
            {
                cursors = new { after = "QVFIUa1" + echo(AccessToken) },
                next = $"https://graph.facebook.com/v23.0/{Graph.UserId}/media?access_token={echo(AccessToken)}&client_secret={echo(AppSecret)}&after=QVFIUa1",
            },
        }), Graph.Error(400, 100, "bad cursor " + echo(AccessToken) + " " + echo(AppSecret)));

        var pages = await Connector().ListPostsAsync(Account, null, default).ToListAsync();

        var texts = pages.Select(page => page.ToString()).Concat(Logs.Lines).ToArray();
        Echo.Leaks(texts, AllSecrets).ShouldBeEmpty();
        pages.Count.ShouldBe(2);
        pages[0].GetValueOrThrow().NextCursor.ShouldNotBeNull();
        pages[1].IsT4.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Secrets_echoed_in_errors_and_in_the_token_exchange_never_leave_the_connector(string encoding)
    {
        var echo = Echo.Encodings[encoding];
        Instagram.On(Graph.User, Graph.Error(400, 190, "token " + echo(AccessToken) + " expired"), Graph.Error(400, 190, "new " + echo(NewAccessToken)));
        Instagram.On(Graph.Exchange, Graph.Renewed(NewAccessToken));
        Instagram.On(Graph.Media("p1"), Graph.Error(500, 1, echo(AppSecret) + " " + echo(NewAccessToken)) with { Reason = "Oops " + echo(AccessToken) });

        var connector = Connector();
        var profile = await connector.GetProfileAsync(Account, default);
        var check = await connector.VerifyPostAsync(Account, "p1", default);

        var texts = new[] { profile.ToString(), check.ToString() }.Concat(Logs.Lines).ToArray();
        Echo.Leaks(texts, AllSecrets).ShouldBeEmpty();
        profile.IsT2.ShouldBeTrue();
        check.IsT4.ShouldBeTrue();
    }

    [Fact]
    public void The_tokens_text_form_leaves_the_token_out()
    {
        var tokens = new InstagramTokens(AccessToken, NodaTime.Instant.FromUtc(2027, 1, 29, 12, 0));

        tokens.ToString().ShouldBe("InstagramTokens { AccessToken = [redacted], ExpiresAt = 2027-01-29T12:00:00Z }");
        Should.Throw<ArgumentException>(() => new InstagramTokens(" ", default)).Message.ShouldNotContain(AccessToken);
    }
}
