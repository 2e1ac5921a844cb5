using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Testing;

// The audience model the creator generator and the simulated platform share: a home-heavy mix of countries, and
// gender, age and device splits around typical shares, drawn from the caller's seeded stream in a fixed order.
internal static class GeneratedAudience
{
    public static Audience Around(Country home, Func<Country> otherMarket, Func<double> uniform, Func<double, double, double> normal)
    {
        var countries = new Dictionary<Country, double> { [home] = 40 + (uniform() * 50) };
        for (var i = 0; i < 3; i++)
        {
            var other = otherMarket();
            countries[other] = countries.GetValueOrDefault(other) + (uniform() * 15);
        }

        var female = Math.Clamp(normal(0.55, 0.18), 0.02, 0.96);
        var minors = Math.Clamp(normal(0.08, 0.06), 0, 0.4);
        var young = Math.Clamp(normal(0.38, 0.1), 0.05, 0.9 - minors);
        var rest = 1 - minors - young;
        var ios = Math.Clamp(normal(0.45, 0.15), 0.05, 0.9);
        return Audience.Unknown with
        {
            Countries = Distribution.Normalize(countries),
            Gender = Distribution.Normalize(new Dictionary<AudienceGender, double>
            {
                [AudienceGender.Female] = female,
                [AudienceGender.Male] = 1 - female,
                [AudienceGender.Other] = 0.01,
            }),
            Age = Distribution.Normalize(new Dictionary<AgeBucket, double>
            {
                [AgeBucket.From13To17] = minors,
                [AgeBucket.From18To24] = young,
                [AgeBucket.From25To34] = rest * 0.5,
                [AgeBucket.From35To44] = rest * 0.3,
                [AgeBucket.From45To54] = rest * 0.15,
                [AgeBucket.From55] = rest * 0.05,
            }),
            Devices = Distribution.Normalize(new Dictionary<AudienceDevice, double>
            {
                [AudienceDevice.Ios] = ios,
                [AudienceDevice.Android] = 1 - ios,
                [AudienceDevice.Other] = 0.02,
            }),
            Credibility = Share.FromFraction(Math.Round(Math.Clamp(normal(0.85, 0.08), 0.4, 0.99), 3)),
        };
    }
}
