using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>
/// Dates are read from the stored form without NodaTime's pattern parser when they can be; what is accepted, the
/// value read and every refusal stay NodaTime's own.
/// </summary>
public class LocalDateReadingProperties
{
    private static readonly JsonSerializerOptions NodaTimeAlone = NodaTimeReading.NodaTimeAlone;

    // Dates from year 1 to 9999.
    private static readonly Gen<LocalDate> Dates =
        from days in Gen.Choose(0, new LocalDate(9999, 12, 31).Minus(new LocalDate(1, 1, 1)).Days)
        select new LocalDate(1, 1, 1).PlusDays(days);

    // The text of a date with one character replaced, inserted or removed, from those the form is made of and a few others.
    private static readonly Gen<string> Texts = NodaTimeReading.Edited(Dates.Select(date => LocalDatePattern.Iso.Format(date)), "0123456789-:+ /\u00e9");

    [Property(MaxTest = 500)]
    public Property A_stored_date_reads_back_as_written() =>
        Prop.ForAll(Dates.ToArbitrary(), NodaTimeReading.ReadsBack);

    [Property(MaxTest = 2_000)]
    public Property Any_text_is_read_or_refused_as_NodaTime_reads_or_refuses_it() =>
        Prop.ForAll(Texts.ToArbitrary(), text => NodaTimeReading.ReadsAsNodaTime<LocalDate>(text, LocalDatePattern.Iso.Format));

    [Theory]
    [InlineData("\"1992-06-13\"")]
    [InlineData("\"0000-01-01\"")]
    [InlineData("\"-0001-01-01\"")]
    [InlineData("\"2024-02-29\"")]
    [InlineData("\"2026-02-29\"")]
    [InlineData("\"2026-13-01\"")]
    [InlineData("\"2026-00-10\"")]
    [InlineData("\"2026-1-10\"")]
    [InlineData("\"12026-01-10\"")]
    [InlineData("\"2026\\u002d11-25\"")]
    [InlineData("\"2026-11-25T00:00\"")]
    [InlineData("20261125")]
    [InlineData("null")]
    public void Edge_texts_are_read_or_refused_as_NodaTime_reads_or_refuses_them(string json) =>
        Outcome(() => JsonSerializer.Deserialize<LocalDate?>(json, CreatorMarketplaceJson.Options))
            .ShouldBe(Outcome(() => JsonSerializer.Deserialize<LocalDate?>(json, NodaTimeAlone)));

    private static string Outcome(Func<LocalDate?> read) =>
        NodaTimeReading.Outcome(read, date => date is { } value ? LocalDatePattern.Iso.Format(value) : "null");
}
