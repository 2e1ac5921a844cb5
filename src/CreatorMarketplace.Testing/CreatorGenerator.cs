using CreatorMarketplace.Creators;
using NodaTime.TimeZones;

namespace CreatorMarketplace.Testing;

/// <summary>
/// Generates realistic creators, deterministically for a seed, at any size: log-normal followers, views and
/// engagement that depend on the tier, audiences whose distributions sum to 1, a market mix weighted like a global
/// creator catalog, the market's language and time zone. Tests, samples and benchmarks share it.
/// </summary>
/// <remarks>
/// The same seed, clock instant and sequence of calls give the same creators, ids included, on every run and
/// machine. Prices are in US dollars so that price filters compare like with like.
/// </remarks>
public sealed class CreatorGenerator
{
    /// <summary>The content labels generated creators publish in.</summary>
    public static readonly IReadOnlyList<ContentLabel> ContentLabels =
        new[] { "beauty", "fashion", "food", "travel", "fitness", "gaming", "tech", "diy", "home", "parenting", "pets", "comedy", "music", "dance", "education", "finance", "sports", "automotive", "lifestyle", "art" }
            .Select(id => new ContentLabel(id)).ToArray();

    /// <summary>The industry labels generated creators suit.</summary>
    public static readonly IReadOnlyList<IndustryLabel> IndustryLabels =
        new[] { "cosmetics", "apparel", "food-beverage", "travel-hospitality", "consumer-electronics", "games", "home-improvement", "baby-kids", "pet-care", "financial-services", "automotive", "retail" }
            .Select(id => new IndustryLabel(id)).ToArray();

    private static readonly (Country Country, Language Language, int Weight)[] Markets =
    [
        (Country.US, Language.English, 300), (Country.BR, Language.Portuguese, 80), (Country.ID, Language.Indonesian, 80),
        (Country.MX, Language.Spanish, 60), (Country.GB, Language.English, 60), (Country.PH, Language.Tagalog, 40),
        (Country.CA, Language.English, 40), (Country.DE, Language.German, 40), (Country.FR, Language.French, 40),
        (Country.JP, Language.Japanese, 40), (Country.VN, Language.Vietnamese, 30), (Country.TH, Language.Thai, 30),
        (Country.KR, Language.Korean, 30), (Country.ES, Language.Spanish, 30), (Country.IT, Language.Italian, 30),
        (Country.TR, Language.Turkish, 25), (Country.SA, Language.Arabic, 20), (Country.AE, Language.Arabic, 15),
        (Country.MY, Language.Malay, 15), (Country.AU, Language.English, 20), (Country.PL, Language.Polish, 15),
        (Country.NL, Language.Dutch, 10), (Country.SE, Language.Swedish, 10), (Country.EG, Language.Arabic, 10),
    ];

    // Names as written, with the ASCII form handles are made of (handles allow no diacritics).
    private static readonly (string Name, string Ascii)[] FirstNames =
    [
        ("Maya", "maya"), ("José", "jose"), ("Zoë", "zoe"), ("Liam", "liam"), ("Ana", "ana"), ("Kenji", "kenji"),
        ("Sofía", "sofia"), ("Noah", "noah"), ("Aiyana", "aiyana"), ("Chloé", "chloe"), ("Mateo", "mateo"),
        ("Hana", "hana"), ("Omar", "omar"), ("Léa", "lea"), ("Ivan", "ivan"), ("Priya", "priya"), ("Björn", "bjorn"),
        ("Amara", "amara"), ("Luca", "luca"), ("Mei", "mei"),
    ];

    private static readonly (string Name, string Ascii)[] LastNames =
    [
        ("Lopez", "lopez"), ("Nguyễn", "nguyen"), ("Müller", "muller"), ("Smith", "smith"), ("Kim", "kim"),
        ("Silva", "silva"), ("Rossi", "rossi"), ("Dubois", "dubois"), ("Tanaka", "tanaka"), ("Öztürk", "ozturk"),
        ("Khan", "khan"), ("Novak", "novak"), ("García", "garcia"), ("Jensen", "jensen"), ("Costa", "costa"), ("Ali", "ali"),
    ];

