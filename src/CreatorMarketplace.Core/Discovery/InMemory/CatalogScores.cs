using System.Buffers;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery.InMemory;

/// <summary>
/// A catalog score computed for every creator of one catalog snapshot at once (see
/// <see cref="InMemoryCreatorCatalog.ScoreAll"/>): exact scores by id and the exact top creators, found on the
/// float scores and ordered exactly.
/// </summary>
/// <remarks>
/// The float scores live in pooled arrays, so that scoring a large catalog again and again does not wear on the
/// garbage collector: dispose of the scores when done with them, as of a <c>JsonDocument</c>. Until then the catalog
/// keeps the memory of the rows they read as it was, so that they answer as of the moment they were scored: after a
/// compaction it cannot reuse that memory for new rows while scores of the catalog before it are held. Scores that
/// are not disposed of are collected like any object, and only their arrays and that memory are not reused. Reading
/// from several threads is safe; disposing while another thread still reads is not, as the arrays may be rented
/// again at once.
/// </remarks>
public sealed class CatalogScores : IDisposable
{
    private readonly CatalogSnapshot _snapshot;
    private float[]? _scores;
    private ulong[]? _alive;
    private GenerationReaders? _reading;
    private readonly int _words;

    // The snapshot's generation entered (GenerationReaders.TryEnter): the scores are its reader until disposed of.
    internal CatalogScores(CatalogSnapshot snapshot, CatalogScore score, float[] scores, ulong[] alive)
    {
        _snapshot = snapshot;
        _reading = snapshot.Generation.Readers;
        Score = score;
        _scores = scores;
        _alive = alive;
        _words = Bits.WordsFor(snapshot.Count);
    }

    /// <summary>The score.</summary>
    public CatalogScore Score { get; }

    /// <summary>How many creators were scored.</summary>
    public int Count => _snapshot.Live;

    /// <summary>A creator's exact score.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>The score, or null when the creator is not in the snapshot or has nothing to judge.</returns>
    /// <exception cref="ObjectDisposedException">The scores have been disposed of.</exception>
    public double? ScoreOf(CreatorId creator)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _reading) is null, this);
        return _snapshot.RowOf(creator) is var row and >= 0 ? Score.Score(_snapshot.ListingAt(row)) : null;
    }

    /// <summary>The best-scored creators, best first; ties by id, creators without a score last.</summary>
    /// <param name="count">How many, from 1 to 1,000.</param>
    /// <returns>The creators with their exact scores.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside 1..1,000.</exception>
    /// <exception cref="ObjectDisposedException">The scores have been disposed of.</exception>
    public IReadOnlyList<(CreatorListing Creator, double? Score)> Top(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, CreatorQuery.MaxPageSize);
        var (all, alive) = (_scores, _alive);
        ObjectDisposedException.ThrowIf(all is null || alive is null || Volatile.Read(ref _reading) is null, this);
        var rows = CatalogSearch.TopRowsByScore(count, descending: true, _words, word => alive[word], (word, _, scores) => all.AsSpan(Bits.RowsBefore(word), Bits.PerWord).CopyTo(scores));
        // The order is a query's by this score, largest first: one definition of "sorted by a score".
        var query = new CreatorQuery { Sort = CreatorSort.Score, Score = Score, PageSize = count };
        return [.. _snapshot.ListingsAt(rows)
            .Select(listing => (Creator: listing, Position: query.PositionOf(listing)))
            .OrderBy(entry => entry.Position, Comparer<SearchPosition>.Create(query.Compare))
            .Take(count)
            .Select(entry => (entry.Creator, entry.Position.Value))];
    }

    /// <summary>
    /// Returns the float scores to the pool and lets the catalog reuse the memory of the rows they read;
    /// <see cref="Top"/> and <see cref="ScoreOf"/> may not be called after.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _reading, null) is { } reading)
        {
            reading.Exit();
        }

        if (Interlocked.Exchange(ref _scores, null) is { } scores)
        {
            ArrayPool<float>.Shared.Return(scores);
        }

        if (Interlocked.Exchange(ref _alive, null) is { } alive)
        {
            ArrayPool<ulong>.Shared.Return(alive);
        }
    }
}
