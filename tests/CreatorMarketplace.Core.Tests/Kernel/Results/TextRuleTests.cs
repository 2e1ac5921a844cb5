using FsCheck.Fluent;
using System.Text;

namespace CreatorMarketplace.Tests.Kernel;

public class TextRuleTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Fact]
    public void Single_line_and_multi_line_text_allow_what_they_say()
    {
        // A table in code, not theory data: attribute strings are stored as UTF-8, which has no lone surrogates.
        var cases = new (string Text, bool SingleLine, bool MultiLine)[]
        {
            ("Zoë \U0001F600", true, true),
            ("e\u0301 \u05E9\u05DC\u05D5\u05DD \u200F\u202E", true, true),
            ("", true, true),
            ("line one\r\nline\ttwo", false, true),
            ("bell\u0007", false, false),
            ("nul\0", false, false),
            ("half \uD83D pair", false, false),
            ("\uDE00 low first", false, false),
            ("high last \uD83D", false, false),
            ("pair reversed \uDE00\uD83D", false, false),
            ("del \u007F and U+2028 \u2028 are not C0", true, true),
        };

        cases.Select(c => (c.Text, TextRule.SingleLine.Allows(c.Text), TextRule.MultiLine.Allows(c.Text))).ShouldBe(cases);
    }

    [Fact]
    public void An_error_names_the_field_the_rule_and_the_position_without_the_text()
    {
        var secret = "idempotency-key-" + new string('x', 40);

        var surrogate = TextRule.SingleLine.Check(secret + "\uD83D", "key")!;
        var nul = TextRule.MultiLine.Check("ab\0", "Bio")!;
        var control = TextRule.SingleLine.Check("a\nb", "DisplayName")!;
        var controlInText = TextRule.MultiLine.Check("a\u001Bb", "Bio")!;

        surrogate.ShouldBe(new DomainError("key", "text.unpaired_surrogate", "holds an unpaired surrogate U+D83D at position 56; text must be well-formed UTF-16."));
        nul.ShouldBe(new DomainError("Bio", "text.nul", "holds U+0000 (NUL) at position 2; text never holds NUL."));
        control.ShouldBe(new DomainError("DisplayName", "text.control_character", "holds the control character U+000A at position 1; a single-line value holds no control character."));
        controlInText.Message.ShouldBe("holds the control character U+001B at position 1; text holds no control character but tab, line feed and carriage return.");
        surrogate.Message.ShouldNotContain(secret);
        TextRule.SingleLine.Check(null, "key").ShouldBeNull();
        TextRule.SingleLine.Check("fine", "key").ShouldBeNull();
    }

    [Fact]
    public void Require_returns_the_text_or_throws_naming_the_argument_and_the_field()
    {
        TextRule.SingleLine.Require("ok", "key").ShouldBe("ok");
        TextRule.SingleLine.Require(null, "key").ShouldBeNull();

        var thrown = Should.Throw<DomainValidationException>(() => TextRule.SingleLine.Require("a\0", "post", "post.PostId"));

        thrown.ParamName.ShouldBe("post");
        thrown.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            error => error.Field.ShouldBe("post.PostId"),
            error => error.Code.ShouldBe("text.nul"));
        Should.Throw<ArgumentNullException>(() => TextRule.MultiLine.Allows(null!));
    }

    [Fact]
    public void Require_non_blank_refuses_missing_and_blank_text_as_arguments_and_a_broken_rule_as_validation()
    {
        string? reason = "line one\nline two";
        TextRule.MultiLine.RequireNonBlank(reason).ShouldBe(reason);

        reason = null;
        Should.Throw<ArgumentNullException>(() => TextRule.MultiLine.RequireNonBlank(reason)).ParamName.ShouldBe("reason");
        reason = " \t";
        Should.Throw<ArgumentException>(() => TextRule.MultiLine.RequireNonBlank(reason)).ParamName.ShouldBe("reason");
        reason = "a\nb";
        var thrown = Should.Throw<DomainValidationException>(() => TextRule.SingleLine.RequireNonBlank(reason));
        thrown.ParamName.ShouldBe("reason");
        thrown.Errors.ShouldHaveSingleItem().Code.ShouldBe("text.control_character");
    }

    [Fact]
    public void The_collector_names_each_bad_text_of_a_list_by_its_index()
    {
        var errors = new ErrorCollector();

        errors.RequireTexts(TextRule.SingleLine, ["fine", "bad\0", null, "\uDC00"], "Hashtags").ShouldBeFalse();
        errors.RequireText(TextRule.MultiLine, "fine\n", "Bio").ShouldBeTrue();
        errors.RequireTexts(TextRule.SingleLine, null, "Mentions").ShouldBeTrue();

        errors.Errors.Select(e => (e.Field, e.Code)).ShouldBe([("Hashtags[1]", "text.nul"), ("Hashtags[3]", "text.unpaired_surrogate")]);
    }

    [Property(MaxTest = 1_000)]
    public Property The_rule_allows_exactly_well_formed_text_without_the_refused_controls() =>
        Prop.ForAll(KernelGenerators.Texts().ToArbitrary(), text =>
        {
            // Well-formed UTF-16 is exactly what strict UTF-8 can encode.
            var wellFormed = Encodes(text);
            var singleLine = wellFormed && !text.Any(c => c < ' ');
            var multiLine = wellFormed && !text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r'));
            return (TextRule.SingleLine.Allows(text) == singleLine).Label("SingleLine allows exactly well-formed text without controls")
                .And((TextRule.MultiLine.Allows(text) == multiLine).Label("MultiLine allows exactly well-formed text without controls but tab and line breaks"))
                .And((TextRule.MultiLine.Check(text, "f") is not { } error || error.Message.Contains("position", StringComparison.Ordinal)).Label("a refusal names the position"));
        });

    private static bool Encodes(string text)
    {
        try
        {
            StrictUtf8.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
