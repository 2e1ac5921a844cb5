using CreatorMarketplace.Brands;

namespace CreatorMarketplace.Eligibility;

/// <summary>What a brand must have on file to take part under a <see cref="MarketplacePolicy"/> version.</summary>
/// <param name="VerifiedIdentity">Whether the brand's business identity must be verified.</param>
/// <param name="BusinessInformation">Whether the brand's business information must have been submitted.</param>
/// <param name="TaxInformation">Whether the brand's tax information must have been submitted.</param>
public sealed record BrandRequirements(bool VerifiedIdentity, bool BusinessInformation, bool TaxInformation)
{
    /// <summary>Every requirement on: verified identity, business and tax information on file.</summary>
    public static BrandRequirements All { get; } = new(true, true, true);

    /// <summary>The requirements that are on, as one all-of rule of <see cref="BrandRules"/>.</summary>
    /// <returns>The rule (always met when no requirement is on).</returns>
    public EligibilityRule<BrandProfile> ToRule()
    {
        var rules = new List<EligibilityRule<BrandProfile>>();
        if (VerifiedIdentity)
        {
            rules.Add(BrandRules.VerifiedIdentity());
        }

        if (BusinessInformation)
        {
            rules.Add(BrandRules.BusinessInformationOnFile());
        }

        if (TaxInformation)
        {
            rules.Add(BrandRules.TaxInformationOnFile());
        }

        return EligibilityRule<BrandProfile>.AllOf("brand-requirements", rules);
    }
}
