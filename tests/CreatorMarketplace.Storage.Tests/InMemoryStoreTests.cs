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
        var stored = Stored(store.Shortlists);
        stored[shortlist.Id] = (1L, shortlist.ToSnapshot() with { Name = " padded " });
    }

    // A creator with no account, which its rules refuse, in the place of the saved one.
    protected override async Task StoreUnreadableAsync(IMarketplaceStore store, Creator creator)
    {
        (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        var stored = Stored(store.Creators);
        stored[creator.Id] = (1L, creator.ToSnapshot() with { Accounts = [] });
    }

    // The snapshots an in-memory repository keeps, inside the store's instrumented repository that wraps it.
    private static IDictionary Stored<TAggregate, TId>(IRepository<TAggregate, TId> repository)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId>
    {
        const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
        var inner = repository.GetType().GetFields(Private).Single(field => field.FieldType == typeof(IRepository<TAggregate, TId>)).GetValue(repository)!;
        return (IDictionary)inner.GetType().GetField("_stored", Private)!.GetValue(inner)!;
    }
}
