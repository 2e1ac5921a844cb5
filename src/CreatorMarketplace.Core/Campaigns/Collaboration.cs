using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Campaigns;

/// <summary>
/// One brand × creator × campaign collaboration: invitation or application, offers and counter-offers, the
/// contract, then drafts, reviews, posting and verification for each of the contract's deliverables, with a
/// message thread throughout.
/// </summary>
/// <remarks>
/// <para>
/// Every change is an event (<see cref="History"/>), applied by the same code whether it was just raised or is
/// loaded by <see cref="FromHistory"/> or <see cref="FromSnapshot"/>, so a collaboration rebuilt from its events is
/// the same collaboration. Each event also appends to <see cref="AuditTrail"/>: who, when, what, and the state
/// before and after.
/// </para>
/// <para>
/// An action the state does not allow returns <see cref="NotAllowed"/> naming the action and the state; invalid
/// input throws. Either way nothing changes and no event is raised.
/// </para>
/// </remarks>
public sealed partial class Collaboration : AggregateRoot<CollaborationId>, ISnapshotable<Collaboration, CollaborationSnapshot>
{
    private readonly List<CollaborationEvent> _history = [];
    private readonly List<Offer> _offers = [];
    private readonly List<DeliverableProgress> _deliverables = [];
    private readonly List<Message> _messages = [];
    private readonly List<AuditEntry> _audit = [];
    private int _brandReadUpTo;
    private int _creatorReadUpTo;

    // While a stored history is checked, the events the commands record are collected here instead of raised.
    private List<CollaborationEvent>? _rerecorded;

    private Collaboration(CollaborationId id, long version)
        : base(id, version)
    {
    }

    /// <summary>The campaign.</summary>
    public CampaignId Campaign { get; private set; }

    /// <summary>The brand.</summary>
    public BrandId Brand { get; private set; }

    /// <summary>The creator.</summary>
    public CreatorId Creator { get; private set; }

    /// <summary>The campaign's industry categories, checked against the creator's exclusivities.</summary>
    public IReadOnlyList<IndustryLabel> Categories { get; private set; } = [];

    /// <summary>The rules the collaboration runs under.</summary>
    public CollaborationPolicy Policy { get; private set; } = CollaborationPolicy.Default;

    /// <summary>Where the collaboration stands.</summary>
    public CollaborationStatus Status { get; private set; } = CollaborationStatus.Invited;

    /// <summary>Every offer, in the order made.</summary>
    public IReadOnlyList<Offer> Offers => _offers.AsReadOnly();

    /// <summary>The accepted offer, once there is one.</summary>
    public Offer? AgreedOffer => _offers.Find(offer => offer.Status == OfferStatus.Accepted);

    /// <summary>The contract, once attached.</summary>
    public ContractId? Contract { get; private set; }

    /// <summary>
    /// The number of the contract's version attached: its deliverables and payment terms are the ones the
    /// collaboration works to, whatever the contract is amended to later. Null until a contract is attached, and in a
    /// history stored before the version was recorded.
    /// </summary>
    public int? ContractVersion { get; private set; }

    /// <summary>The revision rounds the contract allows per deliverable.</summary>
    public int RevisionRounds { get; private set; }

    /// <summary>Whether drafts also go through the platform's ad review.</summary>
    public bool RequiresAdReview { get; private set; }

    /// <summary>The contract's deliverables and how far each has come.</summary>
    public IReadOnlyList<DeliverableProgress> Deliverables => _deliverables.AsReadOnly();

    /// <summary>The message thread, oldest first.</summary>
    public IReadOnlyList<Message> Messages => _messages.AsReadOnly();

    /// <summary>Every event, oldest first: the collaboration's history.</summary>
    public IReadOnlyList<CollaborationEvent> History => _history.AsReadOnly();

    /// <summary>The append-only audit trail, one entry per event.</summary>
    public IReadOnlyList<AuditEntry> AuditTrail => _audit.AsReadOnly();

    /// <summary>Why and by whom the invitation or application was turned down, if it was.</summary>
    public string? DeclineReason { get; private set; }

    /// <summary>How the collaboration was cancelled, if it was.</summary>
    public CollaborationCancellation? Cancellation { get; private set; }

    /// <summary>The actions the collaboration's status allows now.</summary>
    public IReadOnlyList<CollaborationAction> PermittedActions => Status.PermittedActions;

    /// <summary>A brand invites a creator to a campaign.</summary>
    /// <param name="id">The collaboration's id.</param>
    /// <param name="campaign">The campaign; it must be recruiting or running.</param>
    /// <param name="creator">The creator.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="policy">The rules; <see cref="CollaborationPolicy.Default"/> when null.</param>
    /// <returns>The collaboration, or <see cref="NotAllowed"/> when the campaign is not taking creators.</returns>
    /// <exception cref="DomainValidationException">The creator is the default id, or the policy is invalid (<see cref="CollaborationPolicy.Validate"/>).</exception>
    public static CommandResult<Collaboration> Invite(CollaborationId id, Campaign campaign, CreatorId creator, IClock clock, CollaborationPolicy? policy = null) =>
        Open(id, campaign, creator, Actor.Brand, clock, policy);

