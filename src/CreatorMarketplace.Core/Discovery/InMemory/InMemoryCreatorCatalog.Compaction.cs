using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace CreatorMarketplace.Discovery.InMemory;

public sealed partial class InMemoryCreatorCatalog
{
    // Compacted, with a span and measurements: every writer waits for a compaction, so its length is what an operator
    // watches (a large catalog's whole compaction takes seconds). A failed one marks its span failed and records its
    // duration with the exception's type.
    private CatalogSnapshot Compact(CatalogSnapshot current, int from)
    {
        if (!_measuresCompactions)
        {
            return Compacted(current, from);
        }

        using var activity = CoreTelemetry.Package.Source.StartActivity("creator_marketplace.catalog.compaction", ActivityKind.Internal);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var compacted = Compacted(current, from);
            Measured(activity, Stopwatch.GetElapsedTime(started), current.Count - compacted.Count, compacted.Count - from);
            return compacted;
        }
        catch (Exception exception)
        {
            MeasuredFailure(activity, exception, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    // A compaction's measurements: how long the writers waited for it, the rows it dropped and, when it published a
    // generation, the rows it kept.
    private static void Measured(Activity? activity, TimeSpan waited, int dropped, int? kept)
    {
        CoreTelemetry.CatalogCompactionDuration.Record(waited.TotalSeconds);
        CoreTelemetry.CatalogCompactionDroppedRows.Add(dropped);
        activity?.SetTag(DroppedRowsTag, dropped);
        if (kept is { } rows)
        {
            activity?.SetTag(KeptRowsTag, rows);
        }
    }

    // A failed compaction's: its span marked failed, and the writers' wait with the exception's type.
    private static void MeasuredFailure(Activity? activity, Exception exception, TimeSpan waited)
    {
        var type = PackageTelemetry.Failed(activity, exception);
        CoreTelemetry.CatalogCompactionDuration.Record(waited.TotalSeconds, new KeyValuePair<string, object?>(PackageTelemetry.ErrorType, type));
    }

    // Compactions are checked for again once a few more rows are retired, not at every write.
    private void CheckAgainLater(int live) => _compactionCheckAt = _retiredRows + Math.Max(FirstCapacity, live / 64);

    // Compacts from row `from` on apart from the writers, who write on meanwhile: the new chunks are made from the
    // snapshot taken (reading only what it holds, as a search does) on this thread and brought up to the writes
    // published since, then, under the writers' lock, up to the last few and published. Writers wait only for that
    // last catch-up, which is what the duration measures: a large catalog's whole compaction takes seconds, its last
    // catch-up milliseconds. If the catalog started a new generation meanwhile (a used-up sequence's compaction, or a
    // load into the emptied catalog), the rows made are dropped. A compaction that fails changes nothing and is tried
    // again once a few more rows are retired; nothing is thrown on this thread of its own. Its span is no write's child.
    // The compaction is a reader of the generation it copies (entered by Publish), until it ends.
    private void CompactApart(CatalogSnapshot taken, int from)
    {
        try
        {
            CompactApartReading(taken, from);
        }
        finally
        {
            taken.Generation.Readers.Exit();
        }
    }

    private void CompactApartReading(CatalogSnapshot taken, int from)
    {
        const int CatchUpRounds = 8;
        using var activity = CoreTelemetry.Package.Source.StartActivity("creator_marketplace.catalog.compaction", ActivityKind.Internal);
        var (dropped, kept, letGo, held) = (0, (int?)null, 0, TimeSpan.Zero);
        try
        {
            CompactionStarting?.Invoke();
            var rows = CompactedRows.Of(taken, from, apart: true);

            // The writes made meanwhile are caught up with outside the lock, reading the catalog as a search does,
            // while they are many; a few rounds, each catching up with the writes of the one before.
            for (var round = 0; round < CatchUpRounds; round++)
            {
                var published = Volatile.Read(ref _snapshot);
                if (!ReferenceEquals(published.Generation, taken.Generation) || published.Count - rows.CaughtUpTo < RowsCaughtUpUnderLock)
                {
                    break;
                }

                rows.CatchUp(published, from, CompactedSequence(published, from));
            }

            lock (_writeLock)
            {
                var locked = Stopwatch.GetTimestamp();
                try
                {
                    var latest = _snapshot;
                    if (ReferenceEquals(latest.Generation, taken.Generation))
                    {
                        var sequence = CompactedSequence(latest, from);
                        rows.CatchUp(latest, from, sequence);
                        var table = Renumbered(latest.IdTable, from, rows.NewRowOf);
                        var compacted = new CatalogSnapshot(new CatalogGeneration(rows.Chunks), rows.Chunks, latest.Keys, table, rows.Count, latest.Live, sequence);
                        (dropped, kept, letGo) = (latest.Count - compacted.Count, compacted.Count - from, latest.Count - from);
                        (_retiredRows, _compactionCheckAt) = (RetiredIn(rows.Chunks), 0);
                        Volatile.Write(ref _snapshot, compacted);
                        Replaced(latest, compacted, from);
                    }
                }
                finally
                {
                    _compactingApart = null;
                    held = Stopwatch.GetElapsedTime(locked);
                }
            }

            Measured(activity, held, dropped, kept);
        }
        catch (Exception exception)
        {
            MeasuredFailure(activity, exception, held);
            lock (_writeLock)
            {
                _compactingApart = null;
                CheckAgainLater(_snapshot.Live);
            }

            return;
        }

        if (letGo >= RowsWorthACollection && CollectsAfterCompaction)
        {
            CollectAfterCompaction();
        }
    }

    // The chunks a large compaction let go of are large objects, which the collector frees only in a full collection,
    // rare in a process that allocates little else: until one, every new row goes to memory taken from the system for
    // the first time, a page fault for every few rows, and the next compaction copies into such memory too. A
    // background collection frees them while writes go on. Where collections cannot run in the background (batch
    // latency, as with concurrent collection turned off), none is asked for: a blocking one would stop every thread.
    private static void RequestBackgroundCollection()
    {
        if (GCSettings.LatencyMode != GCLatencyMode.Batch)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: false, compacting: false);
        }
    }

