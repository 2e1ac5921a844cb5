using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok;

// The exchanges with TikTok: tokens, refresh, the budget, the error envelope, rate limits and transport failures.
public sealed partial class TikTokConnector
{
    private const string NoTokens = "no TikTok tokens are stored for the account; the creator connects it again.";

    private static readonly ConnectorTelemetry Telemetry = new(CreatorMarketplaceTelemetry.ConnectorsTikTok);

    // Durations beyond this are not an access or refresh token's lifetime (TikTok's are a day and a year).
    private static readonly Duration MaxTokenLifetime = Duration.FromDays(3660);

    private ValueTask<ConnectorResult<T>> CallAsync<T>(
        ConnectedAccount account,
        Endpoint endpoint,
        Func<string, HttpRequestMessage> request,
        Func<JsonAt, Instant, ConnectorResult<T>> map,
        CancellationToken cancellationToken) =>
        Telemetry.RunAsync(
            endpoint.Name,
            _secrets,
            secrets => CallCoreAsync(account, endpoint, request, map, secrets, cancellationToken),
            (secrets, failure) => Log.CallFailed(Logger(secrets), endpoint.Name, account.Creator, failure));

    private RedactingLogger Logger(Secrets secrets) => new(_logger, secrets);

    private async ValueTask<ConnectorResult<T>> CallCoreAsync<T>(
        ConnectedAccount account,
        Endpoint endpoint,
        Func<string, HttpRequestMessage> request,
        Func<JsonAt, Instant, ConnectorResult<T>> map,
        Secrets secrets,
        CancellationToken cancellationToken)
    {
        var tokens = await _tokenStore.GetAsync(account, cancellationToken).ConfigureAwait(false);
        if (tokens is null)
        {
            return new Unauthorized(NoTokens);
        }

        secrets.Add(tokens);

        // Refreshed before the first request when due, or once when TikTok calls the token expired: a token it calls
        // expired right after a refresh is not fixed by another.
        var refresh = MustRefresh(tokens);
        var refreshed = false;
        var waited = false;
        while (true)
        {
            if (refresh)
            {
                var renewed = await RefreshAsync(account, tokens, secrets, cancellationToken).ConfigureAwait(false);
                if (!renewed.TryPickT0(out tokens, out var failed))
                {
                    return ConnectorOutcomes.Relay<T>(failed.Value);
                }

                (refresh, refreshed) = (false, true);
            }

            var used = tokens;
            var reply = await ExchangeAsync(endpoint, () => request(used.AccessToken), secrets, cancellationToken).ConfigureAwait(false);
            switch (ReadEnvelope(endpoint, reply, secrets))
            {
                case Answered answered:
                    try
                    {
                        return map(answered.Data, _clock.GetCurrentInstant());
                    }
                    catch (MalformedResponseException malformed)
                    {
                        return malformed.ToResult();
                    }

                case TokenExpired expired when refreshed:
                    return new Unauthorized(expired.Reason);

                case TokenExpired:
                    Log.Refreshing(Logger(secrets), account.Creator);
                    refresh = true;
                    continue;

                case Throttled throttled when !waited && _maxRetryAfterWait > Duration.Zero && throttled.RetryAfter <= _maxRetryAfterWait:
                    Log.Waiting(Logger(secrets), endpoint.Name, throttled.RetryAfter.TotalSeconds);
                    await Task.Delay(throttled.RetryAfter.ToTimeSpan(), _time, cancellationToken).ConfigureAwait(false);
                    waited = true;
                    continue;

                case Throttled throttled:
                    // Nothing more goes to this endpoint until TikTok's wait is over.
                    _state.Budget.Block(endpoint.Name, _clock.GetCurrentInstant() + throttled.RetryAfter);
                    return new RateLimited(throttled.RetryAfter);

                case Failed failedCall:
                    return ConnectorOutcomes.Relay<T>(failedCall.Failure);
            }
        }
    }

    private bool MustRefresh(TikTokTokens tokens) => TokenRefresh.IsDue(tokens, _clock.GetCurrentInstant(), _refreshMargin);

