using System.Text.Json;
using CreatorMarketplace.Creators;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Eligibility;

/// <summary>
/// The JSON form of a <see cref="MarketplacePolicy"/>. Reading walks the whole document and reports every problem
/// with its JSON path (a wrong type, a missing or unknown property, a bad date, a rule the model refuses), never a
/// half-read policy. A market's <c>creators</c> object lists only what differs from its version's defaults.
/// </summary>
internal static class PolicyJson
{
    private static readonly string[] PolicyProperties = ["name", "description", "platform", "versions"];
    private static readonly string[] VersionProperties = ["effectiveFrom", "creators", "brands", "markets"];
    private static readonly string[] MarketProperties = ["country", "launchDate", "creators"];
    private static readonly string[] BrandProperties = ["verifiedIdentity", "businessInformation", "taxInformation"];
    private static readonly string[] CreatorProperties =
        ["minimumAge", "minimumFollowers", "minimumViewsLast30Days", "minimumPostsLast30Days", "goodStandingLookBackDays", "accountTypes"];

    public static Validated<MarketplacePolicy> Read(string json)
    {
        var reader = new Reader();
        return reader.Read(json, reader.Policy);
    }

    public static string Write(MarketplacePolicy policy) =>
        VersionedPolicyJson.Write(
            policy.Name,
            policy.Description,
            policy.Versions,
            static version => version.EffectiveFrom,
            WriteVersion,
            policy.Platform is { } platform ? writer => writer.WriteString("platform", platform.Name) : null);

