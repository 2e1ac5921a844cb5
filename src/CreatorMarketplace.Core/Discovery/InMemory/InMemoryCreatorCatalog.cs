using System.Collections.Concurrent;
using System.Numerics;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// The embedded creator catalog: a columnar index beside the listings. Upserts append a row and retire the old one,
/// so a write costs the same on a catalog of ten creators or ten million and never rebuilds the index (dead rows are
/// compacted away only once they outnumber the living). Searches read an immutable snapshot — the row count and
/// sequence published by the last write — so they run without locks and never see a creator half-updated.
/// </summary>
/// <remarks>
/// Searches filter on packed columns (home country, the primary account's numbers, tier, past campaigns, badges,
/// availability, price, audience gender and age shares) and on one bitmap per language and label; filters the
/// columns do not cover (another platform's account, subdivisions, audience countries, major buckets, keywords,
/// exclusions) are checked exactly on the listings that pass the columns. Results always equal
/// <see cref="CreatorQuery.Matches"/> and <see cref="CreatorQuery.Compare(CreatorListing, CreatorListing)"/>.
/// </remarks>
public sealed class InMemoryCreatorCatalog : ICreatorCatalog
{
    private const int InitialCapacity = 1_024;

    private readonly object _writeLock = new();
    private readonly Dictionary<CreatorId, int> _rowOf = [];
    private readonly ConcurrentDictionary<CreatorId, CreatorListing> _latest = new();
    private Snapshot _snapshot = new(new CatalogColumns(InitialCapacity), 0, 0);
    private int _deadRows;

    /// <summary>How many creators the catalog holds.</summary>
    public int Count => _latest.Count;

    /// <inheritdoc />
    public ValueTask<bool> UpsertAsync(CreatorListing listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listing);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            if (_latest.TryGetValue(listing.Id, out var stored) && stored.Version >= listing.Version)
            {
                return ValueTask.FromResult(false);
            }

            var current = _snapshot;
            var sequence = current.Sequence + 1;
            var columns = current.Count < current.Columns.Capacity ? current.Columns : current.Columns.Grow(current.Columns.Capacity * 2, current.Count);
            var row = current.Count;
            columns.Write(row, listing);
            if (_rowOf.TryGetValue(listing.Id, out var previous))
            {
                columns.DiedAt[previous] = sequence;
                _deadRows++;
            }

            _rowOf[listing.Id] = row;
            _latest[listing.Id] = listing;
            Publish(new Snapshot(columns, row + 1, sequence));
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(CreatorId creator, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            if (!_rowOf.Remove(creator, out var row))
            {
                return ValueTask.FromResult(false);
            }

            var current = _snapshot;
            var sequence = current.Sequence + 1;
            current.Columns.DiedAt[row] = sequence;
            _deadRows++;
            _latest.TryRemove(creator, out _);
            Publish(current with { Sequence = sequence });
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<CreatorListing?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_latest.GetValueOrDefault(creator));
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

