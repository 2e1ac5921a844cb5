using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using Ardalis.SmartEnum;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>The packed numeric columns, by number.</summary>
internal static class NumberColumn
{
    public const int Followers = 0;
    public const int AverageViews = 1;
    public const int MedianViews = 2;
    public const int EngagementRate = 3;
    public const int Price = 4;
    public const int PastCampaigns = 5;
    public const int FirstGender = 6;
    public const int FirstAge = FirstGender + 3;

    // What eligibility policies judge: recent activity, account type (its value), the birth date and violations as
    // days since 1970-01-01 (whole numbers, exact as floats), and the youngest age of a self-declared age band.
    public const int ViewsLast30Days = FirstAge + 6;
    public const int PostsLast30Days = ViewsLast30Days + 1;
    public const int AccountType = PostsLast30Days + 1; // the primary account's type and platform (AccountOf)
    public const int BirthDay = AccountType + 1;
    public const int AgeBandMinimum = BirthDay + 1;
    public const int LatestViolationDay = AgeBandMinimum + 1;
    public const int Count = LatestViolationDay + 1;

    // Whole numbers below 2^24 in size (counts, prices in minor units, days) are each a float of its own that no other
    // whole number rounds to; so a whole number whose float equals a whole bound's below that is the bound itself.
    private const float ExactWholeNumbers = 1 << 24;

    public static int Of(AudienceGender gender) => FirstGender + gender.Value - 1;

    public static int Of(AgeBucket age) => FirstAge + age.Value - 1;

    /// <summary>
    /// The primary account as the <see cref="AccountType"/> column holds it: its type's value in the low 4 bits and
    /// its platform's above them, so that a policy about one platform's account knows whose numbers the row holds.
    /// </summary>
    public static float AccountOf(PlatformAccount account) => account.Type.Value | (account.Handle.Platform.Value << 4);

    /// <summary>The type's value of an <see cref="AccountOf"/> code.</summary>
    public static int AccountTypeIn(float code) => (int)code & 0xF;

    /// <summary>The platform's value of an <see cref="AccountOf"/> code.</summary>
    public static int PlatformIn(float code) => (int)code >> 4;

    /// <summary>Whether a whole number's float, equal to a whole bound's, is that bound exactly.</summary>
    public static bool IsExactWholeNumber(float value) => Math.Abs(value) < ExactWholeNumbers;
}

/// <summary>
/// Up to <see cref="Rows"/> consecutive rows of the catalog: the id and version of each row, its listing encoded and
/// its folded text for keywords (<see cref="ListingCodec.EncodeRow"/>) in pages of bytes, when it was retired, the row
/// its creator had before, its peer group's number, the searchable numbers as 32-bit floats
/// and, for the columns queries bound, as 16-bit codes (<see cref="ColumnCodes"/>), and one bitmap per key (by ordinal, allocated
/// when the chunk first holds the key). Rows are appended by the single writer and never rewritten; readers only
/// read rows below their snapshot's count.
/// </summary>
/// <remarks>
/// Floats halve the memory and double the width of the vectorised filters. They lose no answers: rounding to float
/// keeps order (a ≤ b implies float(a) ≤ float(b)), so a stored value strictly inside or outside a bound is decided
/// by the float alone, and only a value whose float equals the bound's float is checked on the listing itself.
/// A number the platform did not report is NaN, which fails every comparison, as an unreported number must.
/// <para>
/// Listings are kept encoded, a few hundred bytes each, rather than as objects (about 2.4 KB each on the heap), and
/// decoded only for a page returned, a find, or a row the columns cannot decide. The encoded listings, and apart
/// from them the folded texts, are appended to pages of up to <see cref="PageSize"/> bytes (<see cref="RowPages"/>).
/// </para>
/// </remarks>
internal sealed class CatalogChunk
{
    public const int Shift = 16;
    public const int Rows = 1 << Shift;
    public const int WordShift = Shift - 6;
    public const int Alive = int.MaxValue;

    /// <summary>Rows per block of <see cref="Ranges"/>: 16 words.</summary>
    public const int BlockShift = 10;
    public const int WordsPerBlock = 1 << (BlockShift - 6);

    /// <summary>
    /// The size of a page of encoded listings; a longer listing has a page of its own. Large enough that pages are
    /// allocated among the large objects, which the collector does not copy from generation to generation; a small
    /// chunk's pages are smaller (see <see cref="Append"/>).
    /// </summary>
    public const int PageSize = 1 << 17;

    private ulong[]?[] _bitmaps;

    // Per key, the blocks holding a row that has it, a bit a block (a chunk has at most 64 blocks): a search skips the
    // rest of a key's bitmap without reading it, which pays where a load has clustered the rows (a country's rows in
    // a run of blocks) and cold, where every word read comes from memory. A retired row's bit stays: the blocks are a
    // superset, and the bitmap decides.
    private ulong[] _blocksWithKey;

    // The encoded listings, and apart from them the folded texts, which a keyword search scans row after row: packed
    // together they are a quarter of the bytes it would read among the listings.
    private RowPages _listings;
    private RowPages _texts;