    // TikTok may rotate the refresh token: a second refresh with the old one would fail.
    private ValueTask<ConnectorResult<TikTokTokens>> RefreshAsync(ConnectedAccount account, TikTokTokens used, Secrets secrets, CancellationToken cancellationToken) =>
        TokenRefresh.RunAsync(
            _state.RefreshGate(account),
            used,
            secrets,
            cancel => _tokenStore.GetAsync(account, cancel),
            MustRefresh,
            async current =>
            {
                if (_clock.GetCurrentInstant() >= current.RefreshTokenExpiresAt)
                {
                    return new Unauthorized("the refresh token expired; the creator connects the account again.");
                }

                var reply = await ExchangeAsync(OAuthToken, () => RefreshRequest(current.RefreshToken), secrets, cancellationToken).ConfigureAwait(false);
                return ReadTokens(reply, current, secrets);
            },
            async tokens =>
            {
                // Saved even if the caller gave up meanwhile: TikTok may already have retired the old refresh token.
                await _tokenStore.SaveAsync(account, tokens, CancellationToken.None).ConfigureAwait(false);
                Log.Refreshed(Logger(secrets), account.Creator, tokens.AccessTokenExpiresAt);
            },
            NoTokens,
            cancellationToken);

    private HttpRequestMessage RefreshRequest(string refreshToken) =>
        ConnectorExchange.TokenRequest(
            new Uri(_baseAddress, OAuthToken.PathAndQuery),
            [
                new("client_key", _clientKey),
                new("client_secret", _clientSecret),
                new("grant_type", "refresh_token"),
                new("refresh_token", refreshToken),
            ]);

    private ValueTask<ConnectorReply> ExchangeAsync(Endpoint endpoint, Func<HttpRequestMessage> build, Secrets secrets, CancellationToken cancellationToken) =>
        _exchange.SendAsync(endpoint.Name, new BudgetTicket(_state.Budget, endpoint.Name, _clock), build, secrets, _exchange.ReadRetryAfter, cancellationToken);

    /// <summary>Reads TikTok's envelope, <c>{"data": …, "error": {"code", "message", "log_id"}}</c>.</summary>
    private Outcome ReadEnvelope(Endpoint endpoint, ConnectorReply reply, Secrets secrets)
    {
        if (reply.Failure is { } failure)
        {
            return new Failed(failure);
        }

        var succeeded = reply.Succeeded;
        string? code = null;
        var message = "";
        string? logId = null;
        try
        {
            if (reply.Body(secrets) is not { } envelope)
            {
                if (succeeded)
                {
                    return new Failed(reply.NotAnObject("response"));
                }
            }
            else
            {
                var error = envelope.Object("error");
                code = error.String("code");
                message = error.OptionalString("message") ?? "";
                logId = error.OptionalString("log_id");
                Log.Answered(Logger(secrets), endpoint.Name, reply.Status, code, logId);
                if (succeeded && code == "ok")
                {
                    return new Answered(envelope.Object("data"));
                }
            }
        }
        catch (MalformedResponseException malformed) when (succeeded)
        {
            return new Failed(malformed.ToResult());
        }
        catch (MalformedResponseException)
        {
            // A failed status without a readable envelope is reported by its status below.
        }

        var said = secrets.Redact(WithLogId(message, logId));
        switch (code)
        {
            case "access_token_expired":
                return new TokenExpired($"{code}: {said}");
            case "access_token_invalid" or "scope_not_authorized":
                return new Failed(new Unauthorized($"{code}: {said}"));
            case "rate_limit_exceeded":
            case var _ when reply.Status == 429:
                return new Throttled(reply.RetryAfter ?? _state.Budget.UntilWindowFrees(endpoint.Name, _clock.GetCurrentInstant()));
            case null or "ok":
                return new Failed(reply.StatusError);
            default:
                return new Failed(new PlatformError(code, said, reply.RetryableStatus || code == "internal_error"));
        }
    }

