namespace CreatorMarketplace;

/// <summary>
/// Thrown by <see cref="CommandResult.ThrowIfNotAllowed"/> and <see cref="CommandResult{T}.GetValueOrThrow"/> for a
/// command the aggregate refused: the refusal travels with it, so that a caller (an HTTP error handler) can answer
/// it as the result would have been answered. An <see cref="InvalidOperationException"/>, as before it had a type of
/// its own.
/// </summary>
public sealed class NotAllowedException : InvalidOperationException
{
    /// <summary>Creates the exception for a refusal.</summary>
    /// <param name="refusal">The refusal.</param>
    /// <exception cref="ArgumentNullException"><paramref name="refusal"/> is null.</exception>
    public NotAllowedException(NotAllowed refusal)
        : base((refusal ?? throw new ArgumentNullException(nameof(refusal))).ToString())
    {
        Refusal = refusal;
    }

    /// <summary>The refusal: which action, in which state, and why.</summary>
    public NotAllowed Refusal { get; }
}
