using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// One width of vector (128, 256 or 512 bits) as static operations, so that each of the catalog's kernels is written
/// once, generic over the width, and the JIT compiles it for each width with the calls inlined. A kernel runs at the
/// widest accelerated width (512, else 256, else 128 bits, else in its scalar form); every width gives the same
/// answer lane by lane.
/// </summary>
/// <remarks>
/// The runtime has the same interface, <c>ISimdVector&lt;TSelf, T&gt;</c>, but keeps it internal (.NET 10 too), and
/// <c>Vector128</c>, <c>Vector256</c> and <c>Vector512</c> share no other generic surface; so each width's struct below
/// maps these operations to its own type, and this is the subset the kernels use.
/// A comparison returns a mask, all bits set in each lane that passes.
/// </remarks>
/// <typeparam name="TVector">The vector type.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
internal interface IVectorWidth<TVector, T>
    where TVector : struct
    where T : struct
{
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector AllBitsSet { get; }

    static abstract TVector Create(T value);

    static abstract TVector Load(ref T first, int offset);

    static abstract void Store(TVector value, ref T first, int offset);

    static abstract TVector Add(TVector left, TVector right);

    static abstract TVector Multiply(TVector left, TVector right);

    static abstract TVector Divide(TVector left, TVector right);

    static abstract TVector Min(TVector left, TVector right);

    static abstract TVector Max(TVector left, TVector right);

    static abstract TVector And(TVector left, TVector right);

    static abstract TVector Or(TVector left, TVector right);

    static abstract TVector Equal(TVector left, TVector right);

    static abstract TVector GreaterThan(TVector left, TVector right);

    static abstract TVector GreaterThanOrEqual(TVector left, TVector right);

    static abstract TVector LessThan(TVector left, TVector right);

    static abstract TVector LessThanOrEqual(TVector left, TVector right);

    static abstract TVector ConditionalSelect(TVector mask, TVector ifSet, TVector ifClear);

    /// <summary>The top bit of each lane, lane 0 in bit 0.</summary>
    static abstract ulong MostSignificantBits(TVector value);
}

/// <summary>128-bit vectors (SSE on x64, AdvSimd on Arm64).</summary>
internal readonly struct Width128<T> : IVectorWidth<Vector128<T>, T>
    where T : struct
{
    public static int Count => Vector128<T>.Count;

    public static Vector128<T> Zero => Vector128<T>.Zero;

    public static Vector128<T> AllBitsSet => Vector128<T>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Create(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T first, int offset) => Vector128.LoadUnsafe(ref first, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T first, int offset) => value.StoreUnsafe(ref first, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> left, Vector128<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> left, Vector128<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Divide(Vector128<T> left, Vector128<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Min(Vector128<T> left, Vector128<T> right) => Vector128.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Max(Vector128<T> left, Vector128<T> right) => Vector128.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> And(Vector128<T> left, Vector128<T> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Or(Vector128<T> left, Vector128<T> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Equal(Vector128<T> left, Vector128<T> right) => Vector128.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> GreaterThan(Vector128<T> left, Vector128<T> right) => Vector128.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> GreaterThanOrEqual(Vector128<T> left, Vector128<T> right) => Vector128.GreaterThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LessThan(Vector128<T> left, Vector128<T> right) => Vector128.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LessThanOrEqual(Vector128<T> left, Vector128<T> right) => Vector128.LessThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> ConditionalSelect(Vector128<T> mask, Vector128<T> ifSet, Vector128<T> ifClear) => Vector128.ConditionalSelect(mask, ifSet, ifClear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MostSignificantBits(Vector128<T> value) => value.ExtractMostSignificantBits();
}

/// <summary>256-bit vectors (AVX2 on x64).</summary>
internal readonly struct Width256<T> : IVectorWidth<Vector256<T>, T>
    where T : struct
{
    public static int Count => Vector256<T>.Count;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    public static Vector256<T> AllBitsSet => Vector256<T>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Create(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T first, int offset) => Vector256.LoadUnsafe(ref first, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T first, int offset) => value.StoreUnsafe(ref first, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> left, Vector256<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> left, Vector256<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Divide(Vector256<T> left, Vector256<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Min(Vector256<T> left, Vector256<T> right) => Vector256.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Max(Vector256<T> left, Vector256<T> right) => Vector256.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> And(Vector256<T> left, Vector256<T> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Or(Vector256<T> left, Vector256<T> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Equal(Vector256<T> left, Vector256<T> right) => Vector256.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> GreaterThan(Vector256<T> left, Vector256<T> right) => Vector256.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> GreaterThanOrEqual(Vector256<T> left, Vector256<T> right) => Vector256.GreaterThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LessThan(Vector256<T> left, Vector256<T> right) => Vector256.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LessThanOrEqual(Vector256<T> left, Vector256<T> right) => Vector256.LessThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> ConditionalSelect(Vector256<T> mask, Vector256<T> ifSet, Vector256<T> ifClear) => Vector256.ConditionalSelect(mask, ifSet, ifClear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MostSignificantBits(Vector256<T> value) => value.ExtractMostSignificantBits();
}

/// <summary>512-bit vectors (AVX-512 on x64).</summary>
internal readonly struct Width512<T> : IVectorWidth<Vector512<T>, T>
    where T : struct
{
    public static int Count => Vector512<T>.Count;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    public static Vector512<T> AllBitsSet => Vector512<T>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Create(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T first, int offset) => Vector512.LoadUnsafe(ref first, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T first, int offset) => value.StoreUnsafe(ref first, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> left, Vector512<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Divide(Vector512<T> left, Vector512<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Min(Vector512<T> left, Vector512<T> right) => Vector512.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Max(Vector512<T> left, Vector512<T> right) => Vector512.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> And(Vector512<T> left, Vector512<T> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Or(Vector512<T> left, Vector512<T> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Equal(Vector512<T> left, Vector512<T> right) => Vector512.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> GreaterThan(Vector512<T> left, Vector512<T> right) => Vector512.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> GreaterThanOrEqual(Vector512<T> left, Vector512<T> right) => Vector512.GreaterThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LessThan(Vector512<T> left, Vector512<T> right) => Vector512.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LessThanOrEqual(Vector512<T> left, Vector512<T> right) => Vector512.LessThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> ConditionalSelect(Vector512<T> mask, Vector512<T> ifSet, Vector512<T> ifClear) => Vector512.ConditionalSelect(mask, ifSet, ifClear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MostSignificantBits(Vector512<T> value) => value.ExtractMostSignificantBits();
}
