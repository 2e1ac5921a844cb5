namespace CreatorMarketplace.Storage.Tests;

/// <summary>What every store promises of its outbox lease: one holder at a time, across instances, until released.</summary>
public abstract partial class MarketplaceStoreContract
{
    // Long enough that a pause of the whole test process (seen here at over a second on a busy two-core machine: no
    // timer or continuation runs) does not outlast the SQLite lease's expiry, three intervals on, which would rightly
    // hand the lease to the other instance; at 50 ms a pause of 150 ms did so now and then.
    protected static readonly TimeSpan Renewal = TimeSpan.FromSeconds(1);

    [SkippableFact]
    public async Task The_outbox_lease_has_one_holder_at_a_time_across_instances_until_it_is_released()
    {
        var store = await CreateStoreAsync();
        var again = await OpenAgainAsync(store);

        var held = (await store.OutboxLease.TryAcquireAsync(Renewal)).ShouldNotBeNull();
        (await again.OutboxLease.TryAcquireAsync(Renewal)).ShouldBeNull("another instance holds it");
        (await store.OutboxLease.TryAcquireAsync(Renewal)).ShouldBeNull("one holder, even in the same instance");
        await Task.Delay(Renewal * 4);
        held.Lost.IsCancellationRequested.ShouldBeFalse("renewals keep it held");
        (await again.OutboxLease.TryAcquireAsync(Renewal)).ShouldBeNull("renewals keep it held");

        await held.DisposeAsync();
        var taken = (await again.OutboxLease.TryAcquireAsync(Renewal)).ShouldNotBeNull("a released lease is free");
        (await store.OutboxLease.TryAcquireAsync(Renewal)).ShouldBeNull();
        held.Lost.IsCancellationRequested.ShouldBeFalse("a released lease was not lost");
        await taken.DisposeAsync();
        await taken.DisposeAsync();
        await using var last = (await store.OutboxLease.TryAcquireAsync(Renewal)).ShouldNotBeNull("releasing twice frees it once");
    }

    [SkippableFact]
    public async Task An_outbox_lease_is_renewed_at_an_interval_of_more_than_zero_and_at_most_an_hour()
    {
        var store = await CreateStoreAsync();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await store.OutboxLease.TryAcquireAsync(TimeSpan.Zero));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await store.OutboxLease.TryAcquireAsync(TimeSpan.FromHours(1) + TimeSpan.FromTicks(1)));
        await using var held = (await store.OutboxLease.TryAcquireAsync(OutboxLease.MaxRenewalInterval)).ShouldNotBeNull();
    }

    // Waits, in real time, until a held lease is lost.
    internal static async Task LostAsync(IHeldLease held)
    {
        var lost = new TaskCompletionSource();
        await using (held.Lost.Register(lost.SetResult))
        {
            await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
