using System.Globalization;
using Ardalis.SmartEnum;
using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Campaigns;

/// <summary>What a campaign is for.</summary>
public sealed class CampaignObjective : SmartEnum<CampaignObjective, int>
{
    /// <summary>Reach: people seeing the brand.</summary>
    public static readonly CampaignObjective Awareness = new(nameof(Awareness), 1);

    /// <summary>Engagement: people considering the brand.</summary>
    public static readonly CampaignObjective Consideration = new(nameof(Consideration), 2);

    /// <summary>Sales and sign-ups.</summary>
    public static readonly CampaignObjective Conversions = new(nameof(Conversions), 3);

    /// <summary>Content the brand can reuse.</summary>
    public static readonly CampaignObjective ContentVolume = new(nameof(ContentVolume), 4);

    /// <summary>App installs.</summary>
    public static readonly CampaignObjective AppInstalls = new(nameof(AppInstalls), 5);

    private CampaignObjective(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>
/// When a campaign runs: from its first to its last day inclusive, as calendar dates in the brand's time zone.
/// </summary>
public sealed record CampaignTimeline
{
    private CampaignTimeline(LocalDate first, LocalDate last, DateTimeZone zone)
    {
        First = first;
        Last = last;
        Zone = zone;
    }

    /// <summary>The first day.</summary>
    public LocalDate First { get; }

    /// <summary>The last day (inclusive).</summary>
    public LocalDate Last { get; }

    /// <summary>The brand's time zone, in which the days begin and end.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The first instant of the campaign: midnight at the start of the first day in the zone.</summary>
    public Instant Start => First.AtStartOfDayInZone(Zone).ToInstant();

    /// <summary>The first instant after the campaign: midnight at the end of the last day in the zone.</summary>
    public Instant End => Last.PlusDays(1).AtStartOfDayInZone(Zone).ToInstant();

    /// <summary>A timeline from one day to another in a zone.</summary>
    /// <param name="first">The first day.</param>
    /// <param name="last">The last day; not before the first.</param>
    /// <param name="zone">The brand's time zone.</param>
    /// <returns>The timeline.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="last"/> is before <paramref name="first"/>, or either is the calendar's first or last date
    /// (<see cref="LocalDate.MinIsoValue"/>, <see cref="LocalDate.MaxIsoValue"/>), where <see cref="Start"/> or
    /// <see cref="End"/> would fall outside the instants there are.
    /// </exception>
    public static CampaignTimeline Create(LocalDate first, LocalDate last, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (last < first)
        {
            throw DomainValidationException.Of(nameof(last), "campaign.last_day_before_first", $"a campaign's last day may not be before its first ({Format(first)}), got {Format(last)}.");
        }

        // The end is the midnight after the last day, which the calendar's last date lacks; the start of its first date
        // falls before the earliest instant in a zone ahead of UTC. A day inside either edge is safe in every zone.
        if (first == LocalDate.MinIsoValue)
        {
            throw DomainValidationException.Of(nameof(first), "campaign.first_day_out_of_range", $"a campaign starts at the midnight beginning its first day, which must be after {Format(LocalDate.MinIsoValue)}.");
        }

        return last < LocalDate.MaxIsoValue
            ? new(first, last, zone)
            : throw DomainValidationException.Of(nameof(last), "campaign.last_day_out_of_range", $"a campaign ends at the midnight after its last day, so the last day is before {Format(LocalDate.MaxIsoValue)}, got {Format(last)}.");
    }

    /// <summary>Whether a day is inside the timeline.</summary>
    /// <param name="date">The day.</param>
    /// <returns>True from the first to the last day inclusive.</returns>
    public bool Contains(LocalDate date) => date >= First && date <= Last;

    /// <summary>Formats the timeline, for example <c>"2027-01-04 to 2027-02-28 (America/New_York)"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Format(First)} to {Format(Last)} ({Zone.Id})";

    internal static string Format(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A measure a campaign is judged on, with its target.</summary>
/// <param name="Metric">The measure's name, for example <c>views</c> or <c>cpm</c>.</param>
/// <param name="Target">The target value.</param>
public sealed record CampaignKpi(string Metric, decimal Target);

/// <summary>
/// A campaign's plan: name, objective, budget, target markets, timeline, industry categories (for exclusivity)
/// and KPIs. Immutable; a campaign revises its plan as a whole.
/// </summary>
public sealed record CampaignPlan
{
    /// <summary>The campaign's name.</summary>
    public required string Name { get; init; }

    /// <summary>What the campaign is for.</summary>
    public required CampaignObjective Objective { get; init; }

    /// <summary>The total budget; positive.</summary>
    public required Money Budget { get; init; }

    /// <summary>The markets the campaign targets; at least one.</summary>
    public required IReadOnlyList<Country> TargetMarkets { get; init; }

    /// <summary>When the campaign runs.</summary>
    public required CampaignTimeline Timeline { get; init; }

    /// <summary>The brand's industry categories for this campaign, checked against creators' exclusivities.</summary>
    public IReadOnlyList<IndustryLabel> Categories { get; init; } = [];

    /// <summary>The measures the campaign is judged on.</summary>
    public IReadOnlyList<CampaignKpi> Kpis { get; init; } = [];

    /// <summary>Names every problem of the plan.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(!string.IsNullOrWhiteSpace(Name), nameof(Name), "campaign.name_missing", "a campaign needs a name.");
        errors.RequireText(TextRule.SingleLine, Name, nameof(Name));
        errors.Require(Objective is not null, nameof(Objective), "campaign.objective_missing", "a campaign names its objective.");
        errors.Require(!Budget.IsDefault && Budget.IsPositive, nameof(Budget), "campaign.budget_not_positive", "a campaign's budget must be positive.");
        if (errors.Require(TargetMarkets is { Count: > 0 } && TargetMarkets.All(market => market is not null), nameof(TargetMarkets), "campaign.target_markets_missing", "a campaign targets at least one market, and no null."))
        {
            errors.Require(TargetMarkets.Distinct().Count() == TargetMarkets.Count, nameof(TargetMarkets), "campaign.duplicate", "a target market is listed more than once.");
        }

        errors.Require(Timeline is not null, nameof(Timeline), "campaign.timeline_missing", "a campaign has a timeline.");
        if (errors.Require(Categories is not null, nameof(Categories), "campaign.null", "the categories may be empty but not null."))
        {
            for (var i = 0; i < Categories!.Count; i++)
            {
                // The default label has no id, so it names no category an exclusivity could be checked against.
                errors.Require(Categories[i] != default, $"{nameof(Categories)}[{i}]", "campaign.category_missing", "a category is an industry label with an id, not the default label.");
            }
        }
        if (errors.Require(Kpis is not null && Kpis.All(kpi => kpi is not null), nameof(Kpis), "campaign.null", "the KPIs may be empty but not null, and hold no null."))
        {
            for (var i = 0; i < Kpis!.Count; i++)
            {
                errors.Require(!string.IsNullOrWhiteSpace(Kpis[i].Metric), $"{nameof(Kpis)}[{i}].{nameof(CampaignKpi.Metric)}", "campaign.kpi_metric_missing", "a KPI names its metric.");
                errors.RequireText(TextRule.SingleLine, Kpis[i].Metric, $"{nameof(Kpis)}[{i}].{nameof(CampaignKpi.Metric)}");
            }
        }

        return errors.Errors;
    }

    // The plan with every list copied, so that a campaign holds its own (as ContractTerms.Frozen does): a caller
    // changing an array it passed in cannot change the plan. Only for plans that passed Validate.
    internal CampaignPlan Frozen() => this with { TargetMarkets = [.. TargetMarkets], Categories = [.. Categories], Kpis = [.. Kpis] };

    /// <inheritdoc />
    public bool Equals(CampaignPlan? other) =>
        other is not null && Name == other.Name && Objective == other.Objective && Budget == other.Budget
        && TargetMarkets.SequenceEqual(other.TargetMarkets) && Equals(Timeline, other.Timeline)
        && Categories.SequenceEqual(other.Categories) && Kpis.SequenceEqual(other.Kpis);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Objective, Budget, TargetMarkets.Count);
}
