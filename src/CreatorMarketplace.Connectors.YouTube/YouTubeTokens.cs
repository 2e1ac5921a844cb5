using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Connectors.YouTube;

/// <summary>
/// A creator's Google authorisation for YouTube: the access token (an hour) and the refresh token that renews it.
/// Its text form and every message about it leave the tokens out.
/// </summary>
public sealed record YouTubeTokens : IConnectorTokens
{
    /// <summary>Creates the tokens.</summary>
    /// <param name="accessToken">The access token, sent as the bearer of every call.</param>
    /// <param name="accessTokenExpiresAt">When the access token expires.</param>
    /// <param name="refreshToken">The refresh token; Google's do not expire on a schedule, but can be revoked.</param>
    /// <param name="scope">The scopes the creator granted, space-separated as Google gives them, if known.</param>
    /// <exception cref="ArgumentException">A token is null or blank.</exception>
    public YouTubeTokens(string accessToken, Instant accessTokenExpiresAt, string refreshToken, string? scope = null)
    {
        AccessToken = ConnectorToken.Required(accessToken, nameof(accessToken), "an access token");
        AccessTokenExpiresAt = accessTokenExpiresAt;
        RefreshToken = ConnectorToken.Required(refreshToken, nameof(refreshToken), "a refresh token");
        Scope = scope;
    }

    /// <summary>The access token.</summary>
    public string AccessToken { get; }

    /// <summary>When the access token expires.</summary>
    public Instant AccessTokenExpiresAt { get; }

    /// <summary>The refresh token.</summary>
    public string RefreshToken { get; }

    /// <summary>The scopes granted, if known.</summary>
    public string? Scope { get; }

    /// <inheritdoc />
    IEnumerable<string> IConnectorTokens.Secrets => [AccessToken, RefreshToken];

    /// <summary>Describes the tokens without them: the access token's expiry and the scopes.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"YouTubeTokens {{ AccessToken = [redacted], AccessTokenExpiresAt = {InstantPattern.General.Format(AccessTokenExpiresAt)}, RefreshToken = [redacted], Scope = {Scope} }}");
}
