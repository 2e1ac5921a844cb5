using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CreatorMarketplace;

/// <summary>
/// Creates <see cref="Distribution{TKey}"/> values: from shares that already sum to 1 (<see cref="Create{TKey}"/>),
/// or by scaling non-negative weights (<see cref="Normalize{TKey}"/>).
/// </summary>
public static class Distribution
{
    /// <summary>
    /// The tolerance used when none is stated: 0.01, because platforms report audience shares rounded to whole
    /// percentages, so three thirds arrive as 0.33 + 0.33 + 0.33.
    /// </summary>
    public const double DefaultTolerance = 0.01;

    // Summing binary fractions drifts by a few ulps (0.33 + 0.33 + 0.33 falls short of 1 by 0.010000000000000009):
    // that drift is not the caller's error, so it never decides the tolerance check.
    private const double SumSlack = 1e-12;

    /// <summary>Validates shares and builds a distribution, or throws with every problem found.</summary>
    /// <typeparam name="TKey">The bucket type, for example <see cref="Country"/>.</typeparam>
    /// <param name="shares">One share (0..1) per bucket; keys must be distinct.</param>
    /// <param name="tolerance">How far the sum may be from 1; from 0 (inclusive) to 1 (exclusive).</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="DomainValidationException">A share is not finite or outside 0..1, a key repeats, there is no bucket, or the sum is further from 1 than <paramref name="tolerance"/>.</exception>
    public static Distribution<TKey> Create<TKey>(IEnumerable<KeyValuePair<TKey, double>> shares, double tolerance = DefaultTolerance)
        where TKey : notnull =>
        Validate(shares, tolerance).GetValueOrThrow();

