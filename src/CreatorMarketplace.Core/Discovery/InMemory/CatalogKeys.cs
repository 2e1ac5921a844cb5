using CreatorMarketplace.Creators;
using CreatorMarketplace.Scoring;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// The ordinal of every key that has a bitmap in the catalog: the two flags, the follower tiers, the buckets of the
/// keyword index's byte pairs (<see cref="TextPairs"/>), and each home country, language, content label, industry
/// label and price currency seen so far. Immutable: a listing with a
/// key not seen before makes a new instance, published with the next snapshot, so readers never see a map change.
/// Peer groups are numbered apart, from 0, as a row belongs to exactly one and has it in a column, not a bitmap.
/// </summary>
internal sealed class CatalogKeys
{
    public const int Responsive = 0;
    public const int OnVacation = 1;
    private const int FirstTier = 2;
    private static readonly int FirstPairBucket = FirstTier + FollowerTier.List.Count;

    private CatalogKeys(
        Dictionary<Country, int> countries,
        Dictionary<Language, int> languages,
        Dictionary<ContentLabel, int> contentLabels,
        Dictionary<IndustryLabel, int> industryLabels,
        Dictionary<Currency, int> currencies,
        Dictionary<PeerGroup, int> peerGroups,
        int count)
    {
        Countries = countries;
        Languages = languages;
        ContentLabels = contentLabels;
        IndustryLabels = industryLabels;
        Currencies = currencies;
        PeerGroups = peerGroups;
        Count = count;
    }

    public static CatalogKeys Empty { get; } = new([], [], [], [], [], [], FirstPairBucket + TextPairs.Buckets);

    /// <summary>How many ordinals are in use.</summary>
    public int Count { get; }

    public IReadOnlyDictionary<Country, int> Countries { get; }

    public IReadOnlyDictionary<Language, int> Languages { get; }

    public IReadOnlyDictionary<ContentLabel, int> ContentLabels { get; }

    public IReadOnlyDictionary<IndustryLabel, int> IndustryLabels { get; }

    public IReadOnlyDictionary<Currency, int> Currencies { get; }

    public IReadOnlyDictionary<PeerGroup, int> PeerGroups { get; }

    public static int TierOrdinal(FollowerTier tier) => FirstTier + tier.Value;

    /// <summary>The ordinal of the bitmap of rows whose folded text holds a byte pair of bucket <paramref name="bucket"/> (<see cref="TextPairs"/>).</summary>
    public static int PairOrdinal(int bucket) => FirstPairBucket + bucket;

    /// <summary>
    /// Adds to <paramref name="ordinals"/> the ordinals of every bitmap the listing's row belongs to, and gives its
    /// peer group's number; false when one of its keys is new, with <paramref name="ordinals"/> as it was.
    /// </summary>
    public bool TryCollect(CreatorListing listing, List<int> ordinals, out int peerGroup)
    {
        var before = ordinals.Count;
        if (TryCollectAll(listing, ordinals, out peerGroup))
        {
            return true;
        }

        ordinals.RemoveRange(before, ordinals.Count - before);
        return false;
    }

    private bool TryCollectAll(CreatorListing listing, List<int> ordinals, out int peerGroup)
    {
        if (!PeerGroups.TryGetValue(PeerGroup.Of(listing), out peerGroup))
        {
            return false;
        }

        if (listing.Badges.Contains(Badge.Responsive))
        {
            ordinals.Add(Responsive);
        }

        if (listing.OnVacation)
        {
            ordinals.Add(OnVacation);
        }

        ordinals.Add(TierOrdinal(listing.PrimaryAccount.Stats.Tier));
        var profile = listing.Profile;
        return TryAdd(Countries, profile.HomeCountry, ordinals)
            && TryAddAll(Languages, profile.Languages, ordinals)
            && TryAddAll(ContentLabels, profile.ContentLabels, ordinals)
            && TryAddAll(IndustryLabels, profile.IndustryLabels, ordinals)
            && (listing.RateCard is not { } rateCard || TryAdd(Currencies, rateCard.Currency, ordinals));
    }

    /// <summary>These keys plus those of <paramref name="listings"/> (a batch's new keys are added in one copy).</summary>
    public CatalogKeys Including(IReadOnlyCollection<CreatorListing> listings)
    {
        var count = Count;
        var peerGroups = PeerGroups.Count;
        return new CatalogKeys(
            With(Countries, listings.Select(listing => listing.Profile.HomeCountry), ref count),
            With(Languages, listings.SelectMany(listing => listing.Profile.Languages), ref count),
            With(ContentLabels, listings.SelectMany(listing => listing.Profile.ContentLabels), ref count),
            With(IndustryLabels, listings.SelectMany(listing => listing.Profile.IndustryLabels), ref count),
            With(Currencies, listings.SelectMany(listing => listing.RateCard is { } rateCard ? [rateCard.Currency] : Array.Empty<Currency>()), ref count),
            With(PeerGroups, listings.Select(PeerGroup.Of), ref peerGroups),
            count);
    }

    private static bool TryAdd<TKey>(IReadOnlyDictionary<TKey, int> map, TKey key, List<int> ordinals)
    {
        if (!map.TryGetValue(key, out var ordinal))
        {
            return false;
        }

        ordinals.Add(ordinal);
        return true;
    }

    private static bool TryAddAll<TKey>(IReadOnlyDictionary<TKey, int> map, IReadOnlyList<TKey> keys, List<int> ordinals)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (!TryAdd(map, keys[i], ordinals))
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<TKey, int> With<TKey>(IReadOnlyDictionary<TKey, int> map, IEnumerable<TKey> keys, ref int count)
        where TKey : notnull
    {
        var copy = new Dictionary<TKey, int>(map);
        foreach (var key in keys)
        {
            if (!copy.ContainsKey(key))
            {
                copy[key] = count++;
            }
        }

        return copy;
    }
}
