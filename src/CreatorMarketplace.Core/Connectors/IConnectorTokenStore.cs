namespace CreatorMarketplace.Connectors;

/// <summary>
/// Where the application keeps each creator's tokens for one platform: a connector reads them before each call and
/// saves the renewed ones after a refresh. The application registers its own (one generic class can serve every
/// platform, as <c>IConnectorTokenStore&lt;TikTokTokens&gt;</c>, <c>IConnectorTokenStore&lt;YouTubeTokens&gt;</c> and
/// so on); the connectors have none of their own.
/// </summary>
/// <typeparam name="TTokens">The platform's tokens, such as the TikTok connector's <c>TikTokTokens</c>.</typeparam>
/// <remarks>
/// The tokens are secrets: a store keeps them encrypted at rest (the application chooses how) and never logs them,
/// nor anything that shows them. Each account has at most one set of tokens: <see cref="SaveAsync"/> replaces it,
/// and <see cref="GetAsync"/> returns the last one saved, or null when none is stored.
/// </remarks>
public interface IConnectorTokenStore<TTokens>
    where TTokens : class
{
    /// <summary>Reads the account's tokens.</summary>
    /// <param name="account">The connected account.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The tokens, or null when none are stored for the account (never connected, or disconnected).</returns>
    ValueTask<TTokens?> GetAsync(ConnectedAccount account, CancellationToken cancellationToken);

    /// <summary>Keeps the account's tokens in place of any it had, such as the renewed ones after a refresh.</summary>
    /// <param name="account">The connected account.</param>
    /// <param name="tokens">The tokens to keep.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the tokens are kept.</returns>
    ValueTask SaveAsync(ConnectedAccount account, TTokens tokens, CancellationToken cancellationToken);
}
