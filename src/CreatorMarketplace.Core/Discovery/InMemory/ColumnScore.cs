using System.Numerics;
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

    // The float form of 64 consecutive rows of a chunk's columns, a vector of rows at a time; NaN for a row with
    // nothing to judge. Only the rows in `rows` need a score: a vector of rows none of which is wanted is not read,
    // so a search whose matches are scattered reads about one cache line per match and column rather than every
    // line of the word.
    public void ScoreRows(float[][] numbers, int start, Span<float> scores, ulong rows = ulong.MaxValue)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            ScoreRows<Width512<float>, Vector512<float>>(numbers, start, scores, rows);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            ScoreRows<Width256<float>, Vector256<float>>(numbers, start, scores, rows);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            ScoreRows<Width128<float>, Vector128<float>>(numbers, start, scores, rows);
        }
        else
        {
            ScoreRowsScalar(numbers, start, scores, rows);
        }
    }

    internal void ScoreRows<TWidth, TVector>(float[][] numbers, int start, Span<float> scores, ulong rows)
        where TWidth : struct, IVectorWidth<TVector, float>
        where TVector : struct
    {
        var lanes = (1UL << TWidth.Count) - 1;
        ref var first = ref MemoryMarshal.GetReference(scores);
        for (var i = 0; i < Bits.PerWord; i += TWidth.Count)
        {
            if (((rows >> i) & lanes) != 0)
            {
                TWidth.Store(ScoreLanes<TWidth, TVector>(numbers, start + i), ref first, i);
            }
        }
    }

    internal void ScoreRowsScalar(float[][] numbers, int start, Span<float> scores, ulong rows)
    {
        for (; rows != 0; rows &= rows - 1)
        {
            var i = BitOperations.TrailingZeroCount(rows);
            scores[i] = ScoreOne(numbers, start + i);
        }
    }

    // Scores a vector of rows from `row` of a chunk's columns.
    private TVector ScoreLanes<TWidth, TVector>(float[][] numbers, int row)
        where TWidth : struct, IVectorWidth<TVector, float>
        where TVector : struct
    {
        var zero = TWidth.Zero;
        var numerator = zero;
        var denominator = zero;
        if (_rateWeight > 0)
        {
            var r = Load<TWidth, TVector>(numbers[NumberColumn.EngagementRate], row);
            Accumulate<TWidth, TVector>(ref numerator, ref denominator, _rateWeight, TWidth.Multiply(r, TWidth.Create(_rateScale)), TWidth.Equal(r, r));
        }

        if (_ratioWeight > 0)
        {
            var m = Load<TWidth, TVector>(numbers[NumberColumn.MedianViews], row);
            var f = Load<TWidth, TVector>(numbers[NumberColumn.Followers], row);
            Accumulate<TWidth, TVector>(ref numerator, ref denominator, _ratioWeight, TWidth.Multiply(TWidth.Divide(m, f), TWidth.Create(_ratioScale)), TWidth.And(TWidth.Equal(m, m), TWidth.GreaterThan(f, zero)));
        }

        if (_pastWeight > 0)
        {
            var past = Load<TWidth, TVector>(numbers[NumberColumn.PastCampaigns], row);
            Accumulate<TWidth, TVector>(ref numerator, ref denominator, _pastWeight, TWidth.Multiply(past, TWidth.Create(_pastScale)), TWidth.AllBitsSet);
        }

        if (_fitWeight > 0)
        {
            // An unreported breakdown is NaN in every bucket, so a targeted bucket's column also says it is known.
            var sum = zero;
            var known = TWidth.AllBitsSet;
            for (var bucket = 0; bucket < _fitTargets.Length; bucket++)
            {
                var share = Load<TWidth, TVector>(numbers[_fitColumns[bucket]], row);
                known = TWidth.And(known, TWidth.Equal(share, share));
                sum = TWidth.Add(sum, TWidth.Min(share, TWidth.Create(_fitTargets[bucket])));
            }

            Accumulate<TWidth, TVector>(ref numerator, ref denominator, _fitWeight, TWidth.Multiply(sum, TWidth.Create(_perDimension)), known);
        }

        var score = TWidth.Divide(TWidth.Multiply(TWidth.Create(100f), numerator), denominator);
        return TWidth.ConditionalSelect(TWidth.GreaterThan(denominator, zero), score, TWidth.Create(float.NaN));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Load<TWidth, TVector>(float[] column, int offset)
        where TWidth : struct, IVectorWidth<TVector, float>
        where TVector : struct =>
        TWidth.Load(ref MemoryMarshal.GetArrayDataReference(column), offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TWidth, TVector>(ref TVector numerator, ref TVector denominator, float weight, TVector scaled, TVector known)
        where TWidth : struct, IVectorWidth<TVector, float>
        where TVector : struct
    {
        var unit = TWidth.Min(TWidth.Max(scaled, TWidth.Zero), TWidth.Create(1f));
        numerator = TWidth.Add(numerator, TWidth.ConditionalSelect(known, TWidth.Multiply(unit, TWidth.Create(weight)), TWidth.Zero));
        denominator = TWidth.Add(denominator, TWidth.ConditionalSelect(known, TWidth.Create(weight), TWidth.Zero));
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
