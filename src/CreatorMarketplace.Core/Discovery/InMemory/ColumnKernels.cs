using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// The search's loops over 64 rows of a column and over words of bitmaps, each written once over the vector widths
/// (<see cref="IVectorWidth{TVector, T}"/>) and once in scalar form, and run at the widest accelerated width.
/// The IsHardwareAccelerated checks are constants to the JIT, so choosing a width costs nothing at run time.
/// </summary>
internal static class ColumnKernels
{
    /// <summary>For 64 consecutive rows: which lie strictly between the bounds, and which equal one (to be checked exactly).</summary>
    public static (ulong Inside, ulong Equal) Compare(float[] column, int start, in ColumnBound bound) =>
        Compare(column, start, bound.Low, bound.High, float.NegativeInfinity, bound.Sides);

    /// <summary>For 64 consecutive rows of a column's codes: which lie strictly inside the bound, and which equal a side (to be decided on their floats).</summary>
    public static (ulong Inside, ulong Equal) Compare(ushort[] codes, int start, in CodeBound bound) =>
        Compare(codes, start, bound.Low, bound.High, ColumnCodes.Least, bound.Sides);

    internal static (ulong Inside, ulong Equal) Compare<TWidth, TVector>(ref float first, in ColumnBound bound)
        where TWidth : struct, IVectorWidth<TVector, float>
        where TVector : struct =>
        Compare<TWidth, TVector, float>(ref first, bound.Low, bound.High, float.NegativeInfinity, bound.Sides);

    internal static (ulong Inside, ulong Equal) Compare<TWidth, TVector>(ref ushort first, in CodeBound bound)
        where TWidth : struct, IVectorWidth<TVector, ushort>
        where TVector : struct =>
        Compare<TWidth, TVector, ushort>(ref first, bound.Low, bound.High, ColumnCodes.Least, bound.Sides);

    internal static (ulong Inside, ulong Equal) CompareScalar(ref float first, in ColumnBound bound) =>
        CompareScalar(ref first, bound.Low, bound.High, float.NegativeInfinity, bound.Sides);

    internal static (ulong Inside, ulong Equal) CompareScalar(ref ushort first, in CodeBound bound) =>
        CompareScalar(ref first, bound.Low, bound.High, ColumnCodes.Least, bound.Sides);

    /// <summary>
    /// Whether one value lies strictly inside the bounds, and whether it equals a side. <paramref name="least"/> is the
    /// least value that is a number (below it, NaN or an unknown number's code is inside no bound), which only a bound
    /// without a low side needs to compare.
    /// </summary>
    internal static (bool Inside, bool Equal) Decide<T>(T value, T low, T high, T least, BoundSides sides)
        where T : INumber<T>
    {
        var (above, below) = (value > low, value < high);
        var (atLow, atHigh) = (value == low, value == high);
        return sides switch
        {
            BoundSides.Low => (above, atLow),
            BoundSides.High => (value >= least && below, atHigh),
            _ => (above && below, atLow || atHigh),
        };
    }

