namespace CreatorMarketplace.Campaigns;

// The one place state changes, and the helpers it changes state through.
public sealed partial class Collaboration
{
    // The one place state changes: for new events and for loaded ones alike. Named When, not Apply, since
    // Collaboration.Apply is the creator's application to a campaign.
    private void When(CollaborationEvent e)
    {
        var before = Summary();
        switch (e)
        {
            case CollaborationOpened opened:
                (Campaign, Brand, Creator, Categories, Policy) = (opened.Campaign, opened.Brand, opened.Creator, opened.Categories, opened.Policy);
                Status = opened.Actor == Actor.Brand ? CollaborationStatus.Invited : CollaborationStatus.Applied;
                break;
            case OfferMade made:
                // The offer answered is the one still open when this one is made: an expired offer answers nothing,
                // and marking it would leave the open one standing beside the counter-offer.
                var countered = _offers.FindIndex(offer => offer.From != made.Actor && offer.StatusAt(made.OccurredAt) == OfferStatus.Open);
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
                (Contract, ContractVersion, RevisionRounds, RequiresAdReview) = (attached.Contract, attached.ContractVersion, attached.RevisionRounds, attached.RequiresAdReview);
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
}
