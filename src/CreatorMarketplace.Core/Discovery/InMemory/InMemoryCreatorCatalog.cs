using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Scoring;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// The embedded creator catalog: a columnar index beside the listings. Upserts append a row and retire the old one,
/// so a write costs the same on a catalog of ten creators or ten million and never rebuilds the index (retired rows
/// are compacted away only once they outnumber the living). Searches read an immutable snapshot, the row count and
/// sequence published by the last write, so they run without locks and never see a creator half-updated.
/// </summary>
/// <remarks>
/// <para>
/// Rows live in chunks of 65,536. Each chunk keeps, per row, the id, the version, its handles, name and bio folded
/// for keyword search and, after them, the listing encoded, in a few hundred bytes of the chunk's pages (decoded for a
/// page returned, a find and a row the columns cannot decide), the searchable numbers of the primary
/// account and the creator (followers, average and median views, engagement rate, lowest price, past campaigns,
/// audience gender and age shares) as 32-bit floats, the number of its peer group, and one bitmap per home country, language, content label, industry label, tier, price
/// currency and flag. An id table of row numbers finds a creator's row.
/// </para>
/// <para>
/// A keyword is matched on the folded text. The query's terms the columns do not hold (another platform's account
/// and numbers, subdivisions, audience countries, major buckets) are its residual, checked exactly by each term's
/// <see cref="CreatorQueryTerm.Matches"/> on the listings that pass the columns. Results always equal
/// <see cref="CreatorQuery.Matches"/> and <see cref="CreatorQuery.Compare(CreatorListing, CreatorListing)"/>.
/// </para>
/// <para>
/// Any number of threads may search and find while one at a time upserts or removes; writers take a lock. A
/// compaction of a large part of the catalog is made on a thread of its own while writes go on, and holds the lock
/// only to catch up with the last of them.
/// </para>
/// <para>
/// Many listings are loaded at once with <see cref="Load"/> or <see cref="LoadAsync"/>: the outcome of upserting
/// each in order, written into an index of its own and published once.
/// </para>
/// </remarks>
public sealed partial class InMemoryCreatorCatalog : ICreatorCatalog, ICatalogBulkLoad
{
    private const int FirstCapacity = 1_024;

    // A compaction that drops this many rows' chunks or more (about 80 MB at a million creators) asks the collector
    // for a background collection, unless the application sets this switch false (in runtimeconfig.json's
    // configProperties, or as a RuntimeHostConfigurationOption in its project).
    private const int RowsWorthACollection = 2 * CatalogChunk.Rows;
    private const string DroppedRowsTag = "creator_marketplace.compaction.dropped_rows";
    private const string KeptRowsTag = "creator_marketplace.compaction.kept_rows";
    private const string CollectAfterCompactionSwitch = "CreatorMarketplace.InMemoryCreatorCatalog.CollectAfterCompaction";
    private static readonly bool CollectsAfterCompaction = !AppContext.TryGetSwitch(CollectAfterCompactionSwitch, out var collect) || collect;

    private readonly object _writeLock = new();
    private readonly List<int> _ordinals = [];
    private CatalogSnapshot _snapshot = EmptySnapshot(new InternedValues());
    private int _retiredRows;
    private int _compactionCheckAt;
    private int _idsInTable;

    // The compaction being made apart from the writers, if one is; and the last one started, until its thread ends.
    private Task? _compactingApart;
    private Task _lastCompactionApart = Task.CompletedTask;

    // The row pages of the chunks the last compaction replaced (as many as the compaction's own rows took), until no
    // reader is left in their generation; then they are given to the writers' pool for new rows (Recycle).
    private (GenerationReaders Readers, List<byte[]> Pages)? _replaced;
    private readonly PagePool _recycled = new();

    // False for the catalog of its own a load writes into, whose compactions no writer waits for.
    private bool _measuresCompactions = true;

    /// <summary>How many creators the catalog holds.</summary>
    public int Count => Volatile.Read(ref _snapshot).Live;

    /// <summary>What a large compaction calls once it is published: a background collection, or a test's counter.</summary>
    internal Action CollectAfterCompaction { get; set; } = RequestBackgroundCollection;

    /// <summary>What a compaction calls before it starts: nothing, or a test's fault.</summary>
    internal Action? CompactionStarting { get; set; }

    /// <summary>
    /// How many rows a compaction must span (from its first row to the last) to be made apart from the writers rather
    /// than under their lock: four chunks, or fewer for a test.
    /// </summary>
    internal int RowsCompactedApart { get; set; } = 4 * CatalogChunk.Rows;

