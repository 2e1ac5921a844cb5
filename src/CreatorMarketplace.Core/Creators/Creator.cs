using NodaTime;

namespace CreatorMarketplace.Creators;

/// <summary>
/// A creator in the catalog: their profile, platform accounts with their numbers, audience, rate card, badges,
/// availability, compliance history and past collaborations. Personal data is not here but in
/// <see cref="CreatorIdentity"/>.
/// </summary>
/// <remarks>
/// Every change goes through a method that checks it first, changes the creator only when something really
/// changes, and then raises one event; a rejected change leaves the creator exactly as it was.
/// </remarks>
public sealed class Creator : AggregateRoot<CreatorId>, ISnapshotable<Creator, CreatorSnapshot>
{
    // How far two instances' clocks may be apart: numbers read up to this after the clock's now are accepted.
    private static readonly Duration ClockSkew = Duration.FromMinutes(5);

    private readonly List<PlatformAccount> _accounts;
    private readonly HashSet<Badge> _badges = [];
    private readonly List<ComplianceViolation> _violations = [];
    private readonly List<PastCollaboration> _collaborations = [];

    private Creator(CreatorId id, CreatorProfile profile, PlatformAccount primaryAccount, Instant registeredAt, long version = 0)
        : base(id, version)
    {
        Profile = profile;
        _accounts = [primaryAccount];
        RegisteredAt = registeredAt;
    }

    /// <summary>When the creator joined the catalog.</summary>
    public Instant RegisteredAt { get; }

    /// <summary>The public profile.</summary>
    public CreatorProfile Profile { get; private set; }

    /// <summary>The platform accounts, the primary one first; at most one per platform.</summary>
    public IReadOnlyList<PlatformAccount> Accounts => _accounts.AsReadOnly();

    /// <summary>The account the creator was registered with, whose numbers discovery uses when no platform is named.</summary>
    public PlatformAccount PrimaryAccount => _accounts[0];

    /// <summary>The follower tier of the primary account.</summary>
    public FollowerTier Tier => PrimaryAccount.Stats.Tier;

    /// <summary>Who follows the creator; <see cref="Audience.Unknown"/> until reported.</summary>
    public Audience Audience { get; private set; } = Audience.Unknown;

    /// <summary>The prices the creator asks, if published.</summary>
    public RateCard? RateCard { get; private set; }

    /// <summary>The marketplace badges on the profile.</summary>
    public IReadOnlySet<Badge> Badges => _badges;

    /// <summary>Whether the creator is away and not taking work.</summary>
    public bool OnVacation { get; private set; }

    /// <summary>The violations on record, oldest first.</summary>
    public IReadOnlyList<ComplianceViolation> ComplianceHistory => _violations.AsReadOnly();

    /// <summary>The past brand collaborations on record.</summary>
    public IReadOnlyList<PastCollaboration> PastCollaborations => _collaborations.AsReadOnly();

    /// <summary>The number of past campaigns on record (the sum of <see cref="PastCollaborations"/>' counts).</summary>
    public int PastCampaignCount => _collaborations.Sum(collaboration => collaboration.Count);

    /// <summary>Takes an immutable snapshot of what discovery knows about the creator now.</summary>
    /// <returns>The listing.</returns>
    public CreatorListing ToListing() => new(this);

    /// <summary>The account on a platform, if the creator has one.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The account, or null.</returns>
    public PlatformAccount? AccountOn(Platform platform) => _accounts.Find(account => ReferenceEquals(account.Platform, platform));

