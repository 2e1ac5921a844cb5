using System.Numerics;
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
    public const int AccountType = PostsLast30Days + 1;
    public const int BirthDay = AccountType + 1;
    public const int AgeBandMinimum = BirthDay + 1;
    public const int LatestViolationDay = AgeBandMinimum + 1;
    public const int Count = LatestViolationDay + 1;

    public static int Of(AudienceGender gender) => FirstGender + gender.Value - 1;

    public static int Of(AgeBucket age) => FirstAge + age.Value - 1;
}

/// <summary>
/// Up to <see cref="Rows"/> consecutive rows of the catalog: the listing of each row, when it was retired, the row
/// its creator had before, its peer group's number, its folded text for keywords, the searchable numbers as 32-bit floats, and one bitmap per key (by ordinal, allocated
/// when the chunk first holds the key). Rows are appended by the single writer and never rewritten; readers only
/// read rows below their snapshot's count.
/// </summary>
/// <remarks>
/// Floats halve the memory and double the width of the vectorised filters. They lose no answers: rounding to float
/// keeps order (a ≤ b implies float(a) ≤ float(b)), so a stored value strictly inside or outside a bound is decided
/// by the float alone, and only a value whose float equals the bound's float is checked on the listing itself.
/// A number the platform did not report is NaN, which fails every comparison, as an unreported number must.
/// </remarks>
internal sealed class CatalogChunk
{
    public const int Shift = 16;
    public const int Rows = 1 << Shift;
    public const int WordShift = Shift - 6;
    public const int Alive = int.MaxValue;

    private ulong[]?[] _bitmaps;

    public CatalogChunk(int capacity, int keyCount)
    {
        Capacity = capacity;
        Listings = new CreatorListing[capacity];
        DiedAt = new int[capacity];
        PreviousRow = new int[capacity];
        PeerGroups = new int[capacity];
        Folded = new FoldedText[capacity];
        Died = new ulong[Bits.WordsFor(capacity)];
        Numbers = new float[NumberColumn.Count][];
        for (var column = 0; column < Numbers.Length; column++)
        {
            Numbers[column] = new float[capacity];
        }

        _bitmaps = new ulong[]?[keyCount];
    }

    /// <summary>Rows this chunk has room for: a power of two, at most <see cref="Rows"/>.</summary>
    public int Capacity { get; }

    public CreatorListing[] Listings { get; }

    /// <summary>The snapshot sequence that retired the row (valid where <see cref="Died"/> has its bit).</summary>
    public int[] DiedAt { get; }

    /// <summary>The row the same creator had before this one, or -1.</summary>
    public int[] PreviousRow { get; }

    /// <summary>The number of each row's peer group (see <see cref="CatalogKeys.PeerGroups"/>).</summary>
    public int[] PeerGroups { get; }

    /// <summary>Each row's handles, name and bio folded for keyword search, so that a search folds only its keyword.</summary>
    public FoldedText[] Folded { get; }

    /// <summary>How many rows have been retired; while none is, readers skip the check.</summary>
    public int RetiredRows { get; private set; }

    /// <summary>Rows retired at some sequence; a reader whose sequence is earlier still sees them.</summary>
    public ulong[] Died { get; }

    public float[][] Numbers { get; }

    public ulong[]? Bitmap(int ordinal)
    {
        var bitmaps = Volatile.Read(ref _bitmaps);
        return ordinal < bitmaps.Length ? bitmaps[ordinal] : null;
    }

