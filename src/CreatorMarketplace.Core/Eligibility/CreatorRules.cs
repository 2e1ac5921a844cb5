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
        return new MinimumRecentCountRule("min-recent-posts", "post", minimum, stats => stats.PostsLast30Days, posts => $"posted {Counted(posts, "time")}");
    }

    /// <summary>
    /// At least <paramref name="minimum"/> views of the primary account's posts in the last 30 days together.
    /// </summary>
    /// <param name="minimum">The least number of views that passes.</param>
    /// <returns>The rule; an unreported count fails as unknown.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is negative.</exception>
    public static EligibilityRule<CreatorListing> MinimumRecentViews(long minimum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        return new MinimumRecentCountRule("min-recent-views", "view", minimum, stats => stats.ViewsLast30Days, views => $"had {Counted(views, "view")}");
    }

    /// <summary>The primary account is of one of the given types (on TikTok, a personal or creator account: creators may not use business accounts).</summary>
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

    /// <summary>The primary account is in one of the given tiers.</summary>
    /// <param name="tiers">The tiers that pass.</param>
    /// <returns>The rule; a failure says how many followers would reach the nearest tier that passes.</returns>
    /// <exception cref="ArgumentException">No tier is given.</exception>
    public static EligibilityRule<CreatorListing> Tiers(params IEnumerable<FollowerTier> tiers) =>
        new TiersRule(Require(tiers, nameof(tiers), "tier"));

    /// <summary>The creator publishes in at least one of the given content labels.</summary>
    /// <param name="labels">The labels, any of which passes.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException">No label is given.</exception>
    public static EligibilityRule<CreatorListing> ContentLabels(params IEnumerable<ContentLabel> labels)
    {
        var wanted = Require(labels, nameof(labels), "content label");
        return new AnyLabelRule<ContentLabel>("content-labels", "eligibility.content_label_missing", "content label", wanted, listing => listing.Profile.ContentLabels);
    }

    /// <summary>The creator suits at least one of the given industry labels.</summary>
    /// <param name="labels">The labels, any of which passes.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException">No label is given.</exception>
    public static EligibilityRule<CreatorListing> IndustryLabels(params IEnumerable<IndustryLabel> labels)
    {
        var wanted = Require(labels, nameof(labels), "industry label");
        return new AnyLabelRule<IndustryLabel>("industry-labels", "eligibility.industry_label_missing", "industry label", wanted, listing => listing.Profile.IndustryLabels);
    }

    /// <summary>At least <paramref name="minimum"/> of the audience is in the given markets together.</summary>
    /// <param name="markets">The target markets.</param>
    /// <param name="minimum">The least share that passes.</param>
    /// <returns>The rule; an audience without a country breakdown fails as unknown.</returns>
    /// <exception cref="ArgumentException">No market is given.</exception>
    public static EligibilityRule<CreatorListing> MinimumAudienceIn(IEnumerable<Country> markets, Share minimum) =>
        new AudienceInRule(Require(markets, nameof(markets), "market"), minimum);

    /// <summary>
    /// Excludes a creator whose display name or bio contains one of the keywords (brand safety). Words match whole,
    /// ignoring case and diacritics, so "vape" matches "Vape reviews" but not "vapor".
    /// </summary>
    /// <param name="keywords">Words or phrases.</param>
    /// <returns>The rule; a failure names every keyword found.</returns>
    /// <exception cref="ArgumentException">No keyword is given, or one has no letter or digit.</exception>
    public static EligibilityRule<CreatorListing> ExcludedKeywords(params IEnumerable<string> keywords)
    {
        var list = Require(keywords, nameof(keywords), "keyword");
        if (list.Any(keyword => KeywordWords(keyword).Length == 0))
        {
            throw DomainValidationException.Of(nameof(keywords), "campaign.keyword_blank", "an excluded keyword needs at least one letter or digit.");
        }

        return new ExcludedKeywordsRule(list);
    }

    /// <summary>At most <paramref name="maximum"/> of the audience is aged 13–17 (for restricted categories such as alcohol).</summary>
    /// <param name="maximum">The largest minor share that passes.</param>
    /// <param name="category">What the cap is for, as failures name it ("alcohol").</param>
    /// <returns>The rule; an audience without an age breakdown fails as unknown, since the cap cannot be shown to hold.</returns>
    public static EligibilityRule<CreatorListing> MaximumMinorAudience(Share maximum, string category)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        return new MaximumMinorAudienceRule(maximum, category);
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

    // Folded words of a keyword or text: "Vapé-Shop!" is ["vape", "shop"].
    internal static string[] KeywordWords(string text)
    {
        var folded = KeywordText.Fold(text ?? string.Empty);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }

        return [.. words];
    }

    private static T[] Require<T>(IEnumerable<T> items, string parameter, string what)
    {
        ArgumentNullException.ThrowIfNull(items, parameter);
        var list = items.Distinct().ToArray();
        if (list.Length == 0 || list.Any(item => item is null))
        {
            throw new ArgumentException($"name at least one {what}, and no null.", parameter);
        }

        return list;
    }

    // Messages show shares to two decimals, rounded away from the threshold so that a share that fails never reads
    // as if it met the limit ("49.999%" is shown as "49.99%", not "50%"). The inner rounding removes binary noise
    // such as 0.0501 × 10,000 = 501.00000000000006 before the directed rounding.
    private static string Percent(double fraction, bool roundUp)
    {
        var hundredths = Math.Round(Math.Clamp(fraction, 0d, 1d) * 10_000d, 6);
        var rounded = roundUp ? Math.Ceiling(hundredths) : Math.Floor(hundredths);
        return (rounded / 100d).ToString("0.##", CultureInfo.InvariantCulture) + "%";
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

    // Posts and views of the last 30 days: the same minimum with its own noun ("post", "view") and verb.
    private sealed class MinimumRecentCountRule(string name, string noun, long minimum, Func<AccountStats, long?> read, Func<long, string> did)
        : EligibilityRule<CreatorListing>(name)
    {
        public override EligibilityResult Evaluate(CreatorListing subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            var count = read(subject.PrimaryAccount.Stats);
            var required = $"at least {Count(minimum)} {noun}s in 30 days";
            return count >= minimum
                ? EligibilityResult.Eligible
                : EligibilityResult.Failed(count is { } known
                    ? new RuleFailure(Name, $"eligibility.too_few_recent_{noun}s", $"{did(known)} in the last 30 days; at least {Count(minimum)} are required.", Counted(known, noun), required, $"needs {Count(minimum - known)} more {Unit(minimum - known, noun)}")
                    : new RuleFailure(Name, $"eligibility.recent_{noun}s_unknown", $"the platform has not reported the {noun}s of the last 30 days.", "unknown", required, null));
        }
    }

    private sealed class TiersRule(FollowerTier[] tiers) : EligibilityRule<CreatorListing>("tiers")
    {
        public override EligibilityResult Evaluate(CreatorListing subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            var followers = subject.PrimaryAccount.Stats.Followers;
            var tier = subject.Tier;
            if (tiers.Contains(tier))
            {
                return EligibilityResult.Eligible;
            }

            // The nearest tier that passes, up or down, in followers.
            var nearest = tiers.MinBy(wanted => wanted.MinFollowers > followers ? wanted.MinFollowers - followers : followers - (wanted.MaxFollowersExclusive - 1))!;
            var distance = nearest.MinFollowers > followers
                ? $"needs {Count(nearest.MinFollowers - followers)} more {Unit(nearest.MinFollowers - followers, "follower")} for {nearest.Name.ToLowerInvariant()}"
                : $"has {Count(followers - nearest.MaxFollowersExclusive + 1)} followers more than {nearest.Name.ToLowerInvariant()} allows";
            var names = string.Join(" or ", tiers.Select(t => t.Name.ToLowerInvariant()));
            return EligibilityResult.Failed(new RuleFailure(Name, "eligibility.tier_not_wanted", $"is a {tier.Name.ToLowerInvariant()} creator ({Counted(followers, "follower")}); the campaign wants {names}.", tier.Name, names, distance));
        }
    }

    private sealed class AnyLabelRule<TLabel>(string name, string code, string what, TLabel[] wanted, Func<CreatorListing, IReadOnlyList<TLabel>> labelsOf)
        : EligibilityRule<CreatorListing>(name)
    {
        public override EligibilityResult Evaluate(CreatorListing subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            var labels = labelsOf(subject);
            if (labels.Any(wanted.Contains))
            {
                return EligibilityResult.Eligible;
            }

            var names = string.Join(", ", wanted);
            return EligibilityResult.Failed(new RuleFailure(
                Name,
                code,
                $"has no {what} the campaign wants ({names}).",
                labels.Count == 0 ? "none" : string.Join(", ", labels),
                $"any of {names}",
                null));
        }
    }

    private sealed class AudienceInRule(Country[] markets, Share minimum) : EligibilityRule<CreatorListing>("audience-in-markets")
    {
        public override EligibilityResult Evaluate(CreatorListing subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            var codes = string.Join(", ", markets.Select(market => market.Code));
            if (subject.Audience.Countries is not { } countries)
            {
                return EligibilityResult.Failed(new RuleFailure(Name, "eligibility.audience_countries_unknown", "the audience's countries are not known.", "unknown", $"at least {minimum} of the audience in {codes}", null));
            }

            var share = countries.ShareOf(markets);
            return share >= minimum
                ? EligibilityResult.Eligible
                : EligibilityResult.Failed(new RuleFailure(
                    Name,
                    "eligibility.audience_outside_markets",
                    $"has {Percent(share.Fraction, roundUp: false)} of the audience in {codes}; at least {minimum} is required.",
                    $"{share} in {codes}",
                    $"at least {minimum} in {codes}",
                    $"needs {Percent(minimum.Fraction - share.Fraction, roundUp: true)} more of the audience in {codes}"));
        }
    }

    private sealed class ExcludedKeywordsRule(string[] keywords) : EligibilityRule<CreatorListing>("excluded-keywords")
    {
        private readonly (string Keyword, string Padded)[] _phrases =
            keywords.Select(keyword => (keyword, " " + string.Join(' ', KeywordWords(keyword)) + " ")).ToArray();

        public override EligibilityResult Evaluate(CreatorListing subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            var text = " " + string.Join(' ', KeywordWords($"{subject.Profile.DisplayName} {subject.Profile.Bio}")) + " ";
            var found = _phrases.Where(phrase => text.Contains(phrase.Padded, StringComparison.Ordinal)).Select(phrase => phrase.Keyword).ToArray();
            if (found.Length == 0)
            {
                return EligibilityResult.Eligible;
            }

            var list = string.Join(", ", found.Select(keyword => $"\"{keyword}\""));
            return EligibilityResult.Failed(new RuleFailure(Name, "eligibility.excluded_keyword", $"the profile mentions {list}, which the campaign excludes for brand safety.", list, "none of the excluded keywords", null));
        }
    }

    private sealed class MaximumMinorAudienceRule(Share maximum, string category) : EligibilityRule<CreatorListing>("minor-audience")
    {
        public override EligibilityResult Evaluate(CreatorListing subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            if (subject.Audience.MinorShare is not { } minors)
            {
                return EligibilityResult.Failed(new RuleFailure(Name, "eligibility.audience_age_unknown", $"the audience's ages are not known, so it cannot be shown that at most {maximum} are under 18, as campaigns for {category} require.", "unknown", $"at most {maximum} under 18", null));
            }

            return minors <= maximum
                ? EligibilityResult.Eligible
                : EligibilityResult.Failed(new RuleFailure(
                    Name,
                    "eligibility.minor_audience_too_high",
                    $"has {Percent(minors.Fraction, roundUp: true)} of the audience under 18; campaigns for {category} allow at most {maximum}.",
                    $"{minors} under 18",
                    $"at most {maximum} under 18",
                    $"{Percent(minors.Fraction - maximum.Fraction, roundUp: true)} too many under 18"));
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
