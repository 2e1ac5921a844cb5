using System.Globalization;
using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Eligibility;

/// <summary>Rules about a creator, judged on a <see cref="CreatorListing"/>.</summary>
public static class CreatorRules
{
    /// <summary>At least <paramref name="minimum"/> followers on the creator's primary account.</summary>
    /// <param name="minimum">The least follower count that passes.</param>
    /// <returns>The rule; a failure says how many more followers are needed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is negative.</exception>
    public static EligibilityRule<CreatorListing> MinimumFollowers(long minimum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        return new MinimumFollowersRule(minimum);
    }

    /// <summary>
    /// At least <paramref name="years"/> years old on the date the instant falls on in the creator's own time zone.
    /// Someone born on 29 February comes of age on 1 March in a common year. Without a birth date, an age band whose
    /// youngest age is old enough passes and any other age is unknown, which fails.
    /// </summary>
    /// <param name="years">The least age that passes.</param>
    /// <returns>The rule; a failure gives the date the creator turns old enough, when known.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> is not between 1 and 150.</exception>
    public static EligibilityRule<CreatorListing> MinimumAge(int years)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(years, 150);
        return new MinimumAgeRule(years);
    }

    /// <summary>The date a person born on <paramref name="birthDate"/> turns <paramref name="years"/>.</summary>
    /// <param name="birthDate">The birth date.</param>
    /// <param name="years">The age.</param>
    /// <returns>The birthday; for a 29 February birth in a common year, 1 March.</returns>
    public static LocalDate Birthday(LocalDate birthDate, int years)
    {
        var birthday = birthDate.PlusYears(years);
        return birthday.Day == birthDate.Day ? birthday : birthday.PlusDays(1); // PlusYears truncates 29 Feb to 28 Feb
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private sealed class MinimumFollowersRule(long minimum) : EligibilityRule<CreatorListing>("min-followers")
    {
        public override EligibilityResult Evaluate(CreatorListing subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            var followers = subject.PrimaryAccount.Stats.Followers;
            return followers >= minimum
                ? EligibilityResult.Eligible
                : EligibilityResult.Failed(new RuleFailure(
                    Name,
                    "eligibility.followers_below_minimum",
                    $"has {Count(followers)} followers; at least {Count(minimum)} are required.",
                    $"{Count(followers)} followers",
                    $"at least {Count(minimum)} followers",
                    $"needs {Count(minimum - followers)} more followers"));
        }
    }

    private sealed class MinimumAgeRule(int years) : EligibilityRule<CreatorListing>("min-age")
    {
        public override EligibilityResult Evaluate(CreatorListing subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            var profile = subject.Profile;
            var today = asOf.InZone(profile.TimeZone).Date;
            if (profile.BirthDate is { } birthDate)
            {
                var comesOfAge = Birthday(birthDate, years);
                if (today >= comesOfAge)
                {
                    return EligibilityResult.Eligible;
                }

                var age = Period.Between(birthDate, today, PeriodUnits.Years).Years;
                return EligibilityResult.Failed(new RuleFailure(
                    Name,
                    "eligibility.too_young",
                    $"is {age} on {today:yyyy-MM-dd} in {profile.TimeZone.Id}; at least {years} is required.",
                    $"{age} years",
                    $"at least {years} years",
                    $"turns {years} on {comesOfAge:yyyy-MM-dd}"));
            }

            if (profile.AgeBand is { } band && band.MinAge >= years)
            {
                return EligibilityResult.Eligible;
            }

            return EligibilityResult.Failed(new RuleFailure(
                Name,
                "eligibility.age_unknown",
                profile.AgeBand is { } given
                    ? $"is in the age band {given.Name}, which includes ages under {years}; a birth date is needed."
                    : $"has given no birth date; at least {years} years is required.",
                profile.AgeBand is { } known ? $"age band {known.Name}" : "unknown",
                $"at least {years} years",
                null));
        }
    }
}
