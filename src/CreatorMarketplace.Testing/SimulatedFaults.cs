using CreatorMarketplace.Connectors;

namespace CreatorMarketplace.Testing;

/// <summary>
/// The faults of a <see cref="SimulatedPlatform"/>: one-shot injections for the next calls, expired tokens, and
/// how many faults of each kind were given. Faults by chance are set in <see cref="SimulatedPlatformOptions.FaultRates"/>.
/// </summary>
public sealed class SimulatedFaults
{
    private readonly object _lock;
    private readonly SimulatedPlatform _platform;
    private readonly List<Injection> _injections = [];
    private readonly int[] _given = new int[SimulatedFault.List.Max(fault => fault.Value) + 1];

    internal SimulatedFaults(object gate, SimulatedPlatform platform)
    {
        _lock = gate;
        _platform = platform;
    }

    /// <summary>How many injected faults are still to be given.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _injections.Sum(injection => injection.Remaining);
            }
        }
    }

    /// <summary>
    /// Makes the next calls fail: the next <paramref name="times"/> calls of the kind (any kind when null) meet the
    /// fault, in the order injected, before any fault by chance. <see cref="SimulatedFault.CorruptNumbers"/> waits
    /// for the next post metrics calls.
    /// </summary>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many calls meet it, one or more.</param>
    /// <param name="call">The kind of call it waits for; null for any.</param>
    /// <exception cref="ArgumentException"><paramref name="times"/> is below 1, or corrupt numbers are aimed at another call than post metrics.</exception>
    public void Inject(SimulatedFault fault, int times = 1, SimulatedCall? call = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        if (fault == SimulatedFault.CorruptNumbers && call is not null && call != SimulatedCall.PostMetrics)
        {
            throw new ArgumentException($"call: corrupt numbers come only in post metrics calls, not {call.Name}.", nameof(call));
        }

        lock (_lock)
        {
            _injections.Add(new Injection(fault, fault == SimulatedFault.CorruptNumbers ? SimulatedCall.PostMetrics : call, times));
        }
    }

    /// <summary>Expires the account's token: every call for it is <see cref="Unauthorized"/> until <see cref="SimulatedPlatform.Reconnect"/>.</summary>
    /// <param name="account">A connected account.</param>
    /// <exception cref="ArgumentException">The account is not connected to this platform.</exception>
    public void ExpireToken(ConnectedAccount account) => _platform.SetTokenExpired(account, expired: true);

    /// <summary>Drops the injected faults not yet given; expired tokens stay expired.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _injections.Clear();
        }
    }

    /// <summary>How many times the fault was given, injected or by chance; the rate budget's refusals count as <see cref="SimulatedFault.RateLimited"/>.</summary>
    /// <param name="fault">The fault.</param>
    /// <returns>The count.</returns>
    public int Given(SimulatedFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_lock)
        {
            return _given[fault.Value];
        }
    }

    /// <summary>Takes the first injected fault waiting for this kind of call; the caller holds the lock.</summary>
    internal SimulatedFault? TakeInjected(SimulatedCall call)
    {
        var index = _injections.FindIndex(injection => injection.Call is null || injection.Call == call);
        if (index < 0)
        {
            return null;
        }

        var injection = _injections[index];
        if (--injection.Remaining == 0)
        {
            _injections.RemoveAt(index);
        }

        return injection.Fault;
    }

    /// <summary>Counts a fault given; the caller holds the lock.</summary>
    internal void CountGiven(SimulatedFault fault) => _given[fault.Value]++;

    private sealed class Injection(SimulatedFault fault, SimulatedCall? call, int remaining)
    {
        public SimulatedFault Fault { get; } = fault;

        public SimulatedCall? Call { get; } = call;

        public int Remaining { get; set; } = remaining;
    }
}
