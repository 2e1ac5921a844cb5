namespace CreatorMarketplace.ReadModels;

/// <summary>
/// A catalog that keeps what it holds between runs, and beside it the change-feed position up to which it holds every
/// change: a <see cref="CatalogFollower"/> started again over it resumes after that position instead of loading the
/// whole store again. Implemented by the catalog itself (<c>PostgreSqlCreatorCatalog</c> does).
/// </summary>
/// <remarks>
/// The position belongs to the store whose change feed the catalog follows: a catalog moved to another store, or
/// emptied while its checkpoint stays, must have its checkpoint cleared with its rows.
/// </remarks>
public interface ICatalogCheckpoint
{
    /// <summary>Reads the position saved last.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The position up to which the catalog holds every change; null when none was saved (the catalog is to be loaded).</returns>
    ValueTask<long?> ReadCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves that the catalog holds every change up to <paramref name="position"/>. The saved position never moves
    /// back: several followers may share one durable catalog, and what one of them applied stays applied, so the
    /// greater of the saved and the given position is kept.
    /// </summary>
    /// <param name="position">A feed position, 0 or more, every change up to which the catalog holds.</param>
    /// <param name="cancellationToken">Cancels the save; the position saved before stays.</param>
    /// <returns>A task that completes when the position is saved.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative.</exception>
    ValueTask SaveCheckpointAsync(long position, CancellationToken cancellationToken = default);
}
