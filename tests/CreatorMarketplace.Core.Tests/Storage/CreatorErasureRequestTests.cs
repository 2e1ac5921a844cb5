using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Storage;
using NodaTime;

namespace CreatorMarketplace.Tests.Storage;

public class CreatorErasureRequestTests
{
    private static CreatorErasureRequest Naming(params string[] texts) =>
        new(CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8059")), Instant.FromUtc(2026, 12, 5, 9, 0), [], texts);

    [Fact]
    public void A_text_naming_the_creator_is_replaced_wherever_it_stands_ignoring_case_the_longest_first()
    {
        var request = Naming("Maya", "Maya Lindqvist", "maya.makes", "maya@example.com");

        request.Redact("Maya Lindqvist (MAYA@example.com) posted https://www.tiktok.com/@Maya.Makes/video/7")
            .ShouldBe("[erased] ([erased]) posted https://www.tiktok.com/@[erased]/video/7");
    }

    [Fact]
    public void A_text_naming_no_one_is_given_back_as_it_was_and_texts_too_short_to_name_anyone_are_left_alone()
    {
        var request = Naming("Al", "Maya");
        const string text = "Almost done, thanks";

        request.Redact(text).ShouldBeSameAs(text);
        request.Redact("Al and Maya").ShouldBe("Al and [erased]");
    }

    // A URL is scrubbed where a name can be replaced and stay a URL (its path, query and fragment); a URL whose host
    // names the creator is replaced whole, since "https://www.[erased].com/" is none and would fail every erasure.
    [Theory]
    [InlineData("maya.makes", "https://www.tiktok.com/@maya.makes/video/7301?lang=en#maya.makes", "https://www.tiktok.com/@[erased]/video/7301?lang=en#[erased]")]
    [InlineData("tiktok", "https://www.tiktok.com/@tiktok/video/7301", "https://erased.invalid/")]
    [InlineData("maya.makes", "https://maya.makes.example.com/shop", "https://erased.invalid/")]
    [InlineData("maya.makes", "https://maya.makes:secret@example.com/shop", "https://erased.invalid/")]
    [InlineData("maya.makes", "https://www.youtube.com/watch?v=7301", "https://www.youtube.com/watch?v=7301")]
    public void A_url_is_redacted_into_a_url(string naming, string url, string redacted)
    {
        var request = Naming(naming);
        var given = new Uri(url);

        var result = request.Redact(given);

        result.OriginalString.ShouldBe(redacted);
        if (url == redacted)
        {
            result.ShouldBeSameAs(given);
        }
    }

    [Fact]
    public void Erasing_a_creator_named_in_a_posts_host_redacts_the_post_into_a_valid_url()
    {
        var request = Naming("tiktok");
        var post = new PostRecorded(
            CollaborationId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8060")),
            Actor.Creator,
            request.ErasedAt,
            "video-1",
            new PostRecord("7301", new Uri("https://www.tiktok.com/@tiktok/video/7301"), request.ErasedAt));

        var redacted = request.Redact(post).ShouldBeOfType<PostRecorded>();

        redacted.Post.Url.ShouldBe(CreatorErasureRequest.ErasedUrl);
        request.Redact(redacted).ShouldBeSameAs(redacted);
    }
}
