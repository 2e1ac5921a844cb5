using Ardalis.SmartEnum;
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

    // What the writer looks up for every row, found without hashing a key's text (the maps below hash a language's
    // code and a label's id with the randomized string hash, and a peer group field by field): a country or a
    // currency by its ISO numeric code and a language by its two letters, in arrays holding ordinal + 1 (0 for a key
    // not seen); a label by its id with the ordinal comparer; a peer group by the numbers of its parts. Made from the
    // maps, which stay what the searches read.
    private const int LetterPairs = 26 * 26;
    private static readonly int CountryCodes = Country.List.Max(country => country.Value) + 1;
    private static readonly int CurrencyCodes = Currency.List.Max(currency => currency.Value) + 1;
    private readonly int[] _countryByCode;
    private readonly int[] _currencyByCode;
    private readonly int[] _languageByLetters;
    private readonly Dictionary<string, int> _contentLabelById;
    private readonly Dictionary<string, int> _industryLabelById;
    private readonly Dictionary<long, int> _peerGroupByParts;

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
        _countryByCode = ByNumericCode(countries, CountryCodes);
        _currencyByCode = ByNumericCode(currencies, CurrencyCodes);
        _languageByLetters = new int[LetterPairs];
        foreach (var (language, ordinal) in languages)
        {
            if (LettersOf(language.Value) is var letters and >= 0)
            {
                _languageByLetters[letters] = ordinal + 1;
            }
        }

        _contentLabelById = contentLabels.ToDictionary(pair => pair.Key.Id, pair => pair.Value, StringComparer.Ordinal);
        _industryLabelById = industryLabels.ToDictionary(pair => pair.Key.Id, pair => pair.Value, StringComparer.Ordinal);
        _peerGroupByParts = new Dictionary<long, int>(peerGroups.Count);
        foreach (var (group, number) in peerGroups)
        {
            _peerGroupByParts[PartsOf(group.Category is { } category ? contentLabels[category] : -1, group.Tier, group.Market)] = number;
        }
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
        peerGroup = -1;
        var profile = listing.Profile;
        var tier = listing.PrimaryAccount.Stats.Tier;
        if (Find(_countryByCode, profile.HomeCountry.Value) is not (>= 0 and var country))
        {
            return false;
        }

        var contentLabels = profile.ContentLabels;
        var category = -1;
        for (var i = 0; i < contentLabels.Count; i++)
        {
            if (!_contentLabelById.TryGetValue(contentLabels[i].Id, out var ordinal))
            {
                return false;
            }

            category = i == 0 ? ordinal : category;
            ordinals.Add(ordinal);
        }

        if (!_peerGroupByParts.TryGetValue(PartsOf(category, tier, profile.HomeCountry), out peerGroup))
        {
            return false;
        }

        ordinals.Add(country);
        ordinals.Add(TierOrdinal(tier));
        if (listing.OnVacation)
        {
            ordinals.Add(OnVacation);
        }

        var badges = listing.Badges;
        for (var i = 0; i < badges.Count; i++)
        {
            if (badges[i] == Badge.Responsive)
            {
                ordinals.Add(Responsive);
                break;
            }
        }

        var languages = profile.Languages;
        for (var i = 0; i < languages.Count; i++)
        {
            var language = languages[i];
            var ordinal = LettersOf(language.Value) is var letters and >= 0 ? _languageByLetters[letters] - 1 : Languages.GetValueOrDefault(language, -1);
            if (ordinal < 0)
            {
                return false;
            }

            ordinals.Add(ordinal);
        }

        var industryLabels = profile.IndustryLabels;
        for (var i = 0; i < industryLabels.Count; i++)
        {
            if (!_industryLabelById.TryGetValue(industryLabels[i].Id, out var ordinal))
            {
                return false;
            }

            ordinals.Add(ordinal);
        }

        if (listing.RateCard is { } rateCard)
        {
            if (Find(_currencyByCode, rateCard.Currency.Value) is not (>= 0 and var currency))
            {
                return false;
            }

            ordinals.Add(currency);
        }

        return true;
    }

    // The ordinal an array made by ByNumericCode holds for a code, or -1.
    private static int Find(int[] byCode, int code) => (uint)code < (uint)byCode.Length ? byCode[code] - 1 : -1;

    // Every country and currency is a listed one, whose code is below the length.
    private static int[] ByNumericCode<TKey>(Dictionary<TKey, int> map, int length)
        where TKey : SmartEnum<TKey, int>
    {
        var byCode = new int[length];
        foreach (var (key, ordinal) in map)
        {
            byCode[key.Value] = ordinal + 1;
        }

        return byCode;
    }

    // A language's two lower-case letters as a number below LetterPairs, or -1 for a code of another form.
    private static int LettersOf(string code) =>
        code.Length == 2 && char.IsAsciiLetterLower(code[0]) && char.IsAsciiLetterLower(code[1]) ? ((code[0] - 'a') * 26) + (code[1] - 'a') : -1;

    // A peer group as one number: its category's ordinal among the content labels (-1 for none), its tier and its market.
    private static long PartsOf(int category, FollowerTier tier, Country market) =>
        ((long)(category + 1) << 32) | ((long)(ushort)tier.Value << 16) | (ushort)market.Value;

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
