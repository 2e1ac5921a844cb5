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

    /// <summary>No recorded violation in the <paramref name="lookBack"/> before the instant judged (good standing).</summary>
    /// <param name="lookBack">How far back a violation counts, for example 90 days.</param>
    /// <returns>The rule; a failure names the latest violation and the date the creator is in good standing again.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookBack"/> is not positive.</exception>
    public static EligibilityRule<CreatorListing> GoodStanding(Duration lookBack)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lookBack, Duration.Zero);
        return new GoodStandingRule(lookBack);
    }

    /// <summary>At least <paramref name="minimum"/> posts in the last 30 days on the primary account.</summary>
    /// <param name="minimum">The least number of posts that passes.</param>
    /// <returns>The rule; an unreported count fails as unknown.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is negative.</exception>
    public static EligibilityRule<CreatorListing> MinimumRecentPosts(int minimum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        return new MinimumRecentPostsRule(minimum);
    }

    /// <summary>The primary account is of one of the given types (a creator or business account, not a personal one).</summary>
    /// <param name="types">The types that pass.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException">No type is given.</exception>
    public static EligibilityRule<CreatorListing> AccountTypes(params IEnumerable<AccountType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var allowed = types.Distinct().ToArray();
        if (allowed.Length == 0 || allowed.Any(type => type is null))
        {
            throw new ArgumentException("name at least one account type, and no null.", nameof(types));
        }

        return new AccountTypesRule(allowed);
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

    // "1 post", "2,300 posts".
    private static string Counted(long value, string unit) => $"{Count(value)} {Unit(value, unit)}";

    private static string Unit(long value, string unit) => value == 1 ? unit : unit + "s";

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
                    $"has {Counted(followers, "follower")}; at least {Count(minimum)} are required.",
                    Counted(followers, "follower"),
                    $"at least {Count(minimum)} followers",
                    $"needs {Count(minimum - followers)} more {Unit(minimum - followers, "follower")}"));
        }
    }

    private sealed class GoodStandingRule(Duration lookBack) : EligibilityRule<CreatorListing>("good-standing")
    {
        public override EligibilityResult Evaluate(CreatorListing subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);

            // Violations after the instant judged have not happened yet as of then.
            var latest = subject.ComplianceHistory
                .Where(violation => violation.OccurredAt <= asOf && violation.OccurredAt > asOf - lookBack)
                .MaxBy(violation => violation.OccurredAt);
            if (latest is null)
            {
                return EligibilityResult.Eligible;
            }

            var zone = subject.Profile.TimeZone;
            var days = (long)lookBack.TotalDays;
            return EligibilityResult.Failed(new RuleFailure(
                Name,
                "eligibility.recent_violation",
                $"broke {latest.Code} on {latest.OccurredAt.InZone(zone).Date:yyyy-MM-dd}; no violation may fall in the last {days} days.",
                $"{latest.Code} on {latest.OccurredAt.InZone(zone).Date:yyyy-MM-dd}",
                $"no violation in the last {days} days",
                $"in good standing from {(latest.OccurredAt + lookBack).InZone(zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {zone.Id}"));
        }
    }

    private sealed class MinimumRecentPostsRule(int minimum) : EligibilityRule<CreatorListing>("min-recent-posts")
    {
        public override EligibilityResult Evaluate(CreatorListing subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            var posts = subject.PrimaryAccount.Stats.PostsLast30Days;
            return posts >= minimum
                ? EligibilityResult.Eligible
                : EligibilityResult.Failed(posts is { } known
                    ? new RuleFailure(Name, "eligibility.too_few_recent_posts", $"posted {Counted(known, "time")} in the last 30 days; at least {Count(minimum)} are required.", Counted(known, "post"), $"at least {Count(minimum)} posts in 30 days", $"needs {Count(minimum - known)} more {Unit(minimum - known, "post")}")
                    : new RuleFailure(Name, "eligibility.recent_posts_unknown", "the platform has not reported the posts of the last 30 days.", "unknown", $"at least {Count(minimum)} posts in 30 days", null));
        }
    }

    private sealed class AccountTypesRule(AccountType[] allowed) : EligibilityRule<CreatorListing>("account-type")
    {
        public override EligibilityResult Evaluate(CreatorListing subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            var type = subject.PrimaryAccount.Type;
            var names = string.Join(" or ", allowed.Select(t => t.Name.ToLowerInvariant()));
            return allowed.Contains(type)
                ? EligibilityResult.Eligible
                : EligibilityResult.Failed(new RuleFailure(Name, "eligibility.account_type", $"is a {type.Name.ToLowerInvariant()} account; a {names} account is required.", type.Name, names, $"switch to a {names} account"));
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
