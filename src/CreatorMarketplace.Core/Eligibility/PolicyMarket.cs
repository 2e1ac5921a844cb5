using NodaTime;

namespace CreatorMarketplace.Eligibility;

/// <summary>
/// A market the marketplace is available in under a <see cref="PolicyVersion"/>: the country, the date it opened
/// (a date in the time zone of the creator or brand judged), and the creator requirements there when they differ
/// from the version's defaults.
/// </summary>
/// <param name="Country">The market.</param>
/// <param name="LaunchDate">The first date the marketplace is open there.</param>
/// <param name="Creators">The market's own creator requirements, or null for the version's defaults.</param>
public sealed record PolicyMarket(Country Country, LocalDate LaunchDate, CreatorRequirements? Creators = null)
{
    /// <summary>Checks the market and names every problem.</summary>
    /// <returns>The problems, empty when the market is valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(Country is not null, "country", "policy.country_missing", "a market needs a country.");
        if (Creators is not null)
        {
            errors.At("creators").AddRange(Creators.Validate());
        }

        return errors.Errors;
    }
}
