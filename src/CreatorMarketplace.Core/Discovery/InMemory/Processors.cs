using System.Runtime.InteropServices;

namespace CreatorMarketplace.Discovery.InMemory;

// Where a thread may run. Linux wakes a sleeping thread on the processor of the thread that woke it when it judges the
// two to share a cache; a virtual machine that tells its kernel nothing of its caches (as on the benchmark machine)
// then queues a loop's helper behind its caller, and the helper starts only once the caller blocks or the scheduler
// rebalances, a tick later (about 4 ms there): the loop runs on one core. Barring the caller's processor to the helper
// just before waking it sends the helper to another. Only a request: where the calls are missing or refused (another
// OS, a process bound to one processor, more processors than the mask holds), nothing is asked again.
internal static unsafe partial class Processors
{
    // The mask glibc's cpu_set_t holds: 1,024 processors.
    private const int MaskBytes = 128;

    private static readonly byte[] s_allowed = new byte[MaskBytes];

    private static volatile bool s_available = OperatingSystem.IsLinux() && ReadAllowed();

    /// <summary>Whether threads can be kept off a processor (false once a call was refused or missing).</summary>
    public static bool Available => s_available;

    /// <summary>The calling thread's id in the operating system, or 0 where there is none to give.</summary>
    public static int CurrentThreadId() => Call(static () => GetThreadId(), otherwise: 0);

    /// <summary>The processor the calling thread runs on, or -1 where it cannot be known.</summary>
    public static int Current() => Call(static () => GetCpu(), otherwise: -1);

    /// <summary>
    /// Lets a thread run on every processor the process may use but one; returns whether that was done. A thread the
    /// process may run only on that processor, or a processor out of the mask's range, is left as it is.
    /// </summary>
    public static bool KeepOff(int threadId, int processor)
    {
        if (!s_available || threadId <= 0 || !IsAllowed(processor))
        {
            return false;
        }

        var mask = stackalloc byte[MaskBytes];
        new ReadOnlySpan<byte>(s_allowed).CopyTo(new Span<byte>(mask, MaskBytes));
        mask[processor >> 3] &= unchecked((byte)~(1 << (processor & 7)));
        return new ReadOnlySpan<byte>(mask, MaskBytes).ContainsAnyExcept((byte)0) && Set(threadId, mask);
    }

    /// <summary>Lets a thread run on every processor the process may use again.</summary>
    public static void AllowAll(int threadId)
    {
        if (s_available && threadId > 0)
        {
            fixed (byte* mask = s_allowed)
            {
                Set(threadId, mask);
            }
        }
    }

    // Whether the process may run on the processor (as it could when the catalog first asked).
    private static bool IsAllowed(int processor) =>
        processor is >= 0 and < MaskBytes * 8 && (s_allowed[processor >> 3] & (1 << (processor & 7))) != 0;

    // A call with no arguments, or what stands for its answer where the calls are not available.
    private static int Call(Func<int> call, int otherwise)
    {
        if (!s_available)
        {
            return otherwise;
        }

        try
        {
            return call();
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            s_available = false;
            return otherwise;
        }
    }

    private static bool ReadAllowed()
    {
        try
        {
            fixed (byte* mask = s_allowed)
            {
                return GetAffinity(0, MaskBytes, mask) == 0;
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static bool Set(int threadId, byte* mask)
    {
        try
        {
            return SetAffinity(threadId, MaskBytes, mask) == 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            s_available = false;
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    [LibraryImport("libc", EntryPoint = "sched_getcpu")]
    private static partial int GetCpu();

    [LibraryImport("libc", EntryPoint = "sched_getaffinity")]
    private static partial int GetAffinity(int threadId, nuint bytes, byte* mask);

    [LibraryImport("libc", EntryPoint = "sched_setaffinity")]
    private static partial int SetAffinity(int threadId, nuint bytes, byte* mask);
}
