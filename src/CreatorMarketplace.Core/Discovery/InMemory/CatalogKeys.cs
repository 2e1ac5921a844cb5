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

    // The maps the searches read, and what the writer looks up for every row, made from them and found without
    // hashing a key's text (the maps hash a language's code and a label's id with the randomized string hash): a
    // country or a currency by its ISO numeric code and a language by its two letters, in arrays holding ordinal + 1
    // (0 for a key not seen); a label by its id with the ordinal comparer; a peer group by the numbers of its parts.
    private const int LetterPairs = 26 * 26;
    private static readonly int CountryCodes = Country.List.Max(country => country.Value) + 1;
    private static readonly int CurrencyCodes = Currency.List.Max(currency => currency.Value) + 1;
    private readonly Dictionary<Country, int> _countries;
    private readonly Dictionary<Language, int> _languages;
    private readonly Dictionary<ContentLabel, int> _contentLabels;
    private readonly Dictionary<IndustryLabel, int> _industryLabels;
    private readonly Dictionary<Currency, int> _currencies;
    private readonly PeerGroup[] _peerGroups;
    private readonly int[] _countryByCode;
    private readonly int[] _currencyByCode;
    private readonly int[] _languageByLetters;
    private readonly Dictionary<string, int> _contentLabelById;
    private readonly Dictionary<string, int> _industryLabelById;
    private readonly Dictionary<long, int> _peerGroupByParts;

    private CatalogKeys(
        CatalogKeys? previous,
        Dictionary<Country, int> countries,
        Dictionary<Language, int> languages,
        Dictionary<ContentLabel, int> contentLabels,
        Dictionary<IndustryLabel, int> industryLabels,
        Dictionary<Currency, int> currencies,
        Dictionary<long, int> peerGroupByParts,
        PeerGroup[] peerGroups,
        int count)
    {
        (_countries, _languages, _contentLabels, _industryLabels, _currencies) = (countries, languages, contentLabels, industryLabels, currencies);
        (_peerGroupByParts, _peerGroups, Count) = (peerGroupByParts, peerGroups, count);

        // A map a batch added nothing to is the same instance, and so are the lookups made from it.
        _countryByCode = ReferenceEquals(countries, previous?._countries) ? previous._countryByCode : ByNumericCode(countries, CountryCodes);
        _currencyByCode = ReferenceEquals(currencies, previous?._currencies) ? previous._currencyByCode : ByNumericCode(currencies, CurrencyCodes);
        _languageByLetters = ReferenceEquals(languages, previous?._languages) ? previous._languageByLetters : ByLetters(languages);
        _contentLabelById = ReferenceEquals(contentLabels, previous?._contentLabels) ? previous._contentLabelById : contentLabels.ToDictionary(pair => pair.Key.Id, pair => pair.Value, StringComparer.Ordinal);
        _industryLabelById = ReferenceEquals(industryLabels, previous?._industryLabels) ? previous._industryLabelById : industryLabels.ToDictionary(pair => pair.Key.Id, pair => pair.Value, StringComparer.Ordinal);
    }

    public static CatalogKeys Empty { get; } = new(null, [], [], [], [], [], [], [], FirstPairBucket + TextPairs.Buckets);

    /// <summary>How many ordinals are in use.</summary>
    public int Count { get; }

    public IReadOnlyDictionary<Country, int> Countries => _countries;

    public IReadOnlyDictionary<Language, int> Languages => _languages;

    public IReadOnlyDictionary<ContentLabel, int> ContentLabels => _contentLabels;

    public IReadOnlyDictionary<IndustryLabel, int> IndustryLabels => _industryLabels;

    public IReadOnlyDictionary<Currency, int> Currencies => _currencies;

    /// <summary>Each peer group seen so far, by its number.</summary>
    public IReadOnlyList<PeerGroup> PeerGroups => _peerGroups;

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

    private static int[] ByLetters(Dictionary<Language, int> languages)
    {
        var byLetters = new int[LetterPairs];
        foreach (var (language, ordinal) in languages)
        {
            if (LettersOf(language.Value) is var letters and >= 0)
            {
                byLetters[letters] = ordinal + 1;
            }
        }

        return byLetters;
    }

    // A language's two lower-case letters as a number below LetterPairs, or -1 for a code of another form.
    private static int LettersOf(string code) =>
        code.Length == 2 && char.IsAsciiLetterLower(code[0]) && char.IsAsciiLetterLower(code[1]) ? ((code[0] - 'a') * 26) + (code[1] - 'a') : -1;

    // A peer group as one number: its category's ordinal among the content labels (-1 for none), its tier and its market.
    private static long PartsOf(int category, FollowerTier tier, Country market) =>
        ((long)(category + 1) << 32) | ((long)(ushort)tier.Value << 16) | (ushort)market.Value;

    /// <summary>
    /// These keys plus those of <paramref name="listings"/>: a batch's new keys are added in one copy of each map they
    /// add to, and the other maps are shared.
    /// </summary>
    public CatalogKeys Including(IReadOnlyCollection<CreatorListing> listings)
    {
        var count = Count;
        var countries = With(_countries, listings.Select(listing => listing.Profile.HomeCountry), ref count);
        var languages = With(_languages, listings.SelectMany(listing => listing.Profile.Languages), ref count);
        var contentLabels = With(_contentLabels, listings.SelectMany(listing => listing.Profile.ContentLabels), ref count);
        var industryLabels = With(_industryLabels, listings.SelectMany(listing => listing.Profile.IndustryLabels), ref count);
        var currencies = With(_currencies, listings.SelectMany(listing => listing.RateCard is { } rateCard ? [rateCard.Currency] : Array.Empty<Currency>()), ref count);

        // Peer groups are numbered apart, in the order they come, by their parts' numbers.
        var (groupByParts, groups) = (_peerGroupByParts, _peerGroups);
        List<PeerGroup>? added = null;
        foreach (var group in listings.Select(PeerGroup.Of))
        {
            var parts = PartsOf(group.Category is { } category ? contentLabels[category] : -1, group.Tier, group.Market);
            if (!groupByParts.ContainsKey(parts))
            {
                groupByParts = ReferenceEquals(groupByParts, _peerGroupByParts) ? new Dictionary<long, int>(groupByParts) : groupByParts;
                groupByParts[parts] = groups.Length + (added ??= []).Count;
                added.Add(group);
            }
        }

        return new CatalogKeys(this, countries, languages, contentLabels, industryLabels, currencies, groupByParts, added is null ? groups : [.. groups, .. added], count);
    }

    // The map with the keys it lacks, numbered from count on: a copy, or the map itself when it lacks none.
    private static Dictionary<TKey, int> With<TKey>(Dictionary<TKey, int> map, IEnumerable<TKey> keys, ref int count)
        where TKey : notnull
    {
        var with = map;
        foreach (var key in keys)
        {
            if (!with.ContainsKey(key))
            {
                with = ReferenceEquals(with, map) ? new Dictionary<TKey, int>(map) : with;
                with[key] = count++;
            }
        }

        return with;
    }
}
