using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CreatorMarketplace.DependencyInjection;

// The store answers a real round trip: the change feed's head, one indexed read in a database.
internal sealed class StoreHealthCheck(IChangeFeed changes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var head = await changes.HeadAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The store answers; its change feed's head is {head}.", Data(("head", head)));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's type only: a driver's message may quote its connection string.
            return new HealthCheckResult(context.Registration.FailureStatus, $"The store cannot be reached ({exception.GetType().FullName}).", exception);
        }
    }

    internal static IReadOnlyDictionary<string, object> Data(params (string Key, object Value)[] values) =>
        values.ToDictionary(value => value.Key, value => value.Value);
}

// The outbox is as healthy as its oldest pending event is young.
internal sealed class OutboxBacklogHealthCheck(IOutbox outbox, IClock clock, IOptions<CreatorMarketplaceHealthCheckOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var thresholds = options.Value;
        var backlog = await outbox.ReadBacklogAsync(cancellationToken).ConfigureAwait(false);
        var age = backlog.AgeAt(clock.GetCurrentInstant()).ToTimeSpan();
        var data = StoreHealthCheck.Data(("pending", backlog.Pending), ("deadLettered", backlog.DeadLettered), ("oldestPendingAgeSeconds", age.TotalSeconds));
        var description = $"{backlog.Pending} event(s) pending, the oldest for {age}; {backlog.DeadLettered} dead-lettered.";
        return new HealthCheckResult(Thresholds.Grade(age, thresholds.OutboxDegradedAge, thresholds.OutboxUnhealthyAge), description, data: data);
    }
}

// The catalog is as healthy as its follower is close to the store's head, and unhealthy while it cannot follow.
internal sealed class FollowerLagHealthCheck(CatalogFollower follower, IOptions<CreatorMarketplaceHealthCheckOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var thresholds = options.Value;
        var status = follower.Status;
        var data = StoreHealthCheck.Data(("state", status.State.ToString()), ("position", status.Position), ("head", status.Head), ("behind", status.Behind), ("faults", status.Faults));
        return Task.FromResult(status.State switch
        {
            CatalogFollowerState.Following => new HealthCheckResult(
                Thresholds.Grade(status.Behind, thresholds.FollowerDegradedBehind, thresholds.FollowerUnhealthyBehind),
                $"The catalog follows the store, {status.Behind} position(s) behind.",
                data: data),
            CatalogFollowerState.Starting or CatalogFollowerState.Loading => HealthCheckResult.Degraded("The catalog is still loading the store: searches may miss creators.", data: data),
            CatalogFollowerState.Unavailable => new HealthCheckResult(context.Registration.FailureStatus, $"The catalog cannot follow the store after {status.Failures} failure(s): {status.LastError}", data: data),
            _ => new HealthCheckResult(context.Registration.FailureStatus, "The catalog follower has stopped.", data: data),
        });
    }
}

internal static class Thresholds
{
    // Unhealthy from the unhealthy threshold on, degraded from the degraded one.
    public static HealthStatus Grade<T>(T value, T degraded, T unhealthy)
        where T : IComparable<T> =>
        value.CompareTo(unhealthy) >= 0 ? HealthStatus.Unhealthy : value.CompareTo(degraded) >= 0 ? HealthStatus.Degraded : HealthStatus.Healthy;
}
