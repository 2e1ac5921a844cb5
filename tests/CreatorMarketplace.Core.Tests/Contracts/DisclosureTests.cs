using CreatorMarketplace.Compliance;

namespace CreatorMarketplace.Tests.Contracts;

public class DisclosureTests
{
    private static readonly DisclosureRules Rules = DisclosureRules.Default;

    [Theory]
    [InlineData("Loving this serum #ad", true)]
    [InlineData("Loving this serum #AD!", true)]
    [InlineData("#Sponsored: loving this serum", true)]
    [InlineData("Loving this serum #adventure", false)]
    [InlineData("Loving this serum ad", false)]
    public void In_the_united_states_a_caption_hashtag_discloses_a_post(string caption, bool disclosed)
    {
        Rules.Check(caption, brandedContentFlag: false, [Country.US]).IsDisclosed.ShouldBe(disclosed);
    }

    // A '#' starts a hashtag at the start or after a character that is no part of a word, nor '&' or '/' (as
    // twitter-text finds tags): one inside a word or a URL shows as no tag and discloses nothing.
    [Theory]
    [InlineData("Love this serum https://shop.example.com/serum#ad", false)]
    [InlineData("Love this serum https://shop.example.com/#ad", false)]
    [InlineData("Love this serum shop.example.com/#ad", false)]
    [InlineData("Love this serum (https://shop.example.com/?q=1&x=#ad)", false)]
    [InlineData("Love this serum, brand#ad", false)]
    [InlineData("Love this serum &#ad", false)]
    [InlineData("Love this serum https://shop.example.com/serum #ad", true)]
    [InlineData("Love this serum (#ad)", true)]
    [InlineData("Love this serum.#ad", true)]
    [InlineData("#ad love this serum", true)]
    public void Only_a_hashtag_that_starts_a_word_discloses_a_post(string caption, bool disclosed)
    {
        Rules.Check(caption, brandedContentFlag: false, [Country.NL, Country.CA]).IsDisclosed.ShouldBe(disclosed);
    }

    // Twitter-text takes the full-width '＃' as a hashtag sign; a character that shows nothing does not end a tag,
    // so "#ad\u200Bidas" is the tag #adidas as it reads.
    [Theory]
    [InlineData("Love this serum ＃ad", true)]
    [InlineData("新しいセラム、＃ad", true)]
    [InlineData("新しいセラム＃ad", false)]
    [InlineData("Love this serum #ad\u200Bidas", false)]
    [InlineData("Love this serum #ad\u00ADvertising", false)]
    [InlineData("Love this serum #a\u200Dd", true)]
    [InlineData("Love this serum #ad\u200B rocks", true)]
    public void A_full_width_sign_starts_a_hashtag_and_an_invisible_character_does_not_end_one(string caption, bool disclosed)
    {
        Rules.Check(caption, brandedContentFlag: false, [Country.US]).IsDisclosed.ShouldBe(disclosed);
    }

    [Fact]
    public void A_hashtag_whose_accents_are_written_apart_from_their_letters_matches_its_precomposed_form()
    {
        var rules = Rules.With(Country.TR, new DisclosureRule(["işbirliği"], FlagSuffices: false));

        rules.Check("Yeni ürün #işbirliği", false, [Country.TR]).IsDisclosed.ShouldBeTrue();
        rules.Check("Yeni ürün #is\u0327birlig\u0306i", false, [Country.TR]).IsDisclosed.ShouldBeTrue();
        rules.Check("Yeni ürün #is\u0327birlig\u0306inde", false, [Country.TR]).IsDisclosed.ShouldBeFalse("a longer tag is another tag");
    }

    [Fact]
    public void The_branded_content_flag_alone_discloses_where_the_rule_accepts_it()
    {
        Rules.Check("new drop", brandedContentFlag: true, [Country.DE]).IsDisclosed.ShouldBeTrue();

        var missing = Rules.Check("new drop", brandedContentFlag: true, [Country.US, Country.GB, Country.DE]).Missing;

        missing.Select(m => m.Jurisdiction).ShouldBe([Country.US, Country.GB]);
        missing[1].ToString().ShouldBe("GB: add one of #ad, #advert, #advertisement (the branded-content flag alone is not enough there)");
    }

    [Fact]
    public void Hashtags_are_compared_without_accents_and_each_jurisdiction_has_its_own()
    {
        Rules.Check("Ma routine #Publicité", false, [Country.FR]).IsDisclosed.ShouldBeTrue();
        Rules.Check("La mia routine #pubblicità", false, [Country.IT]).IsDisclosed.ShouldBeTrue();
        Rules.Check("Meine Routine #werbung", false, [Country.FR]).Missing.ShouldHaveSingleItem().ToString()
            .ShouldBe("FR: add one of #publicite, #collaborationcommerciale or turn on the branded-content flag");
        Rules.Check("Routine #ad", false, [Country.BR]).IsDisclosed.ShouldBeTrue();
    }

    [Fact]
    public void A_jurisdiction_rule_can_be_replaced_and_a_malformed_one_is_refused()
    {
        var strict = Rules.With(Country.DE, new DisclosureRule(["werbung"], FlagSuffices: false));

        strict.Check("neu", brandedContentFlag: true, [Country.DE]).IsDisclosed.ShouldBeFalse();
        Rules.Check("neu", brandedContentFlag: true, [Country.DE]).IsDisclosed.ShouldBeTrue();
        Should.Throw<ArgumentException>(() => Rules.With(Country.DE, new DisclosureRule(["#werbung"], true)));
        Should.Throw<ArgumentException>(() => Rules.With(Country.DE, new DisclosureRule([], true)));
    }
}
