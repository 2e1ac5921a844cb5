using CreatorMarketplace.Payments;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Payments;

// State-machine properties of the ledger and the payout desk: random commands, retries and reused keys.
public class LedgerProperties
{
    private static readonly BrandId[] Brands = [EscrowLedgerTests.Brand, BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8063"))];
    private static readonly CreatorId[] Creators = [EscrowLedgerTests.Creator, CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8064"))];
    private static readonly CollaborationId[] Collaborations =
    [
        EscrowLedgerTests.Collaboration,
        CollaborationId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8065")),
        CollaborationId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8066")),
    ];

    private static readonly Currency[] Currencies = [Currency.USD, Currency.JPY];

    [Property(MaxTest = 500)]
    public Property Any_sequence_keeps_the_ledger_balanced_and_escrow_never_negative(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var clock = new FakeClock(Instant.FromUtc(2027, 1, 4, 15, 0));
        var ledger = new EscrowLedger();
        var gateway = new FakePayoutGateway();
        var taxForms = new FakeTaxForms().File(Creators[0], TaxForm.W9);
        var desk = new PayoutDesk(ledger, new FakeExchangeRates().Set(Currency.USD, Currency.EUR, 0.92m), taxForms, gateway, clock);
        var keys = new List<string>();
        for (var step = 0; step < 60; step++)
        {
            clock.AdvanceHours(random.Next(0, 24 * 4));
            var before = EscrowLedgerAtomicityTests.State(ledger);
            var heldEntries = ledger.Entries;
            var heldTransactions = ledger.Transactions;
            var (entriesAsGiven, transactionsAsGiven) = (heldEntries.ToArray(), heldTransactions.ToArray());
            var key = keys.Count > 0 && random.Next(4) == 0 ? keys[random.Next(keys.Count)] : $"k{step}";
            keys.Add(key);
            var collaboration = Collaborations[random.Next(Collaborations.Length)];
            var currency = Currencies[random.Next(Currencies.Length)];
            var amount = Money.FromMinorUnits(Amount(random), currency);
            var creator = Creators[random.Next(Creators.Length)];
            var brand = Brands[random.Next(Brands.Length)];
            LedgerResult? result = random.Next(8) switch
            {
                0 or 1 => ledger.Charge(key, collaboration, brand, amount, clock),
                2 or 3 => ledger.Release(key, collaboration, creator, amount, EscrowLedgerTests.FivePercentAndThirtyCents with { Fixed = Money.FromMinorUnits(30, currency) }, clock),
                4 => ledger.Refund(key, collaboration, brand, creator, currency, RefundCase.List.ElementAt(random.Next(RefundCase.List.Count)), RefundPolicy.Default, random.Next(2) == 0 ? null : amount, clock),
                5 => ledger.Correct(key, keys[random.Next(keys.Count)], "mistake", clock),
                6 => Pay(desk, gateway, random, creator, brand, amount, clock),
                _ => Return(desk),
            };

            if (result is { IsPosted: false } && EscrowLedgerAtomicityTests.State(ledger) != before)
            {
                return false.Label($"step {step}: a refused posting changed the ledger");
            }

            if (!heldEntries.SequenceEqual(entriesAsGiven) || !heldTransactions.SequenceEqual(transactionsAsGiven))
            {
                return false.Label($"step {step}: a list a reader held before the command changed");
            }

            if (!Holds(ledger))
            {
                return false.Label($"step {step}: the ledger is unbalanced or an escrow balance is negative");
            }
        }

        // A ledger restored from its transactions holds the same entries and balances, and answers a repeated key as
        // the original does.
        var restored = EscrowLedger.FromTransactions(ledger.Transactions);
        var accounts = ledger.Entries.SelectMany(e => new[] { (e.From, e.Amount.Currency), (e.To, e.Amount.Currency) }).Distinct();
        if (!restored.Entries.SequenceEqual(ledger.Entries) || accounts.Any(a => restored.Balance(a.Item1, a.Item2) != ledger.Balance(a.Item1, a.Item2)))
        {
            return false.Label("a ledger restored from its transactions holds other entries or balances");
        }

        foreach (var transaction in ledger.Transactions.Where(t => t.Kind == "charge"))
        {
            var entry = transaction.Entries[0];
            var collaboration = CollaborationId.From(entry.To.Owner);
            var brand = BrandId.From(entry.From.Owner);
            var repeated = restored.Charge(transaction.Key, collaboration, brand, entry.Amount, clock);
            if (!repeated.IsPosted || !repeated.AsT0.Entries.SequenceEqual(transaction.Entries)
                || restored.Charge(transaction.Key, collaboration, brand, Money.FromMinorUnits(entry.Amount.MinorUnits == 1 ? 2 : entry.Amount.MinorUnits - 1, entry.Amount.Currency), clock).IsPosted)
            {
                return false.Label($"a restored ledger answers the repeated charge {transaction.Key} otherwise");
            }
        }

        // A payout id pays once at the gateway, however often it was retried.
        return (gateway.Transfers.Select(t => t.IdempotencyKey).Distinct().Count() == gateway.Transfers.Count).Label("gateway.Transfers.Select(t => t.IdempotencyKey).Distinct().Count() == gateway.Transfers.Count");
    }

    private static LedgerResult? Pay(PayoutDesk desk, FakePayoutGateway gateway, Random random, CreatorId creator, BrandId brand, Money amount, IClock clock)
    {
        if (random.Next(3) == 0)
        {
            gateway.FailNext(new PayoutFailed("timeout", "the gateway timed out", Retryable: true));
        }

        // Reuse an earlier payout id now and then: a retry must not pay twice.
        var id = desk.Payouts.Count > 0 && random.Next(2) == 0
            ? desk.Payouts.Keys.ElementAt(random.Next(desk.Payouts.Count))
            : EntityId.New<PayoutId>(clock);
        desk.PayAsync(id, creator, brand, amount, random.Next(2) == 0 ? amount.Currency : Currency.EUR).AsTask().GetAwaiter().GetResult();
        return null;
    }

    private static LedgerResult? Return(PayoutDesk desk)
    {
        desk.ReturnUnclaimed();
        return null;
    }

    // Every currency's postings sum to zero (each moves money from one account to another), no escrow, payable or
    // paid-out balance is negative, and what brands paid in equals what is held, owed or paid to creators, refunded
    // and taken in fees.
    private static bool Holds(EscrowLedger ledger)
    {
        foreach (var currency in Currencies)
        {
            var balances = ledger.Entries.Where(e => e.Amount.Currency == currency)
                .SelectMany(e => new[] { (e.From, -(decimal)e.Amount.MinorUnits), (e.To, (decimal)e.Amount.MinorUnits) })
                .GroupBy(p => p.Item1)
                .ToDictionary(g => g.Key, g => g.Sum(p => p.Item2));
            decimal Sum(AccountKind kind) => balances.Where(b => b.Key.Kind == kind).Sum(b => b.Value);
            var charged = -Sum(AccountKind.BrandFunding);
            if (balances.Values.Sum() != 0
                || balances.Any(b => b.Key.Kind != AccountKind.BrandFunding && b.Value < 0)
                || charged != Sum(AccountKind.EscrowHeld) + Sum(AccountKind.CreatorPayable) + Sum(AccountKind.PaidOut) + Sum(AccountKind.Refunds) + Sum(AccountKind.PlatformFees)
                || balances.Any(b => ledger.Balance(b.Key, currency).MinorUnits != b.Value))
            {
                return false;
            }
        }

        return true;
    }

    // Mostly everyday amounts; now and then one near half or all of the 64-bit range, so that balances reach its
    // limits and the commands that would pass them are refused.
    private static long Amount(Random random) => random.Next(6) switch
    {
        0 => long.MaxValue - random.NextInt64(0, 1_000),
        1 => (long.MaxValue / 2) + random.NextInt64(-1_000, 1_000),
        _ => random.Next(1, 200_000),
    };
}