    private static readonly double[] TierEngagement = [0.09, 0.075, 0.06, 0.045, 0.035, 0.03];
    private static readonly double[] TierViewRatio = [0.6, 0.45, 0.3, 0.2, 0.15, 0.1];

    private readonly Random _random;
    private readonly int _seed;
    private readonly IClock _clock;
    private readonly int _totalWeight = Markets.Sum(market => market.Weight);
    private long _sequence;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">The seed; the same seed gives the same creators.</param>
    /// <param name="clock">The clock that stamps the creators and their numbers.</param>
    public CreatorGenerator(int seed, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _random = new Random(seed);
        _seed = seed;
        _clock = clock;
    }

    /// <summary>
    /// Whether creators also get accounts on Instagram and YouTube besides their primary TikTok one: about 45% stay
    /// on TikTok alone, 40% add one platform and 15% both, each account with the numbers of its platform. False unless
    /// set, so that a seed gives the creators it always gave; when true, those creators are the same in every other
    /// respect, with the accounts added.
    /// </summary>
    public bool MultiPlatform { get; init; }

    /// <summary>Generates creators, lazily.</summary>
    /// <param name="count">How many, zero or more.</param>
    /// <returns>The creators.</returns>
    public IEnumerable<Creator> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    /// <summary>Generates the next creator, as one loaded from a store at version 1: for catalogs and searches.</summary>
    /// <returns>A creator with a primary TikTok account (and others, with <see cref="MultiPlatform"/>), an audience, usually a rate card, and a history.</returns>
    public Creator Next()
    {
        var creator = NextNew();
        creator.MarkStored(1);
        return creator;
    }