    /// <summary>
    /// Reads the answer of <c>/v2/oauth/token/</c>: the tokens, or an OAuth error
    /// <c>{"error": "invalid_grant", "error_description": …}</c> (or TikTok's envelope).
    /// </summary>
    private ConnectorResult<TikTokTokens> ReadTokens(ConnectorReply reply, TikTokTokens old, Secrets secrets)
    {
        if (reply.Failure is { } failure)
        {
            return ConnectorOutcomes.Relay<TikTokTokens>(failure);
        }

        var succeeded = reply.Succeeded;
        string? code = null;
        string? description = null;
        string? logId = null;
        try
        {
            if (reply.Body(secrets) is { } body)
            {
                switch (body.Optional("error"))
                {
                    case { Value.ValueKind: JsonValueKind.Object } error:
                        code = error.String("code");
                        description = error.OptionalString("message");
                        logId = error.OptionalString("log_id");
                        break;
                    case { } error:
                        code = body.String("error");
                        description = body.OptionalString("error_description");
                        logId = body.OptionalString("log_id");
                        break;
                }

                Log.Answered(Logger(secrets), OAuthToken.Name, reply.Status, code ?? "ok", logId);
                if (succeeded && code is null or "" or "ok")
                {
                    return NewTokens(body, old);
                }
            }
            else if (succeeded)
            {
                return reply.NotAnObject("token response");
            }
        }
        catch (MalformedResponseException malformed) when (succeeded)
        {
            return malformed.ToResult();
        }
        catch (MalformedResponseException)
        {
            // Reported by its status below.
        }

        var said = secrets.Redact(WithLogId(description ?? reply.Reason ?? "", logId));
        if (code == "rate_limit_exceeded" || reply.Status == 429)
        {
            var wait = reply.RetryAfter ?? _state.Budget.UntilWindowFrees(OAuthToken.Name, _clock.GetCurrentInstant());
            _state.Budget.Block(OAuthToken.Name, _clock.GetCurrentInstant() + wait);
            return new RateLimited(wait);
        }

        if (code is "invalid_grant" or "access_token_invalid")
        {
            return new Unauthorized($"the token refresh was refused: {code}: {said}");
        }

        return new PlatformError(string.IsNullOrEmpty(code) ? reply.HttpCode : code, said, reply.RetryableStatus || code == "internal_error");
    }

    private TikTokTokens NewTokens(JsonAt body, TikTokTokens old)
    {
        var now = _clock.GetCurrentInstant();
        var accessToken = body.NewSecret("access_token");
        var refreshToken = body.NewSecret("refresh_token");
        if (string.IsNullOrWhiteSpace(accessToken) || string.IsNullOrWhiteSpace(refreshToken))
        {
            throw new MalformedResponseException("access_token and refresh_token are never empty.");
        }

        return new TikTokTokens(
            accessToken,
            now + body.TokenLifetime("expires_in", MaxTokenLifetime, "10 years"),
            refreshToken,
            now + body.TokenLifetime("refresh_expires_in", MaxTokenLifetime, "10 years"),
            body.OptionalString("open_id") ?? old.OpenId,
            body.OptionalString("scope") ?? old.Scope);
    }

    private static string WithLogId(string message, string? logId) =>
        string.IsNullOrEmpty(logId) ? message
        : message.Length == 0 ? $"(log id {logId})"
        : $"{message} (log id {logId})";

    private abstract record Outcome;

    private sealed record Answered(JsonAt Data) : Outcome;

    private sealed record TokenExpired(string Reason) : Outcome;

    private sealed record Throttled(Duration RetryAfter) : Outcome;

    private sealed record Failed(object Failure) : Outcome;

    // Takes only the redacting logger, so that no line can leave unredacted.
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "TikTok {Endpoint} answered HTTP {Status} with code {Code} (log id {LogId})")]
        public static partial void Answered(RedactingLogger logger, string endpoint, int status, string code, string? logId);

        [LoggerMessage(2, LogLevel.Debug, "The TikTok access token of creator {Creator} expired; refreshing it")]
        public static partial void Refreshing(RedactingLogger logger, CreatorId creator);

        [LoggerMessage(3, LogLevel.Information, "Refreshed the TikTok access token of creator {Creator}; the new one expires at {ExpiresAt}")]
        public static partial void Refreshed(RedactingLogger logger, CreatorId creator, Instant expiresAt);

        [LoggerMessage(4, LogLevel.Warning, "TikTok {Endpoint} asked to slow down; waiting {Seconds} s before trying once more")]
        public static partial void Waiting(RedactingLogger logger, string endpoint, double seconds);

        [LoggerMessage(5, LogLevel.Warning, "TikTok {Endpoint} for creator {Creator} failed: {Failure}")]
        public static partial void CallFailed(RedactingLogger logger, string endpoint, CreatorId creator, string failure);
    }
}
