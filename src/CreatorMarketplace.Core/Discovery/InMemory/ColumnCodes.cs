namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// The 16-bit codes of the columns a query bounds (<see cref="NumberColumn"/>s below <see cref="Count"/>), which the
/// filters compare before the floats: half the bytes to read from memory. A code keeps the floats' order
/// (a ≤ b implies code(a) ≤ code(b)), so a row whose code lies strictly inside or outside a bound's code is decided by
/// the code alone, and only a row whose code equals the bound's is decided on its float (and, where the float equals
/// the bound's too, on its listing), as floats were decided against the exact numbers before.
/// </summary>
/// <remarks>
/// A code is the float's sortable key (<see cref="SortableFloat"/>) from a column's least distinguished value on,
/// shifted right to keep its top bits: a fixed number of codes per power of two, so that the relative step is the
/// same at every scale. Counts (followers, views, prices in minor units, campaigns) keep 2,048 codes per power of two
/// from 1 to 2^32 (a step of 1/2,048, whole numbers up to 2,048 exactly); rates and shares 4,096 from 2^-15 to 2
/// (a step of 1/4,096). Values below the range (0 among them) share code 1, those above it the last code, where a
/// bound there leaves them to their floats. An unknown number (NaN) is code 0, which the kernels never count inside.
/// </remarks>
internal static class ColumnCodes
{
    /// <summary>The columns that have codes: the first ones, those a query's terms bound.</summary>
    public const int Count = NumberColumn.ViewsLast30Days;

    /// <summary>The code of an unknown number, below every other.</summary>
    public const ushort Unknown = 0;

    /// <summary>The least code of a number.</summary>
    public const ushort Least = Unknown + 1;

    private const int CountShift = 23 - 11;
    private const int FractionShift = 23 - 12;
    private static readonly long CountFloor = SortableFloat.KeyOf(1f);
    private static readonly long FractionFloor = SortableFloat.KeyOf(1f / (1 << 15));

    /// <summary>Whether a column holds a rate or a share rather than a count.</summary>
    private static bool IsFraction(int column) => column >= NumberColumn.FirstGender || column == NumberColumn.EngagementRate;

    /// <summary>A value's code in a column.</summary>
    public static ushort Of(int column, float value)
    {
        if (float.IsNaN(value))
        {
            return Unknown;
        }

        var (floor, shift) = IsFraction(column) ? (FractionFloor, FractionShift) : (CountFloor, CountShift);
        return (ushort)Math.Clamp(((SortableFloat.KeyOf(value) - floor) >> shift) + Least + 1, Least, ushort.MaxValue);
    }

    /// <summary>A bound's codes: those of its finite sides.</summary>
    public static CodeBound Of(in ColumnBound bound) => new(
        bound.Sides == BoundSides.High ? Unknown : Of(bound.Column, bound.Low),
        bound.Sides == BoundSides.Low ? ushort.MaxValue : Of(bound.Column, bound.High),
        bound.Sides);
}

/// <summary>
/// A <see cref="ColumnBound"/> as codes (<see cref="ColumnCodes"/>): a row whose code lies strictly between them is
/// inside, one whose code equals a finite side's is decided on its float; a side that is not finite is not compared,
/// and an unknown number (code 0) is never inside.
/// </summary>
internal readonly record struct CodeBound(ushort Low, ushort High, BoundSides Sides);

/// <summary>
/// The least and greatest code (<see cref="ColumnCodes"/>) a block of rows holds in one column, so that a bound can
/// decide the whole block without reading its codes. Only ever widened while rows are written, so it covers every
/// row a reader sees; an empty block holds no code (<see cref="Empty"/>).
/// </summary>
internal readonly record struct CodeRange(ushort Least, ushort Greatest)
{
    /// <summary>The range of a block without rows: above every code at its low end, below every one at its high.</summary>
    public static CodeRange Empty { get; } = new(ushort.MaxValue, ColumnCodes.Unknown);

    /// <summary>The range with one more code in it.</summary>
    public CodeRange With(ushort code) => new(Math.Min(Least, code), Math.Max(Greatest, code));

    /// <summary>
    /// Whether every code of the range lies strictly inside the bound (every row passes on its code alone), or every
    /// one outside it and not equal to a side (every row fails); otherwise the rows' codes must be read.
    /// </summary>
    public RangeVerdict Against(in CodeBound bound)
    {
        // Codes keep order, so the two ends decide the whole range; a side's own code is left to the floats.
        var (least, _) = ColumnKernels.Decide(Least, bound.Low, bound.High, ColumnCodes.Least, bound.Sides);
        var (greatest, _) = ColumnKernels.Decide(Greatest, bound.Low, bound.High, ColumnCodes.Least, bound.Sides);
        if (least && greatest)
        {
            return RangeVerdict.Inside;
        }

        var belowLow = bound.Sides != BoundSides.High && Greatest < bound.Low;
        var aboveHigh = bound.Sides != BoundSides.Low && Least > bound.High;
        var unknownOnly = Greatest < ColumnCodes.Least;
        return belowLow || aboveHigh || unknownOnly ? RangeVerdict.Outside : RangeVerdict.Mixed;
    }
}

/// <summary>What a bound makes of a block's <see cref="CodeRange"/>.</summary>
internal enum RangeVerdict
{
    /// <summary>Some rows may pass and some fail: their codes are read.</summary>
    Mixed,

    /// <summary>Every row lies strictly inside the bound.</summary>
    Inside,

    /// <summary>No row lies inside the bound or on a side of it.</summary>
    Outside,
}
