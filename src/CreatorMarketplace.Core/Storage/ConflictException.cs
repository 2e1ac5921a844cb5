namespace CreatorMarketplace.Storage;

/// <summary>
/// Thrown by <see cref="SaveResult.ThrowIfConflict"/> for a save the store refused because it holds another
/// version: the conflict travels with it, so that a caller (an HTTP error handler) can answer it as the result would
/// have been answered. An <see cref="InvalidOperationException"/>, as before it had a type of its own.
/// </summary>
public sealed class ConflictException : InvalidOperationException
{
    /// <summary>Creates the exception for a conflict.</summary>
    /// <param name="conflict">The conflict.</param>
    /// <exception cref="ArgumentNullException"><paramref name="conflict"/> is null.</exception>
    public ConflictException(Conflict conflict)
        : base((conflict ?? throw new ArgumentNullException(nameof(conflict))).ToString())
    {
        Conflict = conflict;
    }

    /// <summary>The conflict: the aggregate, its id and the two versions.</summary>
    public Conflict Conflict { get; }
}
