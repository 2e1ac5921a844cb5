using CreatorMarketplace.Eligibility;
using NodaTime;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>Days since 1970-01-01, the form dates take in the columns (whole numbers, exact as floats).</summary>
internal static class EpochDay
{
    private static readonly LocalDate Epoch = new(1970, 1, 1);

    public static int Of(LocalDate date) => Period.DaysBetween(Epoch, date);

    // The day in UTC the instant falls on.
    public static int Of(Instant instant) => Of(instant.InUtc().Date);
}

/// <summary>How the columns decide one row: it passes, it fails, or only its listing can tell.</summary>
internal enum ColumnVerdict
{
    Fails,
    Passes,
    Unsure,
}

/// <summary>
/// The policy version in force at an instant, compiled to thresholds on the columns, one entry per market the
/// catalog has creators in. A row is decided by its market's entry; what depends on the creator's time zone (the
/// local date for age and launch) or on a value equal to a threshold is left <see cref="ColumnVerdict.Unsure"/> and
/// checked on the listing, so the answer is exactly the policy's.
/// </summary>
/// <remarks>
/// A local date lies within a day of the UTC date (NodaTime offsets are within 18 hours), so a birth date or a
/// launch date decides alike on every possible local date except within a day of the boundary.
/// </remarks>
internal sealed class EligibilityColumns
{
    private EligibilityColumns(MarketCheck[] markets) => Markets = markets;

    /// <summary>The markets to keep rows of; a row in any other country fails.</summary>
    public MarketCheck[] Markets { get; }

    public static EligibilityColumns Compile(EligibilityFilter filter, CatalogKeys keys)
    {
        var asOf = filter.AsOf;
        if (filter.Policy.VersionAsOf(asOf) is not { } version)
        {
            return new([]);
        }

        var today = asOf.InUtc().Date;
        var checks = new List<MarketCheck>();
        foreach (var market in version.Markets)
        {
            // A market not open on any possible local date keeps no one; the catalog may have no one there.
            if (market.LaunchDate > today.PlusDays(1) || !keys.Countries.TryGetValue(market.Country, out var ordinal))
            {
                continue;
            }

            var requirements = market.Creators ?? version.Creators;
            var types = 0u;
            foreach (var type in requirements.AccountTypes)
            {
                types |= 1u << type.Value;
            }

            var window = asOf - requirements.GoodStandingLookBack;
            checks.Add(new MarketCheck(
                ordinal,
                Platform: filter.Policy.Platform?.Value ?? 0,
                LaunchUnsure: market.LaunchDate > today.PlusDays(-1),
                MinimumFollowers: requirements.MinimumFollowers,
                MinimumViews: requirements.MinimumViewsLast30Days,
                MinimumPosts: requirements.MinimumPostsLast30Days,
                AccountTypes: types,
                MinimumAge: requirements.MinimumAge,
                SurelyOldEnough: EpochDay.Of(LatestBirthDate(today.PlusDays(-1), requirements.MinimumAge)),
                PossiblyOldEnough: EpochDay.Of(LatestBirthDate(today.PlusDays(1), requirements.MinimumAge)),
                WindowStartDay: EpochDay.Of(window),
                AsOfDay: EpochDay.Of(asOf)));
        }

        return new([.. checks]);
    }

    // The latest birth date that is old enough on the given date (CreatorRules.Birthday is monotone in the birth date).
    private static LocalDate LatestBirthDate(LocalDate date, int years)
    {
        var birth = date.PlusYears(-years);
        while (CreatorRules.Birthday(birth.PlusDays(1), years) <= date)
        {
            birth = birth.PlusDays(1);
        }

        while (CreatorRules.Birthday(birth, years) > date)
        {
            birth = birth.PlusDays(-1);
        }

        return birth;
    }

    /// <summary>One market's thresholds, as the columns hold them.</summary>
    internal readonly record struct MarketCheck(
        int CountryOrdinal,
        int Platform,
        bool LaunchUnsure,
        float MinimumFollowers,
        float MinimumViews,
        float MinimumPosts,
        uint AccountTypes,
        float MinimumAge,
        float SurelyOldEnough,
        float PossiblyOldEnough,
        float WindowStartDay,
        float AsOfDay)
    {
        // NaN (unreported) fails every "at least"; a float equal to a threshold's float passes when the threshold is
        // one float's only count, else it may be either side of it.
        public ColumnVerdict Decide(float[][] numbers, int row)
        {
            // The columns hold the primary account's numbers: a policy about another platform's account asks the listing.
            var account = numbers[NumberColumn.AccountType][row];
            if (Platform != 0 && NumberColumn.PlatformIn(account) != Platform)
            {
                return ColumnVerdict.Unsure;
            }

            var unsure = LaunchUnsure;
            if (!AtLeast(numbers[NumberColumn.Followers][row], MinimumFollowers, ref unsure)
                || !AtLeast(numbers[NumberColumn.ViewsLast30Days][row], MinimumViews, ref unsure)
                || !AtLeast(numbers[NumberColumn.PostsLast30Days][row], MinimumPosts, ref unsure)
                || (AccountTypes & (1u << NumberColumn.AccountTypeIn(account))) == 0)
            {
                return ColumnVerdict.Fails;
            }

            var birth = numbers[NumberColumn.BirthDay][row];
            if (float.IsNaN(birth))
            {
                // Without a birth date only an age band wholly old enough passes (NaN, no band, fails).
                if (!(numbers[NumberColumn.AgeBandMinimum][row] >= MinimumAge))
                {
                    return ColumnVerdict.Fails;
                }
            }
            else if (birth > PossiblyOldEnough)
            {
                return ColumnVerdict.Fails;
            }
            else if (birth > SurelyOldEnough)
            {
                unsure = true;
            }

            // Only the latest violation is in a column: it breaks good standing when surely inside the window;
            // on the window's first day, or on or after the day judged (a later one may hide an earlier), ask the listing.
            var violation = numbers[NumberColumn.LatestViolationDay][row];
            if (violation > WindowStartDay && violation < AsOfDay)
            {
                return ColumnVerdict.Fails;
            }

            if (violation == WindowStartDay || violation >= AsOfDay)
            {
                unsure = true;
            }

            return unsure ? ColumnVerdict.Unsure : ColumnVerdict.Passes;
        }

        private static bool AtLeast(float value, float minimum, ref bool unsure)
        {
            if (value > minimum)
            {
                return true;
            }

            if (value == minimum)
            {
                // The counts are whole numbers: one equal to a threshold below 2^24 is the threshold, and passes on
                // the columns (creators with exactly the minimum of posts are common, and decoding each is costly).
                unsure |= !NumberColumn.IsExactWholeNumber(minimum);
                return true;
            }

            return false;
        }

    }
}
