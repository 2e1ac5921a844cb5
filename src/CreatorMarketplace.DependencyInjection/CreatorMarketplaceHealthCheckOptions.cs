namespace CreatorMarketplace.DependencyInjection;

/// <summary>
/// The thresholds of the health checks <see cref="CreatorMarketplaceHealthChecksBuilderExtensions.AddCreatorMarketplaceChecks(Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder, Action{CreatorMarketplaceHealthCheckOptions}?, IEnumerable{string}?)"/>
/// adds: checked when the host starts, every problem named.
/// </summary>
public sealed class CreatorMarketplaceHealthCheckOptions
{
    /// <summary>How long the oldest pending outbox event may wait before the outbox is degraded; 1 minute unless set.</summary>
    public TimeSpan OutboxDegradedAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the oldest pending outbox event may wait before the outbox is unhealthy; 15 minutes unless set, at least <see cref="OutboxDegradedAge"/>.</summary>
    public TimeSpan OutboxUnhealthyAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many change-feed positions the catalog follower may be behind before it is degraded; 1,000 unless set.</summary>
    public long FollowerDegradedBehind { get; set; } = 1_000;

    /// <summary>How many change-feed positions the catalog follower may be behind before it is unhealthy; 100,000 unless set, at least <see cref="FollowerDegradedBehind"/>.</summary>
    public long FollowerUnhealthyBehind { get; set; } = 100_000;

    /// <summary>Checks the options, naming every problem.</summary>
    /// <exception cref="DomainValidationException">A threshold is out of range.</exception>
    public void Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(OutboxDegradedAge > TimeSpan.Zero, "outboxDegradedAge", "health.outbox_degraded_age_out_of_range", "the outbox's degraded age is more than zero.");
        errors.Require(OutboxUnhealthyAge >= OutboxDegradedAge, "outboxUnhealthyAge", "health.outbox_unhealthy_age_out_of_range", "the outbox's unhealthy age is at least its degraded age.");
        errors.Require(FollowerDegradedBehind > 0, "followerDegradedBehind", "health.follower_degraded_behind_out_of_range", "the follower's degraded lag is at least one position.");
        errors.Require(FollowerUnhealthyBehind >= FollowerDegradedBehind, "followerUnhealthyBehind", "health.follower_unhealthy_behind_out_of_range", "the follower's unhealthy lag is at least its degraded lag.");
        errors.ThrowIfAny("options");
    }
}
