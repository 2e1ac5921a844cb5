using CreatorMarketplace.Storage.InMemory;

namespace CreatorMarketplace.Storage.Tests;

public sealed class InMemoryStoreTests : MarketplaceStoreContract
{
    protected override Task<IMarketplaceStore> CreateStoreAsync() => Task.FromResult<IMarketplaceStore>(new InMemoryMarketplaceStore());
}
