using System.Runtime.InteropServices;
using CreatorMarketplace.Discovery.InMemory;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>
/// A loop's helper is barred from its caller's processor just before it is woken, so that Linux does not queue it
/// behind the caller, and is allowed every processor again once awake.
/// </summary>
public sealed partial class ProcessorsTests
{
    [Fact]
    public void A_thread_kept_off_a_processor_may_run_on_every_other_one_and_then_on_all_again()
    {
        if (!OperatingSystem.IsLinux())
        {
            Processors.Available.ShouldBeFalse("only Linux keeps a thread off a processor here");
            return;
        }

        Processors.Available.ShouldBeTrue("this machine's libc gives the calls");
        var (threadId, allowed, keptOff, restored) = (0, (IReadOnlyList<int>?)null, (IReadOnlyList<int>?)null, (IReadOnlyList<int>?)null);
        var processor = -1;
        var kept = false;
        var thread = new Thread(() =>
        {
            threadId = Processors.CurrentThreadId();
            allowed = AllowedFor(threadId);
            processor = allowed![0];
            kept = Processors.KeepOff(threadId, processor);
            keptOff = AllowedFor(threadId);
            Processors.AllowAll(threadId);
            restored = AllowedFor(threadId);
        });
        thread.Start();
        thread.Join();

        threadId.ShouldBeGreaterThan(0);
        if (allowed!.Count == 1)
        {
            kept.ShouldBeFalse("a thread that may run on one processor only is left there");
            keptOff.ShouldBe(allowed);
        }
        else
        {
            kept.ShouldBeTrue();
            keptOff.ShouldBe(allowed.Where(other => other != processor).ToList());
        }

        restored.ShouldBe(allowed);
    }

    [Fact]
    public void A_processor_out_of_range_or_not_the_process_s_is_refused_without_a_call()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Processors.KeepOff(Processors.CurrentThreadId(), -1).ShouldBeFalse();
        Processors.KeepOff(Processors.CurrentThreadId(), 1 << 20).ShouldBeFalse();
        Processors.KeepOff(0, 0).ShouldBeFalse("no thread id");
        Processors.Current().ShouldBeGreaterThanOrEqualTo(0);
    }

    // The processors a thread may run on, read back by sched_getaffinity (the first 1,024).
    private static unsafe IReadOnlyList<int> AllowedFor(int threadId)
    {
        var mask = new byte[128];
        fixed (byte* into = mask)
        {
            GetAffinity(threadId, (nuint)mask.Length, into).ShouldBe(0, "sched_getaffinity answers");
        }

        return [.. Enumerable.Range(0, mask.Length * 8).Where(processor => (mask[processor >> 3] & (1 << (processor & 7))) != 0)];
    }

    [LibraryImport("libc", EntryPoint = "sched_getaffinity")]
    private static unsafe partial int GetAffinity(int threadId, nuint bytes, byte* mask);
}
