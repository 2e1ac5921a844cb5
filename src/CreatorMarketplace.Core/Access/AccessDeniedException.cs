namespace CreatorMarketplace.Access;

/// <summary>
/// Thrown when an actor writes what they may not: the denial travels with it, with every reason and whether the actor
/// may view the resource at all, so that a caller (an HTTP error handler) answers "forbidden" or, when
/// <see cref="AccessDenied.CanView"/> is false, "not found". The message names ids and rules, never personal data.
/// </summary>
public sealed class AccessDeniedException : InvalidOperationException
{
    /// <summary>Creates the exception for a denial.</summary>
    /// <param name="denial">The denial.</param>
    /// <exception cref="ArgumentNullException"><paramref name="denial"/> is null.</exception>
    public AccessDeniedException(AccessDenied denial)
        : base((denial ?? throw new ArgumentNullException(nameof(denial))).ToString())
    {
        Denial = denial;
    }

    /// <summary>The denial: every reason, what would permit it, and whether the actor may view the resource.</summary>
    public AccessDenied Denial { get; }
}