    /// <summary>
    /// How few rows written meanwhile a compaction made apart leaves to catch up with under the writers' lock (more
    /// are caught up with outside it first): a quarter of a chunk, or none or all for a test.
    /// </summary>
    internal int RowsCaughtUpUnderLock { get; set; } = CatalogChunk.Rows / 4;

    /// <summary>The last compaction made apart from the writers, done when its thread is (a completed task if none was): for tests to wait for.</summary>
    internal Task CompactingApart
    {
        get
        {
            lock (_writeLock)
            {
                return _lastCompactionApart;
            }
        }
    }

    /// <summary>What a write calls once its rows are written, before it publishes them: nothing, or a test's fault.</summary>
    internal Action? Publishing { get; set; }

    /// <inheritdoc />
    public ValueTask<bool> UpsertAsync(CreatorListing listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listing);
        cancellationToken.ThrowIfCancellationRequested();
        // The listing encoded, the text folded and its pairs' buckets gathered, and the numbers read outside the lock:
        // writers wait only for the row's writing.
        var (snapshot, hash) = (Volatile.Read(ref _snapshot), CatalogSnapshot.Hash(listing.Id));
        snapshot.PrefetchSlot(hash);
        ListingCodec.Prefetch(listing);
        var encoded = ListingCodec.Scratch;
        encoded.Clear();
        ListingCodec.EncodeRow(listing, snapshot.Interned, encoded);
        snapshot.PrefetchNewestRow(hash);
        var written = encoded.Written;
        Span<ulong> pairBuckets = stackalloc ulong[TextPairs.Words];
        TextPairs.BucketsOf(FoldedText.Read(written.Span, out _).Utf8, pairBuckets);
        Span<float> numbers = stackalloc float[NumberColumn.Count];
        var engagementRate = CatalogChunk.NumbersOf(listing, numbers);
        lock (_writeLock)
        {
            var published = Unwritten.Of(this);
            try
            {
                var (next, stored) = WriteAll(published.Snapshot, new ReadOnlySpan<CreatorListing>(in listing), new ReadOnlySpan<ReadOnlyMemory<byte>>(in written), numbers, new ReadOnlySpan<double>(in engagementRate), pairBuckets: pairBuckets);
                if (stored > 0)
                {
                    Publish(next);
                }

                return ValueTask.FromResult(stored > 0);
            }
            catch
            {
                Forget(published);
                throw;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(CreatorId creator, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            var current = Writable();
            var (_, newest) = Locate(current, creator);
            if (newest < 0 || !IsAlive(current, newest))
            {
                return ValueTask.FromResult(false);
            }

            // Made before the row is retired, so that nothing between the retirement and its publication can throw and
            // leave the row retired unpublished (Publish keeps a write whose compaction fails).
            var next = current with { Live = current.Live - 1, Sequence = current.Sequence + 1 };
            Retire(current.Chunks, newest, next.Sequence);
            _retiredRows++;
            Publish(next);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<CreatorListing?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var read = Read();
        var row = read.Snapshot.RowOf(creator);
        return ValueTask.FromResult(row >= 0 ? read.Snapshot.ListingAt(row) : null);
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

        var measured = Searches.Start();
        try
        {
            CreatorSearchPage page;
            using (var read = Read())
            {
                page = CatalogSearch.Run(read.Snapshot, query, MayPushDown);
            }

            measured?.Complete(page);
            return ValueTask.FromResult<CreatorSearchResult>(page);
        }
        catch (Exception exception) when (measured is not null && measured.Failed(exception))
        {
            throw;
        }
    }

    // On Core's source and meter; an invalid query is answered before a search starts, so it is not measured.
    private static SearchInstruments Searches { get; } = new(CoreTelemetry.Package, "in_memory");

    // Which terms a search may push down to the columns; tests turn push-down off to run every term as a residual.
    internal Func<CreatorQueryTerm, bool> MayPushDown { get; init; } = static _ => true;

    // The terms of a query a search leaves to the residual check, which reads each candidate's listing.
    /// <summary>Rows written in the catalog's generation, living and retired: what a compaction reclaims, for tests.</summary>
    internal int RowsWritten => Volatile.Read(ref _snapshot).Count;

    /// <summary>Pages of replaced chunks waiting for their generation's last reader, and pages ready for new rows, for tests.</summary>
    internal (int Waiting, int Ready) PagesToReuse
    {
        get
        {
            lock (_writeLock)
            {
                return (_replaced?.Pages.Count ?? 0, _recycled.Count);
            }
        }
    }

    /// <summary>The number of the last change published; the whole catalog's compaction starts it again from 0.</summary>
    internal int Sequence => Volatile.Read(ref _snapshot).Sequence;

    /// <summary>Publishes the catalog as it is under a later change number, as that many more changes would leave it.</summary>
    internal void SkipSequenceTo(int sequence)
    {
        lock (_writeLock)
        {
            Volatile.Write(ref _snapshot, _snapshot with { Sequence = sequence });
        }
    }

    /// <summary>The creators of the living rows, in the rows' order: where a load put them, for tests.</summary>
    internal IReadOnlyList<CreatorId> CreatorsInRowOrder()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return [.. Enumerable.Range(0, snapshot.Count).Where(snapshot.IsAlive).Select(snapshot.IdAt)];
    }

    // Where each row's encoded listing and folded text start in its chunk's pages (the page's number, then the offset
    // in it), in row order.
    internal IReadOnlyList<(int Chunk, long Listing, long Text)> EncodedStartsInRowOrder()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return [.. Enumerable.Range(0, snapshot.Count).Select(row =>
        {
            var (chunk, offset) = (snapshot.Chunks[row >> CatalogChunk.Shift], row & (CatalogChunk.Rows - 1));
            return (row >> CatalogChunk.Shift, chunk.Starts[offset], chunk.TextStarts[offset]);
        })];
    }

