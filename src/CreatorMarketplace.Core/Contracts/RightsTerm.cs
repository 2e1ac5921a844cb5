using System.Globalization;
using NodaTime;

namespace CreatorMarketplace.Contracts;

/// <summary>
/// When a grant applies: from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive), or from
/// <see cref="Start"/> for ever. An end is exclusive so that consecutive terms never overlap: a right ending at
/// midnight is no longer held at midnight.
/// </summary>
public readonly record struct RightsTerm
{
    // False only in default(RightsTerm), which no factory makes: it would otherwise read as perpetual from 1970.
    private readonly bool _made;

    private RightsTerm(Instant start, Instant? end)
    {
        Start = start;
        End = end;
        _made = true;
    }

    /// <summary>Whether this is <c>default(RightsTerm)</c>, a term no factory made, which grants nothing.</summary>
    internal bool IsDefault => !_made;

    /// <summary>The first instant the grant applies.</summary>
    public Instant Start { get; }

    /// <summary>The first instant it no longer applies; null for a perpetual term.</summary>
    public Instant? End { get; }

    /// <summary>Whether the term never ends.</summary>
    public bool IsPerpetual => End is null;

    /// <summary>A term between two instants.</summary>
    /// <param name="start">The first instant.</param>
    /// <param name="end">The first instant after the term; later than <paramref name="start"/>.</param>
    /// <returns>The term.</returns>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public static RightsTerm Between(Instant start, Instant end) =>
        end > start
            ? new(start, end)
            : throw DomainValidationException.Of(nameof(end), "rights.term_ends_before_start", $"a term must end after it starts ({start}), got {end}.");

    /// <summary>
    /// A term of a calendar length from a moment in a time zone: six months from 9:00 on 15 January in Berlin ends
    /// at 9:00 on 15 July in Berlin, whatever daylight saving does in between. A local time that does not exist
    /// (a spring-forward gap) moves forward by the gap; one that occurs twice is its earlier occurrence, or its later
    /// when the earlier would not be after the start.
    /// </summary>
    /// <param name="start">The start, in the zone whose calendar measures the length.</param>
    /// <param name="length">A positive calendar length, for example <c>Period.FromMonths(6)</c>.</param>
    /// <returns>The term.</returns>
    /// <exception cref="ArgumentException"><paramref name="length"/> does not move the start forward.</exception>
    public static RightsTerm For(ZonedDateTime start, Period length)
    {
        ArgumentNullException.ThrowIfNull(length);

        // A local end that occurs twice is its earlier occurrence, unless that is not after the start (a short term
        // from the repeated hour's second occurrence), then its later.
        var local = start.LocalDateTime + length;
        var mapping = start.Zone.MapLocal(local);
        var end = mapping.Count == 2 && mapping.First().ToInstant() <= start.ToInstant()
            ? mapping.Last().ToInstant()
            : local.InZoneLeniently(start.Zone).ToInstant();
        return end > start.ToInstant()
            ? new(start.ToInstant(), end)
            : throw DomainValidationException.Of(nameof(length), "rights.term_length_not_positive", $"a term's length must be positive, got {length}.");
    }

    /// <summary>A term that never ends.</summary>
    /// <param name="start">The first instant.</param>
    /// <returns>The term.</returns>
    public static RightsTerm Perpetual(Instant start) => new(start, null);

    /// <summary>Whether the term applies at an instant.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>True from the start (inclusive) to the end (exclusive).</returns>
    public bool Contains(Instant instant) => instant >= Start && (End is not { } end || instant < end);

    /// <summary>Whether this term lies wholly inside <paramref name="other"/>.</summary>
    /// <param name="other">The wider term.</param>
    /// <returns>True when within.</returns>
    public bool IsWithin(RightsTerm other) =>
        Start >= other.Start && (other.End is not { } otherEnd || (End is { } end && end <= otherEnd));

    /// <summary>Formats the term, for example <c>"2026-01-01T00:00:00Z to 2026-07-01T00:00:00Z"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        End is { } end
            ? $"{Start.ToString(null, CultureInfo.InvariantCulture)} to {end.ToString(null, CultureInfo.InvariantCulture)}"
            : $"from {Start.ToString(null, CultureInfo.InvariantCulture)}, perpetual";
}
