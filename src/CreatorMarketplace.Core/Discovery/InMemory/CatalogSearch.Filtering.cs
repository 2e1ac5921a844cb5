using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace CreatorMarketplace.Discovery.InMemory;

// The filters: key bitmaps, retired rows, numeric bounds on the columns, eligibility, and the checks on listings.
internal sealed partial class CatalogSearch
{
    // The ordinals of the wanted keys the catalog has seen; a key no row has is left out.
    private static int[] Ordinals<TKey>(IReadOnlyDictionary<TKey, int> ordinals, IReadOnlyCollection<TKey> wanted) =>
        wanted.Where(ordinals.ContainsKey).Select(key => ordinals[key]).ToArray();

    // The first pass over a chunk: every row, less those without one of each term's keys, those on vacation when
    // the query refuses them, and those retired before this snapshot.
    private void KeepKeyed(CatalogChunk chunk, int first, int end)
    {
        var match = _match.AsSpan(first, end - first);
        match.Fill(ulong.MaxValue);
        if (end == _words && _snapshot.Count % 64 != 0)
        {
            match[^1] = Bits.Before(_snapshot.Count);
        }

        var bitmaps = _anyOf.Count == 0 ? [] : new ulong[]?[_anyOf.Max(ordinals => ordinals.Length)];
        foreach (var ordinals in _anyOf)
        {
            RequireAny(chunk, ordinals, match, bitmaps);
        }

        if (_refuseOnVacation && chunk.Bitmap(CatalogKeys.OnVacation) is { } onVacation)
        {
            for (var word = 0; word < match.Length; word++)
            {
                match[word] &= ~onVacation[word];
            }
        }

        // Rows retired after this snapshot was taken are still alive to it.
        if (chunk.RetiredRows > 0)
        {
            for (var word = 0; word < match.Length; word++)
            {
                match[word] = chunk.Living(word, _snapshot.Sequence, match[word]);
            }
        }
    }

    // Keeps the rows that have at least one of the keys; a key no row has keeps nothing. The blocks none of the keys
    // is in are cleared first, without reading a bitmap, and the kernel skips the words left empty.
    private static void RequireAny(CatalogChunk chunk, int[] ordinals, Span<ulong> match, ulong[]?[] bitmaps)
    {
        var (count, blocks) = (0, 0UL);
        foreach (var ordinal in ordinals)
        {
            if (chunk.Bitmap(ordinal) is { } bits)
            {
                bitmaps[count++] = bits;
                blocks |= chunk.BlocksWith(ordinal);
            }
        }

        if (count == 0)
        {
            match.Clear();
            return;
        }

        for (var absent = ~blocks; absent != 0; absent &= absent - 1)
        {
            var first = BitOperations.TrailingZeroCount(absent) * CatalogChunk.WordsPerBlock;
            if (first >= match.Length)
            {
                break;
            }

            match.Slice(first, Math.Min(CatalogChunk.WordsPerBlock, match.Length - first)).Clear();
        }

        ColumnKernels.AndAnyOf(match, bitmaps, count);
    }

    // The second pass over a chunk: each bound on its column, most selective first, then the markets' thresholds.
    // Column at a time, each bound streams its column over the words that still have candidates, with its constants
    // in registers, so the later bounds skip the words the first ones emptied.
    private void KeepInBounds(CatalogChunk chunk, ColumnBound[] bounds, int first, int end)
    {
        var match = _match.AsSpan(first, end - first);
        var edges = new ChunkEdges(_edge.AsSpan(first, end - first), ref _edged[first >> CatalogChunk.WordShift]);
        foreach (var bound in bounds)
        {
            Narrow(chunk, bound, match, ref edges);
        }

        if (_eligibility is { } policy)
        {
            KeepEligible(chunk, policy, match, ref edges);
        }
    }