    // The first row of the longest run of whole chunks, up to the last, whose retired rows outnumber its living ones
    // (more than FirstCapacity of them), or null when no such run exists.
    private static int? CompactionStart(CatalogSnapshot current)
    {
        int? start = null;
        var (retired, living) = (0L, 0L);
        for (var index = (current.Count - 1) >> CatalogChunk.Shift; index >= 0; index--)
        {
            var chunk = current.Chunks[index];
            var rows = Math.Min(CatalogChunk.Rows, current.Count - (index << CatalogChunk.Shift));
            (retired, living) = (retired + chunk.RetiredRows, living + rows - chunk.RetiredRows);
            if (retired > living && retired > FirstCapacity)
            {
                start = index << CatalogChunk.Shift;
            }
        }

        return start;
    }

    // The sequence a compaction from row `from` on numbers its generation's retirements in: the catalog's, which the
    // chunks it keeps are numbered in; from row 0, where it keeps none, the sequence starts again.
    private static int CompactedSequence(CatalogSnapshot current, int from) => from == 0 ? 0 : current.Sequence;

    // A new generation holding only the living rows from row `from` on (the first row of a chunk), in their order;
    // the chunks before it are kept as they are, shared with the generation before, and so is the sequence, which
    // their retired rows are numbered in. From row 0, the sequence starts again. Living rows are copied column by
    // column (encoded listings byte for byte), each key's bitmap is made a word at a time (CompactBitmaps), and the
    // id table keeps its slots with the rows renumbered, so no listing is decoded.
    private CatalogSnapshot Compacted(CatalogSnapshot current, int from = 0)
    {
        CompactionStarting?.Invoke();
        var rows = CompactedRows.Of(current, from, apart: false);
        var table = Renumbered(current.IdTable, from, rows.NewRowOf);
        (_retiredRows, _compactionCheckAt) = (RetiredIn(rows.Chunks), 0);
        return new CatalogSnapshot(new CatalogGeneration(rows.Chunks), rows.Chunks, current.Keys, table, rows.Count, current.Live, CompactedSequence(current, from));
    }

