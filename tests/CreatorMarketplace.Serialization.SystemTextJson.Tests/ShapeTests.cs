using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Scoring;
using NodaTime;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>The JSON shapes docs/serialization.md documents, exactly.</summary>
public class ShapeTests
{
    private static readonly CreatorId Creator = CreatorId.Parse("01890a5d-ac96-774b-bcce-b302099a8057");

    [Fact]
    public void Money_is_an_exact_amount_string_with_the_currencys_digits_and_its_code()
    {
        Json.Write(Money.Parse("USD 12.34")).ShouldBe("""{"amount":"12.34","currency":"USD"}""");
        Json.Write(Money.Parse("USD 12")).ShouldBe("""{"amount":"12.00","currency":"USD"}""");
        Json.Write(Money.Parse("JPY 1200")).ShouldBe("""{"amount":"1200","currency":"JPY"}""");
        Json.Write(Money.Parse("KWD -0.005")).ShouldBe("""{"amount":"-0.005","currency":"KWD"}""");
        Json.Write(Money.FromMinorUnits(long.MinValue, Currency.USD)).ShouldBe("""{"amount":"-92233720368547758.08","currency":"USD"}""");
    }

    [Fact]
    public void Money_reads_an_amount_string_or_number_with_fewer_digits_and_members_in_any_order()
    {
        Json.Read<Money>("""{"currency":"USD","amount":"12.5"}""").ShouldBe(Money.Parse("USD 12.50"));
        Json.Read<Money>("""{"amount":12.5,"currency":"USD"}""").ShouldBe(Money.Parse("USD 12.50"));
        Json.Read<Money>("""{"amount":"-92233720368547758.08","currency":"USD"}""").MinorUnits.ShouldBe(long.MinValue);
    }

    [Fact]
    public void Shares_and_distributions_are_fractions()
    {
        Json.Write(Share.FromPercentage(60)).ShouldBe("0.6");
        var audience = Distribution.Create([KeyValuePair.Create(Country.US, 0.6), KeyValuePair.Create(Country.CA, 0.4)]);
        Json.Write(audience).ShouldBe("""{"US":0.6,"CA":0.4}""");
        var ages = Distribution.Create([KeyValuePair.Create(AgeBucket.From18To24, 0.7), KeyValuePair.Create(AgeBucket.From55, 0.3)]);
        Json.Read<Distribution<AgeBucket>>(Json.Write(ages)).ShouldBe(ages);
    }

    [Fact]
    public void Ids_labels_and_subdivisions_are_strings()
    {
        Json.Write(Creator).ShouldBe("\"01890a5d-ac96-774b-bcce-b302099a8057\"");
        Json.Write(new ContentLabel("beauty")).ShouldBe("\"beauty\"");
        Json.Write(new IndustryLabel("cosmetics")).ShouldBe("\"cosmetics\"");
        Json.Write(Subdivision.Parse("us-ca")).ShouldBe("\"US-CA\"");
        Json.Write(new Dictionary<CreatorId, int> { [Creator] = 3 }).ShouldBe("""{"01890a5d-ac96-774b-bcce-b302099a8057":3}""");
    }

    [Fact]
    public void Handles_and_secret_references_are_objects()
    {
        Json.Write(new Handle(Platform.TikTok, "@jane.doe")).ShouldBe("""{"platform":"TikTok","value":"jane.doe"}""");
        Json.Write(new SecretReference("tok_123", "6789")).ShouldBe("""{"token":"tok_123","lastFour":"6789"}""");
    }

    [Fact]
    public void Rights_terms_write_their_end_or_null()
    {
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);
        Json.Write(RightsTerm.Between(start, Instant.FromUtc(2026, 7, 1, 0, 0))).ShouldBe("""{"start":"2026-01-01T00:00:00Z","end":"2026-07-01T00:00:00Z"}""");
        Json.Write(RightsTerm.Perpetual(start)).ShouldBe("""{"start":"2026-01-01T00:00:00Z","end":null}""");
    }

    [Fact]
    public void Discovery_values_have_their_shapes()
    {
        Json.Write(new NumberRange<long>(10_000, null)).ShouldBe("""{"min":10000,"max":null}""");
        Json.Write(new NumberRange<double>(0.02, 0.5)).ShouldBe("""{"min":0.02,"max":0.5}""");
        Json.Write(new PriceRange(Currency.USD, new NumberRange<decimal>(100m, 500.50m))).ShouldBe("""{"currency":"USD","amount":{"min":"100","max":"500.50"}}""");
        Json.Write(new SearchPosition(0, 125_000, Creator)).ShouldBe("""{"rank":0,"value":125000,"creator":"01890a5d-ac96-774b-bcce-b302099a8057"}""");
        Json.Write(new AudienceThreshold<Country>(Country.US, 0.3)).ShouldBe("""{"bucket":"US","minShare":0.3}""");
        Json.Write(new AudienceThreshold<AgeBucket>(AgeBucket.From18To24, 0.25)).ShouldBe("""{"bucket":"18-24","minShare":0.25}""");
    }

    [Fact]
    public void Metric_payment_and_scoring_values_have_their_shapes()
    {
        Json.Write(Ratio.Of(42, 1000)).ShouldBe("""{"numerator":42,"denominator":1000}""");
        Json.Write(Ratio.Missing).ShouldBe("""{"numerator":null,"denominator":null}""");
        Json.Write(new UnitCost(Currency.USD, 0.0123m, "view")).ShouldBe("""{"currency":"USD","amount":"0.0123","unit":"view"}""");
        Json.Write(LedgerAccount.PlatformFees).ShouldBe("""{"kind":"platform fees","owner":"00000000-0000-0000-0000-000000000000"}""");
        Json.Write(LedgerAccount.CreatorPayable(Creator)).ShouldBe("""{"kind":"creator payable","owner":"01890a5d-ac96-774b-bcce-b302099a8057"}""");
        Json.Write(new PeerGroup(new ContentLabel("beauty"), FollowerTier.Micro, Country.US)).ShouldBe("""{"category":"beauty","tier":"Micro","market":"US"}""");
        Json.Write(new PeerGroup(null, FollowerTier.Micro, Country.US)).ShouldBe("""{"category":null,"tier":"Micro","market":"US"}""");
    }

    [Fact]
    public void NodaTime_types_use_NodaTimes_converters_with_the_tzdb_zones()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var zoned = new LocalDateTime(2026, 3, 29, 9, 0).InZoneStrictly(zone);

        Json.Write(new LocalDate(2026, 11, 25)).ShouldBe("\"2026-11-25\"");
        // The default encoder escapes "+" for HTML safety; any JSON reader turns it back.
        Json.Write(zoned).ShouldBe("\"2026-03-29T09:00:00\\u002B02 Europe/Berlin\"");
        Json.RoundTrip(zoned).ShouldBe(zoned);
        Json.RoundTrip(zone).ShouldBe(zone);
        Json.RoundTrip(Period.FromMonths(6)).ShouldBe(Period.FromMonths(6));
        Json.RoundTrip(Duration.FromHours(36)).ShouldBe(Duration.FromHours(36));
    }

    [Fact]
    public void Nullable_values_are_null()
    {
        Json.Write<Money?>(null).ShouldBe("null");
        Json.Read<Money?>("null").ShouldBeNull();
        Json.Read<CreatorId?>("null").ShouldBeNull();
        Json.Read<Money?>("""{"amount":"1","currency":"EUR"}""").ShouldBe(Money.Parse("EUR 1.00"));
    }
}