        var snapshot = Volatile.Read(ref _snapshot);
        var matches = Filter(snapshot, query);
        return ValueTask.FromResult<CreatorSearchResult>(Page(snapshot, query, matches));
    }

    private void Publish(Snapshot next)
    {
        // Compact once dead rows outnumber the living: the rebuild's cost is paid back by the writes that made them.
        if (_deadRows > InitialCapacity && _deadRows > next.Count - _deadRows)
        {
            var live = new CatalogColumns(Math.Max(InitialCapacity, (int)BitOperations.RoundUpToPowerOf2((uint)(_rowOf.Count * 2))));
            var row = 0;
            foreach (var id in _rowOf.Keys.ToArray())
            {
                live.Write(row, _latest[id]);
                _rowOf[id] = row++;
            }

            _deadRows = 0;
            next = new Snapshot(live, row, next.Sequence);
        }

        Volatile.Write(ref _snapshot, next);
    }

    private static List<int> Filter(Snapshot snapshot, CreatorQuery query)
    {
        var columns = snapshot.Columns;
        var candidates = CandidateWords(snapshot, query);
        var countries = Lookup(query.Countries.Select(country => country.NumericCode), 1_000);
        var tiers = Lookup(query.Tiers.Select(tier => tier.Value), 8);
        var price = PriceBounds(query.Price);
        var exactCheck = NeedsExactCheck(query);
        var onPrimary = query.Platform is null;
        (int Slot, double MinShare)[] genderThresholds = query.FollowerGender is { } gender ? [(gender.Bucket.Value - 1, gender.MinShare)] : [];
        var ageThresholds = query.FollowerAges.Select(age => (Slot: age.Bucket.Value - 1, age.MinShare)).ToArray();
        var (pastMin, pastMax) = (query.PastCampaignCount.Min ?? int.MinValue, query.PastCampaignCount.Max ?? int.MaxValue);
        var followers = LongBounds.Of(query.Followers);
        var averageViews = LongBounds.Of(query.AverageViews);
        var medianViews = LongBounds.Of(query.MedianViews);
        var engagementBounded = !query.EngagementRate.IsAny;
        var (engagementMin, engagementMax) = (query.EngagementRate.Min ?? double.NegativeInfinity, query.EngagementRate.Max ?? double.PositiveInfinity);
        var flagsRequired = (byte)(query.RequireResponsiveBadge ? CatalogColumns.Responsive : 0);
        var flagsRefused = (byte)(query.ExcludeOnVacation ? CatalogColumns.OnVacation : 0);
        var matches = new List<int>();
        for (var word = 0; word < candidates.Length; word++)
        {
            var bits = candidates[word];
            while (bits != 0)
            {
                var row = (word << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var flags = columns.Flags[row];
                if (columns.DiedAt[row] <= snapshot.Sequence
                    || (countries is not null && !countries[columns.Countries[row]])
                    || (flags & flagsRequired) != flagsRequired
                    || (flags & flagsRefused) != 0
                    || columns.PastCampaigns[row] < pastMin
                    || columns.PastCampaigns[row] > pastMax
                    || (price is { } bounds && !bounds.Contains(columns.PriceCurrencies[row], columns.PriceMinorUnits[row])))
                {
                    continue;
                }

                // Unknown numbers are stored as -1 (views) and NaN (rates): both fail any bounded range.
                if (onPrimary
                    && ((tiers is not null && !tiers[columns.Tiers[row]])
                        || !followers.Contains(columns.Followers[row])
                        || !averageViews.Contains(columns.AverageViews[row])
                        || !medianViews.Contains(columns.MedianViews[row])
                        || (engagementBounded && !(columns.EngagementRates[row] >= engagementMin && columns.EngagementRates[row] <= engagementMax))))
                {
                    continue;
                }

                if (!SharesMeet(columns.GenderShares, row * CatalogColumns.GenderSlots, genderThresholds)
                    || !SharesMeet(columns.AgeShares, row * CatalogColumns.AgeSlots, ageThresholds)
                    || (exactCheck && !query.Matches(columns.Listings[row])))
                {
                    continue;
                }

                matches.Add(row);
            }
        }

        return matches;
    }

    private static CreatorSearchPage Page(Snapshot snapshot, CreatorQuery query, List<int> matches)
    {
        var columns = snapshot.Columns;

        // Sort keys come from the columns when they hold them; keyword ranks and other platforms need the listing.
        var fromColumns = query.Platform is null && query.Keyword is null;
        var byRank = Comparer<(SearchPosition Position, int Row)>.Create((left, right) => query.Compare(right.Position, left.Position));
        var best = new PriorityQueue<int, (SearchPosition Position, int Row)>(query.PageSize + 1, byRank);
        var remaining = 0;
        foreach (var row in matches)
        {
            var position = fromColumns ? PositionFromColumns(columns, query, row) : query.PositionOf(columns.Listings[row]);
            if (query.After is { } after && query.Compare(position, after) <= 0)
            {
                continue;
            }

            remaining++;
            best.Enqueue(row, (position, row));
            if (best.Count > query.PageSize)
            {
                best.Dequeue(); // drop the worst of the kept
            }
        }

        var page = new (int Row, SearchPosition Position)[best.Count];
        for (var i = page.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var row, out var key);
            page[i] = (row, key.Position);
        }

        SearchPosition? next = remaining > query.PageSize ? page[^1].Position : null;
        var items = Array.ConvertAll(page, entry => columns.Listings[entry.Row]);
        return new CreatorSearchPage(items, matches.Count, Facets(snapshot, query, matches), next);
    }

    private static SearchPosition PositionFromColumns(CatalogColumns columns, CreatorQuery query, int row)
    {
        double? value = query.Sort == CreatorSort.MedianViews
            ? (columns.MedianViews[row] < 0 ? null : columns.MedianViews[row])
            : query.Sort == CreatorSort.EngagementRate
                ? (double.IsNaN(columns.EngagementRates[row]) ? null : columns.EngagementRates[row])
                : columns.Followers[row];
        return new SearchPosition(0, value, columns.Listings[row].Id);
    }

    private static CreatorFacets Facets(Snapshot snapshot, CreatorQuery query, List<int> matches)
    {
        var columns = snapshot.Columns;
        var countryCounts = new int[1_000];
        var tierCounts = new int[8];
        var matched = new ulong[(snapshot.Count + 63) >> 6];
        foreach (var row in matches)
        {
            countryCounts[columns.Countries[row]]++;
            tierCounts[query.Platform is null ? columns.Tiers[row] : query.AccountOf(columns.Listings[row])!.Stats.Tier.Value]++;
            matched[row >> 6] |= 1UL << (row & 63);
        }

        var byCountry = new Dictionary<Country, int>();
        for (var code = 0; code < countryCounts.Length; code++)
        {
            if (countryCounts[code] > 0)
            {
                byCountry[Country.FromValue(code)] = countryCounts[code];
            }
        }

        var byTier = new Dictionary<FollowerTier, int>();
        for (var tier = 0; tier < tierCounts.Length; tier++)
        {
            if (tierCounts[tier] > 0)
            {
                byTier[FollowerTier.FromValue(tier)] = tierCounts[tier];
            }
        }

        return new CreatorFacets(byCountry, CountBits(columns.Languages, matched), CountBits(columns.ContentLabels, matched), byTier);
    }

    // Counts matching rows per key by intersecting the match bitset with each key's bitmap.
    private static Dictionary<TKey, int> CountBits<TKey>(Dictionary<TKey, ulong[]> bitmaps, ulong[] matched)
        where TKey : notnull
    {
        var counts = new Dictionary<TKey, int>();
        foreach (var (key, bits) in bitmaps)
        {
            var count = 0;
            for (var i = 0; i < matched.Length; i++)
            {
                count += BitOperations.PopCount(matched[i] & bits[i]);
            }

            if (count > 0)
            {
                counts[key] = count;
            }
        }

        return counts;
    }

    private static bool[]? Lookup(IEnumerable<int> values, int size)
    {
        bool[]? lookup = null;
        foreach (var value in values)
        {
            lookup ??= new bool[size];
            lookup[value] = true;
        }

        return lookup;
    }

    private static ulong[] CandidateWords(Snapshot snapshot, CreatorQuery query)
    {
        var columns = snapshot.Columns;
        var words = new ulong[(snapshot.Count + 63) >> 6];
        Array.Fill(words, ulong.MaxValue);
        if (snapshot.Count % 64 != 0 && words.Length > 0)
        {
            words[^1] = (1UL << (snapshot.Count % 64)) - 1;
        }

        IntersectAnyOf(words, columns.Languages, query.Languages);
        IntersectAnyOf(words, columns.ContentLabels, query.ContentLabels);
        IntersectAnyOf(words, columns.IndustryLabels, query.IndustryLabels);
        return words;
    }

    // Keeps only rows that have at least one of the wanted keys.
    private static void IntersectAnyOf<TKey>(ulong[] words, Dictionary<TKey, ulong[]> bitmaps, IReadOnlyCollection<TKey> wanted)
        where TKey : notnull
    {
        if (wanted.Count == 0)
        {
            return;
        }

        var any = new ulong[words.Length];
        foreach (var key in wanted)
        {
            if (bitmaps.TryGetValue(key, out var bits))
            {
                for (var i = 0; i < any.Length; i++)
                {
                    any[i] |= bits[i];
                }
            }
        }

        for (var i = 0; i < words.Length; i++)
        {
            words[i] &= any[i];
        }
    }

    private static bool NeedsExactCheck(CreatorQuery query) =>
        query.Platform is not null
        || query.Subdivisions.Count > 0
        || query.FollowerCountries.Count > 0
        || query.MajorAudienceGender is not null
        || query.MajorAudienceAge is not null
        || query.MajorAudienceCountry is not null
        || query.Keyword is not null
        || query.Excluded.Count > 0;

    private static bool SharesMeet(double[] shares, int start, (int Slot, double MinShare)[] thresholds)
    {
        foreach (var (slot, minShare) in thresholds)
        {
            // NaN (breakdown not reported) fails every comparison, as the definition requires.
            if (!(shares[start + slot] >= minShare))
            {
                return false;
            }
        }

        return true;
    }

    private static PriceBoundsInMinorUnits? PriceBounds(PriceRange price)
    {
        if (price.Amount.IsAny || price.Currency is not { } currency)
        {
            return null;
        }

        // Exact integer bounds: a price of p minor units lies in [min, max] exactly when ceil(min) <= p <= floor(max).
        var scale = Money.FromMinorUnits(1, currency).Amount;
        long? min = price.Amount.Min is { } low ? (long)Math.Ceiling(Math.Min(low / scale, long.MaxValue)) : null;
        long? max = price.Amount.Max is { } high ? (long)Math.Floor(Math.Min(high / scale, long.MaxValue)) : null;
        return new PriceBoundsInMinorUnits((short)currency.NumericCode, min, max);
    }

    private readonly record struct PriceBoundsInMinorUnits(short Currency, long? Min, long? Max)
    {
        public bool Contains(short currency, long minorUnits) =>
            currency == Currency && (Min is null || minorUnits >= Min) && (Max is null || minorUnits <= Max);
    }

    // Inclusive bounds on a count; -1 (unknown) fails any bounded range.
    private readonly record struct LongBounds(bool Bounded, long Min, long Max)
    {
        public static LongBounds Of(NumberRange<long> range) => new(!range.IsAny, range.Min ?? 0, range.Max ?? long.MaxValue);

        public bool Contains(long value) => !Bounded || (value >= 0 && value >= Min && value <= Max);
    }

    private sealed record Snapshot(CatalogColumns Columns, int Count, long Sequence);
}
