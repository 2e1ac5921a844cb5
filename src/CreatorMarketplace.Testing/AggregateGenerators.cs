namespace CreatorMarketplace.Testing;

/// <summary>
/// FsCheck generators of aggregates in the states their commands reach. Each aggregate is driven through a random
/// sequence of its public commands from a <see cref="FakeClock"/> that moves on between commands, deterministically
/// for FsCheck's seed; refused commands are part of the sequence. The aggregates keep their pending events, as in a
/// unit of work not yet stored.
/// </summary>
public static partial class AggregateGenerators
{
    // The draws the drivers share: clocks, ids, days and picks, all from the driver's seeded random.
    private static class CommandDraws
    {
        public static readonly DateTimeZone[] Zones = [.. new[] { "America/New_York", "Europe/Berlin", "Asia/Tokyo" }.Select(id => DateTimeZoneProviders.Tzdb[id])];

        private static readonly Instant Earliest = Instant.FromUtc(2026, 1, 1, 0, 0);

        // What a driver makes of a random seed and 0 to `mostSteps` commands; FsCheck's seed picks both.
        public static Gen<T> Driven<T>(int mostSteps, Func<Random, int, T> drive) =>
            from seed in Gen.Choose(0, int.MaxValue)
            from steps in Gen.Choose(0, mostSteps)
            select drive(new Random(seed), steps);

        // Somewhere from 2026 to 2029, on a whole minute.
        public static FakeClock Clock(Random random) => new(Earliest + Duration.FromMinutes(random.Next(0, 4 * 365 * 24 * 60)));

        public static TId Id<TId>(Random random, IClock clock)
            where TId : struct, IEntityId<TId>
        {
            var bytes = new byte[10];
            random.NextBytes(bytes);
            return EntityId.Create<TId>(clock.GetCurrentInstant(), bytes);
        }

        // A day from tomorrow to a week on, in UTC.
        public static LocalDate Day(IClock clock, Random random) => clock.GetCurrentInstant().InUtc().Date.PlusDays(random.Next(1, 8));

        public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

        // Distinct items, in their order, at least `least` of them.
        public static T[] Some<T>(Random random, IReadOnlyList<T> items, int least)
        {
            var some = items.Where(_ => random.Next(3) == 0).ToList();
            foreach (var item in items)
            {
                if (some.Count >= least)
                {
                    break;
                }

                if (!some.Contains(item))
                {
                    some.Add(item);
                }
            }

            return [.. some];
        }
    }
}
