using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// Reads a record of a creator's stored form in one pass of the reader, member by member, instead of through
/// System.Text.Json's constructor-based reading, which buffers every argument and allocates on the way. These
/// converters serve only <see cref="StoredJson"/>'s quick read (<c>StoredJson.Records.cs</c>): they accept no more
/// than the general reading and build the same values, and whatever they refuse is read again the general way,
/// whose refusal is the one reported. Their own messages are therefore never shown; they say what went wrong all
/// the same. Writing is the general form's.
/// </summary>
/// <typeparam name="T">The record.</typeparam>
internal abstract class StoredRecordConverter<T> : JsonConverter<T>
    where T : class
{
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, StoredJson.Options.GetTypeInfo(typeof(T)));

    /// <summary>Reads the current member as an array of values none of which is null, into an array of its exact size.</summary>
    protected static TItem[] Items<TItem>(in JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw json.Fail($"expected an array, got {JsonErrors.Describe(reader.TokenType)}.");
        }

        var converter = (JsonConverter<TItem>)options.GetConverter(typeof(TItem));
        var buffer = ArrayPool<TItem>.Shared.Rent(16);
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                // A null item is refused before a converter sees it: a struct's would make its default value.
                var item = reader.TokenType == JsonTokenType.Null ? default : converter.Read(ref reader, typeof(TItem), options);
                if (reader.TokenType == JsonTokenType.Null || item is null)
                {
                    throw json.Fail($"item {count} is null.");
                }

                if (count == buffer.Length)
                {
                    var larger = ArrayPool<TItem>.Shared.Rent(count * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<TItem>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                buffer[count++] = item;
            }

            return count == 0 ? [] : buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<TItem>.Shared.Return(buffer, clearArray: true);
        }
    }
}

/// <summary><see cref="CreatorSnapshot"/>, read by <see cref="StoredRecordConverter{T}"/>'s rules.</summary>
internal sealed class CreatorSnapshotJsonConverter : StoredRecordConverter<CreatorSnapshot>
{
    private static readonly string[] Members =
        ["id", "registeredAt", "profile", "accounts", "audience", "rateCard", "badges", "onVacation", "complianceHistory", "pastCollaborations"];

    public override CreatorSnapshot Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(CreatorSnapshot), Members);
        CreatorId id = default;
        Instant registeredAt = default;
        CreatorProfile? profile = null;
        PlatformAccount[] accounts = [];
        Audience? audience = null;
        RateCard? rateCard = null;
        Badge[] badges = [];
        var onVacation = false;
        ComplianceViolation[] complianceHistory = [];
        PastCollaboration[] pastCollaborations = [];
        while (json.NextMember(ref reader, out var member))
        {
            switch (member)
            {
                case "id":
                    id = json.Value<CreatorId>(ref reader);
                    break;
                case "registeredAt":
                    registeredAt = json.Value<Instant>(ref reader);
                    break;
                case "profile":
                    profile = json.Value<CreatorProfile>(ref reader);
                    break;
                case "accounts":
                    accounts = Items<PlatformAccount>(json, ref reader, options);
                    break;
                case "audience":
                    audience = json.Value<Audience>(ref reader);
                    break;
                case "rateCard":
                    rateCard = json.IsNull(ref reader) ? null : json.Value<RateCard>(ref reader);
                    break;
                case "badges":
                    badges = Items<Badge>(json, ref reader, options);
                    break;
                case "onVacation":
                    onVacation = json.Value<bool>(ref reader);
                    break;
                case "complianceHistory":
                    complianceHistory = Items<ComplianceViolation>(json, ref reader, options);
                    break;
                default:
                    pastCollaborations = Items<PastCollaboration>(json, ref reader, options);
                    break;
            }
        }

        return new CreatorSnapshot(id, registeredAt, profile!, accounts, audience!, rateCard, badges, onVacation, complianceHistory, pastCollaborations);
    }
}

/// <summary><see cref="CreatorProfile"/>, read by <see cref="StoredRecordConverter{T}"/>'s rules.</summary>
internal sealed class CreatorProfileJsonConverter : StoredRecordConverter<CreatorProfile>
{
    private static readonly string[] Members =
        ["displayName", "bio", "homeCountry", "homeSubdivision", "timeZone", "languages", "contentLabels", "industryLabels", "birthDate", "ageBand"];

    public override CreatorProfile Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(CreatorProfile), Members);
        string displayName = string.Empty, bio = string.Empty;
        Country homeCountry = null!;
        Subdivision? homeSubdivision = null;
        DateTimeZone timeZone = null!;
        Language[] languages = [];
        ContentLabel[] contentLabels = [];
        IndustryLabel[] industryLabels = [];
        LocalDate? birthDate = null;
        AgeBucket? ageBand = null;
        while (json.NextMember(ref reader, out var member))
        {
            var isNull = json.IsNull(ref reader);
            switch (member)
            {
                case "displayName":
                    displayName = json.String(ref reader);
                    break;
                case "bio":
                    bio = json.String(ref reader);
                    break;
                case "homeCountry":
                    homeCountry = json.Value<Country>(ref reader);
                    break;
                case "homeSubdivision":
                    homeSubdivision = isNull ? null : json.Value<Subdivision>(ref reader);
                    break;
                case "timeZone":
                    timeZone = json.Value<DateTimeZone>(ref reader);
                    break;
                case "languages":
                    languages = Items<Language>(json, ref reader, options);
                    break;
                case "contentLabels":
                    contentLabels = Items<ContentLabel>(json, ref reader, options);
                    break;
                case "industryLabels":
                    industryLabels = Items<IndustryLabel>(json, ref reader, options);
                    break;
                case "birthDate":
                    birthDate = isNull ? null : json.Value<LocalDate>(ref reader);
                    break;
                default:
                    ageBand = isNull ? null : json.Value<AgeBucket>(ref reader);
                    break;
            }
        }

        return new CreatorProfile
        {
            DisplayName = displayName,
            Bio = bio,
            HomeCountry = homeCountry,
            HomeSubdivision = homeSubdivision,
            TimeZone = timeZone,
            Languages = languages,
            ContentLabels = contentLabels,
            IndustryLabels = industryLabels,
            BirthDate = birthDate,
            AgeBand = ageBand,
        };
    }
}

