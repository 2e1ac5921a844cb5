using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;
using FsCheck.Fluent;
using NodaTime;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>The in-memory catalog keeps listings encoded; a decoded listing is the encoded one in every member.</summary>
public sealed class ListingCodecTests
{
    // Text that is not Latin or not in one UTF-16 unit: accents, Greek, CJK, an emoji (a surrogate pair), a tab.
    private static readonly string[] Pieces = ["a", "É", "ß", "e\u0301", "Σ", "ί", "日本", "한국", "🎨", " ", "\t", "ab"];

    [Property(MaxTest = 300)]
    public Property A_decoded_listing_equals_the_encoded_one_in_every_member(NonNegativeInt seed)
    {
        var random = new Random(seed.Get);
        var generated = AggregateGenerators.Creators().Sample(1, new Rnd((ulong)seed.Get), 30).Single().ToListing();
        var listing = random.Next(3) == 0 ? Unusual(generated, random) : generated;
        var interned = new InternedValues();
        var bytes = new ListingBytes();

        // Another listing first, so that this one's values are not all numbered from zero.
        ListingCodec.Encode(generated, interned, bytes);
        bytes.Clear();
        ListingCodec.Encode(listing, interned, bytes);
        var decoded = ListingCodec.Decode(bytes.Written.Span, listing.Id, listing.Version, interned);
        return Same(listing, decoded);
    }

    [Fact]
    public void A_decoded_rate_card_allocates_only_what_it_keeps()
    {
        var currency = Currency.FromCode("EUR");
        var generated = AggregateGenerators.Creators().Sample(1, new Rnd(11UL), 30).Single().ToListing();
        CreatorListing WithCard(RateCard? card) => CreatorListing.Create(
            generated.Id, generated.Version, generated.RegisteredAt, generated.Profile, generated.Accounts, generated.Audience, card,
            generated.Badges, generated.OnVacation, generated.PastCampaignCount, generated.ComplianceHistory);
        var priced = WithCard(RateCard.Create(
            currency,
            [
                KeyValuePair.Create(DeliverableType.Video, Money.FromMinorUnits(90_000, currency)),
                KeyValuePair.Create(DeliverableType.Story, Money.FromMinorUnits(20_000, currency)),
                KeyValuePair.Create(DeliverableType.ShortVideo, Money.FromMinorUnits(45_000, currency)),
            ],
            negotiable: true));
        var unpriced = WithCard(null);
        var interned = new InternedValues();
        var (withCard, withoutCard) = (new ListingBytes(), new ListingBytes());
        ListingCodec.Encode(priced, interned, withCard);
        ListingCodec.Encode(unpriced, interned, withoutCard);

        long Allocated(ListingBytes bytes, CreatorListing listing)
        {
            ListingCodec.Decode(bytes.Written.Span, listing.Id, listing.Version, interned);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var decoded = ListingCodec.Decode(bytes.Written.Span, listing.Id, listing.Version, interned);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Same(listing, decoded).QuickCheckThrowOnFailure();
            return allocated;
        }

        // The card, its dictionary and the dictionary's two arrays, about 290 bytes; building it through
        // RateCard.Create from a list of prices, checked again and then searched for the lowest, took 560.
        (Allocated(withCard, priced) - Allocated(withoutCard, unpriced)).ShouldBeLessThan(400);
    }

    [Fact]
    public void A_listing_with_every_unusual_value_at_once_decodes_to_itself()
    {
        var random = new Random(7);
        var listing = Unusual(AggregateGenerators.Creators().Sample(1, new Rnd(7UL), 30).Single().ToListing(), random, everything: true);
        var interned = new InternedValues();
        var bytes = new ListingBytes();
        ListingCodec.Encode(listing, interned, bytes);

        Same(listing, ListingCodec.Decode(bytes.Written.Span, listing.Id, listing.Version, interned)).QuickCheckThrowOnFailure();
        listing.Profile.Bio.Length.ShouldBe(2_000);
        listing.RegisteredAt.ShouldBe(Instant.MinValue);
    }

