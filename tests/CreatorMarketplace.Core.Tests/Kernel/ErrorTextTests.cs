using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Payments;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Kernel;

// A message quotes at most a short prefix of a refused value, escaped, with its length: a hostile value of megabytes
// never makes a message of megabytes, and no control character reaches a log through a message.
public class ErrorTextTests
{
    private static readonly string Huge = new('x', 5_000_000);

    [Fact]
    public void A_quoted_value_is_cut_to_its_prefix_and_length_with_control_characters_escaped()
    {
        ErrorText.Quote("abc").ShouldBe("'abc'");
        ErrorText.Quote(null).ShouldBe("null");
        ErrorText.Quote("a\u0000b\nc\u0085").ShouldBe("'a\\u0000b\\u000ac\\u0085'");
        ErrorText.Quote(Huge).ShouldBe($"'{new string('x', ErrorText.QuotedLength)}… (5000000 characters)'");

        // A surrogate pair is never cut in half.
        var emoji = new string('x', ErrorText.QuotedLength - 1) + "😀" + "tail";
        ErrorText.Quote(emoji).ShouldBe($"'{new string('x', ErrorText.QuotedLength - 1)}… ({emoji.Length} characters)'");
    }

    [Property(MaxTest = 300)]
    public Property Bounding_keeps_short_clean_text_and_bounds_the_rest(string? text, byte length)
    {
        text ??= string.Empty;
        var bounded = ErrorText.Bound(text, length);
        return (ErrorText.IsUnbounded(text, length)
            ? !bounded.Any(char.IsControl) && (text.Length <= length || bounded.EndsWith($"… ({text.Length} characters)", StringComparison.Ordinal))
            : bounded == text).Label("Bounding keeps short clean text and bounds the rest");
    }

    [Fact]
    public void A_domain_error_bounds_its_whole_message()
    {
        var error = new DomainError("name", "test.rule", "starts " + Huge);

        error.Message.Length.ShouldBeLessThan(ErrorText.MessageLength + 40);
        error.Message.ShouldEndWith($"… ({Huge.Length + 7} characters)");
    }

    [Fact]
    public void Messages_about_hostile_values_quote_a_bounded_prefix()
    {
        var clock = new FakeClock(Instant.FromUtc(2027, 1, 4, 15, 0));
        Should.Throw<ArgumentException>(() => Country.FromCode(Huge)).Message.Length.ShouldBeLessThan(300);
        Should.Throw<ArgumentException>(() => Currency.FromCode("\u0000" + Huge)).Message.ShouldNotContain("\u0000");
        Should.Throw<FormatException>(() => Money.Parse("USD " + Huge)).Message.Length.ShouldBeLessThan(300);

        var ledger = new EscrowLedger();
        var collaboration = CollaborationId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8062"));
        var brand = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"));
        ledger.Charge(Huge, collaboration, brand, Money.Of(10m, Currency.USD), clock).IsPosted.ShouldBeTrue();
        var conflict = ledger.Charge(Huge, collaboration, brand, Money.Of(11m, Currency.USD), clock).AsT1;
        conflict.Code.ShouldBe("ledger.idempotency_conflict");
        conflict.Message.Length.ShouldBeLessThan(300);
    }
}
