using CreatorMarketplace.Discovery;

namespace CreatorMarketplace.Storage.Tests;

// Finding many aggregates by id at once: what a read model reads for a page of changes. The same answers as finding
// each, in id order, never silent about a stored aggregate it cannot read; a repository that implements only the
// other members answers the same through the port's own fallback.
public abstract partial class MarketplaceStoreContract
{
    [SkippableFact]
    public async Task A_find_of_many_gives_each_stored_aggregate_once_in_id_order_at_its_version_and_nothing_for_an_id_not_stored()
    {
        var store = await CreateStoreAsync();
        var shortlists = await SaveShortlistsAsync(store, 23);
        var renamed = (await store.Shortlists.FindAsync(shortlists[7])).ShouldNotBeNull();
        renamed.Rename("Renamed", Clock);
        (await store.Shortlists.SaveAsync(renamed)).IsSaved.ShouldBeTrue();
        var unstored = ShortlistId.From(Guid.Parse("80000000-0000-7000-8000-000000000000"));
        ShortlistId[] asked = [shortlists[20], shortlists[7], unstored, shortlists[3], default, shortlists[7], shortlists[11], shortlists[3]];

        foreach (var repository in new IRepository<Shortlist, ShortlistId>[] { store.Shortlists, new FindingEach<Shortlist, ShortlistId>(store.Shortlists) })
        {
            var found = await repository.FindManyAsync(asked).ToListAsync();

            found.Select(s => s.Id).ShouldBe([shortlists[3], shortlists[7], shortlists[11], shortlists[20]], repository.GetType().Name);
            found.Select(s => s.Version).ShouldBe([1L, 2L, 1L, 1L]);
            found.ShouldAllBe(s => s.Version == s.Aggregate.Version && s.Aggregate.PendingEvents.Count == 0);
            found.Single(s => s.Id == shortlists[7]).Aggregate.Name.ShouldBe("Renamed");
            (await repository.FindManyAsync([]).ToListAsync()).ShouldBeEmpty();
            (await repository.FindManyAsync([unstored, default]).ToListAsync()).ShouldBeEmpty();
        }
    }

    [SkippableFact]
    public async Task A_find_of_many_orders_ids_by_their_bytes_as_a_bulk_read_does()
    {
        var store = await CreateStoreAsync();
        foreach (var guid in AwkwardIds.Reverse())
        {
            (await store.Shortlists.SaveAsync(Shortlist.Create(ShortlistId.From(guid), EntityId.New<BrandId>(Clock), "Awkward", Clock))).IsSaved.ShouldBeTrue();
        }

        var random = new Random(20261205);
        for (var i = 0; i < 5; i++)
        {
            var asked = AwkwardIds.OrderBy(_ => random.Next()).Select(ShortlistId.From).ToArray();
            (await store.Shortlists.FindManyAsync(asked).ToListAsync()).Select(s => s.Id.Value).ShouldBe(AwkwardIds);
        }
    }

    [SkippableFact]
    public async Task A_find_of_many_ids_refuses_null_and_more_than_a_pages_worth_at_the_call_naming_the_parameter()
    {
        var store = await CreateStoreAsync();
        var shortlist = NewShortlist("Kept");
        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        var tooMany = Enumerable.Range(0, BulkRead.MaxPageSize + 1).Select(_ => EntityId.New<ShortlistId>(Clock)).ToArray();

        foreach (var repository in new IRepository<Shortlist, ShortlistId>[] { store.Shortlists, new FindingEach<Shortlist, ShortlistId>(store.Shortlists) })
        {
            Should.Throw<ArgumentNullException>(() => repository.FindManyAsync(null!)).ParamName.ShouldBe("ids");
            Should.Throw<ArgumentOutOfRangeException>(() => repository.FindManyAsync(tooMany)).ParamName.ShouldBe("ids");
        }

        // As many as a page, an id given many times counted once: read in one go.
        var page = tooMany[..(BulkRead.MaxPageSize - 1)].Append(shortlist.Id).Concat(tooMany[..100]);
        (await store.Shortlists.FindManyAsync(page).ToListAsync()).Select(s => s.Id).ShouldBe([shortlist.Id]);
    }

    [SkippableFact]
    public async Task A_cancelled_find_of_many_gives_nothing()
    {
        var store = await CreateStoreAsync();
        var ids = await SaveShortlistsAsync(store, 3);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () => await store.Shortlists.FindManyAsync(ids, cancellation.Token).ToListAsync());
    }

    [SkippableFact]
    public async Task An_unreadable_aggregate_stops_a_find_of_many_after_those_before_it_and_names_it()
    {
        var store = await CreateStoreAsync();
        var shortlists = new[] { NewShortlist("One"), NewShortlist("Two"), NewShortlist("Three") }.OrderBy(s => s.Id).ToArray();
        (await store.Shortlists.SaveAsync(shortlists[0])).IsSaved.ShouldBeTrue();
        await StoreUnreadableAsync(store, shortlists[1]);
        (await store.Shortlists.SaveAsync(shortlists[2])).IsSaved.ShouldBeTrue();

        foreach (var repository in new IRepository<Shortlist, ShortlistId>[] { store.Shortlists, new FindingEach<Shortlist, ShortlistId>(store.Shortlists) })
        {
            var found = new List<ShortlistId>();
            var error = await Should.ThrowAsync<UnreadableAggregateException>(async () =>
            {
                await foreach (var stored in repository.FindManyAsync(shortlists.Select(s => s.Id).Reverse()))
                {
                    found.Add(stored.Id);
                }
            });

            found.ShouldBe([shortlists[0].Id], "every aggregate before the unreadable one is found");
            error.Aggregate.ShouldBe("Shortlist");
            error.Id.ShouldBe(shortlists[1].Id.Value);
            (await repository.FindManyAsync([shortlists[2].Id, shortlists[0].Id]).ToListAsync()).Select(s => s.Id).ShouldBe([shortlists[0].Id, shortlists[2].Id]);
        }
    }

    // A repository of the application's own that implements the port's other members: FindManyAsync is the port's.
    private sealed class FindingEach<TAggregate, TId>(IRepository<TAggregate, TId> inner) : IRepository<TAggregate, TId>
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId>
    {
        public ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask<SaveResult> SaveAsync(TAggregate aggregate, CancellationToken cancellationToken = default) => inner.SaveAsync(aggregate, cancellationToken);

        public IAsyncEnumerable<StoredAggregate<TAggregate, TId>> ReadAsync(TId? afterId = null, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(afterId, pageSize, cancellationToken);
    }
}
