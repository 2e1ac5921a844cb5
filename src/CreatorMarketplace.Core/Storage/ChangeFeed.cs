namespace CreatorMarketplace.Storage;

/// <summary>
/// The arguments every <see cref="IChangeFeed"/> accepts, checked once for every store (a store of an application's
/// own included), as <see cref="BulkRead.ThrowIfInvalidPageSize"/> checks a bulk read's.
/// </summary>
public static class ChangeFeed
{
    /// <summary>Checks the arguments of <see cref="IChangeFeed.ReadAsync"/>.</summary>
    /// <param name="afterPosition">The position to read after.</param>
    /// <param name="pageSize">The most changes to read.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterPosition"/> is negative, or <paramref name="pageSize"/> is less than 1 or more than <see cref="BulkRead.MaxPageSize"/>.</exception>
    public static void ThrowIfInvalidRead(long afterPosition, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        BulkRead.ThrowIfInvalidPageSize(pageSize);
    }

    /// <summary>Checks the arguments of <see cref="IChangeFeed.WaitAsync"/>.</summary>
    /// <param name="afterPosition">The position to wait after.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterPosition"/> is negative, or <paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public static void ThrowIfInvalidWait(long afterPosition, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "timeout: a wait lasts zero or more time, or Timeout.InfiniteTimeSpan.");
        }
    }
}
