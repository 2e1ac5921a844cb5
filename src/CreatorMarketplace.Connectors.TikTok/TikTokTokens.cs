using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Connectors.TikTok;

/// <summary>
/// A creator's TikTok authorisation: the access token (24 hours) and the refresh token (longer) that renews it. Its
/// text form and every message about it leave the tokens out.
/// </summary>
public sealed record TikTokTokens : IConnectorTokens
{
    /// <summary>Creates the tokens.</summary>
    /// <param name="accessToken">The access token, sent as the bearer of every call.</param>
    /// <param name="accessTokenExpiresAt">When the access token expires.</param>
    /// <param name="refreshToken">The refresh token.</param>
    /// <param name="refreshTokenExpiresAt">When the refresh token expires; after that the creator connects the account again.</param>
    /// <param name="openId">TikTok's id of the account (<c>open_id</c>), if known.</param>
    /// <param name="scope">The scopes the creator granted, comma-separated as TikTok gives them, if known.</param>
    /// <exception cref="ArgumentException">A token is null or blank.</exception>
    public TikTokTokens(string accessToken, Instant accessTokenExpiresAt, string refreshToken, Instant refreshTokenExpiresAt, string? openId = null, string? scope = null)
    {
        AccessToken = ConnectorToken.Required(accessToken, nameof(accessToken), "an access token");
        AccessTokenExpiresAt = accessTokenExpiresAt;
        RefreshToken = ConnectorToken.Required(refreshToken, nameof(refreshToken), "a refresh token");
        RefreshTokenExpiresAt = refreshTokenExpiresAt;
        OpenId = openId;
        Scope = scope;
    }

    /// <summary>The access token.</summary>
    public string AccessToken { get; }

    /// <summary>When the access token expires.</summary>
    public Instant AccessTokenExpiresAt { get; }

    /// <summary>The refresh token.</summary>
    public string RefreshToken { get; }

    /// <summary>When the refresh token expires.</summary>
    public Instant RefreshTokenExpiresAt { get; }

    /// <summary>TikTok's id of the account, if known.</summary>
    public string? OpenId { get; }

    /// <summary>The scopes granted, if known.</summary>
    public string? Scope { get; }

    /// <inheritdoc />
    IEnumerable<string> IConnectorTokens.Secrets => [AccessToken, RefreshToken];

    /// <summary>Describes the tokens without them: their expiries, the account and the scopes.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"TikTokTokens {{ AccessToken = [redacted], AccessTokenExpiresAt = {InstantPattern.General.Format(AccessTokenExpiresAt)}, RefreshToken = [redacted], RefreshTokenExpiresAt = {InstantPattern.General.Format(RefreshTokenExpiresAt)}, OpenId = {OpenId}, Scope = {Scope} }}");
}
