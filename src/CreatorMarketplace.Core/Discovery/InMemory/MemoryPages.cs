using System.Runtime.InteropServices;

namespace CreatorMarketplace.Discovery.InMemory;

// The catalog's large arrays are written soon after they are allocated, and in a growing catalog they lie in memory the
// process takes from the system for the first time: each 4 KB page then costs a page fault of its own when first
// written (about 11 µs on the benchmark machine, a virtual machine). Linux maps every page of a range in one call
// (madvise with MADV_POPULATE_WRITE, since 5.14), which spares those faults. Only a request: it changes no byte, and
// where the call is missing or refused nothing is asked again and the pages fault in as before.
internal static partial class MemoryPages
{
    // Below this many bytes the faults saved do not pay for the call.
    internal const int Worthwhile = 64 << 10;

    private const int PopulateWrite = 23;

    private static readonly nuint s_pageSize = (nuint)Environment.SystemPageSize;

    private static volatile bool s_available = OperatingSystem.IsLinux();

    /// <summary>Whether the system has mapped the ranges asked for so far (false once a call was refused or missing).</summary>
    public static bool Available => s_available;

    /// <summary>The array, its whole pages mapped for writing if it is large enough to be worth a call.</summary>
    public static unsafe T[] Populated<T>(T[] array)
        where T : unmanaged
    {
        var bytes = (nuint)array.Length * (nuint)sizeof(T);
        if (s_available && bytes >= Worthwhile)
        {
            // Pinned for the call alone: the pages belong to the array's memory whether or not it moves later.
            fixed (T* start = array)
            {
                Populate(start, bytes);
            }
        }

        return array;
    }

    /// <summary>Asks for the whole pages of a range to be mapped for writing.</summary>
    public static unsafe void Populate(void* start, nuint bytes)
    {
        var first = ((nuint)start + s_pageSize - 1) & ~(s_pageSize - 1);
        var end = ((nuint)start + bytes) & ~(s_pageSize - 1);
        if (!s_available || end <= first)
        {
            return;
        }

        try
        {
            if (Advise(first, end - first, PopulateWrite) != 0)
            {
                s_available = false;
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            s_available = false;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(nuint address, nuint length, int advice);
}
