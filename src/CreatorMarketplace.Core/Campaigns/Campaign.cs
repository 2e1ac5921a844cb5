using NodaTime;

namespace CreatorMarketplace.Campaigns;

/// <summary>A campaign code and the orders (collaborations) linked to it.</summary>
/// <param name="Code">The code.</param>
/// <param name="Orders">The collaborations linked to it, in the order linked; at most <see cref="Campaign.MaxOrdersPerCode"/>.</param>
public sealed record CampaignCode(string Code, IReadOnlyList<CollaborationId> Orders);

/// <summary>
/// A brand's campaign: its plan, brief, campaign codes and lifecycle. Actions the status does not allow return
/// <see cref="NotAllowed"/>; invalid plans and briefs throw <see cref="DomainValidationException"/>; neither changes
/// anything.
/// </summary>
public sealed class Campaign : AggregateRoot<CampaignId>, ISnapshotable<Campaign, CampaignSnapshot>
{
    /// <summary>The most orders one campaign code serves, as on TikTok's marketplace.</summary>
    public const int MaxOrdersPerCode = 200;

    private readonly List<CampaignCode> _codes = [];
    private readonly List<AuditEntry> _audit = [];

    private Campaign(CampaignId id, BrandId brand, CampaignPlan plan, long version = 0)
        : base(id, version)
    {
        Brand = brand;
        Plan = plan;
    }

    /// <summary>The brand running the campaign.</summary>
    public BrandId Brand { get; }

    /// <summary>The plan.</summary>
    public CampaignPlan Plan { get; private set; }

    /// <summary>The brief, once set.</summary>
    public Brief? Brief { get; private set; }

    /// <summary>Where the campaign is in its life.</summary>
    public CampaignStatus Status { get; private set; } = CampaignStatus.Draft;

    /// <summary>Why the campaign was cancelled, if it was.</summary>
    public string? CancellationReason { get; private set; }

    /// <summary>The campaign codes, in the order added.</summary>
    public IReadOnlyList<CampaignCode> Codes => _codes.AsReadOnly();

    /// <summary>The append-only audit trail: every change, by the brand, with the state before and after.</summary>
    public IReadOnlyList<AuditEntry> AuditTrail => _audit.AsReadOnly();

    /// <summary>The actions the campaign allows now.</summary>
    public IReadOnlyList<CampaignAction> PermittedActions => Status.PermittedActions;

    /// <summary>Creates a draft campaign.</summary>
    /// <param name="id">The campaign's id.</param>
    /// <param name="brand">The brand.</param>
    /// <param name="plan">The plan; every problem is reported at once. The campaign keeps a copy of its lists.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The draft, with a <see cref="CampaignCreated"/> event pending.</returns>
    /// <exception cref="DomainValidationException">The brand is the default id, or the plan is invalid.</exception>
    public static Campaign Create(CampaignId id, BrandId brand, CampaignPlan plan, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (brand == default)
        {
            // As a shortlist's or a saved search's owner: the default id names no brand.
            throw DomainValidationException.Of(nameof(brand), "campaign.brand_missing", "a campaign belongs to a brand, named by its id.");
        }

        var checkedPlan = Checked(plan);
        var campaign = new Campaign(id, brand, checkedPlan);
        campaign.Record(new CampaignCreated(id, brand, checkedPlan, clock.GetCurrentInstant()), "create", "-");
        return campaign;
    }

