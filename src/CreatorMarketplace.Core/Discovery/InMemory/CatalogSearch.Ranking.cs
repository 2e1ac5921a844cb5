using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

// The page: ranked on a column, a catalog score or the listings, after the cursor, with a bounded heap.
internal sealed partial class CatalogSearch
{
    private (IReadOnlyList<CreatorListing> Items, SearchPosition? Next) Page(int total)
    {
        if (_sortColumn is var (column, descending))
        {
            return RankOnColumn(total, column, descending);
        }

        return _onPrimary && _query.Sort == CreatorSort.Score && _query.Score is CatalogScore score && _query.After is null
            ? RankOnScore(score, total)
            : RankOnListings();
    }

    // The sort's value is in a column for the primary account's followers, median views and engagement rate (and
    // for relevance without a keyword, which is followers); keyword ranks, scores and other platforms are not.
    private static (int Column, bool Descending)? SortColumn(CreatorQuery query, bool onPrimary)
    {
        var sort = query.Sort;
        if (!onPrimary || !(sort == CreatorSort.Followers || sort == CreatorSort.MedianViews || sort == CreatorSort.EngagementRate
            || (sort == CreatorSort.Relevance && query.Keyword is null)))
        {
            return null;
        }

        var column = sort == CreatorSort.MedianViews ? NumberColumn.MedianViews
            : sort == CreatorSort.EngagementRate ? NumberColumn.EngagementRate
            : NumberColumn.Followers;
        return (column, query.Descending || sort == CreatorSort.Relevance);
    }

    // The best codes (and their words) for a page ranked on a coded column, to be filled by the filters' last pass,
    // chunk by chunk as each is filtered, where nothing comes between that pass and the page: no facets, which count
    // every match, and no cursor, whose rows are dropped first. Null where the page fills them itself.
    private PerCore<BestCodes>? BestCodesWhileFiltering() =>
        !_query.IncludeFacets && _query.After is null && _sortColumn is (var column, _) && column < ColumnCodes.Count
            ? BestCodesPerCore()
            : null;

    // The best codes so far for each core that ranks chunks (KeepBestByCode).
    private PerCore<BestCodes> BestCodesPerCore() => new(_snapshot.Chunks.Length, () => new BestCodes(_query.PageSize));

    // What one core's chunks leave for a page ranked on a coded column: a heap of their best codes so far, and the
    // words where rows that may make the page are left, so that the page's pass over the floats reads only those
    // words rather than every word of the result (a few hundred of a million creators' 15,625 in a typical search).
    private sealed class BestCodes(int count)
    {
        public FloatMinHeap Heap { get; } = new(count);

        public List<int> Words { get; } = [];
    }

    // Fills the float scores of a word's rows (at least those in `rows`).
    internal delegate void ScoreWord(int word, ulong rows, Span<float> scores);

    // How far a row's float score may lie from its exact score: the inputs are rounded to floats and the sums are
    // taken in float, each off by a few parts in ten million of a value at most 100.
    internal const float ScoreMargin = 0.01f;

    // Ranks by a catalog score computed on the columns, 64 matching rows at a time. The float scores are within
    // ScoreMargin of the exact ones, so the page is among the rows whose float score is at least the page-th best
    // less twice the margin; only those are scored exactly, on their listings, and ordered as the query orders them.
    private (IReadOnlyList<CreatorListing> Items, SearchPosition? Next) RankOnScore(CatalogScore score, int total)
    {
        var query = _query;
        var snapshot = _snapshot;
        var columns = new ColumnScore(score);
        // The chunks a core takes share one set of candidates: the rows that may be among the best of those chunks,
        // a superset of their rows among the best of all, and of their rows without a score (which come last, in
        // creator order) those of the first ids. A set a chunk started afresh would keep a page of rows in every chunk.
        var sets = new PerCore<ScoreCandidates>(_snapshot.Chunks.Length, () => new ScoreCandidates(query.PageSize, new FirstRows(query.PageSize, snapshot)));
        List<int> rows;
        try
        {
            ForEachChunk((_, first, end) => sets.With(set => set.Score(
                query.Descending,
                first,
                end,
                word => _match[word],
                (word, bits, scores) =>
                {
                    var (chunk, start) = snapshot.WordAt(word);
                    columns.ScoreRows(chunk.Numbers, start, scores, bits);
                })));
            rows = Best(query.PageSize, [.. sets.Values.Select(set => set.Kept)]);
            if (rows.Count < query.PageSize)
            {
                rows.AddRange(FirstRows.Merged(query.PageSize, snapshot, sets.Values.Select(set => set.Unknown)).First(query.PageSize - rows.Count));
            }
        }
        finally
        {
            foreach (var set in sets.Values)
            {
                set.Kept.Dispose();
            }
        }

        return OrderedPage(rows, total);
    }

