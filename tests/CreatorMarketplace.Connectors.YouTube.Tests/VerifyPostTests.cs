namespace CreatorMarketplace.Connectors.YouTube.Tests;

public sealed class VerifyPostTests : YouTubeTestBase
{
    [Fact]
    public async Task A_public_video_is_live_with_its_title_and_description_and_its_paid_placement_flag()
    {
        Google.On(FakeYouTube.Videos, Answer.Items("video", Video("v1", more: """
            ,"status":{"uploadStatus":"processed","privacyStatus":"public","license":"youtube","embeddable":true,"publicStatsViewable":true,"madeForKids":false},
            "paidProductPlacementDetails":{"hasPaidProductPlacement":true}
            """)));

        var check = (await Connector().VerifyPostAsync(Account, "v1", default)).GetValueOrThrow();

        check.ShouldBe(new PostCheck("v1", Live: true, "Video v1\n\nAbout v1", BrandedContentFlag: true, Now));
        Google.Received.ShouldHaveSingleItem().Query.ShouldBe("?part=snippet,status,paidProductPlacementDetails&id=v1");
    }

    [Theory]
    [InlineData("private", "processed")]
    [InlineData("unlisted", "processed")]
    [InlineData("public", "rejected")]
    public async Task A_video_not_public_or_not_processed_is_not_live_and_without_the_flag_it_is_unknown(string privacy, string upload)
    {
        Google.On(FakeYouTube.Videos, Answer.Items("video", Video("v1", more: $$""","status":{"uploadStatus":"{{upload}}","privacyStatus":"{{privacy}}"}""")));

        var check = (await Connector().VerifyPostAsync(Account, "v1", default)).GetValueOrThrow();

        check.Live.ShouldBeFalse();
        check.BrandedContentFlag.ShouldBeNull();
    }

    [Fact]
    public async Task A_video_YouTube_does_not_list_is_not_found()
    {
        Google.On(FakeYouTube.Videos, Answer.Items("video", ""));

        (await Connector().VerifyPostAsync(Account, "gone", default)).AsT1.What.ShouldBe("post gone");
    }
}