    /// <summary>Validates shares and returns the distribution or every problem found, for input that may be wrong as a matter of course.</summary>
    /// <typeparam name="TKey">The bucket type.</typeparam>
    /// <param name="shares">One share (0..1) per bucket; keys must be distinct.</param>
    /// <param name="tolerance">How far the sum may be from 1; from 0 (inclusive) to 1 (exclusive).</param>
    /// <returns>The distribution, or <see cref="Invalid"/> naming each bad bucket (field <c>shares[key]</c>) and a bad sum (field <c>shares</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shares"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is not finite or outside [0, 1).</exception>
    public static Validated<Distribution<TKey>> Validate<TKey>(IEnumerable<KeyValuePair<TKey, double>> shares, double tolerance = DefaultTolerance)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (!double.IsFinite(tolerance) || tolerance is < 0d or >= 1d)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance: must be a finite number from 0 (inclusive) to 1 (exclusive).");
        }

        var errors = new ErrorCollector();
        var buckets = new BucketList<TKey>(shares.TryGetNonEnumeratedCount(out var count) ? count : 4);
        var sum = 0d;
        if (shares is IReadOnlyList<KeyValuePair<TKey, double>> list)
        {
            // By index: a foreach over the interface would box the list's enumerator for every distribution read.
            for (var i = 0; i < list.Count; i++)
            {
                AddShare(list[i].Key, list[i].Value, errors, ref buckets, ref sum);
            }
        }
        else
        {
            foreach (var (key, fraction) in shares)
            {
                AddShare(key, fraction, errors, ref buckets, ref sum);
            }
        }

        if (!errors.HasErrors)
        {
            errors.Require(buckets.Count > 0, "shares", "distribution.empty", "a distribution needs at least one bucket.");
            if (buckets.Count > 0 && !(Math.Abs(sum - 1d) <= tolerance + SumSlack))
            {
                // Worded only when refused: formatting the numbers would cost more than the check.
                errors.Add(
                    "shares",
                    "distribution.sum_out_of_tolerance",
                    $"the shares must sum to 1 within {tolerance.ToString(CultureInfo.InvariantCulture)}, but sum to {sum.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        // Made here rather than through ToResult, whose closure every distribution read from a store would allocate.
        return errors.HasErrors
            ? Validated<Distribution<TKey>>.Failed(new Invalid(errors.Errors))
            : Validated<Distribution<TKey>>.Valid(new Distribution<TKey>(buckets.ToArray(), sum, tolerance, buckets.Index));
    }

    // One bucket of Validate: refused with its reason, or added to the buckets and the sum.
    private static void AddShare<TKey>(TKey key, double fraction, ErrorCollector errors, ref BucketList<TKey> buckets, ref double sum)
        where TKey : notnull
    {
        if (!Share.IsValidFraction(fraction))
        {
            errors.Add($"shares[{key}]", "distribution.share_out_of_range", $"a share must be a finite number from 0 to 1, got {fraction.ToString(CultureInfo.InvariantCulture)}.");
        }
        else if (!buckets.TryAdd(key, Share.FromFraction(fraction)))
        {
            errors.Add($"shares[{key}]", "distribution.duplicate_key", $"the bucket {key} appears more than once.");
        }
        else
        {
            sum += fraction;
        }
    }

    /// <summary>
    /// Scales non-negative weights (counts, raw scores) so that they sum to 1: each share is its weight divided
    /// by the total weight, and the ratios between buckets are kept.
    /// </summary>
    /// <typeparam name="TKey">The bucket type.</typeparam>
    /// <param name="weights">One finite, non-negative weight per distinct bucket, with a total above zero.</param>
    /// <returns>The distribution, with a tolerance of <see cref="DefaultTolerance"/>.</returns>
    /// <exception cref="DomainValidationException">A weight is negative or not finite, a key repeats, or the total is not above zero.</exception>
    public static Distribution<TKey> Normalize<TKey>(IEnumerable<KeyValuePair<TKey, double>> weights)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(weights);
        var errors = new ErrorCollector();
        var given = new BucketList<TKey>(weights.TryGetNonEnumeratedCount(out var count) ? count : 4);
        var weightOf = new List<double>(given.Capacity);
        var total = 0d;
        foreach (var (key, weight) in weights)
        {
            var field = $"weights[{key}]";
            if (!double.IsFinite(weight) || weight < 0d)
            {
                errors.Add(field, "distribution.weight_out_of_range", $"a weight must be a finite number of at least 0, got {weight.ToString(CultureInfo.InvariantCulture)}.");
            }
            else if (!given.TryAdd(key, Share.Zero))
            {
                errors.Add(field, "distribution.duplicate_key", $"the bucket {key} appears more than once.");
            }
            else
            {
                weightOf.Add(weight);
                total += weight;
            }
        }

        if (!errors.HasErrors)
        {
            errors.Require(double.IsFinite(total) && total > 0d, "weights", "distribution.no_weight", "the weights must have a finite total above zero.");
        }

        errors.ThrowIfAny(nameof(weights));
        var buckets = given.ToArray();
        var sum = 0d;
        for (var i = 0; i < buckets.Length; i++)
        {
            var fraction = Math.Min(weightOf[i] / total, 1d);
            buckets[i] = KeyValuePair.Create(buckets[i].Key, Share.FromFraction(fraction));
            sum += fraction;
        }

        return new Distribution<TKey>(buckets, sum, DefaultTolerance, given.Index);
    }

    // The buckets of a distribution being made, in the order given, each key once: a few are compared one by one, and
    // past DistributionIndex.From they are also found by hash.
    private struct BucketList<TKey>(int capacity)
        where TKey : notnull
    {
        private KeyValuePair<TKey, Share>[] _buckets = new KeyValuePair<TKey, Share>[Math.Max(capacity, 1)];
        private Dictionary<TKey, int>? _index;

        public int Count { get; private set; }

        public readonly int Capacity => _buckets.Length;

        // The position of each key, once there are more than DistributionIndex.From: the distribution's own index.
        public readonly Dictionary<TKey, int>? Index => _index;

        public bool TryAdd(TKey key, Share share)
        {
            DistributionIndex.ThrowIfNull(key);
            if (_index is null ? DistributionIndex.Scan(_buckets.AsSpan(0, Count), key) >= 0 : _index.ContainsKey(key))
            {
                return false;
            }

            if (Count == _buckets.Length)
            {
                Array.Resize(ref _buckets, _buckets.Length * 2);
            }

            _buckets[Count] = KeyValuePair.Create(key, share);
            Count++;
            if (_index is not null)
            {
                _index.Add(key, Count - 1);
            }
            else if (Count > DistributionIndex.From)
            {
                _index = DistributionIndex.Of(_buckets.AsSpan(0, Count));
            }

            return true;
        }

        public readonly KeyValuePair<TKey, Share>[] ToArray() => Count == _buckets.Length ? _buckets : _buckets[..Count];
    }
}

// How a distribution finds a bucket: most breakdowns (genders, age buckets, devices, a few countries) have a handful,
// which a scan finds sooner than a hash and without the dictionary's three objects; a longer one keeps an index.
internal static class DistributionIndex
{
    /// <summary>Above this many buckets a distribution keeps an index by key.</summary>
    public const int From = 8;

