using CreatorMarketplace.Payments;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Payments;

// A ledger command is all or nothing, however it fails, and concurrent callers cannot break the ledger.
public class EscrowLedgerAtomicityTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2027, 1, 4, 15, 0));
    private static readonly CollaborationId Other = CollaborationId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8070"));

    [Fact]
    public void A_charge_that_would_overflow_a_balance_is_refused_and_changes_nothing()
    {
        var ledger = new EscrowLedger();
        var half = Money.FromMinorUnits((long.MaxValue / 2) + 1, Currency.USD);
        var first = ledger.Charge("charge-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, half, Clock).GetValueOrThrow();
        var before = State(ledger);

        var second = ledger.Charge("charge-2", Other, EscrowLedgerTests.Brand, half, Clock);

        second.AsT1.Code.ShouldBe("ledger.balance_out_of_range");
        second.AsT1.Message.ShouldContain("brand funding");
        State(ledger).ShouldBe(before);
        ledger.Balance(LedgerAccount.BrandFunding(EscrowLedgerTests.Brand), Currency.USD).ShouldBe(-half);
        ledger.Balance(LedgerAccount.Escrow(Other), Currency.USD).ShouldBe(Money.Zero(Currency.USD));

        // Nothing was remembered under the refused key, later commands number on without a gap, and the history restores.
        ledger.Charge("charge-3", Other, EscrowLedgerTests.Brand, Money.FromMinorUnits(100, Currency.USD), Clock).GetValueOrThrow().Entries[0].Sequence.ShouldBe(2);
        ledger.Charge("charge-2", Other, EscrowLedgerTests.Brand, half, Clock).AsT1.Code.ShouldBe("ledger.balance_out_of_range");
        var restored = EscrowLedger.FromTransactions(ledger.Transactions);
        restored.Entries.ShouldBe(ledger.Entries);
        restored.Transactions[0].ShouldBe(first);
    }

    [Fact]
    public void A_second_charge_into_the_same_escrow_that_would_overflow_it_is_refused_and_changes_nothing()
    {
        var ledger = new EscrowLedger();
        var half = Money.FromMinorUnits((long.MaxValue / 2) + 1, Currency.USD);
        ledger.Charge("charge-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, half, Clock).GetValueOrThrow();
        var before = State(ledger);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            ledger.Charge($"charge-{attempt + 2}", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, half, Clock).AsT1.Code.ShouldBe("ledger.balance_out_of_range");
        }

        State(ledger).ShouldBe(before);
        ledger.Balance(LedgerAccount.Escrow(EscrowLedgerTests.Collaboration), Currency.USD).ShouldBe(half);
        EscrowLedger.FromTransactions(ledger.Transactions).Entries.ShouldBe(ledger.Entries);
    }

    [Fact]
    public void A_release_into_a_payable_at_the_limit_is_refused_and_changes_nothing()
    {
        var ledger = new EscrowLedger();
        var max = Money.FromMinorUnits(long.MaxValue, Currency.USD);
        ledger.Charge("charge-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, max, Clock).GetValueOrThrow();
        ledger.Release("release-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Creator, max, FeePolicy.None, Clock).GetValueOrThrow();
        ledger.Charge("charge-2", Other, BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8071")), Money.FromMinorUnits(1, Currency.USD), Clock).GetValueOrThrow();
        var before = State(ledger);

        ledger.Release("release-2", Other, EscrowLedgerTests.Creator, Money.FromMinorUnits(1, Currency.USD), FeePolicy.None, Clock).AsT1.Code.ShouldBe("ledger.balance_out_of_range");

        State(ledger).ShouldBe(before);
    }

    [Fact]
    public void A_release_whose_fee_would_overflow_after_its_payment_fitted_is_refused_and_changes_nothing()
    {
        var ledger = new EscrowLedger();
        var max = Money.FromMinorUnits(long.MaxValue, Currency.USD);
        var wholeAmountFee = new FeePolicy(1m, null, MidpointRounding.ToEven);
        ledger.Charge("charge-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, max, Clock).GetValueOrThrow();
        ledger.Release("release-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Creator, max, wholeAmountFee, Clock).GetValueOrThrow();
        ledger.Charge("charge-2", Other, BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8071")), Money.Of(100m, Currency.USD), Clock).GetValueOrThrow();
        var before = State(ledger);

        // The release's first posting (to the creator) fits; its second (the fee, into platform fees at the limit)
        // does not, so neither is posted and no balance moves, the escrow's included.
        var refused = ledger.Release("release-2", Other, EscrowLedgerTests.Creator, Money.Of(100m, Currency.USD), EscrowLedgerTests.FivePercentAndThirtyCents, Clock);

        refused.AsT1.Code.ShouldBe("ledger.balance_out_of_range");
        refused.AsT1.Message.ShouldContain("platform fees");
        State(ledger).ShouldBe(before);
        ledger.Balance(LedgerAccount.Escrow(Other), Currency.USD).ShouldBe(Money.Of(100m, Currency.USD));
        ledger.Balance(LedgerAccount.CreatorPayable(EscrowLedgerTests.Creator), Currency.USD).ShouldBe(Money.Zero(Currency.USD));
        ledger.Release("release-2", Other, EscrowLedgerTests.Creator, Money.Of(100m, Currency.USD), FeePolicy.None, Clock).GetValueOrThrow();
        ledger.Balance(LedgerAccount.CreatorPayable(EscrowLedgerTests.Creator), Currency.USD).ShouldBe(Money.Of(100m, Currency.USD));
        EscrowLedger.FromTransactions(ledger.Transactions).Entries.ShouldBe(ledger.Entries);
    }

    [Fact]
    public void Restoring_a_history_whose_balances_overflow_names_the_transaction_instead_of_throwing_an_overflow()
    {
        var half = Money.FromMinorUnits((long.MaxValue / 2) + 1, Currency.USD);
        var source = new EscrowLedger();
        source.Charge("charge-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, half, Clock).GetValueOrThrow();
        var charge = source.Transactions[0];
        var forged = new LedgerTransaction(
            "charge-2",
            charge.Kind,
            [source.Entries[0] with { Sequence = 2, Transaction = "charge-2", To = LedgerAccount.Escrow(Other) }],
            charge.PostedAt,
            charge.Reverses,
            charge.Command);

        var refused = Should.Throw<DomainValidationException>(() => EscrowLedger.FromTransactions([source.Transactions[0], forged]));

        refused.Errors.ShouldContain(error => error.Field == "transactions[1].entries" && error.Code == "ledger.balance_out_of_range");
    }

    [Fact]
    public void A_command_whose_plan_throws_changes_nothing()
    {
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, Money.Of(100m, Currency.USD), Clock).GetValueOrThrow();
        var before = State(ledger);

        // A fee policy that cannot apply is found out while the command is planned, before anything is posted.
        Should.Throw<ArgumentException>(() => ledger.Release("release-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Creator, Money.Of(10m, Currency.USD), new FeePolicy(2m, null, MidpointRounding.ToEven), Clock));

        State(ledger).ShouldBe(before);
        ledger.Release("release-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Creator, Money.Of(10m, Currency.USD), FeePolicy.None, Clock).IsPosted.ShouldBeTrue();
    }

    [Fact]
    public void What_a_reader_was_given_stays_as_it_was_while_commands_go_on()
    {
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, Money.Of(100m, Currency.USD), Clock).GetValueOrThrow();
        var entries = ledger.Entries;
        var transactions = ledger.Transactions;

        ledger.Charge("charge-2", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, Money.Of(100m, Currency.USD), Clock).GetValueOrThrow();

        entries.Count.ShouldBe(1);
        transactions.Count.ShouldBe(1);
        ledger.Entries.Count.ShouldBe(2);
    }

    [Fact]
    public async Task What_a_reader_was_given_keeps_its_items_while_the_ledger_grows_and_is_renumbered_and_cannot_be_changed_through_it()
    {
        var store = new CreatorMarketplace.Storage.InMemory.InMemoryMarketplaceStore();
        (await store.Ledger.AppendAsync(new EscrowLedger().Charge("elsewhere", Other, EscrowLedgerTests.Brand, Money.Of(1m, Currency.USD), Clock).GetValueOrThrow(), 0)).IsAppended.ShouldBeTrue();
        var ledger = new EscrowLedger();
        var charge = ledger.Charge("charge-0", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, Money.Of(1m, Currency.USD), Clock).GetValueOrThrow();
        var first = (Entries: ledger.Entries, Transactions: ledger.Transactions);
        var firstItems = (Entries: first.Entries.ToArray(), Transactions: first.Transactions.ToArray());

        // Enough commands for the ledger's storage to grow several times over.
        for (var i = 1; i <= 100; i++)
        {
            ledger.Charge($"charge-{i}", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, Money.Of(1m, Currency.USD), Clock).GetValueOrThrow();
        }

        var grown = (Entries: ledger.Entries, Transactions: ledger.Transactions);
        var grownItems = (Entries: grown.Entries.ToArray(), Transactions: grown.Transactions.ToArray());
        ledger.Adopt((await store.Ledger.AppendAsync(charge, 1)).AsT0.Transaction);

        first.Entries.ShouldBe(firstItems.Entries);
        first.Transactions.ShouldBe(firstItems.Transactions);
        grown.Entries.ShouldBe(grownItems.Entries);
        grown.Entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, 101).Select(n => (long)n));
        grown.Transactions.ShouldBe(grownItems.Transactions);
        ledger.Entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(2, 101).Select(n => (long)n));
        ledger.Entries.ShouldBeSameAs(ledger.Entries, "a reader asking again between commands gets the same list");
        Should.Throw<NotSupportedException>(() => ((IList<LedgerEntry>)grown.Entries)[0] = grownItems.Entries[1]);
        Should.Throw<NotSupportedException>(() => ((ICollection<LedgerTransaction>)grown.Transactions).Clear());
    }

    [Fact]
    public async Task Readers_running_beside_commands_see_each_balance_and_list_as_whole_commands_left_them_and_never_go_back()
    {
        const long Charged = 1_000_000_000;
        const int Releases = 20_000;
        var released = Money.FromMinorUnits(1_000, Currency.USD);
        var ledger = new EscrowLedger();
        ledger.Charge("charge", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, Money.FromMinorUnits(Charged, Currency.USD), Clock).GetValueOrThrow();
        using var done = new CancellationTokenSource();

        // A release takes money out of escrow twice (the creator's part, then the fee): half a command would leave
        // the escrow at a balance no whole number of releases gives.
        long HeldAfter(IReadOnlyList<LedgerTransaction> transactions) => Charged - ((transactions.Count - 1) * released.MinorUnits);
        long Held() => ledger.Balance(LedgerAccount.Escrow(EscrowLedgerTests.Collaboration), Currency.USD).MinorUnits;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var reads = 0;
            while (!done.IsCancellationRequested || reads == 0)
            {
                var heldBefore = Held();
                var transactions = ledger.Transactions;
                var entries = ledger.Entries;
                var heldAfter = Held();
                ((Charged - heldBefore) % released.MinorUnits).ShouldBe(0, "a balance read between the two postings of a release");
                heldBefore.ShouldBeGreaterThanOrEqualTo(HeldAfter(transactions), "a list read after a balance holds fewer commands than the balance");
                HeldAfter(transactions).ShouldBeGreaterThanOrEqualTo(heldAfter, "a balance read after a list holds fewer commands than the list");
                entries.Count.ShouldBeGreaterThanOrEqualTo(1 + ((transactions.Count - 1) * 2));
                entries[^1].Sequence.ShouldBe(entries.Count);
                reads++;
            }

            return reads;
        })).ToArray();

        for (var i = 0; i < Releases; i++)
        {
            ledger.Release($"release-{i}", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Creator, released, EscrowLedgerTests.FivePercentAndThirtyCents, Clock).GetValueOrThrow();
        }

        await done.CancelAsync();
        (await Task.WhenAll(readers)).ShouldAllBe(reads => reads > 0);
        Held().ShouldBe(Charged - (Releases * released.MinorUnits));
    }

    [Fact]
    public void A_restored_transaction_equals_the_one_it_was_restored_from()
    {
        var ledger = new EscrowLedger();
        ledger.Charge("charge-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Brand, Money.Of(100m, Currency.USD), Clock).GetValueOrThrow();
        ledger.Release("release-1", EscrowLedgerTests.Collaboration, EscrowLedgerTests.Creator, Money.Of(40m, Currency.USD), EscrowLedgerTests.FivePercentAndThirtyCents, Clock).GetValueOrThrow();

        var restored = EscrowLedger.FromTransactions(ledger.Transactions.Select(t => new LedgerTransaction(t.Key, t.Kind, t.Entries.ToList(), t.PostedAt, t.Reverses, t.Command)));

        restored.Transactions.ShouldBe(ledger.Transactions);
        restored.Transactions[1].GetHashCode().ShouldBe(ledger.Transactions[1].GetHashCode());
        var release = ledger.Transactions[1];
        restored.Transactions[1].ShouldNotBe(new LedgerTransaction(release.Key, release.Kind, [release.Entries[0]], release.PostedAt, release.Reverses, release.Command));
    }

    [Fact]
    public async Task Concurrent_callers_leave_a_balanced_gap_free_ledger_with_each_key_posted_once()
    {
        const int Threads = 8;
        const int CommandsEach = 40;
        for (var round = 0; round < 100; round++)
        {
            var ledger = new EscrowLedger();
            var collaborations = Enumerable.Range(0, 3).Select(i => CollaborationId.From(Guid.Parse($"01890a5d-ac96-774b-bcce-b302099a81{i:00}"))).ToArray();
            using var start = new Barrier(Threads);
            var workers = Enumerable.Range(0, Threads).Select(thread => Task.Run(() =>
            {
                var random = new Random((round * Threads) + thread);
                start.SignalAndWait();
                var outcomes = new List<(string Key, LedgerResult Result)>();
                for (var i = 0; i < CommandsEach; i++)
                {
                    // Keys are shared between threads now and then, so that retries race with their first attempt.
                    var key = random.Next(4) == 0 ? $"shared-{random.Next(10)}" : $"t{thread}-{i}";
                    var collaboration = collaborations[random.Next(collaborations.Length)];
                    var amount = Money.FromMinorUnits(random.Next(1, 1_000), Currency.USD);
                    var result = random.Next(3) == 0
                        ? ledger.Release(key, collaboration, EscrowLedgerTests.Creator, amount, FeePolicy.None, Clock)
                        : ledger.Charge(key, collaboration, EscrowLedgerTests.Brand, amount, Clock);
                    outcomes.Add((key, result));
                    _ = ledger.Entries.Count + ledger.Transactions.Count;
                }

                return outcomes;
            })).ToArray();
            var outcomes = (await Task.WhenAll(workers)).SelectMany(o => o).ToList();

            ledger.Entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, ledger.Entries.Count).Select(n => (long)n), $"round {round}");
            ledger.Transactions.Select(t => t.Key).ShouldBeUnique();
            ledger.Transactions.SelectMany(t => t.Entries).ShouldBe(ledger.Entries);
            var posted = outcomes.Where(o => o.Result.IsPosted).Select(o => o.Key).Distinct().Order(StringComparer.Ordinal);
            posted.ShouldBe(ledger.Transactions.Select(t => t.Key).Order(StringComparer.Ordinal));
            var charged = ledger.Entries.Where(e => e.From.Kind == AccountKind.BrandFunding).Sum(e => e.Amount.MinorUnits);
            ledger.Balance(LedgerAccount.BrandFunding(EscrowLedgerTests.Brand), Currency.USD).MinorUnits.ShouldBe(-charged);
            foreach (var collaboration in collaborations)
            {
                var held = ledger.Entries.Where(e => e.To == LedgerAccount.Escrow(collaboration)).Sum(e => e.Amount.MinorUnits)
                    - ledger.Entries.Where(e => e.From == LedgerAccount.Escrow(collaboration)).Sum(e => e.Amount.MinorUnits);
                held.ShouldBeGreaterThanOrEqualTo(0);
                ledger.Balance(LedgerAccount.Escrow(collaboration), Currency.USD).MinorUnits.ShouldBe(held);
            }

            EscrowLedger.FromTransactions(ledger.Transactions).Entries.ShouldBe(ledger.Entries);
        }
    }

    // Everything a command could change: the postings, the transactions and every balance they touch.
    internal static string State(EscrowLedger ledger)
    {
        var accounts = ledger.Entries.SelectMany(e => new[] { (e.From, e.Amount.Currency), (e.To, e.Amount.Currency) }).Distinct()
            .Select(a => $"{a.Item1}={ledger.Balance(a.Item1, a.Item2)}");
        return $"{ledger.Entries.Count}|{ledger.Transactions.Count}|{string.Join(",", ledger.Transactions.Select(t => t.Key))}|{string.Join(",", accounts)}";
    }
}
