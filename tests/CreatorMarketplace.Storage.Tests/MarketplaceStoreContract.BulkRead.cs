using FsCheck.Fluent;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Serialization;

namespace CreatorMarketplace.Storage.Tests;

// Reading a store in bulk: every aggregate once, in id order, keyset-paged, resumable after the position reached,
// and never silent about a stored aggregate it cannot read.
public abstract partial class MarketplaceStoreContract
{
    // Ids whose RFC 9562 order differs from the naive ones: Guid.ToByteArray's mixed-endian bytes (the first ones),
    // a signed comparison of the first 32 bits (the middle ones) and SQL Server's, which compares the last six bytes
    // first (the last ones).
    private static readonly Guid[] AwkwardIds =
    [
        Guid.Parse("00000001-0000-7000-8000-000000000000"),
        Guid.Parse("00000100-0000-7000-8000-000000000000"),
        Guid.Parse("7fffffff-ffff-7fff-bfff-ffffffffffff"),
        Guid.Parse("80000000-0000-7000-8000-000000000000"),
        Guid.Parse("80000000-0000-7000-8000-ff0000000000"),
        Guid.Parse("80000001-0000-7000-8000-000000000001"),
        Guid.Parse("f0000000-0000-7000-8000-00000000000a"),
        Guid.Parse("f0000000-0000-7000-9000-000000000000"),
    ];

    /// <summary>
    /// A store of another release over the same data, whose shortlists and creators are written under a schema version newer
    /// than this release knows, so that this release cannot read them.
    /// </summary>
    protected static StoredFormats NewerRelease { get; } = StoredFormats.Current with
    {
        Shortlist = new SnapshotSchema<ShortlistSnapshot>("Shortlist", StoredFormats.Current.Shortlist.Version + 1),
        Creator = new SnapshotSchema<CreatorSnapshot>("Creator", StoredFormats.Current.Creator.Version + 1),
    };

    /// <summary>Stores the shortlist (new, never saved) so that this store cannot read it back.</summary>
    protected abstract Task StoreUnreadableAsync(IMarketplaceStore store, Shortlist shortlist);

