using CreatorMarketplace;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Testing;
using NodaTime;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// Step 7: the money of step 6. The collaborations' events drive the escrow ledger (a charge when a price is agreed,
/// a release on approval less the platform's fee, a refund for the cancelled one); the creator is paid out once
/// despite a gateway failure; and the creator's invoice is issued with the next number of its series.
/// </summary>
internal static class PaymentsStep
{
    public static async Task<PaymentsOutcome> Run(CampaignOutcome campaign, TextWriter output)
    {
        output.WriteLine("Step 7: payments");
        var clock = campaign.Clock;
        var (creator, delivered, contract) = campaign.Delivered;
        var (other, cancelled) = campaign.Cancelled;
        var ledger = new EscrowLedger();
        var fees = new FeePolicy(0.05m, Money.Parse("USD 0.30"), MidpointRounding.AwayFromZero);
        var payments = new CollaborationPayments(ledger, fees, RefundPolicy.Default);

        // 1. Every event of both collaborations, in the order they happened; an outbox may deliver one twice, and
        //    the idempotency keys make the second delivery post nothing.
        var events = delivered.History.Select(e => (Collaboration: delivered, Event: e))
            .Concat(cancelled.History.Select(e => (Collaboration: cancelled, Event: e)))
            .OrderBy(item => item.Event.OccurredAt)
            .ToList();
        foreach (var (collaboration, e) in events.Concat(events))
        {
            payments.Handle(e, collaboration == delivered ? contract : null, clock);
        }

        var names = new Dictionary<Guid, string>
        {
            [campaign.Brand.Value] = "Glow Labs",
            [delivered.Id.Value] = creator.PrimaryAccount.Handle.ToString(),
            [cancelled.Id.Value] = other.PrimaryAccount.Handle.ToString(),
            [creator.Id.Value] = creator.PrimaryAccount.Handle.ToString(),
            [other.Id.Value] = other.PrimaryAccount.Handle.ToString(),
            [Guid.Empty] = "platform",
        };
        string Name(LedgerAccount account) => $"{account.Kind} ({names[account.Owner]})";
        output.WriteLine($"  Terms: {contract.InForce!.Terms.PaymentTerms}; platform fee {fees}; refunds: {RefundPolicy.Default.BrandShare(RefundCase.BrandCancelledBeforeSubmission) * 100m:0}% to the brand before submission, {RefundPolicy.Default.BrandShare(RefundCase.BrandCancelledAfterSubmission) * 100m:0}% after");
        output.WriteLine($"  The ledger ({ledger.Entries.Count} postings from {events.Count * 2} event deliveries):");
        DiscoveryStep.WriteTable(
            output,
            ["#", "from", "to", "amount", "memo"],
            ledger.Entries.Select(entry => new object?[] { (int)entry.Sequence, Name(entry.From), Name(entry.To), entry.Amount, entry.Memo }));

        // 2. The payout: a W-9 on file, the gateway times out once, the retry under the same payout id pays once.
        var gateway = new FakePayoutGateway();
        gateway.FailNext(new PayoutFailed("timeout", "the gateway did not answer", Retryable: true));
        var desk = new PayoutDesk(ledger, new FakeExchangeRates(), new FakeTaxForms().File(creator.Id, TaxForm.W9), gateway, clock);
        var owed = ledger.Balance(LedgerAccount.CreatorPayable(creator.Id), Currency.USD);
        var payoutId = EntityId.New<PayoutId>(clock);
        var first = (await desk.PayAsync(payoutId, creator.Id, campaign.Brand, owed, Currency.USD)).AsT0;
        var retry = (await desk.PayAsync(payoutId, creator.Id, campaign.Brand, owed, Currency.USD)).AsT0;
        output.WriteLine();
        output.WriteLine($"  Payout of {owed} to {creator.PrimaryAccount.Handle}: {first.Status} ({first.Failure!.Message}), retried: {retry.Status} as {retry.Reference}; gateway calls {gateway.Calls}, transfers {gateway.Transfers.Count}");

        // 3. The creator's invoice to the brand, numbered when issued.
        var due = clock.GetCurrentInstant().InZone(campaign.BrandZone).Date.PlusDays(30);
        var invoice = Invoice.Draft(EntityId.New<InvoiceId>(clock), creator.Profile.DisplayName, "Glow Labs", Currency.USD, due);
        invoice.AddLine(new InvoiceLine($"Launch video on TikTok ({contract.InForce.Terms.Deliverables[0].Name})", 1, contract.InForce.Terms.Fee)).ThrowIfNotAllowed();
        invoice.Issue(new DocumentNumbering("JN-2026-"), clock).ThrowIfNotAllowed();
        output.WriteLine();
        foreach (var line in invoice.ToString().Split(Environment.NewLine))
        {
            output.WriteLine($"  {line}");
        }

        output.WriteLine($"  status on {due.PlusDays(1):yyyy-MM-dd}: {invoice.StatusOn(due.PlusDays(1))}");
        output.WriteLine();
        return new PaymentsOutcome(ledger, invoice);
    }
}

/// <summary>What step 7 leaves for the storage step: the escrow ledger and the creator's invoice.</summary>
internal sealed record PaymentsOutcome(EscrowLedger Ledger, Invoice Invoice);
