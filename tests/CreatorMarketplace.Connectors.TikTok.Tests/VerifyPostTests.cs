using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

public sealed class VerifyPostTests : TikTokTestBase
{
    [Fact]
    public async Task A_post_TikTok_returns_is_live_with_its_description_as_caption_and_no_branded_content_flag()
    {
        var posted = (Now - Duration.FromDays(2)).ToUnixTimeSeconds();
        TikTok.On(FakeTikTok.VideoQuery, Answer.Ok($$"""{"videos":[{"id":"v1","create_time":{{posted}},"title":"Title","video_description":"Loving it #ad"}]}"""));
        Clock.Advance(Duration.FromMinutes(5));

        var check = (await Connector().VerifyPostAsync(Account, "v1", default)).GetValueOrThrow();

        check.ShouldBe(new PostCheck("v1", Live: true, "Loving it #ad", BrandedContentFlag: null, Now + Duration.FromMinutes(5)));
        TikTok.To(FakeTikTok.VideoQuery).ShouldHaveSingleItem().Body.ShouldBe("""{"filters":{"video_ids":["v1"]}}""");
    }

    [Fact]
    public async Task Without_a_description_the_title_is_the_caption()
    {
        TikTok.On(FakeTikTok.VideoQuery, Answer.Ok("""{"videos":[{"id":"v1","title":"Just the title","video_description":""}]}"""));

        (await Connector().VerifyPostAsync(Account, "v1", default)).GetValueOrThrow().Caption.ShouldBe("Just the title");
    }

    [Fact]
    public async Task A_post_TikTok_no_longer_returns_is_not_found()
    {
        TikTok.On(FakeTikTok.VideoQuery, Answer.Ok("""{"videos":[]}"""));

        var result = await Connector().VerifyPostAsync(Account, "v1", default);

        result.AsT1.ShouldBe(new NotFound("post v1"));
    }
}
