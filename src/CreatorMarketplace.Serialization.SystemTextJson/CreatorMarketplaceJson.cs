using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Serialization.Converters;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CreatorMarketplace.Serialization;

/// <summary>
/// System.Text.Json support for CreatorMarketplace.Core: <see cref="ConfigureForCreatorMarketplace"/> adds the
/// converters to options of your own, and <see cref="Options"/> is a ready, read-only set of options.
/// </summary>
/// <remarks>
/// <para>
/// The converters cover every public value type of Core: <see cref="Money"/> (<c>{"amount":"12.34","currency":"USD"}</c>),
/// <see cref="Share"/> (a fraction), <see cref="Distribution{TKey}"/> (an object of bucket to fraction), the ids
/// (their UUID text), every smart enum by its case-sensitive name (currencies, countries and languages by their ISO
/// codes, which are their names), labels, subdivisions, handles, ranges, ratios, rights terms and the other small
/// values; ids, labels, subdivisions and smart enums also serve as dictionary keys. The NodaTime types use
/// NodaTime.Serialization.SystemTextJson with the TZDB time zones. docs/serialization.md lists every shape.
/// </para>
/// <para>
/// Reading never yields a half-valid value: every member of a value's object is required (an absent value is
/// written as null), and the domain's own rules decide what is valid. A bad value throws a
/// <see cref="JsonException"/> whose <see cref="JsonException.Path"/> locates the value and whose message names the
/// member inside it and the rule it breaks, for example <c>Money.amount: USD allows at most 2 decimal digit(s); 12.345 has more.</c>
/// </para>
/// </remarks>
public static class CreatorMarketplaceJson
{
    // The number types Core uses in ranges; a range of another type falls back to System.Text.Json's defaults.
    private static readonly Type[] RangeNumbers = [typeof(int), typeof(long), typeof(double), typeof(decimal)];

    /// <summary>
    /// Ready options: System.Text.Json's general defaults with camelCase property names, configured by
    /// <see cref="ConfigureForCreatorMarketplace"/>, and read-only, so that they can be shared safely. On .NET 9
    /// and later they also respect nullable annotations and required constructor parameters, so that a record
    /// made of these values is refused, not half-read, when a member is missing or wrongly null.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// Adds the converters for Core's value types and smart enums, and NodaTime's converters with
    /// <see cref="DateTimeZoneProviders.Tzdb"/> unless the options already convert NodaTime types. Calling it
    /// again on the same options changes nothing.
    /// </summary>
    /// <param name="options">The options to configure.</param>
    /// <returns>The same options, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is read-only and not yet configured.</exception>
    public static JsonSerializerOptions ConfigureForCreatorMarketplace(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Converters.Any(converter => converter is SmartEnumJsonConverterFactory))
        {
            return options;
        }

        if (options.IsReadOnly)
        {
            throw new ArgumentException("options: the options are read-only; configure them before their first use or call MakeReadOnly after configuring.", nameof(options));
        }

        foreach (var converter in CreateConverters())
        {
            options.Converters.Add(converter);
        }

        // An application may have configured NodaTime itself, perhaps with another time-zone provider: keep its choice.
        if (!options.Converters.Any(converter => converter.CanConvert(typeof(Instant))))
        {
            options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

            // NodaTime's instants and dates read through converters that parse the stored form themselves and hand
            // NodaTime the rest.
            var instants = options.Converters.IndexOf(options.Converters.First(converter => converter.CanConvert(typeof(Instant))));
            options.Converters[instants] = new StoredNodaTimeJsonConverter<Instant>((JsonConverter<Instant>)options.Converters[instants], StoredNodaTimeForms.TryParseInstant);
            var dates = options.Converters.IndexOf(options.Converters.First(converter => converter.CanConvert(typeof(LocalDate))));
            options.Converters[dates] = new StoredNodaTimeJsonConverter<LocalDate>((JsonConverter<LocalDate>)options.Converters[dates], StoredNodaTimeForms.TryParseLocalDate);
        }

        return options;
    }

    /// <summary>
    /// A member path as the library's errors write it, in C# names (<see cref="DomainError.Field"/>, for example
    /// <c>Accounts[1].Handle</c>), in the JSON names of <see cref="Options"/> (<c>accounts[1].handle</c>); indexes and
    /// keys in brackets stay as they are.
    /// </summary>
    /// <param name="memberPath">The path in C# names; empty for the value as a whole.</param>
    /// <returns>The path in JSON names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="memberPath"/> is null.</exception>
    public static string JsonMemberPath(string memberPath)
    {
        ArgumentNullException.ThrowIfNull(memberPath);
        return JsonErrors.MemberPath(memberPath);
    }

    private static JsonConverter[] CreateConverters() =>
    [
        new MoneyJsonConverter(),
        new ShareJsonConverter(),
        new HandleJsonConverter(),
        TextConverters.Subdivision(),
        TextConverters.ContentLabel(),
        TextConverters.IndustryLabel(),
        new SecretReferenceJsonConverter(),
        new RightsTermJsonConverter(),
        new PostingWindowJsonConverter(),
        new TerritoriesJsonConverter(),
        new CampaignTimelineJsonConverter(),
        new AccountStatsJsonConverter(),
        new RateCardJsonConverter(),
        new CreatorListingJsonConverter(),
        new CreatorScoreJsonConverter(),
        new MarketplacePolicyJsonConverter(),
        new PriceRangeJsonConverter(),
        new SearchPositionJsonConverter(),
        new RatioJsonConverter(),
        new UnitCostJsonConverter(),
        new LedgerAccountJsonConverter(),
        new PeerGroupJsonConverter(),
        new GenericJsonConverterFactory(typeof(Distribution<>), typeof(DistributionJsonConverter<>)),
        new GenericJsonConverterFactory(typeof(NumberRange<>), typeof(NumberRangeJsonConverter<>), arguments => Array.IndexOf(RangeNumbers, arguments[0]) >= 0),
        new GenericJsonConverterFactory(typeof(AudienceThreshold<>), typeof(AudienceThresholdJsonConverter<>)),
        new EntityIdJsonConverterFactory(),
        new SmartEnumJsonConverterFactory(),
        new PolymorphicJsonConverter<CollaborationEvent>(),
    ];

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
#if NET9_0_OR_GREATER
            // Records of these values then refuse a missing constructor parameter or a null for a non-nullable
            // member, as the values themselves do; the System.Text.Json of net8.0 has no such settings.
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
#endif
#if NET10_0_OR_GREATER
            // A member or key given twice is refused, as this package's own readers refuse it, rather than read as
            // its last value; the System.Text.Json of net8.0 has no such setting.
            AllowDuplicateProperties = false,
#endif
        };
        options.ConfigureForCreatorMarketplace().MakeReadOnly();
        return options;
    }
}
