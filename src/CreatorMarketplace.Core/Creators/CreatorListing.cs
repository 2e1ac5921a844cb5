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
        : this(
            creator.Id,
            creator.Version,
            creator.RegisteredAt,
            creator.Profile,
            creator.Accounts.ToArray(),
            creator.Audience,
            creator.RateCard,
            creator.Badges.OrderBy(badge => badge.Value).ToArray(),
            creator.OnVacation,
            creator.PastCampaignCount,
            creator.ComplianceHistory.ToArray())
    {
    }

    // Unchecked: for parts that already pass a listing's rules, as Create's and a catalog's decoded listing's do.
    internal CreatorListing(
        CreatorId id,
        long version,
        Instant registeredAt,
        CreatorProfile profile,
        IReadOnlyList<PlatformAccount> accounts,
        Audience audience,
        RateCard? rateCard,
        IReadOnlyList<Badge> badges,
        bool onVacation,
        int pastCampaignCount,
        IReadOnlyList<ComplianceViolation> complianceHistory)
    {
        Id = id;
        Version = version;
        RegisteredAt = registeredAt;
        Profile = profile;
        Accounts = accounts;
        Audience = audience;
        RateCard = rateCard;
        Badges = badges;
        OnVacation = onVacation;
        PastCampaignCount = pastCampaignCount;
        ComplianceHistory = complianceHistory;
    }

    /// <summary>The creator.</summary>
    public CreatorId Id { get; }

    // The listing with its account on a platform as the primary one (the rest in their order), for rules about that
    // platform's account; null without one.
    internal CreatorListing? OnPlatform(Platform platform)
    {
        var index = Accounts.Count - 1;
        while (index >= 0 && Accounts[index].Handle.Platform != platform)
        {
            index--;
        }

        return index switch
        {
            < 0 => null,
            0 => this,
            _ => new CreatorListing(Id, Version, RegisteredAt, Profile, [Accounts[index], .. Accounts.Where((_, at) => at != index)], Audience, RateCard, Badges, OnVacation, PastCampaignCount, ComplianceHistory),
        };
    }

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

    /// <summary>
    /// Makes a listing from its parts, as a catalog that keeps listings outside the creator (in a database, say)
    /// reads one back. The parts pass the same checks as a creator's: the profile's own rules, a primary account
    /// and at most one account per platform, no badge twice, the violations in order of occurrence.
    /// </summary>
    /// <param name="id">The creator.</param>
    /// <param name="version">The creator's stored version, zero or more.</param>
    /// <param name="registeredAt">When the creator joined the catalog.</param>
    /// <param name="profile">The public profile.</param>
    /// <param name="accounts">The platform accounts, the primary one first.</param>
    /// <param name="audience">The audience; <see cref="Audience.Unknown"/> when nothing is reported.</param>
    /// <param name="rateCard">The rate card, or null.</param>
    /// <param name="badges">The badges, each once; the listing keeps them in its fixed order.</param>
    /// <param name="onVacation">Whether the creator is on vacation.</param>
    /// <param name="pastCampaignCount">The number of past campaigns, zero or more.</param>
    /// <param name="complianceHistory">The recorded violations, oldest first.</param>
    /// <returns>The listing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accounts"/>, <paramref name="badges"/> or <paramref name="complianceHistory"/> is null.</exception>
    /// <exception cref="DomainValidationException">A part breaks a creator's rules; every such part is named.</exception>
    public static CreatorListing Create(
        CreatorId id,
        long version,
        Instant registeredAt,
        CreatorProfile profile,
        IReadOnlyList<PlatformAccount> accounts,
        Audience audience,
        RateCard? rateCard,
        IReadOnlyList<Badge> badges,
        bool onVacation,
        int pastCampaignCount,
        IReadOnlyList<ComplianceViolation> complianceHistory)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(badges);
        ArgumentNullException.ThrowIfNull(complianceHistory);
        var errors = new ErrorCollector();
        errors.Require(id != default, "Id", "listing.id_empty", "a listing needs the creator's id.");
        errors.Require(version >= 0, "Version", "listing.version_negative", $"a version is zero or more, got {version}.");
        if (profile is null)
        {
            errors.Add("Profile", "listing.profile_missing", "a listing has a profile.");
        }
        else
        {
            errors.At("Profile").AddRange(profile.Validate());
        }

        var checkedAccounts = Creator.RestoreAccounts(accounts, errors);
        errors.Require(audience is not null, "Audience", "listing.audience_missing", $"a listing has an audience, {nameof(Audience.Unknown)} when none is reported.");
        var checkedBadges = Creator.RestoreBadges(badges, errors);
        Creator.CheckComplianceHistory(complianceHistory, errors);
        errors.Require(pastCampaignCount >= 0, "PastCampaignCount", "listing.past_campaigns_negative", $"the number of past campaigns is zero or more, got {pastCampaignCount}.");
        errors.ThrowIfAny();
        return new CreatorListing(
            id,
            version,
            registeredAt,
            profile!.Frozen(),
            checkedAccounts.ToArray(),
            audience!,
            rateCard,
            checkedBadges.OrderBy(badge => badge.Value).ToArray(),
            onVacation,
            pastCampaignCount,
            complianceHistory.ToArray());
    }

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
