using CreatorMarketplace.Compliance;
using NodaTime;

namespace CreatorMarketplace.Campaigns;

// Production: drafts, content and ad reviews, auto-approval, posting and verification of each deliverable.
public sealed partial class Collaboration
{
    /// <summary>The creator submits a draft of a deliverable: the first, or a new one after a failed review.</summary>
    /// <param name="deliverable">The deliverable's name.</param>
    /// <param name="content">A reference to the content; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when a draft is under review or approved.</returns>
    /// <exception cref="ArgumentException">No such deliverable, or content that is blank or breaks <see cref="TextRule.MultiLine"/>.</exception>
    public CommandResult SubmitDraft(string deliverable, string content, IClock clock)
    {
        TextRule.MultiLine.RequireNonBlank(content);
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

        Record(new DraftSubmitted(Id, Actor.Creator, Now(clock), deliverable, progress.Drafts.Count + 1, content));
        return CommandResult.Done;
    }

    /// <summary>The brand approves the content of the draft under review.</summary>
    /// <param name="deliverable">The deliverable's name.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when no draft awaits content review.</returns>
    /// <exception cref="ArgumentException">No such deliverable.</exception>
    public CommandResult ApproveContent(string deliverable, IClock clock) =>
        Review(deliverable, clock, (progress, now) => ContentApproval(Actor.Brand, now, progress));

