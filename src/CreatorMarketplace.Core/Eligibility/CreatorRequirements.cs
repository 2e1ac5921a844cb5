using System.Globalization;
using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Eligibility;

/// <summary>
/// The thresholds a creator must meet in one market of a <see cref="MarketplacePolicy"/>: good standing over a
/// look-back window, an age, followers, views and posts in the last 30 days, and an account type.
/// </summary>
/// <remarks>Field names in <see cref="Validate"/> are the names the policy's JSON form uses.</remarks>
public sealed record CreatorRequirements
{
    /// <summary>The least age, in years, on the date judged in the creator's own time zone.</summary>
    public required int MinimumAge { get; init; }

    /// <summary>The least number of followers on the primary account.</summary>
    public required long MinimumFollowers { get; init; }

    /// <summary>The least number of views of the primary account's posts in the last 30 days together.</summary>
    public required long MinimumViewsLast30Days { get; init; }

    /// <summary>The least number of posts in the last 30 days.</summary>
    public required int MinimumPostsLast30Days { get; init; }

    /// <summary>How far back a compliance violation breaks good standing: a positive whole number of days.</summary>
    public required Duration GoodStandingLookBack { get; init; }

    /// <summary>The account types that may take part; at least one.</summary>
    public required IReadOnlyList<AccountType> AccountTypes { get; init; }

    /// <summary>Checks the requirements and names every problem.</summary>
    /// <returns>The problems, empty when the requirements are valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(MinimumAge is >= 1 and <= 150, "minimumAge", "policy.out_of_range", $"the minimum age must be between 1 and 150 years, got {MinimumAge}.");
        errors.Require(MinimumFollowers >= 0, "minimumFollowers", "policy.out_of_range", $"the minimum followers may not be negative, got {MinimumFollowers}.");
        errors.Require(MinimumViewsLast30Days >= 0, "minimumViewsLast30Days", "policy.out_of_range", $"the minimum views may not be negative, got {MinimumViewsLast30Days}.");
        errors.Require(MinimumPostsLast30Days >= 0, "minimumPostsLast30Days", "policy.out_of_range", $"the minimum posts may not be negative, got {MinimumPostsLast30Days}.");
        errors.Require(
            GoodStandingLookBack > Duration.Zero && GoodStandingLookBack.NanosecondOfDay == 0,
            "goodStandingLookBackDays",
            "policy.out_of_range",
            $"the good-standing look-back must be a positive whole number of days, got {GoodStandingLookBack.TotalDays.ToString("0.######", CultureInfo.InvariantCulture)} days.");
        if (AccountTypes is null || AccountTypes.Count == 0 || AccountTypes.Any(type => type is null))
        {
            errors.Add("accountTypes", "policy.account_types_missing", "name at least one account type that may take part, and no null.");
        }
        else if (AccountTypes.Distinct().Count() != AccountTypes.Count)
        {
            errors.Add("accountTypes", "policy.duplicate", "an account type is listed more than once.");
        }

        return errors.Errors;
    }

    /// <summary>The requirements as one all-of rule, each threshold a rule of <see cref="CreatorRules"/>.</summary>
    /// <param name="name">The rule's name.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="DomainValidationException">The requirements are not valid.</exception>
    public EligibilityRule<CreatorListing> ToRule(string name)
    {
        var errors = new ErrorCollector();
        errors.AddRange(Validate());
        errors.ThrowIfAny();
        return EligibilityRule<CreatorListing>.AllOf(
            name,
            CreatorRules.GoodStanding(GoodStandingLookBack),
            CreatorRules.MinimumAge(MinimumAge),
            CreatorRules.MinimumFollowers(MinimumFollowers),
            CreatorRules.MinimumRecentViews(MinimumViewsLast30Days),
            CreatorRules.MinimumRecentPosts(MinimumPostsLast30Days),
            CreatorRules.AccountTypes(AccountTypes));
    }

    /// <summary>Whether both ask the same (account types compared as sets).</summary>
    /// <param name="other">The other requirements.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(CreatorRequirements? other) =>
        other is not null
        && MinimumAge == other.MinimumAge
        && MinimumFollowers == other.MinimumFollowers
        && MinimumViewsLast30Days == other.MinimumViewsLast30Days
        && MinimumPostsLast30Days == other.MinimumPostsLast30Days
        && GoodStandingLookBack == other.GoodStandingLookBack
        && AccountTypes.ToHashSet().SetEquals(other.AccountTypes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(MinimumAge, MinimumFollowers, MinimumViewsLast30Days, MinimumPostsLast30Days, GoodStandingLookBack);
}
