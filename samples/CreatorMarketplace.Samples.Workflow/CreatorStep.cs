using CreatorMarketplace;
using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>Step 2: a creator joins the catalog with a profile, a TikTok account, an audience and a rate card.</summary>
internal static class CreatorStep
{
    public static Creator Run(IClock clock, TextWriter output)
    {
        output.WriteLine("Step 2: a creator joins the catalog");

        var profile = new CreatorProfile
        {
            DisplayName = "Maya Makes",
            Bio = "DIY, small flats, big ideas",
            HomeCountry = Country.US,
            HomeSubdivision = Subdivision.Parse("US-CA"),
            TimeZone = DateTimeZoneProviders.Tzdb["America/Los_Angeles"],
            Languages = [Language.English, Language.Spanish],
            ContentLabels = [new ContentLabel("diy"), new ContentLabel("home")],
            BirthDate = new LocalDate(1998, 3, 2),
        };
        var tiktok = new PlatformAccount(
            new Handle(Platform.TikTok, "@maya.makes"),
            AccountType.Creator,
            AccountStats.Create(clock.GetCurrentInstant(), followers: 48_200, averageViews: 21_400, medianViews: 15_900, engagementRate: 0.061));

        var creator = Creator.Register(EntityId.New<CreatorId>(clock), profile, tiktok, clock);
        creator.UpdateAudience(
            Audience.Unknown with
            {
                Countries = Distribution.Normalize(new Dictionary<Country, double> { [Country.US] = 71, [Country.MX] = 18, [Country.CA] = 11 }),
                Gender = Distribution.Create(new Dictionary<AudienceGender, double> { [AudienceGender.Female] = 0.64, [AudienceGender.Male] = 0.34, [AudienceGender.Other] = 0.02 }),
                Credibility = Share.FromPercentage(88),
            },
            clock);
        creator.SetRateCard(
            RateCard.Create(Currency.USD, [KeyValuePair.Create(DeliverableType.Video, Money.Parse("USD 850.00")), KeyValuePair.Create(DeliverableType.Story, Money.Parse("USD 250.00"))], negotiable: true),
            clock);
        creator.AwardBadge(Badge.Responsive, clock);

        output.WriteLine($"  {creator.Profile.DisplayName} {creator.PrimaryAccount.Handle} on {creator.PrimaryAccount.Platform}: {creator.PrimaryAccount.Stats.Followers:N0} followers ({creator.Tier})");
        output.WriteLine($"  audience: {creator.Audience.Countries}; {creator.Audience.Gender}; credibility {creator.Audience.Credibility}");
        output.WriteLine($"  rate card: from {creator.RateCard!.LowestPrice}, negotiable: {creator.RateCard.Negotiable}; badges: {string.Join(", ", creator.Badges)}");
        output.WriteLine($"  events raised: {string.Join(", ", creator.PendingEvents.Select(e => e.GetType().Name))}");
        output.WriteLine();
        return creator;
    }
}