    // The id table with each slot's row renumbered as a compaction from row `from` on numbers it (newRowOf, -1 for a
    // row not kept): a slot whose creator's newest row is not kept held a removed creator, and is passed over from
    // now on. The slots are kept, so no id is hashed or read; a large table's are renumbered on every core, since the
    // writers wait for it.
    private static long[] Renumbered(long[] idTable, int from, int[] newRowOf)
    {
        const int Slices = 16;
        var table = MemoryPages.Populated(new long[idTable.Length]);
        For(0, Slices, slice =>
        {
            for (var slot = (int)((long)table.Length * slice / Slices); slot < (int)((long)table.Length * (slice + 1) / Slices); slot++)
            {
                var entry = idTable[slot];
                var newest = CatalogSnapshot.RowIn(entry);
                table[slot] = newest < from ? entry
                    : CatalogSnapshot.Entry(CatalogSnapshot.HashIn(entry), newRowOf[newest - from] >= 0 ? newRowOf[newest - from] : CatalogSnapshot.RemovedSlot);
            }
        },
        onEveryCore: table.Length >= CatalogChunk.Rows);

        return table;
    }

    private static int RetiredIn(CatalogChunk[] chunks)
    {
        var retired = 0;
        foreach (var chunk in chunks)
        {
            retired += chunk.RetiredRows;
        }

        return retired;
    }

    // The new chunks of a compaction from row `from` (a chunk's first) on, made from one snapshot: the chunks before
    // `from` as they are, then the rows alive to the snapshot (a row retired after it was taken is alive to it), in
    // their order. Made on every core under the writers' lock, or apart from the writers on one thread of its own
    // while they write on (CompactApart), reading only what the snapshot holds, as a search does.
    private sealed class CompactedRows
    {
        // The rows from `from` on kept in the new chunks and alive as of the last catch-up, a bit a row.
        private ulong[] _kept;

        private CompactedRows(CatalogChunk[] chunks, int[] newRowOf, ulong[] kept, int count, int caughtUpTo)
        {
            (Chunks, NewRowOf, _kept, Count, CaughtUpTo) = (chunks, newRowOf, kept, count, caughtUpTo);
        }

        /// <summary>The new generation's chunks.</summary>
        public CatalogChunk[] Chunks { get; private set; }

        /// <summary>Each row's new number from `from` on, or -1 for a row not kept.</summary>
        public int[] NewRowOf { get; private set; }

        /// <summary>The old rows made or caught up from: the snapshot's, then the last catch-up's.</summary>
        public int CaughtUpTo { get; private set; }

        /// <summary>The new generation's rows.</summary>
        public int Count { get; private set; }

