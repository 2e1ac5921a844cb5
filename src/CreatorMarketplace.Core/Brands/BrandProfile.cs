using NodaTime;

namespace CreatorMarketplace.Brands;

/// <summary>
/// What the marketplace knows about a brand (the advertiser that runs campaigns) to decide whether it may take part:
/// where it is registered and when it verified its identity and filed its business and tax information.
/// </summary>
/// <remarks>
/// The instants make eligibility answerable as of any date: information filed after the instant judged was not on
/// file then. The documents themselves live with the app (or a verification provider); only the facts live here.
/// </remarks>
public sealed record BrandProfile
{
    /// <summary>The brand's id.</summary>
    public required BrandId Id { get; init; }

    /// <summary>The name the brand trades under.</summary>
    public required string Name { get; init; }

    /// <summary>The country the business is registered in: its market.</summary>
    public required Country Country { get; init; }

    /// <summary>The time zone the brand keeps its calendar in (market launch dates are dates there).</summary>
    public required DateTimeZone TimeZone { get; init; }

    /// <summary>When the brand's business identity was verified, if it has been.</summary>
    public Instant? IdentityVerifiedAt { get; init; }

    /// <summary>When the brand's business information (legal name, address, registration) was submitted, if it has been.</summary>
    public Instant? BusinessInformationSubmittedAt { get; init; }

    /// <summary>When the brand's tax information was submitted, if it has been.</summary>
    public Instant? TaxInformationSubmittedAt { get; init; }

    /// <summary>Checks the profile and names every problem.</summary>
    /// <returns>The problems, empty when the profile is valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(Id != default, nameof(Id), "brand.id_missing", "a brand needs an id.");
        errors.Require(!string.IsNullOrWhiteSpace(Name), nameof(Name), "brand.name_missing", "a brand needs a name.");
        errors.Require(Name is null || Name.Length <= 200, nameof(Name), "brand.name_too_long", "a brand name has at most 200 characters.");
        errors.RequireText(TextRule.SingleLine, Name, nameof(Name));
        errors.Require(Country is not null, nameof(Country), "brand.country_missing", "a brand needs the country it is registered in.");
        errors.Require(TimeZone is not null, nameof(TimeZone), "brand.time_zone_missing", "a brand needs a time zone.");
        return errors.Errors;
    }
}