    // A load's chunk keeps each row's pair buckets (TextPairs.Words a row) in place of their bitmaps until the load's
    // clustering sets the bitmaps from them, 64 rows at a time (Reorder): far less work than a row's bits one by one,
    // which the writer would set and the clustering move again. Null in every other chunk.
    private ulong[]? _pairBuckets;

    /// <summary>
    /// A chunk with room for <paramref name="capacity"/> rows; one whose <paramref name="pairsDeferred"/> keeps its
    /// rows' pair buckets for <see cref="Reorder"/> to set their bitmaps from, for a load.
    /// </summary>
    public CatalogChunk(int capacity, int keyCount, InternedValues interned, bool pairsDeferred = false)
    {
        // The columns are written row after row from now on (or copied into at once, for a grown or compacted
        // chunk): their pages are mapped in one call each rather than faulted in one at a time (MemoryPages).
        Capacity = capacity;
        Interned = interned;
        Ids = MemoryPages.Populated(new CreatorId[capacity]);
        Versions = MemoryPages.Populated(new long[capacity]);
        Starts = MemoryPages.Populated(new long[capacity]);
        TextStarts = MemoryPages.Populated(new long[capacity]);
        _listings = new RowPages(capacity);
        _texts = new RowPages(capacity);
        DiedAt = MemoryPages.Populated(new int[capacity]);
        PreviousRow = MemoryPages.Populated(new int[capacity]);
        PeerGroups = MemoryPages.Populated(new int[capacity]);
        Died = new ulong[Bits.WordsFor(capacity)];
        Numbers = new float[NumberColumn.Count][];
        for (var column = 0; column < Numbers.Length; column++)
        {
            Numbers[column] = MemoryPages.Populated(new float[capacity]);
        }

        EngagementRates = MemoryPages.Populated(new double[capacity]);
        Codes = new ushort[ColumnCodes.Count][];
        Ranges = new CodeRange[ColumnCodes.Count][];
        for (var column = 0; column < Codes.Length; column++)
        {
            Codes[column] = MemoryPages.Populated(new ushort[capacity]);
            Ranges[column] = new CodeRange[BlocksFor(capacity)];
            Ranges[column].AsSpan().Fill(CodeRange.Empty);
        }

        _bitmaps = new ulong[]?[keyCount];
        _blocksWithKey = new ulong[keyCount];
        _pairBuckets = pairsDeferred ? MemoryPages.Populated(new ulong[capacity * TextPairs.Words]) : null;
    }

    /// <summary>The pages the rows' bytes were written to so far (listings and texts).</summary>
    public int PageCount => _listings.Count + _texts.Count;

    /// <summary>
    /// Adds the full-size pages of the rows' bytes to <paramref name="pages"/> while it holds fewer than
    /// <paramref name="limit"/>, for other chunks to write over: only for a chunk nothing reads again and no other
    /// chunk shares pages with, as a compaction's replaced chunks once no reader is left in their generation.
    /// </summary>
    public void CollectPages(List<byte[]> pages, int limit)
    {
        _listings.CollectPages(pages, limit);
        _texts.CollectPages(pages, limit);
    }

    /// <summary>Whether the rows' pair bitmaps wait for <see cref="Reorder"/>: a load's chunk, until its clustering.</summary>
    public bool PairsDeferred => _pairBuckets is not null;

    /// <summary>Rows this chunk has room for: a power of two, at most <see cref="Rows"/>.</summary>
    public int Capacity { get; }

    /// <summary>The values the encoded listings name by number: the catalog's, shared by all its chunks.</summary>
    public InternedValues Interned { get; }

    /// <summary>Each row's creator, for the id table's probes.</summary>
    public CreatorId[] Ids { get; }

    /// <summary>Each row's listing version, for the writer's check that an upsert is newer.</summary>
    public long[] Versions { get; }

    /// <summary>Where each row's encoded listing starts: its page in the high half, the byte in the low.</summary>
    public long[] Starts { get; }

    /// <summary>Where each row's folded text (<see cref="FoldedText"/>) starts, as <see cref="Starts"/> does.</summary>
    public long[] TextStarts { get; }

    /// <summary>The snapshot sequence that retired the row (valid where <see cref="Died"/> has its bit).</summary>
    public int[] DiedAt { get; }

    /// <summary>The row the same creator had before this one, or -1.</summary>
    public int[] PreviousRow { get; }

    /// <summary>The number of each row's peer group (see <see cref="CatalogKeys.PeerGroups"/>).</summary>
    public int[] PeerGroups { get; }

    /// <summary>How many rows have been retired; while none is, readers skip the check.</summary>
    public int RetiredRows { get; private set; }

    /// <summary>Rows retired at some sequence; a reader whose sequence is earlier still sees them.</summary>
    public ulong[] Died { get; }

    /// <summary>The searchable numbers, by <see cref="NumberColumn"/>: what scores, ranks and exact checks read.</summary>
    public float[][] Numbers { get; }

    /// <summary>
    /// Each row's engagement rate exactly, as <see cref="NumberColumn.EngagementRate"/> holds it rounded (NaN when
    /// unreported). Rates and the bounds asked of them are decimals such as 0.03, which no float is, so a rate equal to
    /// its bound has the bound's float: the exact rate decides that row, which would otherwise be decoded to decide it.
    /// </summary>
    public double[] EngagementRates { get; }