        public static CompactedRows Of(CatalogSnapshot current, int from, bool apart)
        {
            var kept = from >> CatalogChunk.Shift;
            var living = new ulong[Bits.WordsFor(current.Count) - Bits.WordOf(from)];
            var livingInBlock = new int[(living.Length + CatalogChunk.WordsPerBlock - 1) / CatalogChunk.WordsPerBlock];
            var livingRows = 0;
            for (var word = 0; word < living.Length; word++)
            {
                living[word] = current.LivingRows(Bits.WordOf(from) + word);
                var count = BitOperations.PopCount(living[word]);
                livingInBlock[word / CatalogChunk.WordsPerBlock] += count;
                livingRows += count;
            }

            // A single chunk is sized to the living rows (a power of two, as growth keeps it), unless made apart, when
            // the rows written meanwhile are still to come; more chunks are full size.
            var chunks = new CatalogChunk[kept + Math.Max(kept == 0 ? 1 : 0, (livingRows + CatalogChunk.Rows - 1) >> CatalogChunk.Shift)];
            Array.Copy(current.Chunks, chunks, kept);
            for (var index = kept; index < chunks.Length; index++)
            {
                var capacity = chunks.Length > 1 || apart ? CatalogChunk.Rows : (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(livingRows, FirstCapacity));
                chunks[index] = new CatalogChunk(capacity, current.Keys.Count, current.Interned, current.Chunks[^1].PairsDeferred);
            }

            // Each living row's new number, and the first old row each new chunk takes; then each new chunk copies its
            // rows (on a core of its own unless made apart: they only read the old chunks), most of the time going to
            // memory written for the first time.
            var newRowOf = new int[current.Count - from];
            newRowOf.AsSpan().Fill(-1);
            var firstOldRow = new int[chunks.Length - kept + 1];
            var next = from;
            for (var word = 0; word < living.Length; word++)
            {
                for (var set = living[word]; set != 0; set &= set - 1)
                {
                    var old = from + Bits.LowestRow(word, set);
                    if ((next & (CatalogChunk.Rows - 1)) == 0)
                    {
                        firstOldRow[(next >> CatalogChunk.Shift) - kept] = old;
                    }

                    newRowOf[old - from] = next++;
                }
            }

            var filled = (next - from + CatalogChunk.Rows - 1) >> CatalogChunk.Shift;
            firstOldRow[filled] = current.Count;
            var compacted = new CompactedRows(chunks, newRowOf, living, next, current.Count);
            // A single new chunk (the newest alone, as a few creators updated often leave it) is filled on this thread:
            // EveryCore wakes no other core for one iteration.
            For(kept, kept + filled, index => compacted.Fill(current, from, index - kept, chunks[index], firstOldRow), onEveryCore: !apart);
            CompactBitmaps(current, chunks, from, living, livingInBlock, apart);
            return compacted;
        }

