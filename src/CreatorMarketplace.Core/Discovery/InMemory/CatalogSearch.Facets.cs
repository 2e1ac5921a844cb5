using System.Numerics;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

// The facets: popcounts of the result against each key's bitmap.
internal sealed partial class CatalogSearch
{
    private CreatorFacets Facets()
    {
        var keys = _snapshot.Keys;
        var byTier = new Dictionary<FollowerTier, int>();
        if (_onPrimary)
        {
            foreach (var tier in FollowerTier.List)
            {
                if (CountRowsWith(CatalogKeys.TierOrdinal(tier)) is var count and > 0)
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

        return new CreatorFacets(Count(keys.Countries), Count(keys.Languages), Count(keys.ContentLabels), byTier);
    }

    private Dictionary<TKey, int> Count<TKey>(IReadOnlyDictionary<TKey, int> ordinals)
        where TKey : notnull
    {
        var counts = new Dictionary<TKey, int>();
        foreach (var (key, ordinal) in ordinals)
        {
            if (CountRowsWith(ordinal) is var count and > 0)
            {
                counts[key] = count;
            }
        }

        return counts;
    }

    private int CountRowsWith(int ordinal)
    {
        var count = 0;
        var chunks = _snapshot.Chunks;
        for (var index = 0; index << CatalogChunk.WordShift < _words; index++)
        {
            if (chunks[index].Bitmap(ordinal) is not { } bits)
            {
                continue;
            }

            var first = index << CatalogChunk.WordShift;
            var match = _match.AsSpan(first, Math.Min(_words - first, 1 << CatalogChunk.WordShift));
            var keyed = bits.AsSpan(0, match.Length);
            for (var word = 0; word < match.Length; word++)
            {
                count += BitOperations.PopCount(match[word] & keyed[word]);
            }
        }

        return count;
    }

    // Calls back with each chunk of the snapshot and its range of words in the result bitset.
    private void ForEachChunk(Action<CatalogChunk, int, int> action)
    {
        var chunks = _snapshot.Chunks;
        for (var index = 0; index << CatalogChunk.WordShift < _words; index++)
        {
            var first = index << CatalogChunk.WordShift;
            action(chunks[index], first, Math.Min(_words, first + (1 << CatalogChunk.WordShift)));
        }
    }
}
