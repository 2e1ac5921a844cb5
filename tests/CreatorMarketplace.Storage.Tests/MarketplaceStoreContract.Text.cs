using FsCheck.Fluent;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;

namespace CreatorMarketplace.Storage.Tests;

// Text: what the domain refuses never reaches a store, and what it accepts every store keeps exactly, ordinal equal.
public abstract partial class MarketplaceStoreContract
{
    // Each store fails differently on these (SQLite writes U+FFFD for half a pair, PostgreSQL refuses NUL and
    // Npgsql half a pair), so the domain refuses them before any store is asked.
    private static readonly string[] Unkeepable = ["half \uD83D pair", "\uDE00 low half first", "ends in a high half \uDBFF", "nul\0in the middle"];

    private static readonly string[] Awkward =
    [
        "Zoë \U0001F600 \U0001F469\u200D\U0001F4BB \U0001D11E",
        "e\u0301 (combining) and é (composed) stay apart",
        "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627 \u200F\u202Emixed direction\u202C",
        "line one\r\nline\ttwo\nthree \uFEFF\u2028\u007F",
        "",
    ];

    [SkippableFact]
    public async Task Text_a_store_cannot_keep_is_refused_by_the_domain_naming_the_member_and_never_reaches_the_store()
    {
        var store = await CreateStoreAsync();
        var shortlist = NewShortlist();
        var creator = new CreatorGenerator(17, Clock).Next();
        var ledger = new EscrowLedger();
        var collaboration = EntityId.New<CollaborationId>(Clock);

        foreach (var text in Unkeepable)
        {
            TextError(() => NewShortlist(text)).Field.ShouldBe("name");
            TextError(() => shortlist.Add(EntityId.New<CreatorId>(Clock), Clock, note: text)).Field.ShouldBe("note");
            TextError(() => creator.ChangeProfile(creator.Profile with { Bio = text }, Clock)).Field.ShouldBe("Bio");
            TextError(() => ledger.Charge("charge-" + text, collaboration, EntityId.New<BrandId>(Clock), Money.Parse("USD 5.00"), Clock)).Field.ShouldBe("key");

            // A transaction made some other way is refused where it is made, so that it never reaches a store.
            var (charge, _) = TwoTransactions();
            var key = "charge-" + text;
            var append = Should.Throw<DomainValidationException>(() => Posting(key, charge.Entries[0] with { Transaction = key }));
            append.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("key"), e => e.Code.ShouldStartWith("text."));
        }

        shortlist.Entries.ShouldBeEmpty();
        ledger.Transactions.ShouldBeEmpty();
        (await ReadAll(store.Ledger)).ShouldBeEmpty();
        (await store.Creators.FindAsync(creator.Id)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Text_beyond_the_basic_plane_combining_marks_and_right_to_left_text_are_kept_exactly()
    {
        var store = await CreateStoreAsync();
        var shortlist = NewShortlist("Zoë \U0001F600 \u05E9\u05DC\u05D5\u05DD");
        var creators = Awkward.Select(_ => EntityId.New<CreatorId>(Clock)).ToArray();
        for (var i = 0; i < Awkward.Length; i++)
        {
            shortlist.Add(creators[i], Clock, [$"e\u0301 \U0001F600 \u05E9 {i}"], Awkward[i]);
        }

        var generated = new CreatorGenerator(18, Clock).Next();
        var creator = Creator.Register(EntityId.New<CreatorId>(Clock), generated.Profile with { DisplayName = Awkward[0], Bio = string.Join("\n", Awkward) }, generated.PrimaryAccount, Clock);
        var ledger = new EscrowLedger();
        var key = "charge-" + Awkward[0];
        var charge = ledger.Charge(key, EntityId.New<CollaborationId>(Clock), EntityId.New<BrandId>(Clock), Money.Parse("USD 5.00"), Clock).GetValueOrThrow();

        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        (await store.Ledger.AppendAsync(charge, 0)).IsAppended.ShouldBeTrue();
        var again = await OpenAgainAsync(store);

        var loaded = (await again.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull();
        Ordinal(loaded.Name).ShouldBe(Ordinal(shortlist.Name));
        loaded.Entries.Select(e => Ordinal(e.Note)).ShouldBe(shortlist.Entries.Select(e => Ordinal(e.Note)));
        loaded.Entries.Select(e => Ordinal(string.Join("|", e.Tags))).ShouldBe(shortlist.Entries.Select(e => Ordinal(string.Join("|", e.Tags))));
        var loadedCreator = (await again.Creators.FindAsync(creator.Id)).ShouldNotBeNull();
        Ordinal(loadedCreator.Profile.DisplayName).ShouldBe(Ordinal(Awkward[0]));
        Ordinal(loadedCreator.Profile.Bio).ShouldBe(Ordinal(string.Join("\n", Awkward)));
        Ordinal((await again.Ledger.FindAsync(key)).ShouldNotBeNull().Key).ShouldBe(Ordinal(key));
    }

    [SkippableFact]
    public async Task Any_text_is_either_refused_by_the_domain_naming_the_member_or_kept_exactly()
    {
        var store = await CreateStoreAsync();
        var shortlist = NewShortlist();
        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        var ledger = new EscrowLedger();
        var collaboration = EntityId.New<CollaborationId>(Clock);
        var brand = EntityId.New<BrandId>(Clock);
        var keys = new HashSet<string>(StringComparer.Ordinal);

        // One save and one append per text, in the store under test; a refusal must name the member and change nothing.
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(60),
            Prop.ForAll(KernelGenerators.Texts().ToArbitrary(), text =>
            {
                var creator = EntityId.New<CreatorId>(Clock);
                var note = TryDomain(() => shortlist.Add(creator, Clock, note: text), "note");
                if (note)
                {
                    store.Shortlists.SaveAsync(shortlist).AsTask().GetAwaiter().GetResult().IsSaved.ShouldBeTrue();
                    var kept = store.Shortlists.FindAsync(shortlist.Id).AsTask().GetAwaiter().GetResult().ShouldNotBeNull();
                    Ordinal(kept.Entries.Single(e => e.Creator == creator).Note).ShouldBe(Ordinal(text));
                }

                var key = "k" + text;
                var posted = TryDomain(() => ledger.Charge(key, collaboration, brand, Money.Parse("USD 1.00"), Clock).GetValueOrThrow(), "key");
                if (posted && keys.Add(key))
                {
                    store.Ledger.AppendAsync(ledger.Transactions[^1], ledger.Transactions[^1].Entries[0].Sequence - 1).AsTask().GetAwaiter().GetResult().IsAppended.ShouldBeTrue();
                    Ordinal(store.Ledger.FindAsync(key).AsTask().GetAwaiter().GetResult().ShouldNotBeNull().Key).ShouldBe(Ordinal(key));
                }
            }));
    }

    // Runs a domain call; false when it refused the text, naming the member and the text rule.
    private static bool TryDomain(Action act, string field)
    {
        try
        {
            act();
            return true;
        }
        catch (DomainValidationException refused)
        {
            var error = refused.Errors.ShouldHaveSingleItem();
            error.Field.ShouldBe(field);
            error.Code.ShouldStartWith("text.");
            return false;
        }
    }

    private static DomainError TextError(Action act)
    {
        var error = Should.Throw<DomainValidationException>(act).Errors.ShouldHaveSingleItem();
        error.Code.ShouldStartWith("text.");
        return error;
    }

    // The UTF-16 code units, so that a replaced or dropped unit shows in a failure, and no comparison folds anything.
    private static string Ordinal(string? text) => text is null ? "null" : string.Join(" ", text.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));
}
