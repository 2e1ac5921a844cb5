using Ardalis.SmartEnum;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Eligibility;

/// <summary>A category whose campaigns must not reach minors: the audience's share under 18 is capped.</summary>
public sealed class RestrictedCategory : SmartEnum<RestrictedCategory, int>
{
    /// <summary>Alcoholic drinks.</summary>
    public static readonly RestrictedCategory Alcohol = new(nameof(Alcohol), 1);

    /// <summary>Betting, casinos and lotteries.</summary>
    public static readonly RestrictedCategory Gambling = new(nameof(Gambling), 2);

    /// <summary>Tobacco, nicotine and vaping products.</summary>
    public static readonly RestrictedCategory Tobacco = new(nameof(Tobacco), 3);

    private RestrictedCategory(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>The cap on a creator's audience under 18 for a campaign in a restricted category.</summary>
/// <param name="Category">The campaign's restricted category.</param>
/// <param name="MaximumShare">The largest share of the audience aged 13–17 that passes.</param>
public sealed record MinorAudienceLimit(RestrictedCategory Category, Share MaximumShare);

/// <summary>
/// A campaign's own requirements of creators, on top of the marketplace policy: tiers, labels, a least share of the
/// audience in the target markets, brand-safety keywords that exclude, and the minor-audience cap of a restricted
/// category. An empty list asks nothing. Combine with the policy through <see cref="MarketplacePolicy.ForCampaign"/>.
/// </summary>
public sealed record CampaignRequirements
{
    /// <summary>The tiers a creator may be in (any of); empty for any tier.</summary>
    public IReadOnlyList<FollowerTier> Tiers { get; init; } = [];

    /// <summary>Content labels of which a creator must have at least one; empty for any.</summary>
    public IReadOnlyList<ContentLabel> ContentLabels { get; init; } = [];

    /// <summary>Industry labels of which a creator must have at least one; empty for any.</summary>
    public IReadOnlyList<IndustryLabel> IndustryLabels { get; init; } = [];

    /// <summary>The markets the campaign targets; with <see cref="MinimumAudienceInTargetMarkets"/>, the audience must be there.</summary>
    public IReadOnlyList<Country> TargetMarkets { get; init; } = [];

    /// <summary>The least share of the audience in the target markets together, or null for no minimum.</summary>
    public Share? MinimumAudienceInTargetMarkets { get; init; }

    /// <summary>Words or phrases that exclude a creator whose display name or bio contains them (whole words, diacritics and case ignored).</summary>
    public IReadOnlyList<string> ExcludedKeywords { get; init; } = [];

    /// <summary>The minor-audience cap of a restricted category, or null when the campaign is not restricted.</summary>
    public MinorAudienceLimit? MinorAudienceLimit { get; init; }

    /// <summary>Checks the requirements and names every problem.</summary>
    /// <returns>The problems, empty when valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        RequireDistinct(errors, Tiers, nameof(Tiers), "tier");
        RequireDistinct(errors, ContentLabels, nameof(ContentLabels), "content label");
        RequireDistinct(errors, IndustryLabels, nameof(IndustryLabels), "industry label");
        RequireDistinct(errors, TargetMarkets, nameof(TargetMarkets), "target market");
        errors.Require(
            MinimumAudienceInTargetMarkets is null || TargetMarkets is { Count: > 0 },
            nameof(MinimumAudienceInTargetMarkets),
            "campaign.target_markets_missing",
            "a minimum audience share in the target markets needs target markets.");
        errors.Require(
            ExcludedKeywords is not null && ExcludedKeywords.All(keyword => CreatorRules.KeywordWords(keyword).Length > 0),
            nameof(ExcludedKeywords),
            "campaign.keyword_blank",
            "an excluded keyword needs at least one letter or digit.");
        errors.RequireTexts(TextRule.SingleLine, ExcludedKeywords, nameof(ExcludedKeywords));
        errors.Require(
            MinorAudienceLimit is null || MinorAudienceLimit.Category is not null,
            nameof(MinorAudienceLimit),
            "campaign.category_missing",
            "a minor-audience limit names its restricted category.");
        return errors.Errors;
    }

    /// <summary>The requirements that ask something, as one all-of rule of <see cref="CreatorRules"/>.</summary>
    /// <returns>The rule (always met when nothing is asked).</returns>
    /// <exception cref="DomainValidationException">The requirements are not valid.</exception>
    public EligibilityRule<CreatorListing> ToRule()
    {
        var errors = new ErrorCollector();
        errors.AddRange(Validate());
        errors.ThrowIfAny();
        var rules = new List<EligibilityRule<CreatorListing>>();
        if (Tiers.Count > 0)
        {
            rules.Add(CreatorRules.Tiers(Tiers));
        }

        if (ContentLabels.Count > 0)
        {
            rules.Add(CreatorRules.ContentLabels(ContentLabels));
        }

        if (IndustryLabels.Count > 0)
        {
            rules.Add(CreatorRules.IndustryLabels(IndustryLabels));
        }

        if (MinimumAudienceInTargetMarkets is { } share)
        {
            rules.Add(CreatorRules.MinimumAudienceIn(TargetMarkets, share));
        }

        if (ExcludedKeywords.Count > 0)
        {
            rules.Add(CreatorRules.ExcludedKeywords(ExcludedKeywords));
        }

        if (MinorAudienceLimit is { } limit)
        {
            rules.Add(CreatorRules.MaximumMinorAudience(limit.MaximumShare, limit.Category.Name.ToLowerInvariant()));
        }

        return EligibilityRule<CreatorListing>.AllOf("campaign-requirements", rules);
    }

    /// <summary>Whether both ask the same (lists compared item by item).</summary>
    /// <param name="other">The other requirements.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(CampaignRequirements? other) =>
        other is not null
        && Tiers.SequenceEqual(other.Tiers)
        && ContentLabels.SequenceEqual(other.ContentLabels)
        && IndustryLabels.SequenceEqual(other.IndustryLabels)
        && TargetMarkets.SequenceEqual(other.TargetMarkets)
        && MinimumAudienceInTargetMarkets == other.MinimumAudienceInTargetMarkets
        && ExcludedKeywords.SequenceEqual(other.ExcludedKeywords)
        && Equals(MinorAudienceLimit, other.MinorAudienceLimit);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Tiers.Count, ContentLabels.Count, TargetMarkets.Count, MinimumAudienceInTargetMarkets);

    private static void RequireDistinct<T>(ErrorCollector errors, IReadOnlyList<T>? items, string field, string what)
    {
        if (items is null || items.Any(item => item is null))
        {
            errors.Add(field, "campaign.null_item", $"the {what}s may be empty but not null, and hold no null.");
        }
        else if (items.Distinct().Count() != items.Count)
        {
            errors.Add(field, "campaign.duplicate", $"a {what} is listed more than once.");
        }
    }
}
