using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Storage;

/// <summary>
/// Reading a store in bulk (<see cref="IRepository{TAggregate, TId}.ReadAsync"/>): the page sizes every store
/// accepts, and the creators read as the listings a catalog is rebuilt from.
/// </summary>
public static class BulkRead
{
    /// <summary>The page size a bulk read uses unless told otherwise.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>The largest page size a bulk read accepts: a page is held in memory while it is read.</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>Checks a page size, as every store does before it reads.</summary>
    /// <param name="pageSize">The page size.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is less than 1 or more than <see cref="MaxPageSize"/>.</exception>
    public static void ThrowIfInvalidPageSize(int pageSize)
    {
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"pageSize: a bulk read reads 1 to {MaxPageSize} aggregates a page, not {pageSize}.");
        }
    }

    /// <summary>
    /// The ids a find of many (<see cref="IRepository{TAggregate, TId}.FindManyAsync"/>) reads, checked as every store
    /// checks them: each id once, <c>default(TId)</c> left out, in id order.
    /// </summary>
    /// <typeparam name="TId">The aggregate's id.</typeparam>
    /// <param name="ids">The ids asked for.</param>
    /// <returns>The different ids other than <c>default(TId)</c>, in id order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">There are more than <see cref="MaxPageSize"/> different ids.</exception>
    public static TId[] IdsToFind<TId>(IEnumerable<TId> ids)
        where TId : struct, IEntityId<TId>
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = new SortedSet<TId>();
        foreach (var id in ids)
        {
            if (!id.Equals(default(TId)) && wanted.Add(id) && wanted.Count > MaxPageSize)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), $"ids: a find reads at most {MaxPageSize} different aggregates at once.");
            }
        }

        return [.. wanted];
    }

    // A find of many for a store that reads no more than one id at a time: each id read from the one just before it,
    // so that an aggregate the store cannot read is an UnreadableAggregateException, as in a bulk read.
    internal static async IAsyncEnumerable<StoredAggregate<TAggregate, TId>> ReadEachAsync<TAggregate, TId>(
        IRepository<TAggregate, TId> repository,
        TId[] ids,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId>
    {
        foreach (var id in ids)
        {
            await foreach (var stored in repository.ReadAsync(Before(id), pageSize: 1, cancellationToken).ConfigureAwait(false))
            {
                if (stored.Id.Equals(id))
                {
                    yield return stored;
                }

                break;
            }
        }
    }

    // The id just before this one in id order (the order of the UUID's bytes); default before the first.
    private static TId Before<TId>(TId id)
        where TId : struct, IEntityId<TId>
    {
        Span<byte> bytes = stackalloc byte[16];
        id.Value.TryWriteBytes(bytes, bigEndian: true, out _);
        BinaryPrimitives.WriteUInt128BigEndian(bytes, BinaryPrimitives.ReadUInt128BigEndian(bytes) - 1);
        var before = new Guid(bytes, bigEndian: true);
        return before == Guid.Empty ? default : TId.From(before);
    }

    /// <summary>
    /// Streams every stored creator as its listing (<see cref="Creator.ToListing"/>), in id order: what a creator
    /// catalog is rebuilt from. Each listing carries its creator's id, the position to resume after, and the stored
    /// version, so a catalog's upsert keeps the newest.
    /// </summary>
    /// <param name="creators">The creators' repository.</param>
    /// <param name="afterId">Only the creators whose ids come after this one; null for all.</param>
    /// <param name="pageSize">How many creators each page reads, from 1 to <see cref="MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the read, between pages and between the items of a page.</param>
    /// <returns>The listings, in id order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="creators"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is less than 1 or more than <see cref="MaxPageSize"/>.</exception>
    /// <exception cref="UnreadableAggregateException">While enumerating: a stored creator cannot be read.</exception>
    public static IAsyncEnumerable<CreatorListing> ReadListingsAsync(
        this IRepository<Creator, CreatorId> creators,
        CreatorId? afterId = null,
        int pageSize = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(creators);
        return Listings(creators.ReadAsync(afterId, pageSize, cancellationToken), cancellationToken);
    }

    private static async IAsyncEnumerable<CreatorListing> Listings(
        IAsyncEnumerable<StoredAggregate<Creator, CreatorId>> stored,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var creator in stored.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return creator.Aggregate.ToListing();
        }
    }
}