    /// <summary>The exact values of a column that keeps them (<see cref="EngagementRates"/>), or null.</summary>
    public double[]? ExactValues(int column) => column == NumberColumn.EngagementRate ? EngagementRates : null;

    /// <summary>The numbers' codes (<see cref="ColumnCodes"/>) for the columns below <see cref="ColumnCodes.Count"/>: what the filters read first.</summary>
    public ushort[][] Codes { get; }

    /// <summary>
    /// Each block's <see cref="CodeRange"/> of each coded column, by column and then block of 1 &lt;&lt; <see cref="BlockShift"/>
    /// rows: where a load has clustered the rows (<see cref="Reorder"/>), a bound decides whole blocks on them.
    /// </summary>
    public CodeRange[][] Ranges { get; }

    /// <summary>The blocks of <see cref="Ranges"/> that hold <paramref name="rows"/> rows.</summary>
    public static int BlocksFor(int rows) => (rows + (1 << BlockShift) - 1) >> BlockShift;

    public ulong[]? Bitmap(int ordinal)
    {
        var bitmaps = Volatile.Read(ref _bitmaps);
        return ordinal < bitmaps.Length ? bitmaps[ordinal] : null;
    }

    /// <summary>
    /// The blocks (of 1 &lt;&lt; <see cref="BlockShift"/> rows, bit <c>b</c> for block <c>b</c>) that may hold a row with the key:
    /// its bitmap is zero in every other block. Every block when the key is newer than the array read.
    /// </summary>
    public ulong BlocksWith(int ordinal)
    {
        var blocks = Volatile.Read(ref _blocksWithKey);
        return ordinal < blocks.Length ? Volatile.Read(ref blocks[ordinal]) : ulong.MaxValue;
    }

    /// <summary>A copy with room for <paramref name="capacity"/> rows, holding the first <paramref name="count"/>.</summary>
    public CatalogChunk Grow(int capacity, int count)
    {
        var grown = new CatalogChunk(capacity, _bitmaps.Length, Interned, PairsDeferred);
        Array.Copy(Ids, grown.Ids, count);
        Array.Copy(Versions, grown.Versions, count);
        Array.Copy(Starts, grown.Starts, count);
        Array.Copy(TextStarts, grown.TextStarts, count);

        // The pages are shared: this chunk is not written again, and the grown one appends only past its rows.
        (grown._listings, grown._texts) = (_listings.Share(capacity), _texts.Share(capacity));
        Array.Copy(DiedAt, grown.DiedAt, count);
        Array.Copy(PreviousRow, grown.PreviousRow, count);
        Array.Copy(PeerGroups, grown.PeerGroups, count);
        Array.Copy(Died, grown.Died, Died.Length);
        grown.RetiredRows = RetiredRows;
        for (var column = 0; column < Numbers.Length; column++)
        {
            Array.Copy(Numbers[column], grown.Numbers[column], count);
        }

        Array.Copy(EngagementRates, grown.EngagementRates, count);

        for (var column = 0; column < Codes.Length; column++)
        {
            Array.Copy(Codes[column], grown.Codes[column], count);
            Array.Copy(Ranges[column], grown.Ranges[column], Ranges[column].Length);
        }

        if (_pairBuckets is not null)
        {
            Array.Copy(_pairBuckets, grown._pairBuckets!, count * TextPairs.Words);
        }

        for (var ordinal = 0; ordinal < _bitmaps.Length; ordinal++)
        {
            if (_bitmaps[ordinal] is { } bits)
            {
                var copy = new ulong[Bits.WordsFor(capacity)];
                Array.Copy(bits, copy, bits.Length);
                grown._bitmaps[ordinal] = copy;
            }
        }

        Array.Copy(_blocksWithKey, grown._blocksWithKey, _blocksWithKey.Length);

        return grown;
    }

    /// <summary>
    /// Writes a listing, encoded with its folded text by <see cref="ListingCodec.EncodeRow"/> against
    /// <see cref="Interned"/>, and its numbers and exact engagement rate by <see cref="NumbersOf"/>, into a row no reader can see yet. The buckets
    /// of its text's pairs (<see cref="TextPairs.BucketsOf"/>) are given as gathered beforehand, or gathered here (empty).
    /// </summary>
    public void Write(int offset, CreatorId id, long version, ReadOnlySpan<byte> encoded, ReadOnlySpan<float> numbers, double engagementRate, int previousRow, ReadOnlySpan<int> ordinals, int peerGroup, ReadOnlySpan<ulong> pairBuckets, PagePool recycled)
    {
        Ids[offset] = id;
        Versions[offset] = version;
        var text = Append(offset, encoded, recycled);
        PeerGroups[offset] = peerGroup;
        DiedAt[offset] = Alive;
        PreviousRow[offset] = previousRow;
        for (var column = 0; column < Numbers.Length; column++)
        {
            Numbers[column][offset] = numbers[column];
        }

        EngagementRates[offset] = engagementRate;

        for (var column = 0; column < Codes.Length; column++)
        {
            var code = ColumnCodes.Of(column, numbers[column]);
            Codes[column][offset] = code;
            ref var range = ref Ranges[column][offset >> BlockShift];
            range = range.With(code);
        }

        foreach (var ordinal in ordinals)
        {
            SetBit(ordinal, offset);
        }

        if (_pairBuckets is not null)
        {
            var kept = _pairBuckets.AsSpan(offset * TextPairs.Words, TextPairs.Words);
            if (pairBuckets.IsEmpty)
            {
                TextPairs.BucketsOf(text.Utf8, kept);
            }
            else
            {
                pairBuckets.CopyTo(kept);
            }
        }
        else if (pairBuckets.IsEmpty)
        {
            Span<ulong> gathered = stackalloc ulong[TextPairs.Words];
            TextPairs.BucketsOf(text.Utf8, gathered);
            MarkPairs(offset, gathered);
        }
        else
        {
            MarkPairs(offset, pairBuckets);
        }
    }