    /// <summary>Replaces the plan. A brief set before must still fit the new timeline.</summary>
    /// <param name="plan">The new plan; the campaign keeps a copy of its lists.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once running.</returns>
    /// <exception cref="DomainValidationException">The plan is invalid, or the brief does not fit its timeline.</exception>
    public CommandResult Revise(CampaignPlan plan, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CampaignAction.Revise) is { } refusal)
        {
            return refusal;
        }

        var checkedPlan = Checked(plan);
        if (Brief is not null)
        {
            Checked(Brief, checkedPlan.Timeline);
        }

        if (!checkedPlan.Equals(Plan))
        {
            var (revised, before) = (new CampaignRevised(Id, checkedPlan, Now(clock)), Summary());
            Plan = checkedPlan;
            Record(revised, CampaignAction.Revise.Name, before);
        }

        return CommandResult.Done;
    }

    /// <summary>Sets or replaces the brief.</summary>
    /// <param name="brief">The brief; it must fit the plan's timeline. The campaign keeps a copy of its lists.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once running.</returns>
    /// <exception cref="DomainValidationException">The brief has problems; every one is named.</exception>
    public CommandResult SetBrief(Brief brief, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CampaignAction.SetBrief) is { } refusal)
        {
            return refusal;
        }

        var checkedBrief = Checked(brief, Plan.Timeline);
        var (set, before) = (new CampaignBriefSet(Id, checkedBrief, Now(clock)), Summary());
        Brief = checkedBrief;
        Record(set, CampaignAction.SetBrief.Name, before);
        return CommandResult.Done;
    }

    /// <summary>Opens the campaign to creators; it needs a brief.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> unless a draft with a brief.</returns>
    public CommandResult StartRecruiting(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CampaignAction.StartRecruiting) is { } refusal)
        {
            return refusal;
        }

        if (Brief is null)
        {
            return new NotAllowed(CampaignAction.StartRecruiting.Name, Status.Name, "the campaign has no brief for creators to read.");
        }

        MoveTo(CampaignStatus.Recruiting, CampaignAction.StartRecruiting, clock);
        return CommandResult.Done;
    }

    /// <summary>Starts the campaign running.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> unless recruiting.</returns>
    public CommandResult Run(IClock clock) => Transition(CampaignAction.Run, CampaignStatus.Running, clock);

    /// <summary>Closes the running campaign.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> unless running.</returns>
    public CommandResult Complete(IClock clock) => Transition(CampaignAction.Complete, CampaignStatus.Completed, clock);

    /// <summary>Stops the campaign.</summary>
    /// <param name="reason">Why; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once completed or cancelled.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank or breaks <see cref="TextRule.MultiLine"/>.</exception>
    public CommandResult Cancel(string reason, IClock clock)
    {
        TextRule.MultiLine.RequireNonBlank(reason);
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CampaignAction.Cancel) is { } refusal)
        {
            return refusal;
        }

        MoveTo(CampaignStatus.Cancelled, CampaignAction.Cancel, clock, () => CancellationReason = reason);
        return CommandResult.Done;
    }

    /// <summary>Adds a campaign code.</summary>
    /// <param name="code">The code; not blank and not already added.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once completed or cancelled.</returns>
    /// <exception cref="ArgumentException">The code is blank, not a single line of well-formed text (<see cref="TextRule.SingleLine"/>), or already added.</exception>
    public CommandResult AddCode(string code, IClock clock)
    {
        TextRule.SingleLine.RequireNonBlank(code);
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CampaignAction.UseCodes) is { } refusal)
        {
            return refusal;
        }

        if (_codes.Exists(existing => existing.Code == code))
        {
            throw DomainValidationException.Of(nameof(code), "campaign.code_repeated", $"the campaign already has the code {ErrorText.Quote(code)}.");
        }

        var (added, before) = (new CampaignCodeAdded(Id, code, Now(clock)), Summary());
        _codes.Add(new CampaignCode(code, []));
        Record(added, "add code", before);
        return CommandResult.Done;
    }

    /// <summary>Links an order (a collaboration) to a campaign code; a code serves at most 200 orders.</summary>
    /// <param name="code">The code.</param>
    /// <param name="order">The collaboration.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done (also when already linked), or <see cref="NotAllowed"/> when the code is full or the campaign closed.</returns>
    /// <exception cref="ArgumentException">The campaign has no such code.</exception>
    public CommandResult LinkOrder(string code, CollaborationId order, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CampaignAction.UseCodes) is { } refusal)
        {
            return refusal;
        }

        var index = _codes.FindIndex(existing => existing.Code == code);
        if (index < 0)
        {
            throw DomainValidationException.Of(nameof(code), "campaign.unknown_code", $"the campaign has no code {ErrorText.Quote(code)}.");
        }

        var current = _codes[index];
        if (current.Orders.Contains(order))
        {
            return CommandResult.Done;
        }

        if (current.Orders.Count >= MaxOrdersPerCode)
        {
            return new NotAllowed(CampaignAction.UseCodes.Name, Status.Name, $"the code {ErrorText.Quote(code)} already serves {MaxOrdersPerCode} orders, the most one code may; add another code.");
        }

        var (linked, before) = (new CampaignOrderLinked(Id, code, order, Now(clock)), Summary());
        _codes[index] = current with { Orders = [.. current.Orders, order] };
        Record(linked, "link order", before);
        return CommandResult.Done;
    }

    /// <inheritdoc />
    public CampaignSnapshot ToSnapshot() => new(Id, Brand, Plan, Brief, Status, CancellationReason, _codes.ToArray(), _audit.ToArray());

    /// <inheritdoc />
    public static Campaign FromSnapshot(CampaignSnapshot snapshot, long version)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);

        // A stored campaign passes the same checks as one built through Create and the commands.
        var errors = new ErrorCollector();
        errors.Require(snapshot.Id != default, "Id", "snapshot.id_empty", "a campaign needs an id.");
        errors.Require(snapshot.Brand != default, "Brand", "campaign.brand_missing", "a campaign belongs to a brand, named by its id.");
        if (errors.Require(snapshot.Plan is not null, "Plan", "snapshot.plan_missing", "a campaign has a plan."))
        {
            errors.At("Plan").AddRange(snapshot.Plan!.Validate());
        }

        if (snapshot.Brief is not null && snapshot.Plan?.Timeline is { } timeline)
        {
            errors.At("Brief").AddRange(snapshot.Brief.Validate(timeline));
        }

        if (errors.Require(snapshot.Status is not null, "Status", "snapshot.status_missing", "a campaign has a status."))
        {
            // Recruiting needs a brief and nothing removes one, so only a draft or a campaign cancelled as a draft lacks it.
            errors.Require(
                snapshot.Brief is not null || snapshot.Status == CampaignStatus.Draft || snapshot.Status == CampaignStatus.Cancelled,
                "Brief",
                "campaign.brief_missing",
                $"a campaign that is {snapshot.Status} has started recruiting, which needs a brief.");
            errors.Require(
                snapshot.Status == CampaignStatus.Cancelled ? !string.IsNullOrWhiteSpace(snapshot.CancellationReason) : snapshot.CancellationReason is null,
                "CancellationReason",
                "campaign.cancellation_reason_mismatch",
                "a cancelled campaign says why, and only a cancelled one.");
            errors.RequireText(TextRule.MultiLine, snapshot.CancellationReason, "CancellationReason");
        }

        var codesHold = errors.Require(snapshot.Codes is not null, "Codes", "snapshot.codes_missing", "the codes may be empty but not null.");
        if (codesHold)
        {
            codesHold = CheckCodes(snapshot.Codes!, errors.At("Codes"));
        }

        CheckAuditTrail(snapshot, codesHold, errors);
        errors.ThrowIfAny(nameof(snapshot));
        // The plan, the brief and the collection shapes AddCode and LinkOrder make, copied so that nothing is shared
        // with the snapshot.
        var campaign = new Campaign(snapshot.Id, snapshot.Brand, snapshot.Plan!.Frozen(), version)
        {
            Brief = snapshot.Brief?.Frozen(),
            Status = snapshot.Status!,
            CancellationReason = snapshot.CancellationReason,
        };

        campaign._codes.AddRange(snapshot.Codes!.Select(code => code with { Orders = code.Orders.Count == 0 ? [] : [.. code.Orders] }));
        campaign._audit.AddRange(snapshot.AuditTrail);
        return campaign;
    }

    private static bool CheckCodes(IReadOnlyList<CampaignCode> codes, ErrorCollector errors)
    {
        var before = errors.Errors.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] is not { } code)
            {
                errors.Add($"[{i}]", "snapshot.code_missing", "a code is null.");
                continue;
            }

            var at = errors.At($"[{i}]");
            if (at.Require(!string.IsNullOrWhiteSpace(code.Code), "Code", "campaign.code_blank", "a campaign code is not blank.")
                && at.RequireText(TextRule.SingleLine, code.Code, "Code"))
            {
                at.Require(seen.Add(code.Code), "Code", "campaign.code_repeated", $"the campaign has the code {ErrorText.Quote(code.Code)} more than once.");
            }

            if (at.Require(code.Orders is not null, "Orders", "snapshot.orders_missing", "a code's orders may be empty but not null."))
            {
                var orders = code.Orders!;
                at.Require(orders.Distinct().Count() == orders.Count, "Orders", "campaign.order_repeated", "an order is linked to the code more than once.");
                at.Require(orders.Count <= MaxOrdersPerCode, "Orders", "campaign.code_full", $"a code serves at most {MaxOrdersPerCode} orders, this one {orders.Count}.");
            }
        }

        return errors.Errors.Count == before;
    }

    // Every change appends one entry, from the state before to the state after, at the clock's time, so the trail
    // opens with the creation of a draft, each entry starts where the one before ended and no earlier, and the last
    // ends in the state the snapshot holds.
    private static void CheckAuditTrail(CampaignSnapshot snapshot, bool codesHold, ErrorCollector errors)
    {
        var trail = snapshot.AuditTrail;
        if (!errors.Require(trail is { Count: > 0 } && trail.All(entry => entry is not null), "AuditTrail", "snapshot.audit_trail_missing", "a campaign's audit trail holds its creation and no null."))
        {
            return;
        }

        var created = Summary(CampaignStatus.Draft, null, []);
        errors.Require(
            trail![0].Action == "create" && trail[0].Before == "-" && trail[0].After == created,
            "AuditTrail[0]",
            "campaign.audit_trail_unopened",
            $"a campaign's audit trail opens with its creation, as a draft: {created}.");
        for (var i = 0; i < trail.Count; i++)
        {
            errors.Require(trail[i].Actor == Actor.Brand, $"AuditTrail[{i}].Actor", "campaign.audit_trail_actor", "every change of a campaign is the brand's.");
            errors.Require(i == 0 || trail[i].Before == trail[i - 1].After, $"AuditTrail[{i}].Before", "campaign.audit_trail_broken", "each entry starts in the state the entry before ended in.");
            errors.Require(i == 0 || trail[i].At >= trail[i - 1].At, $"AuditTrail[{i}].At", "campaign.audit_trail_out_of_order", "each entry is at or after the entry before it: the trail runs forward in time.");
        }

        if (snapshot.Status is not null && codesHold)
        {
            var now = Summary(snapshot.Status, snapshot.Brief, snapshot.Codes!);
            errors.Require(trail[^1].After == now, $"AuditTrail[{trail.Count - 1}].After", "campaign.audit_trail_stale", $"the trail ends in another state than the campaign's: {now}.");
        }
    }

    // Validators name members as the types declare them (Kpis[0].Metric); a stored form names them as stored (kpis[0].metric).
    // A valid plan or brief is returned as the campaign's own copy (see CampaignPlan.Frozen).
    private static CampaignPlan Checked(CampaignPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new ErrorCollector();
        errors.AddRange(plan.Validate());
        errors.ThrowIfAny(nameof(plan));
        return plan.Frozen();
    }

    private static Brief Checked(Brief brief, CampaignTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(brief);
        var errors = new ErrorCollector();
        errors.AddRange(brief.Validate(timeline));
        errors.ThrowIfAny(nameof(brief));
        return brief.Frozen();
    }

    private NotAllowed? Refuse(CampaignAction action) => NotAllowed.UnlessPermitted(action, Status, "campaign");

    private CommandResult Transition(CampaignAction action, CampaignStatus to, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(action) is { } refusal)
        {
            return refusal;
        }

        MoveTo(to, action, clock);
        return CommandResult.Done;
    }

    // The event and the summary before are made first, so that nothing changes unless the whole command can be done.
    private void MoveTo(CampaignStatus to, CampaignAction action, IClock clock, Action? alsoChange = null)
    {
        var (changed, before) = (new CampaignStatusChanged(Id, Status, to, Now(clock)), Summary());
        alsoChange?.Invoke();
        Status = to;
        Record(changed, action.Name, before);
    }

    private void Record(IDomainEvent e, string action, string before)
    {
        _audit.Add(new AuditEntry(Actor.Brand, e.OccurredAt, action, before, Summary()));
        Raise(e);
    }

    // A command's time, never before the audit trail's last entry (RecordedTime), so that the trail can be read back.
    private Instant Now(IClock clock) => RecordedTime.Now(clock, _audit.Count == 0 ? null : _audit[^1].At);

    private string Summary() => Summary(Status, Brief, _codes);

    private static string Summary(CampaignStatus status, Brief? brief, IReadOnlyList<CampaignCode> codes) =>
        $"{status}; brief {(brief is null ? "missing" : "set")}; {codes.Count} codes, {codes.Sum(code => code.Orders.Count)} orders";
}

/// <summary>A campaign's stored form: everything it holds (see <see cref="ISnapshotable{TSelf, TSnapshot}"/>).</summary>
/// <param name="Id">The campaign's id.</param>
/// <param name="Brand">The brand running it.</param>
/// <param name="Plan">The plan.</param>
/// <param name="Brief">The brief, once set.</param>
/// <param name="Status">Where the campaign is in its life.</param>
/// <param name="CancellationReason">Why it was cancelled; null unless cancelled.</param>
/// <param name="Codes">The campaign codes with their linked orders, in the order added.</param>
/// <param name="AuditTrail">The audit trail, oldest first, from the creation on.</param>
public sealed record CampaignSnapshot(
    CampaignId Id,
    BrandId Brand,
    CampaignPlan Plan,
    Brief? Brief,
    CampaignStatus Status,
    string? CancellationReason,
    IReadOnlyList<CampaignCode> Codes,
    IReadOnlyList<AuditEntry> AuditTrail);
