using Ardalis.SmartEnum;
using NodaTime;

namespace CreatorMarketplace.Contracts;

/// <summary>Where a Spark Ads authorisation request stands with the creator.</summary>
public sealed class SparkAdsStatus : SmartEnum<SparkAdsStatus, int>
{
    /// <summary>Requested; the creator has not answered.</summary>
    public static readonly SparkAdsStatus Waiting = new("waiting", 1);

    /// <summary>The creator declined.</summary>
    public static readonly SparkAdsStatus Rejected = new("rejected", 2);

    /// <summary>The creator authorised the post and issued an auth code.</summary>
    public static readonly SparkAdsStatus Accepted = new("accepted", 3);

    private SparkAdsStatus(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>The state of an accepted authorisation's auth code at an instant.</summary>
public sealed class AuthCodeStatus : SmartEnum<AuthCodeStatus, int>
{
    /// <summary>Valid and not yet used in an ad.</summary>
    public static readonly AuthCodeStatus NotUsed = new("not used", 1);

    /// <summary>Valid and used in an ad.</summary>
    public static readonly AuthCodeStatus InUse = new("in use", 2);

    /// <summary>Its validity has ended.</summary>
    public static readonly AuthCodeStatus Expired = new("expired", 3);

    /// <summary>Revoked by the creator.</summary>
    public static readonly AuthCodeStatus Deleted = new("deleted", 4);

    private AuthCodeStatus(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>
/// A creator's authorisation for the brand to run one TikTok post as a Spark Ad: requested for 7, 30, 60 or 365
/// days, answered by the creator (who may approve another of those lengths, or reject), extendable, and with an
/// auth code valid from acceptance for the days approved. Immutable: each action returns the new state, and a
/// refused one leaves this as it was.
/// </summary>
/// <remarks>The auth code is a credential: <see cref="ToString"/> never shows it.</remarks>
public sealed record SparkAdsAuthorization
{
    /// <summary>The authorisation lengths TikTok offers, in days. (0 in TikTok's own fields means none was asked for.)</summary>
    public static IReadOnlyList<int> AllowedDays { get; } = [7, 30, 60, 365];

    private SparkAdsAuthorization(ContractId contract, string deliverable, string postId, int requestedDays, Instant requestedAt)
    {
        Contract = contract;
        Deliverable = deliverable;
        PostId = postId;
        RequestedDays = requestedDays;
        RequestedAt = requestedAt;
    }

    /// <summary>The contract whose deliverable the post is.</summary>
    public ContractId Contract { get; }

    /// <summary>The deliverable's name in the contract.</summary>
    public string Deliverable { get; }

    /// <summary>The platform's id of the post.</summary>
    public string PostId { get; }

    /// <summary>The days the brand asked for.</summary>
    public int RequestedDays { get; }

    /// <summary>When the brand asked.</summary>
    public Instant RequestedAt { get; }

    /// <summary>Where the request stands.</summary>
    public SparkAdsStatus Status { get; private init; } = SparkAdsStatus.Waiting;

    /// <summary>When the creator answered, once answered.</summary>
    public Instant? AnsweredAt { get; private init; }

    /// <summary>The days the creator approved (the request's or another allowed length), once accepted.</summary>
    public int? ApprovedDays { get; private init; }

    /// <summary>The auth code the creator issued, once accepted. A credential: keep it out of logs.</summary>
    public string? AuthCode { get; private init; }

    /// <summary>The first instant the code is no longer valid, once accepted (moved later by extensions).</summary>
    public Instant? ValidUntil { get; private init; }

    /// <summary>When the brand first used the code in an ad, if it has.</summary>
    public Instant? UsedFrom { get; private init; }

    /// <summary>When the creator deleted the code, if they have.</summary>
    public Instant? DeletedAt { get; private init; }

    /// <summary>Requests an authorisation for a post.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="deliverable">The deliverable's name in the contract.</param>
    /// <param name="postId">The platform's id of the post.</param>
    /// <param name="days">7, 30, 60 or 365.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>A waiting request.</returns>
    /// <exception cref="DomainValidationException">A blank deliverable or post id, one that breaks <see cref="TextRule.SingleLine"/>, or a length TikTok does not offer.</exception>
    public static SparkAdsAuthorization Request(ContractId contract, string deliverable, string postId, int days, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var errors = new ErrorCollector();
        errors.Require(!string.IsNullOrWhiteSpace(deliverable), nameof(deliverable), "spark_ads.deliverable_missing", "a request names the contract's deliverable.");
        errors.Require(!string.IsNullOrWhiteSpace(postId), nameof(postId), "spark_ads.post_missing", "a request names the post.");
        errors.RequireText(TextRule.SingleLine, deliverable, nameof(deliverable));
        errors.RequireText(TextRule.SingleLine, postId, nameof(postId));
        RequireAllowed(errors, nameof(days), days);
        errors.ThrowIfAny();
        return new(contract, deliverable, postId, days, clock.GetCurrentInstant());
    }

    /// <summary>The creator accepts, for the days requested or another allowed length, and issues the auth code.</summary>
    /// <param name="authCode">The auth code; not blank.</param>
    /// <param name="clock">The clock; the code is valid from now.</param>
    /// <param name="approvedDays">The days approved; the request's when null.</param>
    /// <returns>The accepted authorisation, or <see cref="NotAllowed"/> unless waiting.</returns>
    /// <exception cref="DomainValidationException">A blank code, one that breaks <see cref="TextRule.SingleLine"/>, or a length TikTok does not offer.</exception>
    public CommandResult<SparkAdsAuthorization> Accept(string authCode, IClock clock, int? approvedDays = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var days = approvedDays ?? RequestedDays;
        var errors = new ErrorCollector();
        errors.Require(!string.IsNullOrWhiteSpace(authCode), nameof(authCode), "spark_ads.code_missing", "an accepted authorisation has an auth code.");
        errors.RequireText(TextRule.SingleLine, authCode, nameof(authCode));
        RequireAllowed(errors, nameof(approvedDays), days);
        errors.ThrowIfAny();
        if (Status != SparkAdsStatus.Waiting)
        {
            return Refused("accept", $"the request was already {Status.Name}.");
        }

        var now = clock.GetCurrentInstant();
        return this with { Status = SparkAdsStatus.Accepted, AnsweredAt = now, ApprovedDays = days, AuthCode = authCode, ValidUntil = now + Duration.FromDays(days) };
    }

    /// <summary>The creator declines.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>The rejected request, or <see cref="NotAllowed"/> unless waiting.</returns>
    public CommandResult<SparkAdsAuthorization> Reject(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Status == SparkAdsStatus.Waiting
            ? this with { Status = SparkAdsStatus.Rejected, AnsweredAt = clock.GetCurrentInstant() }
            : Refused("reject", $"the request was already {Status.Name}.");
    }

    /// <summary>
    /// Extends the code's validity by an allowed length, from its current end. A code that has expired is not
    /// extended: its validity is one period, so extending it from now would make the days it had lapsed read as
    /// authorised (<see cref="CodeStatusAt"/>), hiding ads that ran without a licence; ask for a new authorisation.
    /// </summary>
    /// <param name="days">7, 30, 60 or 365.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The extended authorisation, or <see cref="NotAllowed"/> unless accepted, not deleted and not expired.</returns>
    /// <exception cref="DomainValidationException">A length TikTok does not offer.</exception>
    public CommandResult<SparkAdsAuthorization> Extend(int days, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var errors = new ErrorCollector();
        RequireAllowed(errors, nameof(days), days);
        errors.ThrowIfAny();
        var now = clock.GetCurrentInstant();
        if (Status != SparkAdsStatus.Accepted || DeletedAt is not null)
        {
            return Refused("extend", DeletedAt is { } deleted ? $"the code was deleted at {deleted}." : $"the request is {Status.Name}, not accepted.");
        }

        return ValidUntil!.Value > now
            ? this with { ValidUntil = ValidUntil.Value + Duration.FromDays(days) }
            : Refused("extend", $"the code expired at {ValidUntil}; ask for a new authorisation.");
    }

    /// <summary>The brand starts using the code in an ad.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>The authorisation in use (unchanged if already in use), or <see cref="NotAllowed"/> unless the code is valid now.</returns>
    public CommandResult<SparkAdsAuthorization> MarkInUse(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetCurrentInstant();
        var code = CodeStatusAt(now);
        if (code == AuthCodeStatus.InUse)
        {
            return this;
        }

        return code == AuthCodeStatus.NotUsed
            ? this with { UsedFrom = now }
            : Refused("use", code is null ? $"the request is {Status.Name}, not accepted." : $"the code is {code.Name}.");
    }

    /// <summary>The creator deletes (revokes) the code.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>The authorisation with its code deleted, or <see cref="NotAllowed"/> unless accepted and not already deleted.</returns>
    public CommandResult<SparkAdsAuthorization> Delete(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Status == SparkAdsStatus.Accepted && DeletedAt is null
            ? this with { DeletedAt = clock.GetCurrentInstant() }
            : Refused("delete", DeletedAt is { } deleted ? $"the code was already deleted at {deleted}." : $"the request is {Status.Name}, not accepted.");
    }

    /// <summary>The auth code's status at an instant: deleted, expired, in use or not used.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The status, or null when the request was never accepted (or not yet at that instant).</returns>
    public AuthCodeStatus? CodeStatusAt(Instant instant)
    {
        if (Status != SparkAdsStatus.Accepted || instant < AnsweredAt!.Value)
        {
            return null;
        }

        if (DeletedAt is { } deleted && instant >= deleted)
        {
            return AuthCodeStatus.Deleted;
        }

        if (instant >= ValidUntil!.Value)
        {
            return AuthCodeStatus.Expired;
        }

        return UsedFrom is { } used && instant >= used ? AuthCodeStatus.InUse : AuthCodeStatus.NotUsed;
    }

    /// <summary>Formats the authorisation without its code, for example <c>"post 7301: accepted for 30 days, valid until 2026-12-25T10:00:00Z"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Status == SparkAdsStatus.Accepted
            ? $"post {PostId}: accepted for {ApprovedDays} days, valid until {ValidUntil}{(DeletedAt is { } deleted ? $", deleted at {deleted}" : "")}"
            : $"post {PostId}: {Status.Name} (asked for {RequestedDays} days)";

    // Why the post may not run as a Spark Ad at an instant; null when it may.
    internal RightsDenial? DenialAt(Instant instant)
    {
        var code = CodeStatusAt(instant);
        if (code == AuthCodeStatus.NotUsed || code == AuthCodeStatus.InUse)
        {
            return null;
        }

        return code switch
        {
            null when Status == SparkAdsStatus.Accepted => new(null, "rights.spark_ads_not_yet_authorized", $"the Spark Ads code is valid from {AnsweredAt}."),
            null => new(null, "rights.spark_ads_not_authorized", $"the Spark Ads authorisation of post {PostId} is {Status.Name}."),
            _ when code == AuthCodeStatus.Deleted => new(null, "rights.spark_ads_code_deleted", $"the creator deleted the Spark Ads code at {DeletedAt}."),
            _ => new(null, "rights.spark_ads_code_expired", $"the Spark Ads code expired at {ValidUntil}."),
        };
    }

    private static void RequireAllowed(ErrorCollector errors, string field, int days) =>
        errors.Require(AllowedDays.Contains(days), field, "spark_ads.days_not_offered", $"an authorisation lasts 7, 30, 60 or 365 days, got {days}.");

    private NotAllowed Refused(string action, string reason) => new(action, Status.Name, reason);
}