    // Keeps, in each word of one chunk, the candidates inside the bound or equal to it (the latter also marked as
    // edges). A block whose code range lies inside the bound keeps its candidates and one whose range lies outside
    // loses them, without its codes read; elsewhere the codes decide all but the candidates whose code equals a
    // side's, which are decided on their floats, and a float equal to a bound's on the exact value where the column
    // keeps them.
    private static void Narrow(CatalogChunk chunk, ColumnBound bound, Span<ulong> match, ref ChunkEdges edges)
    {
        var codes = chunk.Codes[bound.Column];
        var numbers = chunk.Numbers[bound.Column];
        var ranges = chunk.Ranges[bound.Column];
        var exact = chunk.ExactValues(bound.Column);
        var coded = ColumnCodes.Of(bound);
        for (var first = 0; first < match.Length; first += CatalogChunk.WordsPerBlock)
        {
            var end = Math.Min(match.Length, first + CatalogChunk.WordsPerBlock);
            switch (ranges[first / CatalogChunk.WordsPerBlock].Against(coded))
            {
                case RangeVerdict.Inside:
                    continue;
                case RangeVerdict.Outside:
                    match[first..end].Clear();
                    continue;
            }

            for (var word = first; word < end; word++)
            {
                var candidates = match[word];
                if (candidates == 0)
                {
                    continue;
                }

                var start = Bits.RowsBefore(word);
                var (inside, equal) = ColumnKernels.Compare(codes, start, coded);
                var kept = candidates & inside;
                for (var undecided = candidates & equal; undecided != 0; undecided &= undecided - 1)
                {
                    var index = BitOperations.TrailingZeroCount(undecided);
                    var (isInside, isEqual) = bound.Decide(numbers[start + index], exact, start + index);
                    if (isInside | isEqual)
                    {
                        kept |= Bits.Bit(index);
                        if (isEqual)
                        {
                            edges.Mark(word, Bits.Bit(index));
                        }
                    }
                }

                match[word] = kept;
            }
        }
    }

    // Keeps the candidates their market's thresholds pass; a row the columns cannot decide is kept as an edge, for
    // its listing to decide. Each row is in one country, so each candidate is decided once.
    private static void KeepEligible(CatalogChunk chunk, EligibilityColumns policy, Span<ulong> match, ref ChunkEdges edges)
    {
        var kept = ArrayPool<ulong>.Shared.Rent(match.Length);
        try
        {
            var keep = kept.AsSpan(0, match.Length);
            keep.Clear();
            foreach (var market in policy.Markets)
            {
                if (chunk.Bitmap(market.CountryOrdinal) is not { } inMarket)
                {
                    continue;
                }

                for (var word = 0; word < match.Length; word++)
                {
                    for (var bits = match[word] & inMarket[word]; bits != 0; bits &= bits - 1)
                    {
                        var index = BitOperations.TrailingZeroCount(bits);
                        switch (market.Decide(chunk.Numbers, Bits.RowsBefore(word) + index))
                        {
                            case ColumnVerdict.Passes:
                                keep[word] |= Bits.Bit(index);
                                break;
                            case ColumnVerdict.Unsure:
                                keep[word] |= Bits.Bit(index);
                                edges.Mark(word, Bits.Bit(index));
                                break;
                        }
                    }
                }
            }

            keep.CopyTo(match);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(kept);
        }
    }

    // Orders the bounds by how many candidates they keep in a sample of words, so that most words are emptied by
    // the first bound or two and the rest are never read. A sampled word the keys emptied counts for no bound and is
    // passed over; the codes of the others are cold, and are asked for together before they are compared.
    private ColumnBound[] MostSelectiveFirst(List<ColumnBound> bounds)
    {
        if (bounds.Count <= 1)
        {
            return [.. bounds];
        }

        var kept = new int[bounds.Count];
        var coded = bounds.ConvertAll(bound => ColumnCodes.Of(bound));
        var step = Math.Max(1, _words / SampleWords);
        Span<int> sampled = stackalloc int[2 * SampleWords]; // fewer than twice as many words as SampleWords are stepped on
        var count = 0;
        for (var word = 0; word < _words; word += step)
        {
            if (_match[word] == 0)
            {
                continue;
            }

            sampled[count++] = word;
            var (chunk, start) = _snapshot.WordAt(word);
            foreach (var bound in bounds)
            {
                // A word's 64 codes are 128 bytes: two lines, or three where they straddle one.
                CacheLines.Prefetch(chunk.Codes[bound.Column], start);
                CacheLines.Prefetch(chunk.Codes[bound.Column], start + 32);
                CacheLines.Prefetch(chunk.Codes[bound.Column], start + 63);
            }
        }

        foreach (var word in sampled[..count])
        {
            var (chunk, start) = _snapshot.WordAt(word);
            for (var i = 0; i < bounds.Count; i++)
            {
                var (inside, equal) = ColumnKernels.Compare(chunk.Codes[bounds[i].Column], start, coded[i]);
                kept[i] += BitOperations.PopCount((inside | equal) & _match[word]);
            }
        }

        var ordered = bounds.ToArray();
        Array.Sort(kept, ordered);
        return ordered;
    }

    private const int SampleWords = 64;