        /// <summary>
        /// Brings the rows made apart up to a later snapshot of the same generation (<paramref name="latest"/>, read
        /// as a search reads it, or taken under the writers' lock for the last time): rows kept that are retired as of
        /// it are retired here at <paramref name="sequence"/>, and the rows written since the last catch-up (or since
        /// the snapshot the rows were made from) that are alive to it are copied after the kept ones.
        /// </summary>
        public void CatchUp(CatalogSnapshot latest, int from, int sequence)
        {
            var newRowOf = NewRowOf;
            Array.Resize(ref newRowOf, latest.Count - from);
            newRowOf.AsSpan(NewRowOf.Length).Fill(-1);
            var kept = _kept;
            Array.Resize(ref kept, Bits.WordsFor(latest.Count - from));
            for (var word = 0; word < Bits.WordsFor(CaughtUpTo - from); word++)
            {
                if (kept[word] == 0)
                {
                    continue;
                }

                var (chunk, start) = latest.WordAt(Bits.WordOf(from) + word);
                var alive = chunk.Living(Bits.WordOf(start), latest.Sequence, kept[word]);
                for (var died = kept[word] & ~alive; died != 0; died &= died - 1)
                {
                    var old = from + Bits.LowestRow(word, died);
                    Retire(Chunks, newRowOf[old - from], sequence);
                    newRowOf[old - from] = -1;
                }

                kept[word] = alive;
            }

            // The rows written since, alive to the snapshot: their columns copied a run at a time (a run lies in one
            // old chunk and goes to one new chunk), then each key's bits of those rows' words, extracted and laid
            // after the kept rows' bits.
            var (since, count) = (CaughtUpTo, Count);
            var firstWord = Bits.WordOf(since);
            var tail = new ulong[Bits.WordsFor(latest.Count) - firstWord];
            for (var word = 0; word < tail.Length; word++)
            {
                tail[word] = latest.LivingRows(firstWord + word);
            }

            if (tail.Length > 0)
            {
                tail[0] &= ~Bits.Before(since); // the first word's rows before `since` were caught up with before
            }

            var chunks = Chunks;
            var offsets = new List<int>();
            var (source, target, first) = (-1, -1, 0);
            for (var word = 0; word < tail.Length; word++)
            {
                for (var set = tail[word]; set != 0; set &= set - 1)
                {
                    var old = Bits.LowestRow(firstWord + word, set);
                    if (old >> CatalogChunk.Shift != source || count >> CatalogChunk.Shift != target)
                    {
                        Flush();
                        (source, target, first) = (old >> CatalogChunk.Shift, count >> CatalogChunk.Shift, count);
                        if (target == chunks.Length)
                        {
                            chunks = [.. chunks, new CatalogChunk(CatalogChunk.Rows, latest.Keys.Count, latest.Interned)];
                        }
                    }

                    offsets.Add(old & (CatalogChunk.Rows - 1));
                    Bits.Set(kept, old - from);
                    newRowOf[old - from] = count++;
                }
            }

            Flush();
            for (var ordinal = 0; ordinal < latest.Keys.Count; ordinal++)
            {
                var at = Count;
                for (var word = 0; word < tail.Length; word++)
                {
                    if (tail[word] == 0)
                    {
                        continue;
                    }

                    var (chunk, start) = latest.WordAt(firstWord + word);
                    if (chunk.Bitmap(ordinal) is { } bitmap)
                    {
                        Mark(chunks, ordinal, at, Bits.Extract(bitmap[Bits.WordOf(start)], tail[word]), BitOperations.PopCount(tail[word]));
                    }

                    at += BitOperations.PopCount(tail[word]);
                }
            }

            (_kept, CaughtUpTo) = (kept, latest.Count);
            (Chunks, NewRowOf, Count) = (chunks, newRowOf, count);

            void Flush()
            {
                if (offsets.Count > 0)
                {
                    chunks[target].CopyRows(latest.Chunks[source], CollectionsMarshal.AsSpan(offsets), first & (CatalogChunk.Rows - 1));
                    offsets.Clear();
                }
            }
        }

        // Sets the bits of `rows` rows from row `at` on, which may run into the next word (and the next chunk).
        private static void Mark(CatalogChunk[] chunks, int ordinal, int at, ulong bits, int rows)
        {
            if (bits == 0)
            {
                return;
            }

            var shift = at & (Bits.PerWord - 1);
            chunks[at >> CatalogChunk.Shift].MarkWord(ordinal, Bits.WordOf(at & (CatalogChunk.Rows - 1)), bits << shift);
            if (shift + rows > Bits.PerWord && bits >> (Bits.PerWord - shift) is var rest and not 0)
            {
                var next = at + Bits.PerWord - shift;
                chunks[next >> CatalogChunk.Shift].MarkWord(ordinal, Bits.WordOf(next & (CatalogChunk.Rows - 1)), rest);
            }
        }

        // Copies the living rows numbered into the new chunk `index` (counted from the first new one), those of each
        // old chunk at once.
        private void Fill(CatalogSnapshot current, int from, int index, CatalogChunk target, int[] firstOldRow)
        {
            var end = firstOldRow[index + 1];
            var offsets = ArrayPool<int>.Shared.Rent(CatalogChunk.Rows);
            try
            {
                for (var old = firstOldRow[index]; old < end;)
                {
                    var (source, sourceEnd) = (old >> CatalogChunk.Shift, Math.Min(end, ((old >> CatalogChunk.Shift) + 1) << CatalogChunk.Shift));
                    var (count, first) = (0, 0);
                    for (; old < sourceEnd; old++)
                    {
                        if (NewRowOf[old - from] >= 0)
                        {
                            first = count == 0 ? NewRowOf[old - from] : first;
                            offsets[count++] = old & (CatalogChunk.Rows - 1);
                        }
                    }

                    target.CopyRows(current.Chunks[source], offsets.AsSpan(0, count), first & (CatalogChunk.Rows - 1));
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(offsets);
            }
        }
    }

