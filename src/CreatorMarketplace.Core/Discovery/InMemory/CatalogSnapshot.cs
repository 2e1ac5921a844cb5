using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// The chunks of one generation of the catalog, as the writer last published them. A compaction starts a new
/// generation; within one, chunks are only appended (or, while the catalog is small, replaced by a grown copy).
/// </summary>
internal sealed class CatalogGeneration
{
    private CatalogChunk[] _chunks;

    public CatalogGeneration(CatalogChunk[] chunks)
    {
        _chunks = chunks;
    }

    public CatalogChunk[] Chunks
    {
        get => Volatile.Read(ref _chunks);
        set => Volatile.Write(ref _chunks, value);
    }

    /// <summary>The readers inside the generation's rows.</summary>
    public GenerationReaders Readers { get; } = new();
}

/// <summary>
/// The readers inside a generation's rows (a search, a find, scores not yet disposed of), and whether a compaction
/// replaced the generation: once replaced, no reader enters it, and once the last one is out the pages of the chunks
/// it replaced are written over by new rows (<c>InMemoryCreatorCatalog.Recycle</c>). Apart from the generation, so
/// that waiting for its readers keeps none of its chunks.
/// </summary>
internal sealed class GenerationReaders
{
    private int _inside;
    private int _replaced;

    /// <summary>Whether the generation was replaced and no reader is left in it: nothing reads its rows again.</summary>
    public bool Gone => Volatile.Read(ref _replaced) == 1 && Volatile.Read(ref _inside) == 0;

    /// <summary>Counts a reader in, unless the generation was replaced: the caller then reads the catalog's newer one.</summary>
    public bool TryEnter()
    {
        // Counted in before the check, and marked replaced before the count is read (Replace, Gone), each behind a
        // full fence: a reader either sees the mark and leaves, or is seen by Gone.
        Interlocked.Increment(ref _inside);
        if (Volatile.Read(ref _replaced) == 0)
        {
            return true;
        }

        Interlocked.Decrement(ref _inside);
        return false;
    }

    /// <summary>Counts a reader that entered (<see cref="TryEnter"/>) out.</summary>
    public void Exit() => Interlocked.Decrement(ref _inside);

    /// <summary>Marks the generation replaced, once a newer one is published: no reader enters it from now on.</summary>
    public void Replace() => Interlocked.Exchange(ref _replaced, 1);
}

