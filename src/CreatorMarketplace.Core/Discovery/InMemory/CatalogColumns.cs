using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// The columnar store behind <see cref="InMemoryCreatorCatalog"/>: one row per stored listing version, appended
/// and never rewritten, the searchable numbers of the primary account packed in arrays, and one bitmap per language
/// and label. Only the single writer appends rows or marks them dead; readers see rows below their snapshot's count
/// whose death (if any) came after their snapshot's sequence.
/// </summary>
internal sealed class CatalogColumns
{
    public const long Alive = long.MaxValue;
    public const int GenderSlots = 3;
    public const int AgeSlots = 6;

    public CatalogColumns(int capacity)
    {
        Capacity = capacity;
        Listings = new CreatorListing[capacity];
        DiedAt = new long[capacity];
        Countries = new short[capacity];
        Followers = new long[capacity];
        AverageViews = new long[capacity];
        MedianViews = new long[capacity];
        EngagementRates = new double[capacity];
        Tiers = new byte[capacity];
        PastCampaigns = new int[capacity];
        Flags = new byte[capacity];
        PriceMinorUnits = new long[capacity];
        PriceCurrencies = new short[capacity];
        GenderShares = new double[capacity * GenderSlots];
        AgeShares = new double[capacity * AgeSlots];
        Languages = new Dictionary<Language, ulong[]>();
        ContentLabels = new Dictionary<ContentLabel, ulong[]>();
        IndustryLabels = new Dictionary<IndustryLabel, ulong[]>();
    }

    public const byte Responsive = 1;
    public const byte OnVacation = 2;

    public int Capacity { get; }

    public CreatorListing[] Listings { get; }

    public long[] DiedAt { get; }

    public short[] Countries { get; }

    public long[] Followers { get; }

    public long[] AverageViews { get; }

    public long[] MedianViews { get; }

    public double[] EngagementRates { get; }

    public byte[] Tiers { get; }

    public int[] PastCampaigns { get; }

    public byte[] Flags { get; }

    public long[] PriceMinorUnits { get; }

    public short[] PriceCurrencies { get; }

    public double[] GenderShares { get; }

    public double[] AgeShares { get; }

    // Dictionaries are replaced, never mutated, once a snapshot that holds them is published.
    public Dictionary<Language, ulong[]> Languages { get; private set; }

    public Dictionary<ContentLabel, ulong[]> ContentLabels { get; private set; }

    public Dictionary<IndustryLabel, ulong[]> IndustryLabels { get; private set; }

    public int Words => (Capacity + 63) >> 6;

    /// <summary>A copy with room for <paramref name="capacity"/> rows, holding the first <paramref name="count"/>.</summary>
    public CatalogColumns Grow(int capacity, int count)
    {
        var grown = new CatalogColumns(capacity);
        Array.Copy(Listings, grown.Listings, count);
        Array.Copy(DiedAt, grown.DiedAt, count);
        Array.Copy(Countries, grown.Countries, count);
        Array.Copy(Followers, grown.Followers, count);
        Array.Copy(AverageViews, grown.AverageViews, count);
        Array.Copy(MedianViews, grown.MedianViews, count);
        Array.Copy(EngagementRates, grown.EngagementRates, count);
        Array.Copy(Tiers, grown.Tiers, count);
        Array.Copy(PastCampaigns, grown.PastCampaigns, count);
        Array.Copy(Flags, grown.Flags, count);
        Array.Copy(PriceMinorUnits, grown.PriceMinorUnits, count);
        Array.Copy(PriceCurrencies, grown.PriceCurrencies, count);
        Array.Copy(GenderShares, grown.GenderShares, count * GenderSlots);
        Array.Copy(AgeShares, grown.AgeShares, count * AgeSlots);
        grown.Languages = CopyBitmaps(Languages, grown.Words);
        grown.ContentLabels = CopyBitmaps(ContentLabels, grown.Words);
        grown.IndustryLabels = CopyBitmaps(IndustryLabels, grown.Words);
        return grown;
    }

    /// <summary>Writes a listing into row <paramref name="row"/>, which no reader can see yet.</summary>
    public void Write(int row, CreatorListing listing)
    {
        var stats = listing.PrimaryAccount.Stats;
        Listings[row] = listing;
        DiedAt[row] = Alive;
        Countries[row] = (short)listing.Profile.HomeCountry.NumericCode;
        Followers[row] = stats.Followers;
        AverageViews[row] = stats.AverageViews ?? -1;
        MedianViews[row] = stats.MedianViews ?? -1;
        EngagementRates[row] = stats.EngagementRate ?? double.NaN;
        Tiers[row] = (byte)stats.Tier.Value;
        PastCampaigns[row] = listing.PastCampaignCount;
        Flags[row] = (byte)((listing.Badges.Contains(Badge.Responsive) ? Responsive : 0) | (listing.OnVacation ? OnVacation : 0));
        var price = listing.RateCard?.LowestPrice;
        PriceMinorUnits[row] = price?.MinorUnits ?? 0;
        PriceCurrencies[row] = (short)(price?.Currency.NumericCode ?? 0);
        WriteShares(GenderShares, row * GenderSlots, GenderSlots, listing.Audience.Gender, static gender => gender.Value - 1);
        WriteShares(AgeShares, row * AgeSlots, AgeSlots, listing.Audience.Age, static age => age.Value - 1);
        foreach (var language in listing.Profile.Languages)
        {
            Languages = SetBit(Languages, language, row);
        }

        foreach (var label in listing.Profile.ContentLabels)
        {
            ContentLabels = SetBit(ContentLabels, label, row);
        }

        foreach (var label in listing.Profile.IndustryLabels)
        {
            IndustryLabels = SetBit(IndustryLabels, label, row);
        }
    }

    private static void WriteShares<TKey>(double[] column, int start, int slots, Distribution<TKey>? distribution, Func<TKey, int> slotOf)
        where TKey : notnull
    {
        // NaN marks an unreported breakdown: it fails every threshold, as a missing audience does.
        Array.Fill(column, distribution is null ? double.NaN : 0d, start, slots);
        if (distribution is null)
        {
            return;
        }

        foreach (var (key, share) in distribution)
        {
            column[start + slotOf(key)] = share.Fraction;
        }
    }

    private Dictionary<TKey, ulong[]> SetBit<TKey>(Dictionary<TKey, ulong[]> bitmaps, TKey key, int row)
        where TKey : notnull
    {
        if (!bitmaps.TryGetValue(key, out var words))
        {
            // A new key: publish a new dictionary rather than change one a reader may be using.
            words = new ulong[Words];
            bitmaps = new Dictionary<TKey, ulong[]>(bitmaps) { [key] = words };
        }

        words[row >> 6] |= 1UL << (row & 63);
        return bitmaps;
    }

    private static Dictionary<TKey, ulong[]> CopyBitmaps<TKey>(Dictionary<TKey, ulong[]> bitmaps, int words)
        where TKey : notnull
    {
        var copy = new Dictionary<TKey, ulong[]>(bitmaps.Count);
        foreach (var (key, bits) in bitmaps)
        {
            var grown = new ulong[words];
            Array.Copy(bits, grown, bits.Length);
            copy[key] = grown;
        }

        return copy;
    }
}