    // Sets the row's bit in the bitmap of each pair bucket of its folded text (TextPairs). The row's word is the
    // newest of every bucket's bitmap, so the bits go to lines still in the cache from the rows before.
    private void MarkPairs(int offset, ReadOnlySpan<ulong> buckets)
    {
        for (var word = 0; word < TextPairs.Words; word++)
        {
            for (var set = buckets[word]; set != 0; set &= set - 1)
            {
                SetBit(CatalogKeys.PairOrdinal(Bits.LowestRow(word, set)), offset);
            }
        }
    }

    /// <summary>
    /// A listing's searchable numbers, one per <see cref="NumberColumn"/>, written into <paramref name="numbers"/>;
    /// returns its exact engagement rate, as <see cref="EngagementRates"/> keeps it.
    /// </summary>
    public static double NumbersOf(CreatorListing listing, Span<float> numbers)
    {
        var stats = listing.PrimaryAccount.Stats;
        numbers[NumberColumn.Followers] = stats.Followers;
        numbers[NumberColumn.AverageViews] = stats.AverageViews is { } average ? average : float.NaN;
        numbers[NumberColumn.MedianViews] = stats.MedianViews is { } median ? median : float.NaN;
        numbers[NumberColumn.EngagementRate] = stats.EngagementRate is { } rate ? (float)rate : float.NaN;
        numbers[NumberColumn.Price] = listing.RateCard?.LowestPrice is { } price ? price.MinorUnits : float.NaN;
        numbers[NumberColumn.PastCampaigns] = listing.PastCampaignCount;
        var audience = listing.Audience;
        WriteShares(numbers[NumberColumn.FirstGender..NumberColumn.FirstAge], audience.Gender);
        WriteShares(numbers[NumberColumn.FirstAge..NumberColumn.ViewsLast30Days], audience.Age);
        numbers[NumberColumn.ViewsLast30Days] = stats.ViewsLast30Days is { } views ? views : float.NaN;
        numbers[NumberColumn.PostsLast30Days] = stats.PostsLast30Days is { } posts ? posts : float.NaN;
        numbers[NumberColumn.AccountType] = NumberColumn.AccountOf(listing.PrimaryAccount);
        var profile = listing.Profile;
        numbers[NumberColumn.BirthDay] = profile.BirthDate is { } birthDate ? EpochDay.Of(birthDate) : float.NaN;
        numbers[NumberColumn.AgeBandMinimum] = profile.AgeBand is { } band ? band.MinAge : float.NaN;
        numbers[NumberColumn.LatestViolationDay] = listing.ComplianceHistory.Count > 0
            ? EpochDay.Of(listing.ComplianceHistory.Max(violation => violation.OccurredAt))
            : float.NaN;
        return stats.EngagementRate ?? double.NaN;
    }

    // A reported breakdown's missing buckets are a share of 0; an unreported breakdown is unknown (NaN) throughout.
    // The shares are the columns of the buckets' values, from 1 on (NumberColumn.Of), read as the distribution holds them.
    private static void WriteShares<TKey>(Span<float> shares, Distribution<TKey>? distribution)
        where TKey : SmartEnum<TKey, int>
    {
        shares.Fill(distribution is null ? float.NaN : 0f);
        if (distribution is not null)
        {
            foreach (var (bucket, share) in distribution.Buckets)
            {
                shares[bucket.Value - 1] = (float)share.Fraction;
            }
        }
    }

    /// <summary>Asks for the cache lines of a row's id, version and where its listing starts (<see cref="CacheLines"/>).</summary>
    public void PrefetchRow(int offset)
    {
        CacheLines.Prefetch(Starts, offset);
        CacheLines.Prefetch(Ids, offset);
        CacheLines.Prefetch(Versions, offset);
    }

    /// <summary>
    /// Asks for the line of the page list that names the page a row's listing starts in; reads where the row starts,
    /// so <see cref="PrefetchRow"/> comes first.
    /// </summary>
    public void PrefetchPageOf(int offset) => _listings.PrefetchPage(Starts[offset]);

    /// <summary>
    /// Asks for the first cache lines of a row's encoded listing, which hold most listings whole; reads where the row
    /// starts and its page, so <see cref="PrefetchRow"/> and then <see cref="PrefetchPageOf"/> come first.
    /// </summary>
    public void PrefetchListing(int offset) => _listings.Prefetch(Starts[offset], ListingLines);

    // 512 bytes: a generated listing takes about 400.
    private const int ListingLines = 8;

