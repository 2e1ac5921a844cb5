using System.Runtime.InteropServices;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// The strongest plain C# a skilled user writes for the discovery benchmark's query: the numbers it filters on
/// extracted once into a flat array of structs (countries, labels, languages and tiers as small codes and bit masks),
/// then one loop that counts the matches and keeps the first page in a bounded heap, and the facets counted in the
/// same loop.
/// </summary>
internal sealed class FlatCreators
{
    private readonly Row[] _rows;
    private readonly CreatorListing[] _listings;
    private readonly Dictionary<Country, byte> _countries = [];
    private readonly Dictionary<ContentLabel, int> _labels = [];
    private readonly Dictionary<Language, int> _languages = [];
    private readonly Dictionary<FollowerTier, byte> _tiers = [];
    private readonly Dictionary<Currency, byte> _currencies = [];

    public FlatCreators(IReadOnlyList<CreatorListing> listings)
    {
        _listings = [.. listings];
        _rows = new Row[_listings.Length];
        for (var i = 0; i < _listings.Length; i++)
        {
            var listing = _listings[i];
            var stats = listing.PrimaryAccount.Stats;
            var price = listing.RateCard?.LowestPrice;
            _rows[i] = new Row
            {
                Country = Code(_countries, listing.Profile.HomeCountry),
                Tier = Code(_tiers, stats.Tier),
                Labels = Mask(_labels, listing.Profile.ContentLabels),
                Languages = Mask(_languages, listing.Profile.Languages),
                Followers = stats.Followers,
                EngagementRate = stats.EngagementRate ?? double.NaN,
                FemaleShare = listing.Audience.Gender is { } gender ? gender[AudienceGender.Female].Fraction : -1,
                PriceCurrency = price is { } known ? Code(_currencies, known.Currency) : byte.MaxValue,
                PriceMinorUnits = price?.MinorUnits ?? long.MaxValue,
            };
        }
    }

    /// <summary>The total and the first <paramref name="pageSize"/> by engagement rate (largest first, then id).</summary>
    public (int Total, CreatorListing[] Page) Search(int pageSize) => Run(pageSize, facets: null, score: null);

    /// <summary>
    /// The total and the first <paramref name="pageSize"/> by a score (largest first, unrated last, then id): the
    /// filters on the structs, the score computed for the matches only, by the scoring function the user has.
    /// </summary>
    public (int Total, CreatorListing[] Page) SearchByScore(int pageSize, ICreatorScore score) => Run(pageSize, facets: null, score);

    /// <summary>As <see cref="Search"/>, with the matches counted per country, language, label and tier.</summary>
    public (int Total, CreatorListing[] Page, int Buckets) SearchWithFacets(int pageSize)
    {
        var facets = new Facets(_countries.Count, _languages.Count, _labels.Count, _tiers.Count);
        var (total, page) = Run(pageSize, facets, score: null);
        return (total, page, facets.Buckets());
    }

