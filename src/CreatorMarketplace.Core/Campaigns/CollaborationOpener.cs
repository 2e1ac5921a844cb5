using NodaTime;

namespace CreatorMarketplace.Campaigns;

/// <summary>
/// Opens collaborations under one <see cref="CollaborationPolicy"/> and clock: the entry point a command handler takes
/// from the container (<c>AddCreatorMarketplace</c> registers one with the policy set by <c>UseCollaborationPolicy</c>),
/// so that every collaboration it opens runs under the application's policy without the handler passing it along.
/// </summary>
/// <param name="policy">The rules every collaboration opened runs under.</param>
/// <param name="clock">The clock.</param>
/// <exception cref="ArgumentNullException">An argument is null.</exception>
/// <exception cref="DomainValidationException">The policy is invalid (<see cref="CollaborationPolicy.Validate"/>): refused when the application starts, not at its first invitation.</exception>
public sealed class CollaborationOpener(CollaborationPolicy policy, IClock clock)
{
    private readonly CollaborationPolicy _policy = Valid(policy ?? throw new ArgumentNullException(nameof(policy)));
    private readonly IClock _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>The rules every collaboration opened runs under.</summary>
    public CollaborationPolicy Policy => _policy;

    /// <summary>A brand invites a creator to a campaign (<see cref="Collaboration.Invite"/> under <see cref="Policy"/>).</summary>
    /// <param name="id">The collaboration's id.</param>
    /// <param name="campaign">The campaign; it must be recruiting or running.</param>
    /// <param name="creator">The creator.</param>
    /// <returns>The collaboration, or <see cref="NotAllowed"/> when the campaign is not taking creators.</returns>
    public CommandResult<Collaboration> Invite(CollaborationId id, Campaign campaign, CreatorId creator) =>
        Collaboration.Invite(id, campaign, creator, _clock, _policy);

    /// <summary>A creator applies to a campaign (<see cref="Collaboration.Apply"/> under <see cref="Policy"/>).</summary>
    /// <param name="id">The collaboration's id.</param>
    /// <param name="campaign">The campaign; it must be recruiting or running.</param>
    /// <param name="creator">The creator.</param>
    /// <returns>The collaboration, or <see cref="NotAllowed"/> when the campaign is not taking creators.</returns>
    public CommandResult<Collaboration> Apply(CollaborationId id, Campaign campaign, CreatorId creator) =>
        Collaboration.Apply(id, campaign, creator, _clock, _policy);

    private static CollaborationPolicy Valid(CollaborationPolicy policy)
    {
        var errors = new ErrorCollector();
        errors.AddRange(policy.Validate());
        errors.ThrowIfAny(nameof(policy));
        return policy;
    }
}
