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

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _folder.Dispose();
    }
}
