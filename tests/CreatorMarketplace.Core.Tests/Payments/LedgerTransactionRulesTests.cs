using CreatorMarketplace.Payments;
using NodaTime;

namespace CreatorMarketplace.Tests.Payments;

// The rules a ledger transaction is checked against when it is made: each rule is checked by the field it names, its
// code and its sentence, so that no malformed transaction can reach the ledger or a store.
public class LedgerTransactionRulesTests
{
    private static readonly Instant At = Instant.FromUtc(2027, 1, 4, 15, 0);
    private static readonly LedgerAccount From = LedgerAccount.BrandFunding(EscrowLedgerTests.Brand);
    private static readonly LedgerAccount To = LedgerAccount.Escrow(EscrowLedgerTests.Collaboration);

    private static LedgerEntry Entry(long sequence, string transaction = "charge-1", decimal amount = 10m, string memo = "charge") =>
        new(sequence, transaction, From, To, Money.Of(amount, Currency.USD), At, memo);

    private static LedgerTransaction Transaction(params LedgerEntry?[] entries) => Transaction(entries, "charge-1");

    private static LedgerTransaction Transaction(LedgerEntry?[]? entries, string key = "charge-1", string kind = "charge", string? reverses = null, string? command = null) =>
        new(key, kind, entries!, At, reverses, command);

    private static DomainError Single(Func<LedgerTransaction> transaction)
    {
        var refused = Should.Throw<DomainValidationException>(transaction);
        refused.ParamName.ShouldBe("transaction");
        return refused.Errors.ShouldHaveSingleItem();
    }

    [Fact]
    public void A_well_formed_transaction_passes()
    {
        Should.NotThrow(() => Transaction(Entry(7), Entry(8), Entry(9, amount: 0m)));
    }

    [Fact]
    public async Task A_null_transaction_is_an_argument_error()
    {
        var store = new CreatorMarketplace.Storage.InMemory.InMemoryMarketplaceStore();

        (await Should.ThrowAsync<ArgumentNullException>(async () => await store.Ledger.AppendAsync(null!, 0))).ParamName.ShouldBe("transaction");
    }

    [Fact]
    public void A_transaction_keeps_its_entries_when_the_list_it_was_made_from_changes()
    {
        var entries = new List<LedgerEntry> { Entry(1) };
        var transaction = new LedgerTransaction("charge-1", "charge", entries, At);

        entries[0] = Entry(1, transaction: "charge-2", amount: -1m);
        entries.Add(Entry(5));

        transaction.Entries.ShouldBe([Entry(1)]);
    }

    [Fact]
    public void A_blank_key_is_refused_by_name()
    {
        Single(() => Transaction([Entry(1, transaction: " ")], key: " "))
            .ShouldBe(new DomainError("key", "ledger.key_blank", "a transaction has a non-blank idempotency key."));
    }

    [Fact]
    public void A_blank_kind_is_refused_by_name()
    {
        Single(() => Transaction([Entry(1)], kind: ""))
            .ShouldBe(new DomainError("kind", "ledger.kind_blank", "a transaction names its kind."));
    }

    [Theory]
    [InlineData("key")]
    [InlineData("kind")]
    [InlineData("reverses")]
    public void Single_line_members_refuse_a_line_break(string member)
    {
        Func<LedgerTransaction> transaction = member switch
        {
            "key" => () => Transaction([Entry(1, transaction: "charge-1\n")], key: "charge-1\n"),
            "kind" => () => Transaction([Entry(1)], kind: "charge\n"),
            _ => () => Transaction([Entry(1)], reverses: "charge-0\n"),
        };

        var error = Single(transaction);

        error.Field.ShouldBe(member);
        error.Code.ShouldBe("text.control_character");
    }

    [Fact]
    public void The_command_may_span_lines_but_not_hold_other_control_characters()
    {
        Should.NotThrow(() => Transaction([Entry(1)], command: "charge\nUSD 10.00"));

        var error = Single(() => Transaction([Entry(1)], command: "charge\u0007"));

        error.Field.ShouldBe("command");
        error.Code.ShouldBe("text.control_character");
    }

    [Fact]
    public void A_transaction_without_entries_is_refused()
    {
        Single(() => Transaction()).ShouldBe(new DomainError("entries", "ledger.entries_empty", "a transaction posts at least one entry."));
        Single(() => new LedgerTransaction("charge-1", "charge", null!, At)).Code.ShouldBe("ledger.entries_empty");
    }

    [Fact]
    public void A_missing_entry_is_named_by_its_index_and_the_others_are_still_checked()
    {
        var refused = Should.Throw<DomainValidationException>(() =>
            Transaction(Entry(1), null, Entry(3, amount: -1m)));

        refused.Errors.ShouldBe(
        [
            new DomainError("entries[1]", "ledger.entry_missing", "an entry is null."),
            new DomainError("entries[2].amount", "ledger.amount_negative", "an entry moves a positive amount or zero."),
        ]);
    }

    [Fact]
    public void An_entry_of_another_transaction_is_refused_with_both_keys()
    {
        Single(() => Transaction(Entry(1), Entry(2, transaction: "charge-2")))
            .ShouldBe(new DomainError("entries[1].transaction", "ledger.entry_foreign", "an entry belongs to its transaction 'charge-1', not 'charge-2'."));
    }

    [Theory]
    [InlineData(new long[] { 0 }, 0)]
    [InlineData(new long[] { -3 }, 0)]
    [InlineData(new long[] { 1, 3 }, 1)]
    [InlineData(new long[] { 2, 1 }, 1)]
    [InlineData(new long[] { 5, 5 }, 1)]
    public void Entries_are_numbered_consecutively_from_one_or_more(long[] sequences, int faulty)
    {
        var error = Single(() => Transaction(sequences.Select(s => Entry(s)).ToArray()));

        error.ShouldBe(new DomainError($"entries[{faulty}].sequence", "ledger.sequence_gap", "entries are numbered consecutively from 1 or more."));
    }

    [Fact]
    public void A_first_entry_numbered_below_one_makes_every_later_entry_a_gap()
    {
        var refused = Should.Throw<DomainValidationException>(() => Transaction(Entry(0), Entry(1)));

        refused.Errors.Select(e => e.Field).ShouldBe(["entries[0].sequence", "entries[1].sequence"]);
    }

    [Fact]
    public void Sequences_near_the_64_bit_limit_are_checked_without_overflow()
    {
        Should.NotThrow(() => Transaction(Entry(long.MaxValue - 1), Entry(long.MaxValue)));
        Single(() => Transaction(Entry(long.MaxValue), Entry(long.MinValue))).Field.ShouldBe("entries[1].sequence");
    }

    [Fact]
    public void A_negative_amount_is_refused()
    {
        Single(() => Transaction(Entry(1, amount: -0.01m)))
            .ShouldBe(new DomainError("entries[0].amount", "ledger.amount_negative", "an entry moves a positive amount or zero."));
    }

    [Fact]
    public void A_memo_may_span_lines_but_not_hold_an_unpaired_surrogate()
    {
        Should.NotThrow(() => Transaction(Entry(1, memo: "first line\r\nsecond")));

        var error = Single(() => Transaction(Entry(1, memo: "memo \ud800")));

        error.Field.ShouldBe("entries[0].memo");
        error.Code.ShouldBe("text.unpaired_surrogate");
    }
}