/// <summary>
/// <see cref="PlatformAccount"/>, read by <see cref="StoredRecordConverter{T}"/>'s rules; its platform, computed from
/// the handle, must be the handle's.
/// </summary>
internal sealed class PlatformAccountJsonConverter : StoredRecordConverter<PlatformAccount>
{
    private static readonly string[] Members = ["handle", "platform", "type", "stats", "externalId"];

    public override PlatformAccount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(PlatformAccount), Members);
        Handle handle = default;
        Platform platform = null!;
        AccountType type = null!;
        AccountStats stats = null!;
        string? externalId = null;
        while (json.NextMember(ref reader, out var member))
        {
            switch (member)
            {
                case "handle":
                    handle = json.Value<Handle>(ref reader);
                    break;
                case "platform":
                    platform = json.Value<Platform>(ref reader);
                    break;
                case "type":
                    type = json.Value<AccountType>(ref reader);
                    break;
                case "stats":
                    stats = json.Value<AccountStats>(ref reader);
                    break;
                default:
                    externalId = json.IsNull(ref reader) ? null : json.String(ref reader);
                    break;
            }
        }

        var account = json.Create((handle, type, stats, externalId), static a => new PlatformAccount(a.handle, a.type, a.stats, a.externalId));
        return ReferenceEquals(account.Platform, platform)
            ? account
            : throw JsonErrors.Member(nameof(PlatformAccount), Members[1], "is computed from the other members and must be the handle's platform.");
    }
}

/// <summary>
/// <see cref="Audience"/>, read by <see cref="StoredRecordConverter{T}"/>'s rules, but for its minor share: the general
/// reading requires and reads only the members it can set, so the minor share, computed from the age breakdown and
/// written beside it, may be absent and its value is skipped unread.
/// </summary>
internal sealed class AudienceJsonConverter : StoredRecordConverter<Audience>
{
    private static readonly string[] Members = ["gender", "age", "countries", "devices", "languages", "credibility"];

    public override Audience Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(Audience), Members, skipped: "minorShare");
        Distribution<AudienceGender>? gender = null;
        Distribution<AgeBucket>? age = null;
        Distribution<Country>? countries = null;
        Distribution<AudienceDevice>? devices = null;
        Distribution<Language>? languages = null;
        Share? credibility = null;
        while (json.NextMember(ref reader, out var member))
        {
            var isNull = json.IsNull(ref reader);
            switch (member)
            {
                case "gender":
                    gender = isNull ? null : json.Value<Distribution<AudienceGender>>(ref reader);
                    break;
                case "age":
                    age = isNull ? null : json.Value<Distribution<AgeBucket>>(ref reader);
                    break;
                case "countries":
                    countries = isNull ? null : json.Value<Distribution<Country>>(ref reader);
                    break;
                case "devices":
                    devices = isNull ? null : json.Value<Distribution<AudienceDevice>>(ref reader);
                    break;
                case "languages":
                    languages = isNull ? null : json.Value<Distribution<Language>>(ref reader);
                    break;
                default:
                    credibility = isNull ? null : json.Value<Share>(ref reader);
                    break;
            }
        }

        return new Audience { Gender = gender, Age = age, Countries = countries, Devices = devices, Languages = languages, Credibility = credibility };
    }
}

/// <summary><see cref="ComplianceViolation"/>, read by <see cref="StoredRecordConverter{T}"/>'s rules.</summary>
internal sealed class ComplianceViolationJsonConverter : StoredRecordConverter<ComplianceViolation>
{
    private static readonly string[] Members = ["occurredAt", "code", "description"];

    public override ComplianceViolation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(ComplianceViolation), Members);
        var (occurredAt, code, description) = json.Members(ref reader, JsonMember.Value<Instant>(), JsonMember.String, JsonMember.String);
        return json.Create((occurredAt, code, description), static a => new ComplianceViolation(a.occurredAt, a.code, a.description));
    }
}

/// <summary><see cref="PastCollaboration"/>, read by <see cref="StoredRecordConverter{T}"/>'s rules.</summary>
internal sealed class PastCollaborationJsonConverter : StoredRecordConverter<PastCollaboration>
{
    private static readonly string[] Members = ["brandName", "industry", "count", "brand"];

    public override PastCollaboration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(PastCollaboration), Members);
        string brandName = string.Empty;
        IndustryLabel? industry = null;
        var count = 0;
        BrandId? brand = null;
        while (json.NextMember(ref reader, out var member))
        {
            var isNull = json.IsNull(ref reader);
            switch (member)
            {
                case "brandName":
                    brandName = json.String(ref reader);
                    break;
                case "industry":
                    industry = isNull ? null : json.Value<IndustryLabel>(ref reader);
                    break;
                case "count":
                    count = json.Int32(ref reader);
                    break;
                default:
                    brand = isNull ? null : json.Value<BrandId>(ref reader);
                    break;
            }
        }

        return json.Create((brandName, industry, count, brand), static a => new PastCollaboration(a.brandName, a.industry, a.count, a.brand));
    }
}
