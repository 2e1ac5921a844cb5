using System.Globalization;
using CreatorMarketplace.Creators;
using OneOf;

namespace CreatorMarketplace.Planning;

/// <summary>One creator's deliverable the planner may buy.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="Name">The creator's name to report her by, for example a handle.</param>
/// <param name="Deliverable">The deliverable, for example <c>video</c>; a creator is bought at most once per deliverable.</param>
/// <param name="Price">Its exact price, from a rate card or a negotiated offer, in the budget's currency.</param>
/// <param name="ExpectedValue">Its expected value for the objective (views, engagements or conversions), finite and zero or more.</param>
/// <param name="Market">The market (country) its spend counts towards.</param>
/// <param name="Tier">The creator's follower tier.</param>
public sealed record PlanCandidate(CreatorId Creator, string Name, string Deliverable, Money Price, double ExpectedValue, Country Market, FollowerTier Tier)
{
    /// <summary>Expected value per unit of money (per dollar for USD); infinite for a free deliverable of some value.</summary>
    public double ValuePerUnit => Price.IsZero ? (ExpectedValue > 0d ? double.PositiveInfinity : 0d) : ExpectedValue / (double)Price.Amount;

    /// <summary>Formats the candidate, for example <c>"maya video (US)"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name} {Deliverable} ({Market.Code})";
}

/// <summary>The spend a market must receive: at least <paramref name="Minimum"/>, at most <paramref name="Maximum"/>.</summary>
/// <param name="Market">The market.</param>
/// <param name="Minimum">The least spend, zero or more.</param>
/// <param name="Maximum">The most spend, at least the minimum.</param>
public sealed record MarketSpend(Country Market, Money Minimum, Money Maximum);

/// <summary>The spend a follower tier must receive: at least <paramref name="Minimum"/>, at most <paramref name="Maximum"/>.</summary>
/// <param name="Tier">The tier.</param>
/// <param name="Minimum">The least spend, zero or more.</param>
/// <param name="Maximum">The most spend, at least the minimum.</param>
public sealed record TierSpend(FollowerTier Tier, Money Minimum, Money Maximum);

/// <summary>What a budget plan must respect besides the budget.</summary>
public sealed record PlanConstraints
{
    /// <summary>No constraint but the budget.</summary>
    public static PlanConstraints None { get; } = new();

    /// <summary>The most of the budget one creator may receive, above 0 and at most 1; 1 unless given.</summary>
    public double MaxCreatorShare { get; init; } = 1d;

    /// <summary>Creators the plan must buy at least one deliverable of.</summary>
    public IReadOnlyCollection<CreatorId> MustInclude { get; init; } = [];

    /// <summary>Creators the plan must not buy.</summary>
    public IReadOnlyCollection<CreatorId> Excluded { get; init; } = [];

    /// <summary>Spend ranges per market, one per market; markets not listed are unconstrained.</summary>
    public IReadOnlyList<MarketSpend> Markets { get; init; } = [];

    /// <summary>Spend ranges per follower tier, one per tier (the tier mix); tiers not listed are unconstrained.</summary>
    public IReadOnlyList<TierSpend> Tiers { get; init; } = [];
}

/// <summary>A limit the planner works under.</summary>
public enum PlanLimit
{
    /// <summary>The budget.</summary>
    Budget,

    /// <summary>A market's maximum spend.</summary>
    MarketMaximum,

    /// <summary>The most of the budget one creator may receive.</summary>
    CreatorShare,

    /// <summary>A follower tier's maximum spend.</summary>
    TierMaximum,
}

/// <summary>A limit that keeps at least one left-out candidate out of the plan.</summary>
/// <param name="Limit">Which limit.</param>
/// <param name="Name">The limit's name, for example <c>budget</c>, <c>Markets[GB].Maximum</c>, <c>Tiers[Micro].Maximum</c> or <c>MaxCreatorShare (maya)</c>.</param>
/// <param name="Amount">The limit's amount.</param>
/// <param name="Used">What the plan spends against it.</param>
/// <param name="KeptOut">How many left-out candidates it keeps out.</param>
public sealed record BindingConstraint(PlanLimit Limit, string Name, Money Amount, Money Used, int KeptOut)
{
    /// <summary>What is left under the limit.</summary>
    public Money Slack => Amount - Used;

    /// <summary>Formats the limit, for example <c>"budget: USD 49500.00 of USD 50000.00 (keeps out 2)"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {Used} of {Amount} (keeps out {KeptOut})";
}

