using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Testing;

// The class is described in AggregateGenerators.cs.
public static partial class AggregateGenerators
{
    private static readonly (Country Country, Subdivision[] Subdivisions, string Zone)[] CreatorMarkets =
    [
        (Country.US, [Subdivision.Parse("US-CA"), Subdivision.Parse("US-NY")], "America/Los_Angeles"),
        (Country.CA, [Subdivision.Parse("CA-ON")], "America/Toronto"),
        (Country.DE, [Subdivision.Parse("DE-BY")], "Europe/Berlin"),
        (Country.BR, [Subdivision.Parse("BR-SP")], "America/Sao_Paulo"),
        (Country.JP, [Subdivision.Parse("JP-13")], "Asia/Tokyo"),
        (Country.KR, [Subdivision.Parse("KR-11")], "Asia/Seoul"),
    ];

    private static readonly Language[] CreatorLanguages = [Language.English, Language.Spanish, Language.German, Language.Portuguese, Language.Japanese, Language.Korean];
    private static readonly string[] CreatorNames = ["Maya Makes", "José Cooks", "Zoë Travels", "Kenji Builds", "Léa Lifts"];
    private static readonly string[] CreatorBios = ["", "DIY and home projects", "Street food, one city a week", "Gear reviews · no sponsors unlabelled"];
    private static readonly string[] CreatorViolationCodes = ["community_guidelines", "intellectual_property", "undisclosed_ad"];
    private static readonly string[] CreatorBrandNames = ["Glow Labs", "Acme", "Globex", "Northwind"];
    private static readonly Currency[] CreatorRateCardCurrencies = [Currency.USD, Currency.EUR, Currency.JPY];

    /// <summary>
    /// Creators registered with a random valid profile and first account, then changed by 0 to 30 random commands:
    /// new profiles, linked and replaced accounts on several platforms, fresh and stale numbers, audiences known
    /// in part or in full, rate cards published and withdrawn, badges awarded and withdrawn, vacations, violations
    /// recorded out of order, and past collaborations.
    /// </summary>
    /// <returns>The generator.</returns>
    public static Gen<Creator> Creators() =>
        from id in KernelGenerators.Ids<CreatorId>()
        from start in KernelGenerators.Instants()
        from profile in CreatorProfiles()
        from primary in CreatorAccounts()
        from count in Gen.Choose(0, 30)
        from commands in Gen.ArrayOf(CreatorCommands(), count)
        select RunCreator(id, start, profile, primary, commands);

    private static Creator RunCreator(CreatorId id, Instant start, CreatorProfile profile, Func<Instant, PlatformAccount> primary, CreatorCommand[] commands)
    {
        var clock = new FakeClock(start);
        var creator = Creator.Register(id, profile, primary(start), clock);
        foreach (var command in commands)
        {
            clock.Advance(command.Wait);
            command.Run(creator, clock);
        }

        return creator;
    }

    private static Gen<CreatorCommand> CreatorCommands() =>
        from wait in CreatorWaits()
        from run in Gen.Frequency(
            (2, CreatorProfiles().Select(profile => CreatorStep((creator, clock) => creator.ChangeProfile(profile, clock)))),
            (3, CreatorAccounts().Select(account => CreatorStep((creator, clock) => creator.LinkAccount(account(clock.GetCurrentInstant()), clock)))),
            (3, Gen.Zip(Gen.Choose(0, 10), CreatorStats(), (which, stats) => CreatorStep((creator, clock) =>
                creator.RefreshStats(creator.Accounts[which % creator.Accounts.Count].Platform, stats(clock.GetCurrentInstant()), clock)))),
            (2, CreatorAudiences().Select(audience => CreatorStep((creator, clock) => creator.UpdateAudience(audience, clock)))),
            (2, CreatorRateCards().Select(rateCard => CreatorStep((creator, clock) => creator.SetRateCard(rateCard, clock)))),
            (1, Gen.Elements(true, false).Select(away => CreatorStep((creator, clock) => creator.SetOnVacation(away, clock)))),
            (2, CreatorBadges().Select(badge => CreatorStep((creator, clock) => creator.AwardBadge(badge, clock)))),
            (1, CreatorBadges().Select(badge => CreatorStep((creator, clock) => creator.WithdrawBadge(badge, clock)))),
            (1, CreatorViolations().Select(violation => CreatorStep((creator, clock) => creator.RecordViolation(violation(clock.GetCurrentInstant()), clock)))),
            (2, CreatorCollaborations().Select(collaboration => CreatorStep((creator, clock) => creator.RecordCollaboration(collaboration, clock)))))
        select new CreatorCommand(wait, run);

    private static Action<Creator, IClock> CreatorStep(Action<Creator, IClock> command) => command;

    private static Gen<Badge> CreatorBadges() => Gen.Elements(Badge.List.OrderBy(badge => badge.Value).ToArray());

    private static Gen<CreatorProfile> CreatorProfiles() =>
        from market in Gen.Elements(CreatorMarkets)
        from name in Gen.Elements(CreatorNames)
        from bio in Gen.Elements(CreatorBios)
        from subdivision in CreatorMaybe(Gen.Elements(market.Subdivisions))
        from languages in CreatorPick(CreatorLanguages, 1, 3)
        from contentLabels in CreatorPick(CreatorGenerator.ContentLabels, 0, 3)
        from industryLabels in CreatorPick(CreatorGenerator.IndustryLabels, 0, 2)
        from age in Gen.Choose(0, 2)
        from birthDay in Gen.Choose(0, 365 * 40)
        from band in Gen.Elements(AgeBucket.List.OrderBy(bucket => bucket.Value).ToArray())
        select new CreatorProfile
        {
            DisplayName = name,
            Bio = bio,
            HomeCountry = market.Country,
            HomeSubdivision = subdivision,
            TimeZone = DateTimeZoneProviders.Tzdb[market.Zone],
            Languages = languages,
            ContentLabels = contentLabels,
            IndustryLabels = industryLabels,
            // A birth date, an age band or neither, never both.
            BirthDate = age == 1 ? new LocalDate(1970, 1, 1).PlusDays(birthDay) : null,
            AgeBand = age == 2 ? band : null,
        };