    /// <summary>A copy with room for <paramref name="capacity"/> rows, holding the first <paramref name="count"/>.</summary>
    public CatalogChunk Grow(int capacity, int count)
    {
        var grown = new CatalogChunk(capacity, _bitmaps.Length);
        Array.Copy(Listings, grown.Listings, count);
        Array.Copy(DiedAt, grown.DiedAt, count);
        Array.Copy(PreviousRow, grown.PreviousRow, count);
        Array.Copy(PeerGroups, grown.PeerGroups, count);
        Array.Copy(Folded, grown.Folded, count);
        Array.Copy(Died, grown.Died, Died.Length);
        grown.RetiredRows = RetiredRows;
        for (var column = 0; column < Numbers.Length; column++)
        {
            Array.Copy(Numbers[column], grown.Numbers[column], count);
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

        return grown;
    }

    /// <summary>
    /// Writes a listing, with its text folded by <see cref="FoldedText.Of"/> and its numbers by <see cref="NumbersOf"/>,
    /// into a row no reader can see yet.
    /// </summary>
    public void Write(int offset, CreatorListing listing, FoldedText folded, ReadOnlySpan<float> numbers, int previousRow, List<int> ordinals, int peerGroup)
    {
        Listings[offset] = listing;
        PeerGroups[offset] = peerGroup;
        Folded[offset] = folded;
        DiedAt[offset] = Alive;
        PreviousRow[offset] = previousRow;
        for (var column = 0; column < Numbers.Length; column++)
        {
            Numbers[column][offset] = numbers[column];
        }

        foreach (var ordinal in ordinals)
        {
            SetBit(ordinal, offset);
        }
    }

    /// <summary>A listing's searchable numbers, one per <see cref="NumberColumn"/>, written into <paramref name="numbers"/>.</summary>
    public static void NumbersOf(CreatorListing listing, Span<float> numbers)
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
        numbers[NumberColumn.AccountType] = listing.PrimaryAccount.Type.Value;
        var profile = listing.Profile;
        numbers[NumberColumn.BirthDay] = profile.BirthDate is { } birthDate ? EpochDay.Of(birthDate) : float.NaN;
        numbers[NumberColumn.AgeBandMinimum] = profile.AgeBand is { } band ? band.MinAge : float.NaN;
        numbers[NumberColumn.LatestViolationDay] = listing.ComplianceHistory.Count > 0
            ? EpochDay.Of(listing.ComplianceHistory.Max(violation => violation.OccurredAt))
            : float.NaN;
    }

    // A reported breakdown's missing buckets are a share of 0; an unreported breakdown is unknown (NaN) throughout.
    // The shares are the columns of the buckets' values, from 1 on (NumberColumn.Of), read as the distribution holds them.
    private static void WriteShares<TKey>(Span<float> shares, Distribution<TKey>? distribution)
        where TKey : SmartEnum<TKey, int>
    {
        shares.Fill(distribution is null ? float.NaN : 0f);
        if (distribution is not null)
        {
            for (var buckets = distribution.GetBucketEnumerator(); buckets.MoveNext();)
            {
                var (bucket, share) = buckets.Current;
                shares[bucket.Value - 1] = (float)share.Fraction;
            }
        }
    }

    /// <summary>Copies a run of living rows' listings, folded text and numbers from another chunk into rows no reader can see yet.</summary>
    public void CopyRows(CatalogChunk source, int sourceOffset, int offset, int count)
    {
        Array.Copy(source.Listings, sourceOffset, Listings, offset, count);
        Array.Fill(DiedAt, Alive, offset, count);
        Array.Fill(PreviousRow, -1, offset, count);
        Array.Copy(source.PeerGroups, sourceOffset, PeerGroups, offset, count);
        Array.Copy(source.Folded, sourceOffset, Folded, offset, count);
        for (var column = 0; column < Numbers.Length; column++)
        {
            Array.Copy(source.Numbers[column], sourceOffset, Numbers[column], offset, count);
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

    public void SetBit(int ordinal, int offset)
    {
        var bitmaps = _bitmaps;
        if (ordinal >= bitmaps.Length)
        {
            // A new key: publish a longer array rather than change the length of one a reader holds.
            var longer = new ulong[]?[Math.Max(ordinal + 1, bitmaps.Length * 2)];
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

        Bits.Set(bits, offset);
    }
}
