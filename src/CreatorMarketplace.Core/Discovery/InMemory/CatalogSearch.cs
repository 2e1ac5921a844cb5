using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// One search over one snapshot. Filters narrow a bitset of rows, cheapest first: key bitmaps (countries,
/// languages, labels, tiers, badges, currency), then the numeric columns 64 rows at a time with vector compares,
/// skipping words with no candidate left; only rows the columns cannot decide (a float equal to a bound, a filter
/// with no column) are checked on their listings. The page is ranked on the sort column and only the best rows
/// are ordered exactly; facets are popcounts of the result against each key's bitmap.
/// </summary>
internal sealed class CatalogSearch : IDisposable
{
    private readonly CatalogSnapshot _snapshot;
    private readonly CreatorQuery _query;
    private readonly int _words;
    private readonly ulong[] _match;
    private readonly ulong[] _edge;

    // On the primary account the account's numbers are in the columns; another platform's are only on the listing.
    private readonly bool _onPrimary;

    private CatalogSearch(CatalogSnapshot snapshot, CreatorQuery query)
    {
        _snapshot = snapshot;
        _query = query;
        _onPrimary = query.Platform is null;
        _words = Bits.WordsFor(snapshot.Count);
        _match = ArrayPool<ulong>.Shared.Rent(Math.Max(_words, 1));
        _edge = ArrayPool<ulong>.Shared.Rent(Math.Max(_words, 1));
        Array.Clear(_edge, 0, _words);
    }

    public static CreatorSearchPage Run(CatalogSnapshot snapshot, CreatorQuery query)
    {
        using var search = new CatalogSearch(snapshot, query);
        var total = search.Filter();
        var facets = query.IncludeFacets ? search.Facets() : null; // before paging, which drops rows before the cursor
        var (items, next) = search.Page(total);
        return new CreatorSearchPage(items, total, facets, next);
    }

    public void Dispose()
    {
        ArrayPool<ulong>.Shared.Return(_match);
        ArrayPool<ulong>.Shared.Return(_edge);
    }

    private int Filter()
    {
        var query = _query;
        var keys = _snapshot.Keys;
        Array.Fill(_match, ulong.MaxValue, 0, _words);
        if (_snapshot.Count % 64 != 0)
        {
            _match[_words - 1] = Bits.Before(_snapshot.Count);
        }

        RequireAnyOf(keys.Countries, query.Countries);
        RequireAnyOf(keys.Languages, query.Languages);
        RequireAnyOf(keys.ContentLabels, query.ContentLabels);
        RequireAnyOf(keys.IndustryLabels, query.IndustryLabels);
        if (_onPrimary && query.Tiers.Count > 0)
        {
            RequireAny(query.Tiers.Select(CatalogKeys.TierOrdinal).ToArray());
        }

        if (query.RequireResponsiveBadge)
        {
            RequireAny([CatalogKeys.Responsive]);
        }

        if (query.ExcludeOnVacation)
        {
            Refuse(CatalogKeys.OnVacation);
        }

        var bounds = new List<ColumnBound>();
        if (PriceBounds(query.Price) is { } price)
        {
            RequireAny(keys.Currencies.TryGetValue(price.Currency, out var currency) ? [currency] : []);
            bounds.Add(price.Bound);
        }

        DropRetired();
        if (_onPrimary)
        {
            AddBound(bounds, NumberColumn.Followers, query.Followers);
            AddBound(bounds, NumberColumn.AverageViews, query.AverageViews);
            AddBound(bounds, NumberColumn.MedianViews, query.MedianViews);
            if (!query.EngagementRate.IsAny)
            {
                bounds.Add(new(NumberColumn.EngagementRate, Low(query.EngagementRate.Min), High(query.EngagementRate.Max)));
            }
        }

        if (!query.PastCampaignCount.IsAny)
        {
            bounds.Add(new(NumberColumn.PastCampaigns, Low(query.PastCampaignCount.Min), High(query.PastCampaignCount.Max)));
        }

        if (query.FollowerGender is { } gender)
        {
            bounds.Add(new(NumberColumn.Of(gender.Bucket), (float)gender.MinShare, float.PositiveInfinity));
        }

        foreach (var age in query.FollowerAges)
        {
            bounds.Add(new(NumberColumn.Of(age.Bucket), (float)age.MinShare, float.PositiveInfinity));
        }

        ApplyBounds(bounds);
        if (query.Eligibility is { } eligibility)
        {
            ApplyEligibility(EligibilityColumns.Compile(eligibility, keys));
        }

        foreach (var excluded in query.Excluded)
        {
            if (_snapshot.RowOf(excluded) is var row and >= 0)
            {
                Bits.Clear(_match, row);
            }
        }

        CheckOnListings(everyRow: NeedsListing(query));
        var total = 0;
        for (var word = 0; word < _words; word++)
        {
            total += BitOperations.PopCount(_match[word]);
        }

        return total;
    }