    private static (ulong Inside, ulong Equal) Compare<T>(T[] values, int start, T low, T high, T least, BoundSides sides)
        where T : struct, INumber<T>
    {
        ref var first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(values), start);
        return Vector512.IsHardwareAccelerated ? Compare<Width512<T>, Vector512<T>, T>(ref first, low, high, least, sides)
            : Vector256.IsHardwareAccelerated ? Compare<Width256<T>, Vector256<T>, T>(ref first, low, high, least, sides)
            : Vector128.IsHardwareAccelerated ? Compare<Width128<T>, Vector128<T>, T>(ref first, low, high, least, sides)
            : CompareScalar(ref first, low, high, least, sides);
    }

    // One loop per kind of bound keeps the vectors in registers.
    private static (ulong Inside, ulong Equal) Compare<TWidth, TVector, T>(ref T first, T low, T high, T least, BoundSides sides)
        where TWidth : struct, IVectorWidth<TVector, T>
        where TVector : struct
        where T : struct
    {
        ulong inside = 0, equal = 0;
        var lows = TWidth.Create(low);
        var highs = TWidth.Create(high);
        switch (sides)
        {
            case BoundSides.Low:
                for (var i = 0; i < Bits.PerWord; i += TWidth.Count)
                {
                    var values = TWidth.Load(ref first, i);
                    inside |= TWidth.MostSignificantBits(TWidth.GreaterThan(values, lows)) << i;
                    equal |= TWidth.MostSignificantBits(TWidth.Equal(values, lows)) << i;
                }

                break;
            case BoundSides.High:
                var leasts = TWidth.Create(least);
                for (var i = 0; i < Bits.PerWord; i += TWidth.Count)
                {
                    var values = TWidth.Load(ref first, i);
                    inside |= TWidth.MostSignificantBits(TWidth.And(TWidth.GreaterThanOrEqual(values, leasts), TWidth.LessThan(values, highs))) << i;
                    equal |= TWidth.MostSignificantBits(TWidth.Equal(values, highs)) << i;
                }

                break;
            default:
                for (var i = 0; i < Bits.PerWord; i += TWidth.Count)
                {
                    var values = TWidth.Load(ref first, i);
                    inside |= TWidth.MostSignificantBits(TWidth.And(TWidth.GreaterThan(values, lows), TWidth.LessThan(values, highs))) << i;
                    equal |= TWidth.MostSignificantBits(TWidth.Or(TWidth.Equal(values, lows), TWidth.Equal(values, highs))) << i;
                }

                break;
        }

        return (inside, equal);
    }

    private static (ulong Inside, ulong Equal) CompareScalar<T>(ref T first, T low, T high, T least, BoundSides sides)
        where T : INumber<T>
    {
        ulong inside = 0, equal = 0;
        for (var i = 0; i < Bits.PerWord; i++)
        {
            var (isInside, isEqual) = Decide(Unsafe.Add(ref first, i), low, high, least, sides);
            inside |= (isInside ? 1UL : 0UL) << i;
            equal |= (isEqual ? 1UL : 0UL) << i;
        }

        return (inside, equal);
    }

    /// <summary>Which of 64 consecutive rows pass one comparison with a constant (NaN, an unknown number, passes none but Known's complement).</summary>
    public static ulong Mask(float[] column, int start, FloatTest test, float operand)
    {
        ref var first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(column), start);
        return Vector512.IsHardwareAccelerated ? Mask<Width512<float>, Vector512<float>>(ref first, test, operand)
            : Vector256.IsHardwareAccelerated ? Mask<Width256<float>, Vector256<float>>(ref first, test, operand)
            : Vector128.IsHardwareAccelerated ? Mask<Width128<float>, Vector128<float>>(ref first, test, operand)
            : MaskScalar(ref first, test, operand);
    }

    internal static ulong Mask<TWidth, TVector>(ref float first, FloatTest test, float operand)
        where TWidth : struct, IVectorWidth<TVector, float>
        where TVector : struct
    {
        ulong mask = 0;
        var constant = TWidth.Create(operand);
        for (var i = 0; i < Bits.PerWord; i += TWidth.Count)
        {
            var values = TWidth.Load(ref first, i);
            var lanes = test switch
            {
                FloatTest.Greater => TWidth.GreaterThan(values, constant),
                FloatTest.GreaterOrEqual => TWidth.GreaterThanOrEqual(values, constant),
                FloatTest.Less => TWidth.LessThan(values, constant),
                FloatTest.LessOrEqual => TWidth.LessThanOrEqual(values, constant),
                FloatTest.Equal => TWidth.Equal(values, constant),
                _ => TWidth.Equal(values, values),
            };
            mask |= TWidth.MostSignificantBits(lanes) << i;
        }

        return mask;
    }

    internal static ulong MaskScalar(ref float first, FloatTest test, float operand)
    {
        ulong mask = 0;
        for (var i = 0; i < Bits.PerWord; i++)
        {
            var value = Unsafe.Add(ref first, i);
            var pass = test switch
            {
                FloatTest.Greater => value > operand,
                FloatTest.GreaterOrEqual => value >= operand,
                FloatTest.Less => value < operand,
                FloatTest.LessOrEqual => value <= operand,
                FloatTest.Equal => value == operand,
                _ => !float.IsNaN(value),
            };
            mask |= (pass ? 1UL : 0UL) << i;
        }

        return mask;
    }

    /// <summary>
    /// match &amp;= bitmaps[0] | bitmaps[1] | … over the first <paramref name="count"/> bitmaps, a vector of words at a
    /// time; where the match has no candidate the bitmaps are not read, which on clustered rows skips long runs.
    /// </summary>
    public static void AndAnyOf(Span<ulong> match, ulong[]?[] bitmaps, int count)
    {
        var done = Vector512.IsHardwareAccelerated ? AndAnyOf<Width512<ulong>, Vector512<ulong>>(match, bitmaps, count)
            : Vector256.IsHardwareAccelerated ? AndAnyOf<Width256<ulong>, Vector256<ulong>>(match, bitmaps, count)
            : Vector128.IsHardwareAccelerated ? AndAnyOf<Width128<ulong>, Vector128<ulong>>(match, bitmaps, count)
            : 0;
        AndAnyOfScalar(match, bitmaps, count, done);
    }

    // The whole vectors of words; returns where the words left for the scalar loop start.
    internal static int AndAnyOf<TWidth, TVector>(Span<ulong> match, ulong[]?[] bitmaps, int count)
        where TWidth : struct, IVectorWidth<TVector, ulong>
        where TVector : struct
    {
        ref var matched = ref MemoryMarshal.GetReference(match);
        var none = (1UL << TWidth.Count) - 1;
        var word = 0;
        for (; word + TWidth.Count <= match.Length; word += TWidth.Count)
        {
            var candidates = TWidth.Load(ref matched, word);
            if (TWidth.MostSignificantBits(TWidth.Equal(candidates, TWidth.Zero)) == none)
            {
                continue;
            }

            var any = TWidth.Load(ref MemoryMarshal.GetArrayDataReference(bitmaps[0]!), word);
            for (var other = 1; other < count; other++)
            {
                any = TWidth.Or(any, TWidth.Load(ref MemoryMarshal.GetArrayDataReference(bitmaps[other]!), word));
            }

            TWidth.Store(TWidth.And(candidates, any), ref matched, word);
        }

        return word;
    }

    internal static void AndAnyOfScalar(Span<ulong> match, ulong[]?[] bitmaps, int count, int from)
    {
        for (var word = from; word < match.Length; word++)
        {
            if (match[word] == 0)
            {
                continue;
            }

            var any = bitmaps[0]![word];
            for (var other = 1; other < count; other++)
            {
                any |= bitmaps[other]![word];
            }

            match[word] &= any;
        }
    }
}

