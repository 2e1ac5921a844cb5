// Saves shortlists and ledger transactions to the SQLite store at args[0] until it is killed, printing a line
// after each save. Every shortlist follows one pattern, so a reader can tell from its version alone how many
// events the outbox must hold for it: a new one is saved with 50 entries (51 events), each later save renames it
// and adds one entry (2 events).
using CreatorMarketplace;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.Sqlite;
using NodaTime;
using NodaTime.Testing;

var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0), Duration.FromMilliseconds(1));
using var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = args[0] });
var ledgerNext = 1L;
await foreach (var transaction in store.Ledger.ReadAsync())
{
    ledgerNext = transaction.Entries[^1].Sequence + 1;
}

var saves = 0;
while (true)
{
    var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(clock), EntityId.New<BrandId>(clock), "Crash test", clock);
    for (var i = 0; i < 50; i++)
    {
        shortlist.Add(EntityId.New<CreatorId>(clock), clock, ["crash", $"tag {i}"], new string('n', 200));
    }

    (await store.Shortlists.SaveAsync(shortlist)).ThrowIfConflict();
    for (var round = 0; round < 3; round++)
    {
        shortlist.Rename($"Crash test round {round}", clock);
        shortlist.Add(EntityId.New<CreatorId>(clock), clock);
        (await store.Shortlists.SaveAsync(shortlist)).ThrowIfConflict();
    }

    var key = $"charge-{ledgerNext}";
    var entry = new LedgerEntry(ledgerNext, key, LedgerAccount.BrandFunding(shortlist.Owner), LedgerAccount.PlatformFees, Money.Parse("USD 1.00"), clock.GetCurrentInstant(), "crash test");
    if ((await store.Ledger.AppendAsync(new LedgerTransaction(key, "charge", [entry], entry.PostedAt), ledgerNext - 1)).IsAppended)
    {
        ledgerNext++;
    }

    Console.WriteLine($"saved {++saves}");
}
