using System.Collections;
using System.Reflection;
using System.Text.Json;
using Ardalis.SmartEnum;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>Every smart enum of Core, found by reflection so that a new one is covered without a new test.</summary>
public class SmartEnumTests
{
    public static TheoryData<string> SmartEnumTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in CoreSmartEnums())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void Reflection_finds_the_smart_enums()
    {
        var types = CoreSmartEnums().ToArray();

        types.ShouldContain(typeof(Currency));
        types.ShouldContain(typeof(Country));
        types.ShouldContain(typeof(Language));
        types.ShouldContain(typeof(Creators.FollowerTier));
        types.Length.ShouldBeGreaterThanOrEqualTo(38);
    }

    [Theory]
    [MemberData(nameof(SmartEnumTypes))]
    public void Every_value_round_trips_by_name_as_a_value_and_as_a_dictionary_key(string typeName)
    {
        var type = typeof(Money).Assembly.GetType(typeName, throwOnError: true)!;
        var values = Members(type);
        values.ShouldNotBeEmpty();

        var dictionaryType = typeof(Dictionary<,>).MakeGenericType(type, typeof(int));
        var dictionary = (IDictionary)Activator.CreateInstance(dictionaryType)!;
        var position = 0;
        foreach (var value in values)
        {
            var name = (string)type.GetProperty(nameof(SmartEnum<Currency>.Name))!.GetValue(value)!;
            var json = JsonSerializer.Serialize(value, type, CreatorMarketplaceJson.Options);

            json.ShouldBe(JsonSerializer.Serialize(name));
            JsonSerializer.Deserialize(json, type, CreatorMarketplaceJson.Options).ShouldBeSameAs(value);
            dictionary.Add(value, position++);
        }

        var map = (IDictionary)JsonSerializer.Deserialize(JsonSerializer.Serialize(dictionary, dictionaryType, CreatorMarketplaceJson.Options), dictionaryType, CreatorMarketplaceJson.Options)!;
        map.Count.ShouldBe(values.Count);
        foreach (var value in values)
        {
            map[value].ShouldBe(dictionary[value]);
        }
    }

    [Fact]
    public void Currencies_countries_and_languages_are_their_ISO_codes()
    {
        Json.Write(Currency.USD).ShouldBe("\"USD\"");
        Json.Write(Country.KR).ShouldBe("\"KR\"");
        Json.Write(Language.Korean).ShouldBe("\"ko\"");
        Json.Write(new Dictionary<Country, int> { [Country.US] = 1 }).ShouldBe("{\"US\":1}");
    }

    [Fact]
    public void An_unknown_name_names_the_type_and_lists_the_valid_names()
    {
        var error = Json.Refuse<Platform>("\"Myspace\"");

        error.Message.ShouldContain("'Myspace' is not a name of Platform");
        error.Message.ShouldContain("TikTok");
        error.Message.ShouldContain("YouTube");
    }

    [Fact]
    public void Names_are_case_sensitive_with_a_hint()
    {
        var error = Json.Refuse<Currency>("\"usd\"");

        error.Message.ShouldContain("'usd' is not a name of Currency");
        error.Message.ShouldContain("did you mean 'USD'?");
    }

    [Fact]
    public void An_unknown_dictionary_key_is_refused_with_its_path()
    {
        var error = Json.Refuse<Dictionary<Country, int>>("{\"US\":1,\"XX\":2}");

        error.Message.ShouldContain("'XX' is not a name of Country");
        error.Path.ShouldBe("$.XX");
    }

    [Fact]
    public void A_name_is_read_the_same_written_plainly_or_escaped_and_only_a_whole_name_is_one()
    {
        Json.Read<Country>("\"U\\u0053\"").ShouldBeSameAs(Country.US);
        Json.Read<Dictionary<Country, int>>("{\"U\\u0053\":1,\"KR\":2}").Keys.ShouldBe([Country.US, Country.KR]);
        Json.Read<Creators.AgeBucket>("\"55+\"").ShouldBeSameAs(Json.Read<Creators.AgeBucket>("\"55\\u002B\""));

        Json.Refuse<Currency>("\"US\"").Message.ShouldContain("'US' is not a name of Currency");
        Json.Refuse<Currency>("\"USDX\"").Message.ShouldContain("'USDX' is not a name of Currency");
        Json.Refuse<Currency>("\"\"").Message.ShouldContain("'' is not a name of Currency");
        Json.Refuse<Dictionary<Country, int>>("{\"u\\u0073\":1}").Message.ShouldContain("'us' is not a name of Country. Names are case-sensitive: did you mean 'US'?");
    }

    [Fact]
    public void A_name_must_be_a_string()
    {
        Json.Refuse<Platform>("1").Message.ShouldContain("Platform: expected a name as a string, got a number.");
    }

    private static IEnumerable<Type> CoreSmartEnums() =>
        typeof(Money).Assembly.GetExportedTypes()
            .Where(type => !type.IsAbstract && IsSmartEnum(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal);

    private static bool IsSmartEnum(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(SmartEnum<,>))
            {
                return true;
            }
        }

        return false;
    }

    private static List<object> Members(Type type)
    {
        var list = type.GetProperty("List", BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)!.GetValue(null)!;
        return ((IEnumerable)list).Cast<object>().ToList();
    }
}