/// <summary>A comparison of each row's float with a constant.</summary>
internal enum FloatTest
{
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Equal,

    /// <summary>The float is a number (not NaN); the constant is not read.</summary>
    Known,
}

/// <summary>
/// Bounds on one column, as floats; a row whose float equals a bound is decided on its listing, or on the exact value
/// the column keeps (<see cref="CatalogChunk.ExactValues"/>) by the term's exact range, <see cref="Exact"/>.
/// </summary>
internal readonly record struct ColumnBound(int Column, float Low, float High, bool WholeNumbers = false, NumberRange<double>? Exact = null)
{
    public BoundSides Sides { get; } =
        float.IsNegativeInfinity(Low) ? BoundSides.High : float.IsPositiveInfinity(High) ? BoundSides.Low : BoundSides.Both;

    /// <summary>
    /// Whether one row's float lies inside the bounds, and whether it equals one and is to be checked exactly: unless
    /// the column and the bounds are whole numbers (<see cref="WholeNumbers"/>) and the float is one exactly.
    /// </summary>
    public (bool Inside, bool Equal) Decide(float value)
    {
        var (inside, equal) = ColumnKernels.Decide(value, Low, High, float.NegativeInfinity, Sides);
        return equal && WholeNumbers && NumberColumn.IsExactWholeNumber(value) ? (true, false) : (inside, equal);
    }

    /// <summary>
    /// <see cref="Decide(float)"/>, where a float equal to a bound is decided on the row's exact value when the
    /// column keeps them (<paramref name="exact"/> not null) and the bound has the term's range: never left equal then.
    /// </summary>
    public (bool Inside, bool Equal) Decide(float value, double[]? exact, int row)
    {
        var (inside, equal) = Decide(value);
        if (equal && exact is not null && Exact is { } range)
        {
            // NaN, an unreported value, is unknown: the range holds it only when unbounded, as the term's does.
            var known = exact[row];
            return (range.Contains(double.IsNaN(known) ? null : known), false);
        }

        return (inside, equal);
    }
}

/// <summary>Which bounds of a <see cref="ColumnBound"/> are finite.</summary>
internal enum BoundSides
{
    Both,
    Low,
    High,
}
