using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

public sealed partial class InMemoryCreatorCatalog
{
    // Listings are taken a batch at a time: the batch's text is folded, its numbers read and its keys collected on
    // every core, then its rows are written; a batch small enough to stay in the cache between the two.
    private const int LoadBatch = 2_048;
    private const int FoldBlock = 256;

    /// <summary>
    /// Loads many listings at once, with the same outcome as upserting each in order (<see cref="UpsertAsync"/>):
    /// a listing is stored unless the catalog, or an earlier listing of the same creator, holds this or a newer
    /// version. The rows are written into an index of their own, apart from the catalog, and published together at
    /// the end, so searches meanwhile see the catalog as it was, and then with every listing loaded.
    /// </summary>
    /// <remarks>
    /// Into an empty catalog the loaded index is published as it is; into one that holds creators (or gained some from
    /// upserts while the load ran), the loaded rows are then written into it under the writers' lock, without folding
    /// their text again. A catalog following a store loads it this way at start and upserts its later changes.
    /// </remarks>
    /// <param name="listings">The listings, in the order they would be upserted.</param>
    /// <param name="cancellationToken">Cancels the load, which then changes nothing.</param>
    /// <returns>How many creators the load added or updated: those whose listing in the catalog is now a loaded one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="listings"/> is null or holds a null listing (nothing is loaded).</exception>
    public int Load(IEnumerable<CreatorListing> listings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listings);
        var load = new CatalogLoad(listings.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var listing in listings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            load.Add(listing);
        }

        return Apply(load, cancellationToken);
    }

    /// <summary>
    /// Loads a stream of listings at once, such as a store's <c>ReadListingsAsync()</c>, with the same outcome as
    /// upserting each in order. See <see cref="Load"/>.
    /// </summary>
    /// <param name="listings">The listings, in the order they would be upserted.</param>
    /// <param name="cancellationToken">Cancels the load, which then changes nothing; passed to the stream.</param>
    /// <returns>How many creators the load added or updated: those whose listing in the catalog is now a loaded one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="listings"/> is null or holds a null listing (nothing is loaded).</exception>
    public async ValueTask<int> LoadAsync(IAsyncEnumerable<CreatorListing> listings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listings);
        var load = new CatalogLoad(expected: 0);
        await foreach (var listing in listings.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            load.Add(listing);
        }

        return Apply(load, cancellationToken);
    }

    // The last step of a load, and the only one that touches this catalog: nothing before it is visible.
    private int Apply(CatalogLoad load, CancellationToken cancellationToken)
    {
        var loaded = load.Finish();
        cancellationToken.ThrowIfCancellationRequested();
        if (loaded._snapshot.Live == 0)
        {
            return 0;
        }

        lock (_writeLock)
        {
            if (_snapshot.Live == 0)
            {
                _retiredRows = loaded._retiredRows;
                _idsInTable = loaded._idsInTable;
                Publish(loaded._snapshot);
                return loaded._snapshot.Live;
            }

            // The loaded catalog holds each creator's listing that upserting every listing into an empty catalog
            // leaves; upserting those here leaves what upserting every listing would.
            var rows = loaded._retiredRows > 0 ? loaded.Compacted(loaded._snapshot) : loaded._snapshot;
            var (next, stored) = (_snapshot, 0);
            for (var index = 0; index << CatalogChunk.Shift < rows.Count; index++)
            {
                var chunk = rows.Chunks[index];
                var count = Math.Min(CatalogChunk.Rows, rows.Count - (index << CatalogChunk.Shift));
                (next, var written) = WriteAll(next, chunk.Listings.AsSpan(0, count), chunk.Folded.AsSpan(0, count));
                stored += written;
            }

            if (stored > 0)
            {
                Publish(next);
            }

            return stored;
        }
    }

    // A load under way: the listings buffered for the next batch and the catalog of its own they are written into,
    // its id table sized for the listings expected (when a collection knows its count) instead of grown to it.
    private sealed class CatalogLoad(int expected)
    {
        private readonly InMemoryCreatorCatalog _loaded = new() { _snapshot = EmptySnapshot(expected) };
        private readonly CreatorListing[] _listings = new CreatorListing[LoadBatch];
        private readonly FoldedText[] _folded = new FoldedText[LoadBatch];
        private readonly List<int>[] _ordinals = [.. Enumerable.Range(0, LoadBatch).Select(_ => new List<int>())];
        private readonly float[] _numbers = new float[LoadBatch * NumberColumn.Count];
        private readonly int[] _peerGroups = new int[LoadBatch];
        private readonly bool[] _collected = new bool[LoadBatch];
        private int _buffered;

        public void Add(CreatorListing listing)
        {
            if (listing is null)
            {
                throw new ArgumentNullException("listings", "listings: holds a null listing; nothing was loaded.");
            }

            _listings[_buffered++] = listing;
            if (_buffered == LoadBatch)
            {
                WriteBuffered();
            }
        }

        /// <summary>Writes what is buffered and returns the loaded catalog, which nobody else has seen.</summary>
        public InMemoryCreatorCatalog Finish()
        {
            WriteBuffered();
            return _loaded;
        }

        private void WriteBuffered()
        {
            if (_buffered == 0)
            {
                return;
            }

            // Each listing's text is folded, its numbers read and its bitmap ordinals collected on every core, against
            // the keys as they are; the listings with a key not seen before are collected again once the batch's new
            // keys are added in one copy. Adding keys keeps the ordinals of those already there, so the rest stay valid.
            var (listings, folded, numbers, ordinals, peerGroups, collected) = (_listings, _folded, _numbers, _ordinals, _peerGroups, _collected);
            var count = _buffered;
            var keys = _loaded._snapshot.Keys;
            Parallel.For(0, (count + FoldBlock - 1) / FoldBlock, block =>
            {
                for (var i = block * FoldBlock; i < Math.Min(count, (block + 1) * FoldBlock); i++)
                {
                    folded[i] = FoldedText.Of(listings[i]);
                    CatalogChunk.NumbersOf(listings[i], numbers.AsSpan(i * NumberColumn.Count, NumberColumn.Count));
                    collected[i] = keys.TryCollect(listings[i], ordinals[i], out peerGroups[i]);
                }
            });

            var unknown = Enumerable.Range(0, count).Where(i => !collected[i]).ToList();
            if (unknown.Count > 0)
            {
                keys = keys.Including(unknown.ConvertAll(i => listings[i]));
                foreach (var i in unknown)
                {
                    keys.TryCollect(listings[i], ordinals[i], out peerGroups[i]);
                }
            }

            // Published only within the loaded catalog, which compacts as an upserted one does.
            var (next, _) = _loaded.WriteAll(
                _loaded._snapshot with { Keys = keys },
                listings.AsSpan(0, count),
                folded.AsSpan(0, count),
                numbers.AsSpan(0, count * NumberColumn.Count),
                ordinals.AsSpan(0, count),
                peerGroups.AsSpan(0, count));
            _loaded.Publish(next);
            Array.Clear(listings, 0, count);
            _buffered = 0;
        }
    }
}