    /// <summary>
    /// Generates the next creator as a new one, never saved, with the events that made it pending: its save stores it
    /// at version 1 and puts its changes on the store's change feed.
    /// </summary>
    /// <returns>A creator as <see cref="Next"/> makes one, at version 0.</returns>
    public Creator NextNew()
    {
        var sequence = _sequence++;
        var now = _clock.GetCurrentInstant();
        var (country, language, _) = PickMarket();
        var first = Pick(FirstNames);
        var last = Pick(LastNames);
        var labels = PickDistinct(ContentLabels, 1 + _random.Next(3));
        var languages = language == Language.English || _random.NextDouble() > 0.3 ? [language] : new[] { language, Language.English };

        var profile = new CreatorProfile
        {
            DisplayName = $"{first.Name} {last.Name}",
            Bio = $"{string.Join(" · ", labels.Select(label => label.Id))} from {country.EnglishName}",
            HomeCountry = country,
            TimeZone = TimeZoneOf(country),
            Languages = languages,
            ContentLabels = labels,
            IndustryLabels = PickDistinct(IndustryLabels, _random.Next(3)),
            BirthDate = now.InUtc().Date.PlusDays(-(int)(365.25 * (16 + (_random.NextDouble() * 30)))),
        };

        var followers = (long)Math.Clamp(Math.Exp(Normal(9.6, 1.7)), 200, 150_000_000);
        var tier = FollowerTier.For(followers);
        var medianViews = (long)(followers * TierViewRatio[tier.Value] * Math.Exp(Normal(0, 0.5)));
        var averageViews = (long)(medianViews * (1.1 + _random.NextDouble()));
        var engagementRate = Math.Round(TierEngagement[tier.Value] * Math.Exp(Normal(0, 0.4)), 4);
        var growthRate = Math.Round(Math.Max(-0.5, Normal(0.02, 0.03)), 4);
        var posts = _random.Next(0, 40);
        var stats = AccountStats.Create(
            now,
            followers,
            averageViews: averageViews,
            medianViews: medianViews,
            engagementRate: engagementRate,
            followerGrowthRate: growthRate,
            postsLast30Days: posts,
            viewsLast30Days: medianViews * posts);
        // At most 6 + 1 + 6 letters and the sequence number: unique, and within TikTok's 24 characters.
        var handle = new Handle(Platform.TikTok, $"{first.Ascii}.{last.Ascii}{sequence}");
        var kind = _random.NextDouble();
        var type = kind < 0.8 ? AccountType.Creator : kind < 0.95 ? AccountType.Personal : AccountType.Business;
        var account = new PlatformAccount(handle, type, stats, $"open-{sequence}");

        var creator = Creator.Register(NextId(now), profile, account, _clock);
        if (MultiPlatform)
        {
            LinkAccountsElsewhere(creator, first.Ascii, last.Ascii, sequence, now);
        }

        creator.UpdateAudience(AudienceFor(country), _clock);
        if (_random.NextDouble() < 0.85)
        {
            var videoPrice = Math.Max(50m, Math.Round((decimal)(followers * 0.012 * Math.Exp(Normal(0, 0.35))), 0));
            creator.SetRateCard(
                RateCard.Create(
                    Currency.USD,
                    [
                        KeyValuePair.Create(DeliverableType.Video, Money.Of(videoPrice, Currency.USD)),
                        KeyValuePair.Create(DeliverableType.Story, Money.Of(Math.Max(20m, Math.Round(videoPrice * 0.3m, 0)), Currency.USD)),
                    ],
                    negotiable: _random.NextDouble() < 0.7),
                _clock);
        }

        if (_random.NextDouble() < 0.4)
        {
            creator.AwardBadge(Badge.Responsive, _clock);
        }

        if (_random.NextDouble() < 0.6)
        {
            creator.AwardBadge(Badge.ProfileComplete, _clock);
        }

        var pastCampaigns = (int)Math.Min(100, Math.Floor(Math.Exp(Normal(1, 1.2))) - 1);
        if (pastCampaigns > 0)
        {
            creator.RecordCollaboration(new PastCollaboration($"Brand {_random.Next(1, 500)}", Pick(IndustryLabels), pastCampaigns), _clock);
            if (pastCampaigns >= 5)
            {
                creator.AwardBadge(Badge.Experienced, _clock);
            }
        }

        if (_random.NextDouble() < 0.05)
        {
            creator.RecordViolation(new ComplianceViolation(now - Duration.FromDays(_random.Next(1, 720)), "community_guidelines", "Content removed for a guideline breach."), _clock);
        }

        if (_random.NextDouble() < 0.03)
        {
            creator.SetOnVacation(true, _clock);
        }

        return creator;
    }

    // From a stream of the creator's own, so that the main stream, and every other number, stays as it was.
    private void LinkAccountsElsewhere(Creator creator, string first, string last, long sequence, Instant now)
    {
        var random = new Random(unchecked((_seed * 1_000_003) ^ (int)sequence ^ 0x5EED));
        var draw = random.NextDouble();
        var others = draw < 0.45 ? [] : draw < 0.85 ? (random.NextDouble() < 0.6 ? [Platform.Instagram] : [Platform.YouTube]) : new[] { Platform.Instagram, Platform.YouTube };
        var tiktok = creator.PrimaryAccount.Stats;
        foreach (var platform in others)
        {
            var (handle, type, stats, externalId) = platform == Platform.Instagram
                ? (new Handle(platform, $"{first}.{last}{sequence}"), random.NextDouble() < 0.7 ? AccountType.Creator : AccountType.Business, StatsElsewhere(InstagramShape, tiktok, random, now), $"1784{sequence:D11}")
                : (new Handle(platform, $"{first}{last}{sequence}"), AccountType.Creator, StatsElsewhere(YouTubeShape, tiktok, random, now), $"UC{sequence:D22}");
            creator.LinkAccount(new PlatformAccount(handle, type, stats, externalId), _clock);
        }
    }

    // Instagram: a following of the same order as TikTok's; reels reach about a quarter of it; engagement lower; more
    // frequent posts, stories included.
    private static readonly AccountShape InstagramShape = new(FollowerShare: 0.6, FollowerSpread: 0.8, MinFollowers: 100, MaxFollowers: 700_000_000, ViewShare: 0.25, ViewSpread: 0.5, AverageFrom: 1.2, AverageSpan: 0.6, MinPosts: 4, MorePosts: 27, Engagement: 0.03, Growth: 0.01);