    internal IReadOnlyList<CreatorQueryTerm> ResidualOf(CreatorQuery query) => CatalogSearch.ResidualOf(Volatile.Read(ref _snapshot), query);

    /// <summary>How many rows the key bitmaps leave to a search's later passes (for tests of the keyword index, see <see cref="CatalogSearch.KeyedCandidates"/>).</summary>
    internal int KeyedCandidates(CreatorQuery query) => CatalogSearch.KeyedCandidates(Volatile.Read(ref _snapshot), query);

    /// <summary>The creators of the rows <see cref="KeyedCandidates"/> counts (for tests of the keyword index).</summary>
    internal IReadOnlyList<CreatorId> KeyedCreators(CreatorQuery query) => CatalogSearch.KeyedCreators(Volatile.Read(ref _snapshot), query);

    /// <summary>
    /// Scores every creator at once on the catalog's columns, vectorised, with one pooled float per row and nothing
    /// allocated per creator. The result answers exact scores by id and the exact top creators; dispose of it when
    /// done, to return its arrays to the pool.
    /// </summary>
    /// <param name="score">The score.</param>
    /// <returns>The scores of the catalog as it is now.</returns>
    public CatalogScores ScoreAll(CatalogScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var read = Read();
        try
        {
            return new CatalogScores(read.Snapshot, score, ScoreRows(read.Snapshot, score, out var alive), alive);
        }
        catch
        {
            read.Dispose();
            throw;
        }
    }

    // Every row's float score (and every word's living rows), in pooled arrays.
    private static float[] ScoreRows(CatalogSnapshot snapshot, CatalogScore score, out ulong[] alive)
    {
        var words = Bits.WordsFor(snapshot.Count);
        var scores = ArrayPool<float>.Shared.Rent(Bits.RowsBefore(words)); // every word's 64 scores and alive rows are written below
        var living = ArrayPool<ulong>.Shared.Rent(words);
        var columns = new ColumnScore(score);

        // Blocks of 1,024 words (65,536 rows, a chunk) are scored side by side; each writes only its own slice.
        EveryCore.For(0, (words + 1_023) >> 10, block =>
        {
            for (var word = block << 10; word < Math.Min(words, (block + 1) << 10); word++)
            {
                var (chunk, start) = snapshot.WordAt(word);
                columns.ScoreRows(chunk.Numbers, start, scores.AsSpan(Bits.RowsBefore(word), Bits.PerWord));
                living[word] = snapshot.LivingRows(word);
            }
        });

        alive = living;
        return scores;
    }

