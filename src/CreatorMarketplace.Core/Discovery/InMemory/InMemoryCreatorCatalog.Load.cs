using System.Numerics;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

public sealed partial class InMemoryCreatorCatalog
{
    // Listings are taken a batch at a time: the batch's text is folded, its numbers read and its keys collected on
    // every core, then its rows are written on one thread while the next batch is read and prepared; a batch small
    // enough to stay in the cache between the two.
    private const int LoadBatch = 2_048;
    private const int FoldBlock = 256;

    /// <summary>
    /// Loads many listings at once, with the same outcome as upserting each in order (<see cref="UpsertAsync"/>):
    /// a listing is stored unless the catalog, or an earlier listing of the same creator, holds this or a newer
    /// version. The rows are written into an index of their own, apart from the catalog, and published together at
    /// the end, so searches meanwhile see the catalog as it was, and then with every listing loaded.
    /// </summary>
    /// <remarks>
    /// Into an empty catalog the loaded index is published as it is. Into one that holds creators, the listings are
    /// prepared a batch at a time on every core (encoded, their text folded, their numbers and keys read), then
    /// upserted under the writers' lock and published as one change, such as every creator's refreshed statistics.
    /// A catalog following a store loads it this way at start and upserts its later changes.
    /// </remarks>
    /// <param name="listings">The listings, in the order they would be upserted.</param>
    /// <param name="cancellationToken">Cancels the load, which then changes nothing.</param>
    /// <returns>How many creators the load added or updated: those whose listing in the catalog is now a loaded one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="listings"/> is null or holds a null listing (nothing is loaded).</exception>
    public int Load(IEnumerable<CreatorListing> listings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listings);
        using var load = new CatalogLoad(Volatile.Read(ref _snapshot), listings.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var listing in listings)
        {
            load.Add(listing, cancellationToken);
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
        using var load = new CatalogLoad(Volatile.Read(ref _snapshot), expected: 0);
        await foreach (var listing in listings.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            load.Add(listing, cancellationToken);
        }

        return Apply(load, cancellationToken);
    }

