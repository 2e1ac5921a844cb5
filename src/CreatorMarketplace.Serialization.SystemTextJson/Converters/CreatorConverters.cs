using System.Text.Json;
using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary><see cref="SecretReference"/> as <c>{"token":"tok_…","lastFour":"6789"}</c>: the provider's token, never the secret.</summary>
internal sealed class SecretReferenceJsonConverter() : JsonObjectConverter<SecretReference>(nameof(SecretReference), "token", "lastFour")
{
    protected override SecretReference ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (token, lastFour) = json.Members(ref reader, JsonMember.String, JsonMember.String);
        return json.Create((token, lastFour), static a => new SecretReference(a.token, a.lastFour));
    }

    protected override void WriteMembers(Utf8JsonWriter writer, SecretReference value, JsonSerializerOptions options)
    {
        writer.WriteString(Members[0], value.Token);
        writer.WriteString(Members[1], value.LastFour);
    }

    protected override string? Unwritable(SecretReference value) => value.Token is null ? "it has no token." : null;
}

/// <summary>
/// <see cref="AccountStats"/> as <c>{"asOf":"…","followers":125000,"averageViews":null,"medianViews":40000,
/// "engagementRate":0.052,"followerGrowthRate":null,"postsLast30Days":12,"viewsLast30Days":null}</c>: an unknown
/// number is null, and the numbers are checked by <see cref="AccountStats.Create"/>.
/// </summary>
internal sealed class AccountStatsJsonConverter() : JsonObjectConverter<AccountStats>(
    nameof(AccountStats), "asOf", "followers", "averageViews", "medianViews", "engagementRate", "followerGrowthRate", "postsLast30Days", "viewsLast30Days")
{
    protected override AccountStats ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        Instant asOf = default;
        long followers = 0;
        long? averageViews = null, medianViews = null, viewsLast30Days = null;
        double? engagementRate = null, followerGrowthRate = null;
        int? postsLast30Days = null;
        while (json.NextMember(ref reader, out var member))
        {
            var isNull = json.IsNull(ref reader);
            switch (member)
            {
                case "asOf":
                    asOf = json.Value<Instant>(ref reader);
                    break;
                case "followers":
                    followers = json.Int64(ref reader);
                    break;
                case "averageViews":
                    averageViews = isNull ? null : json.Int64(ref reader);
                    break;
                case "medianViews":
                    medianViews = isNull ? null : json.Int64(ref reader);
                    break;
                case "engagementRate":
                    engagementRate = isNull ? null : json.Double(ref reader);
                    break;
                case "followerGrowthRate":
                    followerGrowthRate = isNull ? null : json.Double(ref reader);
                    break;
                case "postsLast30Days":
                    postsLast30Days = isNull ? null : json.Int32(ref reader);
                    break;
                default:
                    viewsLast30Days = isNull ? null : json.Int64(ref reader);
                    break;
            }
        }

        return json.Create(
            (asOf, followers, averageViews, medianViews, engagementRate, followerGrowthRate, postsLast30Days, viewsLast30Days),
            static a => AccountStats.Create(a.asOf, a.followers, a.averageViews, a.medianViews, a.engagementRate, a.followerGrowthRate, a.postsLast30Days, a.viewsLast30Days));
    }

    protected override void WriteMembers(Utf8JsonWriter writer, AccountStats value, JsonSerializerOptions options)
    {
        writer.WriteMember(Members[0], value.AsOf, options);
        writer.WriteNumber(Members[1], value.Followers);
        writer.WriteMember(Members[2], value.AverageViews, options);
        writer.WriteMember(Members[3], value.MedianViews, options);
        writer.WriteMember(Members[4], value.EngagementRate, options);
        writer.WriteMember(Members[5], value.FollowerGrowthRate, options);
        writer.WriteMember(Members[6], value.PostsLast30Days, options);
        writer.WriteMember(Members[7], value.ViewsLast30Days, options);
    }
}