    // 128 bytes: a generated folded text takes about 100.
    private const int TextLines = 2;

    // How many rows ahead of the one Reorder copies it asks for a row's text and listing.
    private const int BytesAhead = 8;

    /// <summary>The listing of a row a reader sees, decoded.</summary>
    public CreatorListing ListingAt(int offset) => ListingCodec.Decode(_listings.At(Starts[offset]).Span, Ids[offset], Versions[offset], Interned);

    /// <summary>The folded text of a row a reader sees, for keyword search.</summary>
    public FoldedText FoldedAt(int offset) => FoldedText.Read(TextAt(offset).Span, out _);

    /// <summary>Where a row's folded text lies in the pages, as <see cref="FoldedText.Write"/> wrote it (for <see cref="FoldedText.Read"/>).</summary>
    public ReadOnlyMemory<byte> TextAt(int offset) => _texts.At(TextStarts[offset]);

    /// <summary>The row as <see cref="ListingCodec.EncodeRow"/> wrote it (its folded text, then its encoded listing), copied out.</summary>
    public ReadOnlyMemory<byte> EncodedAt(int offset)
    {
        var text = _texts.At(TextStarts[offset]).Span;
        var listing = _listings.At(Starts[offset]).Span;
        var row = new byte[text.Length + listing.Length];
        text.CopyTo(row);
        listing.CopyTo(row.AsSpan(text.Length));
        return row;
    }

    // Appends a row written by ListingCodec.EncodeRow: its folded text to the texts' pages, its listing to the
    // listings', new pages taken from `recycled` while it has some. Returns the folded text, for the keyword index.
    private FoldedText Append(int offset, ReadOnlySpan<byte> encoded, PagePool recycled)
    {
        var text = FoldedText.Read(encoded, out var folded);
        TextStarts[offset] = _texts.Append(encoded[..folded], recycled);
        Starts[offset] = _listings.Append(encoded[folded..], recycled);
        return text;
    }

    // Appends another chunk's row, its text and listing as they are there.
    private void CopyRow(CatalogChunk source, int sourceOffset, int offset)
    {
        TextStarts[offset] = _texts.Append(source._texts.At(source.TextStarts[sourceOffset]).Span);
        Starts[offset] = _listings.Append(source._listings.At(source.Starts[sourceOffset]).Span);
    }

    /// <summary>
    /// Copies living rows of another chunk, at <paramref name="sourceOffsets"/> in ascending order, with their encoded
    /// rows and numbers, into the rows from <paramref name="offset"/> on, which no reader can see yet. Column by column,
    /// so that a compaction of scattered living rows pays a loop a column rather than a call a column for each run.
    /// </summary>
    public void CopyRows(CatalogChunk source, ReadOnlySpan<int> sourceOffsets, int offset)
    {
        var count = sourceOffsets.Length;
        GatherInto(source.Ids, Ids, sourceOffsets, offset);
        GatherInto(source.Versions, Versions, sourceOffsets, offset);
        for (var i = 0; i < count; i++)
        {
            CopyRow(source, sourceOffsets[i], offset + i);
        }

        Array.Fill(DiedAt, Alive, offset, count);
        Array.Fill(PreviousRow, -1, offset, count);
        GatherInto(source.PeerGroups, PeerGroups, sourceOffsets, offset);
        for (var column = 0; column < Numbers.Length; column++)
        {
            GatherInto(source.Numbers[column], Numbers[column], sourceOffsets, offset);
        }

        GatherInto(source.EngagementRates, EngagementRates, sourceOffsets, offset);

        for (var column = 0; column < Codes.Length; column++)
        {
            GatherInto(source.Codes[column], Codes[column], sourceOffsets, offset);
        }

        if (_pairBuckets is not null)
        {
            Debug.Assert(source._pairBuckets is not null, "a load's chunks all defer their pairs");
            for (var i = 0; i < count; i++)
            {
                source._pairBuckets.AsSpan(sourceOffsets[i] * TextPairs.Words, TextPairs.Words).CopyTo(_pairBuckets.AsSpan((offset + i) * TextPairs.Words));
            }
        }

        Summarize(offset, count);
    }

