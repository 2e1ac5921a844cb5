using System.Data.Common;

namespace CreatorMarketplace.Storage.Relational;

// A held outbox lease that its holder renews (or checks) every renewal interval, timed by a TimeProvider: the first
// renewal that fails or finds the lease gone cancels Lost, and renewing stops. Disposing (once, however often it is
// called) stops renewing, then releases the lease unless it was lost; a release that fails leaves the database to
// free it (the lease row expires, the lock's connection closes).
internal abstract class RenewedLease : IHeldLease
{
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _renewing = Task.CompletedTask;
    private int _disposed;

    public CancellationToken Lost => _lost.Token;

    // Starts renewing; called once the lease is taken.
    public void Start(TimeSpan renewalInterval, TimeProvider time) => _renewing = RenewEveryAsync(renewalInterval, time);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            if (!_lost.IsCancellationRequested)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
        }
        catch (DbException)
        {
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    // Whether the lease is still this holder's, its expiry moved on where it has one.
    protected abstract ValueTask<bool> RenewAsync(CancellationToken cancellationToken);

    protected abstract ValueTask ReleaseAsync();

    // Frees what the lease held open, released or lost.
    protected virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    private async Task RenewEveryAsync(TimeSpan renewalInterval, TimeProvider time)
    {
        using var timer = new PeriodicTimer(renewalInterval, time);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            bool held;
            try
            {
                held = await RenewAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is DbException or InvalidOperationException or TimeoutException && !_stop.IsCancellationRequested)
            {
                held = false;
            }

            if (!held)
            {
                await _lost.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
    }
}
