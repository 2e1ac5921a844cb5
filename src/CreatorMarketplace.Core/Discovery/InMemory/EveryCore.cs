using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace CreatorMarketplace.Discovery.InMemory;

// Runs a loop's iterations on the calling thread and on the catalog's helper threads, one for each other core, and
// returns once each has run. It never waits for a helper that has not started: the caller takes every iteration no
// other thread has taken, and waits only for the ones taken. Parallel.For, called from a thread outside the pool, waits
// for a helper it queued even when no iteration is left for it, so a writer holding the catalog's lock, or a search,
// waited for the pool to be free: seconds when the pool is starved, as in an application that blocks on tasks. The
// helpers are threads of their own rather than pool threads, so that a blocked pool leaves the loops on every core,
// and so that a helper can be sent to another processor than its caller's before it is woken (Processors).
internal static class EveryCore
{
    // How long a helper that has run out of work looks for more before it sleeps: a search's passes follow each other
    // within microseconds, and a sleeping helper takes tens of microseconds to wake on the benchmark machine.
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000;

    private static readonly ConcurrentQueue<SharedLoop> s_loops = new();
    private static readonly object s_starting = new();
    private static Helper[]? s_helpers;

    // Runs body(index) once for each index from `from` up to `to`, each on one thread; the first exception any of them
    // throws is thrown here once every iteration started has returned, and no iteration starts after it. A test may
    // queue the helpers itself, to run them late or never, as busy helpers would. Unless told the caller has other
    // threads to run meanwhile (lookForMore false), a helper that has finished looks for the next loop a while before
    // it sleeps.
    public static void For(int from, int to, Action<int> body, Action<Action>? queueHelper = null, bool lookForMore = true)
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

        var loop = new SharedLoop(from, to, body) { LookForMore = lookForMore };
        if (queueHelper is null)
        {
            Offer(loop, helpers);
        }
        else
        {
            for (var helper = 0; helper < helpers; helper++)
            {
                queueHelper(loop.RunAsHelper);
            }
        }

        loop.Run(caller: true);
        loop.WaitForOthers();
    }

    // Queues the loop for that many helpers and wakes as many sleeping ones, each barred from the caller's processor
    // first so that it does not wait behind the caller; a helper still looking for work takes it without a wake.
    private static void Offer(SharedLoop loop, int helpers)
    {
        var all = Volatile.Read(ref s_helpers) ?? StartHelpers();
        for (var i = 0; i < helpers; i++)
        {
            s_loops.Enqueue(loop);
        }

        var (processor, woken) = (int.MinValue, 0);
        foreach (var helper in all)
        {
            if (woken == helpers)
            {
                break;
            }

            if (Volatile.Read(ref helper.Sleeping) == 1 && Interlocked.Exchange(ref helper.Sleeping, 0) == 1)
            {
                processor = processor == int.MinValue ? Processors.Current() : processor;
                helper.KeptOff = processor >= 0 && Processors.KeepOff(helper.ThreadId, processor);
                helper.Wake.Release();
                woken++;
            }
        }
    }

    private static Helper[] StartHelpers()
    {
        lock (s_starting)
        {
            if (s_helpers is { } started)
            {
                return started;
            }

            var helpers = new Helper[Environment.ProcessorCount - 1];
            for (var i = 0; i < helpers.Length; i++)
            {
                var helper = helpers[i] = new Helper();
                new Thread(helper.Work) { IsBackground = true, Name = "CreatorMarketplace catalog helper" }.Start();
            }

            Volatile.Write(ref s_helpers, helpers);
            return helpers;
        }
    }

    // A helper thread: runs the loops queued, looks for more a while, then sleeps until a loop wakes it.
    private sealed class Helper
    {
        public readonly SemaphoreSlim Wake = new(0);

        // 1 while asleep or about to sleep; whoever sets it back to 0 owns the wake (a loop) or the helper itself.
        public int Sleeping;

        // The thread's id in the operating system (0 where there is none), once it runs.
        public int ThreadId;

        // Whether the last wake barred a processor, to be allowed again once awake.
        public bool KeptOff;

        public void Work()
        {
            ThreadId = Processors.CurrentThreadId();
            var lookForMore = false;
            while (true)
            {
                if (s_loops.TryDequeue(out var loop))
                {
                    loop.RunAsHelper();
                    lookForMore = loop.LookForMore;
                    continue;
                }

                // A search's next pass follows within microseconds; a load's next batch does not, and looking for it
                // would only take the processor from the load's writer meanwhile.
                var until = Stopwatch.GetTimestamp() + (lookForMore ? SpinTicks : 0);
                while (s_loops.IsEmpty && Stopwatch.GetTimestamp() < until)
                {
                    Thread.SpinWait(20);
                }

                if (!s_loops.IsEmpty)
                {
                    continue;
                }

                // Sleeping is set before the queue is looked at again (a full fence: the store may not pass the read),
                // and a loop is queued before Sleeping is read: either the helper sees the loop, or the loop's caller
                // sees the helper asleep and wakes it.
                Interlocked.Exchange(ref Sleeping, 1);
                if (s_loops.IsEmpty || Interlocked.Exchange(ref Sleeping, 0) == 0)
                {
                    Wake.Wait();
                    if (KeptOff)
                    {
                        // Woken where the caller is not; free again for the next caller, wherever it runs.
                        KeptOff = false;
                        Processors.AllowAll(ThreadId);
                    }
                }
            }
        }
    }

    private sealed class SharedLoop(int from, int to, Action<int> body)
    {
        private readonly object _gate = new();
        private int _next = from;
        private int _running = 1; // the caller, from the start: the count reaches 0 only once it has taken its last
        private ExceptionDispatchInfo? _failure;

        // Whether a helper that has run this loop looks for the next one before it sleeps.
        public bool LookForMore { get; init; } = true;

        // The caller's execution context (its culture and current activity), which a helper runs iterations with, as
        // Parallel.For's tasks did; null when the caller suppressed its flow.
        private readonly ExecutionContext? _context = ExecutionContext.Capture();

        // Takes iterations, on a thread other than the caller's.
        public void RunAsHelper()
        {
            if (_context is null)
            {
                Run(caller: false);
            }
            else
            {
                ExecutionContext.Run(_context, static loop => ((SharedLoop)loop!).Run(caller: false), this);
            }
        }

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
