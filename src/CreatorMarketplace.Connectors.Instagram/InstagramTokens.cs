using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Connectors.Instagram;

/// <summary>
/// A creator's Instagram authorisation: a long-lived access token (60 days) of the Instagram API with Facebook Login,
/// and when it expires. Its text form and every message about it leave the token out.
/// </summary>
public sealed record InstagramTokens : IConnectorTokens
{
    /// <summary>Creates the tokens.</summary>
    /// <param name="accessToken">The long-lived access token, sent as the bearer of every call.</param>
    /// <param name="expiresAt">When it expires; before then it is exchanged for a new one.</param>
    /// <exception cref="ArgumentException">The token is null or blank.</exception>
    public InstagramTokens(string accessToken, Instant expiresAt)
    {
        AccessToken = ConnectorToken.Required(accessToken, nameof(accessToken), "an access token");
        ExpiresAt = expiresAt;
    }

    /// <summary>The access token.</summary>
    public string AccessToken { get; }

    /// <summary>When the access token expires.</summary>
    public Instant ExpiresAt { get; }

    /// <inheritdoc />
    Instant IConnectorTokens.AccessTokenExpiresAt => ExpiresAt;

    /// <inheritdoc />
    IEnumerable<string> IConnectorTokens.Secrets => [AccessToken];

    /// <summary>Describes the tokens without the token: its expiry.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"InstagramTokens {{ AccessToken = [redacted], ExpiresAt = {InstantPattern.General.Format(ExpiresAt)} }}");
}

/// <summary>What <see cref="InstagramConnector.DiscoverAsync"/> finds: another public professional account.</summary>
/// <param name="Id">Instagram's id of the account.</param>
/// <param name="Username">Its username.</param>
/// <param name="Profile">Its profile and numbers, as <see cref="InstagramConnector.GetProfileAsync"/> maps them.</param>
/// <param name="Website">Its website, if given.</param>
/// <param name="ProfilePictureUrl">Its profile picture, if given.</param>
public sealed record InstagramBusinessAccount(string Id, string Username, PlatformProfile Profile, Uri? Website, Uri? ProfilePictureUrl);