    /// <summary>Registers a creator with a valid profile and a first platform account.</summary>
    /// <param name="id">The new creator's id.</param>
    /// <param name="profile">The profile; every problem in it is reported at once.</param>
    /// <param name="primaryAccount">The first account, which becomes the primary one.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    /// <returns>The creator, with a <see cref="CreatorRegistered"/> event and a <see cref="CreatorAccountUpdated"/> of the primary account pending.</returns>
    /// <exception cref="DomainValidationException">The profile is invalid, or the account's numbers were read more than five minutes after the clock's now.</exception>
    public static Creator Register(CreatorId id, CreatorProfile profile, PlatformAccount primaryAccount, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(primaryAccount);
        ArgumentNullException.ThrowIfNull(clock);
        ThrowIfInvalid(profile);
        var now = clock.GetCurrentInstant();
        RequireReadBy(now, primaryAccount.Stats, nameof(primaryAccount), $"{nameof(primaryAccount)}.{nameof(PlatformAccount.Stats)}");
        var creator = new Creator(id, profile.Frozen(), primaryAccount, now);
        creator.Raise(new CreatorRegistered(id, now));

        // The account as it is at registration, as a later link records one: a handle replaced afterwards stays
        // named in the change feed, so that an erasure finds it.
        creator.Raise(new CreatorAccountUpdated(id, primaryAccount, now));
        return creator;
    }

    /// <summary>Replaces the profile.</summary>
    /// <param name="profile">The new profile; every problem in it is reported at once.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    /// <exception cref="DomainValidationException">The profile is invalid; nothing changes.</exception>
    public void ChangeProfile(CreatorProfile profile, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(clock);
        ThrowIfInvalid(profile);
        if (profile.Equals(Profile))
        {
            return;
        }

        var changed = new CreatorProfileChanged(Id, Profile, profile.Frozen(), clock.GetCurrentInstant());
        Profile = changed.After;
        Raise(changed);
    }

    /// <summary>
    /// Links an account on another platform, or replaces the account on the same platform (keeping its place). The
    /// same account linked again (same handle or same platform id) with numbers read before the ones on record keeps
    /// the ones on record, as <see cref="RefreshStats"/> would.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    /// <exception cref="DomainValidationException">The account's numbers were read more than five minutes after the clock's now; nothing changes.</exception>
    public void LinkAccount(PlatformAccount account, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetCurrentInstant();
        RequireReadBy(now, account.Stats, nameof(account), $"{nameof(account)}.{nameof(PlatformAccount.Stats)}");
        var index = _accounts.FindIndex(existing => ReferenceEquals(existing.Platform, account.Platform));
        if (index >= 0 && IsSameAccount(_accounts[index], account) && account.Stats.AsOf < _accounts[index].Stats.AsOf)
        {
            account = account.WithStats(_accounts[index].Stats);
        }

        if (index >= 0 && _accounts[index].Equals(account))
        {
            return;
        }

        var updated = new CreatorAccountUpdated(Id, account, now);
        if (index >= 0)
        {
            _accounts[index] = account;
        }
        else
        {
            _accounts.Add(account);
        }

        Raise(updated);
    }

    /// <summary>
    /// Records newer numbers for the account on a platform. Numbers read before the ones on record are stale and
    /// are ignored, so a delayed sync never rolls the numbers back.
    /// </summary>
    /// <param name="platform">The platform of the account.</param>
    /// <param name="stats">The numbers.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    /// <returns>Whether the numbers were newer and were recorded.</returns>
    /// <exception cref="DomainValidationException">The creator has no account on <paramref name="platform"/>, or the numbers were read more than five minutes after the clock's now; nothing changes.</exception>
    public bool RefreshStats(Platform platform, AccountStats stats, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(clock);
        var index = _accounts.FindIndex(existing => ReferenceEquals(existing.Platform, platform));
        if (index < 0)
        {
            throw DomainValidationException.Of(nameof(platform), "creator.account_missing", $"the creator has no {platform.Name} account.");
        }

        var now = clock.GetCurrentInstant();
        RequireReadBy(now, stats, nameof(stats), nameof(stats));
        if (stats.AsOf <= _accounts[index].Stats.AsOf)
        {
            return false;
        }

        var updated = new CreatorAccountUpdated(Id, _accounts[index].WithStats(stats), now);
        _accounts[index] = updated.Account;
        Raise(updated);
        return true;
    }

