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
        ledger.Charge("charge-1", Collaboration, Brand, Usd(600m), Clock).AsT1.ShouldBe(
            new LedgerRejection("ledger.idempotency_conflict", "the key 'charge-1' was used for another command (charge)."));
        ledger.Release("charge-1", Collaboration, Creator, Usd(1m), FeePolicy.None, Clock).AsT1.Code.ShouldBe("ledger.idempotency_conflict");
        Held(ledger).ShouldBe(Usd(500m));
    }

    [Fact]
    public void A_release_beyond_what_is_held_is_rejected_and_posts_nothing()
    {
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", Collaboration, Brand, Usd(100m), Clock).GetValueOrThrow();

        var refused = ledger.Release("release-1", Collaboration, Creator, Usd(100.01m), FeePolicy.None, Clock).AsT1;

        refused.Code.ShouldBe("ledger.insufficient_escrow");
        refused.Message.ShouldBe($"escrow of {Collaboration} holds less than USD 100.01.");

        ledger.Entries.Count.ShouldBe(1);
        ledger.Release("release-1", Collaboration, Creator, Usd(100m), FeePolicy.None, Clock).IsPosted.ShouldBeTrue();
    }

    [Theory]
    [InlineData("brand", "before submission", "USD 1000.00", "USD 0.00")]
    [InlineData("brand", "after submission", "USD 900.00", "USD 100.00")]
    [InlineData("brand", "after approval", "USD 0.00", "USD 1000.00")]
    [InlineData("creator", "after submission", "USD 1000.00", "USD 0.00")]
    [InlineData("brand", "after a missed deadline", "USD 1000.00", "USD 0.00")]
    public void A_cancellation_is_settled_by_the_refund_policy(string by, string stage, string toBrand, string toCreator)
    {
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", Collaboration, Brand, Usd(1_000m), Clock).GetValueOrThrow();
        var cancellation = new CollaborationCancellation(Actor.FromName(by), "changed plans", Clock.GetCurrentInstant(), CancellationStage.FromName(stage));

        ledger.Refund("refund-1", Collaboration, Brand, Creator, Currency.USD, RefundCase.Of(cancellation), RefundPolicy.Default, null, Clock).GetValueOrThrow();

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
        ledger.Charge("charge-1", Collaboration, Brand, Usd(1_000m), Clock).GetValueOrThrow();
        ledger.Release("release-1", Collaboration, Creator, Usd(1_000m), FivePercentAndThirtyCents, Clock).GetValueOrThrow();

        var correction = ledger.Correct("fix-1", "release-1", "released before approval", Clock).GetValueOrThrow();

        correction.Reverses.ShouldBe("release-1");
        Held(ledger).ShouldBe(Usd(1_000m));
        ledger.Balance(LedgerAccount.PlatformFees, Currency.USD).IsZero.ShouldBeTrue();
        ledger.Entries.Count.ShouldBe(5);
        ledger.Correct("fix-2", "release-1", "again", Clock).AsT1.Code.ShouldBe("ledger.already_corrected");
        ledger.Correct("fix-3", "nope", "typo", Clock).AsT1.ShouldBe(new LedgerRejection("ledger.unknown_transaction", "there is no transaction 'nope'."));
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
            (await store.Ledger.AppendAsync(transaction, transaction.Entries[0].Sequence - 1)).IsAppended.ShouldBeTrue();
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
        (await store.Ledger.AppendAsync(restored.Transactions[2], restored.Transactions[1].Entries[^1].Sequence)).IsAppended.ShouldBeTrue();
        (await store.Ledger.AppendAsync(next, restored.Transactions[2].Entries[^1].Sequence)).IsAppended.ShouldBeTrue();
    }

    [Fact]
    public async Task A_ledger_takes_the_numbers_its_store_gave_and_numbers_on_from_them()
    {
        var store = new CreatorMarketplace.Storage.InMemory.InMemoryMarketplaceStore();
        var elsewhere = new EscrowLedger().Charge("charge-0", Collaboration, Brand, Usd(10m), Clock).GetValueOrThrow();
        (await store.Ledger.AppendAsync(elsewhere, 0)).IsAppended.ShouldBeTrue();
        var ledger = new EscrowLedger();
        var charge = ledger.Charge("charge-1", Collaboration, Brand, Usd(1_000m), Clock).GetValueOrThrow();
        ledger.Release("release-1", Collaboration, Creator, Usd(400m), FivePercentAndThirtyCents, Clock).GetValueOrThrow();
        ledger.LastSequence.ShouldBe(3);

        // The store held one entry already, so it numbers the charge 2, and the ledger moves the release after it.
        var stored = (await store.Ledger.AppendAsync(charge, 1)).AsT0.Transaction;
        ledger.Adopt(stored);

        stored.Entries.ShouldHaveSingleItem().Sequence.ShouldBe(2);
        ledger.Transactions[0].ShouldBe(stored);
        ledger.Entries.Select(e => e.Sequence).ShouldBe([2, 3, 4]);
        ledger.Transactions.SelectMany(t => t.Entries).ShouldBe(ledger.Entries);
        ledger.LastSequence.ShouldBe(4);
        Held(ledger).ShouldBe(Usd(600m));
        var release = ledger.Release("release-1", Collaboration, Creator, Usd(400m), FivePercentAndThirtyCents, Clock).GetValueOrThrow();
        release.Entries.Select(e => e.Sequence).ShouldBe([3, 4], "a retry returns the posting as renumbered");
        (await store.Ledger.AppendAsync(release, ledger.Transactions[0].Entries[^1].Sequence)).AsT0.Transaction.ShouldBe(release);
        ledger.Charge("charge-2", Collaboration, Brand, Usd(1m), Clock).GetValueOrThrow().Entries[0].Sequence.ShouldBe(5);

        // Numbers the ledger already has change nothing; another transaction, or other content, is refused.
        var entries = ledger.Entries;
        ledger.Adopt(release);
        ledger.Entries.ShouldBeSameAs(entries);
        Should.Throw<ArgumentException>(() => ledger.Adopt(elsewhere)).ParamName.ShouldBe("stored");
        Should.Throw<ArgumentException>(() => ledger.Adopt(new LedgerTransaction(stored.Key, stored.Kind, [stored.Entries[0] with { Memo = "other" }], stored.PostedAt, stored.Reverses, stored.Command)))
            .Message.ShouldStartWith("stored: the ledger posted no transaction 'charge-1' that differs from it in its entries' numbers alone.");
        Should.Throw<ArgumentNullException>(() => ledger.Adopt(null!));
    }

    [Fact]
    public void A_history_that_does_not_follow_is_refused_at_its_first_broken_transaction()
    {
        var ledger = new EscrowLedger();
        var charge = ledger.Charge("charge-1", Collaboration, Brand, Usd(1_000m), Clock).GetValueOrThrow();
        var release = ledger.Release("release-1", Collaboration, Creator, Usd(400m), FivePercentAndThirtyCents, Clock).GetValueOrThrow();

        var gap = Should.Throw<DomainValidationException>(() => EscrowLedger.FromTransactions([release, charge]));
        var repeated = Should.Throw<DomainValidationException>(() => EscrowLedger.FromTransactions([charge, new LedgerTransaction(charge.Key, charge.Kind, [charge.Entries[0] with { Sequence = 2 }], charge.PostedAt)]));
        var unknown = Should.Throw<DomainValidationException>(() => EscrowLedger.FromTransactions([new LedgerTransaction(charge.Key, charge.Kind, charge.Entries, charge.PostedAt, "nothing", charge.Command), release]));

        gap.Errors.Select(e => (e.Field, e.Code)).ShouldBe([("transactions[0].entries[0].sequence", "ledger.sequence_gap")]);
        repeated.Errors.Select(e => (e.Field, e.Code)).ShouldBe([("transactions[1].command", "ledger.command_missing"), ("transactions[1].key", "ledger.key_repeated")]);
        unknown.Errors.Select(e => e.Field).ShouldBe(["transactions[0].reverses"], "the release after the broken charge is not judged");
        EscrowLedger.FromTransactions([]).Entries.ShouldBeEmpty();
    }

    [Fact]
    public void The_default_refund_policy_gives_the_brand_its_share_per_case_and_reads_one_case_a_line()
    {
        RefundCase.List.Select(c => (c.Name, RefundPolicy.Default.BrandShare(c))).ShouldBe(
        [
            ("brand cancelled before submission", 1m),
            ("brand cancelled after submission", 0.9m),
            ("brand cancelled after approval", 0m),
            ("creator cancelled", 1m),
            ("creator missed the deadline", 1m),
        ], ignoreOrder: true);
        RefundPolicy.Default.Rounding.ShouldBe(MidpointRounding.AwayFromZero);
        RefundPolicy.Default.ToString().Split(Environment.NewLine).ShouldBe(
        [
            "brand cancelled before submission: 100% to the brand",
            "brand cancelled after submission: 90% to the brand",
            "brand cancelled after approval: 0% to the brand",
            "creator cancelled: 100% to the brand",
            "creator missed the deadline: 100% to the brand",
        ]);
        RefundCase.CreatorMissedDeadline.ToString().ShouldBe("creator missed the deadline");
        Should.Throw<ArgumentNullException>(() => RefundPolicy.Default.BrandShare(null!));
        Should.Throw<ArgumentNullException>(() => RefundCase.Of(null!));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("0.35")]
    public void A_policy_changes_one_case_at_a_time_to_a_share_from_0_to_1(string share)
    {
        var brandShare = decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture);

        var policy = RefundPolicy.Default.With(RefundCase.CreatorMissedDeadline, brandShare);

        policy.BrandShare(RefundCase.CreatorMissedDeadline).ShouldBe(brandShare);
        policy.BrandShare(RefundCase.CreatorCancelled).ShouldBe(1m);
        policy.Rounding.ShouldBe(RefundPolicy.Default.Rounding);
        RefundPolicy.Default.BrandShare(RefundCase.CreatorMissedDeadline).ShouldBe(1m, "the default is unchanged");
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.01")]
    public void A_refund_share_outside_0_to_1_is_refused_naming_it(string share)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() =>
            RefundPolicy.Default.With(RefundCase.CreatorCancelled, decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture)));

        error.ParamName.ShouldBe("brandShare");
        error.Message.ShouldContain("from 0 to 1");
        Should.Throw<ArgumentNullException>(() => RefundPolicy.Default.With(null!, 0.5m));
    }

    [Fact]
    public void A_kill_fee_also_holds_after_approval_and_never_exceeds_what_is_held()
    {
        var brandTakesAll = RefundPolicy.Default.With(RefundCase.BrandCancelledAfterApproval, 1m);

        brandTakesAll.Split(Usd(1_000m), RefundCase.BrandCancelledAfterApproval, Usd(250m)).ShouldBe((Usd(750m), Usd(250m)));
        RefundPolicy.Default.Split(Usd(100m), RefundCase.BrandCancelledAfterSubmission, Usd(250m)).ShouldBe((Usd(0m), Usd(100m)));
        RefundPolicy.Default.Split(Usd(1_000m), RefundCase.CreatorCancelled, Usd(250m)).ShouldBe((Usd(1_000m), Usd(0m)));
        RefundPolicy.Default.Split(Usd(1_000m), RefundCase.CreatorMissedDeadline, Usd(250m)).ShouldBe((Usd(1_000m), Usd(0m)));
        RefundPolicy.Default.Split(Usd(0.15m), RefundCase.BrandCancelledAfterSubmission).ShouldBe((Usd(0.14m), Usd(0.01m)), "13.5 cents round away from zero");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public void A_fee_rate_may_be_0_or_1(string rate)
    {
        var policy = new FeePolicy(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), null, MidpointRounding.ToEven);

        policy.On(Usd(10m)).ShouldBe(rate == "0" ? Usd(0m) : Usd(10m));
    }

    [Fact]
    public void A_fee_rate_outside_0_to_1_or_a_negative_or_foreign_fixed_part_is_refused_naming_it()
    {
        var low = Should.Throw<ArgumentException>(() => new FeePolicy(-0.01m, null, MidpointRounding.ToEven).On(Usd(10m)));
        var high = Should.Throw<ArgumentException>(() => new FeePolicy(1.01m, null, MidpointRounding.ToEven).On(Usd(10m)));
        var negative = Should.Throw<ArgumentException>(() => new FeePolicy(0m, Usd(-0.30m), MidpointRounding.ToEven).On(Usd(10m)));
        var foreign = Should.Throw<ArgumentException>(() => new FeePolicy(0m, Money.Of(0.30m, Currency.EUR), MidpointRounding.ToEven).On(Usd(10m)));

        (low.ParamName, high.ParamName, negative.ParamName, foreign.ParamName).ShouldBe(("Rate", "Rate", "Fixed", "Fixed"));
        low.Message.ShouldContain("a fee rate is from 0 to 1, got -0.01");
        foreign.Message.ShouldContain("the fixed fee EUR 0.30 does not apply to an amount in USD");
    }

    [Fact]
    public void A_fee_of_exactly_the_amount_is_the_amount_and_the_policy_reads_as_its_terms()
    {
        new FeePolicy(0.5m, Usd(0.50m), MidpointRounding.ToEven).On(Usd(1m)).ShouldBe(Usd(1m));
        new FeePolicy(0.5m, Usd(0.49m), MidpointRounding.ToEven).On(Usd(1m)).ShouldBe(Usd(0.99m));
        FivePercentAndThirtyCents.ToString().ShouldBe("5% (AwayFromZero) + USD 0.30");
        FeePolicy.None.ToString().ShouldBe("0% (ToEven)");
        FeePolicy.None.On(Usd(10m)).IsZero.ShouldBeTrue();
    }

    [Fact]
    public void Accounts_rejections_and_results_read_as_what_they_are()
    {
        LedgerAccount.PlatformFees.ToString().ShouldBe("platform fees");
        LedgerAccount.Escrow(Collaboration).ToString().ShouldBe("escrow held:01890a5d-ac96-774b-bcce-b302099a8062");
        LedgerAccount.PaidOut(Creator).Kind.ShouldBe(AccountKind.PaidOut);
        AccountKind.CreatorPayable.ToString().ShouldBe("creator payable");
        var rejection = new LedgerRejection("ledger.nothing_held", "nothing to refund.");
        rejection.ToString().ShouldBe("nothing to refund. (ledger.nothing_held)");
        LedgerResult rejected = rejection;
        rejected.IsPosted.ShouldBeFalse();
        rejected.ToString().ShouldBe("rejected: nothing to refund. (ledger.nothing_held)");
        Should.Throw<InvalidOperationException>(() => rejected.GetValueOrThrow()).Message.ShouldBe("nothing to refund. (ledger.nothing_held)");
        var posted = new EscrowLedger().Charge("charge-1", Collaboration, Brand, Usd(1m), Clock);
        posted.ToString().ShouldBe("posted charge-1");
        Should.Throw<ArgumentNullException>(() => (LedgerResult)(LedgerTransaction)null!);
        Should.Throw<ArgumentNullException>(() => (LedgerResult)(LedgerRejection)null!);
    }

    [Fact]
    public void Each_command_records_the_same_text_as_stores_already_keep()
    {
        // Stored transactions keep these texts, and a repeated key is judged against them after a restart: the
        // exact words are part of the stored form.
        var ledger = new EscrowLedger();
        var commands = new[]
        {
            ledger.Charge("charge-1", Collaboration, Brand, Usd(1_000m), Clock),
            ledger.Release("release-1", Collaboration, Creator, Usd(400m), FivePercentAndThirtyCents, Clock),
            ledger.Release("release-2", Collaboration, Creator, Usd(100m), FeePolicy.None, Clock),
            ledger.Refund("refund-1", Collaboration, Brand, Creator, Currency.USD, RefundCase.BrandCancelledAfterSubmission, RefundPolicy.Default, Usd(50m), Clock),
            ledger.PayOut("payout-1", Creator, Usd(10m), Clock),
            ledger.ReturnUnclaimed("return-1", Creator, Brand, Usd(10m), Clock),
            ledger.Correct("fix-1", "release-2", "posted twice", Clock),
        }.Select(result => result.GetValueOrThrow().Command);

        commands.ShouldBe(
        [
            "charge|01890a5d-ac96-774b-bcce-b302099a8062|01890a5d-ac96-774b-bcce-b302099a8057|00000000-0000-0000-0000-000000000000|USD 1000.00|",
            "release|01890a5d-ac96-774b-bcce-b302099a8062|01890a5d-ac96-774b-bcce-b302099a8059|00000000-0000-0000-0000-000000000000|USD 400.00|0.05 USD 0.30 AwayFromZero",
            "release|01890a5d-ac96-774b-bcce-b302099a8062|01890a5d-ac96-774b-bcce-b302099a8059|00000000-0000-0000-0000-000000000000|USD 100.00|0  ToEven",
            "refund|01890a5d-ac96-774b-bcce-b302099a8062|01890a5d-ac96-774b-bcce-b302099a8057|01890a5d-ac96-774b-bcce-b302099a8059|USD 0.00|brand cancelled after submission 0.9 AwayFromZero USD 50.00",
            "payout|01890a5d-ac96-774b-bcce-b302099a8059|00000000-0000-0000-0000-000000000000|00000000-0000-0000-0000-000000000000|USD 10.00|",
            "return unclaimed|01890a5d-ac96-774b-bcce-b302099a8059|01890a5d-ac96-774b-bcce-b302099a8057|00000000-0000-0000-0000-000000000000|USD 10.00|",
            "correction|00000000-0000-0000-0000-000000000000|00000000-0000-0000-0000-000000000000|00000000-0000-0000-0000-000000000000||release-2\nposted twice",
        ]);
    }

    [Fact]
    public void Each_posting_is_numbered_dated_and_described_and_a_zero_fee_posts_no_entry()
    {
        var ledger = new EscrowLedger();
        var charge = ledger.Charge("charge-1", Collaboration, Brand, Usd(100m), Clock).GetValueOrThrow();
        var release = ledger.Release("release-1", Collaboration, Creator, Usd(40m), FivePercentAndThirtyCents, Clock).GetValueOrThrow();
        var free = ledger.Release("release-2", Collaboration, Creator, Usd(10m), FeePolicy.None, Clock).GetValueOrThrow();

        (charge.Kind, release.Kind, charge.PostedAt).ShouldBe(("charge", "release", Clock.GetCurrentInstant()));
        charge.Entries.ShouldHaveSingleItem().ShouldBe(
            new LedgerEntry(1, "charge-1", LedgerAccount.BrandFunding(Brand), LedgerAccount.Escrow(Collaboration), Usd(100m), Clock.GetCurrentInstant(), "charge"));
        release.Entries.Select(e => (e.Sequence, e.Memo, e.Amount.ToString())).ShouldBe(
        [
            (2L, "release to creator", "USD 37.70"),
            (3L, "platform fee 5% (AwayFromZero) + USD 0.30", "USD 2.30"),
        ]);
        free.Entries.ShouldHaveSingleItem().Sequence.ShouldBe(4);
        ledger.Entries.Select(e => e.Sequence).ShouldBe([1L, 2L, 3L, 4L]);
    }

    [Fact]
    public void A_payout_or_return_beyond_what_the_account_holds_is_refused_and_exactly_what_it_holds_is_posted()
    {
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", Collaboration, Brand, Usd(100m), Clock).GetValueOrThrow();
        ledger.Release("release-1", Collaboration, Creator, Usd(100m), FeePolicy.None, Clock).GetValueOrThrow();

        var over = ledger.PayOut("payout-1", Creator, Usd(100.01m), Clock).AsT1;
        over.Code.ShouldBe("ledger.insufficient_payable");
        over.Message.ShouldContain("is owed USD 100.00, less than USD 100.01");
        var payout = ledger.PayOut("payout-1", Creator, Usd(100m), Clock).GetValueOrThrow();
        payout.Entries.ShouldHaveSingleItem().Memo.ShouldBe("payout");
        payout.Kind.ShouldBe("payout");
        ledger.Balance(LedgerAccount.PaidOut(Creator), Currency.USD).ShouldBe(Usd(100m));

        ledger.ReturnUnclaimed("return-1", Creator, Brand, Usd(100.01m), Clock).AsT1.ShouldBe(
            new LedgerRejection("ledger.insufficient_paid_out", $"less than USD 100.01 was paid out to creator {Creator}."));
        var returned = ledger.ReturnUnclaimed("return-1", Creator, Brand, Usd(100m), Clock).GetValueOrThrow();
        returned.Kind.ShouldBe("return unclaimed");
        returned.Entries.ShouldHaveSingleItem().Memo.ShouldBe("unclaimed payout returned");
        ledger.Balance(LedgerAccount.Refunds(Brand), Currency.USD).ShouldBe(Usd(100m));
        ledger.Balance(LedgerAccount.PaidOut(Creator), Currency.USD).IsZero.ShouldBeTrue();
    }

    [Fact]
    public void A_refund_of_an_empty_escrow_is_refused_and_a_refund_describes_both_sides()
    {
        var ledger = new EscrowLedger();

        var nothing = ledger.Refund("refund-1", Collaboration, Brand, Creator, Currency.USD, RefundCase.BrandCancelledAfterSubmission, RefundPolicy.Default, null, Clock).AsT1;

        nothing.Code.ShouldBe("ledger.nothing_held");
        nothing.Message.ShouldContain("holds nothing in USD to refund");
        ledger.Charge("charge-1", Collaboration, Brand, Usd(10m), Clock).GetValueOrThrow();
        var refund = ledger.Refund("refund-1", Collaboration, Brand, Creator, Currency.USD, RefundCase.BrandCancelledAfterSubmission, RefundPolicy.Default, null, Clock).GetValueOrThrow();
        refund.Kind.ShouldBe("refund");
        refund.Entries.Select(e => (e.To, e.Memo, e.Amount)).ShouldBe(
        [
            (LedgerAccount.Refunds(Brand), "refund: brand cancelled after submission", Usd(9m)),
            (LedgerAccount.CreatorPayable(Creator), "compensation: brand cancelled after submission", Usd(1m)),
        ]);
        ledger.Refund("refund-1", Collaboration, Brand, Creator, Currency.USD, RefundCase.BrandCancelledAfterSubmission, RefundPolicy.Default, Usd(5m), Clock)
            .AsT1.Code.ShouldBe("ledger.idempotency_conflict", "a kill fee is part of what the refund asked for");
    }

    [Fact]
    public void A_retry_with_an_equal_fee_or_refund_policy_written_with_other_trailing_zeros_is_the_same_command()
    {
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", Collaboration, Brand, Usd(100m), Clock).GetValueOrThrow();
        var (tenth, readBack) = (new FeePolicy(0.1m, null, MidpointRounding.AwayFromZero), new FeePolicy(0.10m, null, MidpointRounding.AwayFromZero));
        tenth.ShouldBe(readBack, "the same policy, read back from \"0.10\"");
        var released = ledger.Release("release-1", Collaboration, Creator, Usd(50m), tenth, Clock).GetValueOrThrow();

        ledger.Release("release-1", Collaboration, Creator, Usd(50m), readBack, Clock).AsT0.ShouldBeSameAs(released);
        ledger.Release("release-1", Collaboration, Creator, Usd(50m), tenth with { Rate = 0.11m }, Clock).AsT1.Code.ShouldBe("ledger.idempotency_conflict");

        var refunded = ledger.Refund("refund-1", Collaboration, Brand, Creator, Currency.USD, RefundCase.BrandCancelledAfterSubmission, RefundPolicy.Default.With(RefundCase.BrandCancelledAfterSubmission, 0.5m), null, Clock).GetValueOrThrow();
        ledger.Refund("refund-1", Collaboration, Brand, Creator, Currency.USD, RefundCase.BrandCancelledAfterSubmission, RefundPolicy.Default.With(RefundCase.BrandCancelledAfterSubmission, 0.500m), null, Clock).AsT0.ShouldBeSameAs(refunded);
        ledger.Refund("refund-1", Collaboration, Brand, Creator, Currency.USD, RefundCase.BrandCancelledAfterSubmission, RefundPolicy.Default.With(RefundCase.BrandCancelledAfterSubmission, 0.501m), null, Clock).AsT1.Code.ShouldBe("ledger.idempotency_conflict");
    }

    [Fact]
    public void Commands_refuse_a_blank_key_a_missing_clock_and_an_amount_that_is_not_positive()
    {
        var ledger = new EscrowLedger();

        Should.Throw<ArgumentException>(() => ledger.Charge(" ", Collaboration, Brand, Usd(1m), Clock)).ParamName.ShouldBe("key");
        Should.Throw<ArgumentNullException>(() => ledger.Charge("k", Collaboration, Brand, Usd(1m), null!)).ParamName.ShouldBe("clock");
        var zero = Should.Throw<ArgumentException>(() => ledger.Charge("k", Collaboration, Brand, Usd(0m), Clock));
        zero.ParamName.ShouldBe("amount");
        zero.Message.ShouldContain("a ledger amount is positive, got USD 0.00");
        Should.Throw<ArgumentException>(() => ledger.PayOut("k", Creator, Usd(-1m), Clock)).ParamName.ShouldBe("amount");
        Should.Throw<ArgumentNullException>(() => ledger.Release("k", Collaboration, Creator, Usd(1m), null!, Clock));
        Should.Throw<ArgumentException>(() => ledger.Correct("k", "charge-1", " ", Clock));
        ledger.Entries.ShouldBeEmpty();
        ledger.Transactions.ShouldBeEmpty();
    }

    [Fact]
    public void A_correction_that_would_leave_an_account_short_is_refused_and_one_of_a_charge_returns_the_funding()
    {
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", Collaboration, Brand, Usd(100m), Clock).GetValueOrThrow();
        ledger.Release("release-1", Collaboration, Creator, Usd(60m), FeePolicy.None, Clock).GetValueOrThrow();

        var short_ = ledger.Correct("fix-1", "charge-1", "charged twice", Clock).AsT1;

        short_.Code.ShouldBe("ledger.correction_short");
        short_.Message.ShouldContain("reversing 'charge-1' would leave escrow held:");
        ledger.PayOut("payout-1", Creator, Usd(60m), Clock).GetValueOrThrow();
        ledger.Correct("fix-2", "release-1", "too early", Clock).AsT1.Code.ShouldBe("ledger.correction_short");
        ledger.Release("release-2", Collaboration, Creator, Usd(40m), FeePolicy.None, Clock).GetValueOrThrow();
        ledger.Correct("fix-3", "release-2", "too early", Clock).GetValueOrThrow().Entries.ShouldHaveSingleItem().Memo.ShouldBe("reverses release-2: too early");

        var correction = ledger.Correct("fix-4", "release-2", "again", Clock);
        correction.AsT1.Message.ShouldContain("'release-2' was already reversed");
        var fresh = new EscrowLedger();
        fresh.Charge("charge-1", Collaboration, Brand, Usd(100m), Clock).GetValueOrThrow();
        var undo = fresh.Correct("fix-1", "charge-1", "charged twice", Clock).GetValueOrThrow();
        (undo.Kind, undo.Reverses).ShouldBe(("correction", "charge-1"));
        fresh.Balance(LedgerAccount.BrandFunding(Brand), Currency.USD).IsZero.ShouldBeTrue();
        fresh.Balance(LedgerAccount.Escrow(Collaboration), Currency.USD).IsZero.ShouldBeTrue();
        fresh.Correct("fix-1", "charge-1", "charged twice", Clock).AsT0.ShouldBeSameAs(undo);
        fresh.Correct("fix-1", "charge-1", "another reason", Clock).AsT1.Code.ShouldBe("ledger.idempotency_conflict");
    }

    [Fact]
    public void A_restored_history_with_a_null_or_malformed_transaction_names_it()
    {
        var ledger = new EscrowLedger();
        var charge = ledger.Charge("charge-1", Collaboration, Brand, Usd(1m), Clock).GetValueOrThrow();

        Should.Throw<DomainValidationException>(() => EscrowLedger.FromTransactions([charge, null!])).Errors.ShouldHaveSingleItem()
            .ShouldSatisfyAllConditions(e => e.Field.ShouldBe("transactions[1]"), e => e.Code.ShouldBe("ledger.transaction_missing"));
        // A malformed transaction cannot be made, so it never reaches the ledger: it is refused where it is made.
        Should.Throw<DomainValidationException>(() => new LedgerTransaction(charge.Key, charge.Kind, [], charge.PostedAt, charge.Reverses, charge.Command))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("entries");
        Should.Throw<ArgumentNullException>(() => EscrowLedger.FromTransactions(null!));
        EscrowLedger.FromTransactions([charge]).Transactions.ShouldHaveSingleItem().ShouldBe(charge);
    }

    [Fact]
    public void A_history_reversing_one_transaction_twice_is_refused_on_loading()
    {
        // A second writer that loaded the ledger before the first correction was stored reverses the charge again;
        // the store numbers it on. Loaded, the brand would get USD 1,000 back for USD 500.
        var live = new EscrowLedger();
        var charge = live.Charge("charge-1", Collaboration, Brand, Usd(500m), Clock).GetValueOrThrow();
        var first = live.Correct("fix-1", "charge-1", "charged by mistake", Clock).GetValueOrThrow();
        var second = EscrowLedger.FromTransactions([charge]).Correct("fix-2", "charge-1", "charged by mistake", Clock).GetValueOrThrow()
            .NumberedAfter(first.Entries[^1].Sequence);

        var refused = Should.Throw<DomainValidationException>(() => EscrowLedger.FromTransactions([charge, first, second]));

        refused.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Field.ShouldBe("transactions[2].reverses"),
            e => e.Code.ShouldBe("ledger.already_corrected"));
    }

    [Fact]
    public void A_correction_names_one_transaction_so_that_a_key_reused_for_another_is_not_taken_for_a_retry()
    {
        // "charge-1" + line break + "a\nb" and "charge-1\na" + line break + "b" would be the same command text.
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", Collaboration, Brand, Usd(500m), Clock).GetValueOrThrow();
        ledger.Correct("fix-1", "charge-1", "a\nb", Clock).IsPosted.ShouldBeTrue();

        Should.Throw<ArgumentException>(() => ledger.Correct("fix-1", "charge-1\na", "b", Clock));
        ledger.Transactions.Count.ShouldBe(2);
    }
}