    // The rows that may be among the best `count` by a catalog score: every row whose float score is within two
    // margins of the count-th best float (all rows with an unknown score, when fewer than `count` are known).
    internal static List<int> TopRowsByScore(int count, bool descending, int words, Func<int, ulong> matchOf, ScoreWord scoreWord)
    {
        var set = new ScoreCandidates(count, unknown: null);
        try
        {
            set.Score(descending, 0, words, matchOf, scoreWord);
            return Best(count, [set.Kept]);
        }
        finally
        {
            set.Kept.Dispose();
        }
    }

    /// <summary>
    /// The rows of the ranges of words scored into it that may be among their best <c>count</c>, with their goodness:
    /// each row at least as good as the count-th best so far less two margins. The threshold only rises, so every row
    /// within two margins of the final count-th best is among them. Rows without a score (a NaN float, which no score
    /// within 0 to 100 gives) are offered to <see cref="Unknown"/> instead, when there is one. One thread at a time
    /// scores into a set (<see cref="PerCore{T}"/>).
    /// </summary>
    private sealed class ScoreCandidates(int count, FirstRows? unknown)
    {
        private readonly FloatMinHeap _best = new(count);

        public RankedRows Kept { get; } = new(count * 4);

        public FirstRows? Unknown => unknown;

        public void Score(bool descending, int from, int to, Func<int, ulong> matchOf, ScoreWord scoreWord)
        {
            var best = _best;
            Span<float> scores = stackalloc float[64];
            for (var word = from; word < to; word++)
            {
                var bits = matchOf(word);
                if (bits == 0)
                {
                    continue;
                }

                scoreWord(word, bits, scores);
                var threshold = best.IsFull ? best.Min - (2 * ScoreMargin) : float.NegativeInfinity;
                for (bits &= MayMakePage(scores, threshold, descending); bits != 0; bits &= bits - 1)
                {
                    var index = BitOperations.TrailingZeroCount(bits);
                    if (unknown is not null && float.IsNaN(scores[index]))
                    {
                        unknown.Offer(Bits.RowsBefore(word) + index);
                        continue;
                    }

                    var goodness = Goodness(scores[index], descending);
                    if (goodness >= threshold)
                    {
                        best.Offer(goodness);
                        threshold = best.IsFull ? best.Min - (2 * ScoreMargin) : float.NegativeInfinity;
                        Kept.Add(Bits.RowsBefore(word) + index, goodness, threshold);
                    }
                }
            }
        }
    }

