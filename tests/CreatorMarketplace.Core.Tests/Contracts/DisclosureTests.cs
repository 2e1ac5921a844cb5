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
