using CreatorMarketplace.Brands;
using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Eligibility;

/// <summary>
/// One version of a <see cref="MarketplacePolicy"/>, in force from <see cref="EffectiveFrom"/> until the next
/// version's: the default creator requirements, the brand requirements, and the markets the marketplace is
/// available in, each with its launch date and, where they differ, its own creator requirements.
/// </summary>
public sealed class PolicyVersion : IEquatable<PolicyVersion>
{
    private readonly Dictionary<Country, PolicyMarket> _markets;
    private readonly Dictionary<Country, EligibilityRule<CreatorListing>> _marketRules;
    private readonly EligibilityRule<CreatorListing> _defaultRule;

    private PolicyVersion(Instant effectiveFrom, CreatorRequirements creators, BrandRequirements brands, PolicyMarket[] markets)
    {
        EffectiveFrom = effectiveFrom;
        Creators = creators;
        Brands = brands;
        Markets = markets;
        _markets = markets.ToDictionary(market => market.Country);

        // Built once: evaluating a creator then costs no rule construction.
        _defaultRule = creators.ToRule("creator-requirements");
        _marketRules = markets
            .Where(market => market.Creators is not null)
            .ToDictionary(market => market.Country, market => market.Creators!.ToRule($"creator-requirements-{market.Country.Code}"));
        BrandRule = brands.ToRule();
    }

    /// <summary>The instant this version comes into force.</summary>
    public Instant EffectiveFrom { get; }

    /// <summary>The creator requirements of every market that has none of its own.</summary>
    public CreatorRequirements Creators { get; }

    /// <summary>What brands must have on file.</summary>
    public BrandRequirements Brands { get; }

    /// <summary>The markets the marketplace is available in, in the order given.</summary>
    public IReadOnlyList<PolicyMarket> Markets { get; }

    internal EligibilityRule<BrandProfile> BrandRule { get; }

    /// <summary>Creates a version, checking every part and naming every problem.</summary>
    /// <param name="effectiveFrom">The instant the version comes into force.</param>
    /// <param name="creators">The default creator requirements.</param>
    /// <param name="brands">The brand requirements.</param>
    /// <param name="markets">The markets, each country once.</param>
    /// <returns>The version.</returns>
    /// <exception cref="DomainValidationException">A part is not valid; every problem is named.</exception>
    public static PolicyVersion Create(Instant effectiveFrom, CreatorRequirements creators, BrandRequirements brands, IEnumerable<PolicyMarket> markets)
    {
        var list = markets?.ToArray();
        var errors = new ErrorCollector();
        errors.AddRange(Check(creators, brands, list));
        errors.ThrowIfAny();
        return new PolicyVersion(effectiveFrom, creators, brands, list!);
    }

    /// <summary>The market entry for a country, or null when the marketplace is not available there.</summary>
    /// <param name="country">The country.</param>
    /// <returns>The market, or null.</returns>
    public PolicyMarket? MarketOf(Country country)
    {
        ArgumentNullException.ThrowIfNull(country);
        return _markets.GetValueOrDefault(country);
    }

    /// <summary>The creator requirements that apply in a country: the market's own, or the defaults.</summary>
    /// <param name="country">The country.</param>
    /// <returns>The requirements.</returns>
    public CreatorRequirements CreatorRequirementsIn(Country country) => MarketOf(country)?.Creators ?? Creators;

    /// <inheritdoc />
    public bool Equals(PolicyVersion? other) =>
        other is not null
        && EffectiveFrom == other.EffectiveFrom
        && Creators.Equals(other.Creators)
        && Brands.Equals(other.Brands)
        && Markets.SequenceEqual(other.Markets);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PolicyVersion);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(EffectiveFrom, Markets.Count);

    /// <inheritdoc />
    public override string ToString() => $"in force from {EffectiveFrom}, {Markets.Count} markets";

    internal EligibilityRule<CreatorListing> CreatorRuleIn(Country country) => _marketRules.GetValueOrDefault(country) ?? _defaultRule;

    // Field names are the JSON form's, relative to the version.
    internal static IReadOnlyList<DomainError> Check(CreatorRequirements? creators, BrandRequirements? brands, IReadOnlyList<PolicyMarket?>? markets)
    {
        var errors = new ErrorCollector();
        if (creators is null)
        {
            errors.Add("creators", "policy.missing", "a version needs its default creator requirements.");
        }
        else
        {
            errors.At("creators").AddRange(creators.Validate());
        }

        errors.Require(brands is not null, "brands", "policy.missing", "a version needs its brand requirements.");
        if (markets is null)
        {
            errors.Add("markets", "policy.missing", "a version lists the markets it is available in.");
            return errors.Errors;
        }

        var seen = new HashSet<Country>();
        for (var i = 0; i < markets.Count; i++)
        {
            if (markets[i] is not { } market)
            {
                errors.Add($"markets[{i}]", "policy.missing", "a market may not be null.");
                continue;
            }

            errors.At($"markets[{i}]").AddRange(market.Validate());
            if (market.Country is not null && !seen.Add(market.Country))
            {
                errors.Add($"markets[{i}].country", "policy.duplicate", $"the market {market.Country.Code} is listed more than once.");
            }
        }

        return errors.Errors;
    }
}
