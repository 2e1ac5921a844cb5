using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// A catalog score computed for every creator of one catalog snapshot at once (see
/// <see cref="InMemoryCreatorCatalog.ScoreAll"/>): exact scores by id and the exact top creators, found on the
/// float scores and ordered exactly.
/// </summary>
public sealed class CatalogScores
{
    private readonly CatalogSnapshot _snapshot;
    private readonly float[] _scores;
    private readonly ulong[] _alive;

    internal CatalogScores(CatalogSnapshot snapshot, CatalogScore score, float[] scores, ulong[] alive)
    {
        _snapshot = snapshot;
        Score = score;
        _scores = scores;
        _alive = alive;
    }

    /// <summary>The score.</summary>
    public CatalogScore Score { get; }

    /// <summary>How many creators were scored.</summary>
    public int Count => _snapshot.Live;

    /// <summary>A creator's exact score.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>The score, or null when the creator is not in the snapshot or has nothing to judge.</returns>
    public double? ScoreOf(CreatorId creator) =>
        _snapshot.RowOf(creator) is var row and >= 0 ? Score.Score(_snapshot.ListingAt(row)) : null;

    /// <summary>The best-scored creators, best first; ties by id, creators without a score last.</summary>
    /// <param name="count">How many, from 1 to 1,000.</param>
    /// <returns>The creators with their exact scores.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside 1..1,000.</exception>
    public IReadOnlyList<(CreatorListing Creator, double? Score)> Top(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, CreatorQuery.MaxPageSize);
        var rows = CatalogSearch.TopRowsByScore(count, descending: true, _alive.Length, word => _alive[word], (word, _, scores) => _scores.AsSpan(word << 6, 64).CopyTo(scores));
        // The order is a query's by this score, largest first: one definition of "sorted by a score".
        var query = new CreatorQuery { Sort = CreatorSort.Score, Score = Score, PageSize = count };
        return [.. rows
            .Select(row => _snapshot.ListingAt(row))
            .Select(listing => (Creator: listing, Position: query.PositionOf(listing)))
            .OrderBy(entry => entry.Position, Comparer<SearchPosition>.Create(query.Compare))
            .Take(count)
            .Select(entry => (entry.Creator, entry.Position.Value))];
    }
}
