using NodaTime;

namespace CreatorMarketplace.Campaigns;

// The stored form: loading from events, and checking a stored history by running each event's command again.
public sealed partial class Collaboration
{
    /// <summary>Rebuilds a collaboration from its events, oldest first; nothing is pending afterwards.</summary>
    /// <param name="history">The events, starting with <see cref="CollaborationOpened"/>, all of one collaboration.</param>
    /// <param name="version">The stored version the events bring it to.</param>
    /// <returns>The collaboration.</returns>
    /// <exception cref="ArgumentException">The history is empty, does not start with the opening, mixes collaborations, or goes back in time.</exception>
    public static Collaboration FromHistory(IEnumerable<CollaborationEvent> history, long version = 0)
    {
        ArgumentNullException.ThrowIfNull(history);
        var events = history.ToList();
        if (events is not [CollaborationOpened first, ..] || CheckHistory(events, first.Collaboration, new ErrorCollector()) < events.Count)
        {
            throw new ArgumentException("history: a collaboration's history starts with its opening and holds only its own events, oldest first.", nameof(history));
        }

        return Rebuild(first.Collaboration, events, version);
    }

    /// <summary>
    /// Restores a collaboration from its stored history. The history is checked first: each event's command is run
    /// again, at the event's time, on the state the events before it built, and must be allowed and record exactly
    /// that event; so a history no sequence of commands could have recorded is refused. The collaboration is then
    /// rebuilt from its events as <see cref="FromHistory"/> rebuilds it.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="version">The version it was stored at; at least 1.</param>
    /// <returns>The collaboration, with no pending events.</returns>
    /// <exception cref="DomainValidationException">The snapshot breaks the collaboration's rules; each problem names the event, as <c>History[3]</c>.</exception>
    public static Collaboration FromSnapshot(CollaborationSnapshot snapshot, long version)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var errors = new ErrorCollector();
        var idKnown = errors.Require(snapshot.Id != default, "Id", "snapshot.id_empty", "a collaboration needs an id.");
        var history = snapshot.History;
        if (history is null)
        {
            errors.Add("History", "snapshot.history_missing", "a collaboration has a history.");
        }
        else
        {
            var sound = CheckHistory(history, idKnown ? snapshot.Id : null, errors.At("History"));
            if (idKnown && sound > 0)
            {
                new Collaboration(snapshot.Id, version).Replay(history, sound, errors.At("History"));
            }
        }

        errors.ThrowIfAny(nameof(snapshot));
        return Rebuild(snapshot.Id, history!, version);
    }

    /// <inheritdoc />
    public CollaborationSnapshot ToSnapshot() => new(Id, _history.ToArray());

    // The one way a collaboration is loaded: its events applied in order, as they were when first recorded.
    private static Collaboration Rebuild(CollaborationId id, IEnumerable<CollaborationEvent> events, long version)
    {
        var collaboration = new Collaboration(id, version);
        foreach (var e in events)
        {
            collaboration.When(e);
        }

        return collaboration;
    }

    // A history starts with the opening and holds only the collaboration's own events (any, when the id is not
    // known), oldest first: each command records its event at the clock's time, which the commands rerun at, so an
    // event dated before the one before it (or before the opening) would pass them. Returns how many events come
    // before the first that breaks this.
    private static int CheckHistory(IReadOnlyList<CollaborationEvent?> events, CollaborationId? id, ErrorCollector errors)
    {
        if (events.Count == 0)
        {
            errors.Add("", "collaboration.history_unopened", "a collaboration's history starts with its opening.");
            return 0;
        }

        var sound = events.Count;
        Instant? latest = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var holds = errors.Require(e is not null, $"[{i}]", "snapshot.event_missing", "an event is null.");
            holds &= errors.Require(e is null || i > 0 || e is CollaborationOpened, $"[{i}]", "collaboration.history_unopened", "a collaboration's history starts with its opening.");
            holds &= e is null || id is not { } own || errors.Require(e.Collaboration == own, $"[{i}].Collaboration", "collaboration.foreign_event", $"the event is collaboration {e.Collaboration}'s, not {own}'s.");
            holds &= e is null || latest is not { } before || errors.Require(e.OccurredAt >= before, $"[{i}].OccurredAt", "collaboration.history_out_of_order", $"the event occurred at {e.OccurredAt}, before the event before it ({before}); a history runs forward in time.");
            latest = e is not null && (latest is null || e.OccurredAt > latest) ? e.OccurredAt : latest;
            if (!holds && sound == events.Count)
            {
                sound = i;
            }
        }

        return sound;
    }

    // Checks a stored history on a collaboration of its own, dropped afterwards: runs the command behind each of the
    // first `sound` events again, at the event's time, on the state the events before it built. Each must be allowed
    // and record exactly the stored events (a verification may record the completion with it, an auto-approval
    // several approvals). Past the first event that does not follow, the state is unknown, so the check stops there.
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
        RequireOpening(opened.Brand, opened.Creator, opened.Policy);
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

        if (attached.ContractVersion < 1)
        {
            throw new ArgumentException($"contractVersion: a contract's versions are numbered from 1, not {attached.ContractVersion}.", nameof(attached));
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
