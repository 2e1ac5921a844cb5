using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Eligibility;
using NodaTime;

namespace CreatorMarketplace.Planning;

/// <summary>Why a creator of a shortlist or a search is not a candidate.</summary>
public enum LeftOutReason
{
    /// <summary>The creator fails the campaign's eligibility rules.</summary>
    Ineligible,

    /// <summary>The engagement would break an exclusivity of one of the creator's contracts.</summary>
    Conflicted,

    /// <summary>The creator's rate card prices none of the deliverables in the plan's currency.</summary>
    NoRate,
}

/// <summary>A creator left out of the candidates, and why.</summary>
/// <param name="Listing">The creator.</param>
/// <param name="Reason">Why: the first of ineligible, conflicted and without a rate that holds.</param>
/// <param name="Detail">What in words: the rules failed, the contracts in conflict, or what the rate card lacks.</param>
public sealed record LeftOutCreator(CreatorListing Listing, LeftOutReason Reason, string Detail)
{
    /// <summary>The rules the creator fails, when ineligible; empty otherwise.</summary>
    public IReadOnlyList<RuleFailure> Failures { get; init; } = [];

    /// <summary>The exclusivities the engagement would break, each with its contract, when conflicted; empty otherwise.</summary>
    public IReadOnlyList<ExclusivityConflict> Conflicts { get; init; } = [];

    /// <summary>Formats the creator and the reason, for example <c>"@leo.glows: ineligible: min-followers: ..."</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Listing.PrimaryAccount.Handle}: {Reason switch
    {
        LeftOutReason.Ineligible => "ineligible",
        LeftOutReason.Conflicted => "conflicted",
        _ => "no rate",
    }}: {Detail}";
}

/// <summary>The candidates built from creators' listings, and the creators left out with their reasons.</summary>
/// <param name="Candidates">One candidate per creator and deliverable her rate card prices in the plan's currency.</param>
/// <param name="LeftOut">Every creator left out, in the order given.</param>
public sealed record CandidateSelection(IReadOnlyList<PlanCandidate> Candidates, IReadOnlyList<LeftOutCreator> LeftOut);

/// <summary>
/// Builds the budget planner's candidates from a shortlist or a catalog search's listings, so that it never proposes
/// an ineligible or conflicted creator: each creator is checked against the campaign's eligibility rule (for example
/// <see cref="MarketplacePolicy.ForCampaign"/>) and against her contracts' exclusivities
/// (<see cref="ExclusivityConflicts"/>), and priced from her rate card in the plan's currency.
/// </summary>
public static class PlanCandidates
{
    /// <summary>The candidates of creators' listings.</summary>
    /// <param name="listings">The creators, for example a shortlist or a search page's <c>Items</c>.</param>
    /// <param name="currency">The plan's currency: a rate card in another is no rate (prices are not converted).</param>
    /// <param name="deliverables">The deliverable types to offer; each priced one of a creator is a candidate.</param>
    /// <param name="expectedValue">Each creator's expected value for a deliverable (views, engagements or conversions: a forecast's median, for example).</param>
    /// <param name="eligibility">The campaign's eligibility rule for creators.</param>
    /// <param name="asOf">The instant eligibility is judged at.</param>
    /// <param name="contracts">Contracts of any creators; those of the listed creators are checked.</param>
    /// <param name="proposal">The engagement the plan proposes, checked against each creator's exclusivities.</param>
    /// <returns>The candidates, the market each counts towards being the creator's home country, and the creators left out.</returns>
    /// <exception cref="DomainValidationException">No deliverable is given, or the proposal is invalid; every error names its field.</exception>
    public static CandidateSelection FromListings(
        IEnumerable<CreatorListing> listings,
        Currency currency,
        IReadOnlyCollection<DeliverableType> deliverables,
        Func<CreatorListing, DeliverableType, double> expectedValue,
        EligibilityRule<CreatorListing> eligibility,
        Instant asOf,
        IEnumerable<Contract> contracts,
        ProposedEngagement proposal)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(deliverables);
        ArgumentNullException.ThrowIfNull(expectedValue);
        ArgumentNullException.ThrowIfNull(eligibility);
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(proposal);
        var errors = new ErrorCollector();
        errors.Require(deliverables.Count > 0 && deliverables.All(type => type is not null), nameof(deliverables), "planning.deliverables_required", "at least one deliverable type is offered, none of them null.");
        errors.ThrowIfAny();

        var contractsOf = contracts.ToLookup(contract => contract.Creator);
        var candidates = new List<PlanCandidate>();
        var leftOut = new List<LeftOutCreator>();
        foreach (var listing in listings)
        {
            ArgumentNullException.ThrowIfNull(listing, nameof(listings));
            if (eligibility.Evaluate(listing, asOf) is { IsEligible: false } result)
            {
                leftOut.Add(new LeftOutCreator(listing, LeftOutReason.Ineligible, string.Join("; ", result.Failures.Select(failure => $"{failure.Rule}: {failure.Message}"))) { Failures = result.Failures });
                continue;
            }

            if (ExclusivityConflicts.For(contractsOf[listing.Id], listing.Id, proposal) is { Count: > 0 } conflicts)
            {
                leftOut.Add(new LeftOutCreator(listing, LeftOutReason.Conflicted, string.Join("; ", conflicts)) { Conflicts = conflicts });
                continue;
            }

            var priced = listing.RateCard is { } card && card.Currency == currency
                ? [.. deliverables.Distinct().Where(type => card.PriceOf(type) is not null)]
                : Array.Empty<DeliverableType>();
            if (priced.Length == 0)
            {
                leftOut.Add(new LeftOutCreator(listing, LeftOutReason.NoRate, NoRate(listing.RateCard, currency, deliverables)));
                continue;
            }

            var name = listing.PrimaryAccount.Handle.ToString();
            candidates.AddRange(priced.Select(type => new PlanCandidate(listing.Id, name, type.Name, listing.RateCard!.PriceOf(type)!.Value, expectedValue(listing, type), listing.Profile.HomeCountry, listing.Tier)));
        }

        return new CandidateSelection(candidates, leftOut);
    }

    private static string NoRate(RateCard? card, Currency currency, IEnumerable<DeliverableType> deliverables) =>
        card is null ? "no rate card."
        : card.Currency != currency ? $"the rate card is in {card.Currency.Code}, not {currency.Code}."
        : $"the rate card prices none of {string.Join(", ", deliverables.Select(type => type.Name))}.";
}