/// <summary>
/// What one reader sees: the first <see cref="Count"/> rows of its chunks, less the rows retired at or before
/// <see cref="Sequence"/>. Published whole by the writer after each change, so a reader never sees half of one.
/// </summary>
/// <param name="Generation">The generation, for following an id to rows written after this snapshot.</param>
/// <param name="Chunks">The chunks as of this snapshot.</param>
/// <param name="Keys">The bitmap keys as of this snapshot.</param>
/// <param name="IdTable">
/// Open-addressing table from a creator id's hash to its newest row, each slot an <see cref="Entry"/> of the id's
/// hash and the row, so that a probe passes other creators' slots without reading their ids:
/// <see cref="EmptySlot"/> ends a probe, <see cref="RemovedSlot"/> (a creator removed before a compaction) is passed over.
/// </param>
/// <param name="Count">Rows written.</param>
/// <param name="Live">Creators held.</param>
/// <param name="Sequence">The change this snapshot follows.</param>
internal sealed record CatalogSnapshot(
    CatalogGeneration Generation,
    CatalogChunk[] Chunks,
    CatalogKeys Keys,
    long[] IdTable,
    int Count,
    int Live,
    int Sequence)
{
    public const int EmptySlot = -1;
    public const int RemovedSlot = -2;

    /// <summary>The entry of a slot that no creator has taken.</summary>
    public static readonly long Empty = Entry(0, EmptySlot);

    /// <summary>The catalog's interned values, which every chunk shares.</summary>
    public InternedValues Interned => Chunks[0].Interned;

    /// <summary>A row's listing, decoded: each call makes a new one.</summary>
    public CreatorListing ListingAt(int row) => Chunks[row >> CatalogChunk.Shift].ListingAt(row & (CatalogChunk.Rows - 1));

    /// <summary>
    /// The listings of several rows, decoded, in the rows' order. A page's worth is decoded on every core: decoding
    /// builds each listing's objects from its bytes, a few microseconds each, most of a search's page.
    /// </summary>
    public CreatorListing[] ListingsAt(IReadOnlyList<int> rows)
    {
        var listings = new CreatorListing[rows.Count];
        var parts = Environment.ProcessorCount == 1 || rows.Count < ParallelListings ? 1 : Math.Min(Environment.ProcessorCount, rows.Count / (ParallelListings / 2));
        if (parts == 1)
        {
            Prefetch(rows, 0, 1);
            for (var i = 0; i < listings.Length; i++)
            {
                listings[i] = ListingAt(rows[i]);
            }

            return listings;
        }

        // Interleaved rather than halves: a page's rows lie in row order, and neighbours share pages of memory.
        EveryCore.For(0, parts, part =>
        {
            Prefetch(rows, part, parts);
            for (var i = part; i < listings.Length; i += parts)
            {
                listings[i] = ListingAt(rows[i]);
            }
        });
        return listings;
    }

    // A page's rows are cold in a search that arrives between other work. The lines where each row starts, then the
    // slot of the page it starts in, then its listing's first lines, are asked for a step at a time for all the rows,
    // each step reading only what the step before asked for, so that the decodes wait for memory about once per step
    // rather than row after row.
    private void Prefetch(IReadOnlyList<int> rows, int first, int step)
    {
        for (var i = first; i < rows.Count; i += step)
        {
            Chunks[rows[i] >> CatalogChunk.Shift].PrefetchRow(rows[i] & (CatalogChunk.Rows - 1));
        }

        for (var i = first; i < rows.Count; i += step)
        {
            Chunks[rows[i] >> CatalogChunk.Shift].PrefetchPageOf(rows[i] & (CatalogChunk.Rows - 1));
        }

        for (var i = first; i < rows.Count; i += step)
        {
            Chunks[rows[i] >> CatalogChunk.Shift].PrefetchListing(rows[i] & (CatalogChunk.Rows - 1));
        }
    }

    // Below this many listings a decode stays on its thread: waking another core costs about as much.
    private const int ParallelListings = 16;

    public CreatorId IdAt(int row) => Chunks[row >> CatalogChunk.Shift].Ids[row & (CatalogChunk.Rows - 1)];

    public long VersionAt(int row) => Chunks[row >> CatalogChunk.Shift].Versions[row & (CatalogChunk.Rows - 1)];

    public FoldedText FoldedAt(int row) => Chunks[row >> CatalogChunk.Shift].FoldedAt(row & (CatalogChunk.Rows - 1));

    /// <summary>Whether a row below <see cref="Count"/> is alive in this snapshot.</summary>
    public bool IsAlive(int row)
    {
        var chunk = Chunks[row >> CatalogChunk.Shift];
        var offset = row & (CatalogChunk.Rows - 1);
        return !Bits.IsSet(chunk.Died, offset) || chunk.DiedAt[offset] > Sequence;
    }

    /// <summary>The chunk holding the 64 rows from row 64 × <paramref name="word"/>, and where they start in it.</summary>
    public (CatalogChunk Chunk, int Start) WordAt(int word) =>
        (Chunks[word >> CatalogChunk.WordShift], Bits.RowsBefore(word & ((1 << CatalogChunk.WordShift) - 1)));

    /// <summary>The rows alive in this snapshot among the 64 from row 64 × <paramref name="word"/>, as bits.</summary>
    public ulong LivingRows(int word)
    {
        var rows = Bits.RowsBefore(word + 1) <= Count ? ulong.MaxValue : Bits.Before(Count);
        var (chunk, start) = WordAt(word);
        return chunk.Living(Bits.WordOf(start), Sequence, rows);
    }

    /// <summary>
    /// The row holding <paramref name="creator"/> in this snapshot, or -1. The table slot points at the creator's
    /// newest row, which may be newer than this snapshot; the chain of previous rows leads back to the one it holds.
    /// </summary>
    public int RowOf(CreatorId creator)
    {
        var hash = Hash(creator);
        var mask = IdTable.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = Volatile.Read(ref IdTable[slot]);
            var row = RowIn(entry);
            if (row == EmptySlot)
            {
                return -1;
            }

            if (row == RemovedSlot || HashIn(entry) != hash)
            {
                continue;
            }

            var chunks = Generation.Chunks;
            if (chunks[row >> CatalogChunk.Shift].Ids[row & (CatalogChunk.Rows - 1)] != creator)
            {
                continue;
            }

            while (row >= Count)
            {
                row = chunks[row >> CatalogChunk.Shift].PreviousRow[row & (CatalogChunk.Rows - 1)];
            }

            return row >= 0 && IsAlive(row) ? row : -1;
        }
    }

    /// <summary>
    /// Starts bringing in the id table's slot where a lookup of <paramref name="hash"/> begins. An upsert asks for it,
    /// then for <see cref="PrefetchNewestRow"/>, before encoding its listing, so that these cold reads wait for memory
    /// while it encodes rather than one after another under the writers' lock. Only a hint.
    /// </summary>
    public void PrefetchSlot(int hash) => CacheLines.Prefetch(IdTable, hash & (IdTable.Length - 1));

    /// <summary>
    /// Starts bringing in the id, version and retirement of the newest row the slot of <paramref name="hash"/> points
    /// at, once <see cref="PrefetchSlot"/> has brought the slot in. Only a hint: a slot or row that changes meanwhile
    /// costs nothing but the hint.
    /// </summary>
    public void PrefetchNewestRow(int hash)
    {
        var entry = IdTable[hash & (IdTable.Length - 1)];
        var (newest, chunks) = (RowIn(entry), Generation.Chunks);
        if (newest >= 0 && HashIn(entry) == hash && (uint)(newest >> CatalogChunk.Shift) < (uint)chunks.Length)
        {
            var (chunk, offset) = (chunks[newest >> CatalogChunk.Shift], newest & (CatalogChunk.Rows - 1));
            CacheLines.Prefetch(chunk.Ids, offset);
            CacheLines.Prefetch(chunk.Versions, offset);
            CacheLines.Prefetch(chunk.Died, Bits.WordOf(offset));
            CacheLines.Prefetch(chunk.DiedAt, offset);
        }
    }

    /// <summary>The hash a creator's slots are probed from and kept beside its row: its UUID's, spread.</summary>
    public static int Hash(CreatorId creator)
    {
        // A default id, which no listing has, is looked up and found in no slot.
        var hash = creator.GetHashCode();
        return hash ^ (hash >>> 16);
    }

    /// <summary>A slot's entry: the id's <see cref="Hash"/> in the high half, the row (or a slot marker) in the low.</summary>
    public static long Entry(int hash, int row) => ((long)hash << 32) | unchecked((uint)row);

    public static int RowIn(long entry) => unchecked((int)entry);

    public static int HashIn(long entry) => unchecked((int)(entry >> 32));
}