    // Of a word's 64 scores, the rows as good as the threshold (Goodness) or without a score (NaN): those that may
    // still make the page, found a vector at a time, so that a word's other rows are not looked at one by one.
    internal static ulong MayMakePage(ReadOnlySpan<float> scores, float threshold, bool descending)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return MayMakePage<Width512<float>, Vector512<float>>(scores, threshold, descending);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return MayMakePage<Width256<float>, Vector256<float>>(scores, threshold, descending);
        }

        return Vector128.IsHardwareAccelerated
            ? MayMakePage<Width128<float>, Vector128<float>>(scores, threshold, descending)
            : MayMakePageScalar(scores, threshold, descending);
    }

    internal static ulong MayMakePage<TWidth, TVector>(ReadOnlySpan<float> scores, float threshold, bool descending)
        where TWidth : struct, IVectorWidth<TVector, float>
        where TVector : struct
    {
        // In ascending order a row's goodness is its score negated: -score >= threshold where score <= -threshold.
        var bound = TWidth.Create(descending ? threshold : -threshold);
        var (lanes, rows) = ((1UL << TWidth.Count) - 1, 0UL);
        ref var first = ref MemoryMarshal.GetReference(scores);
        for (var i = 0; i < Bits.PerWord; i += TWidth.Count)
        {
            var score = TWidth.Load(ref first, i);
            var good = descending ? TWidth.GreaterThanOrEqual(score, bound) : TWidth.LessThanOrEqual(score, bound);
            var unknown = ~TWidth.MostSignificantBits(TWidth.Equal(score, score)) & lanes;
            rows |= (TWidth.MostSignificantBits(good) | unknown) << i;
        }

        return rows;
    }

    internal static ulong MayMakePageScalar(ReadOnlySpan<float> scores, float threshold, bool descending)
    {
        var rows = 0UL;
        for (var i = 0; i < Bits.PerWord; i++)
        {
            if (float.IsNaN(scores[i]) || Goodness(scores[i], descending) >= threshold)
            {
                rows |= 1UL << i;
            }
        }

        return rows;
    }

    // Of candidates that hold every row within two margins of the count-th best (those of each range of words, taken
    // together), those within two margins of the count-th best of all.
    private static List<int> Best(int count, ReadOnlySpan<RankedRows?> candidates)
    {
        var (best, all) = (new FloatMinHeap(count), 0);
        foreach (var range in candidates)
        {
            foreach (var (_, goodness) in range is null ? [] : range.Items)
            {
                best.Offer(goodness);
            }

            all += range?.Count ?? 0;
        }

        var least = best.IsFull ? best.Min - (2 * ScoreMargin) : float.NegativeInfinity;
        var rows = new List<int>(Math.Min(all, count * 2));
        foreach (var range in candidates)
        {
            foreach (var (row, goodness) in range is null ? [] : range.Items)
            {
                if (goodness >= least)
                {
                    rows.Add(row);
                }
            }
        }

        return rows;
    }

    // Ranks by the sort column's float, which orders rows as their exact values do except where two floats are
    // equal; so the best page is among the rows at least as good as the page-th best float, and only those are
    // ordered exactly. Vector compares against the running threshold skip the rows that cannot make the page.
    private (IReadOnlyList<CreatorListing> Items, SearchPosition? Next) RankOnColumn(int total, int column, bool descending)
    {
        var query = _query;

        // Every row ranks 0 here, so a cursor of a higher rank lies before all of them and excludes none.
        var remaining = total;
        if (query.After is { Rank: 0 } cursor)
        {
            remaining = DropUpToCursor(column, descending, cursor);
        }

        // Each core's chunks keep the rows at least as good as the page-th best code of those chunks; of those, only
        // the rows at least as good as the page-th best code of all chunks can make the page, and only their floats
        // are read.
        CodeBound? pageCodes = null;
        List<int>? words = null; // the words left with rows, where the codes were ranked; null for every word
        if (column < ColumnCodes.Count)
        {
            var bests = _bestCodes;
            if (bests is null)
            {
                bests = BestCodesPerCore();
                ForEachChunk((_, first, end) => bests.With(best => KeepBestByCode(best, column, descending, first, end)));
            }

            var bestOfAll = new FloatMinHeap(query.PageSize);
            words = [];
            foreach (var coreBest in bests.Values)
            {
                foreach (var goodness in coreBest.Heap.Values)
                {
                    bestOfAll.Offer(goodness);
                }

                words.AddRange(coreBest.Words);
            }

            if (bestOfAll.IsFull && !float.IsNegativeInfinity(bestOfAll.Min))
            {
                pageCodes = CodesBefore(CodeOf(bestOfAll.Min, descending), descending);
            }
        }

        // One pass: a row at least as good as the page's worst so far may end on the page; the threshold only
        // rises, so every row at least as good as the final threshold is among those kept. The order of the words
        // changes nothing kept. The floats of the words ranked on their codes are cold: each word's first and last
        // rows' are asked for a few words ahead.
        var best = new FloatMinHeap(query.PageSize);
        using var kept = new RankedRows(query.PageSize * 8);
        var unknown = new FirstRows(query.PageSize, _snapshot);
        var wordCount = words?.Count ?? _words;
        for (var i = 0; i < wordCount; i++)
        {
            var word = words is null ? i : words[i];
            if (words is not null && i + FloatsAhead < wordCount)
            {
                PrefetchFloats(column, words[i + FloatsAhead]);
            }

            var bits = _match[word];
            if (bits == 0)
            {
                continue;
            }

            var (chunk, start) = _snapshot.WordAt(word);
            var values = chunk.Numbers[column];
            if (pageCodes is { } codes)
            {
                var (better, same) = ColumnKernels.Compare(chunk.Codes[column], start, codes);
                bits &= better | same;
                if (bits == 0)
                {
                    continue;
                }
            }

            if (best.IsFull && !float.IsNegativeInfinity(best.Min))
            {
                var threshold = best.Min;
                bits &= descending ? ColumnKernels.Mask(values, start, FloatTest.GreaterOrEqual, threshold) : ColumnKernels.Mask(values, start, FloatTest.LessOrEqual, -threshold);
            }

            for (; bits != 0; bits &= bits - 1)
            {
                var index = BitOperations.TrailingZeroCount(bits);
                if (float.IsNaN(values[start + index]))
                {
                    unknown.Offer(Bits.RowsBefore(word) + index);
                    continue;
                }

                var goodness = Goodness(values[start + index], descending);
                if (!best.IsFull || goodness >= best.Min)
                {
                    best.Offer(goodness);
                    kept.Add(Bits.RowsBefore(word) + index, goodness, best.IsFull ? best.Min : float.NegativeInfinity);
                }
            }
        }

        // Rows on the page's last float are ordered by their exact values and ids (a float strictly better is an exact
        // value strictly better); where each of them holds its exact value, only those that make the page are decoded,
        // not the whole tie (a number many creators share: no views at all, a round count).
        var least = best.IsFull ? best.Min : float.NegativeInfinity;
        var rows = new List<int>(query.PageSize);
        var tied = 0;
        foreach (var (row, goodness) in kept.Items)
        {
            if (goodness > least || float.IsNegativeInfinity(least))
            {
                rows.Add(row);
            }
            else if (goodness == least)
            {
                tied++;
            }
        }

        // (With no page held, least is -infinity and every row is taken above: nothing is tied.)
        if (tied > 0)
        {
            rows.AddRange(FirstOfTie(column, descending, kept.Items, least, tied, query.PageSize - rows.Count));
        }

        // Rows without a value come after every row with one, in creator order: when fewer than a page of rows have a
        // value, the page ends with those of the first ids. (Every such row was decoded to be ordered, before: a sort
        // on a number that few of the matches report decoded every match.)
        if (rows.Count < query.PageSize)
        {
            rows.AddRange(unknown.First(query.PageSize - rows.Count));
        }

        return OrderedPage(rows, remaining);
    }

    // Clears the matches of a range of words (a chunk's) that cannot make the page, reading the sort column's 16-bit
    // codes rather than its floats (half the bytes), vector-compared against the running page-th best code in `best`
    // (of this range and the ranges its core ranked before) once a page is held: a code keeps the floats' order, so a
    // row whose code is worse than the page-th best code has at least a page of rows with strictly better floats
    // before it in the catalog. The threshold only rises, so the rows left are a superset of those at least as good
    // as the final one. The heaps' best codes give the page-th best of all ranges.
    private void KeepBestByCode(BestCodes bestCodes, int column, bool descending, int first, int end)
    {
        var best = bestCodes.Heap;
        for (var word = first; word < end; word++)
        {
            var bits = _match[word];
            if (bits == 0)
            {
                continue;
            }

            var (chunk, start) = _snapshot.WordAt(word);
            var codes = chunk.Codes[column];
            if (best.IsFull && !float.IsNegativeInfinity(best.Min))
            {
                var (better, same) = ColumnKernels.Compare(codes, start, CodesBefore(CodeOf(best.Min, descending), descending));
                bits &= better | same;
            }

            for (var rest = bits; rest != 0; rest &= rest - 1)
            {
                var index = BitOperations.TrailingZeroCount(rest);
                var goodness = CodeGoodness(codes[start + index], descending);
                if (!best.IsFull || goodness >= best.Min)
                {
                    best.Offer(goodness);
                }
                else
                {
                    bits &= ~Bits.Bit(index);
                }
            }

            _match[word] = bits;
            if (bits != 0)
            {
                bestCodes.Words.Add(word);
            }
        }
    }

    // How many words ahead of the one being ranked on its floats their cache lines are asked for.
    private const int FloatsAhead = 8;

    // Asks for the cache lines of the sort column's floats of a word's first and last rows (its rows are few).
    private void PrefetchFloats(int column, int word)
    {
        var (chunk, start) = _snapshot.WordAt(word);
        var bits = _match[word];
        var floats = chunk.Numbers[column];
        CacheLines.Prefetch(floats, start + BitOperations.TrailingZeroCount(bits));
        CacheLines.Prefetch(floats, start + 63 - BitOperations.LeadingZeroCount(bits));
    }

    // How far up the order a code puts a row, as Goodness does for its float: unknown (code 0) last.
    private static float CodeGoodness(ushort code, bool descending) =>
        code == ColumnCodes.Unknown ? float.NegativeInfinity : descending ? code : -code;

    // The code of a known code's goodness.
    private static ushort CodeOf(float goodness, bool descending) => (ushort)(descending ? goodness : -goodness);

    // The codes ordered before a code, as the bound they lie strictly inside, and the code itself as its side. Every
    // known code is before an unknown one (code 0), in either direction.
    private static CodeBound CodesBefore(ushort code, bool descending) =>
        descending || code == ColumnCodes.Unknown
            ? new CodeBound(code, ushort.MaxValue, BoundSides.Low)
            : new CodeBound(ColumnCodes.Unknown, code, BoundSides.High);

    // Clears the matches ordered at or before the cursor (they were on earlier pages); returns how many are left.
    private int DropUpToCursor(int column, bool descending, SearchPosition cursor)
    {
        var known = cursor.Value is { } exact ? (float)exact : float.NaN;

        // The codes strictly before the cursor's decide their rows; a row with the cursor's own code is decided on its
        // float, and where that equals the cursor's too, on its listing.
        var codeBefore = CodesBefore(ColumnCodes.Of(column, known), descending);
        var left = 0;
        for (var word = 0; word < _words; word++)
        {
            var bits = _match[word];
            if (bits == 0)
            {
                continue;
            }

            var (chunk, start) = _snapshot.WordAt(word);
            var values = chunk.Numbers[column];
            var (before, sameCode) = column < ColumnCodes.Count
                ? ColumnKernels.Compare(chunk.Codes[column], start, codeBefore)
                : (0UL, ulong.MaxValue);
            bits &= ~before;
            for (var undecided = bits & sameCode; undecided != 0; undecided &= undecided - 1)
            {
                var bit = Bits.LowestBit(undecided);
                var value = values[start + BitOperations.TrailingZeroCount(undecided)];

                // Unknown values come last: every known value is before an unknown cursor.
                var isBefore = float.IsNaN(known) ? !float.IsNaN(value) : descending ? value > known : value < known;
                var isTied = float.IsNaN(known) ? float.IsNaN(value) : value == known;
                // A tie is ordered by the row's exact value and id, read from the row where it holds them (two unknown
                // values by creator alone), and otherwise from its listing.
                var row = Bits.LowestRow(word, bit);
                if (isBefore || (isTied && _query.Compare(PositionAt(column, row), cursor) <= 0))
                {
                    bits &= ~bit;
                }
            }

            _match[word] = bits;
            left += BitOperations.PopCount(bits);
        }

        return left;
    }

    // The page of rows that hold it (and maybe more, near its edge): their listings in the query's exact order, the
    // first page's worth, and the cursor after the last when `remaining` matches go on past it.
    private (IReadOnlyList<CreatorListing> Items, SearchPosition? Next) OrderedPage(List<int> rows, int remaining)
    {
        var query = _query;
        var candidates = new List<(SearchPosition Position, CreatorListing Listing)>(rows.Count);
        foreach (var listing in _snapshot.ListingsAt(rows))
        {
            candidates.Add((query.PositionOf(listing), listing));
        }

        candidates.Sort((left, right) => query.Compare(left.Position, right.Position));
        var page = candidates.Take(query.PageSize).ToArray();
        return (Array.ConvertAll(page, entry => entry.Listing), remaining > query.PageSize ? page[^1].Position : null);
    }

    // A row's exact sort value where the row holds it, with no listing decoded: an unknown value (NaN), an engagement
    // rate's exact column, or a count's float below 2^24, which is the count itself (a count rounds to a float at or
    // above 2^24 only from there). False where only the listing holds it: a count above 2^24.
    private bool TryExactAt(int column, int row, out double? exact)
    {
        var (chunk, offset) = (_snapshot.Chunks[row >> CatalogChunk.Shift], row & (CatalogChunk.Rows - 1));
        var (value, exactValues) = (chunk.Numbers[column][offset], chunk.ExactValues(column));
        exact = float.IsNaN(value) ? null : exactValues is not null ? exactValues[offset] : value;
        return float.IsNaN(value) || exactValues is not null || Math.Abs(value) < 16_777_216f;
    }

    // A row's place in the order of a sort on a column (every row ranks 0 there), from the row where it holds its
    // exact value, otherwise from its listing.
    private SearchPosition PositionAt(int column, int row) =>
        TryExactAt(column, row, out var exact) ? new SearchPosition(0, exact, _snapshot.IdAt(row)) : _query.PositionOf(_snapshot.ListingAt(row));

    // Of the kept rows tied on the page's last goodness (`tied` of them), the `count` first in the query's order when
    // each holds its exact value; all of them otherwise, to be ordered on their listings.
    private List<int> FirstOfTie(int column, bool descending, ReadOnlySpan<(int Row, float Goodness)> kept, float least, int tied, int count)
    {
        if (tied > count)
        {
            var (first, exactly) = (new FirstRows(count, _snapshot), true);
            foreach (var (row, goodness) in kept)
            {
                if (goodness != least)
                {
                    continue;
                }

                if (!TryExactAt(column, row, out var exact))
                {
                    exactly = false;
                    break;
                }

                first.Offer(row, descending ? -exact!.Value : exact!.Value);
            }

            if (exactly)
            {
                return [.. first.First(count)];
            }
        }

        // Too few to choose from, or a row that only its listing places.
        var rows = new List<int>(tied);
        foreach (var (row, goodness) in kept)
        {
            if (goodness == least)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    // How far up the order a value puts a row: the sort value in the query's direction, unknown values last.
    internal static float Goodness(float value, bool descending) =>
        float.IsNaN(value) ? float.NegativeInfinity : descending ? value : -value;

    // Keyword relevance, scores and other platforms' numbers live on the listings: rank each match exactly.
    private (IReadOnlyList<CreatorListing> Items, SearchPosition? Next) RankOnListings()
    {
        var query = _query;
        var worstFirst = Comparer<(SearchPosition Position, int Row)>.Create((left, right) => query.Compare(right.Position, left.Position));
        var best = new PriorityQueue<CreatorListing, (SearchPosition Position, int Row)>(query.PageSize + 1, worstFirst);
        var remaining = 0;
        for (var word = 0; word < _words; word++)
        {
            var bits = _match[word];
            while (bits != 0)
            {
                var row = Bits.LowestRow(word, bits);
                bits &= bits - 1;
                var listing = _snapshot.ListingAt(row);
                var position = PositionOf(row, listing);
                if (query.After is { } after && query.Compare(position, after) <= 0)
                {
                    continue;
                }

                remaining++;
                best.Enqueue(listing, (position, row));
                if (best.Count > query.PageSize)
                {
                    best.Dequeue();
                }
            }
        }

        var page = new CreatorListing[best.Count];
        SearchPosition? last = null;
        for (var i = page.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var listing, out var key);
            page[i] = listing!;
            last ??= key.Position;
        }

        return (page, remaining > query.PageSize ? last : null);
    }

    // A listing's place in the query's order, its keyword rank read from the row's folded text rather than folded again.
    private SearchPosition PositionOf(int row, CreatorListing listing)
    {
        var position = _onListings.PositionOf(listing);
        if (_keyword is null || _query.Sort != CreatorSort.Relevance)
        {
            return position;
        }

        return position with { Rank = _snapshot.FoldedAt(row).RankOf(_keyword) };
    }

    /// <summary>
    /// Rows that may make a page, with their goodness, in an array from the shared pool, given back by
    /// <see cref="Dispose"/>: a search keeps thousands of them and would otherwise allocate them anew each time. Each
    /// row is added with the least goodness that can still make the page, which only rises; a full array first drops
    /// the rows below it, which the page would drop anyway, and grows only when more than half is left.
    /// </summary>
    internal sealed class RankedRows(int capacity) : IDisposable
    {
        private (int Row, float Goodness)[] _items = ArrayPool<(int Row, float Goodness)>.Shared.Rent(capacity);

        public int Count { get; private set; }

        /// <summary>The rows kept, in the order they were added.</summary>
        public ReadOnlySpan<(int Row, float Goodness)> Items => _items.AsSpan(0, Count);

        public void Add(int row, float goodness, float least)
        {
            if (Count == _items.Length)
            {
                var kept = 0;
                foreach (var item in Items)
                {
                    if (item.Goodness >= least)
                    {
                        _items[kept++] = item;
                    }
                }

                Count = kept;
                if (Count > _items.Length / 2)
                {
                    var larger = ArrayPool<(int Row, float Goodness)>.Shared.Rent(_items.Length * 2);
                    Items.CopyTo(larger);
                    ArrayPool<(int Row, float Goodness)>.Shared.Return(_items);
                    _items = larger;
                }
            }

            _items[Count++] = (row, goodness);
        }

        public void Dispose()
        {
            if (_items.Length > 0)
            {
                ArrayPool<(int Row, float Goodness)>.Shared.Return(_items);
                (_items, Count) = ([], 0);
            }
        }
    }

    /// <summary>
    /// Of the rows offered, the first <c>capacity</c> by a key each row holds, its exact sort value in the query's
    /// direction (none for rows without one) and then its creator id: the rows that end a page among many that share
    /// a sort value, or among the rows without one, which come after every row with one, ordered by creator. The last
    /// row held is on top, and a row that is not before it is passed over, so a run of many such rows costs a read of
    /// each id.
    /// </summary>
    internal sealed class FirstRows(int capacity, CatalogSnapshot snapshot)
    {
        private static readonly Comparer<(double Exact, CreatorId Id)> LastFirst = Comparer<(double Exact, CreatorId Id)>.Create(
            static (left, right) => right.Exact != left.Exact ? right.Exact.CompareTo(left.Exact) : right.Id.CompareTo(left.Id));

        // Made at the first row offered: most ranges of most searches offer none.
        private PriorityQueue<int, (double Exact, CreatorId Id)>? _rows;

        /// <summary>Offers a row whose key is <paramref name="exact"/> (smaller first) and then its id.</summary>
        public void Offer(int row, double exact = 0) => Offer(row, (exact, snapshot.IdAt(row)));

        /// <summary>The first <paramref name="count"/> rows held, in their order.</summary>
        public IEnumerable<int> First(int count) =>
            _rows is null ? [] : _rows.UnorderedItems.OrderByDescending(item => item.Priority, LastFirst).Take(count).Select(item => item.Element);

        /// <summary>The first rows of several ranges' (each range's own first rows are all it can give).</summary>
        public static FirstRows Merged(int capacity, CatalogSnapshot snapshot, IEnumerable<FirstRows?> ranges)
        {
            var merged = new FirstRows(capacity, snapshot);
            foreach (var held in ranges.Select(range => range?._rows).OfType<PriorityQueue<int, (double Exact, CreatorId Id)>>())
            {
                foreach (var (row, key) in held.UnorderedItems)
                {
                    merged.Offer(row, key);
                }
            }

            return merged;
        }

        private void Offer(int row, (double Exact, CreatorId Id) key)
        {
            var rows = _rows ??= new PriorityQueue<int, (double Exact, CreatorId Id)>(LastFirst);
            if (rows.Count == capacity)
            {
                if (capacity == 0 || (rows.TryPeek(out _, out var last) && LastFirst.Compare(key, last) <= 0))
                {
                    return;
                }

                rows.Dequeue();
            }

            rows.Enqueue(row, key);
        }
    }

    /// <summary>The largest <c>capacity</c> values offered, with the least of them on top.</summary>
    internal sealed class FloatMinHeap(int capacity)
    {
        private readonly float[] _values = new float[capacity];
        private int _count;

        public bool IsFull => _count == _values.Length;

        public float Min => _values[0];

        /// <summary>The values held, in no particular order.</summary>
        public ReadOnlySpan<float> Values => _values.AsSpan(0, _count);

        public void Offer(float value)
        {
            if (_count < _values.Length)
            {
                var i = _count++;
                while (i > 0 && _values[(i - 1) >> 1] > value)
                {
                    _values[i] = _values[(i - 1) >> 1];
                    i = (i - 1) >> 1;
                }

                _values[i] = value;
            }
            else if (value > _values[0])
            {
                var i = 0;
                while (true)
                {
                    var child = (2 * i) + 1;
                    if (child >= _count)
                    {
                        break;
                    }

                    if (child + 1 < _count && _values[child + 1] < _values[child])
                    {
                        child++;
                    }

                    if (_values[child] >= value)
                    {
                        break;
                    }

                    _values[i] = _values[child];
                    i = child;
                }

                _values[i] = value;
            }
        }
    }
}