    /// <summary>A creator applies to a campaign.</summary>
    /// <param name="id">The collaboration's id.</param>
    /// <param name="campaign">The campaign; it must be recruiting or running.</param>
    /// <param name="creator">The creator.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="policy">The rules; <see cref="CollaborationPolicy.Default"/> when null.</param>
    /// <returns>The collaboration, or <see cref="NotAllowed"/> when the campaign is not taking creators.</returns>
    /// <exception cref="DomainValidationException">The creator is the default id, or the policy is invalid (<see cref="CollaborationPolicy.Validate"/>).</exception>
    public static CommandResult<Collaboration> Apply(CollaborationId id, Campaign campaign, CreatorId creator, IClock clock, CollaborationPolicy? policy = null) =>
        Open(id, campaign, creator, Actor.Creator, clock, policy);

    /// <summary>The progress of one of the contract's deliverables.</summary>
    /// <param name="name">The deliverable's name.</param>
    /// <returns>Its progress.</returns>
    /// <exception cref="ArgumentException">There is no such deliverable (before a contract there are none).</exception>
    public DeliverableProgress Deliverable(string name) =>
        _deliverables.Find(deliverable => deliverable.Name == name)
        ?? throw DomainValidationException.Of(nameof(name), "collaboration.unknown_deliverable", $"the collaboration has no deliverable named {ErrorText.Quote(name)}{(Contract is null ? " (no contract is attached yet)" : "")}.");

    /// <summary>Cancels the collaboration, recording who, why and how far it had got (for the refund rules).</summary>
    /// <param name="by">The brand or the creator.</param>
    /// <param name="reason">Why; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once it has ended.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank or breaks <see cref="TextRule.MultiLine"/>.</exception>
    public CommandResult Cancel(Actor by, string reason, IClock clock)
    {
        RequirePartyWithReason(by, reason, clock);
        if (Refuse(CollaborationAction.Cancel) is { } refusal)
        {
            return refusal;
        }

        // A window closed with nothing posted is the creator's missed deadline, however far the rest had got. A draft
        // left unreviewed past the policy's period is approved for the refund, whether or not the auto-approval ran.
        var now = Now(clock);
        var stage = _deliverables.Exists(progress => progress.Post is null && now >= progress.Window.End) ? CancellationStage.AfterMissedDeadline
            : _deliverables.Count > 0 && _deliverables.TrueForAll(progress => CountsAsApproved(progress, now) || progress.Post is not null) ? CancellationStage.AfterApproval
            : _deliverables.Exists(progress => progress.Drafts.Count > 0) ? CancellationStage.AfterSubmission : CancellationStage.BeforeSubmission;
        Record(new CollaborationCancelled(Id, by, now, new CollaborationCancellation(by, reason, now, stage), Brand, Creator, AgreedOffer?.Terms.Price));
        return CommandResult.Done;
    }

    private static CommandResult<Collaboration> Open(CollaborationId id, Campaign campaign, CreatorId creator, Actor opener, IClock clock, CollaborationPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(clock);
        policy ??= CollaborationPolicy.Default;
        RequireOpening(campaign.Brand, creator, policy);
        if (campaign.Status != CampaignStatus.Recruiting && campaign.Status != CampaignStatus.Running)
        {
            return new NotAllowed(opener == Actor.Brand ? "invite" : "apply", campaign.Status.Name, "the campaign takes creators only while recruiting or running.");
        }

        var collaboration = new Collaboration(id, 0);
        collaboration.Record(new CollaborationOpened(id, opener, clock.GetCurrentInstant(), campaign.Id, campaign.Brand, creator, campaign.Plan.Categories, policy));
        return collaboration;
    }

    // The parties, named by id (the default id names no one, as for a shortlist's owner), and rules the commands can
    // work with: what an opening needs, whether made now or stored.
    private static void RequireOpening(BrandId brand, CreatorId creator, CollaborationPolicy policy)
    {
        var errors = new ErrorCollector();
        errors.Require(brand != default, nameof(brand), "collaboration.brand_missing", "a collaboration is with a brand, named by its id.");
        errors.Require(creator != default, nameof(creator), "collaboration.creator_missing", "a collaboration is with a creator, named by its id.");
        errors.At(nameof(policy)).AddRange(policy.Validate());
        errors.ThrowIfAny();
    }

    // A command's time, never before the history's last event (RecordedTime), so that the history it records can be read back.
    private Instant Now(IClock clock) => RecordedTime.Now(clock, _history.Count == 0 ? null : _history[^1].OccurredAt);

    private static Actor RequireParty(Actor actor, string paramName)
    {
        ArgumentNullException.ThrowIfNull(actor, paramName);
        return actor.IsParty ? actor : throw new ArgumentException($"{paramName}: only the brand or the creator can do this, not the system.", paramName);
    }

    // Declining and cancelling: by the brand or the creator, for a reason that is not blank.
    private static void RequirePartyWithReason(Actor by, string reason, IClock clock)
    {
        RequireParty(by, nameof(by));
        TextRule.MultiLine.RequireNonBlank(reason);
        ArgumentNullException.ThrowIfNull(clock);
    }

    private NotAllowed? Refuse(CollaborationAction action) => NotAllowed.UnlessPermitted(action, Status, "collaboration");

    private NotAllowed NotAllowedNow(CollaborationAction action, string reason) => new(action.Name, Status.Name, reason);

    private void Record(CollaborationEvent e)
    {
        When(e);
        if (_rerecorded is { } rerecorded)
        {
            rerecorded.Add(e);
        }
        else
        {
            Raise(e);
        }
    }
}