    // The last step of a load, and the only one that touches this catalog: nothing before it is visible.
    private int Apply(CatalogLoad load, CancellationToken cancellationToken)
    {
        var loaded = load.Finish();
        cancellationToken.ThrowIfCancellationRequested();
        if (loaded is null)
        {
            return WritePrepared(load.Prepared, load.PreparedFrom);
        }

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

            // Upserts came while a load into the empty catalog ran. The loaded catalog holds each creator's listing
            // that upserting every listing into an empty catalog leaves; upserting those here leaves what upserting
            // every listing would. Its rows are encoded against this catalog's interned values, so they are copied as
            // they are; the listings are decoded a batch at a time for their keys and numbers.
            var rows = loaded._snapshot; // compacted and clustered by the load's end
            var published = Unwritten.Of(this);
            var (next, stored) = (published.Snapshot, 0);
            var listings = new CreatorListing[LoadBatch];
            var encoded = new ReadOnlyMemory<byte>[LoadBatch];
            try
            {
                for (var first = 0; first < rows.Count; first += LoadBatch)
                {
                    var (chunk, offset) = (rows.Chunks[first >> CatalogChunk.Shift], first & (CatalogChunk.Rows - 1));
                    var count = Math.Min(LoadBatch, rows.Count - first);
                    for (var i = 0; i < count; i++)
                    {
                        listings[i] = chunk.ListingAt(offset + i);
                        encoded[i] = chunk.EncodedAt(offset + i);
                    }

                    (next, var written) = WriteAll(next, listings.AsSpan(0, count), encoded.AsSpan(0, count));
                    stored += written;
                }

                if (stored > 0)
                {
                    Publish(next);
                }
            }
            catch
            {
                Forget(published);
                throw;
            }

            return stored;
        }
    }

    // Upserts a load's prepared batches, in order, into this catalog, which held creators when the load began: under
    // the writers' lock, as one change published at the end. Their rows are encoded against this catalog's interned
    // values; their ordinals were collected against its keys as they were then (with the batches' new keys added), and
    // hold unless a write has added keys since. The batches keep no listing, only ids and versions, so that a large
    // load holds little more than its rows: where the ordinals no longer hold, the listings are decoded from the rows
    // and collect their own, as an upsert's do. Returns how many creators the load added or updated: a creator's
    // written row that is still alive is its newest.
    private int WritePrepared(IReadOnlyList<LoadedBatch> batches, CatalogKeys preparedFrom)
    {
        lock (_writeLock)
        {
            var published = Unwritten.Of(this);
            var next = published.Snapshot;
            var ordinalsHold = ReferenceEquals(next.Keys, preparedFrom);
            try
            {
                foreach (var batch in batches)
                {
                    var count = batch.Count;
                    var encoded = batch.Encoded.AsSpan(0, count);
                    var numbers = batch.Numbers.AsSpan(0, count * NumberColumn.Count);
                    var rates = batch.EngagementRates.AsSpan(0, count);
                    var pairs = batch.PairBuckets.AsSpan(0, count * TextPairs.Words);
                    if (ordinalsHold)
                    {
                        (next, _) = WriteAll(next with { Keys = batch.Keys }, [], encoded, numbers, rates, batch.Ordinals, batch.PeerGroups.AsSpan(0, count), pairs, batch.Ids.AsSpan(0, count), batch.Versions.AsSpan(0, count));
                        continue;
                    }

                    var listings = new CreatorListing[count];
                    for (var i = 0; i < count; i++)
                    {
                        listings[i] = ListingCodec.DecodeRow(encoded[i].Span, batch.Ids[i], batch.Versions[i], next.Interned);
                    }

                    (next, _) = WriteAll(next, listings, encoded, numbers, rates, pairBuckets: pairs);
                }

                var stored = 0;
                for (var row = published.Snapshot.Count; row < next.Count; row++)
                {
                    stored += IsAlive(next, row) ? 1 : 0;
                }

                if (stored > 0)
                {
                    Publish(next);
                }

                return stored;
            }
            catch
            {
                Forget(published);
                throw;
            }
        }
    }

    // Puts each chunk's rows in the order of their home country and, within a country, of their followers' code, so
    // that a query's countries keep runs of words rather than a few rows of every word (the bounds then skip the
    // rest), and a bound on followers, or on a column that goes with them, decides whole blocks on their ranges.
    // Retired rows are compacted away first: which listing each creator keeps is settled by then, and no answer
    // depends on where a row is (ties are ranked by id), so the order changes nothing but the bytes a search reads.
    private void Cluster()
    {
        var current = _retiredRows > 0 ? Compacted(_snapshot) : _snapshot;
        var countries = current.Keys.Countries.Values.ToArray();
        var placeOf = new ushort[current.Count];
        var recycled = new PagePool(); // the load's chunks share no pages: the chunks they were grown from are gone
        EveryCore.For(0, (current.Count + CatalogChunk.Rows - 1) >> CatalogChunk.Shift, index =>
        {
            var first = index << CatalogChunk.Shift;
            var order = ClusterOrder(current.Chunks[index], Math.Min(CatalogChunk.Rows, current.Count - first), countries);
            current.Chunks[index].Reorder(order, recycled);
            for (var row = 0; row < order.Length; row++)
            {
                placeOf[first + order[row]] = (ushort)row;
            }
        });

        // The id table keeps its slots, each pointing at its row's new place in the same chunk.
        var table = current.IdTable;
        const int Slices = 64;
        EveryCore.For(0, Slices, slice =>
        {
            var (from, to) = ((int)((long)table.Length * slice / Slices), (int)((long)table.Length * (slice + 1) / Slices));
            for (var slot = from; slot < to; slot++)
            {
                var row = CatalogSnapshot.RowIn(table[slot]);
                if (row >= 0)
                {
                    table[slot] = CatalogSnapshot.Entry(CatalogSnapshot.HashIn(table[slot]), (row & ~(CatalogChunk.Rows - 1)) | placeOf[row]);
                }
            }
        });

        _snapshot = current;
    }

    // A chunk's rows by home country (a row without one last), then by followers' code, then as they were: two
    // stable counting sorts, by code and then by country, a few passes over the rows rather than a comparison sort.
    private static int[] ClusterOrder(CatalogChunk chunk, int rows, int[] countries)
    {
        // Each row's country as its rank among the countries' ordinals, in their order.
        var ranked = countries.Order().ToArray();
        var countryOf = new int[rows];
        countryOf.AsSpan().Fill(ranked.Length);
        for (var rank = 0; rank < ranked.Length; rank++)
        {
            if (chunk.Bitmap(ranked[rank]) is not { } bits)
            {
                continue;
            }

            for (var word = 0; word < Bits.WordsFor(rows); word++)
            {
                for (var set = bits[word]; set != 0; set &= set - 1)
                {
                    countryOf[Bits.LowestRow(word, set)] = rank;
                }
            }
        }

        var byCode = StableByKey<ushort>(chunk.Codes[NumberColumn.Followers].AsSpan(0, rows), 1 << 16);
        return StableByKey<int>(countryOf, ranked.Length + 1, byCode);
    }

    // The rows (those of `from` in its order, or 0 on) in order of their keys, each below `keys`, rows with equal
    // keys in the order they came: a counting sort.
    private static int[] StableByKey<TKey>(ReadOnlySpan<TKey> keyOf, int keys, int[]? from = null)
        where TKey : unmanaged, IBinaryInteger<TKey>
    {
        var starts = new int[keys + 1];
        foreach (var key in keyOf)
        {
            starts[int.CreateTruncating(key) + 1]++;
        }

        for (var key = 1; key < starts.Length; key++)
        {
            starts[key] += starts[key - 1];
        }

        var sorted = new int[keyOf.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            var row = from is null ? i : from[i];
            sorted[starts[int.CreateTruncating(keyOf[row])]++] = row;
        }

        return sorted;
    }

    // A load under way: the batches being filled and written, the keys of every batch prepared so far, and the
    // catalog of its own the rows are written into, its id table sized for the listings expected (when a collection
    // knows its count) instead of grown to it. Three batches take turns, so that batches' rows are written on one
    // thread, in order, while the next batch is filled from the listings and prepared on the others; with a second
    // prepared batch queued behind the one being written, preparing waits for a write only when the writes have
    // fallen two batches behind, and the writer does not wait for a batch a slower preparation of one batch held up.
    // The rows are encoded against the interned values of the catalog loaded into, so that they can be copied into it.
    // A load into a catalog that holds creators has no catalog of its own: its batches are prepared against the
    // catalog's keys and kept (Prepared), to be upserted into it at the end (WritePrepared).
    // A load disposed of before it finished has failed: disposing waits for its writes and drops what they wrote.
    private sealed class CatalogLoad : IDisposable
    {
        private const int Batches = 3;
        private readonly InternedValues _interned;
        private readonly InMemoryCreatorCatalog? _loaded;
        private readonly List<LoadedBatch>? _prepared;

        // The batches that take turns; a load that keeps its batches fills one new batch after another in the first.
        private readonly LoadedBatch[] _batches;

        // Each batch's last write, and the last write of all, which follows every one before it.
        private readonly Task[] _writes = [.. Enumerable.Repeat(Task.CompletedTask, Batches)];
        private Task _writing = Task.CompletedTask;
        private CatalogKeys _keys = CatalogKeys.Empty;
        private int _filling;
        private bool _finishing;

        public CatalogLoad(CatalogSnapshot target, int expected)
        {
            _interned = target.Interned;
            if (target.Live > 0)
            {
                (_prepared, _keys, PreparedFrom) = ([], target.Keys, target.Keys);
                _batches = [new LoadedBatch()];
            }
            else
            {
                _loaded = new() { _snapshot = EmptySnapshot(_interned, expected, pairsDeferred: true), _measuresCompactions = false };
                _batches = [.. Enumerable.Range(0, Batches).Select(_ => new LoadedBatch())];
            }
        }

        /// <summary>The batches prepared for a catalog that holds creators, in order; empty for a load into an empty one.</summary>
        public IReadOnlyList<LoadedBatch> Prepared => _prepared ?? [];

        /// <summary>The keys the prepared batches' ordinals were first collected against: the catalog's when the load began.</summary>
        public CatalogKeys PreparedFrom { get; } = CatalogKeys.Empty;

        public void Add(CreatorListing listing, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (listing is null)
            {
                throw new ArgumentNullException("listings", "listings: holds a null listing; nothing was loaded.");
            }

            if (_batches[_filling].Add(listing) == LoadBatch)
            {
                HandOver();
            }
        }

        /// <summary>
        /// Writes what is buffered and returns the loaded catalog, which nobody else has seen; or, for a catalog that
        /// holds creators, prepares what is buffered and returns null (the batches are <see cref="Prepared"/>).
        /// </summary>
        public InMemoryCreatorCatalog? Finish()
        {
            _finishing = true;
            if (_batches[_filling].Count > 0)
            {
                HandOver();
            }

            _writing.GetAwaiter().GetResult();
            _loaded?.Cluster();
            return _loaded;
        }

        /// <summary>Unless the load got as far as <see cref="Finish"/>, waits for the batches being written, whose catalog is then dropped.</summary>
        public void Dispose()
        {
            if (_finishing)
            {
                return;
            }

            try
            {
                _writing.GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // The load is already failing with the exception that stopped it; a write's own failure adds nothing.
            }
        }

        // Prepares the full batch (while the batches before are still being written), queues its write behind
        // theirs, and waits until the next batch to fill is written. Batches are written in order, each against the
        // keys of every batch up to its own; a write that fails fails every write after it.
        private void HandOver()
        {
            var batch = _batches[_filling];
            if (_prepared is not null)
            {
                // Nothing is written meanwhile: the batch is kept, and the next one prepared straight after it.
                _keys = batch.Prepare(_keys, _interned, writing: false);
                batch.LetListingsGo();
                _prepared.Add(batch);
                _batches[_filling] = new LoadedBatch();
                return;
            }

            _keys = batch.Prepare(_keys, _interned, writing: true);
            var before = _writing;
            _writing = _writes[_filling] = before.ContinueWith(
                _ =>
                {
                    before.GetAwaiter().GetResult();
                    Write(batch);
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
            _filling = (_filling + 1) % Batches;
            _writes[_filling].GetAwaiter().GetResult();
        }

        private void Write(LoadedBatch batch)
        {
            // Published only within the loaded catalog, which compacts as an upserted one does.
            var (count, loaded) = (batch.Count, _loaded!);
            var (next, _) = loaded.WriteAll(
                loaded._snapshot with { Keys = batch.Keys },
                batch.Listings.AsSpan(0, count),
                batch.Encoded.AsSpan(0, count),
                batch.Numbers.AsSpan(0, count * NumberColumn.Count),
                batch.EngagementRates.AsSpan(0, count),
                batch.Ordinals,
                batch.PeerGroups.AsSpan(0, count),
                batch.PairBuckets.AsSpan(0, count * TextPairs.Words));
            loaded.Publish(next);
            batch.Clear();
        }
    }

    // One batch of a load: its listings and what their rows are written from.
    private sealed class LoadedBatch
    {
        public CreatorListing[] Listings { get; } = new CreatorListing[LoadBatch];

        /// <summary>Each listing's creator, kept once the listings are let go of (<see cref="LetListingsGo"/>); empty before.</summary>
        public CreatorId[] Ids { get; private set; } = [];

        /// <summary>Each listing's version, kept as its creator is.</summary>
        public long[] Versions { get; private set; } = [];

        /// <summary>Each listing encoded, in the bytes of its block of <see cref="FoldBlock"/>.</summary>
        public ReadOnlyMemory<byte>[] Encoded { get; } = new ReadOnlyMemory<byte>[LoadBatch];

        private ListingBytes[] BlockBytes { get; } = [.. Enumerable.Range(0, LoadBatch / FoldBlock).Select(_ => new ListingBytes())];

        private int[] EncodedEnds { get; } = new int[LoadBatch];

        /// <summary>Each listing's bitmap ordinals, a run of its block's list.</summary>
        public BatchOrdinals Ordinals => new(BlockOrdinals, OrdinalStarts, OrdinalEnds);

        private List<int>[] BlockOrdinals { get; } = [.. Enumerable.Range(0, LoadBatch / FoldBlock).Select(_ => new List<int>())];

        private int[] OrdinalStarts { get; } = new int[LoadBatch];

        private int[] OrdinalEnds { get; } = new int[LoadBatch];

        public float[] Numbers { get; } = new float[LoadBatch * NumberColumn.Count];

        public double[] EngagementRates { get; } = new double[LoadBatch];

        public int[] PeerGroups { get; } = new int[LoadBatch];

        /// <summary>The buckets of each listing's text's pairs (<see cref="TextPairs.BucketsOf"/>), <see cref="TextPairs.Words"/> a listing.</summary>
        public ulong[] PairBuckets { get; } = new ulong[LoadBatch * TextPairs.Words];

        /// <summary>The keys the ordinals are collected against: those of every batch up to this one.</summary>
        public CatalogKeys Keys { get; private set; } = CatalogKeys.Empty;

        public int Count { get; private set; }

        private bool[] Collected { get; } = new bool[LoadBatch];

        /// <summary>Buffers a listing and returns how many the batch holds.</summary>
        public int Add(CreatorListing listing)
        {
            Listings[Count] = listing;
            return ++Count;
        }

        /// <summary>
        /// Encodes each listing, folds its text and gathers its pairs' buckets, reads its numbers and exact engagement rate and collects its bitmap ordinals on every core, against the
        /// keys as they are; the listings with a key not seen before are collected again once the batch's new keys
        /// are added in one copy. Adding keys keeps the ordinals of those already there, so the rest stay valid.
        /// Returns the keys with the batch's own. While another batch is being written (writing), the helper that
        /// finishes first leaves the other core to the writer rather than looking for more.
        /// </summary>
        public CatalogKeys Prepare(CatalogKeys keys, InternedValues interned, bool writing)
        {
            var (listings, numbers, rates, collected, count) = (Listings, Numbers, EngagementRates, Collected, Count);
            var (encoded, blockBytes, blockOrdinals, ends, pairBuckets) = (Encoded, BlockBytes, BlockOrdinals, EncodedEnds, PairBuckets);
            EveryCore.For(0, (count + FoldBlock - 1) / FoldBlock, block =>
            {
                var bytes = blockBytes[block];
                bytes.Clear();
                blockOrdinals[block].Clear();
                var (first, last) = (block * FoldBlock, Math.Min(count, (block + 1) * FoldBlock));
                for (var i = first; i < last; i++)
                {
                    var start = bytes.Length;
                    ListingCodec.EncodeRow(listings[i], interned, bytes);
                    ends[i] = bytes.Length;

                    // The text's pairs while its bytes are in the cache, so that the writer only copies them.
                    TextPairs.BucketsOf(FoldedText.Read(bytes.Written.Span[start..], out _).Utf8, pairBuckets.AsSpan(i * TextPairs.Words, TextPairs.Words));
                    rates[i] = CatalogChunk.NumbersOf(listings[i], numbers.AsSpan(i * NumberColumn.Count, NumberColumn.Count));
                    collected[i] = CollectOrdinals(i, keys);
                }

                // Sliced once the block is encoded, from the buffer as it has grown.
                for (var (i, start) = (first, 0); i < last; start = ends[i++])
                {
                    encoded[i] = bytes.Written[start..ends[i]];
                }
            }, lookForMore: !writing); // a batch being written meanwhile wants the other core

            var unknown = Enumerable.Range(0, count).Where(i => !collected[i]).ToList();
            if (unknown.Count > 0)
            {
                keys = keys.Including(unknown.ConvertAll(i => listings[i]));
                foreach (var i in unknown)
                {
                    CollectOrdinals(i, keys);
                }
            }

            Keys = keys;
            return keys;
        }

        // Adds listing i's bitmap ordinals to its block's list, as its run of it, and gives its peer group; false
        // when one of its keys is new, with the list as it was.
        private bool CollectOrdinals(int i, CatalogKeys keys)
        {
            var ordinals = BlockOrdinals[i / FoldBlock];
            OrdinalStarts[i] = ordinals.Count;
            var known = keys.TryCollect(Listings[i], ordinals, out PeerGroups[i]);
            OrdinalEnds[i] = ordinals.Count;
            return known;
        }

        /// <summary>Lets go of the batch's listings once it is prepared, keeping their ids and versions beside what their rows are written from.</summary>
        public void LetListingsGo()
        {
            (Ids, Versions) = (new CreatorId[Count], new long[Count]);
            for (var i = 0; i < Count; i++)
            {
                (Ids[i], Versions[i]) = (Listings[i].Id, Listings[i].Version);
            }

            Array.Clear(Listings, 0, Count);
        }

        /// <summary>Lets go of the batch's listings and texts once its rows are written, and empties it.</summary>
        public void Clear()
        {
            Array.Clear(Listings, 0, Count);
            Array.Clear(Encoded, 0, Count);
            Count = 0;
        }
    }
}
