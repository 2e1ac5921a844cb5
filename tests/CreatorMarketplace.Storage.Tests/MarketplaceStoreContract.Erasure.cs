using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Payments;
using FsCheck.Fluent;
using NodaTime;

namespace CreatorMarketplace.Storage.Tests;

// The erasure of a creator (GDPR Article 17): everything that names the creator goes, in every store, while the
// ledger and the invoices the law makes the marketplace keep stay as they were.
public abstract partial class MarketplaceStoreContract
{
    /// <summary>What the erasure tests store about a creator: the texts that name her, and what must outlive her erasure.</summary>
    protected sealed record ErasureScenario(Creator Creator, Collaboration Collaboration, Invoice Invoice, string[] NamesHer);

    private static readonly FeePolicy ErasureFees = new(0.1m, null, MidpointRounding.ToEven);

    /// <summary>
    /// Stores a creator with a profile changed once (the outbox keeps the old name and bio), a second account, her
    /// personal data, a collaboration of hers whose escrow was charged (and, when settled, released and paid out) and
    /// an invoice; and another creator, who must stay.
    /// </summary>
    protected async Task<ErasureScenario> StoreCreatorToEraseAsync(IMarketplaceStore store, bool settled = true, string handle = "@maya.makes")
    {
        // A collaboration with a post whose link holds her handle (the generator's posts are @maya.makes's), and a
        // message of hers that names her.
        var collaboration = AggregateGenerators.Collaborations().Sample(60, new Rnd(2026_12_07UL), 60)
            .First(c => c.Version == 0 && c.PendingEvents.OfType<PostRecorded>().Any()
                && c.SendMessage(Actor.Creator, "Thanks! Quillfeather Loaves (matilda.quillfeather@example.com)", Clock, ["https://instagram.com/quillfeather.loaves"]).IsDone);
        var generated = new CreatorGenerator(23, Clock).Next();
        var profile = generated.Profile with { DisplayName = "Quillfeather Bakes", Bio = "Sourdough by Quillfeather in Malmö" };
        var account = new PlatformAccount(new Handle(Platform.TikTok, handle), AccountType.Creator, generated.PrimaryAccount.Stats);
        var creator = Creator.Register(collaboration.Creator, profile, account, Clock);
        (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        creator.ChangeProfile(profile with { DisplayName = "Quillfeather Loaves", Bio = "Rye by Quillfeather" }, Clock);
        creator.LinkAccount(new PlatformAccount(new Handle(Platform.Instagram, "@quillfeather.loaves"), AccountType.Creator, generated.PrimaryAccount.Stats), Clock);

        // The handle she registered with, replaced: only the change feed still names it (and the collaboration's post link).
        creator.LinkAccount(new PlatformAccount(new Handle(Platform.TikTok, "@quillfeather.rye"), AccountType.Creator, generated.PrimaryAccount.Stats), Clock);
        (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        await store.Identities.SaveAsync(new CreatorIdentity(creator.Id, "Matilda Sjöqvist Quillfeather", "matilda.quillfeather@example.com"));
        (await store.Collaborations.SaveAsync(collaboration)).IsSaved.ShouldBeTrue();

        var other = new CreatorGenerator(29, Clock).NextNew();
        (await store.Creators.SaveAsync(other)).IsSaved.ShouldBeTrue();
        await store.Identities.SaveAsync(new CreatorIdentity(other.Id, "Ola Berg", "ola@example.com"));

        var ledger = new EscrowLedger();
        var amount = Money.Parse("USD 500.00");
        List<LedgerTransaction> postings = [ledger.Charge("charge", collaboration.Id, collaboration.Brand, amount, Clock).GetValueOrThrow()];
        if (settled)
        {
            postings.Add(ledger.Release("release", collaboration.Id, creator.Id, amount, ErasureFees, Clock).GetValueOrThrow());
            postings.Add(ledger.PayOut("payout", creator.Id, ledger.Balance(LedgerAccount.CreatorPayable(creator.Id), Currency.USD), Clock).GetValueOrThrow());
        }

        var appended = 0L;
        foreach (var transaction in postings)
        {
            appended = (await store.Ledger.AppendAsync(transaction, appended)).AsT0.LastSequence;
        }

        // Between the brand and her by id alone, as the ledger names her: what the law keeps outlives her as a pseudonym.
        var invoice = Invoice.Draft(
            EntityId.New<InvoiceId>(Clock), "Creator Marketplace", "Glow Labs", Currency.USD, new LocalDate(2027, 1, 15), InvoiceParties.Between(collaboration.Brand, creator.Id));
        invoice.AddLine(new InvoiceLine("Escrow for a collaboration", 1, amount)).ThrowIfNotAllowed();
        invoice.Issue(new DocumentNumbering("CM-"), Clock).ThrowIfNotAllowed();
        (await store.Invoices.SaveAsync(invoice)).IsSaved.ShouldBeTrue();
        return new ErasureScenario(
            creator,
            collaboration,
            invoice,
            ["Quillfeather Bakes", "Quillfeather Loaves", "Sourdough by Quillfeather", "Rye by Quillfeather", handle.TrimStart('@'), "quillfeather.loaves", "quillfeather.rye", "Matilda Sjöqvist Quillfeather", "matilda.quillfeather@example.com"]);
    }

    [SkippableFact]
    public async Task An_erasure_removes_everything_that_names_the_creator_and_keeps_the_ledger_and_invoices()
    {
        var store = await CreateStoreAsync();
        var scenario = await StoreCreatorToEraseAsync(store);
        var catalog = new InMemoryCreatorCatalog();
        (await catalog.UpsertAsync(scenario.Creator.ToListing())).ShouldBeTrue();
        var ledgerBefore = await store.Ledger.ReadAsync().ToListAsync();
        var headBefore = await store.Changes.HeadAsync();

        var erased = await store.EraseCreatorAsync(scenario.Creator.Id, catalog, Clock);

        erased.AsT0.Creator.ShouldBe(scenario.Creator.Id);
        erased.IsErased.ShouldBeTrue();
        (await store.Identities.FindAsync(scenario.Creator.Id)).ShouldBeNull();
        (await store.Creators.FindAsync(scenario.Creator.Id)).ShouldBeNull();
        (await catalog.FindAsync(scenario.Creator.Id)).ShouldBeNull();
        var changes = await store.Changes.ReadAsync(0, BulkRead.MaxPageSize);
        changes.Count.ShouldBe((int)headBefore + 1, "each change keeps its place, and the erasure is told once");
        var hers = changes.Where(change => change.AggregateId == scenario.Creator.Id.Value).ToList();
        hers.Select(change => change.Event.GetType()).ShouldBe([.. Enumerable.Repeat(typeof(CreatorEventErased), 5), typeof(CreatorErased)]);
        hers.Take(5).Select(change => ((CreatorEventErased)change.Event).EventType).ShouldBe(
            [nameof(CreatorRegistered), nameof(CreatorAccountUpdated), nameof(CreatorProfileChanged), nameof(CreatorAccountUpdated), nameof(CreatorAccountUpdated)]);
        hers[^1].AggregateVersion.ShouldBe(3);
        var pending = await store.Outbox.ReadPendingAsync(100);
        pending.Count.ShouldBe(changes.Count, "the erased events are still delivered, as what is left of them");
        var everything = string.Join("\n", changes.Select(change => change.Event.ToString()));
        foreach (var text in scenario.NamesHer)
        {
            everything.ShouldNotContain(text);
        }

        // Kept by law, under her id alone.
        var ledgerAfter = await store.Ledger.ReadAsync().ToListAsync();
        ledgerAfter.ShouldBe(ledgerBefore);
        var ledger = EscrowLedger.FromTransactions(ledgerAfter);
        ledger.Balance(LedgerAccount.PaidOut(scenario.Creator.Id), Currency.USD).ShouldBe(Money.Parse("USD 450.00"));
        ledger.Balance(LedgerAccount.PlatformFees, Currency.USD).ShouldBe(Money.Parse("USD 50.00"));
        ledger.Balance(LedgerAccount.BrandFunding(scenario.Collaboration.Brand), Currency.USD).ShouldBe(Money.Parse("USD -500.00"));
        ledger.Balance(LedgerAccount.Escrow(scenario.Collaboration.Id), Currency.USD).ShouldBe(Money.Parse("USD 0.00"));
        var invoice = (await store.Invoices.FindAsync(scenario.Invoice.Id)).ShouldNotBeNull();
        invoice.Parties.ShouldBe(InvoiceParties.Between(scenario.Collaboration.Brand, scenario.Creator.Id));
        invoice.Total.ShouldBe(invoice.Lines.Select(line => line.Total).Aggregate((sum, line) => sum + line));
        invoice.Total.ShouldBe(scenario.Invoice.Total);
        var collaboration = (await store.Collaborations.FindAsync(scenario.Collaboration.Id)).ShouldNotBeNull();
        collaboration.Creator.ShouldBe(scenario.Creator.Id);
        collaboration.Messages[^1].Body.ShouldBe("Thanks! [erased] ([erased])");
        collaboration.Messages[^1].Attachments.ShouldBe(["https://instagram.com/[erased]"]);
        var posts = collaboration.ToSnapshot().History.OfType<PostRecorded>().ToList();
        posts.ShouldNotBeEmpty();
        posts.ShouldAllBe(post => post.Post.Url.OriginalString.StartsWith("https://www.tiktok.com/@[erased]/video/", StringComparison.Ordinal));
        Told(changes).ShouldNotContain(told => told.Contains("maya.makes", StringComparison.OrdinalIgnoreCase));
        (await store.Creators.ReadAsync().ToListAsync()).Count.ShouldBe(1, "the other creator stays");
        (await store.Identities.FindAsync((await store.Creators.ReadAsync().FirstAsync()).Aggregate.Id)).ShouldNotBeNull();
    }

    // A handle that is also in the host of her post's link ("tiktok" in www.tiktok.com) cannot be replaced there and
    // leave a URL: the link is replaced whole, and the collaboration still reads back.
    [SkippableFact]
    public async Task Erasing_a_creator_named_in_the_host_of_a_posts_link_leaves_a_link_that_reads_back()
    {
        var store = await CreateStoreAsync();
        var scenario = await StoreCreatorToEraseAsync(store, handle: "@tiktok");

        (await store.EraseCreatorAsync(scenario.Creator.Id, new InMemoryCreatorCatalog(), Clock)).IsErased.ShouldBeTrue();

        var collaboration = (await store.Collaborations.FindAsync(scenario.Collaboration.Id)).ShouldNotBeNull();
        var posts = collaboration.ToSnapshot().History.OfType<PostRecorded>().ToList();
        posts.ShouldNotBeEmpty();
        posts.ShouldAllBe(post => post.Post.Url == CreatorErasureRequest.ErasedUrl);
    }

    [SkippableFact]
    public async Task Erasing_a_creator_again_changes_nothing_and_says_nothing_was_held()
    {
        var store = await CreateStoreAsync();
        var scenario = await StoreCreatorToEraseAsync(store);
        var catalog = new InMemoryCreatorCatalog();
        (await store.EraseCreatorAsync(scenario.Creator.Id, catalog, Clock)).IsT0.ShouldBeTrue();
        var head = await store.Changes.HeadAsync();

        var again = await store.EraseCreatorAsync(scenario.Creator.Id, catalog, Clock);
        var never = await store.EraseCreatorAsync(EntityId.New<CreatorId>(Clock), null, Clock);

        again.AsT1.ShouldBe(new NothingToErase(scenario.Creator.Id));
        again.IsErased.ShouldBeTrue();
        never.IsT1.ShouldBeTrue();
        (await store.Changes.HeadAsync()).ShouldBe(head);
    }

    [SkippableFact]
    public async Task An_erasure_is_refused_while_escrow_is_held_naming_the_balance_and_nothing_changes()
    {
        var store = await CreateStoreAsync();
        var scenario = await StoreCreatorToEraseAsync(store, settled: false);
        var catalog = new InMemoryCreatorCatalog();
        (await catalog.UpsertAsync(scenario.Creator.ToListing())).ShouldBeTrue();
        var changes = Told(await store.Changes.ReadAsync(0, BulkRead.MaxPageSize));

        var refused = await store.EraseCreatorAsync(scenario.Creator.Id, catalog, Clock);

        refused.IsErased.ShouldBeFalse();
        refused.AsT2.Balances.ShouldBe([new HeldBalance(LedgerAccount.Escrow(scenario.Collaboration.Id), Money.Parse("USD 500.00"))]);
        refused.ToString().ShouldContain($"escrow held:{scenario.Collaboration.Id.Value:D} holds USD 500.00");
        (await store.Identities.FindAsync(scenario.Creator.Id)).ShouldNotBeNull();
        (await store.Creators.FindAsync(scenario.Creator.Id)).ShouldNotBeNull().Version.ShouldBe(2);
        (await catalog.FindAsync(scenario.Creator.Id)).ShouldNotBeNull();
        Told(await store.Changes.ReadAsync(0, BulkRead.MaxPageSize)).ShouldBe(changes);
    }

    [SkippableFact]
    public async Task An_erasure_is_refused_while_the_creator_is_owed_money_not_yet_paid_out()
    {
        var store = await CreateStoreAsync();
        var scenario = await StoreCreatorToEraseAsync(store, settled: false);
        var ledger = EscrowLedger.FromTransactions(await store.Ledger.ReadAsync().ToListAsync());
        var release = ledger.Release("release", scenario.Collaboration.Id, scenario.Creator.Id, Money.Parse("USD 500.00"), ErasureFees, Clock).GetValueOrThrow();
        (await store.Ledger.AppendAsync(release, release.Entries[0].Sequence - 1)).IsAppended.ShouldBeTrue();

        var refused = await store.EraseCreatorAsync(scenario.Creator.Id, null, Clock);

        refused.AsT2.Balances.ShouldBe([new HeldBalance(LedgerAccount.CreatorPayable(scenario.Creator.Id), Money.Parse("USD 450.00"))]);
        (await store.Creators.FindAsync(scenario.Creator.Id)).ShouldNotBeNull();
    }

    // What a list of changes tells, event by event, in a form that compares as text.
    private static string[] Told(IReadOnlyList<OutboxMessage> changes) =>
        [.. changes.Select(change => $"{change.Sequence} {change.EventId} {change.AggregateVersion} {change.Event}")];

    /// <summary>
    /// Each text found in the bytes, as UTF-8, as UTF-16 (either byte order) or as a JSON string writes it (the stores'
    /// documents escape what is not ASCII: <c>Sj\u00F6qvist</c>), named with its encoding.
    /// </summary>
    protected static IEnumerable<string> Occurrences(byte[] bytes, IEnumerable<string> texts) =>
        from text in texts
        from form in new[] { ("utf-8", text), ("json", System.Text.Json.JsonEncodedText.Encode(text).Value) }
        from encoding in new[] { System.Text.Encoding.UTF8, System.Text.Encoding.Unicode, System.Text.Encoding.BigEndianUnicode }
        where bytes.AsSpan().IndexOf(encoding.GetBytes(form.Item2)) >= 0
        select $"{text} ({form.Item1} in {encoding.WebName})";
}