/// <summary>A deliverable in the plan and why: its value per unit of money.</summary>
/// <param name="Candidate">The candidate bought.</param>
/// <param name="ValuePerUnit">Its expected value per unit of money.</param>
public sealed record PlannedPurchase(PlanCandidate Candidate, double ValuePerUnit);

/// <summary>
/// What more budget would buy: the left-out candidate of the highest value per unit of money, the budget it lacks to
/// fit on top of the plan, and any other limit it breaks.
/// </summary>
/// <param name="Candidate">The candidate.</param>
/// <param name="ValuePerUnit">Its expected value per unit of money.</param>
/// <param name="ExtraBudget">The budget it lacks, zero when only other limits keep it out.</param>
/// <param name="BlockedBy">Every limit adding it would break, the budget included.</param>
public sealed record NextPurchase(PlanCandidate Candidate, double ValuePerUnit, Money ExtraBudget, IReadOnlyList<BindingConstraint> BlockedBy)
{
    /// <summary>Formats it, for example <c>"leo video (GB) at 3.1 per unit needs USD 2000.00 more; blocked by budget"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Candidate} at {ValuePerUnit:0.###} per unit needs {ExtraBudget} more; blocked by {string.Join(", ", BlockedBy.Select(limit => limit.Name))}");
}

/// <summary>The plan of highest total expected value that meets every constraint, and why it is so.</summary>
/// <param name="Budget">The budget.</param>
/// <param name="Purchases">What it buys, highest value per unit of money first.</param>
/// <param name="Spent">What it spends.</param>
/// <param name="TotalValue">Its total expected value: the most any plan meeting the constraints reaches when <paramref name="IsOptimal"/>.</param>
/// <param name="Binding">The limits that keep a left-out candidate out.</param>
/// <param name="Next">What more budget would buy; null when every candidate is in or excluded.</param>
/// <param name="NodesExplored">How many nodes the branch and bound visited.</param>
/// <param name="IsOptimal">Whether no plan meeting the constraints is worth more, proven by the search or by the bound; false when the search stopped at its node limit or at the acceptable gap.</param>
/// <param name="UpperBound">A proven bound on the value of any plan: <paramref name="TotalValue"/> itself when optimal, the Lagrangian or fractional (LP) bound otherwise.</param>
public sealed record BudgetPlan(Money Budget, IReadOnlyList<PlannedPurchase> Purchases, Money Spent, double TotalValue, IReadOnlyList<BindingConstraint> Binding, NextPurchase? Next, long NodesExplored, bool IsOptimal, double UpperBound)
{
    /// <summary>How far below the proven bound the plan may be, as a share of the bound: 0 when optimal.</summary>
    public double Gap => IsOptimal || UpperBound <= 0d ? 0d : (UpperBound - TotalValue) / UpperBound;

    /// <summary>The budget left unspent.</summary>
    public Money Remaining => Budget - Spent;

    /// <summary>Formats the plan, for example <c>"4 purchases, USD 48000.00 of USD 50000.00, value 1,240,000"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Purchases.Count} purchases, {Spent} of {Budget}, value {TotalValue:N0}");
}

/// <summary>Constraints that cannot hold together.</summary>
/// <param name="Constraints">The constraints that conflict, named as in <see cref="PlanConstraints"/>, for example <c>budget</c> and <c>mustInclude[maya]</c>.</param>
/// <param name="Reason">Why they conflict.</param>
public sealed record PlanConflict(IReadOnlyList<string> Constraints, string Reason)
{
    /// <summary>Formats the conflict.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{string.Join(" + ", Constraints)}: {Reason}";
}

/// <summary>No plan meets every constraint; the conflicts say which constraints cannot hold together.</summary>
/// <param name="Conflicts">At least one conflict.</param>
/// <param name="IsProven">
/// Whether no plan exists: true unless the search stopped at its node limit before it found a plan, in which case a
/// plan may exist and a higher node limit searches further.
/// </param>
public sealed record InfeasiblePlan(IReadOnlyList<PlanConflict> Conflicts, bool IsProven = true)
{
    /// <summary>Formats the refusal, naming each conflict.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => (IsProven ? "no plan meets every constraint: " : "no plan meeting every constraint was found within the node limit: ") + string.Join("; ", Conflicts);
}

/// <summary>The outcome of <see cref="BudgetPlanner.Plan"/>: the optimal plan, or the constraints that conflict.</summary>
[Union]
public sealed partial class BudgetPlanOutcome : OneOfBase<BudgetPlan, InfeasiblePlan>
{
    /// <summary>Whether a plan meets every constraint.</summary>
    public bool IsFeasible => IsT0;

    /// <summary>Formats the outcome.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Match(plan => plan.ToString(), infeasible => infeasible.ToString());
}