    // YouTube: fewer subscribers than TikTok followers (rounded as YouTube shows them), views per video a tenth or so of
    // them (a long tail), and a few uploads a month.
    private static readonly AccountShape YouTubeShape = new(FollowerShare: 0.3, FollowerSpread: 1.0, MinFollowers: 50, MaxFollowers: 400_000_000, ViewShare: 0.12, ViewSpread: 0.7, AverageFrom: 1.5, AverageSpan: 1.0, MinPosts: 1, MorePosts: 12, Engagement: 0.04, Growth: 0.015, RoundsFollowers: true);

    private static AccountStats StatsElsewhere(AccountShape shape, AccountStats tiktok, Random random, Instant now)
    {
        var drawn = (long)Math.Clamp(tiktok.Followers * shape.FollowerShare * Math.Exp(Normal(random, 0, shape.FollowerSpread)), shape.MinFollowers, shape.MaxFollowers);
        var followers = shape.RoundsFollowers ? SimulatedAccount.ThreeSignificantFigures(drawn) : drawn;
        var medianViews = (long)(followers * shape.ViewShare * Math.Exp(Normal(random, 0, shape.ViewSpread)));
        var posts = shape.MinPosts + random.Next(shape.MorePosts);
        return AccountStats.Create(
            now,
            followers,
            averageViews: (long)(medianViews * (shape.AverageFrom + (random.NextDouble() * shape.AverageSpan))),
            medianViews: medianViews,
            engagementRate: Math.Round(shape.Engagement * Math.Exp(Normal(random, 0, 0.4)), 4),
            followerGrowthRate: Math.Round(Math.Max(-0.5, Normal(random, shape.Growth, 0.02)), 4),
            postsLast30Days: posts,
            viewsLast30Days: medianViews * posts);
    }

    private Audience AudienceFor(Country home) =>
        GeneratedAudience.Around(home, () => PickMarket().Country, _random.NextDouble, Normal);

    private (Country Country, Language Language, int Weight) PickMarket()
    {
        var ticket = _random.Next(_totalWeight);
        foreach (var market in Markets)
        {
            ticket -= market.Weight;
            if (ticket < 0)
            {
                return market;
            }
        }

        return Markets[^1];
    }

    private CreatorId NextId(Instant now)
    {
        // Random bits from the seeded stream, so ids are as reproducible as everything else.
        Span<byte> random = stackalloc byte[10];
        _random.NextBytes(random);
        return EntityId.Create<CreatorId>(now, random);
    }

    private static DateTimeZone TimeZoneOf(Country country)
    {
        var zoneId = TzdbDateTimeZoneSource.Default.ZoneLocations?.FirstOrDefault(location => location.CountryCode == country.Code)?.ZoneId;
        return zoneId is null ? DateTimeZone.Utc : DateTimeZoneProviders.Tzdb[zoneId];
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private T[] PickDistinct<T>(IReadOnlyList<T> items, int count) =>
        Enumerable.Range(0, items.Count).OrderBy(_ => _random.Next()).Take(count).Select(i => items[i]).ToArray();

    private double Normal(double mean, double standardDeviation) => Normal(_random, mean, standardDeviation);

    private static double Normal(Random random, double mean, double standardDeviation)
    {
        // Box–Muller on the seeded stream.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}

/// <summary>How a platform's numbers follow a creator's TikTok ones: shares of them, the log-normal spreads and the posting cadence.</summary>
internal sealed record AccountShape(
    double FollowerShare,
    double FollowerSpread,
    long MinFollowers,
    long MaxFollowers,
    double ViewShare,
    double ViewSpread,
    double AverageFrom,
    double AverageSpan,
    int MinPosts,
    int MorePosts,
    double Engagement,
    double Growth,
    bool RoundsFollowers = false);
