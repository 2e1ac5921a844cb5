using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace CreatorMarketplace.Contracts;

/// <summary>
/// When a deliverable must be posted, as wall-clock times in the creator's time zone: "between 9:00 and 18:00 on
/// 8 March in New York" means those local times even on the day clocks change. <see cref="Start"/> is inclusive,
/// <see cref="End"/> exclusive.
/// </summary>
/// <remarks>
/// A closing time that does not exist (skipped when clocks spring forward) is moved forward by the gap; an opening
/// time that does not exist opens the window when the gap ends, the first instant at or after it on the clock (so a
/// window from 2:30 to 3:15 on the night clocks skip from 2:00 to 3:00 opens at 3:00). A local time that occurs twice
/// (when clocks fall back) is its earlier occurrence. So a window is never shorter than its wall-clock times say,
/// except by a skipped hour inside it.
/// </remarks>
public sealed record PostingWindow
{
    // Ambiguous: the earlier occurrence; skipped: the first instant after the gap.
    private static readonly ZoneLocalMappingResolver OpeningResolver = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private PostingWindow(LocalDateTime opens, LocalDateTime closes, DateTimeZone zone)
    {
        Opens = opens;
        Closes = closes;
        Zone = zone;
        Start = zone.ResolveLocal(opens, OpeningResolver).ToInstant();
        End = zone.AtLeniently(closes).ToInstant();
    }

    /// <summary>The local time the window opens.</summary>
    public LocalDateTime Opens { get; }

    /// <summary>The local time the window closes.</summary>
    public LocalDateTime Closes { get; }

    /// <summary>The creator's time zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The first instant a post counts as on time.</summary>
    public Instant Start { get; }

    /// <summary>The first instant a post is late.</summary>
    public Instant End { get; }

    /// <summary>The time actually elapsed between opening and closing (23 or 25 hours for a day across a clock change).</summary>
    public Duration Length => End - Start;

    /// <summary>A window between two local times in a zone.</summary>
    /// <param name="opens">The local opening time.</param>
    /// <param name="closes">The local closing time; after the opening once both are placed in the zone.</param>
    /// <param name="zone">The creator's time zone.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentException">The window closes at or before it opens.</exception>
    public static PostingWindow Create(LocalDateTime opens, LocalDateTime closes, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var window = new PostingWindow(opens, closes, zone);
        return window.End > window.Start
            ? window
            : throw DomainValidationException.Of(nameof(closes), "posting_window.closes_before_opens", $"a posting window must close after it opens ({Format(opens)} in {zone.Id}), got {Format(closes)}.");
    }

    /// <summary>Whether an instant is inside the window.</summary>
    /// <param name="instant">The instant, for example when a post went live.</param>
    /// <returns>True from the start (inclusive) to the end (exclusive).</returns>
    public bool Contains(Instant instant) => instant >= Start && instant < End;

    /// <summary>Formats the window, for example <c>"2026-03-08 09:00 to 2026-03-08 18:00 America/New_York"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Format(Opens)} to {Format(Closes)} {Zone.Id}";

    private static string Format(LocalDateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
