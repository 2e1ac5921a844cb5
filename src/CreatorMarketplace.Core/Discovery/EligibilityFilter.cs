using CreatorMarketplace.Creators;
using CreatorMarketplace.Eligibility;
using NodaTime;

namespace CreatorMarketplace.Discovery;

/// <summary>
/// A discovery filter that keeps only the creators eligible under a marketplace policy as of an instant, by the
/// version in force then (<see cref="MarketplacePolicy.ForCreators"/>). The in-memory catalog decides it on its
/// columns and checks a creator's listing only where a column cannot (a value equal to a threshold, a birthday or
/// launch date that depends on the creator's time zone).
/// </summary>
/// <param name="Policy">The policy.</param>
/// <param name="AsOf">The instant eligibility is judged at; a future instant gives a what-if.</param>
public sealed record EligibilityFilter(MarketplacePolicy Policy, Instant AsOf)
{
    /// <summary>Whether a creator is eligible, judged on the listing.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>True when eligible.</returns>
    public bool IsMetBy(CreatorListing creator) => Policy.ForCreators.Evaluate(creator, AsOf).IsEligible;
}
