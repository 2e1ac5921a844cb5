namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// Floats as unsigned keys in the same order (negative floats have their bits flipped, the others their sign bit
/// set), and a least-significant-digit radix sort of such keys: four passes of one byte each, a pass skipped when
/// every key has the same byte there. For the few hundred values of a peer group it does a fraction of a
/// comparison sort's work, without a branch that depends on the data.
/// </summary>
internal static class SortableFloat
{
    public static uint KeyOf(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        return (bits & 0x8000_0000) != 0 ? ~bits : bits | 0x8000_0000;
    }

    public static float ToFloat(uint key) =>
        BitConverter.UInt32BitsToSingle((key & 0x8000_0000) != 0 ? key & 0x7FFF_FFFF : ~key);

    /// <summary>Sorts <paramref name="keys"/> ascending, using <paramref name="spare"/> (as long) as scratch.</summary>
    public static void Sort(Span<uint> keys, Span<uint> spare)
    {
        if (keys.Length < 32)
        {
            keys.Sort();
            return;
        }

        Span<int> counts = stackalloc int[4 * 256];
        counts.Clear();
        foreach (var key in keys)
        {
            counts[(int)(key & 0xFF)]++;
            counts[256 + (int)((key >> 8) & 0xFF)]++;
            counts[512 + (int)((key >> 16) & 0xFF)]++;
            counts[768 + (int)(key >> 24)]++;
        }

        var from = keys;
        var to = spare[..keys.Length];
        for (var pass = 0; pass < 4; pass++)
        {
            var digit = counts.Slice(pass * 256, 256);
            var shift = pass * 8;
            if (digit[(int)((from[0] >> shift) & 0xFF)] == from.Length)
            {
                continue;
            }

            // Counts become the first position of each digit's run.
            var position = 0;
            for (var value = 0; value < 256; value++)
            {
                (digit[value], position) = (position, position + digit[value]);
            }

            foreach (var key in from)
            {
                to[digit[(int)((key >> shift) & 0xFF)]++] = key;
            }

            var swap = from;
            from = to;
            to = swap;
        }

        if (from != keys)
        {
            from.CopyTo(keys);
        }
    }
}
