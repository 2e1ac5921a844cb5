using System.Text.Json;
using System.Text.Json.Serialization;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Scoring;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>Bad JSON is refused with the path of the value and the member and rule it breaks; nothing half-built comes back.</summary>
public class BadJsonTests
{
    private const string CreatorText = "01890a5d-ac96-774b-bcce-b302099a8057";

    [Fact]
    public void Too_many_digits_for_the_currency_names_the_path_the_member_and_the_rule()
    {
        var error = Json.Refuse<Deal>($$$"""{"creator":"{{{CreatorText}}}","fee":{"amount":"12.345","currency":"USD"},"audience":{"US":1}}""");

        error.Path.ShouldBe("$.fee");
        error.Message.ShouldBe("$.fee: Money.amount: USD allows at most 2 decimal digit(s); 12.345 has more.");
        error.InnerException.ShouldBeOfType<ArgumentException>();
    }

    [Fact]
    public void A_member_or_key_given_twice_inside_a_value_read_by_the_serializer_is_refused_not_read_as_its_last()
    {
        var priced = Json.Refuse<RateCard>(
            """{"currency":"USD","prices":{"Video":{"amount":"1.00","currency":"USD"},"Video":{"amount":"2.00","currency":"USD"}},"negotiable":true}""");
        var listing = new CreatorGenerator(3, new NodaTime.Testing.FakeClock(NodaTime.Instant.FromUtc(2026, 11, 30, 9, 0))).Next().ToListing();
        var renamed = Json.Refuse<CreatorListing>(Json.Write(listing).Replace("\"displayName\":", "\"displayName\":\"Somebody Else\",\"displayName\":", StringComparison.Ordinal));

        priced.Message.ShouldBe("$: RateCard.prices: Duplicate properties not allowed during deserialization.");
        renamed.Message.ShouldStartWith("$: CreatorListing.profile: Duplicate property 'displayName'");
        Json.RoundTrip(listing).ShouldBe(listing);
    }

    [Theory]
    [InlineData("""{"amount":"0.0099999999999999999999999999999","currency":"USD"}""", "0.0099999999999999999999999999999")]
    [InlineData("""{"amount":"1.00000000000000000000000000001","currency":"USD"}""", "1.00000000000000000000000000001")]
    [InlineData("""{"amount":0.0099999999999999999999999999999,"currency":"USD"}""", "0.0099999999999999999999999999999")]
    [InlineData("""{"amount":1e-40,"currency":"USD"}""", "1e-40")]
    [InlineData("""{"amount":"0.0000000000000000000000000000001","currency":"JPY"}""", "0.0000000000000000000000000000001")]
    [InlineData("""{"amount":"\u0030.0099999999999999999999999999999","currency":"USD"}""", "0.0099999999999999999999999999999")]
    public void An_amount_with_more_digits_than_a_decimal_holds_is_refused_not_rounded_to_another_amount(string json, string found)
    {
        var error = Json.Refuse<Money>(json);

        error.Message.ShouldContain("Money.amount: ");
        error.Message.ShouldContain($"{found}");
        error.Message.ShouldEndWith("has more significant digits than a decimal holds (28), so it would be read as another number.");
    }

    [Theory]
    [InlineData("""{"amount":"0.01","currency":"USD"}""", "USD 0.01")]
    [InlineData("""{"amount":"-12.340000000000000000000000000","currency":"USD"}""", "USD -12.34")]
    [InlineData("""{"amount":"000000000000000000000000000000000012","currency":"JPY"}""", "JPY 12")]
    [InlineData("""{"amount":1.2e3,"currency":"USD"}""", "USD 1200.00")]
    [InlineData("""{"amount":1200E-3,"currency":"KWD"}""", "KWD 1.200")]
    [InlineData("""{"amount":"-0.00","currency":"USD"}""", "USD 0.00")]
    [InlineData("""{"amount":"92233720368547758.07","currency":"USD"}""", "USD 92233720368547758.07")]
    public void An_amount_written_with_leading_or_trailing_zeros_or_an_exponent_reads_exactly(string json, string money) =>
        Json.Read<Money>(json).ToString().ShouldBe(money);

    [Fact]
    public void A_decimal_range_bound_with_more_digits_than_a_decimal_holds_is_refused()
    {
        Json.Refuse<NumberRange<decimal>>("""{"min":"0.00000000000000000000000000001","max":null}""").Message
            .ShouldContain("has more significant digits than a decimal holds");
        Json.Read<NumberRange<decimal>>("""{"min":"0.0000000000000000000000000001","max":null}""").Min.ShouldBe(0.0000000000000000000000000001m);
    }

