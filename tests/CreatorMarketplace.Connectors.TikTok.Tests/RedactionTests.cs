using FsCheck.Fluent;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

/// <summary>The redaction itself: <c>Secrets</c> over any text, and the logger every line goes through.</summary>
public sealed class RedactionTests
{
    private const string TokenAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+/=*!-_~ ";
    private const string TextAlphabet = "aZ09 %\\u+/=_-[]\"{}:,";

    // At least 16 characters, as TikTok's tokens and secrets are: a shorter secret is found only whole, so an escape
    // just before it can hide it.
    private static readonly Gen<string> Tokens =
        from length in Gen.Choose(16, 80)
        from chars in Gen.ArrayOf(Gen.Elements(TokenAlphabet.ToCharArray()), length)
        let token = new string(chars)
        where !string.IsNullOrWhiteSpace(token)
        select token;

    private static readonly Gen<string> Texts =
        from length in Gen.Choose(0, 12)
        from chars in Gen.ArrayOf(Gen.Elements(TextAlphabet.ToCharArray()), length)
        select new string(chars);

    [Property(MaxTest = 300)]
    public Property No_secret_survives_in_any_encoding_whatever_surrounds_it() =>
        Prop.ForAll(
            (from secret in Tokens
             from other in Tokens
             from encoding in Gen.Elements(Echo.Encodings.Keys.ToArray())
             from before in Texts
             from after in Texts
             select (secret, other, encoding, before, after)).ToArbitrary(),
            sample =>
            {
                var secrets = Held(sample.other, sample.secret);
                var text = sample.before + Echo.Encodings[sample.encoding](sample.secret) + sample.after;

                var redacted = secrets.Redact(text);

                redacted.ShouldContain("[redacted]");
                Echo.Holds(redacted, sample.secret).ShouldBeFalse(redacted);
            });

    [Fact]
    public void Text_without_a_secret_is_left_as_it_is()
    {
        var secrets = Held(TikTokTestBase.ClientSecret, TikTokTestBase.AccessToken);
        const string text = "Rate limit exceeded (log id 20261130120000LOGID): see https://developers.tiktok.com/doc/?a=%2F&b=\\u0041";

        secrets.Redact(text).ShouldBeSameAs(text);
    }

    [Theory]
    [InlineData("bad_act.A+c/Access=Token1111", "bad_[redacted]")]
    [InlineData("bad_act.A%2Bc%2FAccess%3DToken1111.", "bad_[redacted].")]
    [InlineData("act.A%252bc%252FAccess%253dToken1111 and act.A+c/Access=Token1111", "[redacted] and [redacted]")]
    [InlineData("\\u0061ct.A+c/Access=Token1111!", "[redacted]!")]
    [InlineData("client+secret%2B5555%2F*!", "[redacted]")]
    public void Each_echo_becomes_one_redacted_mark_and_the_rest_stays(string text, string redacted) =>
        Held(TikTokTestBase.ClientSecret, TikTokTestBase.AccessToken).Redact(text).ShouldBe(redacted);

    [Fact]
    public void A_log_line_its_values_its_exception_and_its_scope_are_redacted()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var secret = Uri.EscapeDataString(TikTokTestBase.AccessToken);
        ILogger logger = new RedactingLogger(factory.CreateLogger("test"), Held(TikTokTestBase.ClientSecret, TikTokTestBase.AccessToken));

        using (logger.BeginScope("scope {Token}", secret))
        {
            logger.LogTrace(new InvalidOperationException($"failed with {secret}"), "Token {Token} at {When}", secret, Instant.FromUnixTimeSeconds(0));
        }

        logs.Lines.ShouldContain(line => line.Contains("Token [redacted] at 1970-01-01T00:00:00Z", StringComparison.Ordinal) && line.Contains("failed with [redacted]", StringComparison.Ordinal));
        logs.Lines.ShouldContain(line => line.Contains("scope [redacted]", StringComparison.Ordinal));
        Echo.Leaks(logs.Lines, [TikTokTestBase.AccessToken]).ShouldBeEmpty();
    }

    [Fact]
    public void The_leak_search_finds_every_encoding_it_knows()
    {
        foreach (var (name, encode) in Echo.Encodings)
        {
            Echo.Holds($"x {encode(TikTokTestBase.ClientSecret)} y", TikTokTestBase.ClientSecret).ShouldBeTrue(name);
        }

        Echo.Holds("x [redacted] y", TikTokTestBase.ClientSecret).ShouldBeFalse();
    }

    private static Secrets Held(string clientSecret, string token)
    {
        var secrets = new Secrets(clientSecret).ForCall();
        secrets.Add(new TikTokTokens(token, Instant.MinValue, "rft.unrelated-refresh-token", Instant.MinValue));
        return secrets;
    }
}
