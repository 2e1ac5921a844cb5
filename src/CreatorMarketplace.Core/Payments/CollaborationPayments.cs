using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using NodaTime;

namespace CreatorMarketplace.Payments;

/// <summary>
/// Moves a collaboration's money as its events happen: the brand is charged into escrow when an offer is accepted
/// (its price or the counter-price), instalments due on signing are released when the contract is attached, the
/// rest is released as the work is approved (per deliverable for milestone terms, otherwise once every
/// deliverable is approved, auto-approvals included), and a cancellation is settled by the refund policy.
/// </summary>
/// <remarks>
/// Each posting's idempotency key is derived from the collaboration and the event, so handling the same event
/// twice (an outbox delivers at least once) posts once.
/// </remarks>
/// <param name="ledger">The escrow ledger.</param>
/// <param name="fees">The platform's fee on releases.</param>
/// <param name="refunds">The refund policy.</param>
public sealed class CollaborationPayments(EscrowLedger ledger, FeePolicy fees, RefundPolicy refunds)
{
    /// <summary>Posts what an event of a collaboration calls for.</summary>
    /// <param name="collaboration">The collaboration, in its current state.</param>
    /// <param name="e">The event, one of its history.</param>
    /// <param name="contract">The collaboration's contract, once attached (its payment terms and kill fee apply).</param>
    /// <param name="payerZone">The brand's time zone, which dates the schedule.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The ledger's results; none when the event moves no money.</returns>
    /// <exception cref="DomainValidationException">The contract names payment terms this library does not know.</exception>
    public IReadOnlyList<LedgerResult> Handle(Collaboration collaboration, CollaborationEvent e, Contract? contract, DateTimeZone payerZone, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(collaboration);
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(payerZone);
        ArgumentNullException.ThrowIfNull(clock);
        var id = collaboration.Id;
        switch (e)
        {
            case OfferAccepted accepted:
                return [ledger.Charge($"{id}:charge", id, collaboration.Brand, accepted.Price, clock)];
            case ContractAttached when Schedule(collaboration, contract, payerZone) is { } schedule:
                return [.. schedule.Where(i => i.Trigger == InstalmentTrigger.OnSigning).Select(i => Release(collaboration, i, clock))];
            case ContentApproved or AdReviewRecorded { Passed: true } when Schedule(collaboration, contract, payerZone) is { } schedule:
                var deliverable = e is ContentApproved approved ? approved.Deliverable : ((AdReviewRecorded)e).Deliverable;
                if (!collaboration.Deliverable(deliverable).IsApproved)
                {
                    return [];
                }

                var due = schedule.Where(i => i.Trigger != InstalmentTrigger.OnSigning && (i.Deliverable == deliverable || (i.Deliverable is null && collaboration.Deliverables.All(d => d.IsApproved))));
                return [.. due.Select(i => Release(collaboration, i, clock))];
            case CollaborationCancelled cancelled when collaboration.AgreedOffer is { } agreed:
                var killFee = contract?.InForce?.Terms.Cancellation.KillFee;
                var result = ledger.Refund($"{id}:refund", id, collaboration.Brand, collaboration.Creator, agreed.Terms.Price.Currency, RefundCase.Of(cancelled.Cancellation), refunds, killFee, clock);
                return [result];
            default:
                return [];
        }
    }

    private static IReadOnlyList<Instalment>? Schedule(Collaboration collaboration, Contract? contract, DateTimeZone payerZone)
    {
        if (contract?.InForce is not { } version || collaboration.AgreedOffer is null)
        {
            return null;
        }

        var terms = PaymentTerms.FromReference(version.Terms.PaymentTerms).GetValueOrThrow();
        var signedAt = contract.Signatures.Where(s => s.Version == version.Number).Max(s => s.SignedAt);
        return terms.Schedule(version.Terms.Fee, signedAt, payerZone, version.Terms.Deliverables);
    }

    private LedgerResult Release(Collaboration collaboration, Instalment instalment, IClock clock) =>
        ledger.Release($"{collaboration.Id}:release:{instalment.Number}", collaboration.Id, collaboration.Creator, instalment.Amount, fees, clock);
}
