using CreatorMarketplace.Brands;
using NodaTime;

namespace CreatorMarketplace.Eligibility;

/// <summary>Rules about a brand, judged on a <see cref="BrandProfile"/> as of an instant.</summary>
public static class BrandRules
{
    /// <summary>The brand's business identity was verified at or before the instant judged.</summary>
    /// <returns>The rule; a failure says the verification is missing.</returns>
    public static EligibilityRule<BrandProfile> VerifiedIdentity() =>
        new OnFileRule("verified-identity", "eligibility.identity_not_verified", "business identity verified", "has not verified its business identity", "verify the business identity", brand => brand.IdentityVerifiedAt);

    /// <summary>The brand's business information was submitted at or before the instant judged.</summary>
    /// <returns>The rule; a failure says the information is missing.</returns>
    public static EligibilityRule<BrandProfile> BusinessInformationOnFile() =>
        new OnFileRule("business-information", "eligibility.business_information_missing", "business information on file", "has not submitted its business information", "submit the business information", brand => brand.BusinessInformationSubmittedAt);

    /// <summary>The brand's tax information was submitted at or before the instant judged.</summary>
    /// <returns>The rule; a failure says the information is missing.</returns>
    public static EligibilityRule<BrandProfile> TaxInformationOnFile() =>
        new OnFileRule("tax-information", "eligibility.tax_information_missing", "tax information on file", "has not submitted its tax information", "submit the tax information", brand => brand.TaxInformationSubmittedAt);

    // Something on file counts from the instant it was filed: before then, as of an earlier instant, it was not.
    private sealed class OnFileRule(string name, string code, string required, string missing, string remedy, Func<BrandProfile, Instant?> filedAt)
        : EligibilityRule<BrandProfile>(name)
    {
        public override EligibilityResult Evaluate(BrandProfile subject, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(subject);
            var at = filedAt(subject);
            if (at <= asOf)
            {
                return EligibilityResult.Eligible;
            }

            // Filed after the instant judged: a what-if for an earlier date; the distance is the date it was filed.
            var filed = at is { } later ? $"filed on {later.InZone(subject.TimeZone).Date:yyyy-MM-dd}" : null;
            return EligibilityResult.Failed(new RuleFailure(
                Name,
                code,
                $"{missing} as of {asOf.InZone(subject.TimeZone).Date:yyyy-MM-dd}.",
                filed ?? "not on file",
                required,
                filed ?? remedy));
        }
    }
}