    /// <summary>Replaces the audience breakdown.</summary>
    /// <param name="audience">The audience as reported now.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    public void UpdateAudience(Audience audience, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(clock);
        if (audience.Equals(Audience))
        {
            return;
        }

        var updated = new CreatorAudienceUpdated(Id, audience, clock.GetCurrentInstant());
        Audience = audience;
        Raise(updated);
    }

    /// <summary>Publishes a rate card, or withdraws it with null.</summary>
    /// <param name="rateCard">The rate card, or null.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    public void SetRateCard(RateCard? rateCard, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Equals(rateCard, RateCard))
        {
            return;
        }

        var changed = new CreatorRateCardChanged(Id, rateCard, clock.GetCurrentInstant());
        RateCard = rateCard;
        Raise(changed);
    }

    /// <summary>Marks the creator as away (not taking work) or back.</summary>
    /// <param name="onVacation">Whether the creator is away.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    public void SetOnVacation(bool onVacation, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (onVacation == OnVacation)
        {
            return;
        }

        var changed = new CreatorAvailabilityChanged(Id, onVacation, clock.GetCurrentInstant());
        OnVacation = onVacation;
        Raise(changed);
    }

    /// <summary>Awards a badge; awarding one the creator has changes nothing.</summary>
    /// <param name="badge">The badge.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    public void AwardBadge(Badge badge, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(badge);
        ArgumentNullException.ThrowIfNull(clock);
        if (!_badges.Contains(badge))
        {
            var changed = new CreatorBadgeChanged(Id, badge, Awarded: true, clock.GetCurrentInstant());
            _badges.Add(badge);
            Raise(changed);
        }
    }

    /// <summary>Withdraws a badge; withdrawing one the creator lacks changes nothing.</summary>
    /// <param name="badge">The badge.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    public void WithdrawBadge(Badge badge, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(badge);
        ArgumentNullException.ThrowIfNull(clock);
        if (_badges.Contains(badge))
        {
            var changed = new CreatorBadgeChanged(Id, badge, Awarded: false, clock.GetCurrentInstant());
            _badges.Remove(badge);
            Raise(changed);
        }
    }

    /// <summary>Adds a violation to the compliance history (kept in order of occurrence).</summary>
    /// <param name="violation">The violation.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    public void RecordViolation(ComplianceViolation violation, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(violation);
        ArgumentNullException.ThrowIfNull(clock);
        var recorded = new CreatorViolationRecorded(Id, violation, clock.GetCurrentInstant());
        var index = _violations.FindLastIndex(existing => existing.OccurredAt <= violation.OccurredAt) + 1;
        _violations.Insert(index, violation);
        Raise(recorded);
    }

    /// <summary>Adds past collaborations to the history.</summary>
    /// <param name="collaboration">The collaborations.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    /// <exception cref="DomainValidationException">The collaborations on record would number more than <see cref="int.MaxValue"/> in all (<see cref="PastCampaignCount"/>); nothing changes.</exception>
    public void RecordCollaboration(PastCollaboration collaboration, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(collaboration);
        ArgumentNullException.ThrowIfNull(clock);
        if (CollaborationTotal(_collaborations) + collaboration.Count > int.MaxValue)
        {
            throw DomainValidationException.Of(nameof(collaboration), "creator.collaborations_too_many", TooManyCollaborations, $"{nameof(collaboration)}.{nameof(PastCollaboration.Count)}");
        }

        var recorded = new CreatorCollaborationRecorded(Id, collaboration, clock.GetCurrentInstant());
        _collaborations.Add(collaboration);
        Raise(recorded);
    }

    /// <inheritdoc />
    public CreatorSnapshot ToSnapshot() => new(
        Id,
        RegisteredAt,
        Profile,
        _accounts.ToArray(),
        Audience,
        RateCard,
        // In the order the set lists them: a fresh set filled in that order lists them the same way.
        _badges.ToArray(),
        OnVacation,
        _violations.ToArray(),
        _collaborations.ToArray());

    /// <inheritdoc />
    public static Creator FromSnapshot(CreatorSnapshot snapshot, long version)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(snapshot.Accounts);
        ArgumentNullException.ThrowIfNull(snapshot.Badges);
        ArgumentNullException.ThrowIfNull(snapshot.ComplianceHistory);
        ArgumentNullException.ThrowIfNull(snapshot.PastCollaborations);

        // A stored creator passes the same checks as one built through Register and the commands after it: the
        // profile's own rules, one account per platform, the violations in order of occurrence. Accounts, their
        // numbers and the rate card checked themselves when they were made.
        var errors = new ErrorCollector();
        errors.Require(snapshot.Id != default, "Id", "snapshot.id_empty", "a creator needs an id.");
        if (snapshot.Profile is null)
        {
            errors.Add("Profile", "snapshot.profile_missing", "a creator has a profile.");
        }
        else
        {
            errors.At("Profile").AddRange(snapshot.Profile.Validate());
        }

        var accounts = RestoreAccounts(snapshot.Accounts, errors);
        errors.Require(snapshot.Audience is not null, "Audience", "snapshot.audience_missing", $"a creator has an audience, {nameof(Audience.Unknown)} until one is reported.");
        var badges = RestoreBadges(snapshot.Badges, errors);
        CheckComplianceHistory(snapshot.ComplianceHistory, errors);
        var collaborationsHeld = true;
        for (var i = 0; i < snapshot.PastCollaborations.Count; i++)
        {
            collaborationsHeld &= errors.Require(snapshot.PastCollaborations[i] is not null, $"PastCollaborations[{i}]", "snapshot.collaboration_missing", "a past collaboration is null.");
        }

        errors.Require(!collaborationsHeld || CollaborationTotal(snapshot.PastCollaborations) <= int.MaxValue, "PastCollaborations", "creator.collaborations_too_many", TooManyCollaborations);

        errors.ThrowIfAny(nameof(snapshot));
        var creator = new Creator(snapshot.Id, snapshot.Profile!.Frozen(), accounts[0], snapshot.RegisteredAt, version)
        {
            Audience = snapshot.Audience!,
            RateCard = snapshot.RateCard,
            OnVacation = snapshot.OnVacation,
        };
        creator._accounts.AddRange(accounts.Skip(1));
        creator._badges.UnionWith(badges);
        creator._violations.AddRange(snapshot.ComplianceHistory);
        creator._collaborations.AddRange(snapshot.PastCollaborations);
        return creator;
    }

    // PastCampaignCount is an int: collaborations whose counts add up to more could be neither counted nor listed.
    private static string TooManyCollaborations => $"a creator's past collaborations number at most {int.MaxValue:N0} in all.";

    private static long CollaborationTotal(IEnumerable<PastCollaboration> collaborations) => collaborations.Sum(collaboration => (long)collaboration.Count);

    // Numbers are read by now at the latest, give or take the few minutes two instances' clocks may be apart: ones
    // dated later (a forged payload, a clock far ahead) would make every real refresh after them look stale, and
    // freeze the account's numbers.
    private static void RequireReadBy(Instant now, AccountStats stats, string paramName, string field)
    {
        if (stats.AsOf > now && stats.AsOf - now > ClockSkew)
        {
            throw DomainValidationException.Of(paramName, "creator.stats_in_future", $"numbers read at {stats.AsOf} are from more than five minutes after now ({now}); numbers are read by now at the latest.", $"{field}.{nameof(AccountStats.AsOf)}");
        }
    }


    // The account on record again, by its handle or by the platform's id for it.
    private static bool IsSameAccount(PlatformAccount recorded, PlatformAccount linked) =>
        recorded.Handle == linked.Handle || (recorded.ExternalId is not null && recorded.ExternalId == linked.ExternalId);

    // The accounts of a stored creator or listing: at least the primary one, none null, at most one per platform.
    internal static List<PlatformAccount> RestoreAccounts(IReadOnlyList<PlatformAccount> stored, ErrorCollector errors)
    {
        errors.Require(stored.Count > 0, "Accounts", "creator.account_missing", "a creator has a primary account.");
        var accounts = new List<PlatformAccount>(stored.Count);
        var platforms = new HashSet<Platform>();
        for (var i = 0; i < stored.Count; i++)
        {
            if (stored[i] is not { } account)
            {
                errors.Add($"Accounts[{i}]", "snapshot.account_missing", "an account is null.");
                continue;
            }

            accounts.Add(account);
            errors.Require(
                platforms.Add(account.Handle.Platform),
                $"Accounts[{i}].Handle",
                "creator.platform_repeated",
                $"a creator has at most one account per platform; {account.Handle.Platform.Name} is repeated.");
        }

        return accounts;
    }

    // The badges of a stored creator or listing: none null, none twice.
    internal static HashSet<Badge> RestoreBadges(IReadOnlyList<Badge> stored, ErrorCollector errors)
    {
        var badges = new HashSet<Badge>();
        for (var i = 0; i < stored.Count; i++)
        {
            if (stored[i] is not { } badge)
            {
                errors.Add($"Badges[{i}]", "snapshot.badge_missing", "a badge is null.");
                continue;
            }

            errors.Require(badges.Add(badge), $"Badges[{i}]", "creator.badge_repeated", $"{badge.Name} is listed more than once.");
        }

        return badges;
    }

    // The violations of a stored creator or listing: none null, in order of occurrence.
    internal static void CheckComplianceHistory(IReadOnlyList<ComplianceViolation> stored, ErrorCollector errors)
    {
        Instant? latest = null;
        for (var i = 0; i < stored.Count; i++)
        {
            if (stored[i] is not { } violation)
            {
                errors.Add($"ComplianceHistory[{i}]", "snapshot.violation_missing", "a violation is null.");
                continue;
            }

            errors.Require(
                latest is null || violation.OccurredAt >= latest,
                $"ComplianceHistory[{i}].OccurredAt",
                "creator.violations_out_of_order",
                $"violations are kept in order of occurrence; this one occurred before {latest}.");
            latest = latest > violation.OccurredAt ? latest : violation.OccurredAt;
        }
    }

    private static void ThrowIfInvalid(CreatorProfile profile)
    {
        var errors = profile.Validate();
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors, nameof(profile));
        }
    }
}

