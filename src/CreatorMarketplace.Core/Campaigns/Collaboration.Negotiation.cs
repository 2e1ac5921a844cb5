using CreatorMarketplace.Contracts;
using NodaTime;

namespace CreatorMarketplace.Campaigns;

// Negotiation: offers, counter-offers and their answers, turning the collaboration down, and the contract that ends it.
public sealed partial class Collaboration
{
    /// <summary>Makes an offer, or a counter-offer that answers the other party's open offer.</summary>
    /// <param name="from">The brand or the creator.</param>
    /// <param name="terms">Price, deliverables and rights; the offer keeps a copy of their lists.</param>
    /// <param name="expiresAt">The first instant it can no longer be accepted; after now.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> after agreement or when the party's own offer is still open.</returns>
    /// <exception cref="DomainValidationException">The terms are invalid, or the offer would expire at once.</exception>
    public CommandResult MakeOffer(Actor from, OfferTerms terms, Instant expiresAt, IClock clock)
    {
        RequireParty(from, nameof(from));
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(clock);
        var now = Now(clock);
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

        Record(new OfferMade(Id, from, now, new Offer(_offers.Count + 1, from, terms.Frozen(), now, expiresAt, OfferStatus.Open)));
        return CommandResult.Done;
    }

    /// <summary>Accepts the other party's open offer; its price and terms are agreed.</summary>
    /// <param name="by">The brand or the creator.</param>
    /// <param name="number">The offer's number.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when the offer is one's own or no longer open (expired, countered…).</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no offer with that number.</exception>
    public CommandResult AcceptOffer(Actor by, int number, IClock clock) =>
        AnswerOffer(CollaborationAction.AcceptOffer, by, number, clock, ownOffer: false, (offer, now) => new OfferAccepted(Id, by, now, offer.Number, offer.Terms.Price, Brand));

    /// <summary>Declines the other party's open offer.</summary>
    /// <param name="by">The brand or the creator.</param>
    /// <param name="number">The offer's number.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when the offer is one's own or no longer open.</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no offer with that number.</exception>
    public CommandResult DeclineOffer(Actor by, int number, IClock clock) =>
        AnswerOffer(CollaborationAction.DeclineOffer, by, number, clock, ownOffer: false, (offer, now) => new OfferDeclined(Id, by, now, offer.Number));

    /// <summary>Withdraws one's own open offer.</summary>
    /// <param name="by">The brand or the creator.</param>
    /// <param name="number">The offer's number.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> when the offer is the other party's or no longer open.</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no offer with that number.</exception>
    public CommandResult WithdrawOffer(Actor by, int number, IClock clock) =>
        AnswerOffer(CollaborationAction.WithdrawOffer, by, number, clock, ownOffer: true, (offer, now) => new OfferWithdrawn(Id, by, now, offer.Number));

    /// <summary>Turns down the invitation (the creator) or the application (the brand).</summary>
    /// <param name="by">The invited creator or the brand applied to.</param>
    /// <param name="reason">Why; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once negotiating, or for the party who opened it.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank or breaks <see cref="TextRule.MultiLine"/>.</exception>
    public CommandResult Decline(Actor by, string reason, IClock clock)
    {
        RequirePartyWithReason(by, reason, clock);
        if (Refuse(CollaborationAction.Decline) is { } refusal)
        {
            return refusal;
        }

        var opener = Status == CollaborationStatus.Invited ? Actor.Brand : Actor.Creator;
        if (by == opener)
        {
            return NotAllowedNow(CollaborationAction.Decline, $"the {by} opened this collaboration; cancel it instead.");
        }

        Record(new CollaborationDeclined(Id, by, Now(clock), reason));
        return CommandResult.Done;
    }

    /// <summary>
    /// Attaches the contract both parties have signed for the agreed offer. The creator's other contracts are checked
    /// for exclusivities the collaboration would break, from now to the end of its last posting window.
    /// </summary>
    /// <param name="contract">The contract, between this brand and creator, for the agreed price.</param>
    /// <param name="creatorsContracts">The creator's other contracts, for the exclusivity check.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> unless agreed, when the contract is not signed by both or no longer binds them (terminated), or when an exclusivity conflicts (each named with its contract).</returns>
    /// <exception cref="ArgumentException">The contract is between other parties.</exception>
    /// <exception cref="DomainValidationException">The contract's fee is not the agreed price.</exception>
    public CommandResult AttachContract(Contract contract, IEnumerable<Contract> creatorsContracts, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(creatorsContracts);
        ArgumentNullException.ThrowIfNull(clock);
        if (contract.Brand != Brand || contract.Creator != Creator)
        {
            throw DomainValidationException.Of(nameof(contract), "collaboration.parties_mismatch", $"the contract is between brand {contract.Brand} and creator {contract.Creator}, not this collaboration's parties.");
        }

        if (Refuse(CollaborationAction.AttachContract) is { } refusal)
        {
            return refusal;
        }

        // A terminated contract still has the version both signed, but it no longer binds anyone to anything.
        if (!contract.Status.IsBinding || contract.InForce is not { } version)
        {
            return NotAllowedNow(CollaborationAction.AttachContract, contract.Status == ContractStatus.Terminated
                ? $"contract {contract.Id} is terminated and binds neither party."
                : $"contract {contract.Id} is {contract.Status} and not yet signed by both parties.");
        }

        var price = AgreedOffer!.Terms.Price;
        if (version.Terms.Fee != price)
        {
            throw new DomainValidationException([new DomainError("Fee", "collaboration.fee_mismatch", $"the contract's fee {version.Terms.Fee} is not the agreed price {price}.")], nameof(contract));
        }

        var now = Now(clock);
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
        Record(new ContractAttached(Id, Actor.Brand, now, contract.Id, version.Terms.Deliverables, version.Terms.Revisions.Rounds, paid, version.Number));
        return CommandResult.Done;
    }

    private CommandResult AnswerOffer(CollaborationAction action, Actor by, int number, IClock clock, bool ownOffer, Func<Offer, Instant, CollaborationEvent> answer)
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
        var now = Now(clock);
        if ((offer.From == by) != ownOffer)
        {
            return NotAllowedNow(action, ownOffer ? $"offer {number} is the {offer.From}'s, not the {by}'s." : $"offer {number} is the {by}'s own.");
        }

        if (offer.StatusAt(now) is var status && status != OfferStatus.Open)
        {
            return NotAllowedNow(action, $"offer {number} is {status}{(status == OfferStatus.Expired ? $" since {offer.ExpiresAt}" : "")}.");
        }

        Record(answer(offer, now));
        return CommandResult.Done;
    }
}
