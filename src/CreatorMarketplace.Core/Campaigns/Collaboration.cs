using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
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
/// replayed by <see cref="FromHistory"/>, so a collaboration rebuilt from its events is the same collaboration. Each
/// event also appends to <see cref="AuditTrail"/>: who, when, what, and the state before and after.
/// </para>
/// <para>
/// An action the state does not allow returns <see cref="NotAllowed"/> naming the action and the state; invalid
/// input throws. Either way nothing changes and no event is raised.
/// </para>
/// </remarks>
public sealed class Collaboration : AggregateRoot<CollaborationId>, ISnapshotable<Collaboration, CollaborationSnapshot>
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
    public static ActionResult<Collaboration> Invite(CollaborationId id, Campaign campaign, CreatorId creator, IClock clock, CollaborationPolicy? policy = null) =>
        Open(id, campaign, creator, Actor.Brand, clock, policy);

    /// <summary>A creator applies to a campaign.</summary>
    /// <param name="id">The collaboration's id.</param>
    /// <param name="campaign">The campaign; it must be recruiting or running.</param>
    /// <param name="creator">The creator.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="policy">The rules; <see cref="CollaborationPolicy.Default"/> when null.</param>
    /// <returns>The collaboration, or <see cref="NotAllowed"/> when the campaign is not taking creators.</returns>
    public static ActionResult<Collaboration> Apply(CollaborationId id, Campaign campaign, CreatorId creator, IClock clock, CollaborationPolicy? policy = null) =>
        Open(id, campaign, creator, Actor.Creator, clock, policy);

    /// <summary>Rebuilds a collaboration from its events, oldest first; nothing is pending afterwards.</summary>
    /// <param name="history">The events, starting with <see cref="CollaborationOpened"/>, all of one collaboration.</param>
    /// <param name="version">The stored version the events bring it to.</param>
    /// <returns>The collaboration.</returns>
    /// <exception cref="ArgumentException">The history is empty, does not start with the opening, or mixes collaborations.</exception>
    public static Collaboration FromHistory(IEnumerable<CollaborationEvent> history, long version = 0)
    {
        ArgumentNullException.ThrowIfNull(history);
        var events = history.ToList();
        if (events is not [CollaborationOpened first, ..] || CheckHistory(events, first.Collaboration, new ErrorCollector()) < events.Count)
        {
            throw new ArgumentException("history: a collaboration's history starts with its opening and holds only its own events.", nameof(history));
        }

        var collaboration = new Collaboration(first.Collaboration, version);
        events.ForEach(collaboration.Apply);
        return collaboration;
    }

    /// <summary>
    /// Restores a collaboration from its stored history. Each event's command is run again, at the event's time,
    /// on the state the events before it built, and must be allowed and record exactly that event; so a history no
    /// sequence of commands could have recorded is refused.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="version">The version it was stored at; at least 1.</param>
    /// <returns>The collaboration, with no pending events.</returns>
    /// <exception cref="DomainValidationException">The snapshot breaks the collaboration's rules; each problem names the event, as <c>history[3]</c>.</exception>
    public static Collaboration FromSnapshot(CollaborationSnapshot snapshot, long version)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var errors = new ErrorCollector();
        var idKnown = errors.Require(snapshot.Id != default, "Id", "snapshot.id_empty", "a collaboration needs an id.");
        Collaboration? collaboration = null;
        if (snapshot.History is not { } history)
        {
            errors.Add("History", "snapshot.history_missing", "a collaboration has a history.");
        }
        else
        {
            var sound = CheckHistory(history, idKnown ? snapshot.Id : null, errors.At("History"));
            if (idKnown && sound > 0)
            {
                collaboration = new Collaboration(snapshot.Id, version);
                collaboration.Replay(history, sound, errors.At("History"));
            }
        }

        errors.ThrowIfAny(nameof(snapshot));
        return collaboration!;
    }

    /// <inheritdoc />
    public CollaborationSnapshot ToSnapshot() => new(Id, _history.ToArray());

    /// <summary>How many of the other party's messages a party has not read.</summary>
    /// <param name="reader">The brand or the creator.</param>
    /// <returns>The number unread.</returns>
    public int UnreadBy(Actor reader)
    {
        var readUpTo = ReadUpTo(RequireParty(reader, nameof(reader)));
        return _messages.Count(message => message.Author != reader && message.Number > readUpTo);
    }

    /// <summary>The progress of one of the contract's deliverables.</summary>
    /// <param name="name">The deliverable's name.</param>
    /// <returns>Its progress.</returns>
    /// <exception cref="ArgumentException">There is no such deliverable (before a contract there are none).</exception>
    public DeliverableProgress Deliverable(string name) =>
        _deliverables.Find(deliverable => deliverable.Name == name)
        ?? throw new ArgumentException($"name: the collaboration has no deliverable named {ErrorText.Quote(name)}{(Contract is null ? " (no contract is attached yet)" : "")}.", nameof(name));

    /// <summary>Makes an offer, or a counter-offer that answers the other party's open offer.</summary>
    /// <param name="from">The brand or the creator.</param>
    /// <param name="terms">Price, deliverables and rights.</param>
    /// <param name="expiresAt">The first instant it can no longer be accepted; after now.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> after agreement or when the party's own offer is still open.</returns>
    /// <exception cref="DomainValidationException">The terms are invalid, or the offer would expire at once.</exception>
    public ActionResult MakeOffer(Actor from, OfferTerms terms, Instant expiresAt, IClock clock)
    {
        RequireParty(from, nameof(from));
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetCurrentInstant();
        var errors = new ErrorCollector();
        errors.AddRange(terms.Validate());
        errors.Require(expiresAt > now, nameof(expiresAt), "offer.expired_at_once", $"an offer must expire after it is made ({now}), got {expiresAt}.");
        errors.ThrowIfAny();
        if (Refuse(CollaborationAction.MakeOffer) is { } refusal)
        {
            return refusal;
        }

        if (_offers.Find(offer => offer.From == from && offer.StatusAt(now) == OfferStatus.Open) is { } open)
        {
            return NotAllowedNow(CollaborationAction.MakeOffer, $"the {from}'s offer {open.Number} is still open; withdraw it first.");
        }

        Record(new OfferMade(Id, from, now, new Offer(_offers.Count + 1, from, terms, now, expiresAt, OfferStatus.Open)));
        return ActionResult.Done;
    }

    /// <summary>Accepts the other party's open offer; its price and terms are agreed.</summary>
    /// <param name="by">The brand or the creator.</param>
    /// <param name="number">The offer's number.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when the offer is one's own or no longer open (expired, countered…).</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no offer with that number.</exception>
    public ActionResult AcceptOffer(Actor by, int number, IClock clock) =>
        AnswerOffer(CollaborationAction.AcceptOffer, by, number, clock, ownOffer: false, (offer, now) => new OfferAccepted(Id, by, now, offer.Number, offer.Terms.Price));

    /// <summary>Declines the other party's open offer.</summary>
    /// <param name="by">The brand or the creator.</param>
    /// <param name="number">The offer's number.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when the offer is one's own or no longer open.</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no offer with that number.</exception>
    public ActionResult DeclineOffer(Actor by, int number, IClock clock) =>
        AnswerOffer(CollaborationAction.DeclineOffer, by, number, clock, ownOffer: false, (offer, now) => new OfferDeclined(Id, by, now, offer.Number));

    /// <summary>Withdraws one's own open offer.</summary>
    /// <param name="by">The brand or the creator.</param>
    /// <param name="number">The offer's number.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when the offer is the other party's or no longer open.</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no offer with that number.</exception>
    public ActionResult WithdrawOffer(Actor by, int number, IClock clock) =>
        AnswerOffer(CollaborationAction.WithdrawOffer, by, number, clock, ownOffer: true, (offer, now) => new OfferWithdrawn(Id, by, now, offer.Number));

    /// <summary>Turns down the invitation (the creator) or the application (the brand).</summary>
    /// <param name="by">The invited creator or the brand applied to.</param>
    /// <param name="reason">Why; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once negotiating, or for the party who opened it.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank or breaks <see cref="TextRule.MultiLine"/>.</exception>
    public ActionResult Decline(Actor by, string reason, IClock clock)
    {
        RequireParty(by, nameof(by));
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        TextRule.MultiLine.Require(reason, nameof(reason));
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CollaborationAction.Decline) is { } refusal)
        {
            return refusal;
        }

        var opener = Status == CollaborationStatus.Invited ? Actor.Brand : Actor.Creator;
        if (by == opener)
        {
            return NotAllowedNow(CollaborationAction.Decline, $"the {by} opened this collaboration; cancel it instead.");
        }

        Record(new CollaborationDeclined(Id, by, clock.GetCurrentInstant(), reason));
        return ActionResult.Done;
    }

    /// <summary>
    /// Attaches the contract both parties have signed for the agreed offer. The creator's other contracts are checked
    /// for exclusivities the collaboration would break, from now to the end of its last posting window.
    /// </summary>
    /// <param name="contract">The contract, between this brand and creator, for the agreed price.</param>
    /// <param name="creatorsContracts">The creator's other contracts, for the exclusivity check.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> unless agreed, when the contract is not signed by both, or when an exclusivity conflicts (each named with its contract).</returns>
    /// <exception cref="ArgumentException">The contract is between other parties.</exception>
    /// <exception cref="DomainValidationException">The contract's fee is not the agreed price.</exception>
    public ActionResult AttachContract(Contract contract, IEnumerable<Contract> creatorsContracts, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(creatorsContracts);
        ArgumentNullException.ThrowIfNull(clock);
        if (contract.Brand != Brand || contract.Creator != Creator)
        {
            throw new ArgumentException($"contract: the contract is between brand {contract.Brand} and creator {contract.Creator}, not this collaboration's parties.", nameof(contract));
        }

        if (Refuse(CollaborationAction.AttachContract) is { } refusal)
        {
            return refusal;
        }

        if (contract.InForce is not { } version)
        {
            return NotAllowedNow(CollaborationAction.AttachContract, $"contract {contract.Id} is {contract.Status} and not yet signed by both parties.");
        }

        var price = AgreedOffer!.Terms.Price;
        if (version.Terms.Fee != price)
        {
            throw new DomainValidationException([new DomainError("Fee", "collaboration.fee_mismatch", $"the contract's fee {version.Terms.Fee} is not the agreed price {price}.")], nameof(contract));
        }

        var now = clock.GetCurrentInstant();
        var end = version.Terms.Deliverables.Max(deliverable => deliverable.Window.End);
        if (end > now)
        {
            var conflicts = ExclusivityConflicts.For(creatorsContracts.Where(other => other.Id != contract.Id), Creator, new ProposedEngagement(Brand, Categories, now, end));
            if (conflicts.Count > 0)
            {
                return NotAllowedNow(CollaborationAction.AttachContract, $"the creator is under exclusivity: {string.Join("; ", conflicts)}");
            }
        }

        var paid = version.Terms.Grants.Any(grant => grant.Channels.Contains(UsageChannel.PaidAmplification));
        Record(new ContractAttached(Id, Actor.Brand, now, contract.Id, version.Terms.Deliverables, version.Terms.Revisions.Rounds, paid));
        return ActionResult.Done;
    }

    /// <summary>The creator submits a draft of a deliverable: the first, or a new one after a failed review.</summary>
    /// <param name="deliverable">The deliverable's name.</param>
    /// <param name="content">A reference to the content; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when a draft is under review or approved.</returns>
    /// <exception cref="ArgumentException">No such deliverable, or content that is blank or breaks <see cref="TextRule.MultiLine"/>.</exception>
    public ActionResult SubmitDraft(string deliverable, string content, IClock clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(content);
        TextRule.MultiLine.Require(content, nameof(content));
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CollaborationAction.SubmitDraft) is { } refusal)
        {
            return refusal;
        }

        var progress = Deliverable(deliverable);
        if (!progress.Review.AcceptsNewDraft)
        {
            return NotAllowedNow(CollaborationAction.SubmitDraft, $"draft {progress.Drafts.Count} of {deliverable} is {progress.Review}.");
        }

        Record(new DraftSubmitted(Id, Actor.Creator, clock.GetCurrentInstant(), deliverable, progress.Drafts.Count + 1, content));
        return ActionResult.Done;
    }

    /// <summary>The brand approves the content of the draft under review.</summary>
    /// <param name="deliverable">The deliverable's name.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when no draft awaits content review.</returns>
    /// <exception cref="ArgumentException">No such deliverable.</exception>
    public ActionResult ApproveContent(string deliverable, IClock clock) =>
        Review(deliverable, clock, (progress, now) => new ContentApproved(Id, Actor.Brand, now, deliverable, progress.Drafts.Count));

    /// <summary>
    /// The brand fails the content of the draft under review and asks for a revision; the contract bounds how many
    /// it may ask for, and a draft left past the auto-approval period can no longer be sent back.
    /// </summary>
    /// <param name="deliverable">The deliverable's name.</param>
    /// <param name="notes">What to change; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when no draft awaits content review, the rounds are used up, or the draft counts as approved.</returns>
    /// <exception cref="ArgumentException">No such deliverable, or notes that are blank or break <see cref="TextRule.MultiLine"/>.</exception>
    public ActionResult RequestRevision(string deliverable, string notes, IClock clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notes);
        TextRule.MultiLine.Require(notes, nameof(notes));
        return Review(deliverable, clock, (progress, now) =>
        {
            var draft = progress.Drafts[^1];
            if (now >= draft.SubmittedAt + Policy.AutoApprovalAfter)
            {
                return NotAllowedNow(CollaborationAction.ReviewContent, $"draft {draft.Version} of {deliverable} counts as approved since {draft.SubmittedAt + Policy.AutoApprovalAfter}, {Policy.AutoApprovalAfter.Days} days after it was submitted without a review.");
            }

            var used = RevisionRounds switch
            {
                0 => $"the contract allows no revisions of {deliverable}",
                1 => $"the one revision round of {deliverable} is used",
                _ => $"all {RevisionRounds} revision rounds of {deliverable} are used",
            };
            return progress.RevisionsRequested >= RevisionRounds
                ? NotAllowedNow(CollaborationAction.ReviewContent, $"{used}; approve the draft or cancel.")
                : new RevisionRequested(Id, Actor.Brand, now, deliverable, draft.Version, notes);
        });
    }

    /// <summary>Records the platform's ad review of the draft under ad review.</summary>
    /// <param name="deliverable">The deliverable's name.</param>
    /// <param name="passed">Whether it passed.</param>
    /// <param name="reason">Why it failed; required when it did.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when no draft is under ad review.</returns>
    /// <exception cref="ArgumentException">No such deliverable, a failure without a reason, or a reason that breaks <see cref="TextRule.MultiLine"/>.</exception>
    public ActionResult RecordAdReview(string deliverable, bool passed, string? reason, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!passed)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(reason);
            TextRule.MultiLine.Require(reason, nameof(reason));
        }

        if (Refuse(CollaborationAction.RecordAdReview) is { } refusal)
        {
            return refusal;
        }

        var progress = Deliverable(deliverable);
        if (progress.Review != ReviewState.AdReviewing)
        {
            return NotAllowedNow(CollaborationAction.RecordAdReview, $"{deliverable} is {progress.Review}, not ad reviewing.");
        }

        Record(new AdReviewRecorded(Id, Actor.Brand, clock.GetCurrentInstant(), deliverable, progress.Drafts.Count, passed, passed ? null : reason));
        return ActionResult.Done;
    }

    /// <summary>
    /// Approves every draft the brand has left in content review for the policy's period (14 days by default).
    /// Run it from a scheduled job; the injected clock decides what is due.
    /// </summary>
    /// <param name="clock">The clock.</param>
    /// <returns>The deliverables approved (none when nothing is due), or <see cref="NotAllowed"/> outside production.</returns>
    public ActionResult<IReadOnlyList<string>> ApplyAutoApprovals(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CollaborationAction.AutoApprove) is { } refusal)
        {
            return refusal;
        }

        var now = clock.GetCurrentInstant();
        var due = _deliverables
            .Where(progress => progress.Review == ReviewState.ContentReviewing && now >= progress.Drafts[^1].SubmittedAt + Policy.AutoApprovalAfter)
            .ToList();
        foreach (var progress in due)
        {
            Record(new ContentApproved(Id, Actor.System, now, progress.Name, progress.Drafts.Count));
        }

        return ActionResult<IReadOnlyList<string>>.Done([.. due.Select(progress => progress.Name)]);
    }

    /// <summary>The creator records that an approved deliverable was posted, inside its posting window.</summary>
    /// <param name="deliverable">The deliverable's name.</param>
    /// <param name="post">The post; not in the future.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when the draft is not approved, it is already posted, or the post is outside the window.</returns>
    /// <exception cref="ArgumentException">No such deliverable, a post dated after now, or a post id that is blank or breaks <see cref="TextRule.SingleLine"/>.</exception>
    public ActionResult RecordPost(string deliverable, PostRecord post, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentException.ThrowIfNullOrWhiteSpace(post.PostId, nameof(post));
        TextRule.SingleLine.Require(post.PostId, nameof(post), $"{nameof(post)}.{nameof(PostRecord.PostId)}");
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetCurrentInstant();
        if (post.PostedAt > now)
        {
            throw new ArgumentException($"post: a post cannot be recorded before it goes live ({post.PostedAt}, now {now}).", nameof(post));
        }

        if (Refuse(CollaborationAction.RecordPost) is { } refusal)
        {
            return refusal;
        }

        var progress = Deliverable(deliverable);
        if (progress.Post is { } posted)
        {
            return NotAllowedNow(CollaborationAction.RecordPost, $"{deliverable} was already posted at {posted.PostedAt}.");
        }

        if (!progress.IsApproved)
        {
            return NotAllowedNow(CollaborationAction.RecordPost, $"{deliverable} is {progress.Review}; only an approved draft may be posted.");
        }

        if (!progress.Window.Contains(post.PostedAt))
        {
            return NotAllowedNow(CollaborationAction.RecordPost, $"posted at {post.PostedAt}, outside {deliverable}'s window {progress.Window}.");
        }

        Record(new PostRecorded(Id, Actor.Creator, now, deliverable, post));
        return ActionResult.Done;
    }

    /// <summary>
    /// Records the check of a post: live, and disclosed as the contract requires. When every deliverable has
    /// passed, the collaboration is completed. A failed check can be repeated once the post is fixed.
    /// </summary>
    /// <param name="deliverable">The deliverable's name.</param>
    /// <param name="live">Whether the post was live.</param>
    /// <param name="disclosure">The disclosure check of the post (see <see cref="DisclosureDuty.Check"/>).</param>
    /// <param name="by">Who checked.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when the deliverable is not posted or has already passed.</returns>
    /// <exception cref="ArgumentException">No such deliverable.</exception>
    public ActionResult Verify(string deliverable, bool live, DisclosureResult disclosure, Actor by, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CollaborationAction.Verify) is { } refusal)
        {
            return refusal;
        }

        var progress = Deliverable(deliverable);
        if (progress.Post is null || progress.IsVerified)
        {
            return NotAllowedNow(CollaborationAction.Verify, progress.Post is null ? $"{deliverable} has not been posted." : $"{deliverable} has already passed its verification.");
        }

        var now = clock.GetCurrentInstant();
        Record(new PostVerified(Id, by, now, deliverable, new Verification(live, disclosure, now)));
        if (_deliverables.TrueForAll(item => item.IsVerified))
        {
            Record(new CollaborationCompleted(Id, by, now));
        }

        return ActionResult.Done;
    }

    /// <summary>Cancels the collaboration, recording who, why and how far it had got (for the refund rules).</summary>
    /// <param name="by">The brand or the creator.</param>
    /// <param name="reason">Why; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once it has ended.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank or breaks <see cref="TextRule.MultiLine"/>.</exception>
    public ActionResult Cancel(Actor by, string reason, IClock clock)
    {
        RequireParty(by, nameof(by));
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        TextRule.MultiLine.Require(reason, nameof(reason));
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CollaborationAction.Cancel) is { } refusal)
        {
            return refusal;
        }

        var stage = _deliverables.Count > 0 && _deliverables.TrueForAll(progress => progress.IsApproved || progress.Post is not null)
            ? CancellationStage.AfterApproval
            : _deliverables.Exists(progress => progress.Drafts.Count > 0) ? CancellationStage.AfterSubmission : CancellationStage.BeforeSubmission;
        var now = clock.GetCurrentInstant();
        Record(new CollaborationCancelled(Id, by, now, new CollaborationCancellation(by, reason, now, stage)));
        return ActionResult.Done;
    }

    /// <summary>Sends a message in the thread.</summary>
    /// <param name="author">The brand or the creator.</param>
    /// <param name="body">The text; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="attachments">References to attached files.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once the collaboration has ended.</returns>
    /// <exception cref="ArgumentException">
    /// A blank body or attachment, a body that breaks <see cref="TextRule.MultiLine"/>, or an attachment that breaks
    /// <see cref="TextRule.SingleLine"/> (named by its index).
    /// </exception>
    public ActionResult SendMessage(Actor author, string body, IClock clock, IReadOnlyList<string>? attachments = null)
    {
        RequireParty(author, nameof(author));
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        TextRule.MultiLine.Require(body, nameof(body));
        ArgumentNullException.ThrowIfNull(clock);
        if (attachments is not null && attachments.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("attachments: an attachment reference may not be blank.", nameof(attachments));
        }

        for (var i = 0; i < (attachments?.Count ?? 0); i++)
        {
            TextRule.SingleLine.Require(attachments![i], nameof(attachments), $"{nameof(attachments)}[{i}]");
        }

        if (Refuse(CollaborationAction.SendMessage) is { } refusal)
        {
            return refusal;
        }

        var now = clock.GetCurrentInstant();
        Record(new MessageSent(Id, author, now, new Message(_messages.Count + 1, author, now, body, [.. attachments ?? []])));
        return ActionResult.Done;
    }

    /// <summary>Marks every message of the other party as read by a party.</summary>
    /// <param name="reader">The brand or the creator.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done (with nothing to change when all were read).</returns>
    public ActionResult ReadMessages(Actor reader, IClock clock)
    {
        RequireParty(reader, nameof(reader));
        ArgumentNullException.ThrowIfNull(clock);
        var newest = _messages.FindLast(message => message.Author != reader)?.Number ?? 0;
        if (newest > ReadUpTo(reader))
        {
            Record(new MessagesRead(Id, reader, clock.GetCurrentInstant(), newest));
        }

        return ActionResult.Done;
    }

    private static ActionResult<Collaboration> Open(CollaborationId id, Campaign campaign, CreatorId creator, Actor opener, IClock clock, CollaborationPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(clock);
        if (campaign.Status != CampaignStatus.Recruiting && campaign.Status != CampaignStatus.Running)
        {
            return new NotAllowed(opener == Actor.Brand ? "invite" : "apply", campaign.Status.Name, "the campaign takes creators only while recruiting or running.");
        }

        var collaboration = new Collaboration(id, 0);
        collaboration.Record(new CollaborationOpened(id, opener, clock.GetCurrentInstant(), campaign.Id, campaign.Brand, creator, campaign.Plan.Categories, policy ?? CollaborationPolicy.Default));
        return collaboration;
    }

    private static Actor RequireParty(Actor actor, string paramName)
    {
        ArgumentNullException.ThrowIfNull(actor, paramName);
        return actor.IsParty ? actor : throw new ArgumentException($"{paramName}: only the brand or the creator can do this, not the system.", paramName);
    }

    private int ReadUpTo(Actor reader) => reader == Actor.Brand ? _brandReadUpTo : _creatorReadUpTo;

    private ActionResult AnswerOffer(CollaborationAction action, Actor by, int number, IClock clock, bool ownOffer, Func<Offer, Instant, CollaborationEvent> answer)
    {
        RequireParty(by, nameof(by));
        ArgumentNullException.ThrowIfNull(clock);
        if (number < 1 || number > _offers.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, $"number: there is no offer {number}; the collaboration has {_offers.Count}.");
        }

        if (Refuse(action) is { } refusal)
        {
            return refusal;
        }

        var offer = _offers[number - 1];
        var now = clock.GetCurrentInstant();
        if ((offer.From == by) != ownOffer)
        {
            return NotAllowedNow(action, ownOffer ? $"offer {number} is the {offer.From}'s, not the {by}'s." : $"offer {number} is the {by}'s own.");
        }

        if (offer.StatusAt(now) is var status && status != OfferStatus.Open)
        {
            return NotAllowedNow(action, $"offer {number} is {status}{(status == OfferStatus.Expired ? $" since {offer.ExpiresAt}" : "")}.");
        }

        Record(answer(offer, now));
        return ActionResult.Done;
    }

    private ActionResult Review(string deliverable, IClock clock, Func<DeliverableProgress, Instant, OneOf.OneOf<CollaborationEvent, NotAllowed>> decide)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CollaborationAction.ReviewContent) is { } refusal)
        {
            return refusal;
        }

        var progress = Deliverable(deliverable);
        if (progress.Review != ReviewState.ContentReviewing)
        {
            return NotAllowedNow(CollaborationAction.ReviewContent, $"{deliverable} is {progress.Review}; no draft awaits content review.");
        }

        return decide(progress, clock.GetCurrentInstant()).Match<ActionResult>(
            e =>
            {
                Record(e);
                return ActionResult.Done;
            },
            notAllowed => notAllowed);
    }

    private NotAllowed? Refuse(CollaborationAction action) => NotAllowed.UnlessPermitted(action, Status, "collaboration");

    private NotAllowed NotAllowedNow(CollaborationAction action, string reason) => new(action.Name, Status.Name, reason);

    private void Record(CollaborationEvent e)
    {
        Apply(e);
        if (_rerecorded is { } rerecorded)
        {
            rerecorded.Add(e);
        }
        else
        {
            Raise(e);
        }
    }

    // A history starts with the opening and holds only the collaboration's own events (any, when the id is not
    // known). Returns how many events come before the first that breaks this.
    private static int CheckHistory(IReadOnlyList<CollaborationEvent?> events, CollaborationId? id, ErrorCollector errors)
    {
        if (events.Count == 0)
        {
            errors.Add("", "collaboration.history_unopened", "a collaboration's history starts with its opening.");
            return 0;
        }

        var sound = events.Count;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var holds = errors.Require(e is not null, $"[{i}]", "snapshot.event_missing", "an event is null.");
            holds &= errors.Require(e is null || i > 0 || e is CollaborationOpened, $"[{i}]", "collaboration.history_unopened", "a collaboration's history starts with its opening.");
            holds &= e is null || id is not { } own || errors.Require(e.Collaboration == own, $"[{i}].Collaboration", "collaboration.foreign_event", $"the event is collaboration {e.Collaboration}'s, not {own}'s.");
            if (!holds && sound == events.Count)
            {
                sound = i;
            }
        }

        return sound;
    }

    // Runs the command behind each of the first `sound` events again, at the event's time, on the state the events
    // before it built: each must be allowed and record exactly the stored events (a verification may record the
    // completion with it, an auto-approval several approvals). Past the first event that does not follow, the state
    // is unknown, so the check stops there.
    private void Replay(IReadOnlyList<CollaborationEvent> history, int sound, ErrorCollector errors)
    {
        var rerecorded = new List<CollaborationEvent>();
        _rerecorded = rerecorded;
        try
        {
            for (var i = 0; i < sound;)
            {
                rerecorded.Clear();
                if (Rerun(history[i], i) is { } problem)
                {
                    errors.At($"[{i}]").AddRange([problem]);
                    return;
                }

                if (rerecorded.Count == 0)
                {
                    errors.Add($"[{i}]", "collaboration.event_mismatch", $"at that point {history[i].Action} records nothing.");
                    return;
                }

                foreach (var e in rerecorded)
                {
                    if (i >= history.Count)
                    {
                        errors.Add("", "collaboration.history_cut", $"the history ends before {e}, which the event before it records with it.");
                        return;
                    }

                    if (i >= sound)
                    {
                        // CheckHistory has named it.
                        return;
                    }

                    if (!Same(e, history[i]))
                    {
                        errors.Add($"[{i}]", "collaboration.event_mismatch", $"at that point the command records {e}.");
                        return;
                    }

                    i++;
                }
            }
        }
        finally
        {
            _rerecorded = null;
        }
    }

    // Runs the command that records a stored event; null when it was allowed, else why not.
    private DomainError? Rerun(CollaborationEvent stored, int index)
    {
        var clock = new ClockAt(stored.OccurredAt);
        try
        {
            var refusal = stored switch
            {
                CollaborationOpened opened when index == 0 => Reopen(opened),
                OfferMade made => MakeOffer(made.Actor, Present(made.Offer, "offer").Terms, made.Offer.ExpiresAt, clock).Refusal,
                OfferAccepted accepted => AcceptOffer(accepted.Actor, accepted.Number, clock).Refusal,
                OfferDeclined declined => DeclineOffer(declined.Actor, declined.Number, clock).Refusal,
                OfferWithdrawn withdrawn => WithdrawOffer(withdrawn.Actor, withdrawn.Number, clock).Refusal,
                CollaborationDeclined declined => Decline(declined.Actor, declined.Reason, clock).Refusal,
                ContractAttached attached => Reattach(attached),
                DraftSubmitted submitted => SubmitDraft(submitted.Deliverable, submitted.Content, clock).Refusal,
                ContentApproved { Actor: var actor } when actor == Actor.System => ApplyAutoApprovals(clock).Refusal,
                ContentApproved approved => ApproveContent(approved.Deliverable, clock).Refusal,
                RevisionRequested revision => RequestRevision(revision.Deliverable, revision.Notes, clock).Refusal,
                AdReviewRecorded ad => RecordAdReview(ad.Deliverable, ad.Passed, ad.Reason, clock).Refusal,
                PostRecorded posted => RecordPost(posted.Deliverable, posted.Post, clock).Refusal,
                PostVerified verified => Verify(verified.Deliverable, Present(verified.Verification, "verification").Live, verified.Verification.Disclosure, verified.Actor, clock).Refusal,
                CollaborationCancelled cancelled => Cancel(cancelled.Actor, Present(cancelled.Cancellation, "cancellation").Reason, clock).Refusal,
                MessageSent sent => SendMessage(sent.Actor, Present(sent.Message, "message").Body, clock, sent.Message.Attachments).Refusal,
                MessagesRead read => ReadMessages(read.Actor, clock).Refusal,
                _ => throw new ArgumentException($"no command records a {stored.GetType().Name} at this point.", nameof(stored)),
            };
            return refusal is null ? null : new DomainError("", "collaboration.event_refused", refusal.ToString());
        }
        catch (ArgumentException invalid)
        {
            return new DomainError("", "collaboration.event_invalid", invalid.Message);
        }
    }

    // The opening as Open makes it; the campaign it checked is not part of the history.
    private NotAllowed? Reopen(CollaborationOpened opened)
    {
        RequireParty(opened.Actor, "actor");
        ArgumentNullException.ThrowIfNull(opened.Categories, "categories");
        ArgumentNullException.ThrowIfNull(opened.Policy, "policy");
        Record(opened);
        return null;
    }

    // The attachment as AttachContract makes it from a contract in force, whose terms give at least one
    // deliverable, names unique, and revision rounds of zero or more; the contract itself is not part of the history.
    private NotAllowed? Reattach(ContractAttached attached)
    {
        if (Refuse(CollaborationAction.AttachContract) is { } refusal)
        {
            return refusal;
        }

        if (attached.Actor != Actor.Brand)
        {
            throw new ArgumentException("actor: the brand attaches the contract.", nameof(attached));
        }

        if (attached.Deliverables is not { Count: > 0 } deliverables
            || deliverables.Any(deliverable => deliverable is null || string.IsNullOrWhiteSpace(deliverable.Name) || deliverable.Window is null)
            || deliverables.Select(deliverable => deliverable.Name).Distinct(StringComparer.Ordinal).Count() != deliverables.Count
            || attached.RevisionRounds < 0)
        {
            throw new ArgumentException("deliverables: a contract gives at least one deliverable, each named once and with a posting window, and zero or more revision rounds.", nameof(attached));
        }

        Record(attached);
        return null;
    }

    private static T Present<T>(T? value, string member)
        where T : class =>
        value ?? throw new ArgumentException($"{member}: the event carries its {member}.", member);

    // Events are records, whose lists compare by reference; a message's attachments compare by content.
    private static bool Same(CollaborationEvent rerecorded, CollaborationEvent stored) =>
        rerecorded is MessageSent sent && stored is MessageSent { Message.Attachments: { } attachments } && sent.Message.Attachments.SequenceEqual(attachments)
            ? sent with { Message = sent.Message with { Attachments = attachments } } == stored
            : rerecorded == stored;

    // The one place state changes: for new events and for replayed ones alike.
    private void Apply(CollaborationEvent e)
    {
        var before = Summary();
        switch (e)
        {
            case CollaborationOpened opened:
                (Campaign, Brand, Creator, Categories, Policy) = (opened.Campaign, opened.Brand, opened.Creator, opened.Categories, opened.Policy);
                Status = opened.Actor == Actor.Brand ? CollaborationStatus.Invited : CollaborationStatus.Applied;
                break;
            case OfferMade made:
                var countered = _offers.FindIndex(offer => offer.From != made.Actor && offer.Status == OfferStatus.Open);
                if (countered >= 0)
                {
                    _offers[countered] = _offers[countered] with { Status = OfferStatus.Countered };
                }

                _offers.Add(made.Offer);
                Status = CollaborationStatus.Negotiating;
                break;
            case OfferAccepted accepted:
                SetOffer(accepted.Number, OfferStatus.Accepted);
                Status = CollaborationStatus.Agreed;
                break;
            case OfferDeclined declined:
                SetOffer(declined.Number, OfferStatus.Declined);
                break;
            case OfferWithdrawn withdrawn:
                SetOffer(withdrawn.Number, OfferStatus.Withdrawn);
                break;
            case CollaborationDeclined declinedAll:
                DeclineReason = $"{declinedAll.Actor}: {declinedAll.Reason}";
                Status = CollaborationStatus.Declined;
                break;
            case ContractAttached attached:
                (Contract, RevisionRounds, RequiresAdReview) = (attached.Contract, attached.RevisionRounds, attached.RequiresAdReview);
                _deliverables.AddRange(attached.Deliverables.Select(d => new DeliverableProgress(d.Name, d.Window, [], 0, null, null)));
                Status = CollaborationStatus.InProduction;
                break;
            case DraftSubmitted submitted:
                Update(submitted.Deliverable, p => p with { Drafts = [.. p.Drafts, new Draft(submitted.Version, submitted.Content, submitted.OccurredAt, ReviewState.ContentReviewing, null, null)] });
                break;
            case ContentApproved approved:
                UpdateDraft(approved.Deliverable, d => d with { Review = RequiresAdReview ? ReviewState.AdReviewing : ReviewState.Succeeded, ReviewedAt = approved.OccurredAt });
                break;
            case RevisionRequested revision:
                UpdateDraft(revision.Deliverable, d => d with { Review = ReviewState.ContentReviewFailed, Notes = revision.Notes, ReviewedAt = revision.OccurredAt });
                Update(revision.Deliverable, p => p with { RevisionsRequested = p.RevisionsRequested + 1 });
                break;
            case AdReviewRecorded ad:
                UpdateDraft(ad.Deliverable, d => d with { Review = ad.Passed ? ReviewState.Succeeded : ReviewState.AdReviewFailed, Notes = ad.Reason, ReviewedAt = ad.OccurredAt });
                break;
            case PostRecorded posted:
                Update(posted.Deliverable, p => p with { Post = posted.Post });
                break;
            case PostVerified verified:
                Update(verified.Deliverable, p => p with { Verification = verified.Verification });
                break;
            case CollaborationCompleted:
                Status = CollaborationStatus.Completed;
                break;
            case CollaborationCancelled cancelled:
                Cancellation = cancelled.Cancellation;
                Status = CollaborationStatus.Cancelled;
                break;
            case MessageSent sent:
                _messages.Add(sent.Message);
                break;
            case MessagesRead read when read.Actor == Actor.Brand:
                _brandReadUpTo = read.UpTo;
                break;
            case MessagesRead read:
                _creatorReadUpTo = read.UpTo;
                break;
            default:
                throw new ArgumentException($"e: {e.GetType().Name} is not a collaboration event this version knows.", nameof(e));
        }

        _history.Add(e);
        _audit.Add(new AuditEntry(e.Actor, e.OccurredAt, e.Action, before, Summary()));
    }

    private void SetOffer(int number, OfferStatus status) => _offers[number - 1] = _offers[number - 1] with { Status = status };

    private void Update(string name, Func<DeliverableProgress, DeliverableProgress> change)
    {
        var index = _deliverables.FindIndex(progress => progress.Name == name);
        _deliverables[index] = change(_deliverables[index]);
    }

    private void UpdateDraft(string name, Func<Draft, Draft> change) =>
        Update(name, p => p with { Drafts = [.. p.Drafts.Take(p.Drafts.Count - 1), change(p.Drafts[^1])] });

    private string Summary() =>
        _deliverables.Count == 0
            ? Status.Name
            : $"{Status.Name}; {string.Join(", ", _deliverables.Select(p => $"{p.Name}: {(p.IsVerified ? "verified" : p.Post is not null ? "posted" : p.Review.Name)}"))}";

    // The clock of a rerun command: the stored event's time.
    private sealed class ClockAt(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}

/// <summary>
/// A collaboration's stored form: its history, from which everything it holds follows (see
/// <see cref="ISnapshotable{TSelf, TSnapshot}"/>).
/// </summary>
/// <param name="Id">The collaboration's id.</param>
/// <param name="History">Every event, oldest first, starting with the opening.</param>
public sealed record CollaborationSnapshot(CollaborationId Id, IReadOnlyList<CollaborationEvent> History);
