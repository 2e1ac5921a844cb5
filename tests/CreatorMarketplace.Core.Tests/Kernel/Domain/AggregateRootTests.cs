using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Kernel;

public class AggregateRootTests
{
    private sealed record Renamed(Instant OccurredAt, string Name) : IDomainEvent;

    private sealed class Sample(CreatorId id, long version = 0) : AggregateRoot<CreatorId>(id, version)
    {
        public string Name { get; private set; } = "first";

        public void Rename(string name, IClock clock)
        {
            if (name == Name)
            {
                return; // no change, no event
            }

            Name = name;
            Raise(new Renamed(clock.GetCurrentInstant(), name));
        }
    }

    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 1, 1, 0, 0));

    [Fact]
    public void Events_are_pending_until_stored_then_handed_over()
    {
        var aggregate = new Sample(EntityId.New<CreatorId>(_clock));

        aggregate.Rename("second", _clock);
        aggregate.Rename("second", _clock);
        aggregate.PendingEvents.Count.ShouldBe(1);

        var handed = aggregate.MarkStored(1);

        handed.ShouldHaveSingleItem().ShouldBe(new Renamed(_clock.GetCurrentInstant(), "second"));
        aggregate.PendingEvents.ShouldBeEmpty();
        aggregate.Version.ShouldBe(1);
    }

    [Fact]
    public void A_stored_version_only_moves_forward()
    {
        var aggregate = new Sample(EntityId.New<CreatorId>(_clock), version: 3);
        aggregate.Rename("other", _clock);

        Should.Throw<ArgumentOutOfRangeException>(() => aggregate.MarkStored(3)).ParamName.ShouldBe("newVersion");
        aggregate.PendingEvents.Count.ShouldBe(1);
        aggregate.Version.ShouldBe(3);
    }

    [Fact]
    public void An_aggregate_needs_an_identity()
    {
        Should.Throw<ArgumentException>(() => new Sample(default)).ParamName.ShouldBe("id");
    }
}