/// <summary>
/// <see cref="RateCard"/> as <c>{"currency":"USD","prices":{"Video":{"amount":"500.00","currency":"USD"}},"negotiable":true}</c>,
/// checked by <see cref="RateCard.Create"/>.
/// </summary>
internal sealed class RateCardJsonConverter() : JsonObjectConverter<RateCard>(nameof(RateCard), "currency", "prices", "negotiable")
{
    protected override RateCard ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (currency, prices, negotiable) = json.Members(ref reader, JsonMember.Value<Currency>(), JsonMember.Value<Dictionary<DeliverableType, Money>>(), JsonMember.Value<bool>());
        return json.Create((currency, prices, negotiable), static a => RateCard.Create(a.currency, a.prices, a.negotiable));
    }

    protected override void WriteMembers(Utf8JsonWriter writer, RateCard value, JsonSerializerOptions options)
    {
        writer.WriteMember(Members[0], value.Currency, options);
        writer.WriteMember(Members[1], value.Prices, options);
        writer.WriteBoolean(Members[2], value.Negotiable);
    }
}

/// <summary>
/// <see cref="CreatorListing"/> as <c>{"id":"…","version":3,"registeredAt":"…","profile":{…},"accounts":[…],
/// "audience":{…},"rateCard":null,"badges":["Responsive"],"onVacation":false,"pastCampaignCount":4,
/// "complianceHistory":[]}</c>, checked by <see cref="CreatorListing.Create"/>. The profile, accounts, audience and
/// violations are records written through their constructors, like the same members of a creator's stored form.
/// </summary>
internal sealed class CreatorListingJsonConverter() : JsonObjectConverter<CreatorListing>(
    nameof(CreatorListing), "id", "version", "registeredAt", "profile", "accounts", "audience", "rateCard", "badges", "onVacation", "pastCampaignCount", "complianceHistory")
{
    protected override CreatorListing ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        CreatorId id = default;
        long version = 0;
        Instant registeredAt = default;
        CreatorProfile? profile = null;
        PlatformAccount[] accounts = [];
        Audience? audience = null;
        RateCard? rateCard = null;
        Badge[] badges = [];
        var onVacation = false;
        var pastCampaignCount = 0;
        ComplianceViolation[] complianceHistory = [];
        while (json.NextMember(ref reader, out var member))
        {
            switch (member)
            {
                case "id":
                    id = json.Value<CreatorId>(ref reader);
                    break;
                case "version":
                    version = json.Int64(ref reader);
                    break;
                case "registeredAt":
                    registeredAt = json.Value<Instant>(ref reader);
                    break;
                case "profile":
                    profile = json.Value<CreatorProfile>(ref reader);
                    break;
                case "accounts":
                    accounts = json.Value<PlatformAccount[]>(ref reader);
                    break;
                case "audience":
                    audience = json.Value<Audience>(ref reader);
                    break;
                case "rateCard":
                    rateCard = json.IsNull(ref reader) ? null : json.Value<RateCard>(ref reader);
                    break;
                case "badges":
                    badges = json.Value<Badge[]>(ref reader);
                    break;
                case "onVacation":
                    onVacation = json.Value<bool>(ref reader);
                    break;
                case "pastCampaignCount":
                    pastCampaignCount = json.Int32(ref reader);
                    break;
                default:
                    complianceHistory = json.Value<ComplianceViolation[]>(ref reader);
                    break;
            }
        }

        return json.Create(
            (id, version, registeredAt, profile, accounts, audience, rateCard, badges, onVacation, pastCampaignCount, complianceHistory),
            static a => CreatorListing.Create(a.id, a.version, a.registeredAt, a.profile!, a.accounts, a.audience!, a.rateCard, a.badges, a.onVacation, a.pastCampaignCount, a.complianceHistory));
    }

    protected override void WriteMembers(Utf8JsonWriter writer, CreatorListing value, JsonSerializerOptions options)
    {
        writer.WriteMember(Members[0], value.Id, options);
        writer.WriteNumber(Members[1], value.Version);
        writer.WriteMember(Members[2], value.RegisteredAt, options);
        writer.WriteMember(Members[3], value.Profile, options);
        writer.WriteMember(Members[4], value.Accounts, options);
        writer.WriteMember(Members[5], value.Audience, options);
        writer.WriteMember(Members[6], value.RateCard, options);
        writer.WriteMember(Members[7], value.Badges, options);
        writer.WriteBoolean(Members[8], value.OnVacation);
        writer.WriteNumber(Members[9], value.PastCampaignCount);
        writer.WriteMember(Members[10], value.ComplianceHistory, options);
    }
}
