using NodaTime;

namespace CreatorMarketplace.Creators;

/// <summary>
/// An immutable snapshot of what discovery knows about a creator at one version: the profile, accounts and their
/// numbers, audience, rate card, badges, availability and past campaigns. Catalogs index and return listings, so
/// a reader never sees a creator half-way through a change. Take one with <see cref="Creator.ToListing"/>.
/// </summary>
public sealed record CreatorListing
{
    internal CreatorListing(Creator creator)
    {
        Id = creator.Id;
        Version = creator.Version;
        RegisteredAt = creator.RegisteredAt;
        Profile = creator.Profile;
        Accounts = creator.Accounts.ToArray();
        Audience = creator.Audience;
        RateCard = creator.RateCard;
        Badges = creator.Badges.OrderBy(badge => badge.Value).ToArray();
        OnVacation = creator.OnVacation;
        PastCampaignCount = creator.PastCampaignCount;
        ComplianceHistory = creator.ComplianceHistory.ToArray();
    }

    /// <summary>The creator.</summary>
    public CreatorId Id { get; }

    /// <summary>The creator's stored version when the snapshot was taken; a catalog keeps the newest.</summary>
    public long Version { get; }

    /// <summary>When the creator joined the catalog.</summary>
    public Instant RegisteredAt { get; }

    /// <summary>The public profile.</summary>
    public CreatorProfile Profile { get; }

    /// <summary>The platform accounts, the primary one first.</summary>
    public IReadOnlyList<PlatformAccount> Accounts { get; }

    /// <summary>The primary account.</summary>
    public PlatformAccount PrimaryAccount => Accounts[0];

    /// <summary>The follower tier of the primary account.</summary>
    public FollowerTier Tier => PrimaryAccount.Stats.Tier;

    /// <summary>The audience.</summary>
    public Audience Audience { get; }

    /// <summary>The rate card, if published.</summary>
    public RateCard? RateCard { get; }

    /// <summary>The badges, in a fixed order.</summary>
    public IReadOnlyList<Badge> Badges { get; }

    /// <summary>Whether the creator is on vacation.</summary>
    public bool OnVacation { get; }

    /// <summary>The number of past campaigns.</summary>
    public int PastCampaignCount { get; }

    /// <summary>The creator's recorded rule violations, oldest first (eligibility's good standing looks back over them).</summary>
    public IReadOnlyList<ComplianceViolation> ComplianceHistory { get; }

    /// <summary>The account on a platform, if any.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The account, or null.</returns>
    public PlatformAccount? AccountOn(Platform platform) => Accounts.FirstOrDefault(account => ReferenceEquals(account.Platform, platform));

    /// <summary>Whether both snapshots hold the same facts.</summary>
    /// <param name="other">The other snapshot.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(CreatorListing? other) =>
        other is not null
        && Id == other.Id
        && Version == other.Version
        && RegisteredAt == other.RegisteredAt
        && Profile.Equals(other.Profile)
        && Accounts.SequenceEqual(other.Accounts)
        && Audience.Equals(other.Audience)
        && Equals(RateCard, other.RateCard)
        && Badges.SequenceEqual(other.Badges)
        && OnVacation == other.OnVacation
        && PastCampaignCount == other.PastCampaignCount
        && ComplianceHistory.SequenceEqual(other.ComplianceHistory);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Version);
}