/// <summary>A creator's stored form: everything it holds (see <see cref="ISnapshotable{TSelf, TSnapshot}"/>).</summary>
/// <param name="Id">The creator's id.</param>
/// <param name="RegisteredAt">When the creator joined the catalog.</param>
/// <param name="Profile">The public profile.</param>
/// <param name="Accounts">The platform accounts, the primary one first; at most one per platform.</param>
/// <param name="Audience">Who follows the creator; <see cref="Audience.Unknown"/> until reported.</param>
/// <param name="RateCard">The published rate card, or null.</param>
/// <param name="Badges">The badges, each once.</param>
/// <param name="OnVacation">Whether the creator is away and not taking work.</param>
/// <param name="ComplianceHistory">The violations on record, oldest first.</param>
/// <param name="PastCollaborations">The past brand collaborations in the order they were recorded.</param>
public sealed record CreatorSnapshot(
    CreatorId Id,
    Instant RegisteredAt,
    CreatorProfile Profile,
    IReadOnlyList<PlatformAccount> Accounts,
    Audience Audience,
    RateCard? RateCard,
    IReadOnlyList<Badge> Badges,
    bool OnVacation,
    IReadOnlyList<ComplianceViolation> ComplianceHistory,
    IReadOnlyList<PastCollaboration> PastCollaborations);
