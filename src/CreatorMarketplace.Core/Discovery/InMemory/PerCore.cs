namespace CreatorMarketplace.Discovery.InMemory;

// One value for each thread that may run a loop's iterations at once (EveryCore runs at most one a core), each held
// by one thread at a time: the iterations that share a value carry on from what the ones before them left there,
// such as a heap of the best rows so far, whose threshold a new heap for each iteration would have to reach again.
internal sealed class PerCore<T>(int iterations, Func<T> make)
    where T : class
{
    private readonly T?[] _values = new T?[Slots(iterations)];
    private readonly int[] _held = new int[Slots(iterations)];

    /// <summary>The values made so far, once the loop has ended.</summary>
    public IEnumerable<T> Values => _values.OfType<T>();

    /// <summary>Runs <paramref name="action"/> on a value no other thread holds meanwhile (made on first use).</summary>
    public void With(Action<T> action)
    {
        var slot = Hold();
        try
        {
            action(_values[slot] ??= make());
        }
        finally
        {
            Volatile.Write(ref _held[slot], 0);
        }
    }

    private static int Slots(int iterations) => Math.Clamp(iterations, 1, Environment.ProcessorCount);

    private int Hold()
    {
        // No more threads than values run the loop at once, so a value is free: the search never waits here.
        while (true)
        {
            for (var slot = 0; slot < _held.Length; slot++)
            {
                if (Interlocked.CompareExchange(ref _held[slot], 1, 0) == 0)
                {
                    return slot;
                }
            }

            Thread.Yield();
        }
    }
}
