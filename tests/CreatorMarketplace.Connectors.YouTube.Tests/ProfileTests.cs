namespace CreatorMarketplace.Connectors.YouTube.Tests;

public sealed class ProfileTests : YouTubeTestBase
{
    [Fact]
    public async Task The_channel_becomes_the_profile_with_the_numbers_YouTube_gives_and_the_rest_null()
    {
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel()));

        var profile = (await Connector().GetProfileAsync(Account, default)).GetValueOrThrow();

        profile.DisplayName.ShouldBe("Jane Doe");
        profile.Bio.ShouldBe("Food and travel");
        profile.Stats.ShouldNotBeNull().Followers.ShouldBe(125000);
        profile.Stats.AsOf.ShouldBe(Now);
        profile.Stats.AverageViews.ShouldBeNull();
        profile.Posts.ShouldBe(512);
        profile.Following.ShouldBeNull();
        profile.Likes.ShouldBeNull();
        profile.Verified.ShouldBeNull();
        var request = Google.Received.ShouldHaveSingleItem();
        request.Method.ShouldBe("GET");
        request.Path.ShouldBe(FakeYouTube.Channels);
        request.Query.ShouldBe("?part=snippet,statistics,contentDetails&mine=true");
        request.Authorization.ShouldBe($"Bearer {AccessToken}");
        Headers.Sent.ShouldHaveSingleItem().ApiKey.ShouldBeNull();
    }

    [Fact]
    public async Task A_hidden_subscriber_count_is_not_reported_never_zero()
    {
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel("""{"viewCount":"987654","subscriberCount":"0","hiddenSubscriberCount":true,"videoCount":"512"}""")));

        var profile = (await Connector().GetProfileAsync(Account, default)).GetValueOrThrow();

        profile.Stats.ShouldBeNull();
        profile.Posts.ShouldBe(512);
    }

    [Fact]
    public async Task Without_tokens_the_API_key_reads_the_public_channel_by_its_id_in_a_header_not_the_URL()
    {
        Tokens.Remove(Account);
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel()));

        var profile = (await Connector().GetProfileAsync(Account, default)).GetValueOrThrow();

        profile.Stats!.Followers.ShouldBe(125000);
        var request = Google.Received.ShouldHaveSingleItem();
        request.Query.ShouldBe($"?part=snippet,statistics,contentDetails&id={ChannelId}");
        request.Authorization.ShouldBeNull();
        var sent = Headers.Sent.ShouldHaveSingleItem();
        sent.ApiKey.ShouldBe(ApiKey);
        Echo.Holds(sent.Url, ApiKey).ShouldBeFalse();
    }

    [Fact]
    public async Task Without_tokens_and_without_a_key_or_a_channel_id_nothing_is_sent()
    {
        Tokens.Remove(Account);
        var noChannelId = Account with { ExternalId = null };

        var withoutKey = await Connector(options => options.ApiKey = "").GetProfileAsync(Account, default);
        var withoutId = await Connector().GetProfileAsync(noChannelId, default);

        withoutKey.AsT2.Reason.ShouldContain("no YouTube tokens are stored");
        withoutId.AsT2.Reason.ShouldContain("needs its channel id");
        Google.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_channel_YouTube_does_not_list_is_not_found()
    {
        Google.On(FakeYouTube.Channels, new Answer(200, """{"kind":"youtube#channelListResponse","etag":"e","pageInfo":{"totalResults":0,"resultsPerPage":5}}"""));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT1.What.ShouldBe($"channel {ChannelId}");
    }

    [Fact]
    public async Task A_huge_number_is_described_by_its_length_not_quoted()
    {
        var huge = new string('9', 1_000_000);
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel($$"""{"subscriberCount":{{huge}},"hiddenSubscriberCount":false}""")));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT5.Reason.ShouldBe("items[0].statistics.subscriberCount: expected a count as a string of digits, got a number of 1000000 characters.");
    }

    [Theory]
    [InlineData("""{"subscriberCount":125000,"hiddenSubscriberCount":false}""", "items[0].statistics.subscriberCount: expected a count as a string of digits, got 125000.")]
    [InlineData("""{"subscriberCount":"-5","hiddenSubscriberCount":false}""", "items[0].statistics.subscriberCount: expected a count as a string of digits, got \"-5\".")]
    [InlineData("""{"hiddenSubscriberCount":false}""", "items[0].statistics.subscriberCount: is missing while hiddenSubscriberCount is not true.")]
    [InlineData("""{"subscriberCount":"10","subscriberCount":"125000","hiddenSubscriberCount":false}""", "the response is not JSON: items[0].statistics.subscriberCount is given twice.")]
    [InlineData("""{"subscriberCount":"10","hiddenSubscriberCount":"no"}""", "items[0].statistics.hiddenSubscriberCount: expected true or false, got a string.")]
    public async Task Numbers_out_of_the_documented_shape_are_malformed_data_naming_the_path(string statistics, string reason)
    {
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel(statistics)));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT5.Reason.ShouldBe(reason);
    }

    [Fact]
    public async Task A_long_member_name_given_twice_is_named_by_its_length()
    {
        var name = new string('n', 10_000);
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel($$"""{"{{name}}":"1","{{name}}":"2","subscriberCount":"10","hiddenSubscriberCount":false}""")));

        var result = await Connector().GetProfileAsync(Account, default);

        result.AsT5.Reason.ShouldBe("the response is not JSON: items[0].statistics.a member name of 10000 characters is given twice.");
    }

    [Fact]
    public async Task A_megabyte_value_out_of_shape_makes_a_bounded_reason_without_the_token()
    {
        var huge = new string('9', 1_000_000) + "x" + AccessToken;
        Google.On(FakeYouTube.Channels, Answer.Items("channel", Channel($$"""{"subscriberCount":"{{huge}}","hiddenSubscriberCount":false}""")));

        var reason = (await Connector().GetProfileAsync(Account, default)).AsT5.Reason;

        reason.Length.ShouldBeLessThanOrEqualTo(ErrorText.MessageLength + 40);
        reason.ShouldStartWith("items[0].statistics.subscriberCount: expected a count as a string of digits, got a string of ");
        reason.ShouldNotContain(AccessToken[..8]);
    }

    [Fact]
    public async Task Another_platforms_account_is_refused()
    {
        var tiktok = new ConnectedAccount(Account.Creator, new Handle(Platform.TikTok, "@jane"));

        await Should.ThrowAsync<ArgumentException>(async () => await Connector().GetProfileAsync(tiktok, default));
    }
}
