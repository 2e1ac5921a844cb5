using FsCheck;
using FsCheck.Fluent;

namespace CreatorMarketplace.Testing;

/// <summary>
/// FsCheck generators behind <see cref="KernelArbitraries"/>, for building generators of your own types. They live
/// apart from the arbitraries because FsCheck would try a generic arbitrary method on every type it meets.
/// </summary>
public static class KernelGenerators
{
    /// <summary>The largest magnitude, in minor units, of a generated amount: 10^15 (ten trillion dollars).</summary>
    public const long MaxGeneratedMinorUnits = 1_000_000_000_000_000;

    /// <summary>A number of minor units: mostly small, sometimes large, within ±<see cref="MaxGeneratedMinorUnits"/>.</summary>
    /// <returns>The generator.</returns>
    public static Gen<long> MinorUnits() =>
        Gen.Frequency(
            (4, Gen.Choose(-100_000, 100_000).Select(i => (long)i)),
            (3, Gen.Zip(Gen.Choose(-1_000_000_000, 1_000_000_000), Gen.Choose(0, 999_999), (high, low) => (high * 1_000_000L) + (high < 0 ? -low : low))),
            (1, Gen.Elements(0L, 1L, -1L, MaxGeneratedMinorUnits, -MaxGeneratedMinorUnits)));

    /// <summary>Random version-7 ids of any identifier type, made between 1970 and 2286, deterministic for a given seed.</summary>
    /// <typeparam name="TId">The identifier type.</typeparam>
    /// <returns>The generator.</returns>
    public static Gen<TId> Ids<TId>()
        where TId : struct, IEntityId<TId> =>
        from highMilliseconds in Gen.Choose(0, 100_000)
        from lowMilliseconds in Gen.Choose(0, 99_999_999)
        from random in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 10)
        select EntityId.Create<TId>(NodaTime.Instant.FromUnixTimeMilliseconds((highMilliseconds * 100_000_000L) + lowMilliseconds), random);
}
