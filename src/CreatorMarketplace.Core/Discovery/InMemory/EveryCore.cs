using System.Runtime.ExceptionServices;

namespace CreatorMarketplace.Discovery.InMemory;

// Runs a loop's iterations on the calling thread and on pool threads for the other cores, and returns once each has
// run. Unlike Parallel.For, it never waits for a pool thread that has not started: the caller takes every iteration no
// other thread has taken, and waits only for the ones taken. Parallel.For, called from a thread outside the pool, waits
// for a helper it queued even when no iteration is left for it, so a writer holding the catalog's lock, or a search,
// waited for the pool to be free: seconds when the pool is starved, as in an application that blocks on tasks.
internal static class EveryCore
{
    // Runs body(index) once for each index from `from` up to `to`, each on one thread; the first exception any of them
    // throws is thrown here once every iteration started has returned, and no iteration starts after it. A test may
    // queue the helpers itself, to run them late or never, as a starved pool would.
    public static void For(int from, int to, Action<int> body, Action<Action>? queueHelper = null)
    {
        var helpers = Math.Min(Environment.ProcessorCount, to - from) - 1;
        if (helpers <= 0)
        {
            for (var index = from; index < to; index++)
            {
                body(index);
            }

            return;
        }

        var loop = new SharedLoop(from, to, body);
        for (var helper = 0; helper < helpers; helper++)
        {
            if (queueHelper is null)
            {
                // With the caller's execution context (its culture and current activity), as Parallel.For's tasks have.
                ThreadPool.QueueUserWorkItem(static loop => loop.Run(caller: false), loop, preferLocal: false);
            }
            else
            {
                queueHelper(() => loop.Run(caller: false));
            }
        }

        loop.Run(caller: true);
        loop.WaitForOthers();
    }

    private sealed class SharedLoop(int from, int to, Action<int> body)
    {
        private readonly object _gate = new();
        private int _next = from;
        private int _running = 1; // the caller, from the start: the count reaches 0 only once it has taken its last
        private ExceptionDispatchInfo? _failure;

        // Takes iterations until none is left. A helper that starts after the last was taken takes none.
        public void Run(bool caller)
        {
            if (!caller)
            {
                Interlocked.Increment(ref _running);
            }

            try
            {
                int index;
                while (Volatile.Read(ref _failure) is null && (index = Interlocked.Increment(ref _next) - 1) < to)
                {
                    try
                    {
                        body(index);
                    }
                    catch (Exception exception)
                    {
                        Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(exception), null);
                    }
                }
            }
            finally
            {
                if (Interlocked.Decrement(ref _running) == 0)
                {
                    lock (_gate)
                    {
                        Monitor.PulseAll(_gate);
                    }
                }
            }
        }

        // Called by the caller after its own Run: every iteration is taken by then, so this waits only for those
        // others are running.
        public void WaitForOthers()
        {
            lock (_gate)
            {
                while (Volatile.Read(ref _running) != 0)
                {
                    Monitor.Wait(_gate);
                }
            }

            _failure?.Throw();
        }
    }
}
