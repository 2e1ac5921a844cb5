using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Storage;

/// <summary>
/// Creators' personal data (<see cref="CreatorIdentity"/>: legal name, e-mail address, provider tokens of the tax id
/// and payout account), kept apart from the profiles and aggregates that refer to a creator by id, so that it can be
/// erased on request (GDPR Article 17) without touching them. Nothing of it goes to the outbox or the change feed,
/// and a store never writes it to a log.
/// </summary>
public interface ICreatorIdentityStore
{
    /// <summary>Finds a creator's personal data.</summary>
    /// <param name="creator">The creator.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The data, or null when none is held (never given, or erased).</returns>
    ValueTask<CreatorIdentity?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default);

    /// <summary>Keeps a creator's personal data, replacing what was held for the creator.</summary>
    /// <param name="identity">The data.</param>
    /// <param name="cancellationToken">Cancels the write, which then changes nothing.</param>
    /// <returns>A task that completes when the data is stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="identity"/> is null.</exception>
    ValueTask SaveAsync(CreatorIdentity identity, CancellationToken cancellationToken = default);

    /// <summary>Erases a creator's personal data, leaving no copy in the store's tables. Erasing twice is harmless.</summary>
    /// <param name="creator">The creator.</param>
    /// <param name="cancellationToken">Cancels the erasure, which then changes nothing.</param>
    /// <returns>True when data was held and is now erased; false when none was held.</returns>
    ValueTask<bool> EraseAsync(CreatorId creator, CancellationToken cancellationToken = default);
}
