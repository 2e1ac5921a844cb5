using CreatorMarketplace.Discovery.InMemory;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>
/// The catalog's loops over chunks and blocks, run on the calling thread and on the catalog's helper threads: a caller
/// never waits for a helper that has not started, as a writer holding the catalog's lock must not, and the helpers
/// are threads of their own, which a blocked thread pool does not hold up.
/// </summary>
public sealed class EveryCoreTests
{
    [Fact]
    public void A_loop_whose_helpers_never_start_runs_every_iteration_on_the_calling_thread_and_returns()
    {
        var (parked, runs, caller) = (new List<Action>(), new int[10], Environment.CurrentManagedThreadId);
        var threads = new HashSet<int>();

        EveryCore.For(0, 10, index =>
        {
            runs[index]++;
            threads.Add(Environment.CurrentManagedThreadId);
        }, parked.Add);

        runs.ShouldAllBe(count => count == 1);
        threads.ShouldBe([caller]);
        parked.Count.ShouldBe(Math.Min(Environment.ProcessorCount, 10) - 1, "one helper for each other core");

        // A helper that starts once the loop has returned finds nothing left to take.
        foreach (var helper in parked)
        {
            helper();
        }

        runs.ShouldAllBe(count => count == 1);
    }

    [Fact]
    public void A_loop_while_every_pool_thread_is_blocked_still_runs_on_every_core()
    {
        // Work queued ahead holds every pool thread the pool has, and every one it adds for a while: until the loop
        // returns, none of them is released. (Not disposed: they wake after the test has ended.)
        var release = new ManualResetEventSlim();
        for (var blocker = 0; blocker < 256; blocker++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => release.Wait(), null);
        }

