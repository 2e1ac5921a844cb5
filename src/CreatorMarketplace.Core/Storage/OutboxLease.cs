namespace CreatorMarketplace.Storage;

/// <summary>
/// The right to deliver a store's outbox, held by one instance at a time: two dispatchers at once would deliver some
/// events twice and out of order, so a dispatcher delivers only while it holds the lease.
/// </summary>
/// <remarks>
/// <para>Each store keeps its lease where its instances meet. The in-memory store holds it per store instance. The
/// SQLite store writes a lease row in the database (a holder and an expiry) that its holder renews every renewal
/// interval and another instance takes over once it has expired, three renewal intervals after its last renewal.
/// The PostgreSQL store holds a session-level advisory lock on a connection of its own, which the server releases
/// when that connection closes, its process dying included; the holder checks the connection every renewal
/// interval.</para>
/// <para>A holder that cannot renew (the row was taken over after it expired, the connection closed, the database
/// failed) learns it at its next renewal: <see cref="IHeldLease.Lost"/> is cancelled, and it stops delivering.</para>
/// </remarks>
public interface IOutboxLease
{
    /// <summary>Takes the lease if no one holds it.</summary>
    /// <param name="renewalInterval">How often the holder renews the lease or checks that it still holds it; more than zero and at most an hour.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The held lease, or null when another holder has it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="renewalInterval"/> is out of range.</exception>
    ValueTask<IHeldLease?> TryAcquireAsync(TimeSpan renewalInterval, CancellationToken cancellationToken = default);
}

/// <summary>A lease this instance holds until it disposes of it (which releases it) or loses it.</summary>
public interface IHeldLease : IAsyncDisposable
{
    /// <summary>Cancelled when the lease is lost: another instance may hold it now, so work under it stops.</summary>
    CancellationToken Lost { get; }
}

/// <summary>What every <see cref="IOutboxLease"/> checks of its arguments.</summary>
public static class OutboxLease
{
    /// <summary>The longest renewal interval a lease takes.</summary>
    public static readonly TimeSpan MaxRenewalInterval = TimeSpan.FromHours(1);

    /// <summary>Throws unless a renewal interval is more than zero and at most <see cref="MaxRenewalInterval"/>.</summary>
    /// <param name="renewalInterval">The interval.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="renewalInterval"/> is out of range.</exception>
    public static void ThrowIfInvalidRenewalInterval(TimeSpan renewalInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(renewalInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(renewalInterval, MaxRenewalInterval);
    }
}
