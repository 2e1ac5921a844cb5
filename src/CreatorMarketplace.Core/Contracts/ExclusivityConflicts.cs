using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Contracts;

/// <summary>Work a brand proposes to a creator, to be checked against the creator's exclusivities.</summary>
/// <param name="Brand">The proposing brand.</param>
/// <param name="Categories">The brand's industry categories for this work.</param>
/// <param name="Start">When the work would start.</param>
/// <param name="End">When it would end (exclusive), including any period the content would run.</param>
public sealed record ProposedEngagement(BrandId Brand, IReadOnlyList<IndustryLabel> Categories, Instant Start, Instant End)
{
    /// <summary>Names every problem.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(Categories is not null, nameof(Categories), "contract.null", "the categories may be empty but not null.");
        errors.Require(End > Start, nameof(End), "contract.engagement_window", $"an engagement must end after it starts ({Start}), got {End}.");
        return errors.Errors;
    }
}

/// <summary>An exclusivity that a proposed engagement would break, named with the contract that holds it.</summary>
/// <param name="Contract">The contract whose exclusivity it is.</param>
/// <param name="HeldBy">The brand holding the exclusivity.</param>
/// <param name="Exclusivity">The exclusivity.</param>
/// <param name="Reason">Why it conflicts: the category or the named competitor, and the overlapping window.</param>
public sealed record ExclusivityConflict(ContractId Contract, BrandId HeldBy, Exclusivity Exclusivity, string Reason)
{
    /// <summary>Returns the reason with the contract.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"contract {Contract}: {Reason}";
}

/// <summary>
/// Finds the exclusivities a proposed engagement would break: an exclusivity of a signed, active or completed
/// contract (or a terminated one, until its termination) conflicts when the engagement overlaps its window and the
/// proposing brand is a named competitor or works in one of its categories. A brand never conflicts with its own
/// exclusivity.
/// </summary>
public static class ExclusivityConflicts
{
    /// <summary>The conflicts of one creator's contracts with a proposed engagement.</summary>
    /// <param name="contracts">The creator's contracts (others are ignored).</param>
    /// <param name="creator">The creator.</param>
    /// <param name="proposal">The proposed engagement.</param>
    /// <returns>Every conflict, in the order of the contracts.</returns>
    /// <exception cref="DomainValidationException">The proposal is invalid.</exception>
    public static IReadOnlyList<ExclusivityConflict> For(IEnumerable<Contract> contracts, CreatorId creator, ProposedEngagement proposal)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        Require(proposal);
        return [.. contracts.Where(contract => contract.Creator == creator).Select(contract => Conflict(contract, proposal)).OfType<ExclusivityConflict>()];
    }

    /// <summary>
    /// The creators whose contracts conflict with a proposed engagement, for discovery to leave out:
    /// <c>query with { Excluded = ExclusivityConflicts.CreatorsInConflict(contracts, proposal) }</c>.
    /// </summary>
    /// <param name="contracts">Contracts of any creators.</param>
    /// <param name="proposal">The proposed engagement.</param>
    /// <returns>The creators with at least one conflict.</returns>
    /// <exception cref="DomainValidationException">The proposal is invalid.</exception>
    public static IReadOnlySet<CreatorId> CreatorsInConflict(IEnumerable<Contract> contracts, ProposedEngagement proposal)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        Require(proposal);
        return contracts.Where(contract => Conflict(contract, proposal) is not null).Select(contract => contract.Creator).ToHashSet();
    }

    private static ExclusivityConflict? Conflict(Contract contract, ProposedEngagement proposal)
    {
        if (contract.Brand == proposal.Brand || contract.ExclusivityBinding(proposal.Start, proposal.End) is not { } binding)
        {
            return null;
        }

        var (exclusivity, start, end) = binding;
        var overlap = $"{Instant.Max(start, proposal.Start)} to {Instant.Min(end, proposal.End)}";
        if (exclusivity.Competitors.Contains(proposal.Brand))
        {
            return new(contract.Id, contract.Brand, exclusivity, $"brand {proposal.Brand} is a named competitor of brand {contract.Brand}, exclusive from {overlap}.");
        }

        var shared = exclusivity.Categories.Intersect(proposal.Categories).ToArray();
        return shared.Length == 0
            ? null
            : new(contract.Id, contract.Brand, exclusivity, $"category {string.Join(", ", shared)} is exclusive to brand {contract.Brand} from {overlap}.");
    }

    private static void Require(ProposedEngagement proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var errors = new ErrorCollector();
        errors.AddRange(proposal.Validate());
        errors.ThrowIfAny(nameof(proposal));
    }
}
