using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery;

/// <summary>
/// The searchable catalog of creators (a read model): it keeps the newest <see cref="CreatorListing"/> of each
/// creator and answers <see cref="CreatorQuery"/> searches with a page, the total and facets. Every implementation
/// returns exactly what <see cref="CreatorQuery.Matches"/> and <see cref="CreatorQuery.Compare(CreatorListing, CreatorListing)"/>
/// define, and a search always sees each creator either wholly before or wholly after an upsert.
/// </summary>
public interface ICreatorCatalog
{
    /// <summary>Adds a creator or replaces an older listing of it.</summary>
    /// <param name="listing">The listing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when stored; false when the catalog already holds this or a newer version (nothing changes).</returns>
    ValueTask<bool> UpsertAsync(CreatorListing listing, CancellationToken cancellationToken = default);

    /// <summary>Removes a creator.</summary>
    /// <param name="creator">The creator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the creator was in the catalog.</returns>
    ValueTask<bool> RemoveAsync(CreatorId creator, CancellationToken cancellationToken = default);

    /// <summary>Finds a creator's listing.</summary>
    /// <param name="creator">The creator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The listing, or null when the creator is not in the catalog.</returns>
    ValueTask<CreatorListing?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default);

    /// <summary>Runs a search.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of results with the total and facets, or <see cref="Invalid"/> naming every problem of the query.</returns>
    ValueTask<CreatorSearchResult> SearchAsync(CreatorQuery query, CancellationToken cancellationToken = default);
}
