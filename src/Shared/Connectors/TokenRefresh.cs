using NodaTime;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>A creator's tokens as every connector handles them: an access token that expires, and the secrets a call holds.</summary>
internal interface IConnectorTokens
{
    /// <summary>The access token, sent as the bearer of every call.</summary>
    string AccessToken { get; }

    /// <summary>When the access token expires.</summary>
    Instant AccessTokenExpiresAt { get; }

    /// <summary>Every token of the authorisation: each is redacted from whatever the platform says.</summary>
    IEnumerable<string> Secrets { get; }
}

/// <summary>The check every tokens record makes of each token it is given.</summary>
internal static class ConnectorToken
{
    /// <summary>The token, refused when null or blank; the message names the argument, never its value.</summary>
    /// <param name="token">The token.</param>
    /// <param name="argument">The argument's name, such as <c>accessToken</c>.</param>
    /// <param name="what">The token as the message names it, such as "an access token".</param>
    /// <exception cref="ArgumentException">The token is null or blank.</exception>
    public static string Required(string token, string argument, string what) =>
        string.IsNullOrWhiteSpace(token) ? throw new ArgumentException($"{argument}: {what} is required.", argument) : token;
}

/// <summary>
/// A token refresh as every connector runs it: one per account at a time (a second one with the same tokens is
/// wasted, or refused where the platform rotates them), the calls that waited taking the tokens it saved.
/// </summary>
internal static class TokenRefresh
{
    /// <summary>Whether the access token expires within the margin, or has: it is renewed before it is sent.</summary>
    public static bool IsDue(IConnectorTokens tokens, Instant now, Duration margin) => now >= tokens.AccessTokenExpiresAt - margin;

    /// <summary>A lifetime a platform gave a new token, in seconds: more than zero and at most <paramref name="max"/>.</summary>
    /// <param name="body">The token answer.</param>
    /// <param name="name">The member, such as <c>expires_in</c>.</param>
    /// <param name="max">The longest lifetime that can be meant: beyond it a number is not a token's lifetime.</param>
    /// <param name="maxSaid">The longest lifetime as the message says it, such as "a year".</param>
    /// <exception cref="MalformedResponseException">The lifetime is missing, not a whole number, or out of range.</exception>
    public static Duration TokenLifetime(this JsonAt body, string name, Duration max, string maxSaid)
    {
        var seconds = body.Int64(name);
        return seconds > 0 && seconds <= max.TotalSeconds
            ? Duration.FromSeconds(seconds)
            : throw MalformedResponseException.At(name, $"a token's lifetime is more than 0 and at most {maxSaid} in seconds, got {seconds}.");
    }

    /// <summary>Refreshes the account's tokens under its gate, unless another call renewed them while this one waited.</summary>
    /// <param name="gate">The account's refresh gate.</param>
    /// <param name="used">The tokens the call found due or refused.</param>
    /// <param name="secrets">The call's secrets: every token read or renewed is added before anything is said of it.</param>
    /// <param name="read">Reads the account's tokens as the store has them now.</param>
    /// <param name="mustRefresh">Whether tokens are due for renewal; stored tokens of another call's renewal that are not are used as they are.</param>
    /// <param name="renew">Asks the platform for new tokens in place of the stored ones.</param>
    /// <param name="keep">Saves the renewed tokens; they are held as secrets already.</param>
    /// <param name="noTokens">Why the call is unauthorised when the store has no tokens.</param>
    /// <param name="cancellationToken">Cancels the wait for the gate, the read and the renewal.</param>
    public static async ValueTask<ConnectorResult<TTokens>> RunAsync<TTokens>(
        SemaphoreSlim gate,
        TTokens used,
        Secrets secrets,
        Func<CancellationToken, ValueTask<TTokens?>> read,
        Func<TTokens, bool> mustRefresh,
        Func<TTokens, ValueTask<ConnectorResult<TTokens>>> renew,
        Func<TTokens, ValueTask> keep,
        string noTokens,
        CancellationToken cancellationToken)
        where TTokens : class, IConnectorTokens
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await read(cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return new Unauthorized(noTokens);
            }

            secrets.Add(current);
            if (!string.Equals(current.AccessToken, used.AccessToken, StringComparison.Ordinal) && !mustRefresh(current))
            {
                return current;
            }

            var renewed = await renew(current).ConfigureAwait(false);
            if (renewed.TryPickT0(out var tokens, out _))
            {
                secrets.Add(tokens);
                await keep(tokens).ConfigureAwait(false);
            }

            return renewed;
        }
        finally
        {
            gate.Release();
        }
    }
}