    /// <summary>
    /// The brand fails the content of the draft under review and asks for a revision; the contract bounds how many
    /// it may ask for, and a draft left past the auto-approval period can no longer be sent back.
    /// </summary>
    /// <param name="deliverable">The deliverable's name.</param>
    /// <param name="notes">What to change; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when no draft awaits content review, the rounds are used up, or the draft counts as approved.</returns>
    /// <exception cref="ArgumentException">No such deliverable, or notes that are blank or break <see cref="TextRule.MultiLine"/>.</exception>
    public CommandResult RequestRevision(string deliverable, string notes, IClock clock)
    {
        TextRule.MultiLine.RequireNonBlank(notes);
        return Review(deliverable, clock, (progress, now) =>
        {
            var draft = progress.Drafts[^1];
            if (AutoApprovalDue(progress, now))
            {
                return NotAllowedNow(CollaborationAction.ReviewContent, $"draft {draft.Version} of {deliverable} counts as approved since {CountsAsApprovedFrom(draft)}, {Policy.AutoApprovalAfter.Days} days after it was submitted without a review.");
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
    public CommandResult RecordAdReview(string deliverable, bool passed, string? reason, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!passed)
        {
            TextRule.MultiLine.RequireNonBlank(reason);
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

        Record(new AdReviewRecorded(Id, Actor.Brand, Now(clock), deliverable, progress.Drafts.Count, passed, passed ? null : reason, passed && OthersApproved(deliverable), ContractVersion));
        return CommandResult.Done;
    }

    /// <summary>
    /// Approves every draft the brand has left in content review for the policy's period (14 days by default).
    /// Run it from a scheduled job; the injected clock decides what is due.
    /// </summary>
    /// <param name="clock">The clock.</param>
    /// <returns>The deliverables approved (none when nothing is due), or <see cref="NotAllowed"/> outside production.</returns>
    public CommandResult<IReadOnlyList<string>> ApplyAutoApprovals(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Refuse(CollaborationAction.AutoApprove) is { } refusal)
        {
            return refusal;
        }

        var now = Now(clock);
        var due = _deliverables.Where(progress => AutoApprovalDue(progress, now)).ToList();
        foreach (var progress in due)
        {
            Record(ContentApproval(Actor.System, now, progress));
        }

        return CommandResult<IReadOnlyList<string>>.Done([.. due.Select(progress => progress.Name)]);
    }

    /// <summary>The creator records that an approved deliverable was posted, inside its posting window.</summary>
    /// <param name="deliverable">The deliverable's name.</param>
    /// <param name="post">The post; not in the future.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>
    /// Done, or <see cref="NotAllowed"/> when the draft is not approved, it is already posted, the post is outside the
    /// window, or it went live before the approved draft was submitted.
    /// </returns>
    /// <exception cref="ArgumentException">No such deliverable, a post dated after now or without a URL, or a post id that is blank or breaks <see cref="TextRule.SingleLine"/>.</exception>
    public CommandResult RecordPost(string deliverable, PostRecord post, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentException.ThrowIfNullOrWhiteSpace(post.PostId, nameof(post));
        TextRule.SingleLine.Require(post.PostId, nameof(post), $"{nameof(post)}.{nameof(PostRecord.PostId)}");
        if (post.Url is null)
        {
            throw DomainValidationException.Of(nameof(post), "collaboration.post_url_missing", "a post says where it can be seen.", $"{nameof(post)}.{nameof(PostRecord.Url)}");
        }

        ArgumentNullException.ThrowIfNull(clock);
        var now = Now(clock);
        if (post.PostedAt > now)
        {
            throw DomainValidationException.Of(nameof(post), "collaboration.post_in_future", $"a post cannot be recorded before it goes live ({post.PostedAt}, now {now}).", $"{nameof(post)}.{nameof(PostRecord.PostedAt)}");
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

        // A post that went live before the approved draft existed is not that draft.
        if (progress.Drafts[^1] is var approved && post.PostedAt < approved.SubmittedAt)
        {
            return NotAllowedNow(CollaborationAction.RecordPost, $"posted at {post.PostedAt}, before draft {approved.Version} of {deliverable}, the one approved, was submitted at {approved.SubmittedAt}.");
        }

        Record(new PostRecorded(Id, Actor.Creator, now, deliverable, post));
        return CommandResult.Done;
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
    public CommandResult Verify(string deliverable, bool live, DisclosureResult disclosure, Actor by, IClock clock)
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

        var now = Now(clock);
        Record(new PostVerified(Id, by, now, deliverable, new Verification(live, disclosure, now)));
        if (_deliverables.TrueForAll(item => item.IsVerified))
        {
            Record(new CollaborationCompleted(Id, by, now));
        }

        return CommandResult.Done;
    }

    private CommandResult Review(string deliverable, IClock clock, Func<DeliverableProgress, Instant, OneOf.OneOf<CollaborationEvent, NotAllowed>> decide)
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

        return decide(progress, Now(clock)).Match<CommandResult>(
            e =>
            {
                Record(e);
                return CommandResult.Done;
            },
            notAllowed => notAllowed);
    }

    // The approval of a draft's content, saying whether it approves the deliverable (unless an ad review follows) and
    // with it every deliverable: what a payment handler needs from the event alone.
    private ContentApproved ContentApproval(Actor by, Instant now, DeliverableProgress progress) =>
        new(Id, by, now, progress.Name, progress.Drafts.Count, !RequiresAdReview, !RequiresAdReview && OthersApproved(progress.Name), ContractVersion);

    private bool OthersApproved(string deliverable) => _deliverables.TrueForAll(progress => progress.Name == deliverable || progress.IsApproved);

    // When a draft left in content review counts as approved (the TikTok One rule), one rule for every command that
    // asks: a revision is refused from then on, ApplyAutoApprovals approves it, and a cancellation counts it as approved.
    private Instant CountsAsApprovedFrom(Draft draft) => draft.SubmittedAt + Policy.AutoApprovalAfter;

    private bool AutoApprovalDue(DeliverableProgress progress, Instant now) =>
        progress.Review == ReviewState.ContentReviewing && now >= CountsAsApprovedFrom(progress.Drafts[^1]);

    // Approved, or approved as soon as the auto-approval runs (unless an ad review follows): whether the scheduled job
    // has run yet must not change what a command decides.
    private bool CountsAsApproved(DeliverableProgress progress, Instant now) =>
        progress.IsApproved || (!RequiresAdReview && AutoApprovalDue(progress, now));

}