    [Fact]
    public void A_string_holding_an_unpaired_surrogate_escape_names_the_member_and_the_rule()
    {
        var error = Json.Refuse<Handle>("""{"platform":"TikTok","value":"\ud800"}""");

        error.Message.ShouldBe("$: Handle.value: the string holds an unpaired surrogate escape (such as \\ud800 alone), which is not text.");
    }

    [Fact]
    public void The_message_starts_with_the_path_of_the_refused_value_so_a_logged_message_locates_it()
    {
        var error = Json.Refuse<Order>("""{"lines":[{"fee":{"amount":"1","currency":"USD"}},{"fee":{"amount":"1.234","currency":"USD"}}]}""");

        error.Path.ShouldBe("$.lines[1].fee");
        error.Message.ShouldBe("$.lines[1].fee: Money.amount: USD allows at most 2 decimal digit(s); 1.234 has more.");
        error.ToString().ShouldContain("$.lines[1].fee: Money.amount");
    }

    [Fact]
    public void An_unknown_country_names_the_field_the_standard_and_the_value_not_every_code()
    {
        var error = Json.Refuse<Market>("""{"country":"XX"}""");

        error.Message.ShouldBe("$.country: 'XX' is not a name of Country. The names are the assigned ISO 3166-1 alpha-2 country codes, such as 'US'.");
    }

    [Fact]
    public void An_unknown_country_is_quoted_cut_and_escaped()
    {
        var error = Json.Refuse<Market>($$"""{"country":"X\u0000{{new string('Y', 1000)}}"}""");

        error.Message.ShouldStartWith("$.country: 'X\\u0000YYY");
        error.Message.ShouldContain("… (1002 characters)' is not a name of Country. The names are the assigned ISO 3166-1 alpha-2 country codes");
        error.Message.Length.ShouldBeLessThan(250);
    }

    [Theory]
    [InlineData("Currency", "\"XYZ\"", "'XYZ' is not a name of Currency. The names are the active ISO 4217 currency codes, such as 'USD'.")]
    [InlineData("Language", "\"xx\"", "'xx' is not a name of Language. The names are the ISO 639-1 language codes, such as 'en'.")]
    [InlineData("Platform", "\"Myspace\"", "'Myspace' is not a name of Platform. The names are: ")]
    public void An_unknown_name_states_what_the_names_are(string type, string json, string message)
    {
        var refused = type switch
        {
            "Currency" => Json.Refuse<Currency>(json),
            "Language" => Json.Refuse<Language>(json),
            _ => Json.Refuse<Platform>(json),
        };

        refused.Message.ShouldStartWith("$: " + message);
    }

    [Fact]
    public void No_unknown_name_buries_its_error_under_a_long_list_of_names()
    {
        var smartEnums = typeof(Money).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && !type.IsGenericTypeDefinition && IsSmartEnum(type))
            .ToList();

        smartEnums.Count.ShouldBeGreaterThan(20);
        foreach (var type in smartEnums)
        {
            var error = Should.Throw<JsonException>(() => JsonSerializer.Deserialize("\"zz-unknown\"", type, CreatorMarketplaceJson.Options), type.Name);
            error.Message.ShouldStartWith("$: 'zz-unknown' is not a name of ", customMessage: type.Name);
            error.Message.Length.ShouldBeLessThan(400, type.Name + ": " + error.Message);
        }