    /// <summary>Refuses a null key, as a dictionary does; a key of a value type is never null and is not boxed to check.</summary>
    public static void ThrowIfNull<TKey>(TKey key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }
    }

    /// <summary>Where a key is among the buckets, or -1.</summary>
    public static int Scan<TKey>(ReadOnlySpan<KeyValuePair<TKey, Share>> buckets, TKey key)
        where TKey : notnull
    {
        // Keys are mostly smart enums, one instance per value: the same reference is the usual match.
        for (var i = 0; i < buckets.Length; i++)
        {
            if (!typeof(TKey).IsValueType && ReferenceEquals(buckets[i].Key, key))
            {
                return i;
            }
        }

        var comparer = EqualityComparer<TKey>.Default;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (comparer.Equals(buckets[i].Key, key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The position of each key among the buckets.</summary>
    public static Dictionary<TKey, int> Of<TKey>(ReadOnlySpan<KeyValuePair<TKey, Share>> buckets)
        where TKey : notnull
    {
        var index = new Dictionary<TKey, int>(buckets.Length);
        for (var i = 0; i < buckets.Length; i++)
        {
            index.Add(buckets[i].Key, i);
        }

        return index;
    }
}

/// <summary>
/// An immutable breakdown of a whole into buckets (audience by country, gender, age bucket), each with a
/// <see cref="Share"/>, the shares summing to 1 within a stated <see cref="Tolerance"/>. A bucket not listed has a
/// share of zero. Create one with <see cref="Distribution.Create{TKey}"/> or <see cref="Distribution.Normalize{TKey}"/>.
/// </summary>
/// <typeparam name="TKey">The bucket type.</typeparam>
public sealed class Distribution<TKey> : IReadOnlyDictionary<TKey, Share>, IEquatable<Distribution<TKey>>
    where TKey : notnull
{
    private readonly KeyValuePair<TKey, Share>[] _buckets;
    private readonly Dictionary<TKey, int>? _index;

    // The buckets are distinct keys; the array is the distribution's own, and so is an index of them, made here
    // when none is given and there are more than DistributionIndex.From.
    internal Distribution(KeyValuePair<TKey, Share>[] buckets, double total, double tolerance, Dictionary<TKey, int>? index = null)
    {
        _buckets = buckets;
        _index = index ?? (buckets.Length > DistributionIndex.From ? DistributionIndex.Of<TKey>(buckets) : null);
        Total = total;
        Tolerance = tolerance;
    }

    /// <summary>The sum of the shares, within <see cref="Tolerance"/> of 1.</summary>
    public double Total { get; }

    /// <summary>How far <see cref="Total"/> was allowed to be from 1 when the distribution was made.</summary>
    public double Tolerance { get; }

    /// <summary>The number of buckets listed.</summary>
    public int Count => _buckets.Length;

    /// <summary>The buckets listed.</summary>
    public IEnumerable<TKey> Keys => _buckets.Select(pair => pair.Key);

    /// <summary>The shares of the listed buckets.</summary>
    public IEnumerable<Share> Values => _buckets.Select(pair => pair.Value);

    /// <summary>The share of a bucket; zero for a bucket not listed.</summary>
    /// <param name="key">The bucket.</param>
    /// <returns>Its share.</returns>
    public Share this[TKey key] => TryGetValue(key, out var share) ? share : Share.Zero;

    /// <summary>Whether the bucket is listed.</summary>
    /// <param name="key">The bucket.</param>
    /// <returns>True when listed.</returns>
    public bool ContainsKey(TKey key) => IndexOf(key) >= 0;

    /// <summary>Gets the share of a listed bucket.</summary>
    /// <param name="key">The bucket.</param>
    /// <param name="value">Its share when listed.</param>
    /// <returns>Whether the bucket is listed.</returns>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out Share value)
    {
        var at = IndexOf(key);
        value = at >= 0 ? _buckets[at].Value : default!;
        return at >= 0;
    }

    // Where a listed bucket is, or -1; null is never listed (a dictionary would refuse it).
    private int IndexOf(TKey key)
    {
        DistributionIndex.ThrowIfNull(key);
        return _index is null ? DistributionIndex.Scan<TKey>(_buckets, key) : _index.TryGetValue(key, out var at) ? at : -1;
    }

    /// <summary>The combined share of several buckets (for example every age bucket from 18 up).</summary>
    /// <param name="keys">The buckets; a bucket named twice counts once.</param>
    /// <returns>Their combined share, at most 1.</returns>
    public Share ShareOf(IEnumerable<TKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var sum = keys.Distinct().Sum(key => this[key].Fraction);
        return Share.FromFraction(Math.Min(sum, 1d));
    }

    /// <summary>The bucket with the largest share (the "major" audience country, gender or age); on a tie, the first listed.</summary>
    /// <returns>The bucket and its share.</returns>
    public KeyValuePair<TKey, Share> Major() => _buckets.MaxBy(pair => pair.Value.Fraction);

    /// <summary>The same buckets scaled so that their shares sum to 1 as closely as floating point allows.</summary>
    /// <returns>The rescaled distribution.</returns>
    public Distribution<TKey> Normalized() =>
        Distribution.Normalize(_buckets.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.Fraction)));

    /// <summary>Whether both distributions list the same buckets with the same shares (tolerance aside).</summary>
    /// <param name="other">The other distribution.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(Distribution<TKey>? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (_buckets.Length == other._buckets.Length
                && _buckets.All(pair => other.TryGetValue(pair.Key, out var share) && share == pair.Value)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Distribution<TKey>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Order-independent, like the equality it serves.
        var hash = 0;
        foreach (var (key, share) in _buckets)
        {
            hash ^= HashCode.Combine(key, share);
        }

        return hash;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<TKey, Share>> GetEnumerator() => ((IEnumerable<KeyValuePair<TKey, Share>>)_buckets).GetEnumerator();

    // The buckets in the order listed, as a span: a loop over a million distributions allocates no enumerator and
    // makes no interface call per bucket.
    internal ReadOnlySpan<KeyValuePair<TKey, Share>> Buckets => _buckets;

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Formats the buckets as <c>"US 60%, GB 40%"</c>, largest first.</summary>
    /// <returns>The formatted distribution.</returns>
    public override string ToString() =>
        string.Join(", ", _buckets.OrderByDescending(pair => pair.Value.Fraction).Select(pair => $"{pair.Key} {pair.Value}"));
}
