using NodaTime;

namespace CreatorMarketplace;

/// <summary>
/// A NodaTime <see cref="IClock"/> that reads a <see cref="TimeProvider"/>, so that the instants commands record and
/// the waits the stores and hosted services time come from one clock: an application that fakes time (with
/// <c>FakeTimeProvider</c>, say) fakes both at once.
/// </summary>
/// <param name="timeProvider">The time read; <see cref="TimeProvider.System"/> for the system's.</param>
/// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
public sealed class TimeProviderClock(TimeProvider timeProvider) : IClock
{
    private readonly TimeProvider _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    /// <summary>The time provider read.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>The provider's current UTC time, as an instant.</summary>
    /// <returns>The instant now.</returns>
    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(_timeProvider.GetUtcNow());
}
