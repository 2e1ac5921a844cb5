using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using NodaTime;

namespace CreatorMarketplace;

/// <summary>
/// Operations shared by every <see cref="IEntityId{TSelf}"/>: making new time-ordered ids from an injected clock,
/// parsing, ordering, and reading back the instant an id was made.
/// </summary>
public static class EntityId
{
    private const long MaxUnixMilliseconds = (1L << 48) - 1;

    /// <summary>
    /// Makes a new id whose UUID (RFC 9562 version 7) starts with the clock's current Unix time in milliseconds
    /// followed by 74 random bits, so ids made later sort later.
    /// </summary>
    /// <typeparam name="TId">The identifier type.</typeparam>
    /// <param name="clock">The clock; inject one rather than reading the system time.</param>
    /// <returns>The new id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The clock reads before 1970 or after the year 10889.</exception>
    public static TId New<TId>(IClock clock)
        where TId : struct, IEntityId<TId>
    {
        ArgumentNullException.ThrowIfNull(clock);
        return TId.From(NewVersion7(clock.GetCurrentInstant()));
    }

    /// <summary>The instant (to the millisecond) at which a version-7 id was made, or null for other UUIDs.</summary>
    /// <typeparam name="TId">The identifier type.</typeparam>
    /// <param name="id">The id.</param>
    /// <returns>The instant, or null.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="id"/> is <c>default(TId)</c>, which holds no UUID.</exception>
    public static Instant? CreatedAt<TId>(TId id)
        where TId : struct, IEntityId<TId>
    {
        Span<byte> bytes = stackalloc byte[16];
        id.Value.TryWriteBytes(bytes, bigEndian: true, out _);
        if (bytes[6] >> 4 != 7)
        {
            return null;
        }

        var milliseconds = (long)(BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 16);
        return Instant.FromUnixTimeMilliseconds(milliseconds);
    }

    internal static Guid Require(Guid value, string typeName) =>
        value == Guid.Empty
            ? throw DomainValidationException.Of(nameof(value), "id.empty", $"a {typeName} cannot be the empty UUID.")
            : value;

    // Reading the UUID of default(TId), a struct no factory made, is a programmer error like reading the currency
    // of default(Money): it throws rather than let the empty UUID pass for an id.
    internal static InvalidOperationException NotMade(string typeName) =>
        new($"default({typeName}) is not an id: make one with EntityId.New, EntityId.Create, {typeName}.From or {typeName}.Parse.");

    internal static TId Parse<TId>(string text)
        where TId : struct, IEntityId<TId>
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse<TId>(text, out var id)
            ? id
            : throw new FormatException($"{ErrorText.Quote(text)} is not a {typeof(TId).Name}: expected a non-empty UUID such as '01890a5d-ac96-774b-bcce-b302099a8057'.");
    }

    internal static bool TryParse<TId>([NotNullWhen(true)] string? text, out TId id)
        where TId : struct, IEntityId<TId>
    {
        if (Guid.TryParse(text, out var value) && value != Guid.Empty)
        {
            id = TId.From(value);
            return true;
        }

        id = default;
        return false;
    }

    // RFC 9562 order is the byte order of the big-endian form. We compute it here rather than rely on
    // Guid.CompareTo, whose field order is an undocumented detail of the runtime.
    internal static int Compare(Guid left, Guid right)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        left.TryWriteBytes(a, bigEndian: true, out _);
        right.TryWriteBytes(b, bigEndian: true, out _);
        return a.SequenceCompareTo(b);
    }

    /// <summary>
    /// Makes an id for a given creation instant from random bits the caller supplies: for reproducible test data
    /// or for importing records whose creation time is known. <see cref="New{TId}"/> is the everyday way.
    /// </summary>
    /// <typeparam name="TId">The identifier type.</typeparam>
    /// <param name="createdAt">The instant the id records, from 1970 to the year 10889.</param>
    /// <param name="random">At least 10 random bytes; the first 10 are used (74 of their bits).</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentException"><paramref name="random"/> has fewer than 10 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="createdAt"/> is outside what a version-7 UUID holds.</exception>
    public static TId Create<TId>(Instant createdAt, ReadOnlySpan<byte> random)
        where TId : struct, IEntityId<TId> =>
        TId.From(Version7(createdAt, random, nameof(createdAt)));

    private static Guid NewVersion7(Instant instant)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        return Version7(instant, random, "clock");
    }

    private static Guid Version7(Instant instant, ReadOnlySpan<byte> random, string instantParameter)
    {
        if (random.Length < 10)
        {
            throw new ArgumentException($"random: a version-7 UUID needs 10 random bytes, got {random.Length}.", nameof(random));
        }

        var milliseconds = instant.ToUnixTimeMilliseconds();
        if (milliseconds is < 0 or > MaxUnixMilliseconds)
        {
            throw new ArgumentOutOfRangeException(instantParameter, instant, $"{instantParameter}: a version-7 UUID holds Unix milliseconds from 1970 to the year 10889.");
        }

        // 48 bits of Unix milliseconds, then the random bits with the version and variant set (RFC 9562).
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)milliseconds << 16);
        random[..10].CopyTo(bytes[6..]);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
