using System.Globalization;
using CreatorMarketplace.Brands;
using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Eligibility;

/// <summary>
/// Who may take part in a marketplace, held as data: versions with effective instants, each listing the markets the
/// marketplace is available in (with launch dates) and the creator and brand requirements there. Evaluation is as
/// of an instant and uses the version in force then, so a what-if for a future date answers by the rules of that
/// date. Policies load from and save to JSON (<see cref="FromJson"/>, <see cref="ToJson"/>).
/// </summary>
/// <example>
/// <code>
/// var policy = MarketplacePolicy.TikTokCreatorMarketplace;
/// var result = policy.ForCreators.Evaluate(listing, clock.GetCurrentInstant());
/// </code>
/// </example>
public sealed class MarketplacePolicy : IEquatable<MarketplacePolicy>
{
    private static readonly Lazy<MarketplacePolicy> Shipped = new(LoadShipped);

    private MarketplacePolicy(string name, string description, PolicyVersion[] versions, Platform? platform)
    {
        Name = name;
        Description = description;
        Versions = versions;
        Platform = platform;
        ForCreators = new CreatorPolicyRule(this);
        ForBrands = new BrandPolicyRule(this);
    }

    /// <summary>
    /// The default creator and brand policy, built from TikTok's published Creator Marketplace rules: good standing,
    /// age 18+ (19+ in South Korea), at least 10,000 followers (50,000 in South Korea), at least 1,000 post views and
    /// 3 posts in the last 30 days, a personal or creator account, and a listed market. Shipped as JSON data inside
    /// the library; the look-back window and the market list with launch dates are this policy's own values, to be
    /// replaced by a version of your own where they differ.
    /// </summary>
    public static MarketplacePolicy TikTokCreatorMarketplace => Shipped.Value;

    /// <summary>A short, stable name ("tiktok-creator-marketplace"); failures of a policy with no version in force name it.</summary>
    public string Name { get; }

    /// <summary>What the policy is and where its values come from.</summary>
    public string Description { get; }

    /// <summary>The versions, earliest first; each is in force from its effective instant until the next one's.</summary>
    public IReadOnlyList<PolicyVersion> Versions { get; }

    /// <summary>
    /// The platform whose account the requirements judge (followers, views and posts of the last 30 days, account
    /// type), such as TikTok for <see cref="TikTokCreatorMarketplace"/>: a creator without an account there fails.
    /// Null for a policy that judges the creator's primary account, whichever platform it is on.
    /// </summary>
    public Platform? Platform { get; }

    /// <summary>
    /// The policy as a rule about creators: the market (the creator's home country) must be listed and launched on
    /// the creator's local date, and the creator must meet the market's requirements, all as of the instant judged.
    /// </summary>
    public EligibilityRule<CreatorListing> ForCreators { get; }

    /// <summary>The policy as a rule about brands: the brand's market listed and launched, and the brand requirements met.</summary>
    public EligibilityRule<BrandProfile> ForBrands { get; }

    /// <summary>Creates a policy, checking every version and naming every problem.</summary>
    /// <param name="name">A short, stable name.</param>
    /// <param name="description">What the policy is and where its values come from; may be empty.</param>
    /// <param name="versions">The versions, at least one, each with its own effective instant, in any order.</param>
    /// <param name="platform">The platform whose account the requirements judge; null for the creator's primary account (see <see cref="Platform"/>).</param>
    /// <returns>The policy.</returns>
    /// <exception cref="DomainValidationException">The name is blank, there is no version, or two take effect at once.</exception>
    public static MarketplacePolicy Create(string name, string description, IEnumerable<PolicyVersion> versions, Platform? platform = null)
    {
        var list = versions?.ToArray();
        var errors = new ErrorCollector();
        errors.AddRange(Check(name, description, list?.Select(version => version?.EffectiveFrom).ToArray()));
        errors.ThrowIfAny();
        return new MarketplacePolicy(name, description, [.. list!.OrderBy(version => version.EffectiveFrom)], platform);
    }

    /// <summary>Reads a policy from its JSON form, naming the JSON path of every problem.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The policy, or every problem, each with its path (<c>$.versions[0].markets[2].launchDate</c>) as the field.</returns>
    public static Validated<MarketplacePolicy> FromJson(string json) => PolicyJson.Read(json);

    /// <summary>Writes the policy in its JSON form, which <see cref="FromJson"/> reads back as an equal policy.</summary>
    /// <returns>Indented JSON; a market's creator requirements appear only where they differ from the version's.</returns>
    public string ToJson() => PolicyJson.Write(this);

    /// <summary>The version in force at an instant: the latest whose effective instant is at or before it.</summary>
    /// <param name="asOf">The instant.</param>
    /// <returns>The version, or null before the first one takes effect.</returns>
    public PolicyVersion? VersionAsOf(Instant asOf) => EffectiveVersions.InForceAt(Versions, asOf, version => version.EffectiveFrom);

    /// <summary>
    /// The policy plus a campaign's own requirements, as one rule: a creator must be eligible in their market and fit
    /// the campaign. Every failure of either is reported.
    /// </summary>
    /// <param name="requirements">The campaign's requirements.</param>
    /// <returns>The rule.</returns>
    public EligibilityRule<CreatorListing> ForCampaign(CampaignRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        return EligibilityRule<CreatorListing>.AllOf("campaign-eligibility", ForCreators, requirements.ToRule());
    }