    private void RequireAnyOf<TKey>(IReadOnlyDictionary<TKey, int> ordinals, IReadOnlyCollection<TKey> wanted)
    {
        if (wanted.Count > 0)
        {
            RequireAny(wanted.Where(ordinals.ContainsKey).Select(key => ordinals[key]).ToArray());
        }
    }

    // Keeps the rows that have at least one of the keys; a key no row has keeps nothing.
    private void RequireAny(int[] ordinals)
    {
        var bitmaps = new ulong[]?[ordinals.Length];
        ForEachChunk((chunk, first, end) =>
        {
            var count = 0;
            foreach (var ordinal in ordinals)
            {
                if (chunk.Bitmap(ordinal) is { } bits)
                {
                    bitmaps[count++] = bits;
                }
            }

            var match = _match.AsSpan(first, end - first);
            if (count == 0)
            {
                match.Clear();
                return;
            }

            AndAnyOf(match, bitmaps, count);
        });
    }

    // match &= bitmaps[0] | bitmaps[1] | …, four words at a time.
    private static void AndAnyOf(Span<ulong> match, ulong[]?[] bitmaps, int count)
    {
        var word = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var matched = ref MemoryMarshal.GetReference(match);
            for (; word + Vector256<ulong>.Count <= match.Length; word += Vector256<ulong>.Count)
            {
                var any = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(bitmaps[0]!), (nuint)word);
                for (var other = 1; other < count; other++)
                {
                    any |= Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(bitmaps[other]!), (nuint)word);
                }

