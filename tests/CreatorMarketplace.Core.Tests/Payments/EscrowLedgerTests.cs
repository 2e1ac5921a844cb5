using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Payments;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Payments;

public class EscrowLedgerTests
{
    internal static readonly BrandId Brand = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"));
    internal static readonly CreatorId Creator = CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8059"));
    internal static readonly CollaborationId Collaboration = CollaborationId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8062"));
    internal static readonly FeePolicy FivePercentAndThirtyCents = new(0.05m, Money.Of(0.30m, Currency.USD), MidpointRounding.AwayFromZero);
    private static readonly FakeClock Clock = new(Instant.FromUtc(2027, 1, 4, 15, 0));

    private static Money Usd(decimal amount) => Money.Of(amount, Currency.USD);

    private static Money Held(EscrowLedger ledger) => ledger.Balance(LedgerAccount.Escrow(Collaboration), Currency.USD);

    [Fact]
    public void A_charge_is_held_and_a_release_pays_the_creator_less_the_named_fee()
    {
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", Collaboration, Brand, Usd(1_000m), Clock).IsPosted.ShouldBeTrue();

        var release = ledger.Release("release-1", Collaboration, Creator, Usd(333.33m), FivePercentAndThirtyCents, Clock).GetValueOrThrow();

        release.Entries.Select(e => (e.To.Kind.Name, e.Amount.ToString())).ShouldBe([("creator payable", "USD 316.36"), ("platform fees", "USD 16.97")]);
        Held(ledger).ShouldBe(Usd(666.67m));
        ledger.Balance(LedgerAccount.BrandFunding(Brand), Currency.USD).ShouldBe(Usd(-1_000m));
    }

    [Fact]
    public void The_same_key_with_the_same_content_returns_the_first_result_and_posts_nothing()
    {
        var ledger = new EscrowLedger();
        var first = ledger.Charge("charge-1", Collaboration, Brand, Usd(500m), Clock).GetValueOrThrow();

        var again = ledger.Charge("charge-1", Collaboration, Brand, Usd(500m), Clock).GetValueOrThrow();

        again.ShouldBeSameAs(first);
        ledger.Entries.Count.ShouldBe(1);
        ledger.Charge("charge-1", Collaboration, Brand, Usd(600m), Clock).AsT1.Code.ShouldBe("ledger.idempotency_conflict");
        ledger.Release("charge-1", Collaboration, Creator, Usd(1m), FeePolicy.None, Clock).AsT1.Code.ShouldBe("ledger.idempotency_conflict");
        Held(ledger).ShouldBe(Usd(500m));
    }

    [Fact]
    public void A_release_beyond_what_is_held_is_rejected_and_posts_nothing()
    {
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", Collaboration, Brand, Usd(100m), Clock);

        ledger.Release("release-1", Collaboration, Creator, Usd(100.01m), FeePolicy.None, Clock).AsT1.Code.ShouldBe("ledger.insufficient_escrow");

        ledger.Entries.Count.ShouldBe(1);
        ledger.Release("release-1", Collaboration, Creator, Usd(100m), FeePolicy.None, Clock).IsPosted.ShouldBeTrue();
    }

    [Theory]
    [InlineData("brand", "before submission", "USD 1000.00", "USD 0.00")]
    [InlineData("brand", "after submission", "USD 900.00", "USD 100.00")]
    [InlineData("brand", "after approval", "USD 0.00", "USD 1000.00")]
    [InlineData("creator", "after submission", "USD 1000.00", "USD 0.00")]
    public void A_cancellation_is_settled_by_the_refund_policy(string by, string stage, string toBrand, string toCreator)
    {
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", Collaboration, Brand, Usd(1_000m), Clock);
        var cancellation = new CollaborationCancellation(Actor.FromName(by), "changed plans", Clock.GetCurrentInstant(), CancellationStage.FromName(stage));

        ledger.Refund("refund-1", Collaboration, Brand, Creator, Currency.USD, RefundCase.Of(cancellation), RefundPolicy.Default, null, Clock);

        ledger.Balance(LedgerAccount.Refunds(Brand), Currency.USD).ToString().ShouldBe(toBrand);
        ledger.Balance(LedgerAccount.CreatorPayable(Creator), Currency.USD).ToString().ShouldBe(toCreator);
        Held(ledger).IsZero.ShouldBeTrue();
    }

    [Fact]
    public void A_kill_fee_is_the_least_the_creator_gets_when_the_brand_cancels_after_submission()
    {
        RefundPolicy.Default.Split(Usd(1_000m), RefundCase.BrandCancelledAfterSubmission, Usd(250m)).ShouldBe((Usd(750m), Usd(250m)));
        RefundPolicy.Default.Split(Usd(1_000m), RefundCase.BrandCancelledAfterSubmission, Usd(50m)).ShouldBe((Usd(900m), Usd(100m)));
        RefundPolicy.Default.Split(Usd(1_000m), RefundCase.BrandCancelledBeforeSubmission, Usd(250m)).ShouldBe((Usd(1_000m), Usd(0m)));
        RefundPolicy.Default.Split(Usd(0.05m), RefundCase.BrandCancelledAfterSubmission).ShouldBe((Usd(0.05m), Usd(0m)));
    }

