using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace CreatorMarketplace.Discovery.InMemory;

// Asks the processor to bring a byte's cache line in ahead of its use, so that reads known early but needed later wait
// for memory together instead of one after another. Only a hint, where the processor takes one (x86); elsewhere it
// does nothing.
internal static class CacheLines
{
    // Starts bringing in the cache line of array[index], if the index is inside the array.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(T[] array, int index)
    {
        if (Sse.IsSupported && (uint)index < (uint)array.Length)
        {
            // A prefetch never faults and changes nothing: an array the collector has moved meanwhile costs only the hint.
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index)));
        }
    }
}
