using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage.Sqlite;

namespace CreatorMarketplace.Storage.Tests;

public sealed class SqliteStoreTests : MarketplaceStoreContract, IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly List<SqliteMarketplaceStore> _stores = [];

    protected override Task<IMarketplaceStore> CreateStoreAsync()
    {
        // Polls so rarely that a wait the contract sees woken by its own instance's save was told in-process.
        var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = Path.Combine(_folder.Path, $"store-{_stores.Count}.db"), ChangePollingInterval = TimeSpan.FromHours(1) });
        _stores.Add(store);
        return Task.FromResult<IMarketplaceStore>(store);
    }

    protected override Task<IMarketplaceStore> OpenAgainAsync(IMarketplaceStore store)
    {
        // Another instance is not told of the first one's saves: it finds them by polling.
        var again = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = ((SqliteMarketplaceStore)store).Path, ChangePollingInterval = TimeSpan.FromMilliseconds(50) });
        _stores.Add(again);
        return Task.FromResult<IMarketplaceStore>(again);
    }

    protected override async Task StoreUnreadableAsync(IMarketplaceStore store, Shortlist shortlist)
    {
        using var newer = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = ((SqliteMarketplaceStore)store).Path, Formats = NewerRelease });
        (await newer.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
    }

    protected override async Task StoreUnreadableAsync(IMarketplaceStore store, Creator creator)
    {
        using var newer = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = ((SqliteMarketplaceStore)store).Path, Formats = NewerRelease });
        (await newer.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
    }

    // The file, its write-ahead log and its shared memory, read as bytes: a deleted row's bytes left in a free page
    // or in the log would be found here.
    [Fact]
    public async Task After_an_erasure_the_database_files_hold_no_byte_of_the_creators_name_e_mail_or_handle()
    {
        var store = (SqliteMarketplaceStore)await CreateStoreAsync();
        var scenario = await StoreCreatorToEraseAsync(store);
        Occurrences(ReadFiles(store.Path), scenario.NamesHer).ShouldNotBeEmpty("the test must see what it then looks for");

        (await store.EraseCreatorAsync(scenario.Creator.Id, null, Clock)).IsT0.ShouldBeTrue();

        Occurrences(ReadFiles(store.Path), scenario.NamesHer).ShouldBeEmpty();
        (await store.Invoices.FindAsync(scenario.Invoice.Id)).ShouldNotBeNull().Total.ShouldBe(scenario.Invoice.Total);
    }

    private static byte[] ReadFiles(string path) =>
        [.. new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists).SelectMany(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            return bytes.ToArray();
        })];

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _folder.Dispose();
    }
}
