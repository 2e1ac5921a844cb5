using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery;

/// <summary>
/// A catalog that loads many listings at once, with the outcome of upserting each: a listing is stored unless the
/// catalog, or an earlier listing of the same creator, holds this or a newer version. Into an empty catalog a load is
/// faster than upserting each; into one that holds creators, see each catalog. A <c>CatalogFollower</c> that reads
/// the store's listings into its catalog loads them this way when the catalog offers it, and upserts each listing
/// otherwise.
/// </summary>
public interface ICatalogBulkLoad
{
    /// <summary>Loads a stream of listings, such as a store's <c>ReadListingsAsync()</c>.</summary>
    /// <param name="listings">The listings, in the order they would be upserted.</param>
    /// <param name="cancellationToken">Cancels the load; passed to the stream. What a cancelled load stored depends on the catalog (see each).</param>
    /// <returns>How many creators the load added or updated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="listings"/> is null or holds a null listing.</exception>
    ValueTask<int> LoadAsync(IAsyncEnumerable<CreatorListing> listings, CancellationToken cancellationToken = default);
}