    [Fact]
    public void A_mistake_is_corrected_by_a_reversing_transaction_once()
    {
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", Collaboration, Brand, Usd(1_000m), Clock);
        ledger.Release("release-1", Collaboration, Creator, Usd(1_000m), FivePercentAndThirtyCents, Clock);

        var correction = ledger.Correct("fix-1", "release-1", "released before approval", Clock).GetValueOrThrow();

        correction.Reverses.ShouldBe("release-1");
        Held(ledger).ShouldBe(Usd(1_000m));
        ledger.Balance(LedgerAccount.PlatformFees, Currency.USD).IsZero.ShouldBeTrue();
        ledger.Entries.Count.ShouldBe(5);
        ledger.Correct("fix-2", "release-1", "again", Clock).AsT1.Code.ShouldBe("ledger.already_corrected");
        ledger.Correct("fix-3", "nope", "typo", Clock).AsT1.Code.ShouldBe("ledger.unknown_transaction");
    }

    [Fact]
    public void The_fee_rounding_is_named_and_the_fee_never_exceeds_the_amount()
    {
        new FeePolicy(0.05m, null, MidpointRounding.ToEven).On(Usd(0.50m)).ShouldBe(Usd(0.02m));
        new FeePolicy(0.05m, null, MidpointRounding.AwayFromZero).On(Usd(0.50m)).ShouldBe(Usd(0.03m));
        FivePercentAndThirtyCents.On(Usd(0.20m)).ShouldBe(Usd(0.20m));
        Should.Throw<ArgumentException>(() => FivePercentAndThirtyCents.On(Money.Of(10m, Currency.EUR)));
    }

    [Fact]
    public async Task A_ledger_restored_from_its_store_recognises_repeated_keys_and_continues_the_numbering()
    {
        var ledger = new EscrowLedger();
        var store = new CreatorMarketplace.Storage.InMemory.InMemoryMarketplaceStore();
        ledger.Charge("charge-1", Collaboration, Brand, Usd(1_000m), Clock).GetValueOrThrow();
        ledger.Release("release-1", Collaboration, Creator, Usd(400m), FivePercentAndThirtyCents, Clock).GetValueOrThrow();
        foreach (var transaction in ledger.Transactions)
        {
            (await store.Ledger.AppendAsync(transaction)).IsAppended.ShouldBeTrue();
        }

        var stored = new List<LedgerTransaction>();
        await foreach (var transaction in store.Ledger.ReadAsync())
        {
            stored.Add(transaction);
        }

        var restored = EscrowLedger.FromTransactions(stored);

        Held(restored).ShouldBe(Held(ledger));
        restored.Balance(LedgerAccount.CreatorPayable(Creator), Currency.USD).ShouldBe(ledger.Balance(LedgerAccount.CreatorPayable(Creator), Currency.USD));
        restored.Release("release-1", Collaboration, Creator, Usd(400m), FivePercentAndThirtyCents, Clock).AsT0.Entries.ShouldBe(stored[1].Entries, "a retry returns the first posting");
        restored.Entries.Count.ShouldBe(ledger.Entries.Count);
        restored.Release("release-1", Collaboration, Creator, Usd(400m), FivePercentAndThirtyCents with { Rate = 0.06m }, Clock).AsT1.Code.ShouldBe("ledger.idempotency_conflict");
        restored.Correct("fix-1", "release-1", "wrong creator", Clock).IsPosted.ShouldBeTrue();
        var next = restored.Release("release-2", Collaboration, Creator, Usd(100m), FivePercentAndThirtyCents, Clock).GetValueOrThrow();
        next.Entries[0].Sequence.ShouldBe(ledger.Entries.Count + 3, "the correction reversed both entries of release-1");
        (await store.Ledger.AppendAsync(restored.Transactions[2])).IsAppended.ShouldBeTrue();
        (await store.Ledger.AppendAsync(next)).IsAppended.ShouldBeTrue();
    }

    [Fact]
    public void A_history_that_does_not_follow_is_refused_at_its_first_broken_transaction()
    {
        var ledger = new EscrowLedger();
        var charge = ledger.Charge("charge-1", Collaboration, Brand, Usd(1_000m), Clock).GetValueOrThrow();
        var release = ledger.Release("release-1", Collaboration, Creator, Usd(400m), FivePercentAndThirtyCents, Clock).GetValueOrThrow();

        var gap = Should.Throw<DomainValidationException>(() => EscrowLedger.FromTransactions([release, charge]));
        var repeated = Should.Throw<DomainValidationException>(() => EscrowLedger.FromTransactions([charge, charge with { Command = null, Entries = [charge.Entries[0] with { Sequence = 2 }] }]));
        var unknown = Should.Throw<DomainValidationException>(() => EscrowLedger.FromTransactions([charge with { Reverses = "nothing" }, release]));

        gap.Errors.Select(e => (e.Field, e.Code)).ShouldBe([("transactions[0].entries[0].sequence", "ledger.sequence_gap")]);
        repeated.Errors.Select(e => (e.Field, e.Code)).ShouldBe([("transactions[1].command", "ledger.command_missing"), ("transactions[1].key", "ledger.key_repeated")]);
        unknown.Errors.Select(e => e.Field).ShouldBe(["transactions[0].reverses"], "the release after the broken charge is not judged");
        EscrowLedger.FromTransactions([]).Entries.ShouldBeEmpty();
    }
}
