using NodaTime;

namespace CreatorMarketplace.Connectors.YouTube;

/// <summary>
/// The Data API's daily quota as this connector spends it: units taken per call at each method's documented cost,
/// counted from zero again at midnight Pacific time, when YouTube resets the project's quota.
/// </summary>
internal sealed class YouTubeQuota(int dailyUnits)
{
    /// <summary>The time zone of YouTube's days: the quota's and the Analytics reports'.</summary>
    public static readonly DateTimeZone Pacific = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    private readonly object _gate = new();
    private LocalDate _day;
    private int _used;
    private bool _exhausted;

    /// <summary>When the quota of the day <paramref name="now"/> falls in is reset: the next midnight in Los Angeles.</summary>
    public static Instant NextReset(Instant now) =>
        Pacific.AtStartOfDay(now.InZone(Pacific).Date.PlusDays(1)).ToInstant();

    /// <summary>Takes a call's units from the day's quota.</summary>
    /// <returns>Null when taken; otherwise how long until the quota is reset.</returns>
    public Duration? TryTake(int units, Instant now)
    {
        lock (_gate)
        {
            Roll(now);
            if (_exhausted || _used + units > dailyUnits)
            {
                return NextReset(now) - now;
            }

            _used += units;
            return null;
        }
    }

    /// <summary>YouTube said the quota is spent (by other processes of the project too): nothing more is sent today.</summary>
    /// <returns>How long until the quota is reset.</returns>
    public Duration Exhaust(Instant now)
    {
        lock (_gate)
        {
            Roll(now);
            _exhausted = true;
            return NextReset(now) - now;
        }
    }

    private void Roll(Instant now)
    {
        var day = now.InZone(Pacific).Date;
        if (day != _day)
        {
            _day = day;
            _used = 0;
            _exhausted = false;
        }
    }
}

/// <summary>The state every connector of one registration shares: the daily quota, and the refresh gates.</summary>
internal sealed class YouTubeState(int dailyUnits)
{
    public YouTubeQuota Quota { get; } = new(dailyUnits);

    // YouTube limits calls by the daily quota, not by a per-minute budget: only the refresh gates are used.
    public ConnectorState Connector { get; } = new(int.MaxValue);
}

/// <summary>Each attempt, the resilience handler's retries too, is charged to the quota: YouTube charges every request it receives.</summary>
internal sealed class QuotaTicket(YouTubeQuota quota, int units, IClock clock) : AttemptCharge
{
    public override Duration? Take() => quota.TryTake(units, clock.GetCurrentInstant());
}