    // Accounts and numbers are made when the command runs, so that they can be read shortly before "now".
    private static Gen<Func<Instant, PlatformAccount>> CreatorAccounts() =>
        from handle in KernelArbitraries.Handle().Generator
        from type in Gen.Elements(AccountType.List.OrderBy(type => type.Value).ToArray())
        from stats in CreatorStats()
        from externalId in Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Gen.Choose(1, 999_999).Select(n => (string?)$"open-{n}")))
        select (Func<Instant, PlatformAccount>)(now => new PlatformAccount(handle, type, stats(now), externalId));

    // Numbers read from a minute to three days before now: newer than the ones on record or, after a short wait, stale.
    private static Gen<Func<Instant, AccountStats>> CreatorStats() =>
        from age in Gen.Choose(1, 3 * 24 * 60)
        from followers in Gen.Frequency((1, Gen.Choose(0, 999)), (3, Gen.Choose(1_000, 99_999)), (2, Gen.Choose(100_000, int.MaxValue)))
        from views in CreatorMaybe(Gen.Choose(0, 50_000_000))
        from engagement in CreatorMaybe(Gen.Choose(0, 30_000).Select(n => n / 100_000d))
        from growth in CreatorMaybe(Gen.Choose(-100_000, 100_000).Select(n => n / 100_000d))
        from posts in CreatorMaybe(Gen.Choose(0, 90))
        select (Func<Instant, AccountStats>)(now => AccountStats.Create(
            now - Duration.FromMinutes(age),
            followers,
            averageViews: views * 11 / 10,
            medianViews: views,
            engagementRate: engagement,
            followerGrowthRate: growth,
            postsLast30Days: posts,
            viewsLast30Days: (long?)views * posts));

    private static Gen<Audience> CreatorAudiences() =>
        from gender in CreatorMaybeClass(KernelArbitraries.GenderDistribution().Generator)
        from age in CreatorMaybeClass(KernelArbitraries.AgeDistribution().Generator)
        from countries in CreatorMaybeClass(KernelArbitraries.CountryDistribution().Generator)
        from devices in CreatorMaybeClass(KernelArbitraries.DeviceDistribution().Generator)
        from languages in CreatorMaybeClass(KernelArbitraries.LanguageDistribution().Generator)
        from credibility in CreatorMaybe(KernelArbitraries.Share().Generator)
        select Audience.Unknown with { Gender = gender, Age = age, Countries = countries, Devices = devices, Languages = languages, Credibility = credibility };

    private static Gen<RateCard?> CreatorRateCards() =>
        Gen.Frequency(
            (1, Gen.Constant<RateCard?>(null)),
            (3, from currency in Gen.Elements(CreatorRateCardCurrencies)
                from types in CreatorPick(DeliverableType.List.OrderBy(type => type.Value).ToArray(), 0, 4)
                from prices in Gen.ArrayOf(Gen.Choose(0, 5_000_000), types.Length)
                from negotiable in Gen.Elements(true, false)
                select (RateCard?)RateCard.Create(
                    currency,
                    types.Zip(prices, (type, price) => KeyValuePair.Create(type, Money.FromMinorUnits(price, currency))),
                    negotiable)));

    // Violations are recorded after they happen, sometimes long after, so they arrive out of order.
    private static Gen<Func<Instant, ComplianceViolation>> CreatorViolations() =>
        from daysAgo in Gen.Choose(0, 720)
        from code in Gen.Elements(CreatorViolationCodes)
        select (Func<Instant, ComplianceViolation>)(now => new ComplianceViolation(now - Duration.FromDays(daysAgo), code, $"{code} breach reported"));

    private static Gen<PastCollaboration> CreatorCollaborations() =>
        from brandName in Gen.Elements(CreatorBrandNames)
        from industry in CreatorMaybe(Gen.Elements(CreatorGenerator.IndustryLabels.ToArray()))
        from count in Gen.Choose(1, 12)
        from brand in CreatorMaybe(KernelGenerators.Ids<BrandId>())
        select new PastCollaboration(brandName, industry, count, brand);

    // Minutes to weeks between two commands.
    private static Gen<Duration> CreatorWaits() =>
        Gen.Frequency(
            (2, Gen.Choose(0, 120).Select(minutes => Duration.FromMinutes(minutes))),
            (2, Gen.Choose(1, 72).Select(hours => Duration.FromHours(hours))),
            (1, Gen.Choose(1, 30).Select(days => Duration.FromDays(days))));

    private static Gen<T[]> CreatorPick<T>(IReadOnlyList<T> items, int least, int most) =>
        Gen.Choose(least, most).SelectMany(count => Gen.Shuffle(items.ToArray()).Select(shuffled => shuffled.Take(count).ToArray()));

    private static Gen<T?> CreatorMaybe<T>(Gen<T> values)
        where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (2, values.Select(value => (T?)value)));

    private static Gen<T?> CreatorMaybeClass<T>(Gen<T> values)
        where T : class =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (2, values.Select(value => (T?)value)));

    private sealed record CreatorCommand(Duration Wait, Action<Creator, IClock> Run);
}