    // Keeps the rows of a chunk's range of words whose folded text has the keyword: one ordinal search per candidate,
    // nothing folded. The candidates are taken a batch at a time, each one's text located first (its start, then its
    // page: reads from memory that no other candidate's wait on, so the processor fetches a batch's together rather
    // than one after another), then each text searched.
    private void KeepKeywordMatches(CatalogChunk chunk, byte[] keyword, int first, int end)
    {
        var rows = ArrayPool<int>.Shared.Rent(KeywordBatch);
        var texts = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(KeywordBatch);
        try
        {
            var count = 0;
            for (var word = first; word < end; word++)
            {
                for (var bits = _match[word]; bits != 0; bits &= bits - 1)
                {
                    var row = Bits.LowestRow(word, bits);
                    var text = chunk.TextAt(row & (CatalogChunk.Rows - 1));
                    (rows[count], texts[count]) = (row, text);

                    // Locating a text read its first bytes; the rest of it, a cache line or two more, is asked for now.
                    if (MemoryMarshal.TryGetArray(text, out var located))
                    {
                        CacheLines.Prefetch(located.Array!, located.Offset + 64);
                        CacheLines.Prefetch(located.Array!, located.Offset + located.Count - 1);
                    }

                    if (++count == KeywordBatch)
                    {
                        DropUnmatched(keyword, rows, texts, count);
                        count = 0;
                    }
                }
            }

            DropUnmatched(keyword, rows, texts, count);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
            ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(texts, clearArray: true);
        }
    }

    private const int KeywordBatch = 32;

    // Clears the rows of a batch whose located text does not hold the keyword.
    private void DropUnmatched(byte[] keyword, int[] rows, ReadOnlyMemory<byte>[] texts, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (FoldedText.Read(texts[i].Span, out _).RankOf(keyword) == 0)
            {
                Bits.Clear(_match, rows[i]);
            }
        }
    }

    // Every candidate of a range of words is checked by the residual terms, when there are any; a row a column left
    // undecided is also checked by the terms pushed down as bounds. Each term decides by its own Matches, on the row's listing.
    private void CheckOnListings(int first, int end)
    {
        var everyRow = !_residual.IsEmpty;
        var edged = _edged[first >> CatalogChunk.WordShift];
        if (!everyRow && !edged)
        {
            return;
        }

        for (var word = first; word < end; word++)
        {
            var edge = edged ? _edge[word] : 0;
            var bits = everyRow ? _match[word] : _match[word] & edge;
            while (bits != 0)
            {
                var bit = Bits.LowestBit(bits);
                bits ^= bit;
                var listing = _snapshot.ListingAt(Bits.LowestRow(word, bit));
                if (!_residual.Matches(listing) || ((edge & bit) != 0 && !CreatorQueryTerm.AllMatch(_onEdges, listing)))
                {
                    _match[word] &= ~bit;
                }
            }
        }
    }

    // A bound on a column of whole numbers (followers, views), whose bounds are whole too.
    private static ColumnBound Bound(int column, NumberRange<long> range) =>
        new(column, range.Min is { } min ? min : float.NegativeInfinity, range.Max is { } max ? max : float.PositiveInfinity, WholeNumbers: true);

    private static float Low(double? min) => min is { } value ? (float)value : float.NegativeInfinity;

    private static float High(double? max) => max is { } value ? (float)value : float.PositiveInfinity;

    // A price range of a valid query, whose bounds have a currency.
    private static (Currency Currency, ColumnBound Bound) PriceBound(PriceRange price)
    {
        var currency = price.Currency!;
        // A price of p minor units lies in [min, max] exactly when ceil(min) <= p <= floor(max).
        // The bounds go to float from long, as the stored prices do, so that both round the same way.
        // A bound is capped before it is divided, since a valid one (up to decimal.MaxValue) overflows in minor units.
        var scale = Money.FromMinorUnits(1, currency).Amount;
        var most = long.MaxValue * scale;
        float low = price.Amount.Min is { } min ? (long)Math.Ceiling(Math.Min(min, most) / scale) : float.NegativeInfinity;
        float high = price.Amount.Max is { } max ? (long)Math.Floor(Math.Min(max, most) / scale) : float.PositiveInfinity;
        if (low > high)
        {
            // No whole number of minor units lies inside a range narrower than one (USD 10.001 to 10.009), but a bound
            // of whole numbers takes a price equal to either side as inside: bounds that no price meets or equals.
            (low, high) = (float.PositiveInfinity, float.NegativeInfinity);
        }

        return (currency, new ColumnBound(NumberColumn.Price, low, high, WholeNumbers: true));
    }

    // A chunk's words of the edge bitset, cleared when its first edge is marked: in most searches most chunks have
    // none (no row's float equals a bound's), and their words are then neither cleared nor read.
    private ref struct ChunkEdges(Span<ulong> words, ref bool marked)
    {
        private readonly Span<ulong> _words = words;
        private ref bool _marked = ref marked;

        public void Mark(int word, ulong bits)
        {
            if (!_marked)
            {
                _words.Clear();
                _marked = true;
            }

            _words[word] |= bits;
        }
    }
}
