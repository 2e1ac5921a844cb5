using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// The float form of a <see cref="CatalogScore"/> over the catalog's number columns, vectorised: the same formula
/// as <see cref="CatalogScore.Score"/>, in single precision, on the rounded values a chunk keeps.
/// </summary>
/// <remarks>
/// It is the in-memory catalog's, not the score's, because it reads the catalog's column layout; the public score
/// names only what a creator is judged on.
/// </remarks>
internal sealed class ColumnScore
{
    // Weights, reciprocal full marks, and only the audience buckets the target gives a share (a bucket with no
    // target share adds min(share, 0) = 0, so its column need not be read; every targeted dimension has one, as its
    // shares sum to 1).
    private readonly float _rateWeight, _ratioWeight, _pastWeight, _fitWeight;
    private readonly float _rateScale, _ratioScale, _pastScale;
    private readonly int[] _fitColumns;
    private readonly float[] _fitTargets;
    private readonly float _perDimension;

    public ColumnScore(CatalogScore score)
    {
        var (weights, gender, age) = (score.Weights, score.TargetGender, score.TargetAge);
        var dimensions = (gender is null ? 0 : 1) + (age is null ? 0 : 1);
        (_rateWeight, _ratioWeight, _pastWeight, _fitWeight) = ((float)weights.EngagementRate, (float)weights.ViewsToFollowers, (float)weights.PastCampaigns, (float)weights.AudienceFit);
        (_rateScale, _ratioScale, _pastScale) = ((float)(1 / weights.EngagementRateAtFull), (float)(1 / weights.ViewsToFollowersAtFull), (float)(1 / weights.PastCampaignsAtFull));
        var genderBuckets = gender is null ? [] : AudienceGender.List.OrderBy(g => g.Value).Select(g => (Column: NumberColumn.Of(g), Share: gender[g].Fraction));
        var ageBuckets = age is null ? [] : AgeBucket.List.OrderBy(a => a.Value).Select(a => (Column: NumberColumn.Of(a), Share: age[a].Fraction));
        var buckets = genderBuckets.Concat(ageBuckets).Where(bucket => bucket.Share > 0).ToArray();
        _fitTargets = [.. buckets.Select(bucket => (float)bucket.Share)];
        _perDimension = 1f / Math.Max(dimensions, 1);
        _fitColumns = [.. buckets.Select(bucket => bucket.Column)];
    }

    // The float form of 64 consecutive rows of a chunk's columns, eight at a time; NaN for a row with nothing to judge.
    // Only the rows in `rows` need a score: eight rows none of which is wanted are not read, so a search whose matches
    // are scattered reads about one cache line per match and column rather than every line of the word.
    public void ScoreRows(float[][] numbers, int start, Span<float> scores, ulong rows = ulong.MaxValue)
    {
        for (var i = 0; i < 64; i += Vector256<float>.Count)
        {
            if (((rows >> i) & 0xFF) != 0)
            {
                ScoreEight(numbers, start + i, scores[i..]);
            }
        }
    }

    // Scores the eight rows from `row` of a chunk's columns.
    private void ScoreEight(float[][] numbers, int row, Span<float> scores)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            for (var i = 0; i < Vector256<float>.Count; i++)
            {
                scores[i] = ScoreOne(numbers, row + i);
            }

            return;
        }

        var zero = Vector256<float>.Zero;
        var numerator = zero;
        var denominator = zero;
        if (_rateWeight > 0)
        {
            var r = Load(numbers[NumberColumn.EngagementRate], row);
            Accumulate(ref numerator, ref denominator, _rateWeight, r * Vector256.Create(_rateScale), Vector256.Equals(r, r));
        }

        if (_ratioWeight > 0)
        {
            var m = Load(numbers[NumberColumn.MedianViews], row);
            var f = Load(numbers[NumberColumn.Followers], row);
            Accumulate(ref numerator, ref denominator, _ratioWeight, m / f * Vector256.Create(_ratioScale), Vector256.Equals(m, m) & Vector256.GreaterThan(f, zero));
        }

        if (_pastWeight > 0)
        {
            Accumulate(ref numerator, ref denominator, _pastWeight, Load(numbers[NumberColumn.PastCampaigns], row) * Vector256.Create(_pastScale), Vector256<float>.AllBitsSet);
        }

        if (_fitWeight > 0)
        {
            // An unreported breakdown is NaN in every bucket, so a targeted bucket's column also says it is known.
            var sum = zero;
            var known = Vector256<float>.AllBitsSet;
            for (var bucket = 0; bucket < _fitTargets.Length; bucket++)
            {
                var share = Load(numbers[_fitColumns[bucket]], row);
                known &= Vector256.Equals(share, share);
                sum += Vector256.Min(share, Vector256.Create(_fitTargets[bucket]));
            }

            Accumulate(ref numerator, ref denominator, _fitWeight, sum * Vector256.Create(_perDimension), known);
        }

        var score = Vector256.Create(100f) * numerator / denominator;
        Vector256.ConditionalSelect(Vector256.GreaterThan(denominator, zero), score, Vector256.Create(float.NaN))
            .StoreUnsafe(ref MemoryMarshal.GetReference(scores));
    }

    private static Vector256<float> Load(float[] column, int offset) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref Vector256<float> numerator, ref Vector256<float> denominator, float weight, Vector256<float> scaled, Vector256<float> known)
    {
        var unit = Vector256.Min(Vector256.Max(scaled, Vector256<float>.Zero), Vector256.Create(1f));
        numerator += Vector256.ConditionalSelect(known, unit * Vector256.Create(weight), Vector256<float>.Zero);
        denominator += Vector256.ConditionalSelect(known, Vector256.Create(weight), Vector256<float>.Zero);
    }

    private float ScoreOne(float[][] numbers, int row)
    {
        float numerator = 0, denominator = 0;
        void Add(float weight, float scaled, bool known)
        {
            if (weight > 0 && known)
            {
                numerator += weight * Math.Min(Math.Max(scaled, 0f), 1f);
                denominator += weight;
            }
        }

        var rate = numbers[NumberColumn.EngagementRate][row];
        var median = numbers[NumberColumn.MedianViews][row];
        var followers = numbers[NumberColumn.Followers][row];
        Add(_rateWeight, rate * _rateScale, !float.IsNaN(rate));
        Add(_ratioWeight, median / followers * _ratioScale, !float.IsNaN(median) && followers > 0);
        Add(_pastWeight, numbers[NumberColumn.PastCampaigns][row] * _pastScale, true);
        if (_fitWeight > 0)
        {
            var known = true;
            float sum = 0;
            for (var bucket = 0; bucket < _fitTargets.Length; bucket++)
            {
                var share = numbers[_fitColumns[bucket]][row];
                known &= !float.IsNaN(share);
                sum += Math.Min(share, _fitTargets[bucket]);
            }

            Add(_fitWeight, sum * _perDimension, known);
        }

        return denominator > 0 ? 100 * numerator / denominator : float.NaN;
    }
}