    private (int Total, CreatorListing[] Page) Run(int pageSize, Facets? facets, ICreatorScore? score)
    {
        // The query's six filters, as the user's code states them once for this layout.
        var countries = (1UL << _countries[Country.US]) | (1UL << _countries[Country.GB]) | (1UL << _countries[Country.CA]);
        var labels = (1UL << _labels[new ContentLabel("beauty")]) | (1UL << _labels[new ContentLabel("fashion")]) | (1UL << _labels[new ContentLabel("lifestyle")]);
        const long maxPriceMinorUnits = 500_000;   // USD 5,000.00
        var usd = _currencies[Currency.USD];

        // The worst of the best so far on top: a candidate replaces it when it comes earlier in the order. Rows are
        // ordered by engagement rate, or by the score (kept per row here, as only matches are scored).
        var scores = score is null ? null : new double[_rows.Length];
        Comparison<int> order = scores is null ? Order : (a, b) => ByScore(scores, a, b);
        var heap = new PriorityQueue<int, int>(pageSize + 1, Comparer<int>.Create((a, b) => order(b, a)));
        var total = 0;
        var rows = _rows;
        for (var i = 0; i < rows.Length; i++)
        {
            ref readonly var row = ref rows[i];
            if (((countries >> row.Country) & 1) == 0
                || (row.Labels & labels) == 0
                || row.Followers < 10_000 || row.Followers > 1_000_000
                || !(row.EngagementRate >= 0.03)
                || !(row.FemaleShare >= 0.5)
                || row.PriceMinorUnits > maxPriceMinorUnits || row.PriceCurrency != usd)
            {
                continue;
            }

            total++;
            facets?.Count(in row);
            if (scores is not null)
            {
                scores[i] = score!.Score(_listings[i]) is { } value && double.IsFinite(value) ? value : double.NaN;
            }

            if (heap.Count < pageSize)
            {
                heap.Enqueue(i, i);
            }
            else if (order(i, heap.Peek()) < 0)
            {
                heap.EnqueueDequeue(i, i);
            }
        }

        var page = new int[heap.Count];
        for (var i = page.Length - 1; i >= 0; i--)
        {
            page[i] = heap.Dequeue();
        }

        return (total, [.. page.Select(index => _listings[index])]);
    }

    // Engagement rate, largest first, then the id: the query's order.
    private int Order(int left, int right)
    {
        var byRate = _rows[right].EngagementRate.CompareTo(_rows[left].EngagementRate);
        return byRate != 0 ? byRate : _listings[left].Id.CompareTo(_listings[right].Id);
    }

    // The score, largest first, an unrated creator (NaN) last, then the id.
    private int ByScore(double[] scores, int left, int right)
    {
        var (a, b) = (scores[left], scores[right]);
        var byScore = double.IsNaN(a) ? (double.IsNaN(b) ? 0 : 1) : double.IsNaN(b) ? -1 : b.CompareTo(a);
        return byScore != 0 ? byScore : _listings[left].Id.CompareTo(_listings[right].Id);
    }

    private static byte Code<T>(Dictionary<T, byte> codes, T value)
        where T : notnull
    {
        ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(codes, value, out var exists);
        if (!exists)
        {
            code = checked((byte)(codes.Count - 1));
        }

        return code;
    }

    private static ulong Mask<T>(Dictionary<T, int> bits, IEnumerable<T> values)
        where T : notnull
    {
        var mask = 0UL;
        foreach (var value in values)
        {
            ref var bit = ref CollectionsMarshal.GetValueRefOrAddDefault(bits, value, out var exists);
            if (!exists)
            {
                bit = bits.Count - 1;
                if (bit >= 64)
                {
                    throw new InvalidOperationException("More than 64 distinct values: this layout needs a wider mask.");
                }
            }

            mask |= 1UL << bit;
        }

        return mask;
    }

    private struct Row
    {
        public byte Country;
        public byte Tier;
        public ulong Labels;
        public ulong Languages;
        public long Followers;
        public double EngagementRate;
        public double FemaleShare;
        public byte PriceCurrency;
        public long PriceMinorUnits;
    }

    private sealed class Facets(int countries, int languages, int labels, int tiers)
    {
        private readonly int[] _countries = new int[countries];
        private readonly int[] _languages = new int[languages];
        private readonly int[] _labels = new int[labels];
        private readonly int[] _tiers = new int[tiers];

        public void Count(in Row row)
        {
            _countries[row.Country]++;
            _tiers[row.Tier]++;
            for (var bits = row.Languages; bits != 0; bits &= bits - 1)
            {
                _languages[System.Numerics.BitOperations.TrailingZeroCount(bits)]++;
            }

            for (var bits = row.Labels; bits != 0; bits &= bits - 1)
            {
                _labels[System.Numerics.BitOperations.TrailingZeroCount(bits)]++;
            }
        }

        public int Buckets() =>
            _countries.Count(n => n > 0) + _languages.Count(n => n > 0) + _labels.Count(n => n > 0) + _tiers.Count(n => n > 0);
    }
}
