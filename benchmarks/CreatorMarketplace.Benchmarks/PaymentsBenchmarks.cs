using BenchmarkDotNet.Attributes;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Payments;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// Drawing up the payment schedules of 100,000 contracts and posting each to the escrow ledger: the brand's
/// charge, then one release per instalment, each under its idempotency key with the platform's fee. The baseline is
/// what a user would write with decimals and LINQ: instalments as rounded shares of the fee (which may not add up
/// to it) appended to a list of postings, with no idempotency and no balances.
/// </summary>
[MemoryDiagnoser]
public class PaymentsBenchmarks
{
    private static readonly Instant SignedAt = Instant.FromUtc(2027, 1, 4, 15, 0);
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly FeePolicy Fees = new(0.05m, Money.Of(0.30m, Currency.USD), MidpointRounding.AwayFromZero);
    private static readonly PaymentTerms[] Terms = [PaymentTerms.Immediate, PaymentTerms.Net(30), PaymentTerms.Upfront(30m), PaymentTerms.Milestones];

    private (CollaborationId Collaboration, BrandId Brand, CreatorId Creator, Money Fee, PaymentTerms Terms, ContractDeliverable[] Deliverables)[] _contracts = [];
    private readonly FakeClock _clock = new(SignedAt);

    /// <summary>How many contracts.</summary>
    [Params(100_000)]
    public int Contracts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        var deliverables = Enumerable.Range(1, 3)
            .Select(day => new ContractDeliverable($"d{day}", DeliverableType.ShortVideo, Platform.TikTok, 1, PostingWindow.Create(new LocalDateTime(2027, 1, 10 + day, 9, 0), new LocalDateTime(2027, 1, 11 + day, 9, 0), NewYork)))
            .ToArray();
        _contracts = [.. Enumerable.Range(0, Contracts).Select(_ => (
            EntityId.New<CollaborationId>(_clock),
            EntityId.New<BrandId>(_clock),
            EntityId.New<CreatorId>(_clock),
            Money.FromMinorUnits(random.Next(10_000, 5_000_000), Currency.USD),
            Terms[random.Next(Terms.Length)],
            deliverables[..random.Next(1, 4)]))];
    }

    [Benchmark(Baseline = true, Description = "LINQ decimal: rounded shares appended to a list")]
    public int Linq()
    {
        var postings = new List<(string From, string To, decimal Amount)>();
        foreach (var (collaboration, brand, creator, fee, terms, deliverables) in _contracts)
        {
            var amount = fee.Amount;
            var escrow = $"escrow:{collaboration}";
            postings.Add(($"brand:{brand}", escrow, amount));
            var shares = terms.Name switch
            {
                "milestones" => deliverables.Select(_ => Math.Round(amount / deliverables.Length, 2)).ToList(),
                "upfront-30" => [Math.Round(amount * 0.3m, 2), Math.Round(amount * 0.7m, 2)],
                _ => [amount],
            };
            foreach (var share in shares)
            {
                var fee5 = Math.Round(share * 0.05m, 2, MidpointRounding.AwayFromZero) + 0.30m;
                postings.Add((escrow, $"creator:{creator}", share - fee5));
                postings.Add((escrow, "fees", fee5));
            }
        }

        return postings.Count;
    }

    [Benchmark(Description = "PaymentTerms.Schedule + EscrowLedger (charge, releases with fees, idempotency keys)")]
    public int Library()
    {
        var ledger = new EscrowLedger();
        foreach (var (collaboration, brand, creator, fee, terms, deliverables) in _contracts)
        {
            ledger.Charge($"{collaboration}:charge", collaboration, brand, fee, _clock);
            foreach (var instalment in terms.Schedule(fee, SignedAt, NewYork, deliverables))
            {
                ledger.Release($"{collaboration}:release:{instalment.Number}", collaboration, creator, instalment.Amount, Fees, _clock);
            }
        }

        return ledger.Entries.Count;
    }
}