        try
        {
            var (runs, byHelpers, onPool) = (new int[64], 0, 0);
            var loop = new Thread(() =>
            {
                var caller = Environment.CurrentManagedThreadId;
                EveryCore.For(0, runs.Length, index =>
                {
                    Interlocked.Increment(ref runs[index]);
                    if (Thread.CurrentThread.IsThreadPoolThread)
                    {
                        Interlocked.Increment(ref onPool);
                    }

                    if (Environment.CurrentManagedThreadId != caller)
                    {
                        Interlocked.Increment(ref byHelpers);
                    }
                    else if (Environment.ProcessorCount > 1)
                    {
                        // The caller waits for a helper to take an iteration: with the pool blocked, only a helper of
                        // the catalog's own can.
                        SpinWait.SpinUntil(() => Volatile.Read(ref byHelpers) > 0, TimeSpan.FromSeconds(10));
                    }
                });
            });
            loop.Start();

            loop.Join(TimeSpan.FromSeconds(60)).ShouldBeTrue("the loop returned while the pool was blocked");
            runs.ShouldAllBe(count => count == 1);
            onPool.ShouldBe(0, "no iteration ran on a pool thread");
            if (Environment.ProcessorCount > 1)
            {
                byHelpers.ShouldBeGreaterThan(0, "a helper ran iterations while the pool was blocked");
            }
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public void Loops_from_many_threads_at_once_each_run_every_iteration_once()
    {
        var runs = new int[16][];
        Parallel.For(0, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, caller =>
        {
            runs[caller] = new int[1_000];
            for (var round = 0; round < 20; round++)
            {
                var counts = new int[runs[caller].Length];
                EveryCore.For(0, counts.Length, index => Interlocked.Increment(ref counts[index]));
                counts.ShouldAllBe(count => count == 1);
                runs[caller][round] = 1;
            }
        });

        runs.ShouldAllBe(rounds => rounds.Take(20).All(done => done == 1));
    }

    [Fact]
    public void Every_iteration_runs_once_across_the_threads()
    {
        var runs = new int[10_000];

        EveryCore.For(0, runs.Length, index => Interlocked.Increment(ref runs[index]));

        runs.ShouldAllBe(count => count == 1);
    }

    [Fact]
    public void Every_iteration_sees_the_callers_execution_context()
    {
        var (flowed, seen, caller, byHelpers) = (new AsyncLocal<string?> { Value = "the caller's" }, new string?[64], Environment.CurrentManagedThreadId, 0);

        EveryCore.For(0, seen.Length, index =>
        {
            if (Environment.CurrentManagedThreadId != caller)
            {
                Interlocked.Increment(ref byHelpers);
            }
            else if (Environment.ProcessorCount > 1)
            {
                // The caller waits for a helper to take an iteration, so that some run on a helper.
                SpinWait.SpinUntil(() => Volatile.Read(ref byHelpers) > 0, TimeSpan.FromSeconds(10));
            }

            seen[index] = flowed.Value;
        });

        seen.ShouldAllBe(value => value == "the caller's");
        if (Environment.ProcessorCount > 1)
        {
            byHelpers.ShouldBeGreaterThan(0, "a helper ran iterations");
        }
    }

    [Fact]
    public void The_first_exception_an_iteration_throws_is_thrown_to_the_caller_once_the_others_have_returned()
    {
        // Enough iterations that a loop going on after the failure would run for a good part of a second, so that a
        // thread held up between the throw and the loop's seeing it (a busy machine) cannot let the rest all start.
        const int Iterations = 20_000;
        var (started, finished, failing) = (0, 0, 0);

        var thrown = Should.Throw<InvalidOperationException>(() => EveryCore.For(0, Iterations, index =>
        {
            Interlocked.Increment(ref started);
            if (index == 3)
            {
                Volatile.Write(ref failing, 1);
                throw new InvalidOperationException("iteration 3 failed");
            }

            // Those after it start their work once it is failing (they are taken after it, so it is running).
            if (index > 3)
            {
                SpinWait.SpinUntil(() => Volatile.Read(ref failing) == 1);
            }

            Thread.SpinWait(1_000);
            Interlocked.Increment(ref finished);
        }));

        thrown.Message.ShouldBe("iteration 3 failed");
        Volatile.Read(ref finished).ShouldBe(Volatile.Read(ref started) - 1, "every iteration started has returned");
        Volatile.Read(ref started).ShouldBeLessThan(Iterations, "no iteration starts after the failure is seen");
    }

    [Fact]
    public void A_single_iteration_runs_on_the_calling_thread_and_queues_no_helper()
    {
        var (parked, ranOn) = (new List<Action>(), 0);

        EveryCore.For(7, 8, _ => ranOn = Environment.CurrentManagedThreadId, parked.Add);

        ranOn.ShouldBe(Environment.CurrentManagedThreadId);
        parked.ShouldBeEmpty("one iteration wakes no other core");
    }

    [Fact]
    public void An_empty_range_runs_nothing()
    {
        var runs = 0;

        EveryCore.For(5, 5, _ => runs++);
        EveryCore.For(5, 2, _ => runs++);

        runs.ShouldBe(0);
    }

    // A search's iterations share a value per core (a heap of the best rows so far) through PerCore: two iterations
    // running at once never hold the same value, and no more values are made than threads can run the loop at once.
    [Fact]
    public void Iterations_running_at_once_never_share_a_value_of_their_core()
    {
        var values = new PerCore<Holder>(400, () => new Holder());
        var overlaps = 0;

        EveryCore.For(0, 400, _ => values.With(holder =>
        {
            if (Interlocked.Exchange(ref holder.Held, 1) != 0)
            {
                Interlocked.Increment(ref overlaps);
            }

            holder.Runs++;
            Thread.SpinWait(2_000);
            Volatile.Write(ref holder.Held, 0);
        }));

        overlaps.ShouldBe(0);
        values.Values.Sum(holder => holder.Runs).ShouldBe(400, "every iteration ran on a value, and no run was lost to another thread");
        values.Values.Count().ShouldBeInRange(1, Environment.ProcessorCount);
    }

    private sealed class Holder
    {
        public int Held;

        public int Runs;
    }
}
