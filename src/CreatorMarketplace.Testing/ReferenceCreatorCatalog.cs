using System.Collections.Immutable;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;

namespace CreatorMarketplace.Testing;

/// <summary>
/// The simplest correct <see cref="ICreatorCatalog"/>: an immutable map swapped on every write, searched with
/// plain LINQ over <see cref="CreatorQuery.Compare(CreatorListing, CreatorListing)"/>, pushing no term of the query
/// down: every term is checked by its own <see cref="CreatorQueryTerm.Matches"/>, as <see cref="CreatorQuery.Matches"/> does.
/// It is the oracle that faster catalogs are tested against and the baseline they are measured against; use it
/// in tests of your own code, not for large catalogs.
/// </summary>
public sealed class ReferenceCreatorCatalog : ICreatorCatalog, ICatalogBulkLoad
{
    private readonly object _writeLock = new();
    private ImmutableDictionary<CreatorId, CreatorListing> _listings = ImmutableDictionary<CreatorId, CreatorListing>.Empty;

    /// <summary>How many creators the catalog holds.</summary>
    public int Count => _listings.Count;

    /// <summary>Loads listings by upserting each in order: the meaning every bulk load must have.</summary>
    /// <param name="listings">The listings, in the order they would be upserted.</param>
    /// <param name="cancellationToken">Cancels the load; the listings upserted before stay.</param>
    /// <returns>How many creators the load added or updated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="listings"/> is null or holds a null listing.</exception>
    public async ValueTask<int> LoadAsync(IAsyncEnumerable<CreatorListing> listings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listings);
        var changed = new HashSet<CreatorId>();
        await foreach (var listing in listings.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (await UpsertAsync(listing ?? throw new ArgumentNullException(nameof(listings), "listings: holds a null listing."), cancellationToken).ConfigureAwait(false))
            {
                changed.Add(listing.Id);
            }
        }

        return changed.Count;
    }

    /// <inheritdoc />
    public ValueTask<bool> UpsertAsync(CreatorListing listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listing);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            if (_listings.TryGetValue(listing.Id, out var stored) && stored.Version >= listing.Version)
            {
                return ValueTask.FromResult(false);
            }

            _listings = _listings.SetItem(listing.Id, listing);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(CreatorId creator, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            var before = _listings;
            _listings = _listings.Remove(creator);
            return ValueTask.FromResult(!ReferenceEquals(before, _listings));
        }
    }

    /// <inheritdoc />
    public ValueTask<CreatorListing?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_listings.GetValueOrDefault(creator));
    }

    /// <inheritdoc />
    public ValueTask<CreatorSearchResult> SearchAsync(CreatorQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var problems = query.Validate();
        if (problems.Count > 0)
        {
            return ValueTask.FromResult<CreatorSearchResult>(new Invalid(problems));
        }

        var snapshot = _listings; // one consistent snapshot for the whole search
        var residual = query.PushDown(static _ => false); // every term, exactly as it is defined
        var matches = snapshot.Values.Where(residual.Matches).ToList();
        var ordered = matches.Where(query.IsAfterCursor).ToList();
        ordered.Sort(query.Compare);
        var page = ordered.Take(query.PageSize).ToArray();
        var next = ordered.Count > query.PageSize ? query.PositionOf(page[^1]) : (SearchPosition?)null;
        var facets = !query.IncludeFacets ? null : new CreatorFacets(
            matches.GroupBy(c => c.Profile.HomeCountry).ToDictionary(g => g.Key, g => g.Count()),
            matches.SelectMany(c => c.Profile.Languages.Distinct()).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count()),
            matches.SelectMany(c => c.Profile.ContentLabels.Distinct()).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count()),
            matches.GroupBy(c => query.AccountOf(c)!.Stats.Tier).ToDictionary(g => g.Key, g => g.Count()));
        return ValueTask.FromResult<CreatorSearchResult>(new CreatorSearchPage(page, matches.Count, facets, next));
    }
}
