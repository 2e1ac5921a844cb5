using NodaTime;

namespace CreatorMarketplace.Access;

/// <summary>
/// A client brand's grant to an agency: the agency's staff may act in the client's workspace, each within both the
/// grant's scope and their own role in the agency. Revocable; a revoked or expired grant permits nothing.
/// </summary>
public sealed class AccessGrant
{
    private AccessGrant(AccessGrantId id, WorkspaceId agency, WorkspaceId client, Permission[] scope, Instant from, Instant? until, Instant? revokedAt)
    {
        Id = id;
        Agency = agency;
        Client = client;
        Scope = scope;
        From = from;
        Until = until;
        RevokedAt = revokedAt;
    }

    /// <summary>The grant.</summary>
    public AccessGrantId Id { get; }

    /// <summary>The agency's workspace, whose members act through the grant.</summary>
    public WorkspaceId Agency { get; }

    /// <summary>The client brand's workspace they act in.</summary>
    public WorkspaceId Client { get; }

    /// <summary>What the agency may do there, at most; each member only what their agency role also permits.</summary>
    public IReadOnlyList<Permission> Scope { get; }

    /// <summary>When the grant takes effect.</summary>
    public Instant From { get; }

    /// <summary>When it expires (exclusive); null if it does not.</summary>
    public Instant? Until { get; }

    /// <summary>When the client revoked it; null while it stands.</summary>
    public Instant? RevokedAt { get; }

    /// <summary>Creates a grant.</summary>
    /// <param name="id">The grant.</param>
    /// <param name="agency">The agency's workspace.</param>
    /// <param name="client">The client brand's workspace; another than the agency's.</param>
    /// <param name="scope">What the agency may do there: at least one permission.</param>
    /// <param name="from">When the grant takes effect.</param>
    /// <param name="until">When it expires (exclusive), after <paramref name="from"/>; null if it does not.</param>
    /// <returns>The grant.</returns>
    /// <exception cref="DomainValidationException">The scope is empty or holds a null, the client is the agency, or the grant expires before it begins.</exception>
    public static AccessGrant Create(AccessGrantId id, WorkspaceId agency, WorkspaceId client, IEnumerable<Permission> scope, Instant from, Instant? until = null)
    {
        var permissions = scope?.ToArray();
        var errors = new ErrorCollector();
        errors.Require(agency != client, "client", "grant.client_is_agency", "an agency's grant is to act in another workspace than its own.");
        if (errors.Require(permissions is { Length: > 0 }, "scope", "grant.scope_empty", "a grant names at least one permission."))
        {
            errors.Require(!permissions!.Contains(null), "scope", "grant.scope_null", "a grant's scope holds no null permission.");
        }

        errors.Require(until is null || until > from, "until", "grant.ends_before_start", $"a grant expires after it takes effect ({from}).");
        errors.ThrowIfAny();
        return new AccessGrant(id, agency, client, [.. permissions!.Distinct().OrderBy(permission => permission.Value)], from, until, null);
    }

    /// <summary>The grant revoked at an instant: it permits nothing from then on.</summary>
    /// <param name="at">When; an earlier revocation already recorded stands.</param>
    /// <returns>The revoked grant.</returns>
    public AccessGrant RevokedOn(Instant at) =>
        RevokedAt is { } revoked && revoked <= at ? this : new AccessGrant(Id, Agency, Client, [.. Scope], From, Until, at);

    /// <summary>Why the grant does not stand at an instant, or null when it stands.</summary>
    /// <param name="at">The instant.</param>
    /// <returns>A sentence, or null.</returns>
    internal string? NotInForce(Instant at) =>
        at < From ? $"grant {Id} takes effect at {From}." :
        RevokedAt is { } revoked && at >= revoked ? $"grant {Id} was revoked at {revoked}." :
        Until is { } until && at >= until ? $"grant {Id} expired at {until}." :
        null;

    /// <inheritdoc />
    public override string ToString() => $"grant {Id}: {Agency} for {Client} ({string.Join(", ", Scope)})";
}
