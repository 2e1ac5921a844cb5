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
/// <para>
/// Each event carries what its payment needs (who pays, whether it approves a deliverable or all of them, the agreed
/// price on a cancellation), so an event is handled on its own, from an outbox, however long after it happened and
/// whatever the collaboration has done since.
/// </para>
/// <para>
/// Each posting's idempotency key is derived from the collaboration and the event, so handling the same event
/// twice (an outbox delivers at least once) posts once. Nothing is posted for nothing: a gifted collaboration (a
/// price of zero) is charged nothing, and an instalment of zero (a milestone's share of a small fee) releases nothing.
/// </para>
/// </remarks>
/// <param name="ledger">The escrow ledger.</param>
/// <param name="fees">The platform's fee on releases.</param>
/// <param name="refunds">The refund policy.</param>
public sealed class CollaborationPayments(EscrowLedger ledger, FeePolicy fees, RefundPolicy refunds)
{
    /// <summary>Posts what an event of a collaboration calls for.</summary>
    /// <param name="e">The event.</param>
    /// <param name="contract">
    /// The collaboration's contract, once attached. The payment terms of the version the collaboration attached
    /// apply, whatever the contract was amended to since; the kill fee is the one signed by both parties when it was cancelled.
    /// </param>
    /// <param name="clock">The clock.</param>
    /// <returns>The ledger's results; none when the event moves no money.</returns>
    /// <exception cref="DomainValidationException">
    /// The contract names payment terms this library does not know, or it is not the one the event was recorded
    /// under (it has no version of the number the event names, or that version never came into force).
    /// </exception>
    public IReadOnlyList<LedgerResult> Handle(CollaborationEvent e, Contract? contract, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(clock);
        var id = e.Collaboration;
        switch (e)
        {
            case OfferAccepted { Price.IsPositive: true } accepted:
                return [ledger.Charge($"{id}:charge", id, accepted.Brand, accepted.Price, clock)];
            case ContractAttached attached when Schedule(contract, attached.ContractVersion) is { } schedule:
                return [.. schedule.Where(i => i.Trigger == InstalmentTrigger.OnSigning && i.Amount.IsPositive).Select(i => Release(id, contract!, i, clock))];
            case ContentApproved { DeliverableApproved: true } approved when Schedule(contract, approved.ContractVersion) is { } schedule:
                return ReleaseOnApproval(id, contract!, schedule, approved.Deliverable, approved.AllApproved, clock);
            case AdReviewRecorded { Passed: true } passed when Schedule(contract, passed.ContractVersion) is { } schedule:
                return ReleaseOnApproval(id, contract!, schedule, passed.Deliverable, passed.AllApproved, clock);
            case CollaborationCancelled { AgreedPrice: { IsPositive: true } price } cancelled:
                var killFee = contract?.VersionSignedByBothAt(cancelled.OccurredAt)?.Terms.Cancellation.KillFee;
                return [ledger.Refund($"{id}:refund", id, cancelled.Brand, cancelled.Creator, price.Currency, RefundCase.Of(cancelled.Cancellation), refunds, killFee, clock)];
            default:
                return [];
        }
    }

    // The schedule of the version the collaboration attached: an amendment signed later changes neither the
    // deliverables the collaboration works to nor what its escrow holds, so it cannot change what is released (the
    // instalments of two schedules would also share release keys). Only the instalments' amounts and triggers are read
    // here, not their due dates, so the zone that dates them does not matter.
    private static IReadOnlyList<Instalment>? Schedule(Contract? contract, int? attached)
    {
        if (contract is null)
        {
            return null;
        }

        var version = attached is { } number ? Attached(contract, number) : contract.InForce;
        if (version is null)
        {
            return null;
        }

        var terms = PaymentTerms.FromReference(version.Terms.PaymentTerms).GetValueOrThrow();
        return terms.Schedule(version.Terms.Fee, contract.CameIntoForce(version.Number)!.Value, DateTimeZone.Utc, version.Terms.Deliverables);
    }

    private static ContractVersion Attached(Contract contract, int number) =>
        contract.CameIntoForce(number) is not null
            ? contract.Versions[number - 1]
            : throw DomainValidationException.Of(nameof(contract), "payments.contract_version_unknown", $"contract {contract.Id} has no version {number} in force, which the collaboration attached: it is not the collaboration's contract.");

    // A deliverable's approval releases its milestone, and the approval of the last one what is due on completion.
    private IReadOnlyList<LedgerResult> ReleaseOnApproval(CollaborationId id, Contract contract, IReadOnlyList<Instalment> schedule, string deliverable, bool allApproved, IClock clock) =>
        [.. schedule
            .Where(i => i.Trigger != InstalmentTrigger.OnSigning && i.Amount.IsPositive && (i.Deliverable == deliverable || (i.Deliverable is null && allApproved)))
            .Select(i => Release(id, contract, i, clock))];

    private LedgerResult Release(CollaborationId id, Contract contract, Instalment instalment, IClock clock) =>
        ledger.Release($"{id}:release:{instalment.Number}", id, contract.Creator, instalment.Amount, fees, clock);
}