    // A loop on every core, or on this thread alone: a compaction made apart from the writers leaves the other cores
    // to them and to the searches.
    private static void For(int from, int to, Action<int> body, bool onEveryCore)
    {
        if (onEveryCore)
        {
            EveryCore.For(from, to, body);
            return;
        }

        for (var index = from; index < to; index++)
        {
            body(index);
        }
    }

    // Writes each key's bitmap of the living rows from row `from` (a chunk's first) on into the compacted chunks,
    // which number those rows in their order from `from` on: each old word's bits of living rows, extracted and laid
    // end to end, make the new words. A few operations a word of each key, rather than one a set bit; a block of rows
    // without the key (CatalogChunk.BlocksWith) is only counted. The keys are shared among the cores: each writes only
    // its own keys' bitmaps, which the new chunks have slots for.
    private static void CompactBitmaps(CatalogSnapshot current, CatalogChunk[] chunks, int from, ulong[] living, int[] livingInBlock, bool apart)
    {
        const int Slices = 16;
        var keys = current.Keys.Count;
        Debug.Assert(chunks.Skip(from >> CatalogChunk.Shift).All(chunk => chunk.BitmapSlots >= keys), "a new chunk has a slot for every key, so that no core lengthens the array of slots another writes to");
        For(0, Slices, slice =>
            {
                for (var ordinal = keys * slice / Slices; ordinal < keys * (slice + 1) / Slices; ordinal++)
                {
                    CompactKey(ordinal);
                }
            },
            onEveryCore: !apart);

        void CompactKey(int ordinal)
        {
            var (kept, keptBits, next) = (0UL, 0, Bits.WordOf(from));
            for (var block = 0; block < livingInBlock.Length; block++)
            {
                var firstWord = block * CatalogChunk.WordsPerBlock;
                var row = from + Bits.RowsBefore(firstWord);
                var chunk = current.Chunks[row >> CatalogChunk.Shift];
                var offset = row & (CatalogChunk.Rows - 1);
                if ((chunk.BlocksWith(ordinal) & (1UL << (offset >> CatalogChunk.BlockShift))) == 0 || chunk.Bitmap(ordinal) is not { } bitmap)
                {
                    // No row of the block has the key: its living rows are as many zero bits.
                    var zeros = keptBits + livingInBlock[block];
                    if (zeros >= Bits.PerWord)
                    {
                        Emit(kept, next);
                        (kept, next) = (0, next + (zeros / Bits.PerWord));
                    }

                    keptBits = zeros % Bits.PerWord;
                    continue;
                }

                for (var word = firstWord; word < Math.Min(living.Length, firstWord + CatalogChunk.WordsPerBlock); word++)
                {
                    var extracted = Bits.Extract(bitmap[Bits.WordOf(offset) + word - firstWord], living[word]);
                    var count = BitOperations.PopCount(living[word]);
                    kept |= extracted << keptBits;
                    if (keptBits + count < Bits.PerWord)
                    {
                        keptBits += count;
                        continue;
                    }

                    Emit(kept, next++);
                    (kept, keptBits) = (keptBits == 0 ? 0 : extracted >> (Bits.PerWord - keptBits), keptBits + count - Bits.PerWord);
                }
            }

            if (keptBits > 0)
            {
                Emit(kept, next);
            }

            void Emit(ulong bits, int word)
            {
                if (bits != 0)
                {
                    var row = Bits.RowsBefore(word);
                    chunks[row >> CatalogChunk.Shift].MarkWord(ordinal, Bits.WordOf(row & (CatalogChunk.Rows - 1)), bits);
                }
            }
        }
    }
}
