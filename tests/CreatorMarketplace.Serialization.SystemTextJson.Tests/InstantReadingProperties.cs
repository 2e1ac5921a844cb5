using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>
/// Instants are read from the stored form without NodaTime's general parser when they can be; what is accepted, the
/// value read and every refusal stay NodaTime's own.
/// </summary>
public class InstantReadingProperties
{
    private static readonly JsonSerializerOptions NodaTimeAlone = NodaTimeReading.NodaTimeAlone;

    // Instants from year 1 to 9999, with and without a fraction of a second.
    private static readonly Gen<Instant> Instants =
        from high in Gen.Choose(0, int.MaxValue)
        from low in Gen.Choose(0, int.MaxValue)
        from nanoseconds in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 999), Gen.Choose(0, 999_999_999))
        let span = Instant.FromUtc(9999, 12, 31, 23, 59, 59).ToUnixTimeSeconds() - Instant.FromUtc(1, 1, 1, 0, 0).ToUnixTimeSeconds()
        select Instant.FromUtc(1, 1, 1, 0, 0).Plus(Duration.FromSeconds(((long)high * int.MaxValue + low) % span)).PlusNanoseconds(nanoseconds);

    // The text of an instant with one character replaced, inserted or removed, from those the form is made of and a few others.
    private static readonly Gen<string> Texts =
        NodaTimeReading.Edited(Instants.Select(instant => InstantPattern.ExtendedIso.Format(instant)), "0123456789-:.,TZtz +\u00e9");

    [Property(MaxTest = 500)]
    public Property A_stored_instant_reads_back_as_written() =>
        Prop.ForAll(Instants.ToArbitrary(), NodaTimeReading.ReadsBack);

    [Property(MaxTest = 2_000)]
    public Property Any_text_is_read_or_refused_as_NodaTime_reads_or_refuses_it() =>
        Prop.ForAll(Texts.ToArbitrary(), text => NodaTimeReading.ReadsAsNodaTime<Instant>(text, InstantPattern.ExtendedIso.Format));

    [Theory]
    [InlineData("\"2026-11-25T08:30:00Z\"")]
    [InlineData("\"2026-11-25T08:30:00.123456789Z\"")]
    [InlineData("\"2026-11-25T08:30:00,5Z\"")]
    [InlineData("\"0000-01-01T00:00:00Z\"")]
    [InlineData("\"-0001-01-01T00:00:00Z\"")]
    [InlineData("\"2026-02-29T00:00:00Z\"")]
    [InlineData("\"2026-11-25T24:00:00Z\"")]
    [InlineData("\"2026-11-25T08:30:00.Z\"")]
    [InlineData("\"2026-11-25T08:30:00.1234567890Z\"")]
    [InlineData("\"2026\\u002d11-25T08:30:00Z\"")]
    [InlineData("20261125")]
    public void Edge_texts_are_read_or_refused_as_NodaTime_reads_or_refuses_them(string json) =>
        Outcome(() => JsonSerializer.Deserialize<Instant>(json, CreatorMarketplaceJson.Options))
            .ShouldBe(Outcome(() => JsonSerializer.Deserialize<Instant>(json, NodaTimeAlone)));

    private static string Outcome(Func<Instant> read) => NodaTimeReading.Outcome(read, InstantPattern.ExtendedIso.Format);
}
