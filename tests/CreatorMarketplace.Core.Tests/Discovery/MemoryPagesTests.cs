using System.Runtime.InteropServices;
using CreatorMarketplace.Discovery.InMemory;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>
/// The catalog asks for the pages of its large new arrays to be mapped in one call, sparing a page fault per page: the
/// pages are then in memory before anything is written, and nothing the arrays hold changes.
/// </summary>
public sealed partial class MemoryPagesTests
{
    [Fact]
    public unsafe void Fresh_memory_has_every_whole_page_mapped_after_it_is_populated()
    {
        if (!OperatingSystem.IsLinux())
        {
            MemoryPages.Available.ShouldBeFalse("only Linux maps a range in one call");
            return;
        }

        // 64 MB from the allocator is a mapping of its own (above glibc's largest threshold for one, 32 MB), untouched:
        // none of its pages is in memory yet.
        const int bytes = 64 << 20;
        var memory = (byte*)NativeMemory.Alloc(bytes);
        try
        {
            var pageSize = Environment.SystemPageSize;
            var first = (byte*)(((nuint)memory + (nuint)pageSize - 1) & ~((nuint)pageSize - 1));
            var pages = (int)(((nuint)memory + bytes - (nuint)first) / (nuint)pageSize);
            ResidentPages(first, pages).ShouldBeLessThan(pages / 10, "a new mapping starts out of memory");

            MemoryPages.Populate(memory, bytes);

            MemoryPages.Available.ShouldBeTrue("this machine's kernel maps ranges in one call (Linux 5.14 or later)");
            ResidentPages(first, pages).ShouldBe(pages);
        }
        finally
        {
            NativeMemory.Free(memory);
        }
    }

    [Fact]
    public void Populating_an_array_changes_nothing_it_holds()
    {
        var array = new long[MemoryPages.Worthwhile];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = (i * 7919L) ^ 0x5DEECE66DL;
        }

        var expected = array.ToArray();

        MemoryPages.Populated(array).ShouldBeSameAs(array);

        array.ShouldBe(expected);
    }

    [Fact]
    public void Arrays_too_small_to_be_worth_a_call_and_empty_ones_are_returned_as_they_are()
    {
        var small = new int[] { 1, 2, 3 };

        MemoryPages.Populated(small).ShouldBeSameAs(small);
        MemoryPages.Populated(Array.Empty<ulong>()).ShouldBeEmpty();
        small.ShouldBe([1, 2, 3]);
    }

    // How many of the pages from `start` are in memory, by mincore.
    private static unsafe int ResidentPages(byte* start, int pages)
    {
        var vector = new byte[pages];
        fixed (byte* into = vector)
        {
            Residency(start, (nuint)pages * (nuint)Environment.SystemPageSize, into).ShouldBe(0, "mincore answers");
        }

        return vector.Count(page => (page & 1) != 0);
    }

    [LibraryImport("libc", EntryPoint = "mincore")]
    private static unsafe partial int Residency(void* address, nuint length, byte* vector);
}
