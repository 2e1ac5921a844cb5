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
}