    /// <summary>
    /// Benchmarks one metric within every peer group of the catalog, on its columns: the values are counted and
    /// gathered per group in two passes, and the groups are sorted side by side. The values are those of the 32-bit
    /// columns, so the result is <see cref="PeerBenchmarks.Of"/> over the creators' values rounded to float: values
    /// less than one part in sixteen million apart may count as equal.
    /// </summary>
    /// <param name="metric">The metric.</param>
    /// <returns>The benchmarks of the catalog as it is now.</returns>
    public PeerBenchmarks BenchmarkPeers(PeerMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var snapshot = Volatile.Read(ref _snapshot);
        var column = metric == PeerMetric.EngagementRate ? NumberColumn.EngagementRate
            : metric == PeerMetric.MedianViews ? NumberColumn.MedianViews
            : metric == PeerMetric.AverageViews ? NumberColumn.AverageViews
            : metric == PeerMetric.Followers ? NumberColumn.Followers
            : throw new ArgumentOutOfRangeException(nameof(metric), metric, "metric: the catalog has no column for this metric.");
        var groups = snapshot.Keys.PeerGroups;
        var counter = new GroupCounter(new int[groups.Count]);
        ForEachLivingValue(snapshot, column, ref counter);

        // Each group's range in one pooled array (a counting sort by group), filled in a second pass; each range is
        // then radix-sorted as float keys and widened into the result, groups side by side.
        var starts = new int[groups.Count];
        for (var group = 1; group < starts.Length; group++)
        {
            starts[group] = starts[group - 1] + counter.Counts[group - 1];
        }

        var total = counter.Counts.Sum();
        var keys = ArrayPool<uint>.Shared.Rent(Math.Max(1, total));
        var spare = ArrayPool<uint>.Shared.Rent(Math.Max(1, total));
        try
        {
            var gatherer = new GroupGatherer(keys, (int[])starts.Clone());
            ForEachLivingValue(snapshot, column, ref gatherer);
            var values = GC.AllocateUninitializedArray<double>(total);
            EveryCore.For(0, starts.Length, group =>
            {
                var range = keys.AsSpan(starts[group], counter.Counts[group]);
                SortableFloat.Sort(range, spare.AsSpan(starts[group], range.Length));
                var into = values.AsSpan(starts[group], range.Length);
                for (var i = 0; i < range.Length; i++)
                {
                    into[i] = SortableFloat.ToFloat(range[i]);
                }
            });
            return new PeerBenchmarks(
                values,
                Enumerable.Range(0, groups.Count).Where(group => counter.Counts[group] > 0).ToDictionary(group => groups[group], group => (starts[group], counter.Counts[group])));
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(keys);
            ArrayPool<uint>.Shared.Return(spare);
        }
    }

    // Visits the peer group and value of every living row whose value in the column is known. The visitor is a
    // struct type argument, so each pass is compiled with its body inlined rather than called a million times.
    private static void ForEachLivingValue<TVisitor>(CatalogSnapshot snapshot, int column, ref TVisitor visitor)
        where TVisitor : struct, IGroupValueVisitor
    {
        for (var word = 0; word < Bits.WordsFor(snapshot.Count); word++)
        {
            var (chunk, start) = snapshot.WordAt(word);
            var values = chunk.Numbers[column];
            var groups = chunk.PeerGroups;
            for (var rows = snapshot.LivingRows(word); rows != 0; rows &= rows - 1)
            {
                var row = start + BitOperations.TrailingZeroCount(rows);
                if (!float.IsNaN(values[row]))
                {
                    visitor.Visit(groups[row], values[row]);
                }
            }
        }
    }

    private interface IGroupValueVisitor
    {
        void Visit(int group, float value);
    }

    private readonly record struct GroupCounter(int[] Counts) : IGroupValueVisitor
    {
        public void Visit(int group, float value) => Counts[group]++;
    }

    private readonly record struct GroupGatherer(uint[] Keys, int[] Next) : IGroupValueVisitor
    {
        public void Visit(int group, float value) => Keys[Next[group]++] = SortableFloat.KeyOf(value);
    }