    // Copies a column's values at the offsets into the rows from offset on.
    private static void GatherInto<T>(T[] source, T[] target, ReadOnlySpan<int> sourceOffsets, int offset)
    {
        var into = target.AsSpan(offset, sourceOffsets.Length);
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = source[sourceOffsets[i]];
        }
    }

    /// <summary>
    /// Puts the first <paramref name="order"/>.Length rows in the given order, row <c>i</c> taking what row
    /// <c>order[i]</c> held, and sets the blocks' ranges to exactly those of their rows. Only for a chunk no reader
    /// can see yet whose rows are all alive and have no previous row, as a load's are once compacted. The encoded
    /// listings are copied into new pages in the new order, since a keyword's scan and a page's decoding read them in
    /// row order: left where they were, each row would be a cache miss of its own. The new pages are taken from
    /// <paramref name="recycled"/> while it has some, and the old ones are given to it once copied: only for chunks no
    /// other chunk shares pages with, such as a load's once its rows are written (the chunks they were grown from are
    /// gone), so that a load's chunks are reordered in about the pages their rows were first written to.
    /// </summary>
    public void Reorder(ReadOnlySpan<int> order, PagePool recycled)
    {
        Debug.Assert(RetiredRows == 0, "every row is alive");
        var count = order.Length;
        Gather(Ids, order);
        Gather(Versions, order);
        Gather(Starts, order);
        Gather(TextStarts, order);
        var (listings, texts) = (_listings, _texts);
        (_listings, _texts) = (new RowPages(Capacity), new RowPages(Capacity));
        for (var row = 0; row < count; row++)
        {
            if (row + BytesAhead < count)
            {
                // The rows' bytes are copied in their new order, from all over the old pages: each row's are asked for
                // a few rows ahead rather than waited for alone.
                texts.Prefetch(TextStarts[row + BytesAhead], TextLines);
                listings.Prefetch(Starts[row + BytesAhead], ListingLines);
            }

            // The starts still hold where the row's old place began; they are set to the new one.
            TextStarts[row] = _texts.Append(texts.At(TextStarts[row]).Span, recycled);
            Starts[row] = _listings.Append(listings.At(Starts[row]).Span, recycled);
        }

        listings.GiveTo(recycled);
        texts.GiveTo(recycled);

        Gather(PeerGroups, order);
        foreach (var column in Numbers)
        {
            Gather(column, order);
        }

        Gather(EngagementRates, order);

        foreach (var column in Codes)
        {
            Gather(column, order);
        }

        // Each bitmap's set bits move to their rows' new places: a few bits a row in all, rather than every row of every bitmap.
        var placeOf = ArrayPool<int>.Shared.Rent(count);
        var moved = ArrayPool<ulong>.Shared.Rent(Bits.WordsFor(count));
        try
        {
            for (var row = 0; row < count; row++)
            {
                placeOf[order[row]] = row;
            }

            for (var ordinal = 0; ordinal < _bitmaps.Length; ordinal++)
            {
                if (_bitmaps[ordinal] is not { } bits)
                {
                    continue;
                }

                var words = Bits.WordsFor(count);
                moved.AsSpan(0, words).Clear();
                for (var word = 0; word < words; word++)
                {
                    for (var set = bits[word]; set != 0; set &= set - 1)
                    {
                        Bits.Set(moved, placeOf[Bits.LowestRow(word, set)]);
                    }
                }

                moved.AsSpan(0, words).CopyTo(bits);
                _blocksWithKey[ordinal] = BlocksHolding(bits.AsSpan(0, words));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(placeOf);
            ArrayPool<ulong>.Shared.Return(moved);
        }

        if (_pairBuckets is not null)
        {
            SetPairBitmaps(_pairBuckets, order);
            _pairBuckets = null;
        }

        foreach (var ranges in Ranges)
        {
            ranges.AsSpan().Fill(CodeRange.Empty);
        }

        Summarize(0, count);
    }

    // Sets the pair bitmaps of rows whose buckets were kept (TextPairs.Words a row), row i taking those of row
    // order[i]: each 64 rows' words are gathered into squares of 64 by 64 bits, a square per word of buckets, and
    // transposed into a word of each bucket's bitmap.
    private void SetPairBitmaps(ulong[] kept, ReadOnlySpan<int> order)
    {
        Span<ulong> squares = stackalloc ulong[TextPairs.Words * Bits.PerWord];
        for (var word = 0; word < Bits.WordsFor(order.Length); word++)
        {
            var first = Bits.RowsBefore(word);
            var rows = Math.Min(Bits.PerWord, order.Length - first);
            squares.Clear();
            for (var row = 0; row < rows; row++)
            {
                var buckets = kept.AsSpan(order[first + row] * TextPairs.Words, TextPairs.Words);
                for (var square = 0; square < TextPairs.Words; square++)
                {
                    squares[(square * Bits.PerWord) + row] = buckets[square];
                }
            }

            for (var square = 0; square < TextPairs.Words; square++)
            {
                Bits.Transpose(squares.Slice(square * Bits.PerWord, Bits.PerWord));
            }

            for (var bucket = 0; bucket < TextPairs.Buckets; bucket++)
            {
                if (squares[bucket] != 0)
                {
                    MarkWord(CatalogKeys.PairOrdinal(bucket), word, squares[bucket]);
                }
            }
        }
    }

    private static void Gather<T>(T[] column, ReadOnlySpan<int> order)
    {
        var gathered = ArrayPool<T>.Shared.Rent(order.Length);
        for (var row = 0; row < order.Length; row++)
        {
            gathered[row] = column[order[row]];
        }

        gathered.AsSpan(0, order.Length).CopyTo(column);
        ArrayPool<T>.Shared.Return(gathered);
    }

    // Widens the ranges of the blocks holding a run of rows to their codes.
    private void Summarize(int offset, int count)
    {
        for (var column = 0; column < Codes.Length; column++)
        {
            var (codes, ranges) = (Codes[column], Ranges[column]);
            for (var row = offset; row < offset + count; row++)
            {
                ref var range = ref ranges[row >> BlockShift];
                range = range.With(codes[row]);
            }
        }
    }

    /// <summary>The ordinals this chunk has a bitmap for.</summary>
    public int BitmapSlots => Volatile.Read(ref _bitmaps).Length;

    /// <summary>
    /// The rows of <paramref name="rows"/> (in the chunk's word <paramref name="word"/>) still alive to a snapshot
    /// taken at <paramref name="sequence"/>: a row retired after the snapshot was taken is alive to it.
    /// </summary>
    public ulong Living(int word, int sequence, ulong rows)
    {
        for (var died = Died[word] & rows; died != 0; died &= died - 1)
        {
            if (DiedAt[Bits.LowestRow(word, died)] <= sequence)
            {
                rows &= ~Bits.LowestBit(died);
            }
        }

        return rows;
    }

    /// <summary>Retires a row as of <paramref name="sequence"/>.</summary>
    public void Retire(int offset, int sequence)
    {
        RetiredRows++;
        DiedAt[offset] = sequence;
        Bits.Set(Died, offset);
    }

    /// <summary>
    /// Undoes what a write that was never published left in this chunk: rows from <paramref name="offset"/> on lose
    /// their key bits (the next write there sets its own bits only), and rows retired after
    /// <paramref name="sequence"/>, the published one, are alive again. What else such a write left is overwritten by
    /// the next write or only widens a block's ranges.
    /// </summary>
    public void Forget(int offset, int sequence)
    {
        for (var word = 0; word < Died.Length; word++)
        {
            for (var died = Died[word]; died != 0; died &= died - 1)
            {
                var row = Bits.LowestRow(word, died);
                if (row >= offset || DiedAt[row] > sequence)
                {
                    (DiedAt[row], RetiredRows) = (Alive, RetiredRows - 1);
                    Bits.Clear(Died, row);
                }
            }
        }

        if (offset >= Capacity)
        {
            return;
        }

        var first = Bits.WordOf(offset);
        foreach (var bits in Volatile.Read(ref _bitmaps))
        {
            if (bits is not null)
            {
                bits[first] &= Bits.Before(offset);
                bits.AsSpan(first + 1).Clear();
            }
        }
    }

    public void SetBit(int ordinal, int offset)
    {
        // Most rows' keys have their bitmaps already: the rest is out of line, so that this part is inlined.
        var bitmaps = _bitmaps;
        if ((uint)ordinal < (uint)bitmaps.Length && bitmaps[ordinal] is { } bits)
        {
            Bits.Set(bits, offset);
            _blocksWithKey[ordinal] |= 1UL << (offset >> BlockShift);
            return;
        }

        SetBitOfNewBitmap(ordinal, offset);
    }

    /// <summary>Sets the bits of word <paramref name="word"/> of a key's bitmap that are set in <paramref name="bits"/>, in a chunk no reader can see yet.</summary>
    public void MarkWord(int ordinal, int word, ulong bits)
    {
        BitmapOf(ordinal)[word] |= bits;
        _blocksWithKey[ordinal] |= 1UL << (word / WordsPerBlock);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetBitOfNewBitmap(int ordinal, int offset)
    {
        var bits = BitmapOf(ordinal);
        _blocksWithKey[ordinal] |= 1UL << (offset >> BlockShift);
        Bits.Set(bits, offset);
    }

    // The bitmap of a key, made (and the arrays of bitmaps and blocks lengthened) when the chunk has none yet.
    private ulong[] BitmapOf(int ordinal)
    {
        var bitmaps = _bitmaps;
        if (ordinal >= bitmaps.Length)
        {
            // A new key: publish longer arrays rather than change the length of one a reader holds. The blocks first,
            // so that a reader seeing the new key's bitmap sees its blocks too.
            var length = Math.Max(ordinal + 1, bitmaps.Length * 2);
            var blocks = new ulong[length];
            Array.Copy(_blocksWithKey, blocks, _blocksWithKey.Length);
            Volatile.Write(ref _blocksWithKey, blocks);
            var longer = new ulong[]?[length];
            Array.Copy(bitmaps, longer, bitmaps.Length);
            Volatile.Write(ref _bitmaps, longer);
            bitmaps = longer;
        }

        var bits = bitmaps[ordinal];
        if (bits is null)
        {
            bits = new ulong[Bits.WordsFor(Capacity)];
            Volatile.Write(ref bitmaps[ordinal], bits);
        }

        return bits;
    }

    // The blocks in which a bitmap has a bit set.
    private static ulong BlocksHolding(ReadOnlySpan<ulong> bits)
    {
        var blocks = 0UL;
        for (var word = 0; word < bits.Length; word++)
        {
            if (bits[word] != 0)
            {
                blocks |= 1UL << (word / WordsPerBlock);
            }
        }

        return blocks;
    }
}

/// <summary>
/// A chunk's rows of bytes (encoded listings, or folded texts), each after its length as a varint, in pages that are
/// never rewritten, one array per page rather than per row. Only the single writer appends; the page array is
/// published whole after its pages are filled, so a reader finds a row's page in the array it reads after its snapshot.
/// </summary>
internal sealed class RowPages
{
    private readonly int _pageSize;
    private byte[][] _pages = [];
    private int _count;
    private int _used;

    /// <summary>Pages for a chunk of <paramref name="capacity"/> rows: 32 bytes a row (a small catalog stays small) up to <see cref="CatalogChunk.PageSize"/>.</summary>
    public RowPages(int capacity) => _pageSize = Math.Min(CatalogChunk.PageSize, capacity * 32);

    /// <summary>
    /// The same pages for a chunk of <paramref name="capacity"/> rows grown from this one, which appends past this
    /// one's rows (its new pages sized for its capacity); this one is not written again.
    /// </summary>
    public RowPages Share(int capacity) => new(capacity) { _pages = _pages, _count = _count, _used = _used };

    /// <summary>Asks for the cache line of the page list's slot that holds the page a row starts in (<see cref="Append"/>'s answer).</summary>
    public void PrefetchPage(long start) => CacheLines.Prefetch(Volatile.Read(ref _pages), (int)(start >> 32));

    /// <summary>Asks for the first <paramref name="lines"/> cache lines from where a row starts (<see cref="Append"/>'s answer).</summary>
    public void Prefetch(long start, int lines)
    {
        var page = Volatile.Read(ref _pages)[(int)(start >> 32)];
        for (var line = 0; line < lines; line++)
        {
            CacheLines.Prefetch(page, unchecked((int)start) + (line * 64));
        }
    }

    /// <summary>The row that starts at <paramref name="start"/> (<see cref="Append"/>'s answer).</summary>
    public ReadOnlyMemory<byte> At(long start)
    {
        var page = Volatile.Read(ref _pages)[(int)(start >> 32)];
        var at = unchecked((int)start);
        var length = (int)ListingCodec.ReadVarint(page, ref at);
        return page.AsMemory(at, length);
    }

    /// <summary>
    /// Appends a row, to the last page or to a new one when it does not fit (taken from <paramref name="recycled"/>
    /// while it has pages of the size); returns where it starts: its page in the high half, the byte in the low.
    /// </summary>
    public long Append(ReadOnlySpan<byte> row, PagePool? recycled = null)
    {
        Span<byte> prefix = stackalloc byte[ListingCodec.MaxVarintLength];
        var prefixLength = ListingCodec.WriteVarint(prefix, (ulong)row.Length);

        var needed = prefixLength + row.Length;
        if (_count == 0 || _used + needed > _pages[_count - 1].Length)
        {
            var pages = _pages;
            if (_count == pages.Length)
            {
                // A longer page array, published after its pages are copied: a reader may hold the shorter one.
                Array.Resize(ref pages, Math.Max(4, pages.Length * 2));
            }

            // Uninitialised, or another chunk's that nothing reads any more: every byte a reader reads is written first.
            pages[_count++] = (needed <= _pageSize ? recycled?.Take(_pageSize) : null) ?? MemoryPages.Populated(GC.AllocateUninitializedArray<byte>(Math.Max(_pageSize, needed)));
            Volatile.Write(ref _pages, pages);
            _used = 0;
        }

        var page = _pages[_count - 1];
        prefix[..prefixLength].CopyTo(page.AsSpan(_used));
        row.CopyTo(page.AsSpan(_used + prefixLength));
        var start = ((long)(_count - 1) << 32) | (uint)_used;
        _used += needed;
        return start;
    }

    /// <summary>The pages written so far.</summary>
    public int Count => _count;

    /// <summary>Gives this chunk's pages to <paramref name="pool"/>, for another chunk to write over: nothing may read them again.</summary>
    public void GiveTo(PagePool pool)
    {
        for (var page = 0; page < _count; page++)
        {
            pool.Give(_pages[page]);
        }

        (_pages, _count, _used) = ([], 0, 0);
    }

    /// <summary>
    /// Adds the full-size pages to <paramref name="pages"/> while it holds fewer than <paramref name="limit"/>. They
    /// stay in this list too, so that a page's cache line asked for (<see cref="Prefetch"/>) is still found; nothing
    /// may read or write them here again.
    /// </summary>
    public void CollectPages(List<byte[]> pages, int limit)
    {
        for (var page = 0; page < _count && pages.Count < limit; page++)
        {
            if (_pages[page].Length == CatalogChunk.PageSize)
            {
                pages.Add(_pages[page]);
            }
        }
    }
}

/// <summary>
/// Pages of <see cref="CatalogChunk.PageSize"/> bytes that no reader holds any more, for other chunks' new pages: a
/// load's clustering copies every row's bytes into new pages (<see cref="CatalogChunk.Reorder"/>), and a catalog's
/// writes after a compaction take the pages of the chunks it replaced, which would otherwise ask the system for as much
/// fresh memory again as the rows take (a page fault for every few rows). Shared by the threads reordering chunks.
/// </summary>
internal sealed class PagePool
{
    private readonly ConcurrentBag<byte[]> _pages = [];

    /// <summary>The pages kept.</summary>
    public int Count => _pages.Count;

    /// <summary>Keeps a page for reuse, if it is of the full size (a longer row's page of its own is let go).</summary>
    public void Give(byte[] page)
    {
        if (page.Length == CatalogChunk.PageSize)
        {
            _pages.Add(page);
        }
    }

    /// <summary>Lets every kept page go.</summary>
    public void Clear() => _pages.Clear();

    /// <summary>A kept page of <paramref name="size"/> bytes, or null when there is none.</summary>
    public byte[]? Take(int size) => size == CatalogChunk.PageSize && _pages.TryTake(out var page) ? page : null;
}