    /// <inheritdoc />
    public bool Equals(MarketplacePolicy? other) =>
        other is not null && Name == other.Name && Description == other.Description && Platform == other.Platform && Versions.SequenceEqual(other.Versions);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MarketplacePolicy);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Versions.Count);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Versions.Count} versions)";

    // Field names are the JSON form's.
    internal static IReadOnlyList<DomainError> Check(string? name, string? description, IReadOnlyList<Instant?>? effectiveFroms)
    {
        var errors = new ErrorCollector();
        errors.Require(!string.IsNullOrWhiteSpace(name), "name", "policy.name_missing", "a policy needs a name.");
        errors.Require(description is not null, "description", "policy.missing", "a policy's description may be empty but not null.");
        errors.RequireText(TextRule.SingleLine, name, "name");
        errors.RequireText(TextRule.MultiLine, description, "description");
        if (effectiveFroms is not { Count: > 0 })
        {
            errors.Add("versions", "policy.versions_missing", "a policy needs at least one version.");
            return errors.Errors;
        }

        var seen = new HashSet<Instant>();
        for (var i = 0; i < effectiveFroms.Count; i++)
        {
            if (effectiveFroms[i] is not { } from)
            {
                errors.Add($"versions[{i}]", "policy.missing", "a version may not be null.");
            }
            else if (!seen.Add(from))
            {
                errors.Add($"versions[{i}].effectiveFrom", "policy.duplicate", $"another version also takes effect at {from}.");
            }
        }

        return errors.Errors;
    }

    private static MarketplacePolicy LoadShipped()
    {
        using var stream = typeof(MarketplacePolicy).Assembly.GetManifestResourceStream("CreatorMarketplace.Eligibility.TikTokCreatorMarketplace.json")
            ?? throw new InvalidOperationException("the shipped policy is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd()).GetValueOrThrow();
    }

    private static string Date(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // The market must be listed and open on the subject's local date; reported beside the other failures.
    private static RuleFailure? MarketFailure(PolicyVersion version, Country country, LocalDate today)
    {
        if (version.MarketOf(country) is not { } market)
        {
            return new RuleFailure(
                "market",
                "eligibility.market_unavailable",
                $"the marketplace is not available in {country.EnglishName} ({country.Code}).",
                country.Code,
                $"one of {version.Markets.Count} markets",
                null);
        }

        return today >= market.LaunchDate
            ? null
            : new RuleFailure(
                "market",
                "eligibility.market_not_launched",
                $"the marketplace opens in {country.EnglishName} ({country.Code}) on {Date(market.LaunchDate)}.",
                $"not open on {Date(today)}",
                $"open from {Date(market.LaunchDate)}",
                $"opens on {Date(market.LaunchDate)}");
    }

    private RuleFailure NotInForce(Instant asOf) =>
        new(
            Name,
            "eligibility.policy_not_in_force",
            $"the policy {Name} has no version in force at {asOf}; its first takes effect at {Versions[0].EffectiveFrom}.",
            asOf.ToString(),
            $"from {Versions[0].EffectiveFrom}",
            $"in force from {Versions[0].EffectiveFrom}");

    private sealed class CreatorPolicyRule(MarketplacePolicy policy) : EligibilityRule<CreatorListing>(policy.Name)
    {
        public override EligibilityResult Evaluate(CreatorListing subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            if (policy.VersionAsOf(asOf) is not { } version)
            {
                return EligibilityResult.Failed(policy.NotInForce(asOf));
            }

            var profile = subject.Profile;
            var market = MarketFailure(version, profile.HomeCountry, asOf.InZone(profile.TimeZone).Date);

            // The requirements judge the account on the policy's platform, as the creator's primary account.
            var judged = subject;
            if (policy.Platform is { } platform)
            {
                if (subject.OnPlatform(platform) is not { } onPlatform)
                {
                    var none = new RuleFailure(
                        policy.Name,
                        "eligibility.no_platform_account",
                        $"has no {platform.Name} account; the policy judges the {platform.Name} account.",
                        "none",
                        $"a {platform.Name} account",
                        $"link a {platform.Name} account");
                    return EligibilityResult.Of(market is null ? [none] : [market, none]);
                }

                judged = onPlatform;
            }

            var requirements = version.CreatorRuleIn(profile.HomeCountry).Evaluate(judged, asOf);
            return market is null ? requirements : EligibilityResult.Of([market, .. requirements.Failures]);
        }
    }

    private sealed class BrandPolicyRule(MarketplacePolicy policy) : EligibilityRule<BrandProfile>(policy.Name)
    {
        public override EligibilityResult Evaluate(BrandProfile subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            if (policy.VersionAsOf(asOf) is not { } version)
            {
                return EligibilityResult.Failed(policy.NotInForce(asOf));
            }

            var market = MarketFailure(version, subject.Country, asOf.InZone(subject.TimeZone).Date);
            var requirements = version.BrandRule.Evaluate(subject, asOf);
            return market is null ? requirements : EligibilityResult.Of([market, .. requirements.Failures]);
        }
    }
}
