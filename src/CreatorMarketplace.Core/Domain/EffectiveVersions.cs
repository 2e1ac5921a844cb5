using NodaTime;

namespace CreatorMarketplace;

// Policies held as data (eligibility, access) keep versions earliest first, each in force from its effective instant
// until the next one's.
internal static class EffectiveVersions
{
    /// <summary>The version in force at an instant: the latest whose effective instant is at or before it; null before the first.</summary>
    public static T? InForceAt<T>(IReadOnlyList<T> earliestFirst, Instant at, Func<T, Instant> effectiveFrom)
        where T : class
    {
        for (var i = earliestFirst.Count - 1; i >= 0; i--)
        {
            if (effectiveFrom(earliestFirst[i]) <= at)
            {
                return earliestFirst[i];
            }
        }

        return null;
    }
}
