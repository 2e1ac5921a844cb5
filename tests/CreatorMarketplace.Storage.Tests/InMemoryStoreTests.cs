using System.Collections;
using System.Reflection;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage.InMemory;

namespace CreatorMarketplace.Storage.Tests;

public sealed class InMemoryStoreTests : MarketplaceStoreContract
{
    protected override Task<IMarketplaceStore> CreateStoreAsync() => Task.FromResult<IMarketplaceStore>(new InMemoryMarketplaceStore());

    // The in-memory store keeps the snapshots its aggregates made, which their rules accept, so no save can store
    // one they refuse: the test puts a damaged snapshot in the place of a saved one, as a bug in an aggregate could.
    protected override async Task StoreUnreadableAsync(IMarketplaceStore store, Shortlist shortlist)
    {
        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        var stored = (IDictionary)store.Shortlists.GetType().GetField("_stored", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(store.Shortlists)!;
        stored[shortlist.Id] = (1L, shortlist.ToSnapshot() with { Name = " padded " });
    }

    // A creator with no account, which its rules refuse, in the place of the saved one.
    protected override async Task StoreUnreadableAsync(IMarketplaceStore store, Creator creator)
    {
        (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        var stored = (IDictionary)store.Creators.GetType().GetField("_stored", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(store.Creators)!;
        stored[creator.Id] = (1L, creator.ToSnapshot() with { Accounts = [] });
    }
}
