using System.Buffers;
using System.Numerics;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

// The facets: popcounts of the result against each key's bitmap.
internal sealed partial class CatalogSearch
{
    private CreatorFacets Facets()
    {
        var keys = _snapshot.Keys;
        var tiers = _onPrimary ? FollowerTier.List.Select(CatalogKeys.TierOrdinal) : [];
        var counts = CountRowsWith([.. keys.Countries.Values, .. keys.Languages.Values, .. keys.ContentLabels.Values, .. tiers], keys.Count);
        var byTier = new Dictionary<FollowerTier, int>();
        if (_onPrimary)
        {
            foreach (var tier in FollowerTier.List)
            {
                if (counts[CatalogKeys.TierOrdinal(tier)] is var count and > 0)
                {
                    byTier[tier] = count;
                }
            }
        }
        else
        {
            for (var word = 0; word < _words; word++)
            {
                for (var bits = _match[word]; bits != 0; bits &= bits - 1)
                {
                    var tier = _query.AccountOf(_snapshot.ListingAt(Bits.LowestRow(word, bits)))!.Stats.Tier;
                    byTier[tier] = byTier.GetValueOrDefault(tier) + 1;
                }
            }
        }

        return new CreatorFacets(Counted(keys.Countries, counts), Counted(keys.Languages, counts), Counted(keys.ContentLabels, counts), byTier);
    }

    private static Dictionary<TKey, int> Counted<TKey>(IReadOnlyDictionary<TKey, int> ordinals, int[] counts)
        where TKey : notnull
    {
        var counted = new Dictionary<TKey, int>();
        foreach (var (key, ordinal) in ordinals)
        {
            if (counts[ordinal] > 0)
            {
                counted[key] = counts[ordinal];
            }
        }

        return counted;
    }

    // How many results have each of the keys, indexed by ordinal. Each chunk lists the words of the result that hold
    // a row, block by block, and reads only those words of each key's bitmap, and only in the blocks the key is in:
    // with the rows clustered by country, a query's results lie in a few runs of blocks, each holding a country or
    // two, a language or two and a tier or two, and the rest of every bitmap is never read.
    private int[] CountRowsWith(int[] ordinals, int keys)
    {
        var counts = new int[keys];
        ForEachChunk((chunk, first, end) =>
        {
            var match = _match.AsSpan(first, end - first);
            var held = ArrayPool<int>.Shared.Rent(match.Length);
            Span<int> blockStarts = stackalloc int[(CatalogChunk.Rows >> CatalogChunk.BlockShift) + 1]; // each block's first held word, and the end
            try
            {
                var (words, heldBlocks) = (0, 0UL);
                for (var word = 0; word < match.Length; word++)
                {
                    if (word % CatalogChunk.WordsPerBlock == 0)
                    {
                        blockStarts[word / CatalogChunk.WordsPerBlock] = words;
                    }

                    if (match[word] != 0)
                    {
                        held[words++] = word;
                        heldBlocks |= 1UL << (word / CatalogChunk.WordsPerBlock);
                    }
                }

                blockStarts[(match.Length + CatalogChunk.WordsPerBlock - 1) / CatalogChunk.WordsPerBlock] = words;
                if (words == 0)
                {
                    return;
                }

                foreach (var ordinal in ordinals)
                {
                    var blocks = chunk.BlocksWith(ordinal) & heldBlocks;
                    if (blocks == 0 || chunk.Bitmap(ordinal) is not { } bits)
                    {
                        continue;
                    }

                    var count = 0;
                    for (; blocks != 0; blocks &= blocks - 1)
                    {
                        var block = BitOperations.TrailingZeroCount(blocks);
                        foreach (var word in held.AsSpan(blockStarts[block], blockStarts[block + 1] - blockStarts[block]))
                        {
                            count += BitOperations.PopCount(match[word] & bits[word]);
                        }
                    }

                    if (count > 0)
                    {
                        Interlocked.Add(ref counts[ordinal], count);
                    }
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(held);
            }
        });

        return counts;
    }

    // Calls back with each chunk of the snapshot and its range of words in the result bitset. A catalog of several
    // chunks is gone through on every core: no two chunks share a word of the result, so nothing is locked, and no
    // pass over the whole catalog is left to one thread (at millions of creators, that was what cost most).
    private void ForEachChunk(Action<CatalogChunk, int, int> action)
    {
        var chunks = _snapshot.Chunks;
        var count = (_words + (1 << CatalogChunk.WordShift) - 1) >> CatalogChunk.WordShift;
        if (count < ParallelChunks || Environment.ProcessorCount == 1)
        {
            for (var index = 0; index < count; index++)
            {
                Visit(index);
            }

            return;
        }

        EveryCore.For(0, count, Visit);

        void Visit(int index)
        {
            var first = index << CatalogChunk.WordShift;
            action(chunks[index], first, Math.Min(_words, first + (1 << CatalogChunk.WordShift)));
        }
    }

    // Below this many chunks (about 200,000 rows) a search stays on its own thread: handing chunks to other cores
    // costs more than it saves.
    private const int ParallelChunks = 4;
}
