namespace CreatorMarketplace.Connectors.Http;

/// <summary>
/// A token refresh as every connector runs it: one per account at a time (a second one with the same tokens is
/// wasted, or refused where the platform rotates them), the calls that waited taking the tokens it saved.
/// </summary>
internal static class TokenRefresh
{
    /// <summary>Refreshes the account's tokens under its gate, unless another call renewed them while this one waited.</summary>
    /// <param name="gate">The account's refresh gate.</param>
    /// <param name="read">Reads the account's tokens as the store has them now.</param>
    /// <param name="hold">Adds tokens to the call's secrets, before anything is said of them.</param>
    /// <param name="renewedMeanwhile">Whether the stored tokens are another call's renewal, still good: they are used as they are.</param>
    /// <param name="renew">Asks the platform for new tokens in place of the stored ones.</param>
    /// <param name="keep">Saves the renewed tokens; they are held as secrets already.</param>
    /// <param name="noTokens">Why the call is unauthorised when the store has no tokens.</param>
    /// <param name="cancellationToken">Cancels the wait for the gate, the read and the renewal.</param>
    public static async ValueTask<ConnectorResult<TTokens>> RunAsync<TTokens>(
        SemaphoreSlim gate,
        Func<CancellationToken, ValueTask<TTokens?>> read,
        Action<TTokens> hold,
        Func<TTokens, bool> renewedMeanwhile,
        Func<TTokens, ValueTask<ConnectorResult<TTokens>>> renew,
        Func<TTokens, ValueTask> keep,
        string noTokens,
        CancellationToken cancellationToken)
        where TTokens : class
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await read(cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return new Unauthorized(noTokens);
            }

            hold(current);
            if (renewedMeanwhile(current))
            {
                return current;
            }

            var renewed = await renew(current).ConfigureAwait(false);
            if (renewed.TryPickT0(out var tokens, out _))
            {
                hold(tokens);
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