    // An empty catalog whose id table has room for the given number of creators before it grows; a load's defers its
    // rows' pair bitmaps to the load's clustering (CatalogChunk.PairsDeferred), and so does every chunk it adds.
    private static CatalogSnapshot EmptySnapshot(InternedValues interned, int creators = 0, bool pairsDeferred = false)
    {
        CatalogChunk[] chunks = [new CatalogChunk(FirstCapacity, CatalogKeys.Empty.Count, interned, pairsDeferred)];
        var table = MemoryPages.Populated(new long[Math.Max(FirstCapacity * 2, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Min(creators, 1 << 29) * 2))]);
        Array.Fill(table, CatalogSnapshot.Empty);
        return new CatalogSnapshot(new CatalogGeneration(chunks), chunks, CatalogKeys.Empty, table, Count: 0, Live: 0, Sequence: 0);
    }

    // Only the writer calls the members below, under the lock: it sees every row of the newest snapshot.
    private static bool IsAlive(CatalogSnapshot current, int row)
    {
        var offset = row & (CatalogChunk.Rows - 1);
        return !Bits.IsSet(current.Chunks[row >> CatalogChunk.Shift].Died, offset);
    }

    private static void Retire(CatalogChunk[] chunks, int row, int sequence) =>
        chunks[row >> CatalogChunk.Shift].Retire(row & (CatalogChunk.Rows - 1), sequence);

    // The table slot of a creator and its newest row, or the free slot where it would go and -1. Only a slot with the
    // creator's hash has its row's id read.
    private static (int Slot, int Row) Locate(CatalogSnapshot current, CreatorId creator)
    {
        var table = current.IdTable;
        var mask = table.Length - 1;
        var hash = CatalogSnapshot.Hash(creator);
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = table[slot];
            var row = CatalogSnapshot.RowIn(entry);
            if (row == CatalogSnapshot.EmptySlot
                || (row >= 0 && CatalogSnapshot.HashIn(entry) == hash && current.IdAt(row) == creator))
            {
                return (slot, row);
            }
        }
    }

    // Upserts the listings in order as one change (every row written and retired at one sequence number): a listing
    // is stored unless the catalog, or an earlier listing of the batch, holds this or a newer version of its creator.
    // Each listing's numbers (NumberColumn.Count a listing) and exact engagement rate, bitmap ordinals and peer
    // group, and the buckets of its text's pairs (TextPairs.Words a listing), are given as made beforehand, the
    // ordinals against the keys of current, or are made here (empty spans); each listing comes encoded against the
    // catalog's interned values. With everything made beforehand, the listings themselves may be let go of: their
    // ids and versions are then given instead (listings empty). Returns the snapshot to publish and how many listings
    // were stored. The caller holds the write lock, or owns the catalog alone.
    private (CatalogSnapshot Next, int Stored) WriteAll(
        CatalogSnapshot current,
        ReadOnlySpan<CreatorListing> listings,
        ReadOnlySpan<ReadOnlyMemory<byte>> encoded,
        ReadOnlySpan<float> numbers = default,
        ReadOnlySpan<double> engagementRates = default,
        BatchOrdinals collected = default,
        ReadOnlySpan<int> peerGroups = default,
        ReadOnlySpan<ulong> pairBuckets = default,
        ReadOnlySpan<CreatorId> ids = default,
        ReadOnlySpan<long> versions = default)
    {
        Debug.Assert(!listings.IsEmpty || (ids.Length == versions.Length && ids.Length == encoded.Length && !numbers.IsEmpty && !collected.IsEmpty), "rows without their listings have everything made beforehand");
        var sequence = current.Sequence + 1;
        var stored = 0;
        Span<float> made = stackalloc float[NumberColumn.Count];
        for (var i = 0; i < encoded.Length; i++)
        {
            // What a row is written from was made on other cores or lies in objects spread over the heap, and a
            // batch's ids lie at random in the id table: a later listing's inputs are asked for while this one is
            // written, in two steps (the objects, then what they hold and its id's slot), so that no read waits alone.
            if (i + 2 * SlotsAhead < listings.Length)
            {
                CacheLines.Prefetch(listings[i + 2 * SlotsAhead]);
            }

            if (i + SlotsAhead < encoded.Length)
            {
                var ahead = i + SlotsAhead;
                current.PrefetchSlot(CatalogSnapshot.Hash(listings.IsEmpty ? ids[ahead] : listings[ahead].Id));
                CacheLines.Prefetch(encoded[ahead].Span);
                if (!numbers.IsEmpty)
                {
                    CacheLines.Prefetch(numbers.Slice(ahead * NumberColumn.Count, NumberColumn.Count));
                }

                if (!collected.IsEmpty)
                {
                    CacheLines.Prefetch(collected.Of(ahead));
                }

                if (!pairBuckets.IsEmpty)
                {
                    CacheLines.Prefetch(pairBuckets.Slice(ahead * TextPairs.Words, TextPairs.Words));
                }
            }

            var listing = listings.IsEmpty ? null : listings[i];
            var (id, version) = listing is null ? (ids[i], versions[i]) : (listing.Id, listing.Version);
            var (slot, newest) = Locate(current, id);
            var replaces = newest >= 0 && IsAlive(current, newest);
            if (replaces && current.VersionAt(newest) >= version)
            {
                continue;
            }

            var engagementRate = numbers.IsEmpty ? CatalogChunk.NumbersOf(listing!, made) : engagementRates[i];

            var keys = current.Keys;
            var peerGroup = collected.IsEmpty ? Collect(ref keys, listing!) : peerGroups[i];
            var ordinals = collected.IsEmpty ? CollectionsMarshal.AsSpan(_ordinals) : collected.Of(i);
            var row = new CollectedRow(
                id,
                version,
                encoded[i].Span,
                numbers.IsEmpty ? made : numbers.Slice(i * NumberColumn.Count, NumberColumn.Count),
                engagementRate,
                ordinals,
                peerGroup,
                pairBuckets.IsEmpty ? default : pairBuckets.Slice(i * TextPairs.Words, TextPairs.Words));
            current = Append(current, keys, row, slot, newest, replaces, sequence);
            stored++;
        }

        return (current, stored);
    }

    // How many listings ahead of the one being written WriteAll asks for the id table's slot and the row's inputs
    // (twice as many ahead for the objects that hold them).
    private const int SlotsAhead = 8;

    // Collects the listing's bitmap ordinals into _ordinals and returns its peer group, adding its keys when one is new.
    private int Collect(ref CatalogKeys keys, CreatorListing listing)
    {
        _ordinals.Clear();
        if (!keys.TryCollect(listing, _ordinals, out var peerGroup))
        {
            keys = keys.Including([listing]);
            keys.TryCollect(listing, _ordinals, out peerGroup);
        }

        return peerGroup;
    }

    // The bitmap ordinals of a batch's listings, collected beforehand: each listing's run of the list of its block
    // of FoldBlock listings, so that a batch's ordinals lie in a few arrays read in order rather than in an object per
    // listing.
    private readonly struct BatchOrdinals(List<int>[] blocks, int[] starts, int[] ends)
    {
        public bool IsEmpty => blocks is null;

        public ReadOnlySpan<int> Of(int listing) => CollectionsMarshal.AsSpan(blocks[listing / FoldBlock])[starts[listing]..ends[listing]];
    }

    // A listing's creator and version with what its row is written from: its encoded row, numbers, exact engagement
    // rate, bitmap ordinals, peer group and the buckets of its text's pairs (empty: gathered as the row is written).
    private readonly ref struct CollectedRow(CreatorId id, long version, ReadOnlySpan<byte> encoded, ReadOnlySpan<float> numbers, double engagementRate, ReadOnlySpan<int> ordinals, int peerGroup, ReadOnlySpan<ulong> pairBuckets)
    {
        public CreatorId Id { get; } = id;

        public long Version { get; } = version;

        public ReadOnlySpan<byte> Encoded { get; } = encoded;

        public ReadOnlySpan<float> Numbers { get; } = numbers;

        public double EngagementRate { get; } = engagementRate;

        public ReadOnlySpan<int> Ordinals { get; } = ordinals;

        public int PeerGroup { get; } = peerGroup;

        public ReadOnlySpan<ulong> PairBuckets { get; } = pairBuckets;
    }

    // Writes the encoded listing and its folded text into the next row, retires the creator's previous row (when it is alive) and points the id
    // table at the new one. The slot and newest row are Locate's answer for the listing's id.
    private CatalogSnapshot Append(CatalogSnapshot current, CatalogKeys keys, CollectedRow collected, int slot, int newest, bool replaces, int sequence)
    {
        if (_replaced is { } replaced && replaced.Readers.Gone)
        {
            Recycle(replaced.Pages);
        }

        var row = current.Count;
        var chunks = RoomFor(current, keys);
        chunks[row >> CatalogChunk.Shift].Write(row & (CatalogChunk.Rows - 1), collected.Id, collected.Version, collected.Encoded, collected.Numbers, collected.EngagementRate, newest, collected.Ordinals, collected.PeerGroup, collected.PairBuckets, _recycled);
        var live = current.Live + 1;
        if (replaces)
        {
            Retire(chunks, newest, sequence);
            _retiredRows++;
            live--;
        }

        var table = current.IdTable;
        if (newest < 0 && (_idsInTable + 1) * 2 > table.Length)
        {
            table = Rehash(current, table.Length * 2);
            slot = Locate(current with { IdTable = table }, collected.Id).Slot;
        }

        _idsInTable += newest < 0 ? 1 : 0;
        // After the row is written: a reader that finds the slot finds the row.
        Volatile.Write(ref table[slot], CatalogSnapshot.Entry(CatalogSnapshot.Hash(collected.Id), row));
        return new CatalogSnapshot(current.Generation, chunks, keys, table, row + 1, live, sequence);
    }

    // Called under the writers' lock once a compaction has published a new generation (`replacement`, holding the
    // rows of `previous` from row `from` on): marks the previous generation replaced, so that no reader enters it, and
    // keeps the pages of the chunks it replaced, as many as the replacement's rows from `from` on took: about what the
    // writes until the next compaction fill. Those of an earlier compaction, still read, are let go.
    private void Replaced(CatalogSnapshot previous, CatalogSnapshot replacement, int from)
    {
        var readers = previous.Generation.Readers;
        readers.Replace();
        var first = from >> CatalogChunk.Shift;
        var limit = 0;
        for (var index = first; index < replacement.Chunks.Length; index++)
        {
            limit += replacement.Chunks[index].PageCount;
        }

        _replaced = null;
        try
        {
            var (chunks, pages) = (previous.Generation.Chunks, new List<byte[]>(limit));
            for (var index = first; index < chunks.Length; index++)
            {
                chunks[index].CollectPages(pages, limit);
            }

            _replaced = (readers, pages);
        }
        catch (OutOfMemoryException)
        {
            // The compaction is published; its pages are only not reused.
        }
    }

    // The pages of chunks nobody reads any more, for the rows written from now on, in place of any the last compaction
    // left unused: memory the process has written before, where the collector would give it back to the system and
    // each new row would meet fresh memory (a page fault every few rows).
    private void Recycle(List<byte[]> pages)
    {
        _replaced = null;
        _recycled.Clear();
        foreach (var page in pages)
        {
            _recycled.Give(page);
        }
    }

    // The published snapshot, its generation entered (dispose of the read when done): the pages of its rows are not
    // written over until the read is.
    private SnapshotRead Read()
    {
        while (true)
        {
            var snapshot = Volatile.Read(ref _snapshot);
            if (snapshot.Generation.Readers.TryEnter())
            {
                return new SnapshotRead(snapshot);
            }
        }
    }

    // A reader in a snapshot's generation (Read), until disposed of.
    private readonly struct SnapshotRead(CatalogSnapshot snapshot) : IDisposable
    {
        public CatalogSnapshot Snapshot => snapshot;

        public void Dispose() => snapshot.Generation.Readers.Exit();
    }

    // The chunks with room for one more row: the last chunk grown while it is under full size, or a new chunk.
    private static CatalogChunk[] RoomFor(CatalogSnapshot current, CatalogKeys keys)
    {
        var chunks = current.Chunks;
        var index = current.Count >> CatalogChunk.Shift;
        var offset = current.Count & (CatalogChunk.Rows - 1);
        if (index == chunks.Length)
        {
            chunks = [.. chunks, new CatalogChunk(CatalogChunk.Rows, keys.Count, current.Interned, chunks[^1].PairsDeferred)];
        }
        else if (offset == chunks[index].Capacity)
        {
            chunks = (CatalogChunk[])chunks.Clone();
            chunks[index] = chunks[index].Grow(chunks[index].Capacity * 2, offset);
        }
        else
        {
            return chunks;
        }

        current.Generation.Chunks = chunks;
        return chunks;
    }

    // The living entries in a table of the given length, placed by the hashes they keep: no row's id is read.
    private long[] Rehash(CatalogSnapshot current, int length)
    {
        var table = MemoryPages.Populated(new long[length]);
        Array.Fill(table, CatalogSnapshot.Empty);
        var mask = length - 1;
        _idsInTable = 0;
        foreach (var entry in current.IdTable)
        {
            if (CatalogSnapshot.RowIn(entry) >= 0)
            {
                _idsInTable++;
                var slot = CatalogSnapshot.HashIn(entry) & mask;
                while (CatalogSnapshot.RowIn(table[slot]) >= 0)
                {
                    slot = (slot + 1) & mask;
                }

                table[slot] = entry;
            }
        }

        return table;
    }

    // The snapshot a write starts from; the caller holds the write lock. Its sequence is used up only when the
    // compaction that starts it again failed as the last write published it: that compaction is tried again first, and
    // if it fails again, the write fails before it changes anything.
    private CatalogSnapshot Writable()
    {
        if (_snapshot.Sequence == int.MaxValue)
        {
            var previous = _snapshot;
            var compacted = Compact(previous, from: 0);
            Volatile.Write(ref _snapshot, compacted);
            Replaced(previous, compacted, from: 0);
        }

        return _snapshot;
    }

    // The published snapshot and the writer's counts, as a write under the lock starts from them (after Writable).
    private readonly record struct Unwritten(CatalogSnapshot Snapshot, int RetiredRows, int IdsInTable)
    {
        public static Unwritten Of(InMemoryCreatorCatalog catalog) => new(catalog.Writable(), catalog._retiredRows, catalog._idsInTable);
    }

    // Undoes what a write under the lock did before it threw unpublished (out of memory for a row page, a bitmap or a
    // larger id table, or a test's fault), so that the catalog is as it was: otherwise the next write would publish
    // the rows it retired, and write its own row over a slot's row. The id table's slots that point past the
    // published rows get back the row they held, chunks readers share lose the unpublished rows' bits and
    // retirements, and the counts are restored.
    private void Forget(Unwritten published)
    {
        var snapshot = published.Snapshot;
        if (!ReferenceEquals(Volatile.Read(ref _snapshot), snapshot))
        {
            return; // published: what threw came after the write
        }

        var (table, latest, count) = (snapshot.IdTable, snapshot.Generation.Chunks, snapshot.Count);
        for (var slot = 0; slot < table.Length; slot++)
        {
            var entry = table[slot];
            var row = CatalogSnapshot.RowIn(entry);
            if (row < count)
            {
                continue;
            }

            // An unpublished row: the slot held its creator's newest published row, or nothing for a new creator,
            // whose slot was empty (a probe stops at the first empty slot, so no published creator lies past it).
            while (row >= count)
            {
                row = latest[row >> CatalogChunk.Shift].PreviousRow[row & (CatalogChunk.Rows - 1)];
            }

            Volatile.Write(ref table[slot], row >= 0 ? CatalogSnapshot.Entry(CatalogSnapshot.HashIn(entry), row) : CatalogSnapshot.Empty);
        }

        for (var index = 0; index < snapshot.Chunks.Length; index++)
        {
            snapshot.Chunks[index].Forget(Math.Clamp(count - (index << CatalogChunk.Shift), 0, CatalogChunk.Rows), snapshot.Sequence);
        }

        snapshot.Generation.Chunks = snapshot.Chunks;
        (_retiredRows, _idsInTable) = (published.RetiredRows, published.IdsInTable);
    }

    private void Publish(CatalogSnapshot next)
    {
        Publishing?.Invoke();
        // Compact before the sequence could overflow (the whole catalog, which starts the sequence again), and once
        // retired rows outnumber the living in the catalog or in a run of chunks to its end: the rebuild's cost is
        // paid back by the writes that retired them. Creators updated often retire their rows in the newest chunks,
        // so compacting only those keeps an upsert's share of the cost small in a large catalog.
        // A large compaction is made apart from the writers (CompactApart), one at a time.
        var usedUp = next.Sequence == int.MaxValue;
        var checks = usedUp || (_compactingApart is null && _retiredRows > FirstCapacity && _retiredRows >= _compactionCheckAt);
        int? from = usedUp ? 0 : checks ? CompactionStart(next) : null;
        var rowsLetGo = 0;
        if (from is { } apart && !usedUp && _measuresCompactions && next.Count - apart >= RowsCompactedApart)
        {
            Volatile.Write(ref _snapshot, next);
            try
            {
                // On a thread of its own, outside the writer's context: its span is no write's child.
                // A reader of the generation it copies until it ends, so that no page it reads is written over.
                var entered = next.Generation.Readers.TryEnter();
                Debug.Assert(entered, "the published generation is not replaced while the writers' lock is held");
                using (ExecutionContext.SuppressFlow())
                {
                    _lastCompactionApart = _compactingApart = Task.Factory.StartNew(() => CompactApart(next, apart), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }
            }
            catch (Exception)
            {
                next.Generation.Readers.Exit();
                // No thread for it: the write is published and stands, and the compaction is tried again later.
                CheckAgainLater(next.Live);
            }

            return;
        }

        CatalogSnapshot? previous = null;
        if (from is { } start)
        {
            try
            {
                var compacted = Compact(next, start);
                (rowsLetGo, checks, previous, next) = (next.Count - start, false, next, compacted);
            }
            catch (Exception) when (_measuresCompactions)
            {
                // The write is whole without its compaction, which only builds new chunks and can fail for their
                // memory: the write is published, and the compaction's span and duration say it failed. It is tried
                // again as when there was nothing to compact; a used-up sequence's, at the next write (Writable).
            }
        }

        if (checks)
        {
            CheckAgainLater(next.Live);
        }

        Volatile.Write(ref _snapshot, next);
        if (previous is not null)
        {
            Replaced(previous, next, from!.Value);
        }

        if (rowsLetGo >= RowsWorthACollection && CollectsAfterCompaction)
        {
            CollectAfterCompaction();
        }
    }
}