        static bool IsSmartEnum(Type type) =>
            type.BaseType is { IsGenericType: true } baseType
            && baseType.GetGenericTypeDefinition().Name.StartsWith("SmartEnum", StringComparison.Ordinal)
            || (type.BaseType is { } parent && parent != typeof(object) && IsSmartEnum(parent));
    }

    [Fact]
    public void A_bad_value_deep_in_a_list_names_its_index()
    {
        var error = Json.Refuse<List<Money>>("""[{"amount":"1","currency":"USD"},{"amount":"2","currency":"USD"},{"amount":"3","currency":"XYZ"}]""");

        error.Path.ShouldBe("$[2]");
        error.Message.ShouldStartWith("$[2]: Money.currency: 'XYZ' is not a name of Currency.");
    }

    [Theory]
    [InlineData("""{"amount":"1"}""", "Money.currency: is missing; every member is required")]
    [InlineData("""{"amount":"1","currency":null}""", "Money.currency: expected a Currency, got null.")]
    [InlineData("""{"amount":"1","currency":"USD","amount":"2"}""", "Money.amount: appears more than once.")]
    [InlineData("""{"amount":"1e3","currency":"USD"}""", "Money.amount: expected a decimal number written as a string such as \"-12.34\", got \"1e3\".")]
    [InlineData("""{"amount":true,"currency":"USD"}""", "Money.amount: expected a decimal number written as a string such as \"-12.34\", got a boolean.")]
    [InlineData("""{"amount":"1","currency":"XAU"}""", "Money.currency: XAU has no minor unit in ISO 4217 (N.A.), so an amount of it cannot be counted exactly.")]
    [InlineData("""{"amount":"92233720368547758.08","currency":"USD"}""", "Money.amount: USD 92233720368547758.08 does not fit in 64-bit minor units.")]
    [InlineData("\"USD 12.34\"", "Money: expected an object with the members 'amount', 'currency', got a string.")]
    [InlineData("null", "Money: expected an object with the members 'amount', 'currency', got null.")]
    public void Money_is_refused_with_the_member_and_the_rule(string json, string message)
    {
        Json.Refuse<Money>(json).Message.ShouldStartWith("$: " + message);
    }

    [Fact]
    public void Unknown_members_are_skipped_unless_the_options_disallow_them()
    {
        Json.Read<Money>("""{"amount":"1","note":{"x":[1,2]},"currency":"USD"}""").ShouldBe(Money.Parse("USD 1.00"));

        var strict = new JsonSerializerOptions { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow }.ConfigureForCreatorMarketplace();
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Money>("""{"amount":"1","note":2,"currency":"USD"}""", strict))
            .Message.ShouldStartWith("$: Money.note: is not a member; the members are 'amount', 'currency'.");
    }

    [Fact]
    public void Bad_ids_labels_and_subdivisions_are_refused_with_their_path()
    {
        var id = Json.Refuse<Deal>("""{"creator":"not-a-uuid","fee":{"amount":"1","currency":"USD"},"audience":{"US":1}}""");
        id.Path.ShouldBe("$.creator");
        id.Message.ShouldStartWith("$.creator: 'not-a-uuid' is not a CreatorId");

        Json.Refuse<CreatorId>("\"00000000-0000-0000-0000-000000000000\"").Message.ShouldContain("is not a CreatorId");
        Json.Refuse<ContentLabel>("\"   \"").Message.ShouldStartWith("$: '   ' is not a valid ContentLabel:");
        Json.Refuse<IndustryLabel>($"\"{new string('x', 65)}\"").Message.ShouldContain("at most 64 characters");
        Json.Refuse<Subdivision>("\"XX-CA\"").Message.ShouldStartWith("$: 'XX-CA' is not an ISO 3166-2 subdivision code");
        Json.Refuse<CreatorId>("42").Message.ShouldBe("$: CreatorId: expected a string, got a number.");
    }

    [Fact]
    public void Bad_shares_and_distributions_name_the_bucket_and_the_rule()
    {
        Json.Refuse<Share>("1.5").Message.ShouldBe("$: Share: a share is a fraction from 0 to 1, got 1.5.");

        var sum = Json.Refuse<Deal>($$$"""{"creator":"{{{CreatorText}}}","fee":{"amount":"1","currency":"USD"},"audience":{"US":0.3,"CA":0.2}}""");
        sum.Path.ShouldBe("$.audience");
        sum.Message.ShouldContain("Distribution<Country>: shares: the shares must sum to 1 within 0.01, but sum to 0.5.");

        Json.Refuse<Distribution<Country>>("""{"US":1.2,"CA":-0.2}""").Message.ShouldContain("shares[US]: a share must be a finite number from 0 to 1, got 1.2.");
        Json.Refuse<Distribution<Country>>("""{"US":0.5,"US":0.5}""").Message.ShouldContain("the bucket US appears more than once");
        Json.Refuse<Distribution<Country>>("""{"XX":1}""").Message.ShouldStartWith("$: Distribution<Country>.XX: 'XX' is not a name of Country.");
        Json.Refuse<Distribution<Country>>("""{"US":"1"}""").Message.ShouldBe("$: Distribution<Country>.US: expected a share from 0 to 1 as a number, got a string.");
        Json.Refuse<Distribution<Country>>("{}").Message.ShouldContain("a distribution needs at least one bucket");
    }

    [Fact]
    public void Bad_handles_secrets_and_terms_name_the_member()
    {
        Json.Refuse<Handle>("""{"platform":"TikTok","value":"no spaces allowed"}""").Message.ShouldStartWith("$: Handle.value: 'no spaces allowed' is not a valid handle:");
        Json.Refuse<Handle>("""{"platform":"Myspace","value":"jane"}""").Message.ShouldStartWith("$: Handle.platform: 'Myspace' is not a name of Platform.");
        Json.Refuse<SecretReference>("""{"token":"tok_1","lastFour":"12"}""").Message.ShouldBe("$: SecretReference.lastFour: exactly four characters are kept, got 2.");
        Json.Refuse<RightsTerm>("""{"start":"2026-07-01T00:00:00Z","end":"2026-01-01T00:00:00Z"}""").Message.ShouldStartWith("$: RightsTerm.end: a term must end after it starts");
        Json.Refuse<RightsTerm>("""{"start":"2026-07-01T00:00:00Z"}""").Message.ShouldStartWith("$: RightsTerm.end: is missing");
        Json.Refuse<RightsTerm>("""{"start":"yesterday","end":null}""").Message.ShouldStartWith("$: RightsTerm.start: ");
        Json.Refuse<RightsTerm>("""{"start":5,"end":null}""").Message.ShouldStartWith("$: RightsTerm.start: ");
    }

    [Fact]
    public void A_refusal_of_one_argument_reads_as_before_and_keeps_the_domains_code_underneath()
    {
        var refused = Json.Refuse<Handle>("""{"platform":"TikTok","value":"no spaces allowed"}""");

        // The member is named once, by the reader; the field and the rule stay on the domain's exception for programs.
        refused.Message.ShouldNotContain("value: value:");
        refused.Message.ShouldNotContain("(handle.invalid)");
        var error = refused.InnerException.ShouldBeOfType<DomainValidationException>().Errors.ShouldHaveSingleItem();
        (error.Field, error.Code).ShouldBe(("value", "handle.invalid"));
    }

    [Fact]
    public void Bad_discovery_metric_payment_and_scoring_values_name_the_member()
    {
        Json.Refuse<NumberRange<int>>("""{"min":1.5,"max":null}""").Message.ShouldBe("$: NumberRange<int>.min: expected a whole number from -2147483648 to 2147483647, got 1.5.");
        Json.Refuse<NumberRange<long>>("""{"min":null}""").Message.ShouldStartWith("$: NumberRange<long>.max: is missing");
        Json.Refuse<PriceRange>("""{"currency":"USD","amount":{"min":"ten","max":null}}""").Message.ShouldStartWith("$: PriceRange.amount: NumberRange<decimal>.min: expected a decimal number");
        Json.Refuse<SearchPosition>("""{"rank":0,"value":null,"creator":"nope"}""").Message.ShouldStartWith("$: SearchPosition.creator: 'nope' is not a CreatorId");
        Json.Refuse<AudienceThreshold<AgeBucket>>("""{"bucket":"18-25","minShare":0.3}""").Message.ShouldStartWith("$: AudienceThreshold<AgeBucket>.bucket: '18-25' is not a name of AgeBucket.");
        Json.Refuse<Ratio>("""{"numerator":1,"denominator":null}""").Message.ShouldStartWith("$: Ratio: the numerator and the denominator are both numbers");
        Json.Refuse<UnitCost>("""{"currency":"USD","amount":"0.1","unit":null}""").Message.ShouldBe("$: UnitCost.unit: expected a string, got null.");
        Json.Refuse<LedgerAccount>("""{"kind":"escrow","owner":"00000000-0000-0000-0000-000000000000"}""").Message.ShouldStartWith("$: LedgerAccount.kind: 'escrow' is not a name of AccountKind.");
        Json.Refuse<PeerGroup>("""{"category":null,"tier":"micro","market":"US"}""").Message.ShouldContain("did you mean 'Micro'?");
    }

    [Fact]
    public void Values_that_hold_nothing_valid_are_not_written()
    {
        Should.Throw<JsonException>(() => Json.Write(default(Money))).Message.ShouldBe("default(Money) cannot be written: it has no currency.");
        Should.Throw<JsonException>(() => Json.Write(default(CreatorId))).Message.ShouldBe("default(CreatorId) cannot be written: it wraps the empty UUID, which no id may be.");
        Should.Throw<JsonException>(() => Json.Write(default(Handle))).Message.ShouldStartWith("default(Handle) cannot be written");
        Should.Throw<JsonException>(() => Json.Write(new NumberRange<double>(double.NaN, null))).Message.ShouldStartWith("$: NumberRange<double>.min: NaN is not a finite number");
    }

    [Fact]
    public void Malformed_json_is_a_json_exception_with_its_position()
    {
        var error = Json.Refuse<Deal>("""{"creator": "x",""");

        error.LineNumber.ShouldNotBeNull();
    }

    // A record an application might store, made of the package's values.
    public sealed record Deal(CreatorId Creator, Money Fee, Distribution<Country> Audience);

    public sealed record Order(IReadOnlyList<OrderLine> Lines);

    public sealed record OrderLine(Money Fee);

    public sealed record Market(Country Country);
}
