using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage.Sqlite;

namespace CreatorMarketplace.Storage.Tests;

public sealed class SqliteStoreTests : MarketplaceStoreContract, IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly List<SqliteMarketplaceStore> _stores = [];

    protected override Task<IMarketplaceStore> CreateStoreAsync()
    {
        var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = Path.Combine(_folder.Path, $"store-{_stores.Count}.db") });
        _stores.Add(store);
        return Task.FromResult<IMarketplaceStore>(store);
    }

    protected override Task<IMarketplaceStore> OpenAgainAsync(IMarketplaceStore store)
    {
        var again = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = ((SqliteMarketplaceStore)store).Path });
        _stores.Add(again);
        return Task.FromResult<IMarketplaceStore>(again);
    }

    protected override async Task StoreUnreadableAsync(IMarketplaceStore store, Shortlist shortlist)
    {
        using var newer = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = ((SqliteMarketplaceStore)store).Path, Formats = NewerRelease });
        (await newer.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
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
