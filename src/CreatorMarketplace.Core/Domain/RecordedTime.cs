using NodaTime;

namespace CreatorMarketplace;

// The time a command records: the clock's, or the aggregate's latest recorded time when the clock reads earlier (an
// instance whose clock is a little behind the one that wrote last), so that what an aggregate records runs forward in
// time, as its stored form must for it to be read back.
internal static class RecordedTime
{
    public static Instant Now(IClock clock, Instant? latest)
    {
        var now = clock.GetCurrentInstant();
        return latest is { } last && last > now ? last : now;
    }
}
