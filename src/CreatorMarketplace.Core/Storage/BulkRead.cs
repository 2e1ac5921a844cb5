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
