using System.Text.Json;
using NodaTime;
using CreatorMarketplace.Payments;
using NodaTime.Serialization.SystemTextJson;

namespace CreatorMarketplace.Serialization.Tests;

public class OptionsTests
{
    [Theory]
    [InlineData("Accounts[1].Handle", "accounts[1].handle")]
    [InlineData("Shares[US]", "shares[US]")]
    [InlineData("", "")]
    public void A_domain_field_is_named_as_the_json_names_it(string field, string path)
    {
        CreatorMarketplaceJson.JsonMemberPath(field).ShouldBe(path);
    }

    [Fact]
    public void The_ready_options_are_read_only_and_camel_case()
    {
        CreatorMarketplaceJson.Options.IsReadOnly.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => CreatorMarketplaceJson.Options.Converters.Clear());
        JsonSerializer.Serialize(new { FeeTotal = 1 }, CreatorMarketplaceJson.Options).ShouldBe("""{"feeTotal":1}""");
    }

    [Fact]
    public void Configuring_returns_the_options_and_a_second_call_changes_nothing()
    {
        var options = new JsonSerializerOptions();

        options.ConfigureForCreatorMarketplace().ShouldBeSameAs(options);
        var count = options.Converters.Count;
        options.ConfigureForCreatorMarketplace().ShouldBeSameAs(options);

        options.Converters.Count.ShouldBe(count);
        JsonSerializer.Serialize(Money.Parse("EUR 5.00"), options).ShouldBe("""{"amount":"5.00","currency":"EUR"}""");
    }

    [Fact]
    public void NodaTime_configured_by_the_application_is_kept()
    {
        var options = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Bcl);
        var before = options.Converters.Count;

        options.ConfigureForCreatorMarketplace();

        options.Converters.Count(converter => converter.CanConvert(typeof(Instant))).ShouldBe(1);
        options.Converters.Count.ShouldBeGreaterThan(before);
    }

    [Fact]
    public void Read_only_options_that_were_never_configured_are_refused()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);

        Should.Throw<ArgumentException>(() => options.ConfigureForCreatorMarketplace()).ParamName.ShouldBe("options");
        Should.Throw<ArgumentNullException>(() => CreatorMarketplaceJson.ConfigureForCreatorMarketplace(null!));
        CreatorMarketplaceJson.Options.ConfigureForCreatorMarketplace().ShouldBeSameAs(CreatorMarketplaceJson.Options);
    }

    [Fact]
    public void Value_shapes_do_not_follow_the_naming_policy()
    {
        // Stored shapes stay the same whatever an application's naming policy is.
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseUpper }.ConfigureForCreatorMarketplace();

        JsonSerializer.Serialize(new { Fee = Money.Parse("USD 1.00") }, options).ShouldBe("""{"FEE":{"amount":"1.00","currency":"USD"}}""");
    }

    [Fact]
    public void The_ready_options_refuse_a_record_with_a_member_missing_or_wrongly_null()
    {
        Json.Read<ExchangeRate>("""{"from":"USD","to":"EUR","rate":1.08,"at":"2026-11-25T09:30:00Z","source":"ecb"}""").Source.ShouldBe("ecb");

        Json.Refuse<ExchangeRate>("""{"from":"USD","to":"EUR","rate":1.08,"at":"2026-11-25T09:30:00Z"}""").Message.ShouldContain("'source'");
        Json.Refuse<ExchangeRate>("""{"from":"USD","to":null,"rate":1.08,"at":"2026-11-25T09:30:00Z","source":"ecb"}""").Path.ShouldBe("$.to");
    }
}
