using CreatorMarketplace.Discovery;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace CreatorMarketplace.Tests.Kernel;

public class TimeProviderClockTests
{
    // Whatever the provider's time and offset, the clock's instant is the same moment, to the tick.
    [Property(MaxTest = 500)]
    public void The_clock_reads_the_providers_time_as_the_same_moment(DateTimeOffset now) =>
        new TimeProviderClock(new FakeTimeProvider(now)).GetCurrentInstant().ToDateTimeOffset().ShouldBe(now);

    [Fact]
    public void Advancing_the_provider_moves_the_clock_and_what_commands_record_with_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T09:00:00Z"));
        var clock = new TimeProviderClock(time);
        var first = Shortlist.Create(EntityId.New<ShortlistId>(clock), EntityId.New<BrandId>(clock), "First", clock);

        time.Advance(TimeSpan.FromHours(2));
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(clock), EntityId.New<BrandId>(clock), "Later", clock);

        clock.TimeProvider.ShouldBeSameAs(time);
        first.PendingEvents.ShouldHaveSingleItem().OccurredAt.ShouldBe(Instant.FromUtc(2026, 12, 4, 9, 0));
        shortlist.PendingEvents.ShouldHaveSingleItem().OccurredAt.ShouldBe(Instant.FromUtc(2026, 12, 4, 11, 0));
        EntityId.CreatedAt(shortlist.Id).ShouldBe(Instant.FromUtc(2026, 12, 4, 11, 0));
    }

    [Fact]
    public void A_null_provider_is_refused() =>
        Should.Throw<ArgumentNullException>(() => new TimeProviderClock(null!)).ParamName.ShouldBe("timeProvider");
}