    [Theory]
    [InlineData("é", 70)]
    [InlineData("日", 50)]
    [InlineData("🎨", 40)]
    [InlineData("a", 127)]
    [InlineData("日", 5_500)]
    public void Text_whose_UTF_8_needs_a_longer_length_than_its_characters_decodes_to_itself(string piece, int repeats)
    {
        // The length is written before the bytes with the room the character count needs; these need more.
        var text = string.Concat(Enumerable.Repeat(piece, repeats));
        var listing = AggregateGenerators.Creators().Sample(1, new Rnd(13UL), 30).Single().ToListing();
        var account = listing.PrimaryAccount;
        var remade = CreatorListing.Create(
            listing.Id,
            listing.Version,
            listing.RegisteredAt,
            listing.Profile with { Bio = text[..Math.Min(text.Length, 2_000)] },
            [new PlatformAccount(account.Handle, account.Type, account.Stats, externalId: text)],
            listing.Audience,
            listing.RateCard,
            listing.Badges,
            listing.OnVacation,
            listing.PastCampaignCount,
            [new ComplianceViolation(listing.RegisteredAt, "spam", text)]);
        var interned = new InternedValues();
        var bytes = new ListingBytes();
        ListingCodec.EncodeRow(remade, interned, bytes);

        Same(remade, ListingCodec.DecodeRow(bytes.Written.Span, remade.Id, remade.Version, interned)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_country_language_currency_and_platform_comes_back_as_itself()
    {
        var listing = AggregateGenerators.Creators().Sample(1, new Rnd(11UL), 30).Single().ToListing();
        var interned = new InternedValues();
        var bytes = new ListingBytes();
        var currencies = Currency.List.Where(currency => currency.HasMinorUnit).ToArray();
        var countries = Country.List.ToArray();
        var languages = Language.List.ToArray();
        var platforms = Platform.List.ToArray();
        for (var i = 0; i < Math.Max(Math.Max(countries.Length, languages.Length), currencies.Length); i++)
        {
            var (country, language, currency) = (countries[i % countries.Length], languages[i % languages.Length], currencies[i % currencies.Length]);
            var platform = platforms[i % platforms.Length];
            var handle = new Handle(platform, new string('a', platform.MinHandleLength) + (i % 10));
            var remade = CreatorListing.Create(
                listing.Id,
                listing.Version,
                listing.RegisteredAt,
                listing.Profile with { HomeCountry = country, HomeSubdivision = null, Languages = [language] },
                [new PlatformAccount(handle, AccountType.Creator, listing.PrimaryAccount.Stats)],
                Audience.Unknown with
                {
                    Countries = Distribution.Create([KeyValuePair.Create(country, 1d)]),
                    Languages = Distribution.Create([KeyValuePair.Create(language, 1d)]),
                },
                RateCard.Create(currency, [KeyValuePair.Create(DeliverableType.Video, Money.FromMinorUnits(i, currency))], negotiable: false),
                [],
                onVacation: false,
                pastCampaignCount: 0,
                []);
            bytes.Clear();
            ListingCodec.Encode(remade, interned, bytes);
            var decoded = ListingCodec.Decode(bytes.Written.Span, remade.Id, remade.Version, interned);

            decoded.ShouldBe(remade);
            decoded.Profile.HomeCountry.ShouldBeSameAs(country);
            decoded.Profile.Languages[0].ShouldBeSameAs(language);
            decoded.RateCard!.Currency.ShouldBeSameAs(currency);
            decoded.PrimaryAccount.Platform.ShouldBeSameAs(platform);
        }
    }

    // Equal as records, and alike where equality does not look: the order of buckets and prices, a distribution's
    // total and tolerance, the time zone and the tier.
    private static Property Same(CreatorListing listing, CreatorListing decoded) =>
        decoded.Equals(listing).Label("the decoded listing equals the encoded one")
            .And((decoded.Id == listing.Id && decoded.Version == listing.Version).Label("id and version"))
            .And(ReferenceEquals(decoded.Profile.TimeZone, listing.Profile.TimeZone).Label("the time zone itself"))
            .And((decoded.Tier == listing.Tier).Label("tier"))
            .And(Alike(decoded.Audience.Gender, listing.Audience.Gender).Label("gender buckets, in order, with total and tolerance"))
            .And(Alike(decoded.Audience.Age, listing.Audience.Age).Label("age buckets"))
            .And(Alike(decoded.Audience.Countries, listing.Audience.Countries).Label("country buckets"))
            .And(Alike(decoded.Audience.Devices, listing.Audience.Devices).Label("device buckets"))
            .And(Alike(decoded.Audience.Languages, listing.Audience.Languages).Label("language buckets"))
            .And((decoded.RateCard?.Prices.ToList() ?? []).SequenceEqual(listing.RateCard?.Prices.ToList() ?? []).Label("prices, in order"))
            .And((decoded.RateCard?.LowestPrice == listing.RateCard?.LowestPrice).Label("lowest price"));

    private static bool Alike<TKey>(Distribution<TKey>? decoded, Distribution<TKey>? original)
        where TKey : notnull =>
        decoded is null ? original is null
            : original is not null && decoded.SequenceEqual(original) && decoded.Total.Equals(original.Total) && decoded.Tolerance.Equals(original.Tolerance);

    // The listing remade with values the generators seldom or never make: long and non-Latin text, the first and last
    // instants, a birth date in another calendar, a fixed-offset zone, unreported and extreme numbers, odd totals and
    // tolerances, every deliverable priced from zero to the largest amount, and violations with empty descriptions.
    private static CreatorListing Unusual(CreatorListing listing, Random random, bool everything = false)
    {
        bool Maybe() => everything || random.Next(2) == 0;
        string Text(int length)
        {
            var text = new System.Text.StringBuilder("x");
            while (text.Length < length)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            return text.ToString()[..(text.Length > length && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)].PadRight(length, 'z');
        }

        var registeredAt = Maybe() ? Instant.MinValue : listing.RegisteredAt;
        var profile = listing.Profile with
        {
            DisplayName = Maybe() ? Text(100).Replace('\t', 'y') : listing.Profile.DisplayName,
            Bio = Maybe() ? Text(2_000) : string.Empty,
            TimeZone = Maybe() ? DateTimeZone.ForOffset(Offset.FromHoursAndMinutes(-9, -30)) : listing.Profile.TimeZone,
            BirthDate = Maybe() ? new LocalDate(-3_000, 2, 29, CalendarSystem.Julian) : listing.Profile.BirthDate,
            AgeBand = null,
            ContentLabels = Maybe() ? [] : listing.Profile.ContentLabels,
        };
        var stats = Maybe()
            ? AccountStats.Create(Instant.MaxValue, long.MaxValue, averageViews: 0, medianViews: long.MaxValue, engagementRate: double.MaxValue, followerGrowthRate: -1, postsLast30Days: int.MaxValue, viewsLast30Days: 0)
            : AccountStats.Create(registeredAt, 0);
        PlatformAccount[] accounts = [new(listing.PrimaryAccount.Handle, AccountType.List.ElementAt(random.Next(AccountType.List.Count)), stats), .. listing.Accounts.Skip(1)];
        var audience = Maybe()
            ? Audience.Unknown with
            {
                Gender = Distribution.Create([KeyValuePair.Create(AudienceGender.Other, 0.5), KeyValuePair.Create(AudienceGender.Female, 0.47)], tolerance: 0.05),
                Age = Distribution.Create([KeyValuePair.Create(AgeBucket.From55, 1d)]),
                Credibility = Share.Zero,
            }
            : Audience.Unknown;
        var rateCard = Maybe()
            ? RateCard.Create(
                Currency.JPY,
                DeliverableType.List.OrderByDescending(type => type.Value).Select((type, i) => KeyValuePair.Create(type, Money.FromMinorUnits(i == 0 ? long.MaxValue : i - 1, Currency.JPY))),
                negotiable: true)
            : null;
        ComplianceViolation[] violations = Maybe()
            ? [new(Instant.MinValue, "a", string.Empty), new(Instant.MaxValue, Text(50).Replace('\t', 'y'), Text(300))]
            : [];
        return CreatorListing.Create(
            listing.Id,
            Maybe() ? long.MaxValue : 0,
            registeredAt,
            profile,
            accounts,
            audience,
            rateCard,
            Badge.List.ToArray(),
            onVacation: Maybe(),
            pastCampaignCount: Maybe() ? int.MaxValue : 0,
            violations);
    }
}