                (Vector256.LoadUnsafe(ref matched, (nuint)word) & any).StoreUnsafe(ref matched, (nuint)word);
            }
        }

        for (; word < match.Length; word++)
        {
            var any = bitmaps[0]![word];
            for (var other = 1; other < count; other++)
            {
                any |= bitmaps[other]![word];
            }

            match[word] &= any;
        }
    }

    private void Refuse(int ordinal) =>
        ForEachChunk((chunk, first, end) =>
        {
            if (chunk.Bitmap(ordinal) is { } bits)
            {
                var match = _match.AsSpan(first, end - first);
                for (var word = 0; word < match.Length; word++)
                {
                    match[word] &= ~bits[word];
                }
            }
        });

    // Rows retired after this snapshot was taken are still alive to it.
    private void DropRetired()
    {
        var sequence = _snapshot.Sequence;
        ForEachChunk((chunk, first, end) =>
        {
            if (chunk.RetiredRows == 0)
            {
                return;
            }

            for (var word = first; word < end; word++)
            {
                _match[word] = chunk.Living(word - first, sequence, _match[word]);
            }
        });
    }

    // Column at a time: each bound streams its column over the words that still have candidates, with its
    // constants in registers; the most selective bound goes first so the later ones skip the most words.
    private void ApplyBounds(List<ColumnBound> bounds)
    {
        if (bounds.Count == 0)
        {
            return;
        }

        foreach (var bound in MostSelectiveFirst(bounds))
        {
            ForEachChunk((chunk, first, end) => Narrow(chunk, bound, _match.AsSpan(first, end - first), _edge.AsSpan(first, end - first)));
        }
    }

    // Keeps, in each word of one chunk, the candidates inside the bound or equal to it (the latter also marked as edges).
    private static void Narrow(CatalogChunk chunk, ColumnBound bound, Span<ulong> match, Span<ulong> edge)
    {
        for (var word = 0; word < match.Length; word++)
        {
            if (match[word] != 0)
            {
                var (inside, equal) = Compare(chunk.Numbers[bound.Column], Bits.RowsBefore(word), bound);
                match[word] &= inside | equal;
                edge[word] |= equal;
            }
        }
    }

    // Keeps the candidates their market's thresholds pass; a row the columns cannot decide is kept as an edge, for
    // its listing to decide. Each row is in one country, so each candidate is decided once.
    private void ApplyEligibility(EligibilityColumns policy)
    {
        var kept = ArrayPool<ulong>.Shared.Rent(1 << CatalogChunk.WordShift);
        try
        {
            ForEachChunk((chunk, first, end) =>
            {
                var match = _match.AsSpan(first, end - first);
                var edge = _edge.AsSpan(first, end - first);
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
                                    edge[word] |= Bits.Bit(index);
                                    break;
                            }
                        }
                    }
                }

                keep.CopyTo(match);
            });
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(kept);
        }
    }

    // Orders the bounds by how many candidates they keep in a sample of words, so that most words are emptied by
    // the first bound or two and the rest are never read.
    private ColumnBound[] MostSelectiveFirst(List<ColumnBound> bounds)
    {
        if (bounds.Count == 1)
        {
            return [.. bounds];
        }

        var kept = new int[bounds.Count];
        var step = Math.Max(1, _words / SampleWords);
        for (var word = 0; word < _words; word += step)
        {
            for (var i = 0; i < bounds.Count; i++)
            {
                var (values, start) = ColumnAt(bounds[i].Column, word);
                var (inside, equal) = Compare(values, start, bounds[i]);
                kept[i] += BitOperations.PopCount((inside | equal) & _match[word]);
            }
        }

        var ordered = bounds.ToArray();
        Array.Sort(kept, ordered);
        return ordered;
    }

    private const int SampleWords = 64;

    // For 64 consecutive rows: which lie strictly between the bounds, and which equal one (to be checked exactly).
    // One loop per kind of bound keeps the vectors in registers.
    private static (ulong Inside, ulong Equal) Compare(float[] column, int start, in ColumnBound bound)
    {
        ulong inside = 0, equal = 0;
        ref var first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(column), start);
        if (Vector512.IsHardwareAccelerated)
        {
            var lows = Vector512.Create(bound.Low);
            var highs = Vector512.Create(bound.High);
            switch (bound.Sides)
            {
                case BoundSides.Low:
                    for (var i = 0; i < 64; i += Vector512<float>.Count)
                    {
                        var values = Vector512.LoadUnsafe(ref first, (nuint)i);
                        inside |= Vector512.GreaterThan(values, lows).ExtractMostSignificantBits() << i;
                        equal |= Vector512.Equals(values, lows).ExtractMostSignificantBits() << i;
                    }

                    break;
                case BoundSides.High:
                    for (var i = 0; i < 64; i += Vector512<float>.Count)
                    {
                        var values = Vector512.LoadUnsafe(ref first, (nuint)i);
                        inside |= Vector512.LessThan(values, highs).ExtractMostSignificantBits() << i;
                        equal |= Vector512.Equals(values, highs).ExtractMostSignificantBits() << i;
                    }

                    break;
                default:
                    for (var i = 0; i < 64; i += Vector512<float>.Count)
                    {
                        var values = Vector512.LoadUnsafe(ref first, (nuint)i);
                        inside |= (Vector512.GreaterThan(values, lows) & Vector512.LessThan(values, highs)).ExtractMostSignificantBits() << i;
                        equal |= (Vector512.Equals(values, lows) | Vector512.Equals(values, highs)).ExtractMostSignificantBits() << i;
                    }

                    break;
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var lows = Vector256.Create(bound.Low);
            var highs = Vector256.Create(bound.High);
            for (var i = 0; i < 64; i += Vector256<float>.Count)
            {
                var values = Vector256.LoadUnsafe(ref first, (nuint)i);
                inside |= (ulong)(Vector256.GreaterThan(values, lows) & Vector256.LessThan(values, highs)).ExtractMostSignificantBits() << i;
                equal |= (ulong)(Vector256.Equals(values, lows) | Vector256.Equals(values, highs)).ExtractMostSignificantBits() << i;
            }
        }
        else
        {
            for (var i = 0; i < 64; i++)
            {
                var value = column[start + i];
                inside |= (value > bound.Low && value < bound.High ? 1UL : 0UL) << i;
                equal |= (value == bound.Low || value == bound.High ? 1UL : 0UL) << i;
            }
        }

        return (inside, equal);
    }

    private void CheckOnListings(bool everyRow)
    {
        for (var word = 0; word < _words; word++)
        {
            var bits = everyRow ? _match[word] : _match[word] & _edge[word];
            while (bits != 0)
            {
                var bit = Bits.LowestBit(bits);
                bits ^= bit;
                if (!_query.Matches(_snapshot.ListingAt(Bits.LowestRow(word, bit))))
                {
                    _match[word] &= ~bit;
                }
            }
        }
    }

    // The sort's value is in a column for the primary account's followers, median views and engagement rate (and
    // for relevance without a keyword, which is followers); keyword ranks, scores and other platforms are not.
    private (IReadOnlyList<CreatorListing> Items, SearchPosition? Next) Page(int total)
    {
        var sort = _query.Sort;
        var onColumn = _onPrimary
            && (sort == CreatorSort.Followers || sort == CreatorSort.MedianViews || sort == CreatorSort.EngagementRate
                || (sort == CreatorSort.Relevance && _query.Keyword is null));
        if (onColumn)
        {
            return RankOnColumn(total);
        }

        return _onPrimary && sort == CreatorSort.Score && _query.Score is CatalogScore score && _query.After is null
            ? RankOnScore(score, total)
            : RankOnListings();
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
        var rows = TopRowsByScore(
            query.PageSize,
            query.Descending,
            _words,
            word => _match[word],
            (word, bits, scores) =>
            {
                var (chunk, start) = snapshot.WordAt(word);
                columns.ScoreRows(chunk.Numbers, start, scores, bits);
            });
        var candidates = new List<(SearchPosition Position, CreatorListing Listing)>(rows.Count);
        foreach (var row in rows)
        {
            var listing = _snapshot.ListingAt(row);
            candidates.Add((query.PositionOf(listing), listing));
        }

        candidates.Sort((left, right) => query.Compare(left.Position, right.Position));
        var page = candidates.Take(query.PageSize).ToArray();
        return (Array.ConvertAll(page, entry => entry.Listing), total > query.PageSize ? page[^1].Position : null);
    }

    // The rows that may be among the best `count` by a catalog score: every row whose float score is within two
    // margins of the count-th best float (all rows with an unknown score, when fewer than `count` are known).
    internal static List<int> TopRowsByScore(int count, bool descending, int words, Func<int, ulong> matchOf, ScoreWord scoreWord)
    {
        var best = new FloatMinHeap(count);
        var kept = new List<(int Row, float Goodness)>(count * 4);
        Span<float> scores = stackalloc float[64];
        for (var word = 0; word < words; word++)
        {
            var bits = matchOf(word);
            if (bits == 0)
            {
                continue;
            }

            scoreWord(word, bits, scores);
            var threshold = best.IsFull ? best.Min - (2 * ScoreMargin) : float.NegativeInfinity;
            for (; bits != 0; bits &= bits - 1)
            {
                var index = BitOperations.TrailingZeroCount(bits);
                var goodness = Goodness(scores[index], descending);
                if (goodness >= threshold)
                {
                    best.Offer(goodness);
                    kept.Add((Bits.RowsBefore(word) + index, goodness));
                    threshold = best.IsFull ? best.Min - (2 * ScoreMargin) : float.NegativeInfinity;
                }
            }
        }

        var least = best.IsFull ? best.Min - (2 * ScoreMargin) : float.NegativeInfinity;
        var rows = new List<int>(Math.Min(kept.Count, count * 2));
        foreach (var (row, goodness) in kept)
        {
            if (goodness >= least)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    // Ranks by the sort column's float, which orders rows as their exact values do except where two floats are
    // equal; so the best page is among the rows at least as good as the page-th best float, and only those are
    // ordered exactly. Vector compares against the running threshold skip the rows that cannot make the page.
    private (IReadOnlyList<CreatorListing> Items, SearchPosition? Next) RankOnColumn(int total)
    {
        var query = _query;
        var column = query.Sort == CreatorSort.MedianViews ? NumberColumn.MedianViews
            : query.Sort == CreatorSort.EngagementRate ? NumberColumn.EngagementRate
            : NumberColumn.Followers;
        var descending = query.Descending || query.Sort == CreatorSort.Relevance;

        // Every row ranks 0 here, so a cursor of a higher rank lies before all of them and excludes none.
        var remaining = total;
        if (query.After is { Rank: 0 } cursor)
        {
            remaining = DropUpToCursor(column, descending, cursor);
        }

        // One pass: a row at least as good as the page's worst so far may end on the page; the threshold only
        // rises, so every row at least as good as the final threshold is among those kept.
        var best = new FloatMinHeap(query.PageSize);
        var kept = new List<(int Row, float Goodness)>(query.PageSize * 8);
        for (var word = 0; word < _words; word++)
        {
            var bits = _match[word];
            if (bits == 0)
            {
                continue;
            }

            var (values, start) = ColumnAt(column, word);
            if (best.IsFull && !float.IsNegativeInfinity(best.Min))
            {
                var threshold = best.Min;
                bits &= descending ? Mask(values, start, FloatTest.GreaterOrEqual, threshold) : Mask(values, start, FloatTest.LessOrEqual, -threshold);
            }

            for (; bits != 0; bits &= bits - 1)
            {
                var index = BitOperations.TrailingZeroCount(bits);
                var goodness = Goodness(values[start + index], descending);
                if (!best.IsFull || goodness >= best.Min)
                {
                    best.Offer(goodness);
                    kept.Add((Bits.RowsBefore(word) + index, goodness));
                }
            }
        }

        var least = best.IsFull ? best.Min : float.NegativeInfinity;
        var candidates = new List<(SearchPosition Position, CreatorListing Listing)>(query.PageSize);
        foreach (var (row, goodness) in kept)
        {
            if (goodness >= least)
            {
                var listing = _snapshot.ListingAt(row);
                candidates.Add((query.PositionOf(listing), listing));
            }
        }

        candidates.Sort((left, right) => query.Compare(left.Position, right.Position));
        var page = candidates.Take(query.PageSize).ToArray();
        return (Array.ConvertAll(page, entry => entry.Listing), remaining > query.PageSize ? page[^1].Position : null);
    }

    // Clears the matches ordered at or before the cursor (they were on earlier pages); returns how many are left.
    private int DropUpToCursor(int column, bool descending, SearchPosition cursor)
    {
        var known = cursor.Value is { } value ? (float)value : float.NaN;
        var left = 0;
        for (var word = 0; word < _words; word++)
        {
            var bits = _match[word];
            if (bits == 0)
            {
                continue;
            }

            var (values, start) = ColumnAt(column, word);

            // Unknown values come last: every known value is before an unknown cursor.
            var (before, tied) = float.IsNaN(known)
                ? (Mask(values, start, FloatTest.Known, 0f), ~Mask(values, start, FloatTest.Known, 0f))
                : (Mask(values, start, descending ? FloatTest.Greater : FloatTest.Less, known), Mask(values, start, FloatTest.Equal, known));
            bits &= ~before;
            for (var ties = bits & tied; ties != 0; ties &= ties - 1)
            {
                var bit = Bits.LowestBit(ties);
                if (_query.Compare(_query.PositionOf(_snapshot.ListingAt(Bits.LowestRow(word, bit))), cursor) <= 0)
                {
                    bits &= ~bit;
                }
            }

            _match[word] = bits;
            left += BitOperations.PopCount(bits);
        }

        return left;
    }

    // Which of 64 consecutive rows pass one comparison with a constant (NaN, an unknown number, passes none but Known's complement).
    private static ulong Mask(float[] column, int start, FloatTest test, float operand)
    {
        ulong mask = 0;
        ref var first = ref MemoryMarshal.GetArrayDataReference(column);
        if (Vector256.IsHardwareAccelerated)
        {
            var constant = Vector256.Create(operand);
            for (var i = 0; i < 64; i += Vector256<float>.Count)
            {
                var values = Vector256.LoadUnsafe(ref first, (nuint)(start + i));
                var lanes = test switch
                {
                    FloatTest.Greater => Vector256.GreaterThan(values, constant),
                    FloatTest.GreaterOrEqual => Vector256.GreaterThanOrEqual(values, constant),
                    FloatTest.Less => Vector256.LessThan(values, constant),
                    FloatTest.LessOrEqual => Vector256.LessThanOrEqual(values, constant),
                    FloatTest.Equal => Vector256.Equals(values, constant),
                    _ => Vector256.Equals(values, values),
                };
                mask |= (ulong)lanes.ExtractMostSignificantBits() << i;
            }
        }
        else
        {
            for (var i = 0; i < 64; i++)
            {
                var value = column[start + i];
                var pass = test switch
                {
                    FloatTest.Greater => value > operand,
                    FloatTest.GreaterOrEqual => value >= operand,
                    FloatTest.Less => value < operand,
                    FloatTest.LessOrEqual => value <= operand,
                    FloatTest.Equal => value == operand,
                    _ => !float.IsNaN(value),
                };
                mask |= (pass ? 1UL : 0UL) << i;
            }
        }

        return mask;
    }

    private enum FloatTest
    {
        Greater,
        GreaterOrEqual,
        Less,
        LessOrEqual,
        Equal,
        Known,
    }

    // A column's floats in the chunk holding a word of the result, and where the word's 64 rows start in them.
    private (float[] Values, int Start) ColumnAt(int column, int word)
    {
        var (chunk, start) = _snapshot.WordAt(word);
        return (chunk.Numbers[column], start);
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
                var position = query.PositionOf(listing);
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

    private CreatorFacets Facets()
    {
        var keys = _snapshot.Keys;
        var byTier = new Dictionary<FollowerTier, int>();
        if (_onPrimary)
        {
            foreach (var tier in FollowerTier.List)
            {
                if (CountRowsWith(CatalogKeys.TierOrdinal(tier)) is var count and > 0)
                {
                    byTier[tier] = count;
                }
            }
        }
        else
        {
            for (var word = 0; word < _words; word++)
            {
                for (var bits = _match[word]; bits != 0; bits &= bits - 1)
                {
                    var tier = _query.AccountOf(_snapshot.ListingAt(Bits.LowestRow(word, bits)))!.Stats.Tier;
                    byTier[tier] = byTier.GetValueOrDefault(tier) + 1;
                }
            }
        }

        return new CreatorFacets(Count(keys.Countries), Count(keys.Languages), Count(keys.ContentLabels), byTier);
    }

    private Dictionary<TKey, int> Count<TKey>(IReadOnlyDictionary<TKey, int> ordinals)
        where TKey : notnull
    {
        var counts = new Dictionary<TKey, int>();
        foreach (var (key, ordinal) in ordinals)
        {
            if (CountRowsWith(ordinal) is var count and > 0)
            {
                counts[key] = count;
            }
        }

        return counts;
    }

    private int CountRowsWith(int ordinal)
    {
        var count = 0;
        var chunks = _snapshot.Chunks;
        for (var index = 0; index << CatalogChunk.WordShift < _words; index++)
        {
            if (chunks[index].Bitmap(ordinal) is not { } bits)
            {
                continue;
            }

            var first = index << CatalogChunk.WordShift;
            var match = _match.AsSpan(first, Math.Min(_words - first, 1 << CatalogChunk.WordShift));
            var keyed = bits.AsSpan(0, match.Length);
            for (var word = 0; word < match.Length; word++)
            {
                count += BitOperations.PopCount(match[word] & keyed[word]);
            }
        }

        return count;
    }

    // Calls back with each chunk of the snapshot and its range of words in the result bitset.
    private void ForEachChunk(Action<CatalogChunk, int, int> action)
    {
        var chunks = _snapshot.Chunks;
        for (var index = 0; index << CatalogChunk.WordShift < _words; index++)
        {
            var first = index << CatalogChunk.WordShift;
            action(chunks[index], first, Math.Min(_words, first + (1 << CatalogChunk.WordShift)));
        }
    }

    private static void AddBound(List<ColumnBound> bounds, int column, NumberRange<long> range)
    {
        if (!range.IsAny)
        {
            bounds.Add(new(column, range.Min is { } min ? min : float.NegativeInfinity, range.Max is { } max ? max : float.PositiveInfinity));
        }
    }

    private static float Low(double? min) => min is { } value ? (float)value : float.NegativeInfinity;

    private static float High(double? max) => max is { } value ? (float)value : float.PositiveInfinity;

    private static bool NeedsListing(CreatorQuery query) =>
        query.Platform is not null
        || query.Subdivisions.Count > 0
        || query.FollowerCountries.Count > 0
        || query.MajorAudienceGender is not null
        || query.MajorAudienceAge is not null
        || query.MajorAudienceCountry is not null
        || query.Keyword is not null;

    private static (Currency Currency, ColumnBound Bound)? PriceBounds(PriceRange price)
    {
        if (price.Amount.IsAny || price.Currency is not { } currency)
        {
            return null;
        }

        // A price of p minor units lies in [min, max] exactly when ceil(min) <= p <= floor(max).
        // The bounds go to float from long, as the stored prices do, so that both round the same way.
        var scale = Money.FromMinorUnits(1, currency).Amount;
        float low = price.Amount.Min is { } min ? (long)Math.Ceiling(Math.Min(min / scale, long.MaxValue)) : float.NegativeInfinity;
        float high = price.Amount.Max is { } max ? (long)Math.Floor(Math.Min(max / scale, long.MaxValue)) : float.PositiveInfinity;
        return (currency, new ColumnBound(NumberColumn.Price, low, high));
    }

    /// <summary>Bounds on one column, as floats; a row whose float equals a bound is decided on its listing.</summary>
    private readonly record struct ColumnBound(int Column, float Low, float High)
    {
        public BoundSides Sides { get; } =
            float.IsNegativeInfinity(Low) ? BoundSides.High : float.IsPositiveInfinity(High) ? BoundSides.Low : BoundSides.Both;
    }

    private enum BoundSides
    {
        Both,
        Low,
        High,
    }

    /// <summary>The largest <c>capacity</c> values offered, with the least of them on top.</summary>
    internal sealed class FloatMinHeap(int capacity)
    {
        private readonly float[] _values = new float[capacity];
        private int _count;

        public bool IsFull => _count == _values.Length;

        public float Min => _values[0];

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