    [SkippableFact]
    public async Task A_bulk_read_of_an_empty_store_gives_nothing()
    {
        var store = await CreateStoreAsync();

        (await BulkReadAsync(store.Creators)).ShouldBeEmpty();
        (await BulkReadAsync(store.Campaigns)).ShouldBeEmpty();
        (await BulkReadAsync(store.Collaborations)).ShouldBeEmpty();
        (await BulkReadAsync(store.Contracts)).ShouldBeEmpty();
        (await BulkReadAsync(store.Invoices)).ShouldBeEmpty();
        (await BulkReadAsync(store.Shortlists, pageSize: 1)).ShouldBeEmpty();
        (await BulkReadAsync(store.SavedSearches, pageSize: BulkRead.MaxPageSize)).ShouldBeEmpty();
        (await store.Creators.ReadListingsAsync().ToListAsync()).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task A_bulk_read_gives_every_aggregate_once_in_id_order_at_its_stored_version_whatever_the_page_size()
    {
        var store = await CreateStoreAsync();
        var shortlists = await SaveShortlistsAsync(store, 23);
        var renamed = (await store.Shortlists.FindAsync(shortlists[7])).ShouldNotBeNull();
        renamed.Rename("Renamed", Clock);
        (await store.Shortlists.SaveAsync(renamed)).IsSaved.ShouldBeTrue();

        foreach (var pageSize in new[] { 1, 4, 23, BulkRead.DefaultPageSize, BulkRead.MaxPageSize })
        {
            var read = await BulkReadAsync(store.Shortlists, pageSize: pageSize);

            read.Select(s => s.Id).ShouldBe(shortlists, $"page size {pageSize}");
            read.ShouldAllBe(s => s.Version == s.Aggregate.Version && s.Aggregate.PendingEvents.Count == 0);
            read.Select(s => s.Version).ShouldBe(shortlists.Select(id => id == shortlists[7] ? 2L : 1L));
            read.Single(s => s.Id == shortlists[7]).Aggregate.Name.ShouldBe("Renamed");
        }
    }

    [SkippableFact]
    public async Task A_bulk_read_resumed_after_the_position_reached_gives_exactly_the_rest_in_order()
    {
        var store = await CreateStoreAsync();
        var shortlists = await SaveShortlistsAsync(store, 23);

        // A reader stops in the middle of a page, then resumes after the last id it took.
        var first = new List<ShortlistId>();
        await foreach (var stored in store.Shortlists.ReadAsync(pageSize: 4))
        {
            first.Add(stored.Id);
            if (first.Count == 10)
            {
                break;
            }
        }

        var rest = await BulkReadAsync(store.Shortlists, first[^1], pageSize: 4);

        first.ShouldBe(shortlists.Take(10));
        rest.Select(s => s.Id).ShouldBe(shortlists.Skip(10));
        (await BulkReadAsync(store.Shortlists, shortlists[^1])).ShouldBeEmpty("nothing comes after the last id");
        (await BulkReadAsync(store.Shortlists, default(ShortlistId))).Count.ShouldBe(23, "default(TId) comes before every id");

        // An id never stored resumes where it would stand.
        var unstored = ShortlistId.From(Guid.Parse("80000000-0000-7000-8000-000000000000"));
        (await BulkReadAsync(store.Shortlists, unstored)).Select(s => s.Id).ShouldBe(shortlists.Where(id => id.CompareTo(unstored) > 0));
    }

    [SkippableFact]
    public async Task A_bulk_read_orders_ids_by_their_bytes_as_the_ids_compare_not_as_naive_comparisons_would()
    {
        var store = await CreateStoreAsync();
        foreach (var guid in AwkwardIds.Reverse())
        {
            var shortlist = Shortlist.Create(ShortlistId.From(guid), EntityId.New<BrandId>(Clock), "Awkward", Clock);
            (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        }

        var expected = AwkwardIds.OrderBy(guid => guid.ToString("N"), StringComparer.Ordinal).ToArray();
        expected.ShouldBe(AwkwardIds, "the ids are listed in RFC 9562 order, the order of their lower-case hexadecimal text");
        expected.Select(ShortlistId.From).Order().Select(id => id.Value).ShouldBe(expected, "the ids compare in the same order");
        AwkwardIds.OrderBy(guid => Convert.ToHexString(guid.ToByteArray()), StringComparer.Ordinal).SequenceEqual(expected).ShouldBeFalse("Guid.ToByteArray order differs");
        AwkwardIds.OrderBy(guid => BitConverter.ToInt32(guid.ToByteArray(), 0)).SequenceEqual(expected).ShouldBeFalse("a signed order of the first 32 bits differs");
        AwkwardIds.OrderBy(guid => guid.ToString("N")[20..], StringComparer.Ordinal).SequenceEqual(expected).ShouldBeFalse("SQL Server's order differs");

        foreach (var pageSize in new[] { 1, 3, BulkRead.MaxPageSize })
        {
            (await BulkReadAsync(store.Shortlists, pageSize: pageSize)).Select(s => s.Id.Value).ShouldBe(expected, $"page size {pageSize}");
        }

        for (var i = 0; i < expected.Length; i++)
        {
            (await BulkReadAsync(store.Shortlists, ShortlistId.From(expected[i]), pageSize: 2)).Select(s => s.Id.Value).ShouldBe(expected.Skip(i + 1), $"after {expected[i]}");
        }
    }

    [SkippableFact]
    public async Task Reading_to_any_point_in_any_page_size_and_resuming_after_it_gives_every_id_once_in_order()
    {
        // Ids of random bytes cover the whole range of every byte, where the stores' comparisons could part.
        var store = await CreateStoreAsync();
        var random = new Random(20261204);
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var id = new Guid(bytes);
            ids.Add(id);
            (await store.Shortlists.SaveAsync(Shortlist.Create(ShortlistId.From(id), EntityId.New<BrandId>(Clock), "Random", Clock))).IsSaved.ShouldBeTrue();
        }

        var expected = ids.OrderBy(id => id.ToString("N"), StringComparer.Ordinal).ToArray();
        var cases = Gen.Choose(1, 12).Zip(Gen.Choose(0, ids.Count)).Sample(30, new Rnd(20261204), 10);
        foreach (var (pageSize, stop) in cases)
        {
            var first = new List<Guid>();
            if (stop > 0)
            {
                await foreach (var stored in store.Shortlists.ReadAsync(pageSize: pageSize))
                {
                    first.Add(stored.Id.Value);
                    if (first.Count == stop)
                    {
                        break;
                    }
                }
            }

            var rest = await BulkReadAsync(store.Shortlists, first.Count == 0 ? null : ShortlistId.From(first[^1]), pageSize);

            first.Concat(rest.Select(s => s.Id.Value)).ShouldBe(expected, $"page size {pageSize}, stopped after {stop}");
        }
    }

    [SkippableFact]
    public async Task A_page_size_out_of_range_is_refused_at_the_call_naming_the_parameter()
    {
        var store = await CreateStoreAsync();

        foreach (var pageSize in new[] { 0, -1, BulkRead.MaxPageSize + 1, int.MinValue })
        {
            Should.Throw<ArgumentOutOfRangeException>(() => store.Shortlists.ReadAsync(pageSize: pageSize)).ParamName.ShouldBe("pageSize");
            Should.Throw<ArgumentOutOfRangeException>(() => store.Creators.ReadListingsAsync(pageSize: pageSize)).ParamName.ShouldBe("pageSize");
        }
    }

    [SkippableFact]
    public async Task A_cancelled_bulk_read_stops_before_a_page_between_pages_and_within_a_page()
    {
        var store = await CreateStoreAsync();
        await SaveShortlistsAsync(store, 6);

        (await ReadUntilCancelledAsync(store, pageSize: 4, cancelAfter: 0)).ShouldBe(0, "cancelled before the first page");
        (await ReadUntilCancelledAsync(store, pageSize: 1, cancelAfter: 1)).ShouldBe(1, "cancelled between pages");
        (await ReadUntilCancelledAsync(store, pageSize: 4, cancelAfter: 2)).ShouldBe(2, "cancelled within a page");
        (await ReadUntilCancelledAsync(store, pageSize: 4, cancelAfter: 2, withCancellation: true)).ShouldBe(2, "cancelled through WithCancellation");
    }

    [SkippableFact]
    public async Task An_unreadable_aggregate_stops_a_bulk_read_with_its_id_and_reason_and_the_read_resumes_after_it()
    {
        var store = await CreateStoreAsync();
        var before = NewShortlist("Before");
        var unreadable = NewShortlist("Unreadable");
        var after = NewShortlist("After");
        (await store.Shortlists.SaveAsync(before)).IsSaved.ShouldBeTrue();
        await StoreUnreadableAsync(store, unreadable);
        (await store.Shortlists.SaveAsync(after)).IsSaved.ShouldBeTrue();

        var read = new List<ShortlistId>();
        var error = await Should.ThrowAsync<UnreadableAggregateException>(async () =>
        {
            await foreach (var stored in store.Shortlists.ReadAsync(pageSize: 10))
            {
                read.Add(stored.Id);
            }
        });

        read.ShouldBe([before.Id], "every aggregate before the unreadable one is read");
        error.Aggregate.ShouldBe("Shortlist");
        error.Id.ShouldBe(unreadable.Id.Value);
        error.Version.ShouldBe(1);
        error.InnerException.ShouldNotBeNull();
        error.Message.ShouldStartWith($"Shortlist {unreadable.Id.Value} (stored at version 1) cannot be read: ");
        error.Message.ShouldEndWith(error.InnerException.Message);
        (await BulkReadAsync(store.Shortlists, ShortlistId.From(error.Id))).Select(s => s.Id).ShouldBe([after.Id]);
        await Should.ThrowAsync<Exception>(async () => await store.Shortlists.FindAsync(unreadable.Id));
    }

    [SkippableFact]
    public async Task Every_kind_of_aggregate_is_read_in_bulk_exactly_as_it_was_stored()
    {
        var store = await CreateStoreAsync();
        var shortlists = await SaveShortlistsAsync(store, 3);

        await ReadsEveryKindAsync(store.Campaigns, AggregateGenerators.Campaigns(), c => c.ToSnapshot());
        await ReadsEveryKindAsync(store.Collaborations, AggregateGenerators.Collaborations(), c => c.ToSnapshot());
        await ReadsEveryKindAsync(store.Contracts, AggregateGenerators.Contracts(), c => c.ToSnapshot());
        await ReadsEveryKindAsync(store.Creators, AggregateGenerators.Creators(), c => c.ToSnapshot());
        await ReadsEveryKindAsync(store.Invoices, AggregateGenerators.Invoices(), i => i.ToSnapshot());
        await ReadsEveryKindAsync(store.SavedSearches, AggregateGenerators.SavedSearches(), s => s.ToSnapshot());
        (await BulkReadAsync(store.Shortlists, pageSize: 2)).Select(s => s.Id).ShouldBe(shortlists, "each kind reads only its own");
    }

    [SkippableFact]
    public async Task Creators_are_read_in_bulk_as_the_listings_they_give_resumably_in_id_order()
    {
        var store = await CreateStoreAsync();
        var creators = AggregateGenerators.Creators().Sample(7, new Rnd(20261204), 30).DistinctBy(c => c.Id).ToArray();
        foreach (var creator in creators.Reverse())
        {
            (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        }

        var changed = (await store.Creators.FindAsync(creators[2].Id)).ShouldNotBeNull();
        changed.ChangeProfile(changed.Profile with { Bio = "A changed bio" }, Clock);
        (await store.Creators.SaveAsync(changed)).IsSaved.ShouldBeTrue();
        var expected = new List<CreatorListing>();
        foreach (var id in creators.Select(c => c.Id).Order())
        {
            expected.Add((await store.Creators.FindAsync(id)).ShouldNotBeNull().ToListing());
        }

        var listings = await store.Creators.ReadListingsAsync(pageSize: 3).ToListAsync();
        var rest = await store.Creators.ReadListingsAsync(listings[3].Id, pageSize: 2).ToListAsync();

        listings.Count.ShouldBe(creators.Length);

        listings.ShouldBe(expected);
        listings.Single(l => l.Id == creators[2].Id).ShouldSatisfyAllConditions(l => l.Version.ShouldBe(2), l => l.Profile.Bio.ShouldBe("A changed bio"));
        rest.ShouldBe(expected.Skip(4));
    }

    // Saves shortlists in an order other than their ids' and gives their ids in id order.
    private async Task<ShortlistId[]> SaveShortlistsAsync(IMarketplaceStore store, int count)
    {
        var shortlists = Enumerable.Range(0, count).Select(i => NewShortlist($"Shortlist {i}")).ToArray();
        foreach (var shortlist in shortlists.Where((_, i) => i % 2 == 1).Concat(shortlists.Where((_, i) => i % 2 == 0).Reverse()))
        {
            (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        }

        return shortlists.Select(s => s.Id).Order().ToArray();
    }

    // Saves generated aggregates (every other one twice, at version 2) and reads them in pages of two and with one
    // find of many: each once, in id order, at its version, equal to what was saved.
    private static async Task ReadsEveryKindAsync<TAggregate, TId>(IRepository<TAggregate, TId> repository, Gen<TAggregate> generator, Func<TAggregate, object> snapshot)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId>
    {
        var aggregates = generator.Sample(5, new Rnd(20261204), 30).DistinctBy(a => a.Id).ToArray();
        var expected = new Dictionary<TId, (long Version, string Json)>();
        foreach (var (aggregate, i) in aggregates.Select((a, i) => (a, i)))
        {
            (await repository.SaveAsync(aggregate)).IsSaved.ShouldBeTrue();
            if (i % 2 == 0)
            {
                (await repository.SaveAsync(aggregate)).IsSaved.ShouldBeTrue();
            }

            expected[aggregate.Id] = (aggregate.Version, Same.Json(snapshot(aggregate)));
        }

        var read = await BulkReadAsync(repository, pageSize: 2);
        var found = await repository.FindManyAsync(expected.Keys.Reverse()).ToListAsync();

        foreach (var (items, how) in new[] { (read, "read in bulk"), (found, "found") })
        {
            items.Select(s => s.Id).ShouldBe(expected.Keys.Order(), $"{typeof(TAggregate).Name}, {how}");
            foreach (var stored in items)
            {
                (stored.Version, Same.Json(snapshot(stored.Aggregate))).ShouldBe(expected[stored.Id], $"{typeof(TAggregate).Name} {stored.Id}, {how}");
            }
        }
    }

    // Reads shortlists until the token is cancelled after the given number of items; gives how many were read.
    private static async Task<int> ReadUntilCancelledAsync(IMarketplaceStore store, int pageSize, int cancelAfter, bool withCancellation = false)
    {
        using var cancellation = new CancellationTokenSource();
        if (cancelAfter == 0)
        {
            await cancellation.CancelAsync();
        }

        var read = 0;
        var items = withCancellation
            ? store.Shortlists.ReadAsync(pageSize: pageSize).WithCancellation(cancellation.Token)
            : store.Shortlists.ReadAsync(pageSize: pageSize, cancellationToken: cancellation.Token).WithCancellation(CancellationToken.None);
        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in items)
            {
                if (++read == cancelAfter)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        return read;
    }

    private static Task<List<StoredAggregate<TAggregate, TId>>> BulkReadAsync<TAggregate, TId>(IRepository<TAggregate, TId> repository, TId? afterId = null, int pageSize = BulkRead.DefaultPageSize)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId> =>
        repository.ReadAsync(afterId, pageSize).ToListAsync().AsTask();
}
