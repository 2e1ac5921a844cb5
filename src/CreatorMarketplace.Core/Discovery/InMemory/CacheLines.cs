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

    // Starts bringing in the first two cache lines of an object (its header and first fields), if there is one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(object? value)
    {
        if (Sse.IsSupported && value is not null)
        {
            // The reference is the object's address; read as a number, it is only a hint, stale once the collector
            // moves the object, which a prefetch tolerates.
            var address = Unsafe.As<object, nint>(ref value);
            Sse.Prefetch0((void*)address);
            Sse.Prefetch0((void*)(address + 64));
        }
    }

    // Starts bringing in the first two cache lines of each of three objects, those there are.
    public static void Prefetch(object? first, object? second, object? third)
    {
        Prefetch(first);
        Prefetch(second);
        Prefetch(third);
    }

    // Starts bringing in every cache line of a string's characters, if there is one.
    public static void Prefetch(string? text)
    {
        if (text is not null)
        {
            Prefetch(text.AsSpan());
        }
    }

    // Starts bringing in every cache line of a span's items.
    public static unsafe void Prefetch<T>(ReadOnlySpan<T> items)
    {
        if (Sse.IsSupported)
        {
            var first = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(items));
            for (var offset = 0; offset < items.Length * Unsafe.SizeOf<T>(); offset += 64)
            {
                Sse.Prefetch0(first + offset);
            }
        }
    }
}