    private static void WriteVersion(Utf8JsonWriter writer, PolicyVersion version)
    {
        writer.WritePropertyName("creators");
        WriteCreators(writer, version.Creators, defaults: null);
        writer.WriteStartObject("brands");
        writer.WriteBoolean("verifiedIdentity", version.Brands.VerifiedIdentity);
        writer.WriteBoolean("businessInformation", version.Brands.BusinessInformation);
        writer.WriteBoolean("taxInformation", version.Brands.TaxInformation);
        writer.WriteEndObject();
        writer.WriteStartArray("markets");
        foreach (var market in version.Markets)
        {
            writer.WriteStartObject();
            writer.WriteString("country", market.Country.Code);
            writer.WriteString("launchDate", LocalDatePattern.Iso.Format(market.LaunchDate));
            if (market.Creators is { } own)
            {
                writer.WritePropertyName("creators");
                WriteCreators(writer, own, version.Creators);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    // With defaults, only what differs from them.
    private static void WriteCreators(Utf8JsonWriter writer, CreatorRequirements creators, CreatorRequirements? defaults)
    {
        writer.WriteStartObject();
        if (defaults is null || creators.MinimumAge != defaults.MinimumAge)
        {
            writer.WriteNumber("minimumAge", creators.MinimumAge);
        }

        if (defaults is null || creators.MinimumFollowers != defaults.MinimumFollowers)
        {
            writer.WriteNumber("minimumFollowers", creators.MinimumFollowers);
        }

        if (defaults is null || creators.MinimumViewsLast30Days != defaults.MinimumViewsLast30Days)
        {
            writer.WriteNumber("minimumViewsLast30Days", creators.MinimumViewsLast30Days);
        }

        if (defaults is null || creators.MinimumPostsLast30Days != defaults.MinimumPostsLast30Days)
        {
            writer.WriteNumber("minimumPostsLast30Days", creators.MinimumPostsLast30Days);
        }

        if (defaults is null || creators.GoodStandingLookBack != defaults.GoodStandingLookBack)
        {
            writer.WriteNumber("goodStandingLookBackDays", creators.GoodStandingLookBack.Days);
        }

        if (defaults is null || !creators.AccountTypes.ToHashSet().SetEquals(defaults.AccountTypes))
        {
            VersionedPolicyJson.WriteNames(writer, "accountTypes", creators.AccountTypes.Select(type => type.Name));
        }

        writer.WriteEndObject();
    }

    private sealed class Reader() : StrictJsonReader("policy")
    {
        public MarketplacePolicy? Policy(JsonElement root)
        {
            if (!IsObject(root, "$", PolicyProperties))
            {
                return null;
            }

            var name = String(root, "name", "$", required: true);
            var description = String(root, "description", "$", required: false) ?? string.Empty;
            Platform? platform = null;
            if (String(root, "platform", "$", required: false) is { } platformName && !Platform.TryFromName(platformName, out platform))
            {
                Errors.Add("$.platform", "policy.unknown_platform", $"{ErrorText.Quote(platformName)} is not a platform; expected one of {string.Join(", ", Platform.List.OrderBy(known => known.Value).Select(known => known.Name))}.");
            }

            var versions = new List<PolicyVersion?>();
            if (Property(root, "versions", "$", JsonValueKind.Array, required: true) is { } array)
            {
                var index = 0;
                foreach (var element in array.EnumerateArray())
                {
                    versions.Add(Version(element, $"$.versions[{index++}]"));
                }
            }

            // A version that could not be read, or a missing list, is reported at its own path already.
            var listed = root.TryGetProperty("versions", out var given) && given.ValueKind == JsonValueKind.Array;
            Report("$", MarketplacePolicy.Check(name, description, versions.Select(version => version?.EffectiveFrom).ToArray())
                .Where(error => listed ? !(error.Code == "policy.missing" && error.Field.StartsWith("versions[", StringComparison.Ordinal)) : error.Field != "versions"));
            return Errors.HasErrors ? null : MarketplacePolicy.Create(name!, description, versions!, platform);
        }

        private PolicyVersion? Version(JsonElement element, string path)
        {
            if (!IsObject(element, path, VersionProperties))
            {
                return null;
            }

            var before = Errors.Errors.Count;
            var effectiveFrom = Parsed(element, "effectiveFrom", path, InstantPattern.ExtendedIso, "an instant such as \"2024-01-01T00:00:00Z\"");
            var defaults = Property(element, "creators", path, JsonValueKind.Object, required: true) is { } creatorsElement
                ? Creators(creatorsElement, $"{path}.creators", partial: false, defaults: null)
                : null;
            var brands = Property(element, "brands", path, JsonValueKind.Object, required: true) is { } brandsElement
                ? Brands(brandsElement, $"{path}.brands")
                : null;
            var markets = new List<PolicyMarket?>();
            if (Property(element, "markets", path, JsonValueKind.Array, required: true) is { } array)
            {
                var index = 0;
                foreach (var market in array.EnumerateArray())
                {
                    markets.Add(Market(market, $"{path}.markets[{index++}]", defaults));
                }
            }

            if (Errors.Errors.Count > before || effectiveFrom is null || defaults is null || brands is null)
            {
                return null;
            }

            Report(path, PolicyVersion.Check(defaults, brands, markets));
            return Errors.Errors.Count > before ? null : PolicyVersion.Create(effectiveFrom.Value, defaults, brands, markets!);
        }

        private PolicyMarket? Market(JsonElement element, string path, CreatorRequirements? defaults)
        {
            if (!IsObject(element, path, MarketProperties))
            {
                return null;
            }

            Country? country = null;
            if (String(element, "country", path, required: true) is { } code && !Country.TryFromCode(code, out country))
            {
                Errors.Add($"{path}.country", "policy.unknown_country", $"{ErrorText.Quote(code)} is not an assigned ISO 3166-1 alpha-2 country code.");
            }

            var launch = Parsed(element, "launchDate", path, LocalDatePattern.Iso, "a date such as \"2024-10-01\"");
            CreatorRequirements? own = null;
            if (Property(element, "creators", path, JsonValueKind.Object, required: false) is { } creators)
            {
                own = Creators(creators, $"{path}.creators", partial: true, defaults);
            }

            return country is null || launch is null ? null : new PolicyMarket(country, launch.Value, own);
        }

        // A version's defaults need every property; a market's own requirements (partial) take a missing one from
        // the defaults. Only the values given and read are range-checked here, so each problem is named once, where
        // it is written.
        private CreatorRequirements? Creators(JsonElement element, string path, bool partial, CreatorRequirements? defaults)
        {
            if (!IsObject(element, path, CreatorProperties))
            {
                return null;
            }

            var required = !partial;
            var before = Errors.Errors.Count;
            var age = Integer(element, "minimumAge", path, required);
            var followers = Integer(element, "minimumFollowers", path, required);
            var views = Integer(element, "minimumViewsLast30Days", path, required);
            var posts = Integer(element, "minimumPostsLast30Days", path, required);
            var lookBack = Integer(element, "goodStandingLookBackDays", path, required);
            var types = AccountTypes(element, path, required);
            var fallback = defaults ?? new CreatorRequirements
            {
                MinimumAge = 1,
                MinimumFollowers = 0,
                MinimumViewsLast30Days = 0,
                MinimumPostsLast30Days = 0,
                GoodStandingLookBack = Duration.FromDays(1),
                AccountTypes = [AccountType.Creator],
            };
            var requirements = new CreatorRequirements
            {
                MinimumAge = age is { } a ? (int)Math.Clamp(a, int.MinValue, int.MaxValue) : fallback.MinimumAge,
                MinimumFollowers = followers ?? fallback.MinimumFollowers,
                MinimumViewsLast30Days = views ?? fallback.MinimumViewsLast30Days,
                MinimumPostsLast30Days = posts is { } p ? (int)Math.Clamp(p, int.MinValue, int.MaxValue) : fallback.MinimumPostsLast30Days,
                GoodStandingLookBack = lookBack is { } days ? Duration.FromDays(Math.Clamp(days, -1, 1_000_000)) : fallback.GoodStandingLookBack,
                AccountTypes = types ?? fallback.AccountTypes,
            };
            var read = new Dictionary<string, bool>
            {
                ["minimumAge"] = age is not null,
                ["minimumFollowers"] = followers is not null,
                ["minimumViewsLast30Days"] = views is not null,
                ["minimumPostsLast30Days"] = posts is not null,
                ["goodStandingLookBackDays"] = lookBack is not null,
                ["accountTypes"] = types is not null,
            };
            Report(path, requirements.Validate().Where(error => read.GetValueOrDefault(error.Field)));
            return Errors.Errors.Count > before || (partial && defaults is null) ? null : requirements;
        }

        private BrandRequirements? Brands(JsonElement element, string path)
        {
            if (!IsObject(element, path, BrandProperties))
            {
                return null;
            }

            var identity = Boolean(element, "verifiedIdentity", path);
            var business = Boolean(element, "businessInformation", path);
            var tax = Boolean(element, "taxInformation", path);
            return identity is { } i && business is { } b && tax is { } t ? new BrandRequirements(i, b, t) : null;
        }

        private AccountType[]? AccountTypes(JsonElement element, string path, bool required)
        {
            if (Property(element, "accountTypes", path, JsonValueKind.Array, required) is not { } array)
            {
                return null;
            }

            var types = new List<AccountType>();
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var at = $"{path}.accountTypes[{index++}]";
                if (item.ValueKind != JsonValueKind.String)
                {
                    Errors.Add(at, "policy.json_type", $"expected an account type name, got {Kind(item)}.");
                }
                else if (Text(item, at) is not { } name)
                {
                    continue;
                }
                else if (AccountType.TryFromName(name, out var type))
                {
                    types.Add(type);
                }
                else
                {
                    Errors.Add(at, "policy.unknown_account_type", $"{ErrorText.Quote(name)} is not an account type; use one of {string.Join(", ", AccountType.List.Select(t => t.Name))} (case-sensitive).");
                }
            }

            return types.Count == index ? [.. types] : null;
        }
    }
}
